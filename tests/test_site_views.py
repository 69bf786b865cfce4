"""Validate returns new views and never writes into what load returned; one rule per concept.

The pinned hotlines are the case readers saw: with SAPA 129 set `status: inactive`, the strip
dropped it but the posters, the booklet and share text still told readers to call 129.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import html
import re

import pytest
from conftest import HOTLINE_YML, PUBLISHED_SITE_YML, ROOT, SERVICE_YML, TODAY, Project

from ruangaman.cli import main
from ruangaman.load.discover import load_content
from ruangaman.render import render_pages
from ruangaman.session import BuildSession
from ruangaman.text import strings
from ruangaman.validate import STALE_MONTHS, Validator, check_project

EMERGENCY = (
    HOTLINE_YML.replace("name: SAPA 129", "name: Nomor darurat 112")
    .replace('"129"', '"112"')
    .replace("order: 1", "order: 2")
)
SAPA_CLOSED = HOTLINE_YML.replace("status: active", "status: inactive")
# A service whose contact nobody has checked: its share text and box point to the pinned hotlines.
UNCHECKED = SERVICE_YML.replace("status: active", "status: unverified")


def _loaded_values(content) -> object:
    """Everything load returned that a later stage could write into, as plain values."""
    return copy.deepcopy(
        (
            content.site,
            content.taxonomy,
            [(r.slug, r.data) for r in content.services + content.hotlines],
            [(p.rel, p.meta) for p in content.pages],
        )
    )


@pytest.mark.parametrize("where", ["shipped", "fixture"])
def test_validating_twice_gives_equal_views_and_leaves_the_loaded_content_as_read(project, where):
    if where == "fixture":
        # what validation used to write into the records: an id made from the file name, a
        # phone's default `type`, its parsed form, the kecamatan and desa found
        project.write(
            "content/services/layanan-uji.yml", SERVICE_YML.replace("    type: voice\n", "")
        )
        project.write("content/hotlines/darurat-112.yml", EMERGENCY)
    root = ROOT if where == "shipped" else project.root
    content, _ = load_content(root)
    before = _loaded_values(content)
    sites = []
    for _ in range(2):
        validator = Validator(content, TODAY, STALE_MONTHS)
        validator.run()
        sites.append(validator.site())
    assert sites[0] is not None and sites[0] == sites[1]
    assert sites[0].digest == sites[1].digest
    assert _loaded_values(content) == before
    service = next(s for s in sites[0].services if s.kecamatan is not None)
    assert "kecamatan_ref" not in service.data["location"]
    phones = [p for r in sites[0].services + sites[0].hotlines for p in r.phones]
    assert phones and all(p.kind in ("voice", "whatsapp", "sms") for p in phones)
    with pytest.raises(TypeError):
        service.data["name"] = "changed"  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        content.services[0].data = {}  # type: ignore[misc]


def test_load_keeps_a_date_still_to_come_and_validate_refuses_it(project):
    """Load is a pure function of the bytes; "compared with today" is validate's."""
    project.write("content/site.yml", PUBLISHED_SITE_YML)
    project.write(
        "content/services/layanan-uji.yml",
        SERVICE_YML.replace("verified_on: 2026-11-01", "verified_on: 2027-01-01"),
    )
    content, _ = load_content(project.root)
    assert content.services[0].data["verified_on"] == dt.date(2027, 1, 1)
    content, site, report = check_project(project.root, today=TODAY)
    assert [p.code for p in report.problems] == ["future_date"]
    assert content.services[0].data["verified_on"] == dt.date(2027, 1, 1)  # as read
    assert "verified_on" not in site.services[0].data  # refused: as absent as any bad value
    # the same file a day after that date is fine
    _, _, report = check_project(project.root, today=dt.date(2027, 1, 2))
    assert report.problems == []


def test_the_site_digest_follows_site_yml_and_the_pinned_hotlines_not_a_service(project):
    def digest() -> bytes:
        _, site, report = check_project(project.root, today=TODAY)
        assert not report.failed(), report.format("en")
        return site.digest

    first = digest()
    assert digest() == first
    project.write("content/services/layanan-uji.yml", SERVICE_YML.replace("Uji", "Baru"))
    assert digest() == first  # a service's own pages follow its own digest
    project.write("content/hotlines/sapa-129.yml", HOTLINE_YML.replace("SAPA 129", "SAPA"))
    second = digest()
    assert second != first  # every page shows the pinned hotlines
    site_yml = (project.root / "content/site.yml").read_text(encoding="utf-8")
    project.write("content/site.yml", site_yml.replace("Asia/Pontianak", "Asia/Jayapura"))
    assert digest() != second


