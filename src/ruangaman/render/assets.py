"""The build's files that are not pages: open data, vCards, the script and the service worker.

`build_outputs()` returns `{relative path: bytes}`; `write_outputs()` puts them into the built
site once every language is built, at the same path in every case (`api/services.json` ->
`site/api/services.json`, not under `en/`). They are not handed to MkDocs: at national scale
there are thousands (a vCard per service) and MkDocs would look at each once per language.
Nothing here knows MkDocs.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType

from calmjs.parse import es5
from calmjs.parse.unparsers.es5 import minify_print

from ruangaman.paths import STYLESHEET_LINK
from ruangaman.render.opendata import export_files
from ruangaman.render.share import vcard
from ruangaman.session import BuildSession, digest
from ruangaman.validate.site import Site

# Opened with the site on a first visit so they work offline after it (network-first always).
PRECACHED_PAGES = ("hotline", "layanan/index")
# The project's own scripts and style: shipped in the package, never taken from docs/ (what a
# pull request can change there is content, not code). The style is not published as it is:
# `finish.stylesheet` puts it into the site's one stylesheet (`own_stylesheet`).
DIRECTORY_SCRIPT = "assets/ruangaman-directory.js"
PLAN_SCRIPT = "assets/ruangaman-plan.js"
ASSETS = ("assets/ruangaman.js", DIRECTORY_SCRIPT, PLAN_SCRIPT)
# What the directory script works on ("open now", the filter, share, print) and what the safety
# plan's does: a page loads only the scripts that have something to work on in it.
_WORKS_ON = MappingProxyType(
    {
        DIRECTORY_SCRIPT: re.compile(
            r'data-schedule=|class="[^"]*\bra-(?:filter|share|print)(?:\s|")'
        ),
        PLAN_SCRIPT: re.compile(r"data-ra-plan\b"),
    }
)


def _asset(name: str) -> bytes:
    """A file shipped in `render/static/`, by its name on the site (`assets/x.js` or `sw.js`)."""
    return (
        resources.files("ruangaman.render").joinpath("static", name.rpartition("/")[2]).read_bytes()
    )


@lru_cache(maxsize=len(ASSETS))  # keyed by the text: a script edited is minified again
def minified_script(script: str) -> str:
    """Our own script as a minifier prints it (calmjs.parse: comments and spaces out, local
    names shortened; the names other code reads, `window.RuangAman`, stay): half the bytes
    gzipped, the same program. Our scripts are ES5, which is what the parser reads; a script
    it cannot read stops the build, and the browser tests run the minified scripts. Made once
    per text (~0.1 s of CPU for the three: not again on every rebuild of `serve`)."""
    return minify_print(es5(script), obfuscate=True, obfuscate_globals=False) + "\n"


def page_scripts(page_html: str) -> dict[str, bool]:
    """For each page-specific script, whether a page's content has something it works on
    (ruangaman.js, Quick exit, is on every page)."""
    return {name: rule.search(page_html) is not None for name, rule in _WORKS_ON.items()}


def own_stylesheet() -> str:
    """The project's own stylesheet (`render/static/ruangaman.css`)."""
    return _asset(STYLESHEET_LINK).decode("utf-8")


def precache_urls(site: Site) -> list[str]:
    """Addresses relative to the site root that the service worker keeps from its install (the
    stylesheet by the address `finish.stylesheet` replaces with its hashed name)."""
    urls = [site.urls.site_path(lang, name) for lang in site.languages for name in PRECACHED_PAGES]
    return [*urls, STYLESHEET_LINK, *ASSETS]


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
        files[name] = minified_script(_asset(name).decode("utf-8")).encode("utf-8")
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
