"""Where a service serves (`serves:`), apart from where its office is: the whole regency, a list
of kecamatan or a list of desa of its office's kecamatan, each checked against the region list."""

from __future__ import annotations

import json
import re

import pytest
from conftest import PUBLISHED_SITE_YML, SERVICE_YML, TODAY

from ruangaman.validate import check_project

SERVICE = "content/services/layanan-uji.yml"


@pytest.fixture(autouse=True)
def _published(project):
    project.write("content/site.yml", PUBLISHED_SITE_YML)


def check(project, text):
    project.write(SERVICE, text)
    _, site, report = check_project(project.root, today=TODAY)
    return site, report


def only(report):
    assert len(report.problems) == 1, report.format("id")
    return report.problems[0]


def service(site):
    return next(s for s in site.services if s.slug == "layanan-uji")


# (case id, serves as YAML, line, field, exact Indonesian "what", start of "how to fix",
#  exact English "what")
CASES = [
    (
        "unknown-kecamatan",
        "serves:\n  kecamatan: [Sungai Raya, Sungai Kakapp]\n",
        23,
        "serves.kecamatan[1]",
        'Kecamatan "Sungai Kakapp" tidak ada di Kabupaten Kubu Raya.',
        "Maksud Anda `Sungai Kakap`? Kecamatan di Kabupaten Kubu Raya: ",
        'There is no kecamatan "Sungai Kakapp" in Kabupaten Kubu Raya.',
    ),
    (
        "unknown-desa",
        "serves:\n  desa: [Kapurr]\n",
        23,
        "serves.desa[0]",
        'Desa "Kapurr" tidak ada di Kecamatan Sungai Raya.',
        "Maksud Anda `Kapur`? Periksa ejaan nama desa",
        'There is no desa "Kapurr" in Kecamatan Sungai Raya.',
    ),
    (
        "desa-of-another-kecamatan",
        "serves:\n  desa:\n    - Kapur\n    - Korek\n",
        25,
        "serves.desa[1]",
        'Desa "Korek" tidak ada di Kecamatan Sungai Raya, kecamatan kantor layanan ini.',
        "Desa ini ada di Kecamatan Sungai Ambawang. Daftar `desa` hanya untuk desa di kecamatan "
        "kantornya; bila layanan melayani beberapa kecamatan, tulis daftar `kecamatan:`",
        'There is no desa "Korek" in Kecamatan Sungai Raya, the kecamatan of this service\'s '
        "office.",
    ),
    (
        "desa-of-another-regency",
        # Siantan Hulu is a kelurahan of Kota Pontianak, not of Kubu Raya
        "serves:\n  desa: [Siantan Hulu]\n",
        23,
        "serves.desa[0]",
        'Desa "Siantan Hulu" tidak ada di Kecamatan Sungai Raya.',
        "Periksa ejaan nama desa, atau periksa apakah kecamatannya benar.",
        'There is no desa "Siantan Hulu" in Kecamatan Sungai Raya.',
    ),
    (
        "regency-and-a-list",
        "serves:\n  kabupaten: true\n  kecamatan: [Sungai Raya]\n",
        24,
        "serves.kecamatan",
        "`serves` menyebut lebih dari satu cara: `kabupaten` dan `kecamatan`.",
        "Isi satu saja: `kabupaten: true` (seluruh kabupaten), daftar `kecamatan`, atau daftar "
        "`desa`. Hapus `kecamatan:` atau `kabupaten:`.",
        "`serves` names more than one way: `kabupaten` and `kecamatan`.",
    ),
    (
        "empty-list",
        "serves:\n  kecamatan: []\n",
        23,
        "serves.kecamatan",
        "Kolom `serves.kecamatan` perlu paling sedikit 1 isian.",
        "Tambahkan isian sebagai daftar, satu per baris diawali `- `. Contoh: [Sungai Raya, Rasau",
        "The field `serves.kecamatan` needs at least 1 item(s).",
    ),
    (
        "nothing-named",
        "serves: {}\n",
        22,
        "serves",
        "`serves` tidak menyebut wilayah yang dilayani.",
        "Tulis `kabupaten: true` (seluruh kabupaten), daftar `kecamatan: [Sungai Raya]`",
        "`serves` names no area that the service serves.",
    ),
    (
        "regency-as-a-name",
        "serves:\n  kabupaten: Kubu Raya\n",
        23,
        "serves.kabupaten",
        "Kolom `serves.kabupaten` harus berisi true atau false.",
        "Contoh penulisan yang benar: true",
        "The field `serves.kabupaten` must hold true or false.",
    ),
    (
        "kecamatan-as-text",
        "serves:\n  kecamatan: Sungai Raya\n",
        23,
        "serves.kecamatan",
        "Kolom `serves.kecamatan` harus berisi daftar (baris-baris diawali `- `).",
        "Contoh penulisan yang benar: [Sungai Raya, Rasau Jaya]",
        "The field `serves.kecamatan` must hold a list (lines starting with `- `).",
    ),
    (
        "markup-in-a-name",
        "serves:\n  kecamatan: ['<b>Sungai Raya</b>']\n",
        23,
        "serves.kecamatan[0]",
        'Kecamatan "<b>Sungai Raya</b>" tidak ada di Kabupaten Kubu Raya.',
        "Maksud Anda `Sungai Raya`?",
        'There is no kecamatan "<b>Sungai Raya</b>" in Kabupaten Kubu Raya.',
    ),
]


