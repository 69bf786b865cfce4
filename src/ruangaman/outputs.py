"""The build's files that are not pages: open data, vCards, the script and the service worker.

`build_outputs()` returns `{relative path: bytes}`; `staging` writes them next to the rendered
pages in `.staging/docs`, and MkDocs copies files without a language suffix to the site once, at
the same path (`api/services.json` -> `site/api/services.json`, not under `en/`). Nothing here
knows MkDocs.
"""

from __future__ import annotations

import json
from importlib import resources

from ruangaman.content import Content
from ruangaman.opendata import export_files
from ruangaman.region import Region
from ruangaman.render import page_url
from ruangaman.share import vcard

# Opened with the site on a first visit so they work offline after it (network-first always).
PRECACHED_PAGES = ("hotline", "layanan/index")
ASSETS = ("assets/ruangaman-directory.js",)


def _asset(name: str) -> bytes:
    return resources.files("ruangaman").joinpath(name).read_bytes()


def precache_urls(content: Content) -> list[str]:
    """Addresses relative to the site root that the service worker keeps from its install."""
    main = content.languages[0]
    urls = []
    for lang in content.languages:
        prefix = "" if lang == main else f"{lang}/"
        urls += [prefix + page_url(name) for name in PRECACHED_PAGES]
    return urls + ["assets/ruangaman.css", "assets/ruangaman.js", *ASSETS]


def service_worker(content: Content) -> bytes:
    """sw.js: the template with this site's list of pages to keep."""
    script = _asset("assets/sw.js").decode("utf-8")
    return script.replace("/*PRECACHE*/[]", json.dumps(precache_urls(content))).encode("utf-8")


def vcard_files(content: Content) -> dict[str, bytes]:
    files = {}
    base = content.site.get("url")
    for service in content.services:
        address = base.rstrip("/") + "/" + page_url(f"layanan/{service.slug}") if base else None
        card = vcard(service, address)
        if card is not None:
            files[f"kontak/{service.slug}.vcf"] = card.encode("utf-8")
    return files


def build_outputs(content: Content, region: Region) -> dict[str, bytes]:
    """Every non-page file of the site."""
    files = export_files(content, region)
    files.update(vcard_files(content))
    for name in ASSETS:
        files[name] = _asset(name)
    files["sw.js"] = service_worker(content)
    return files
