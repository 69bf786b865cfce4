"""The real Kubu Raya content: every record valid, and no contact that facts.yml does not give."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT

from ruangaman.validate import check_project
from ruangaman.validate.phones import parse_phone

# A copy of the shared facts.yml, carried so a clone alone runs every test (tests/data/README.md).
FACTS = ROOT / "tests" / "data" / "facts.yml"
CONTENT_FILES = sorted((ROOT / "content").glob("*/*.yml")) + sorted(
    (ROOT / "content").glob("*.yml")
)
RECORDS = sorted((ROOT / "content" / "services").glob("*.yml")) + sorted(
    (ROOT / "content" / "hotlines").glob("*.yml")
)


@pytest.fixture(scope="module")
def shipped():
    return check_project(ROOT)


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@pytest.mark.parametrize("path", RECORDS, ids=[_rel(p) for p in RECORDS])
def test_record_has_no_problem(shipped, path):
    _, _, report = shipped
    mine = [p for p in report.problems if p.file == _rel(path)]
    assert not mine, report.format("en")


@pytest.mark.parametrize("path", CONTENT_FILES, ids=[_rel(p) for p in CONTENT_FILES])
def test_content_file_names_its_schema(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert re.match(r"# yaml-language-server: \$schema=(\.\./)?schema/\w+\.schema\.json$", first)


def _facts_numbers() -> set[str]:
    # facts.yml is notes, not strict YAML (one line does not parse): read its number lines.
    text = FACTS.read_text(encoding="utf-8")
    found = re.findall(r'^\s*(?:phone|whatsapp):\s*"([+\d][\d ]*)"', text, re.M)
    assert found, "facts.yml lists no numbers?"
    return {parse_phone(number, allow_short=True).e164 for number in found}


def test_every_published_number_comes_from_facts(shipped):
    _, site, _ = shipped
    allowed = _facts_numbers()
    published = {
        (record.rel, phone.e164)
        for record in site.services + site.hotlines
        for phone in record.phones
    }
    assert published, "the shipped hotlines must publish numbers"
    assert {number for _, number in published} <= allowed, sorted(published)


def test_services_with_unknown_contacts_are_unverified(shipped):
    content, _, _ = shipped
    for record in content.services:
        if not record.data.get("phones"):
            assert record.data["status"] == "unverified", record.rel


def test_shipped_site_has_the_facts(shipped):
    content, site, report = shipped
    assert not report.errors
    assert site.region.name == "Kabupaten Kubu Raya"
    names = {r.data["name"] for r in content.services}
    assert "UPTD Perlindungan Perempuan dan Anak (UPTD PPA) Kabupaten Kubu Raya" in names
    # the hotlines every page tells readers to call, in their order
    pinned = [h.data["name"]["id"] for h in site.pinned]
    assert pinned == ["SAPA 129 (Sahabat Perempuan dan Anak)", "Nomor darurat 112"]
    guides = {p.name for p in content.pages if p.is_guide}
    assert len(guides) >= 8
    for guide in guides:
        assert {p.lang for p in content.pages if p.name == guide} == {"id", "en"}, guide