@pytest.mark.parametrize(
    ("serves", "line", "field", "what", "fix", "what_en"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_a_wrong_service_area_gets_an_exact_message(
    project, serves, line, field, what, fix, what_en
):
    site, report = check(project, SERVICE_YML + serves)
    problem = only(report)
    assert (problem.file, problem.line, problem.field) == (SERVICE, line, field)
    assert problem.what("id") == what
    assert problem.fix("id").startswith(fix)
    assert problem.what("en") == what_en
    assert problem.fix("en")
    # a refused area is no area: the service serves where its office is, as before
    s = service(site)
    assert (s.serves_regency, s.serves_kecamatan, s.serves_desa) == (None, (), ())


def test_the_three_ways_to_say_where_a_service_serves(project):
    site, report = check(project, SERVICE_YML + "serves:\n  kabupaten: true\n")
    assert not report.problems, report.format("id")
    s = service(site)
    assert s.serves_regency.code == "61.12"
    assert all(s.serves(k) for k in site.area.single.kecamatan.values())
    assert s.serves_codes == ("61.12",)

    site, report = check(
        project, SERVICE_YML + "serves:\n  kecamatan: [sungai kakap, Rasau Jaya]\n"
    )
    assert not report.problems, report.format("id")
    s = service(site)
    assert [k.name for k in s.serves_kecamatan] == ["Sungai Kakap", "Rasau Jaya"]
    served = {k.name for k in site.area.single.kecamatan.values() if s.serves(k)}
    assert served == {"Sungai Raya", "Sungai Kakap", "Rasau Jaya"}  # its office's too

    site, report = check(project, SERVICE_YML + "serves:\n  desa: [Kapur]\n")
    assert not report.problems, report.format("id")
    s = service(site)
    assert [d.name for d in s.serves_desa] == ["Kapur"]
    assert s.serves_codes == (s.desa.code,)
    served = {k.name for k in site.area.single.kecamatan.values() if s.serves(k)}
    assert served == {"Sungai Raya"}


def test_without_serves_a_service_serves_where_its_office_is(project):
    site, report = check(project, SERVICE_YML)
    assert not report.problems
    s = service(site)
    assert (s.serves_regency, s.serves_kecamatan, s.serves_desa, s.serves_codes) == (
        None,
        (),
        (),
        (),
    )
    served = {k.name for k in site.area.single.kecamatan.values() if s.serves(k)}
    assert served == {"Sungai Raya"}


def test_desa_need_the_office_kecamatan(project):
    text = SERVICE_YML.replace("location:\n  desa: Kapur\n  kecamatan: Sungai Raya\n", "")
    _, report = check(project, text + "serves:\n  desa: [Kapur]\n")
    problem = only(report)
    assert (problem.line, problem.field) == (20, "serves.desa")
    assert problem.what("id") == (
        "Daftar `desa` di `serves` butuh kecamatan kantor layanan, tetapi `location.kecamatan` "
        "kosong."
    )
    assert problem.fix("en").startswith("Fill in `kecamatan:` under `location:`")


# --- open data ------------------------------------------------------------------------------


def test_open_data_says_where_a_service_serves_with_kemendagri_codes(project):
    from test_directory_outputs import hsds_validator

    from ruangaman.render.opendata import export_files

    project.write(
        "content/services/kabupaten.yml",
        SERVICE_YML.replace("name: Layanan Uji", "name: Layanan Kabupaten").replace(
            "location:\n  desa: Kapur\n  kecamatan: Sungai Raya\n", ""
        )
        + "serves:\n  kabupaten: true\n",
    )
    project.write(
        "content/services/dua.yml",
        SERVICE_YML.replace("name: Layanan Uji", "name: Layanan Dua")
        + "serves:\n  kecamatan: [Sungai Kakap, Rasau Jaya]\n",
    )
    site, report = check(project, SERVICE_YML + "serves:\n  desa: [Kapur, Sungai Raya Dalam]\n")
    assert not report.failed(), report.format("en")
    files = export_files(site)
    hsds = {s["name"]: s for s in json.loads(files["api/hsds/services.json"])}
    validator = hsds_validator()
    for service in hsds.values():
        errors = sorted(validator.iter_errors(service), key=str)
        assert not errors, "\n".join(e.message for e in errors)
    areas = {
        n: [(a["extent"], a["name"]) for a in s.get("service_areas", [])] for n, s in hsds.items()
    }
    assert areas["Layanan Kabupaten"] == [("61.12", "Kabupaten Kubu Raya")]
    assert areas["Layanan Dua"] == [
        ("61.12.09", "Kecamatan Sungai Kakap, Kabupaten Kubu Raya"),
        ("61.12.07", "Kecamatan Rasau Jaya, Kabupaten Kubu Raya"),
    ]
    kapur, dalam = areas["Layanan Uji"]
    assert kapur[1] == "Desa Kapur, Kecamatan Sungai Raya, Kabupaten Kubu Raya"
    assert kapur[0].startswith("61.12.01.") and dalam[0].startswith("61.12.01.")
    ids = [a["id"] for s in hsds.values() for a in s.get("service_areas", [])]
    assert len(set(ids)) == len(ids)
    api = {s["name"]: s for s in json.loads(files["api/services.json"])["services"]}
    assert api["Layanan Kabupaten"]["serves"] == [
        {"level": "kabupaten", "code": "61.12", "name": "Kabupaten Kubu Raya"}
    ]
    assert api["Layanan Kabupaten"]["location"] is None


def test_shipped_services_serve_where_their_sources_say(shipped_site):
    hsds = json.loads((shipped_site / "api/hsds/services.json").read_text(encoding="utf-8"))
    by_name = {s["name"]: s.get("service_areas", []) for s in hsds}
    wide = [n for n, areas in by_name.items() if [a["extent"] for a in areas] == ["61.12"]]
    assert sorted(wide) == [
        "Komisi Perlindungan Anak Daerah (KPAD) Kabupaten Kubu Raya",
        "UPTD Perlindungan Perempuan dan Anak (UPTD PPA) Kabupaten Kubu Raya",
        "Unit PPA Satreskrim Polres Kubu Raya",
    ]
    for name, areas in by_name.items():
        if name.startswith("PATBM") and name != "PATBM Pasak Tiang":  # its desa is not found
            assert [a["name"].split(",")[0] for a in areas] == [f"Desa {name[6:]}"], name


# --- a wide (province) site -------------------------------------------------------------------


def test_a_regency_page_of_a_wide_site_links_only_to_headings_it_has(project):
    from test_scale import WIDE_SERVICE, province_project

    from ruangaman.render.inventory import Renderer

    province_project(project)
    project.write(
        "content/services/polres.yml",
        WIDE_SERVICE.replace("name: Layanan Uji", "name: Layanan Polres")
        .replace("kecamatan: Sungai Raya", "kecamatan: Kubu")
        .replace("  desa: Kapur\n", "")
        + "serves:\n  kabupaten: true\n",
    )
    project.write(
        "content/services/layanan-uji.yml",
        WIDE_SERVICE + "serves:\n  kecamatan: [Sungai Kakap]\n",
    )
    _, site, report = check_project(project.root, today=TODAY)
    assert not report.failed(), report.format("en")
    pages = Renderer(site).pages(list(site.languages))
    for lang in site.languages:
        html = pages[(lang, "layanan/wilayah/kabupaten-kubu-raya")].html
        targets = set(re.findall(r'href="#([^"]+)"', html))
        ids = set(re.findall(r'id="([^"]+)"', html))
        assert targets and targets <= ids, targets - ids
        # the kecamatan with a service, and Sungai Kakap, which one serves; no empty one
        assert targets == {"sungai-raya", "kubu", "sungai-kakap"}
        wide_section = html.split('id="ra-seluruh-kabupaten"')[1].split("<h2")[0]
        assert "Layanan Polres" in wide_section
        # at the top and in its office's section (its page links there), not in every other
        assert html.count(">Layanan Polres<") == 2
        kakap = html.split('id="sungai-kakap"')[1].split("<h2")[0]
        assert "Layanan Uji" in kakap
    # every regency page of the province, with or without services
    for (_, name), page in pages.items():
        if name.startswith("layanan/wilayah/"):
            targets = set(re.findall(r'href="#([^"]+)"', page.html))
            assert targets <= set(re.findall(r'id="([^"]+)"', page.html)), name


def test_a_wide_site_needs_the_regency_a_service_serves(project):
    from test_scale import province_project

    province_project(project)
    text = SERVICE_YML.replace("location:\n  desa: Kapur\n  kecamatan: Sungai Raya\n", "")
    _, report = check(project, text + "serves:\n  kabupaten: true\n")
    problem = only(report)
    assert (problem.code, problem.line, problem.field) == ("missing_regency", 19, "serves")
    assert problem.fix("id").startswith("Situs ini mencakup Kalimantan Barat")


def test_a_service_page_says_where_it_serves(project):
    from ruangaman.render.inventory import Renderer

    site, report = check(project, SERVICE_YML + "serves:\n  kecamatan: [Sungai Kakap]\n")
    assert not report.failed()
    pages = Renderer(site).pages(list(site.languages))
    html = pages[("id", "layanan/layanan-uji")].html
    assert (
        '<dt>Wilayah layanan</dt><dd class="ra-serves">Melayani Kecamatan Sungai Kakap</dd>' in html
    )
    html = pages[("en", "layanan/layanan-uji")].html
    assert '<dt>Area served</dt><dd class="ra-serves">Serves Kecamatan Sungai Kakap</dd>' in html
    kakap = pages[("id", "layanan/kecamatan/sungai-kakap")].html
    assert "Layanan Uji" in kakap and "Melayani Kecamatan Sungai Kakap" in kakap


# --- the spreadsheet ---------------------------------------------------------------------------


def test_the_spreadsheet_carries_where_a_service_serves_both_ways(project, tmp_path):
    import yaml

    from ruangaman.editor.spreadsheet import export_rows, import_sheet, write_csv

    project.write(SERVICE, SERVICE_YML + "serves:\n  kecamatan: [Sungai Kakap, Rasau Jaya]\n")
    header, rows = export_rows(project.root, "services")
    row = dict(zip(header, rows[0], strict=True))
    assert row["serves.kecamatan"] == "Sungai Kakap\nRasau Jaya"
    assert row["serves.kabupaten"] == row["serves.desa"] == ""
    sheet = tmp_path / "layanan.csv"
    write_csv(sheet, header, rows)
    result = import_sheet(project.root, sheet, "services", TODAY)
    assert result.report.errors == [] and result.written == []
    assert export_rows(project.root, "services") == (header, rows)
    # an editor's sheet: "ya" in serves.kabupaten, the kecamatan emptied
    row.update({"serves.kabupaten": "ya", "serves.kecamatan": ""})
    write_csv(sheet, header, [list(row.values())])
    result = import_sheet(project.root, sheet, "services", TODAY)
    assert result.report.errors == [], result.report.format("en")
    data = yaml.safe_load((project.root / SERVICE).read_text(encoding="utf-8"))
    assert data["serves"] == {"kabupaten": True}
    # and a wrong name in the sheet is named by its column
    row.update({"serves.kabupaten": "", "serves.kecamatan": "Sungai Kakapp"})
    write_csv(sheet, header, [list(row.values())])
    result = import_sheet(project.root, sheet, "services", TODAY)
    [problem] = result.report.errors
    assert problem.code == "unknown_kecamatan"
    assert (problem.file, problem.line, problem.field) == ("layanan.csv", 2, "serves.kecamatan")
    assert problem.what("id") == 'Kecamatan "Sungai Kakapp" tidak ada di Kabupaten Kubu Raya.'


def test_a_kecamatan_poster_names_the_services_serving_it_from_elsewhere(project):
    from ruangaman.render.inventory import Renderer

    project.write(
        "content/services/polres.yml",
        SERVICE_YML.replace("name: Layanan Uji", "name: Layanan Polres")
        .replace("kecamatan: Sungai Raya", "kecamatan: Kubu")
        .replace("  desa: Kapur\n", "")
        + "serves:\n  kabupaten: true\n",
    )
    site, report = check(project, SERVICE_YML)
    assert not report.failed(), report.format("en")
    pages = Renderer(site).pages(list(site.languages))
    poster = pages[("id", "cetak/kecamatan/sungai-kakap")].html
    assert "Juga melayani kecamatan ini:</strong> Layanan Polres (melayani seluruh kabupaten)" in (
        poster
    )
    assert "Belum ada layanan" not in poster
    poster = pages[("en", "cetak/kecamatan/sungai-raya")].html
    assert "Layanan Uji" in poster and "Also serving this kecamatan:" in poster
    assert "Also serving" not in pages[("en", "cetak/kecamatan/kubu")].html  # its office's
