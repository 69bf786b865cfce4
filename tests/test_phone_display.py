"""One number, one spelling (issue 12, point 8): a number is shown as the editor grouped it
(`Phone.display`, `editor_grouping`), everywhere it is shown; links and vCards use E.164.
SAPA's WhatsApp is written 08111-129-129 in its file, in the guides and on the home page, so
the strip, the hotline page, posters, booklet, share text and open data write it so too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SERVICE_YML, TODAY

from ruangaman.cli import main
from ruangaman.validate import check_project
from ruangaman.validate.phones import parse_phone

OFFICIAL = "08111-129-129"  # content/hotlines/sapa-129.yml, tests/data/facts.yml
LIBPHONENUMBER = "0811-1129-129"  # the same number as libphonenumber groups it


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        (OFFICIAL, OFFICIAL),
        ("08111  129   129", "08111 129 129"),  # runs of spaces made one
        ("08111 - 129 -129", OFFICIAL),  # spaces around a hyphen dropped
        ("0811.1129.129", "0811.1129.129"),
        ("+62 811-1129-129", "+62 811-1129-129"),
        ("(0561) 123456", "(0561) 123456"),
        # No grouping written, or not only digits and separators: libphonenumber's national form.
        ("08111129129", LIBPHONENUMBER),
        ("628111129129", LIBPHONENUMBER),
        ("08111--129--129", LIBPHONENUMBER),
        ("08111-129-129\u200b", LIBPHONENUMBER),
        ("\uff10\uff18\uff11\uff11\uff11-129-129", LIBPHONENUMBER),  # full-width digits
    ],
)
def test_a_number_is_shown_as_the_editor_grouped_it(written, shown):
    phone = parse_phone(written)
    assert phone.e164 == ("+62561123456" if "0561" in written else "+628111129129")
    assert phone.display == shown


def test_short_codes_are_shown_as_they_are():
    assert parse_phone("129", allow_short=True).display == "129"


def _built_files(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
        for p in site.rglob("*")
        if p.is_file()
        and p.suffix in {".html", ".json", ".csv", ".vcf", ".js", ".txt"}
        and "pagefind" not in p.parts
    }


def test_every_built_page_writes_sapas_whatsapp_as_the_editor_did(shipped_site):
    files = _built_files(shipped_site)
    assert [name for name, text in files.items() if LIBPHONENUMBER in text] == []
    showing = {name for name, text in files.items() if OFFICIAL in text}
    for page in ("hotline", "cetak/hotline", "cetak/buku", "index", "layanan"):
        for prefix in ("", "en/"):
            name = f"{prefix}{page}/index.html".replace("index/index.html", "index.html")
            assert name in showing, name
    records = json.loads(files["api/hotlines.json"])["hotlines"]
    shown = [p["display"] for h in records for p in h.get("phones", [])]
    assert OFFICIAL in shown and LIBPHONENUMBER not in shown


@pytest.mark.browser
def test_the_hotline_page_shows_the_official_spelling(browser, shipped_site, serve):
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(serve(shipped_site) + "hotline/")
    text = page.locator("article").inner_text()
    assert OFFICIAL in text and LIBPHONENUMBER not in text
    link = page.locator(f"article a:has-text('{OFFICIAL}')").first
    assert link.get_attribute("href") == "https://wa.me/628111129129"
    page.close()


ODD = SERVICE_YML.replace(
    "  - number: 0561 123456\n    type: voice\n",
    "  - number: '  0561   123456 '\n    type: voice\n"
    "  - number: 0812 - 3456  -7890\n    type: whatsapp\n"
    '  - number: "0812 3456 7891\\u200b"\n    type: sms\n',
)


def test_odd_spacing_is_tidied_and_odd_characters_fall_back(project):
    project.write("content/services/layanan-uji.yml", ODD)
    site = project.root / "site"
    assert main(["build", "--project", str(project.root), "--site-dir", str(site)]) == 0
    page = (site / "layanan" / "layanan-uji" / "index.html").read_text(encoding="utf-8")
    assert "0561 123456" in page and "0812-3456-7890" in page
    assert "0812-3456-7891" in page  # the zero-width space: libphonenumber's form
    assert "\u200b" not in page and "0561   123456" not in page
    assert 'href="tel:+62561123456"' in page and "https://wa.me/6281234567890" in page


def test_a_number_with_markup_is_refused_and_shown_nowhere(project):
    project.write(
        "content/services/layanan-uji.yml",
        SERVICE_YML.replace("0561 123456", "'<b>0561 123456</b>'"),
    )
    _, _, report = check_project(project.root, today=TODAY)
    assert [p.code for p in report.errors] == ["bad_phone"]
    assert main(["build", "--project", str(project.root), "--site-dir", "site"]) == 1