def test_a_time_zone_edit_reaches_every_kept_service_page(project):
    """A preview keeps rendered service pages while their files are unchanged: what every page
    depends on (`Site.digest`, here the time zone behind "open now") must still reach them."""
    session = BuildSession.preview()
    try:

        def offsets() -> list[str]:
            _, site, _ = check_project(project.root, session, today=TODAY)
            page = render_pages(site, session=session)[("id", "layanan/layanan-uji")]
            return re.findall(r'data-offset="(-?\d+)"', page.html)

        assert offsets() == ["420"]  # Asia/Pontianak: UTC+7
        site_yml = (project.root / "content/site.yml").read_text(encoding="utf-8")
        project.write("content/site.yml", site_yml.replace("Asia/Pontianak", "Asia/Jayapura"))
        assert offsets() == ["540"]  # UTC+9, as a fresh build gives
    finally:
        session.close()


def _warnings(project) -> list[str]:
    project.write("content/site.yml", PUBLISHED_SITE_YML)
    _, _, report = check_project(project.root, today=TODAY)
    assert not report.errors, report.format("en")
    return [p.code for p in report.warnings]


def test_a_pinned_hotline_without_a_number_to_call_is_reported_and_not_pinned(project):
    project.write(
        "content/hotlines/sapa-129.yml",
        HOTLINE_YML.replace(
            '  - number: "129"\n', "  - number: 08111-129-129\n    type: whatsapp\n"
        ),
    )
    project.write("content/hotlines/darurat-112.yml", EMERGENCY)
    assert _warnings(project) == ["pinned_without_call"]
    _, site, _ = check_project(project.root, today=TODAY)
    assert [h.slug for h in site.pinned] == ["darurat-112"]


@pytest.fixture(scope="module")
def closed(tmp_path_factory):
    """A built site where SAPA 129 is pinned but `status: inactive`, and 112 is pinned."""
    project = Project(tmp_path_factory.mktemp("pinned-closed"))
    project.write("content/hotlines/sapa-129.yml", SAPA_CLOSED)
    project.write("content/hotlines/darurat-112.yml", EMERGENCY)
    project.write("content/services/layanan-uji.yml", UNCHECKED)
    out = project.root / "site"
    assert main(["build", "--project", str(project.root), "--site-dir", str(out)]) == 0
    return project, out


PAGES = [
    "index.html",  # the strip at the top of every page
    "hotline/index.html",
    "cetak/hotline/index.html",
    "cetak/buku/index.html",
    "cetak/layanan/layanan-uji/index.html",  # the poster's help line
    "cetak/kecamatan/sungai-raya/index.html",
    "layanan/layanan-uji/index.html",  # share text and the "not verified" box
]


@pytest.mark.parametrize("lang", ["", "en/"])
@pytest.mark.parametrize("rel", PAGES)
def test_a_closed_pinned_hotline_is_called_on_no_page(closed, rel, lang):
    _, site = closed
    page = html.unescape((site / lang / rel).read_text(encoding="utf-8"))
    # The interface sentence of the "not verified" box names SAPA 129 as words of the
    # interface text (not from content): left to the text tables, see the report.
    page = page.replace(strings(lang.rstrip("/") or "id")["not_verified_text"], "")
    assert "SAPA 129" not in page and "tel:129" not in page and ": 129" not in page
    assert "112" in page  # the other pinned hotline is still there (the test can fail)


def test_no_built_page_tells_readers_to_call_a_closed_hotline(closed):
    _, site = closed
    pages = list(site.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        assert "tel:129" not in path.read_text(encoding="utf-8"), path


def test_check_warns_about_a_pinned_hotline_that_is_closed(closed, capsys):
    project, _ = closed
    capsys.readouterr()
    assert main(["check", "--project", str(project.root), "--lang", "en"]) == 0
    out = capsys.readouterr()
    text = out.out + out.err
    assert "content/hotlines/sapa-129.yml, line 8, field `pinned`" in text
    assert "This hotline has `pinned: true` but its status is `inactive`" in text
    assert main(["check", "--project", str(project.root), "--strict"]) == 1


# Each rule readers see the result of is written in one place; a second copy would drift.
ONE_PLACE = {
    "Kabupaten|Kota": "src/ruangaman/validate/region.py",  # the regency prefix taken off
    "Mungkin maksud Anda:": "src/ruangaman/text/problems/id.yml",  # the "perhaps you mean" part
    "ra-notice--fallback": "src/ruangaman/text/__init__.py",  # the "shown in Indonesian" notice
    "replace('\"', '\\\\\"')": "src/ruangaman/load/yamlfile.py",  # YAML quoting
    'f"tel:': "src/ruangaman/validate/phones.py",  # the link a reader dials
}


@pytest.mark.parametrize("text", sorted(ONE_PLACE))
def test_each_rule_is_written_in_one_place(text):
    found = sorted(
        path.relative_to(ROOT).as_posix()
        for folder in ("src", "overrides")
        for path in (ROOT / folder).rglob("*")
        if path.suffix in (".py", ".j2", ".html", ".yml")
        and text in path.read_text(encoding="utf-8")
    )
    assert found == [ONE_PLACE[text]]
