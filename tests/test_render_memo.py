"""A preview (`serve`) keeps rendered pages in its session and renders again exactly the pages an
edit changes: every page after an edit to what every page shows (the time zone's UTC offset
included, which the old hand-listed key missed), a service's own pages and the lists after an
edit to one service. After each edit the pages are the ones a fresh render makes."""

from __future__ import annotations

from conftest import SERVICE_YML, SITE_YML, TODAY

from ruangaman.render import render_pages
from ruangaman.session import BuildSession
from ruangaman.validate import check_project

# Pages whose digest covers one service (its page and poster) or the hotlines; every other page
# lists services of the whole directory and is rendered again after any record's edit.
NARROW = ("layanan/layanan-", "cetak/layanan/", "hotline", "cetak/hotline")


def test_a_preview_renders_again_exactly_the_pages_an_edit_changes(project):
    project.write("content/services/layanan-lain.yml", SERVICE_YML.replace("Uji", "Lain"))
    session = BuildSession.preview()

    def render() -> dict:
        _, site, report = check_project(project.root, today=TODAY)
        assert not report.failed() and site is not None
        session.pages.count_again()
        pages = render_pages(site, session=session)
        assert pages == render_pages(site)  # a fresh (one-shot) render
        return pages

    first = render()
    assert session.pages.made == len(first) > 40
    again = render()
    assert session.pages.made == 0 and session.pages.reused == len(first)
    assert all(again[key] is first[key] for key in first)

    # The time zone: every page that shows "open now" needs the new UTC offset.
    service = ("en", "layanan/layanan-uji")
    assert 'data-offset="420"' in first[service].html
    project.write("content/site.yml", SITE_YML.replace("Asia/Pontianak", "Asia/Jayapura"))
    zoned = render()
    assert session.pages.made == len(first)
    assert 'data-offset="540"' in zoned[service].html

    # One service's text: its page and poster, and the pages that list every service.
    project.write("content/services/layanan-uji.yml", SERVICE_YML.replace("Uraian", "Uraian baru"))
    edited = render()
    made = {key for key in edited if edited[key] is not zoned[key]}
    assert session.pages.made == len(made)
    for lang in ("id", "en"):
        assert (lang, "layanan/layanan-uji") in made and (lang, "cetak/layanan/layanan-uji") in made
        assert (lang, "layanan/index") in made and (lang, "cetak/buku") in made
        assert (lang, "layanan/layanan-lain") not in made and (lang, "hotline") not in made
    assert all(key[1].startswith(NARROW) is False for key in made if "layanan-uji" not in key[1])
    assert "Uraian baru" in edited[("id", "layanan/layanan-uji")].html

    # A service deleted: its pages are gone from the session too.
    project.remove("content/services/layanan-lain.yml")
    fewer = render()
    assert ("id", "layanan/layanan-lain") not in fewer
    assert len(session.pages) == len(fewer) == len(first) - 4
