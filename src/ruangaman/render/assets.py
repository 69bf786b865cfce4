"""The build's files that are not pages: open data, vCards, the script and the service worker.

`build_outputs()` returns `{relative path: bytes}`; `write_outputs()` puts them into the built
site once every language is built, at the same path in every case (`api/services.json` ->
`site/api/services.json`, not under `en/`). They are not handed to MkDocs: at national scale
there are thousands (a vCard per service) and MkDocs would look at each once per language.
Nothing here knows MkDocs.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from ruangaman.render.opendata import export_files
from ruangaman.render.share import vcard
from ruangaman.session import BuildSession, digest
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


def vcard_files(site: Site, session: BuildSession) -> dict[str, bytes]:
    """A vCard per service. In a preview (`serve`) one is made again only when its service's
    file or the site's address changed (`session.vcards`)."""
    files = {}
    urls = site.urls
    for service in site.services:
        # A card names the service's page in the main language (a card has no language).
        address = urls.absolute(urls.main, f"layanan/{service.slug}")
        card = session.vcards.get(
            service.slug,
            digest(service.digest, address or ""),
            lambda s=service, a=address: vcard(s, a),
        )
        if card is not None:
            files[f"kontak/{service.slug}.vcf"] = card.encode("utf-8")
    return files


def build_outputs(site: Site, session: BuildSession | None = None) -> dict[str, bytes]:
    """Every non-page file of the site."""
    session = session or BuildSession.one_shot()
    files = export_files(site, session)
    files.update(vcard_files(site, session))
    for name in ASSETS:
        files[name] = _asset(name)
    files["sw.js"] = service_worker(site)
    return files


def write_outputs(site: Path, files: dict[str, bytes], session: BuildSession) -> int:
    """Write the files into the built site; return how many were written (not unchanged).

    A file this session wrote into `site` before and that is no longer made (`serve`: a
    deleted service's vCard) is removed.
    """
    written = 0
    targets = set()
    for rel, data in files.items():
        target = f"{site}/{rel}"
        targets.add(target)
        written += session.site_files.write(target, data)
    session.site_files.remove_unlisted(site, targets)
    return written
