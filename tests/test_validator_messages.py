"""Bad input, and the exact message an editor gets for it: where, what, and how to fix it."""

from __future__ import annotations

import pytest
from conftest import GUIDE_EN, GUIDE_ID, HOTLINE_YML, PUBLISHED_SITE_YML, SERVICE_YML, TODAY

from ruangaman.validate import check_project

SERVICE = "content/services/layanan-uji.yml"
HOTLINE = "content/hotlines/sapa-129.yml"


@pytest.fixture(autouse=True)
def _published(project):
    """A site with its address: only the problem each test makes is reported."""
    project.write("content/site.yml", PUBLISHED_SITE_YML)


def problems(project, rel=None, text=None, lang="id"):
    if rel is not None:
        project.write(rel, text)
    _, _, report = check_project(project.root, today=TODAY)
    return report


def only(report, lang="id"):
    assert len(report.problems) == 1, report.format(lang)
    return report.problems[0]


# (case id, file, text, line, field, exact Indonesian "what", start of "how to fix")
CASES = [
    (
        "misspelt-key",
        SERVICE,
        SERVICE_YML + "phnoe: 0561 123456\n",
        22,
        "phnoe",
        "Kolom `phnoe` tidak dikenal.",
        "Maksud Anda `phones`? Kolom yang boleh ada di sini: name, organization,",
    ),
    (
        "website-means-url",
        SERVICE,
        SERVICE_YML + "website: https://contoh.go.id\n",
        22,
        "website",
        "Kolom `website` tidak dikenal.",
        "Maksud Anda `url`?",
    ),
    (
        "missing-name",
        SERVICE,
        SERVICE_YML.replace("name: Layanan Uji\n", ""),
        1,
        "name",
        "Kolom wajib `name` belum diisi.",
        "Tambahkan `name:` (nama layanan). Contoh: UPTD PPA Kubu Raya",
    ),
    (
        "incomplete-phone",
        SERVICE,
        SERVICE_YML.replace("0561 123456", "0561-12"),
        11,
        "phones[0].number",
        'Nomor telepon "0561-12" tidak lengkap atau tidak ada.',
        # the area code comes from libphonenumber, which names no town of Kubu Raya: none guessed
        "Periksa kembali jumlah angkanya. Tulis nomor lengkap dengan kode wilayah (diawali 0)",
    ),
    (
        "short-code-in-service",
        SERVICE,
        SERVICE_YML.replace("0561 123456", "129"),
        11,
        "phones[0].number",
        'Nomor pendek "129" hanya boleh dipakai untuk hotline.',
        "Tulis nomor lengkap layanan ini.",
    ),
    (
        "whatsapp-on-landline",
        SERVICE,
        SERVICE_YML.replace("type: voice", "type: whatsapp"),
        11,
        "phones[0].number",
        'Nomor "0561 123456" bukan nomor HP, jadi tidak bisa dipakai untuk WhatsApp.',
        "Nomor WhatsApp adalah nomor HP",
    ),
    (
        "phone-kind-typo",
        SERVICE,
        SERVICE_YML.replace("type: voice", "type: whatsap"),
        12,
        "phones[0].type",
        'Nilai "whatsap" tidak dikenal untuk kolom `phones[0].type`.',
        "Maksud Anda `whatsapp`? Pilih salah satu: voice, whatsapp, sms.",
    ),
    (
        "unknown-kecamatan",
        SERVICE,
        SERVICE_YML.replace("kecamatan: Sungai Raya", "kecamatan: Sungai Rayaa"),
        9,
        "location.kecamatan",
        'Kecamatan "Sungai Rayaa" tidak ada di Kabupaten Kubu Raya.',
        "Maksud Anda `Sungai Raya`? Kecamatan di Kabupaten Kubu Raya: Sungai Raya,",
    ),
    (
        "desa-in-other-kecamatan",
        SERVICE,
        SERVICE_YML.replace("desa: Kapur", "desa: Korek"),
        8,
        "location.desa",
        'Desa "Korek" tidak ada di Kecamatan Sungai Raya.',
        "Desa ini ada di Kecamatan Sungai Ambawang.",
    ),
    (
        "unknown-type",
        SERVICE,
        SERVICE_YML.replace("types: [pengaduan]", "types: [pengaduaan]"),
        4,
        "types[0]",
        'Jenis layanan "pengaduaan" tidak ada di content/taxonomy.yml.',
        "Maksud Anda `pengaduan`? Jenis yang tersedia: pengaduan, kesehatan.",
    ),
    (
        "impossible-date",
        SERVICE,
        SERVICE_YML.replace("verified_on: 2026-11-01", "verified_on: 2026-02-30"),
        19,
        "verified_on",
        'Tanggal "2026-02-30" tidak ada atau tidak bisa dibaca.',
        "Tulis tanggal sebagai TAHUN-BULAN-HARI",
    ),
    (
        "future-date",
        SERVICE,
        SERVICE_YML.replace("verified_on: 2026-11-01", "verified_on: 2027-01-01"),
        19,
        "verified_on",
        "Tanggal 2027-01-01 belum terjadi (hari ini 2026-11-28).",
        "Tulis tanggal ketika data ini benar-benar diperiksa",
    ),
    (
        "javascript-link",
        SERVICE,
        SERVICE_YML + "url: javascript:alert(1)\n",
        22,
        "url",
        'Alamat web "javascript:alert(1)" tidak bisa dipakai.',
        "Tulis alamat lengkap yang diawali https://",
    ),
    (
        "data-link",
        SERVICE,
        SERVICE_YML + "url: data:text/html,hi\n",
        22,
        "url",
        'Alamat web "data:text/html,hi" tidak bisa dipakai.',
        "Tulis alamat lengkap yang diawali https://",
    ),
    (
        "bad-time",
        SERVICE,
        SERVICE_YML.replace('closes_at: "15:00"', 'closes_at: "25:00"'),
        17,
        "schedule.weekly[0].closes_at",
        'Jam "25:00" tidak bisa dibaca.',
        'Tulis jam dengan format JJ:MM di antara tanda kutip, misalnya "07:30"',
    ),
    (
        "active-without-sources",
        SERVICE,
        SERVICE_YML.replace("sources:\n  - Telepon uji\n", ""),
        18,
        "status",
        "Layanan berstatus `active` tetapi belum ada `sources`.",
        "Layanan aktif harus sudah diperiksa",
    ),
    (
        "duplicate-key",
        SERVICE,
        SERVICE_YML + "name: Lagi\n",
        22,
        "name",
        "Kolom `name` ditulis dua kali (yang pertama di baris 1).",
        "Hapus salah satunya",
    ),
    (
        "tab-indent",
        SERVICE,
        SERVICE_YML.replace("  name: Lembaga Uji", "\tname: Lembaga Uji"),
        3,
        None,
        "Baris ini memakai karakter Tab untuk menjorok ke dalam.",
        "Ganti Tab dengan spasi",
    ),
    (
        "bad-indentation",
        SERVICE,
        SERVICE_YML.replace("  desa: Kapur", "   desa: Kapur"),
        9,
        None,
        "Susunan berkas tidak bisa dibaca di sini: jumlah spasi di awal baris tidak sejajar.",
        "Periksa tanda titik dua (nama: nilai)",
    ),
    (
        "alias",
        SERVICE,
        SERVICE_YML + "accessibility: &a {id: x}\neligibility_description: *a\n",
        22,
        None,
        "Berkas ini memakai anchor atau alias YAML (tanda & atau *).",
        "Tulis nilainya secara langsung.",
    ),
    (
        "short-code-ok-in-hotline-but-not-garbage",
        HOTLINE,
        "name: X\ndescription: {id: x}\norder: 1\npinned: true\nstatus: unverified\n"
        "phones:\n  - number: abc\n",
        7,
        "phones[0].number",
        'Nomor telepon "abc" tidak bisa dibaca sebagai nomor Indonesia.',
        "Tulis nomor lengkap dengan kode wilayah",
    ),
    (
        "hotline-name-as-a-list",
        HOTLINE,
        HOTLINE_YML.replace("name: SAPA 129\n", "name:\n  - SAPA 129\n  - Sahabat\n"),
        1,
        "name",
        "Kolom `name` harus berisi teks, atau `id:` dan `en:`.",
        "Contoh penulisan yang benar: {id: Polisi 110, en: Police 110}",
    ),
    (
        "hotline-name-without-indonesian",
        HOTLINE,
        HOTLINE_YML.replace("name: SAPA 129\n", "name:\n  en: SAPA 129\n"),
        1,
        "name.id",
        "Kolom wajib `name.id` belum diisi.",
        "Tambahkan `id:` (nama hotline). Contoh: {id: Polisi 110, en: Police 110}",
    ),
    (
        "hotline-name-misspelt-language",
        HOTLINE,
        HOTLINE_YML.replace("name: SAPA 129\n", "name:\n  id: SAPA 129\n  eng: SAPA 129\n"),
        3,
        "name.eng",
        "Teks dalam `eng` tidak ditampilkan: bahasa situs adalah id, en.",
        "Maksud Anda `en`? Tulis di bawah salah satu bahasa situs (id, en), atau tambahkan `eng` "
        "ke `languages:` di content/site.yml beserta teks antarmukanya.",
    ),
    (
        "hotline-short-name-as-a-list",
        HOTLINE,
        HOTLINE_YML.replace("name: SAPA 129\n", "name: SAPA 129\nshort_name: [SAPA]\n"),
        2,
        "short_name",
        "Kolom `short_name` harus berisi teks, atau `id:` dan `en:`.",
        "Contoh penulisan yang benar: {id: SAPA 129}",
    ),
]


