"""Every page type of the shipped site, in both languages: what the browser tests walk through."""

from __future__ import annotations

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
