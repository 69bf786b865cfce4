"""Issue 12, points 3 and 4: pages that tell the truth. Every guide ends with its sources and the
day it was last reviewed, in the reader's language; the guide "Sembunyikan kunjungan Anda" and
the About page say what the phone keeps and how to clear it, and About names the publisher."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from playwright.sync_api import expect

from ruangaman.text import long_date

GUIDES = ROOT / "docs" / "panduan"
REVIEWED = {"id": "Terakhir ditinjau:", "en": "Last reviewed:"}
SOURCES = {"id": "Sumber", "en": "Sources"}
PREFIX = {"id": "", "en": "en/"}


def _front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def shipped_guides() -> list[tuple[str, str, dict]]:
    """(language, guide name, front matter) of every shipped guide (not the index)."""
    found = []
    for path in sorted(GUIDES.glob("*.md")):
        name, lang, _ = path.name.split(".")
        if name != "index":
            found.append((lang, name, _front_matter(path)))
    return found


@pytest.fixture(scope="module")
def base(shipped_site, serve) -> str:
    return serve(shipped_site)


def test_every_guide_is_shipped_in_both_languages():
    guides = shipped_guides()
    assert len(guides) >= 20
    assert {(lang, name) for lang, name, _ in guides} == {
        (lang, name) for _, name, _ in guides for lang in ("id", "en")
    }


@pytest.mark.browser
@pytest.mark.parametrize(("width", "script"), [(360, False), (1280, True)])
def test_every_guide_ends_with_its_sources_and_review_date(browser, base, width, script):
    context = browser.new_context(
        viewport={"width": width, "height": 740}, java_script_enabled=script
    )
    page = context.new_page()
    for lang, name, meta in shipped_guides():
        page.goto(f"{base}{PREFIX[lang]}panduan/{name}/")
        ending = page.locator("article .ra-guide-sources")
        expect(ending).to_have_count(1)
        ending.scroll_into_view_if_needed()
        expect(ending).to_be_visible()
        expect(ending.locator("h2")).to_have_text(SOURCES[lang])
        assert ending.locator("li").all_inner_texts() == meta["sources"], (lang, name)
        day = long_date(meta["reviewed_on"], lang)
        expect(ending.locator(".ra-reviewed")).to_have_text(f"{REVIEWED[lang]} {day}")
        assert day == "28 November 2026"  # what the shipped guides were reviewed on
        time = ending.locator("time")
        assert time.get_attribute("datetime") == meta["reviewed_on"].isoformat()
        # It is the guide's last part: after its own text, inside the article.
        assert page.evaluate(
            "() => { const a = document.querySelector('article #isi');"
            " const kids = [...a.children];"
            " return kids.indexOf(a.querySelector('.ra-guide-sources')) === kids.length - 1; }"
        ), (lang, name)
    context.close()


# What the guide "Sembunyikan kunjungan Anda" and the About page must tell, in each language:
# the three things a phone keeps, that Quick exit empties only the offline copy, the steps in
# Chrome for Android, that a private tab keeps nothing once closed, and the safety plan.
TOLD = {
    "id": {
        "panduan/sembunyikan-kunjungan/": [
            "Tidak menghapus riwayat.",
            "masih bisa dibuka lagi dengan tombol Kembali",
            "Salinan offline",
            "ditambah halaman Nomor penting dan Direktori layanan sejak kunjungan pertama",
            "Tombol Keluar cepat menghapusnya.",
            "Tembolok (cache) peramban tidak ikut terhapus",
            "Setelan situs (Site settings)",
            "Semua situs (All sites)",
            "Hapus & reset (Clear & reset)",
            "Privasi dan keamanan (Privacy and security) > Hapus data penjelajahan",
            "dihapus saat semua tab penyamaran ditutup. Setelah itu tidak ada yang tersisa",
            "tidak menyimpan apa pun yang Anda ketik",
        ],
        "tentang/": [
            "Riwayat halaman yang Anda buka. Tombol Keluar cepat tidak menghapusnya.",
            "Salinan offline",
            "Tombol Keluar cepat menghapus salinan ini",
            "Data situs lain",
            "Setelan > Setelan situs > Semua situs > situs ini > Hapus & reset",
            "Tab penyamaran (Incognito) tidak menyimpan apa pun setelah semua tab penyamaran",
        ],
    },
    "en": {
        "panduan/sembunyikan-kunjungan/": [
            "It does not delete your history.",
            "can still be reached with the Back button",
            "The offline copy",
            "plus the Hotlines and Service directory pages from your first visit",
            "Quick exit deletes it.",
            "The browser's cache is not emptied",
            "Site settings, then All sites",
            "Clear & reset",
            "Settings > Privacy and security > Delete browsing data",
            "deleted when you close all Incognito tabs. After that, nothing is left",
            "keeps nothing you type",
        ],
        "tentang/": [
            "History of the pages you opened. Quick exit does not delete it.",
            "An offline copy",
            "Quick exit deletes this copy",
            "Other site data",
            "Settings > Site settings > All sites > this site > Clear & reset",
            "A private (Incognito) tab keeps nothing once all Incognito tabs are closed.",
        ],
    },
}
SAFETY_PLAN = {"id": "Rencana keselamatan", "en": "Safety plan"}
OFFICE = yaml.safe_load((ROOT / "content" / "site.yml").read_text("utf-8"))["office"]["name"]


@pytest.mark.browser
@pytest.mark.parametrize(("width", "script"), [(360, False), (1280, True)])
def test_hide_your_visit_and_about_tell_what_the_phone_keeps(browser, base, width, script):
    context = browser.new_context(
        viewport={"width": width, "height": 740}, java_script_enabled=script
    )
    page = context.new_page()
    for lang, pages in TOLD.items():
        for path, sentences in pages.items():
            page.goto(f"{base}{PREFIX[lang]}{path}")
            shown = " ".join(page.locator("article").inner_text().split())
            for sentence in sentences:
                assert sentence in shown, (lang, path, sentence)
            # Both link to the safety plan, which keeps nothing either.
            plan = page.locator("article a", has_text=SAFETY_PLAN[lang])
            assert plan.first.get_attribute("href").endswith("rencana-keselamatan/"), path
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["id", "en"])
def test_about_names_the_office_in_site_yml_as_the_publisher(browser, base, lang):
    page = browser.new_page()
    page.goto(f"{base}{PREFIX[lang]}tentang/")
    section = {"id": "Siapa yang menerbitkan", "en": "Who publishes it"}[lang]
    heading = page.locator("article h2", has_text=section)
    expect(heading).to_be_visible()
    said = heading.evaluate("h => h.nextElementSibling.textContent")
    assert OFFICE in " ".join(said.split())
    page.close()
