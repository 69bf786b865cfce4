"""What the top of every page shows comes from content: pinned hotlines and the exit site."""

from __future__ import annotations

from conftest import HOTLINE_YML, TODAY

from ruangaman.build.theme_data import theme_data
from ruangaman.model import QUICK_EXIT_DEFAULT
from ruangaman.validate import check_project

NOT_PINNED = (
    HOTLINE_YML.replace("SAPA 129", "Polisi 110")
    .replace('"129"', '"110"')
    .replace("order: 1\npinned: true", "order: 3")
)
WHATSAPP = "  - number: 08111-129-129\n    type: whatsapp\n"
EMERGENCY = HOTLINE_YML.replace("SAPA 129", "Nomor darurat 112").replace('"129"', '"112"')


def _data(project) -> dict:
    _, site, report = check_project(project.root, today=TODAY)
    assert not report.failed(), report.format("en")
    return theme_data(site)


def test_strip_shows_pinned_hotlines_in_order_with_call_and_whatsapp_links(project):
    project.write(
        "content/hotlines/sapa-129.yml",
        HOTLINE_YML.replace('  - number: "129"\n', '  - number: "129"\n' + WHATSAPP),
    )
    project.write("content/hotlines/darurat-112.yml", EMERGENCY.replace("order: 1", "order: 2"))
    project.write("content/hotlines/polisi-110.yml", NOT_PINNED)
    hotlines = _data(project)["hotlines"]
    assert [h["short_name"]["en"] for h in hotlines] == ["SAPA 129", "Nomor darurat 112"]
    assert hotlines[0]["call"] == {"href": "tel:129", "display": "129"}
    assert hotlines[0]["whatsapp"]["href"] == "https://wa.me/628111129129"
    assert hotlines[1]["whatsapp"] is None


def test_quick_exit_goes_to_a_weather_site_unless_the_site_names_another(project):
    data = _data(project)
    assert data["exit_url"] == QUICK_EXIT_DEFAULT
    assert set(data["t"]) == {"id", "en"}
    assert data["t"]["en"]["exit_button"] == "Quick exit"
    site = (project.root / "content" / "site.yml").read_text(encoding="utf-8")
    project.write("content/site.yml", site + "quick_exit_url: https://cuaca.example.org/\n")
    assert _data(project)["exit_url"] == "https://cuaca.example.org/"


def test_a_quick_exit_address_that_is_not_a_web_address_is_reported(project):
    site = (project.root / "content" / "site.yml").read_text(encoding="utf-8")
    project.write("content/site.yml", site + "quick_exit_url: cuaca\n")
    _, _, report = check_project(project.root, today=TODAY)
    assert report.failed()
    assert "quick_exit_url" in report.format("en")
