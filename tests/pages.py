"""Every page type of the shipped site, in both languages: what the browser tests walk through."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import yaml

_SITE_YML = Path(__file__).resolve().parents[1] / "content" / "site.yml"
EXIT_URL = yaml.safe_load(_SITE_YML.read_text(encoding="utf-8"))["quick_exit_url"]
START_URL = "https://start.invalid/"  # a page the reader was on before ours (served by the test)
STUB = "<!doctype html><title>elsewhere</title><p>elsewhere</p>"

PAGE_TYPES = {
    "home": "",
    "guide": "panduan/sembunyikan-kunjungan/",
    "directory": "layanan/",
    "kecamatan": "layanan/kecamatan/sungai-raya/",
    "type": "layanan/jenis/pengaduan/",
    "service": "layanan/uptd-ppa-kubu-raya/",
    "hotlines": "hotline/",
    "safety plan": "panduan/rencana-keselamatan/",
    "about": "tentang/",
    "404": "404.html",
}
LANGUAGE_PREFIXES = {"id": "", "en": "en/"}


def every_page() -> list[tuple[str, str, str]]:
    """(language, page type, path) for each page type in each language."""
    return [
        (lang, kind, prefix + path)
        for lang, prefix in LANGUAGE_PREFIXES.items()
        for kind, path in PAGE_TYPES.items()
    ]


def stub_other_sites(context, own: str, held: list | None = None) -> None:
    """Serve every site but ours (netloc `own`) with a stub page, so no test leaves 127.0.0.1.
    With `held`, requests to the Quick exit site are kept there unanswered: the exit site
    "loading", as on a slow network, until the test fulfils them."""

    def handle(route) -> None:
        if urlsplit(route.request.url).netloc == own:
            route.continue_()
        elif held is not None and route.request.url.startswith(EXIT_URL):
            held.append(route)
        else:
            route.fulfill(status=200, content_type="text/html", body=STUB)

    context.route("**/*", handle)
