"""The build's files that are not pages: open data, vCards, the script and the service worker.

`build_outputs()` returns `{relative path: bytes}`; `write_outputs()` puts them into the built
site once every language is built, at the same path in every case (`api/services.json` ->
`site/api/services.json`, not under `en/`). They are not handed to MkDocs: at national scale
there are thousands (a vCard per service) and MkDocs would look at each once per language.
Nothing here knows MkDocs.
"""

from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path

from ruangaman.load.discover import remembered
from ruangaman.render.opendata import export_files
from ruangaman.render.share import vcard
from ruangaman.validate.site import Site

# Opened with the site on a first visit so they work offline after it (network-first always).
PRECACHED_PAGES = ("hotline", "layanan/index")
# The project's own script and style: shipped in the package, never taken from docs/ (what a
# pull request can change there is content, not code).
ASSETS = ("assets/ruangaman.css", "assets/ruangaman.js", "assets/ruangaman-directory.js")


def _asset(name: str) -> bytes:
    """A file shipped in `render/static/`, by its name on the site (`assets/x.js` or `sw.js`)."""
    return (
        resources.files("ruangaman.render").joinpath("static", name.rpartition("/")[2]).read_bytes()
    )


def precache_urls(site: Site) -> list[str]:
    """Addresses relative to the site root that the service worker keeps from its install."""
    urls = [site.urls.site_path(lang, name) for lang in site.languages for name in PRECACHED_PAGES]
    return urls + list(ASSETS)


def service_worker(site: Site) -> bytes:
    """sw.js: the template with this site's list of pages to keep."""
    script = _asset("assets/sw.js").decode("utf-8")
    return script.replace("/*PRECACHE*/[]", json.dumps(precache_urls(site))).encode("utf-8")


# In a preview (`serve`), a vCard is made again only when its service's file was read again or
# the site's address changed: slug -> (data, address, card).
_CARDS: dict[str, tuple] = {}


def vcard_files(site: Site) -> dict[str, bytes]:
    files = {}
    urls = site.urls
    for service in site.services:
        # A card names the service's page in the main language (a card has no language).
        address = urls.absolute(urls.main, f"layanan/{service.slug}")
        card = remembered(_CARDS, service, address, lambda s=service, a=address: vcard(s, a))
        if card is not None:
            files[f"kontak/{service.slug}.vcf"] = card.encode("utf-8")
    return files


def build_outputs(site: Site) -> dict[str, bytes]:
    """Every non-page file of the site."""
    files = export_files(site)
    files.update(vcard_files(site))
    for name in ASSETS:
        files[name] = _asset(name)
    files["sw.js"] = service_worker(site)
    return files


# What `write_outputs` last wrote in this process (`serve` rebuilds): path -> hash of the bytes.
_WRITTEN: dict[str, int] = {}


def write_outputs(site: Path, files: dict[str, bytes]) -> int:
    """Write the files into the built site; return how many were written (not unchanged).

    A file this process wrote into `site` before and that is no longer made (`serve`: a
    deleted service's vCard) is removed.
    """
    written = 0
    targets = set()
    for rel, data in files.items():
        target = f"{site}/{rel}"
        targets.add(target)
        before = _WRITTEN.get(target)
        _WRITTEN[target] = hash(data)
        if before == _WRITTEN[target] and os.path.isfile(target):
            continue
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as out:
            out.write(data)
        written += 1
    for target in [t for t in _WRITTEN if t.startswith(f"{site}/") and t not in targets]:
        del _WRITTEN[target]
        Path(target).unlink(missing_ok=True)
    return written
