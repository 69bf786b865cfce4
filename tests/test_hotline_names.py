"""A hotline's name in the page's language: written once for every language, or as `id:`/`en:`.

One real build of a fixture site with three pinned hotlines: SAPA 129 named in both languages
with a `short_name`, 112 named in both languages without one, and 110 named once (plain text).
"""

from __future__ import annotations

import html
import json

import pytest
from conftest import HOTLINE_YML, SERVICE_YML, Project

from ruangaman.cli import main

SAPA = HOTLINE_YML.replace(
    "name: SAPA 129\n",
    "name:\n"
    "  id: SAPA 129 (Sahabat Perempuan dan Anak)\n"
    "  en: SAPA 129 (women and children's helpline)\n"
    "short_name:\n"
    "  id: Sapa\n"
    "  en: Sapa line\n",
)
EMERGENCY = (
    HOTLINE_YML.replace(
        "name: SAPA 129\n",
        "name:\n  id: Nomor darurat 112 (umum)\n  en: Emergency number 112 (general)\n",
    )
    .replace('"129"', '"112"')
    .replace("order: 1", "order: 2")
)
POLICE = (
    HOTLINE_YML.replace("name: SAPA 129", "name: Polisi 110")
    .replace('"129"', '"110"')
    .replace("order: 1", "order: 3")
)
# A service whose contact nobody has checked: its share text points to the pinned hotlines.
UNCHECKED = SERVICE_YML.replace("status: active", "status: unverified")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = Project(tmp_path_factory.mktemp("hotline-names"))
    project.write("content/hotlines/sapa-129.yml", SAPA)
    project.write("content/hotlines/darurat-112.yml", EMERGENCY)
    project.write("content/hotlines/polisi-110.yml", POLICE)
    project.write("content/services/layanan-uji.yml", UNCHECKED)
    out = project.root / "site"
    assert main(["build", "--project", str(project.root), "--site-dir", str(out)]) == 0
    return out


def _page(site, rel: str) -> str:
    return html.unescape((site / rel).read_text(encoding="utf-8"))


def _strip(page: str) -> list[str]:
    strip = page.split('<ul class="ra-strip"', 1)[1].split("</ul>", 1)[0]
    return [part.split("</span>", 1)[0] for part in strip.split('"ra-strip__name">')[1:]]


def test_the_hotlines_page_names_each_hotline_in_the_page_language(site):
    english = _page(site, "en/hotline/index.html")
    assert "<h2>SAPA 129 (women and children's helpline)</h2>" in english
    assert "<h2>Emergency number 112 (general)</h2>" in english
    assert "<h2>Polisi 110</h2>" in english  # written once: the same name in every language
    assert "Sahabat Perempuan" not in english
    indonesian = _page(site, "hotline/index.html")
    assert "<h2>SAPA 129 (Sahabat Perempuan dan Anak)</h2>" in indonesian
    assert "<h2>Nomor darurat 112 (umum)</h2>" in indonesian
    assert "<h2>Polisi 110</h2>" in indonesian
    assert "helpline" not in indonesian and "Emergency number" not in indonesian


def test_the_strip_uses_the_short_name_else_the_name_before_the_bracket(site):
    assert _strip(_page(site, "en/index.html")) == [
        "Sapa line",
        "Emergency number 112",
        "Polisi 110",
    ]
    assert _strip(_page(site, "index.html")) == ["Sapa", "Nomor darurat 112", "Polisi 110"]
    # every page, service pages (written from a frame) too
    assert _strip(_page(site, "en/layanan/layanan-uji/index.html"))[0] == "Sapa line"


def test_share_text_and_unverified_box_name_the_hotlines_in_the_page_language(site):
    english = _page(site, "en/layanan/layanan-uji/index.html")
    share = english.split('data-share-text="', 1)[1].split('"', 1)[0]
    assert "SAPA 129 (women and children's helpline) (129)" in share
    assert "Emergency number 112 (general) (112)" in share
    assert "Polisi 110 (110)" in share
    box = english.split("ra-notice--unverified", 1)[1].split("</div>", 1)[0]
    assert "Emergency number 112 (general)" in box
    indonesian = _page(site, "layanan/layanan-uji/index.html")
    share = indonesian.split('data-share-text="', 1)[1].split('"', 1)[0]
    assert "SAPA 129 (Sahabat Perempuan dan Anak) (129)" in share
    assert "Nomor darurat 112 (umum) (112)" in share


@pytest.mark.parametrize("printed", ["cetak/hotline", "cetak/buku"])
def test_the_poster_and_booklet_name_the_hotlines_in_the_page_language(site, printed):
    english = _page(site, f"en/{printed}/index.html")
    assert "<strong>Emergency number 112 (general)</strong>" in english
    assert "<strong>Nomor darurat 112 (umum)</strong>" in _page(site, f"{printed}/index.html")


def test_open_data_keeps_the_indonesian_name_and_adds_every_language(site):
    hotlines = json.loads((site / "api" / "hotlines.json").read_text(encoding="utf-8"))["hotlines"]
    by_name = {h["name"]: h for h in hotlines}
    assert by_name["Nomor darurat 112 (umum)"]["names"] == {
        "id": "Nomor darurat 112 (umum)",
        "en": "Emergency number 112 (general)",
    }
    assert by_name["Polisi 110"]["names"] == {"id": "Polisi 110"}