@pytest.mark.parametrize(
    ("rel", "text", "line", "field", "what", "fix"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_bad_input_gets_exact_message(project, rel, text, line, field, what, fix):
    problem = only(problems(project, rel, text))
    assert (problem.file, problem.line, problem.field) == (rel, line, field)
    assert problem.what("id") == what
    assert problem.fix("id").startswith(fix)


def test_english_messages_on_request(project):
    report = problems(project, SERVICE, SERVICE_YML.replace("0561 123456", "0561-12"))
    text = report.format("en")
    assert 'The phone number "0561-12" is incomplete or does not exist.' in text
    assert "content/services/layanan-uji.yml, line 11, field `phones[0].number`" in text
    assert "1 problem(s) in 1 file(s). Nothing was built." in text


def test_wrong_hotline_name_in_english(project):
    text = HOTLINE_YML.replace("name: SAPA 129\n", "name:\n  en: SAPA 129\n")
    report = problems(project, HOTLINE, text).format("en")
    assert "content/hotlines/sapa-129.yml, line 1, field `name.id`" in report
    assert "The required field `name.id` is missing." in report
    assert "Add `id:` (hotline name). Example: {id: Polisi 110, en: Police 110}" in report


def test_every_problem_in_every_file_in_one_run(project):
    project.write(SERVICE, SERVICE_YML.replace("0561 123456", "0561-12") + "phnoe: 1\n")
    project.write("content/services/kedua.yml", SERVICE_YML.replace("[pengaduan]", "[x]"))
    report = problems(project)
    codes = sorted((p.file, p.code) for p in report.errors)
    assert codes == [
        ("content/services/kedua.yml", "unknown_type"),
        (SERVICE, "phone_incomplete"),
        (SERVICE, "unknown_key"),
    ]


def test_stale_verification_is_a_warning(project):
    report = problems(
        project, SERVICE, SERVICE_YML.replace("verified_on: 2026-11-01", "verified_on: 2025-10-01")
    )
    problem = only(report)
    assert problem.severity == "warning"
    assert problem.what("id") == (
        "Data layanan ini terakhir diperiksa 2025-10-01, lebih dari 12 bulan yang lalu."
    )
    assert not report.failed() and report.failed(strict=True)


def test_same_number_in_three_spellings_is_one_number(project):
    text = SERVICE_YML.replace(
        "  - number: 0561 123456\n    type: voice\n",
        "  - number: 0811-1129-129\n    type: whatsapp\n"
        "  - number: +62 811 1129 129\n    type: whatsapp\n"
        "  - number: 628111129129\n    type: whatsapp\n",
    )
    report = problems(project, SERVICE, text)
    assert [(p.code, p.line) for p in report.problems] == [
        ("duplicate_phone", 13),
        ("duplicate_phone", 15),
    ]


def test_not_utf8(project):
    project.write(SERVICE, SERVICE_YML.encode("utf-8") + "name2: caf\u00e9\n".encode("latin-1"))
    problem = only(problems(project))
    assert (problem.code, problem.line) == ("file_not_utf8", 22)


def test_huge_file_is_refused_before_parsing(project):
    project.write(SERVICE, SERVICE_YML + "# " + "x" * 400_000 + "\n")
    problem = only(problems(project))
    assert problem.code == "file_too_big"
    assert problem.what("id") == "Berkas ini terlalu besar (390 KB; batasnya 256 KB)."


def test_alias_bomb_is_refused_quickly(project):
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        bomb += (
            f"{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
        )
    problem = problems(project, SERVICE, bomb).problems[0]
    assert problem.code == "yaml_alias"


def test_bad_file_name(project):
    project.write("content/services/Layanan Baru.yml", SERVICE_YML)
    problem = only(problems(project))
    assert problem.code == "bad_slug"
    assert (
        problem.what("id")
        == 'Nama berkas "Layanan Baru.yml" tidak bisa dipakai sebagai alamat halaman.'
    )


def test_reserved_slug(project):
    project.write("content/services/kecamatan.yml", SERVICE_YML)
    assert only(problems(project)).code == "bad_slug"


def test_unknown_region_suggests_by_name(project):
    project.write(
        "content/site.yml",
        (project.root / "content/site.yml").read_text().replace('"61.12"', '"61.99"'),
    )
    problem = only(problems(project))
    assert problem.code == "unknown_region"
    assert problem.field == "region"


def test_guide_front_matter_checked_with_file_lines(project):
    page = "---\ntitle: Uji\nsummary: Ringkas.\ntopics: [kdrtt]\nreviewed_on: 2026-11-01\n"
    page += "sources: [x]\n---\n\nIsi.\n"
    project.write("docs/panduan/uji.id.md", page)
    project.write("docs/panduan/uji.en.md", page)
    report = problems(project)
    assert sorted(p.file for p in report.problems) == [
        "docs/panduan/uji.en.md",
        "docs/panduan/uji.id.md",
    ]
    problem = next(p for p in report.problems if p.file.endswith(".id.md"))
    assert (problem.file, problem.line, problem.field) == ("docs/panduan/uji.id.md", 4, "topics[0]")
    assert problem.fix("id").startswith("Maksud Anda `kdrt`?")


def test_untranslated_field_must_match(project):
    project.write("docs/panduan/uji.en.md", GUIDE_EN.replace("2026-11-01", "2026-10-01"))
    problem = only(problems(project))
    assert (problem.file, problem.field) == ("docs/panduan/uji.en.md", "reviewed_on")
    assert problem.what("en").startswith("The field `reviewed_on` differs between")


def test_missing_english_page_is_a_warning(project):
    project.remove("docs/panduan/uji.en.md")
    problem = only(problems(project))
    assert problem.severity == "warning"
    assert (
        problem.what("en") == "This page has no English translation yet (docs/panduan/uji.en.md)."
    )


def test_no_pinned_hotline(project):
    project.write(HOTLINE, (project.root / HOTLINE).read_text().replace("pinned: true\n", ""))
    assert only(problems(project)).code == "no_pinned_hotline"


@pytest.mark.parametrize(
    "link",
    [
        "[klik](javascript:alert(1))",
        '<a href="data:text/html,x">x</a>',
        "<vbscript:msgbox>",
        "[x]( JavaScript:void(0))",
    ],
)
def test_unsafe_link_in_a_page(project, link):
    project.write("docs/panduan/uji.id.md", GUIDE_ID + "\nBaris lain.\n\nLihat " + link + "\n")
    problem = only(problems(project))
    assert (problem.code, problem.file, problem.line) == ("bad_link", "docs/panduan/uji.id.md", 13)


def test_safe_links_pass(project):
    links = "[a](cara.md) [b](https://healing119.id) [c](tel:129) [d](mailto:x@y.id) [e](#top)"
    project.write("docs/panduan/uji.id.md", GUIDE_ID + links + "\n")
    assert not problems(project).problems


def test_same_slug_twice(project):
    project.write("content/services/layanan-uji.yaml", SERVICE_YML)
    problem = only(problems(project))
    assert (problem.code, problem.file) == ("duplicate_slug", "content/services/layanan-uji.yaml")


NASTY = [
    "- just\n- a list\n",
    "plain text\n",
    "~\n",
    "123\n",
    "name: [1, 2]\norganization: x\ntypes: pengaduan\ndescription: {fr: x}\n",
    "name: x\nlocation: [a]\nphones: {number: 1}\nschedule: [1]\n",
    "name: x\nphones:\n  - 12\n  - [1]\n  - {number: null, type: 5}\n",
    "? [complex, key]\n: value\n",
    "name: !!python/object:os.system x\n",
    "name: !custom x\n",
    "a: b: c\n",
    '"unterminated\n',
    "\ufeffname: bom\n",
    "name: x\n---\nname: y\n",
    "name: x\nverified_on: 99999-01-01\nlocation: {latitude: abc, longitude: 500}\n",
    "schedule:\n  weekly:\n    - days: senin\n      opens_at: 8\n      closes_at: 16:00\n",
]


@pytest.mark.parametrize("text", NASTY, ids=[f"nasty-{i}" for i in range(len(NASTY))])
def test_nasty_files_give_messages_not_tracebacks(project, text):
    report = problems(project, SERVICE, text)
    assert report.errors
    for problem in report.problems:
        assert problem.what("id") and problem.fix("id")
        assert problem.what("en") and problem.fix("en")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_guide_must_say_when_it_was_reviewed_and_where_it_comes_from(project, lang):
    """Every guide ends with its sources and review date (issue 12): a guide without them is
    refused, each with its file, line, field and a message in plain words in both languages."""
    rel = f"docs/panduan/uji.{lang}.md"
    text = GUIDE_ID if lang == "id" else GUIDE_EN
    text = text.replace("reviewed_on: 2026-11-01\n", "").replace(
        "sources: [UU 23/2004]", "sources: []"
    )
    report = problems(project, rel, text)
    found = {p.field: p for p in report.errors}
    assert set(found) == {"reviewed_on", "sources"}, report.format("en")
    missing, empty = found["reviewed_on"], found["sources"]
    assert (missing.file, empty.file) == (rel, rel)
    assert missing.code == "missing" and empty.code == "too_few"
    assert empty.line == 5  # the line the empty list is on
    assert missing.what("id") == "Kolom wajib `reviewed_on` belum diisi."
    assert missing.what("en") == "The required field `reviewed_on` is missing."
    assert "2026-07-16" in missing.fix("en") and "2026-07-16" in missing.fix("id")
    assert empty.what("en") == "The field `sources` needs at least 1 item(s)."
    assert empty.what("id") == "Kolom `sources` perlu paling sedikit 1 isian."


# --- ids: the checker suggests the id to write -------------------------------------------------

COPY = "content/services/a-salinan.yml"  # sorts before the file it was copied from
SHARED_ID = "1b6f0c2e-8a4e-4c3b-9a57-3d1f2b9e7c10"


def test_a_bad_id_gets_the_id_to_write(project):
    from ruangaman.model import fallback_id

    problem = only(problems(project, SERVICE, SERVICE_YML + "id: 1234-abcd\n"))
    suggested = fallback_id("service", "layanan-uji")
    assert (problem.code, problem.file, problem.line, problem.field) == (
        "bad_id",
        SERVICE,
        22,
        "id",
    )
    assert problem.what("id") == 'Kode "1234-abcd" bukan UUID.'
    assert problem.fix("id") == (
        f"Kode (id) berbentuk 8-4-4-4-12 huruf a-f dan angka. Tulis `id: {suggested}` (dibuat"
        " dari nama berkas ini), dan jangan mengubahnya lagi."
    )
    assert f"Write `id: {suggested}`" in problem.fix("en")
    # What it suggests is what the file gets: written there, the check passes.
    assert not problems(project, SERVICE, SERVICE_YML + f"id: {suggested}\n").problems


def test_a_copied_id_is_told_in_both_files_with_an_id_for_each(project):
    from ruangaman.model import fallback_id

    project.write(SERVICE, SERVICE_YML + f"id: {SHARED_ID}\n")
    report = problems(project, COPY, SERVICE_YML + f"id: {SHARED_ID}\n")
    assert [(p.code, p.file, p.field) for p in report.problems] == [
        ("duplicate_id", COPY, "id"),
        ("duplicate_id", SERVICE, "id"),
    ]
    copy, original = report.problems
    assert copy.what("id") == f"Kode (id) {SHARED_ID} juga dipakai oleh {SERVICE}."
    assert original.what("en") == f"The id {SHARED_ID} is also used by {COPY}."
    suggested = fallback_id("service", "a-salinan")
    assert copy.fix("en") == (
        f"Every service and hotline needs its own id. If this file was made by copying {SERVICE},"
        f" write `id: {suggested}` here (made from this file's name). If {SERVICE} is the copy,"
        " change the id there and leave this one as it is: links and open data use it."
    )
    assert fallback_id("service", "layanan-uji") in original.fix("id")
    # Following the message in the copy ends the problem, and the original keeps its id.
    report = problems(project, COPY, SERVICE_YML + f"id: {suggested}\n")
    assert not report.problems


# --- opening days: `senin-jumat` means Monday to Friday ----------------------------------------

SAME_DAYS = "    - days: [senin, selasa]\n"


def _days(project, days: str):
    return problems(project, SERVICE, SERVICE_YML.replace(SAME_DAYS, f"    - days: {days}\n"))


def _weekly_days(project) -> list:
    _, site, report = check_project(project.root, today=TODAY)
    assert not report.problems, report.format("en")
    (service,) = site.services
    return [list(hours["days"]) for hours in service.data["schedule"]["weekly"]]


@pytest.mark.parametrize(
    "days",
    ["[senin-jumat]", "[Senin - Jumat]", "['SENIN-jumat']", "[senin-rabu, kamis, jumat]"],
)
def test_a_range_of_days_is_every_day_from_first_to_last(project, days):
    assert not _days(project, days).problems
    assert _weekly_days(project) == [["senin", "selasa", "rabu", "kamis", "jumat"]]


@pytest.mark.parametrize(
    "days", ["[jumat-senin]", "[senin-jumt]", "['-']", "[senin-]", "[senin-selasa-rabu]"]
)
def test_a_range_that_is_not_one_is_refused_with_the_way_to_write_it(project, days):
    problem = only(_days(project, days))
    assert (problem.code, problem.file, problem.line, problem.field) == (
        "bad_range",
        SERVICE,
        15,
        "schedule.weekly[0].days[0]",
    )
    shown = days.strip("[]'")
    assert problem.what("id") == f'"{shown}" bukan rentang hari.'
    assert problem.fix("en") == (
        "Write the first and the last day with a dash, in week order, for example `senin-jumat`"
        " (Monday to Friday), or list the days one by one, for example `[senin, rabu]`."
    )


def test_a_day_inside_a_range_and_again_is_told_once(project):
    problem = only(_days(project, "[senin-jumat, rabu]"))
    assert (problem.code, problem.params["value"]) == ("duplicate_item", "rabu")
