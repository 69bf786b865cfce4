"""Issue 15: a printable sheet and an SMS card for every desa (`ruangaman print --desa`)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from ruangaman.cli import main
from ruangaman.render.desa_sheets import SMS_LIMIT, villages
from ruangaman.validate import check_project

ACTIVE_PPA = """\
phones:
  - number: "0811-5678-9012"
    type: voice
status: active
verified_on: 2026-11-20
"""


def _copy(folder: Path) -> Path:
    for name in ("mkdocs.yml", "overrides", "content", "docs"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, folder / name)
    return folder


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> Path:
    """The shipped site, with the UPTD PPA verified (a number) and a name full of markup."""
    project = _copy(tmp_path_factory.mktemp("print-desa"))
    ppa = project / "content/services/uptd-ppa-kubu-raya.yml"
    text = ppa.read_text(encoding="utf-8")
    text = re.sub(r"^status: unverified\n", "", text, flags=re.M)
    ppa.write_text(text + ACTIVE_PPA, encoding="utf-8")
    kapur = project / "content/services/patbm-kapur.yml"
    kapur.write_text(
        kapur.read_text(encoding="utf-8").replace(
            "name: PATBM Kapur", 'name: "PATBM <script>alert(1)</script> Kapur"'
        ),
        encoding="utf-8",
    )
    _, _, report = check_project(project)
    assert report.errors == [], report.format("en")
    out = project / "out"
    assert main(["print", "--project", str(project), "--desa", "all", "--out", str(out)]) == 0
    return out


def test_every_desa_has_a_sheet_and_a_card(printed):
    sheets = sorted(p for p in printed.rglob("*.html") if p.name != "index.html")
    cards = sorted(printed.rglob("*.sms.txt"))
    assert len(sheets) == len(cards) == 123  # Kubu Raya's desa (idn-area-data)
    for card in cards:
        text = card.read_text(encoding="utf-8").strip()
        assert len(text) <= SMS_LIMIT and text.isascii(), card
    index = (printed / "index.html").read_text(encoding="utf-8")
    assert index.count('.html">') == 123


def test_a_sheet_lists_who_serves_the_desa_and_only_checked_numbers(printed):
    kapur = (printed / "sungai-raya/kapur.html").read_text(encoding="utf-8")
    assert "Bantuan untuk warga Desa Kapur" in kapur
    assert "0811-5678-9012" in kapur  # the verified UPTD PPA, regency-wide
    assert "Kontak belum diketahui" in kapur  # the unverified ones: no number, the note
    assert "<script>" not in kapur and "&lt;script&gt;" in kapur  # content never markup
    assert "110" not in re.sub(r"<[^>]+>", "", kapur)  # Polisi 110 is unverified: not printed
    other = (printed / "sungai-raya/arang-limbung.html").read_text(encoding="utf-8")
    assert "PATBM" not in other  # PATBM Kapur serves Kapur only
    card = (printed / "sungai-raya/kapur.sms.txt").read_text(encoding="utf-8")
    assert card.startswith("Desa Kapur: SAPA 129; Nomor darurat 112")
    assert "0811-5678-9012" in card and "110" not in card


def test_kelurahan_are_called_kelurahan_and_the_qr_opens_their_kecamatan(tmp_path):
    dest = tmp_path / "jayapura"
    assert main(["init", "--regency", "91.71", str(dest)]) == 0
    with (dest / "content/site.yml").open("a", encoding="utf-8") as site_yml:
        site_yml.write("url: https://example.org/ruangaman/\n")
    _, site, _ = check_project(dest)
    kinds = {v.desa.kind for v in villages(site)}
    assert kinds == {"kelurahan", "desa"}  # a town of kelurahan, with a few kampung (desa)
    assert main(["print", "--project", str(dest), "--desa", "Imbi", "--lang", "en"]) == 0
    (sheet,) = (dest / "cetak/desa").rglob("imbi.html")
    text = sheet.read_text(encoding="utf-8")
    assert "Help for people of Urban village (kelurahan) Imbi" in text
    assert "https://example.org/ruangaman/en/layanan/kecamatan/jayapura-utara/" in text
    assert "<svg" in text  # the QR code


def test_print_refuses_an_unknown_desa(tmp_path, capsys):
    project = _copy(tmp_path)
    assert main(["print", "--project", str(project), "--desa", "Atlantis"]) == 1
    assert 'bernama "Atlantis"' in capsys.readouterr().err


def test_a_long_name_is_cut_on_the_card_never_the_number(printed, tmp_path):
    from ruangaman.render.desa_sheets import sms_card, villages

    project = printed.parent
    ppa = project / "content/services/uptd-ppa-kubu-raya.yml"
    text = ppa.read_text(encoding="utf-8")
    long_name = "Unit Pelaksana Teknis Daerah Perlindungan Perempuan dan Anak " * 2
    ppa.write_text(
        re.sub(r"^name: .*$", f"name: {long_name.strip()[:118]}", text, count=1, flags=re.M),
        encoding="utf-8",
    )
    try:
        _, site, report = check_project(project)
        assert report.errors == [], report.format("en")
        (kapur,) = villages(site, "Kapur")
        card = sms_card(site, kapur, "id")
    finally:
        ppa.write_text(text, encoding="utf-8")
    assert len(card) <= 160 and "... 0811-5678-9012" in card
