"""Issue 13, part 5: a village is called what it officially is. In towns most villages are
kelurahan, not desa; the Kemendagri code says which (the village part of a kelurahan's code
starts with 1, a desa's with 2), and pages, posters and open data use that word."""

from __future__ import annotations

import json
import re

from conftest import PUBLISHED_SITE_YML, SERVICE_YML, Project

from ruangaman.cli import main
from ruangaman.validate.region import load_region

IN_TOWN = SERVICE_YML.replace("desa: Kapur", "desa: Benuamelayu Laut").replace(
    "kecamatan: Sungai Raya", "kecamatan: Pontianak Selatan"
)


def _built(project: Project):
    site = project.root / "site"
    assert main(["build", "--project", str(project.root), "--site-dir", str(site)]) == 0
    return site


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_code_says_kelurahan_or_desa():
    town = load_region("61.71").find_kecamatan("Pontianak Selatan")
    assert town.find_desa("Benuamelayu Laut").kind == "kelurahan"
    village = load_region("61.12").find_kecamatan("Sungai Raya")
    assert village.find_desa("Kapur").kind == "desa"


def test_a_town_service_is_in_a_kelurahan_on_every_page_and_in_open_data(tmp_path):
    project = Project(tmp_path)
    project.write("content/site.yml", PUBLISHED_SITE_YML.replace('"61.12"', '"61.71"'))
    project.write("content/services/layanan-uji.yml", IN_TOWN)
    site = _built(project)
    for lang, word in (("", "Kelurahan"), ("en/", "Urban village (kelurahan)")):
        page = _text((site / f"{lang}layanan/layanan-uji/index.html").read_text("utf-8"))
        assert f"{word} Benuamelayu Laut" in page, lang
        directory = _text((site / f"{lang}layanan/index.html").read_text("utf-8"))
        assert f"{word} Benuamelayu Laut" in directory, lang
        assert "Desa Benuamelayu" not in page + directory
    poster = _text((site / "cetak/layanan/layanan-uji/index.html").read_text("utf-8"))
    assert "Kelurahan Benuamelayu Laut" in poster
    hsds = json.loads((site / "api/hsds/services.json").read_text("utf-8"))
    (service,) = hsds if isinstance(hsds, list) else hsds["contents"]
    (at,) = service["service_at_locations"]
    assert at["location"]["name"].startswith("Kelurahan Benuamelayu Laut, Kecamatan Pontianak")


def test_a_regency_village_is_still_a_desa(tmp_path):
    project = Project(tmp_path)
    project.write("content/site.yml", PUBLISHED_SITE_YML)
    site = _built(project)
    page = _text((site / "layanan/layanan-uji/index.html").read_text("utf-8"))
    assert "Desa Kapur" in page
    assert "Kelurahan" not in page
