"""What a community agent and a re-user get from a build: share links, vCards, open data, ids."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import jsonschema
import pytest
import vobject
import yaml
from conftest import PUBLISHED_SITE_YML, ROOT, TODAY
from directory_site import SERVICES, SITE_URL, build, make_project

from ruangaman.render.opendata import export_files
from ruangaman.validate import check_project, fallback_id

# Carried in the repository (CC BY-SA 4.0, tests/data/hsds/NOTICE.md): no ../shared needed.
HSDS_SERVICE = ROOT / "tests" / "data" / "hsds" / "service_with_definitions.json"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build(make_project(tmp_path_factory.mktemp("directory")))


def hrefs(html: str, cls: str) -> list[str]:
    return re.findall(rf'<a class="md-button {cls}" href="([^"]+)"', html)


def page(site: Path, rel: str) -> str:
    return (site / rel / "index.html").read_text(encoding="utf-8")


def hsds_validator() -> jsonschema.Draft7Validator:
    schema = json.loads(HSDS_SERVICE.read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())


# --- share ----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["id", "en"])
def test_share_links_are_well_formed(site, lang):
    prefix = "" if lang == "id" else "en/"
    html = page(site, f"{prefix}layanan/layanan-uji")
    address = f"{SITE_URL}{prefix}layanan/layanan-uji/"
    assert hrefs(html, "ra-call-service") == ["tel:+62561123456"]
    (chat,) = hrefs(html, "ra-wa-service")
    parsed = urlparse(chat)
    assert (parsed.scheme, parsed.netloc, parsed.path) == ("https", "wa.me", "/6281234567890")
    assert "Layanan Uji" in parse_qs(parsed.query)["text"][0]
    (share,) = hrefs(html, "ra-share-wa")
    parsed = urlparse(share)
    assert (parsed.netloc, parsed.path) == ("wa.me", "/")
    text = parse_qs(parsed.query)["text"][0]
    assert text.splitlines()[0] == "Layanan Uji"
    assert "0561 123456" in text and "0812 3456 7890" in text  # as written (Phone.display)
    assert text.splitlines()[-1] == address
    assert hrefs(html, "ra-geo") == ["geo:-0.0512,109.3456"]
    (osm,) = hrefs(html, "ra-osm")
    osm = osm.replace("&amp;", "&")
    parsed = urlparse(osm)
    assert parsed.netloc == "www.openstreetmap.org"
    assert parse_qs(parsed.query) == {"mlat": ["-0.0512"], "mlon": ["109.3456"]}
    assert parsed.fragment == "map=17/-0.0512/109.3456"
    (vcf,) = hrefs(html, "ra-vcard")
    assert (site / prefix / "layanan/layanan-uji" / vcf).resolve().is_file()
    (poster,) = hrefs(html, "ra-poster-link")
    assert (site / prefix / "layanan/layanan-uji" / poster / "index.html").resolve().is_file()


def test_service_without_contact_shares_page_and_sapa_pointer_but_no_vcard(site):
    html = page(site, "layanan/layanan-siaga")
    assert hrefs(html, "ra-call-service") == []
    assert hrefs(html, "ra-wa-service") == []
    assert hrefs(html, "ra-vcard") == []
    assert hrefs(html, "ra-geo") == []
    (share,) = hrefs(html, "ra-share-wa")
    text = parse_qs(urlparse(share).query)["text"][0]
    assert "SAPA 129 (129)" in text
    assert text.splitlines()[-1] == f"{SITE_URL}layanan/layanan-siaga/"
    assert not (site / "kontak" / "layanan-siaga.vcf").exists()


def test_shipped_site_invents_no_contact(shipped_site):
    """The shipped services have no checked number: no call button, no vCard, SAPA 129 pointer."""
    assert not (shipped_site / "kontak").exists()
    for path in (shipped_site / "layanan").glob("*/index.html"):
        html = path.read_text(encoding="utf-8")
        if path.parent.name in ("kecamatan", "jenis"):
            continue
        assert hrefs(html, "ra-call-service") == []
        (share,) = hrefs(html, "ra-share-wa")
        assert "SAPA 129" in unquote(share)


# --- vCards -----------------------------------------------------------------------------------


def test_vcards_parse_with_the_checked_contact(site):
    card = vobject.readOne((site / "kontak" / "layanan-uji.vcf").read_text(encoding="utf-8"))
    assert card.fn.value == "Layanan Uji"
    assert card.org.value == ["Lembaga Uji"]
    assert sorted(t.value for t in card.tel_list) == ["+62561123456", "+6281234567890"]
    assert card.email.value == "uji@contoh.test"
    assert card.url.value == f"{SITE_URL}layanan/layanan-uji/"
    assert card.adr.value.street == "Jl. Contoh No. 1"
    assert sorted(p.name for p in (site / "kontak").iterdir()) == [
        "layanan-malam.vcf",
        "layanan-uji.vcf",
    ]


# --- posters ----------------------------------------------------------------------------------


POSTERS = [
    "cetak/layanan/layanan-uji",
    "cetak/kecamatan/sungai-raya",
    "cetak/hotline",
    "cetak/buku",
]


@pytest.mark.parametrize("rel", POSTERS)
@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_poster_exists_in_both_languages_with_a_qr_code(site, rel, lang):
    prefix = "" if lang == "id" else "en/"
    html = page(site, prefix + rel)
    assert f'<html lang="{lang}"' in html
    assert 'class="ra-qr"' in html
    assert "SAPA 129" in html
    # Posters repeat other pages, so search (Pagefind) leaves them out; other pages are indexed.
    assert "data-pagefind-body" not in html
    assert "data-pagefind-body" in page(site, prefix + "layanan/layanan-uji")


def test_booklet_has_one_section_per_kecamatan_with_services(site):
    html = page(site, "cetak/buku")
    headings = re.findall(r'<section class="ra-booklet-section">\s*<h2[^>]*>([^<]+)</h2>', html)
    assert headings[1:] == [
        "Layanan di Kecamatan Sungai Raya",
        "Layanan di Kecamatan Kubu",
        "Lokasi belum tercatat",
    ]


def test_posters_without_a_site_address_show_the_path_instead_of_a_qr(shipped_site):
    html = page(shipped_site, "en/cetak/layanan/patbm-kapur")
    assert 'class="ra-qr"' not in html
    assert "/en/layanan/patbm-kapur/" in html
    assert "content/site.yml" in html


# --- open data --------------------------------------------------------------------------------


def test_hsds_export_validates(site):
    services = json.loads((site / "api/hsds/services.json").read_text(encoding="utf-8"))
    validator = hsds_validator()
    assert len(services) == len(SERVICES)
    for service in services:
        errors = sorted(validator.iter_errors(service), key=str)
        assert not errors, "\n".join(e.message for e in errors)
    night = next(s for s in services if s["name"] == "Layanan Malam")
    assert [(x["byday"], x["opens_at"], x["closes_at"]) for x in night["schedules"]] == [
        ("FR", "20:00+07:00", "02:00+07:00"),
        ("SU", "08:00+07:00", "24:00+07:00"),
    ]
    uji = next(s for s in services if s["name"] == "Layanan Uji")
    assert {p["number"] for p in uji["phones"]} == {"+62561123456", "+6281234567890"}
    assert uji["service_at_locations"][0]["location"]["latitude"] == -0.0512
    siaga = next(s for s in services if s["name"] == "Layanan Siaga")
    assert [a["taxonomy_term"]["code"] for a in siaga["attributes"]] == ["kesehatan", "pengaduan"]
    assert siaga["attributes"][0]["taxonomy_term"]["name"] == "Kesehatan"


def test_shipped_hsds_export_validates(shipped_site):
    services = json.loads((shipped_site / "api/hsds/services.json").read_text(encoding="utf-8"))
    validator = hsds_validator()
    assert len(services) == len(list((ROOT / "content" / "services").glob("*.yml")))
    for service in services:
        assert not list(validator.iter_errors(service))


def test_json_api_and_csv(site):
    api = json.loads((site / "api/services.json").read_text(encoding="utf-8"))
    assert api["timezone"] == "Asia/Pontianak"
    by_slug = {s["slug"]: s for s in api["services"]}
    assert set(by_slug) == set(SERVICES)
    for slug, text in SERVICES.items():
        assert by_slug[slug]["id"] == yaml.safe_load(text)["id"]
    uji = by_slug["layanan-uji"]
    assert uji["pages"]["en"] == {
        "path": "en/layanan/layanan-uji/",
        "url": f"{SITE_URL}en/layanan/layanan-uji/",
    }
    assert uji["location"]["kecamatan_code"] == "61.12.01"
    hotlines = json.loads((site / "api/hotlines.json").read_text(encoding="utf-8"))["hotlines"]
    assert [h["phones"][0]["number"] for h in hotlines] == ["129"]
    rows = list(csv.DictReader(io.StringIO((site / "api/services.csv").read_text("utf-8"))))
    assert {r["name"]: r["hours"] for r in rows}["Layanan Malam"] == (
        "jumat 20:00-02:00; minggu 08:00-24:00"
    )
    assert {r["name"]: r["phone"] for r in rows}["Layanan Uji"] == "+62561123456"
    assert (site / "api/services.json").is_file() and not (site / "en" / "api").exists()


def test_ids_do_not_change_when_a_record_is_edited(tmp_path):
    project = make_project(tmp_path)

    def exported() -> dict:
        _, site, report = check_project(project.root, today=TODAY)
        assert not report.failed()
        return json.loads(export_files(site)["api/hsds/services.json"])

    def ids(services: list) -> dict:
        return {
            s["name"]: (
                s["id"],
                s["organization"]["id"],
                [p["id"] for p in s["phones"]],
                [x["id"] for x in s.get("service_at_locations", [])],
            )
            for s in services
        }

    before = ids(exported())
    edited = SERVICES["layanan-uji"].replace("Uraian layanan uji.", "Uraian yang diperbarui.")
    edited = edited.replace("Jl. Contoh No. 1", "Jl. Contoh No. 2")
    project.write("content/services/layanan-uji.yml", edited)
    assert ids(exported()) == before


def test_record_without_id_gets_a_stable_id_from_its_file_name(project):
    project.write("content/site.yml", PUBLISHED_SITE_YML)
    content, site, report = check_project(project.root, today=TODAY)
    assert not report.problems, report.format("en")
    (service,) = site.services
    assert service.id == fallback_id("service", "layanan-uji")
    assert "id" not in content.services[0].data  # made by validate, never written into load's
    project.write(
        "content/services/layanan-uji.yml",
        (project.root / "content/services/layanan-uji.yml")
        .read_text()
        .replace("Uraian layanan uji.", "Uraian baru."),
    )
    _, site, _ = check_project(project.root, today=TODAY)
    assert site.services[0].id == service.id


def test_every_shipped_record_has_its_own_explicit_id():
    seen = set()
    for path in sorted((ROOT / "content").glob("*/*.yml")):
        if path.parent.name not in ("services", "hotlines"):
            continue
        value = yaml.safe_load(path.read_text(encoding="utf-8")).get("id")
        assert value and re.fullmatch(r"[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}", value), path
        assert value not in seen
        seen.add(value)


def test_copied_record_with_the_same_id_is_refused(tmp_path):
    project = make_project(tmp_path)
    project.write("content/services/salinan.yml", SERVICES["layanan-uji"])
    _, _, report = check_project(project.root, today=TODAY)
    found = [p for p in report.problems if p.code == "duplicate_id"]
    assert report.failed()
    assert [(p.file, p.field) for p in found] == [
        ("content/services/layanan-uji.yml", "id"),
        ("content/services/salinan.yml", "id"),
    ]
    assert "content/services/layanan-uji.yml" in found[1].what("en")


# --- ids through the editors' tools -------------------------------------------------------------


def test_new_record_is_born_with_an_id(project):
    from ruangaman.editor.new import new_file

    path, problems = new_file(project.root, "service", "Pos Baru")
    assert problems == []
    assert re.search(r"^id: [0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-", path.read_text(), re.M)


def test_spreadsheet_import_keeps_ids_and_gives_new_rows_one(tmp_path):
    from ruangaman.editor.spreadsheet import import_sheet, write_csv

    (tmp_path / "site").mkdir()
    project = make_project(tmp_path / "site")
    sheet = tmp_path / "sheet.csv"
    header = ["slug", "name", "organization.name", "types", "description.id", "status"]
    rows = [
        ["layanan-siaga", "Layanan Siaga", "Lembaga Uji", "kesehatan", "Diubah.", "unverified"],
        ["pos-baru", "Pos Baru", "Lembaga", "pengaduan", "Uraian.", "unverified"],
    ]
    write_csv(sheet, header, rows)  # an old sheet without the id column
    result = import_sheet(project.root, sheet, "services", TODAY)
    assert result.report.errors == [], result.report.format("en")
    kept = yaml.safe_load((project.root / "content/services/layanan-siaga.yml").read_text())
    assert kept["id"] == yaml.safe_load(SERVICES["layanan-siaga"])["id"]
    assert kept["description"] == {"id": "Diubah."}
    new = yaml.safe_load((project.root / "content/services/pos-baru.yml").read_text())
    assert re.fullmatch(r"[0-9a-f-]{36}", new["id"])
