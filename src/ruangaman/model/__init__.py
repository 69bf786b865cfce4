"""The content model: every field of every kind of content file, described once.

The validator, the JSON Schema for editors' text editors and the editor guide's field reference are
all generated from these descriptions, so they cannot disagree. Field names follow Open Referral
HSDS 3.0 where HSDS has one (`name`, `description`, `url`, `email`, `phones[].number`,
`fees_description`, `eligibility_description`, `status`, `opens_at`, `closes_at`).
"""

from __future__ import annotations

import dataclasses
import uuid
from dataclasses import dataclass
from functools import cached_property
from typing import Any

# Kinds of value. Text kinds keep the text exactly as written in the file.
TEXT = "text"  # one line of text
LOCALIZED = "localized"  # {id: ..., en: ...} or plain text (taken as Indonesian)
BOOL = "bool"
INT = "int"
NUMBER = "number"
DATE = "date"
TIME = "time"  # "HH:MM"
CHOICE = "choice"
PHONE = "phone"
EMAIL = "email"
URL = "url"
LIST = "list"
OBJECT = "object"
REGION_CODE = "region_code"
KECAMATAN = "kecamatan"
REGENCY = "regency"
DESA = "desa"
SERVICE_TYPE = "service_type"
TOPIC = "topic"
SLUG = "slug"
UUID = "uuid"  # a stable identifier: 8-4-4-4-12 hexadecimal digits
LANGUAGE = "language"  # an ISO 639 code: two letters (ms) or three (bjn)
# Which version of its source a translation translates: the first MARK_LENGTH hexadecimal
# digits of a sha256 of the source's text (`validate.freshness`, written by `ruangaman translated`).
TRANSLATION_MARK = "translation_mark"
MARK_LENGTH = 8
MARK_SUFFIX = "_from"  # a two-language value's `en_from`: the mark of the text its `en` translates
# The files whose two-language texts may carry marks: those validate takes the marks out of.
MARKED_KINDS = frozenset({"service", "hotline"})

DAYS = ("senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu")
PHONE_TYPES = ("voice", "whatsapp", "sms")
STATUSES = ("active", "unverified", "inactive")
# How a contact was checked, and what the check found (`verification:` of services and hotlines).
METHODS = ("telepon", "kunjungan", "surat", "situs_resmi")
OUTCOMES = ("confirmed", "changed", "no_answer", "wrong_number")
CONFIRMING = frozenset({"confirmed", "changed"})  # the contact was reached: verified_on follows
FAILING = frozenset({"no_answer", "wrong_number"})
FAILURES_DOUBTFUL = 3  # failed attempts at different times after the last confirmation
VERIFICATION_MAX = 500  # attempts kept in one file (one call a week is 52 a year)
# The languages the package has interface text in (`text.packaged_languages` reads them from
# its files; a test holds the two equal); a site has the ones its content/site.yml `languages`
# names, the main one first (these when it names none): any ISO 639 code, each with the
# package's interface table or its own (content/interface/<code>.yml).
LANGUAGES = ("id", "en")
# Where Quick exit goes when content/site.yml names no site: a weather forecast, nothing personal.
QUICK_EXIT_DEFAULT = "https://www.bmkg.go.id/"


@dataclass(frozen=True)
class Field:
    """One field of a content file: its kind, whether it is required, and how to explain it."""

    name: str
    kind: str
    title_id: str
    title_en: str
    example: Any = None
    required: bool = False
    choices: tuple[str, ...] = ()
    item: Field | None = None  # the kind of each item of a LIST
    fields: tuple[Field, ...] = ()  # the fields of an OBJECT
    min_items: int = 0
    max_items: int | None = None  # the most items a LIST may hold (None: no limit)
    max_length: int | None = None  # None: the default of its kind (`DEFAULT_MAX_LENGTH`)
    multiline: bool = False  # text that may hold line breaks (descriptions); else one line
    # A LIST of CHOICE whose items may also be a range `first-last` of the choices, in their
    # order (`senin-jumat` for Monday to Friday), as people write opening days.
    ranges: bool = False
    # A date that may lie after today (an announced closure, a holiday): every other date says
    # when something was done, so one still to come is refused (`validate.dates`).
    may_be_future: bool = False

    def child(self, name: str) -> Field | None:
        return self._children.get(name)

    @cached_property
    def _children(self) -> dict[str, Field]:
        """The fields of an OBJECT by name, the first of a name (read for every key of every
        record by the shape check and the translation marks' walk)."""
        out: dict[str, Field] = {}
        for f in self.fields:
            out.setdefault(f.name, f)
        return out

    def title(self, lang: str) -> str:
        """What the field means, in `lang`: written here, beside the field, since the schema,
        the editor guide, the spreadsheet columns and the messages are all made from it."""
        return self.title_en if lang == "en" else self.title_id

    @property
    def limit(self) -> int | None:
        """The most characters a text value of this field may hold (every text kind has one)."""
        return self.max_length or DEFAULT_MAX_LENGTH.get(self.kind)

    @property
    def characters(self) -> str:
        """The characters a text value may not hold, as a regular expression class body."""
        return MULTILINE_REFUSED if self.multiline else ONE_LINE_REFUSED


# Every text a file holds has a length and a character rule: a name with a newline broke the
# build, a 240 KB short name went into every page. One-line fields refuse line breaks, control
# characters (C0, DEL, C1), the line and paragraph separators and the bidirectional marks,
# embeddings, overrides and isolates (they can make a phone number read differently from what
# it is); multi-line fields (descriptions) allow a line break (\n) and nothing else of those.
_BIDI = r"\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
ONE_LINE_REFUSED = r"\u0000-\u001f\u007f-\u009f\u2028\u2029" + _BIDI + r"\ufeff"
MULTILINE_REFUSED = r"\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029" + _BIDI + r"\ufeff"
# Lengths in characters where a field sets none: short enough for one line on a phone, long
# enough for every real value (the longest desa name is 40 characters; URLs are rarely 2,000).
DEFAULT_MAX_LENGTH: dict[str, int] = {
    TEXT: 200,
    LOCALIZED: 300,
    URL: 2000,
    EMAIL: 254,
    PHONE: 40,
    SLUG: 80,
    UUID: 40,
    TRANSLATION_MARK: 40,
    CHOICE: 40,
    TIME: 10,
    REGION_CODE: 20,
    KECAMATAN: 100,
    REGENCY: 100,
    DESA: 100,
    SERVICE_TYPE: 80,
    TOPIC: 80,
}
NAME_MAX = 120  # names of services and hotlines; page titles
ORGANIZATION_MAX = 200  # "Dinas Pengendalian Penduduk, Keluarga Berencana, ..." is 121
DESCRIPTION_MAX = 2000


def in_language(value: dict | str | None, lang: str) -> str:
    """A LOCALIZED value's text in `lang`: Indonesian when it has none, plain text as it is."""
    if not value:
        return ""
    if isinstance(value, str):
        return value
    return value.get(lang) or value.get("id") or next(iter(value.values()))


def _localized(name: str, title_id: str, title_en: str, example: str, **kw: Any) -> Field:
    return Field(name, LOCALIZED, title_id, title_en, {"id": example}, **kw)


PHONE_FIELDS = (
    Field("number", PHONE, "nomor telepon", "phone number", "0561 123456", required=True),
    Field(
        "type",
        CHOICE,
        "jenis: telepon (voice), WhatsApp (whatsapp) atau SMS (sms)",
        "kind: voice, WhatsApp (whatsapp) or SMS (sms)",
        "voice",
        choices=PHONE_TYPES,
    ),
    _localized(
        "description",
        "keterangan nomor",
        "what the number is for",
        "Layanan pengaduan",
        max_length=NAME_MAX,
    ),
)

PHONES = Field(
    "phones",
    LIST,
    "nomor telepon, WhatsApp atau SMS",
    "phone, WhatsApp or SMS numbers",
    [{"number": "0561 123456", "type": "voice"}],
    item=Field("phone", OBJECT, "nomor", "number", fields=PHONE_FIELDS),
)

SCHEDULE = Field(
    "schedule",
    OBJECT,
    "jam layanan",
    "opening hours",
    {"weekly": [{"days": ["senin-jumat"], "opens_at": "08:00", "closes_at": "15:00"}]},
    fields=(
        Field("open_24_hours", BOOL, "buka 24 jam setiap hari", "open 24 hours every day", True),
        Field(
            "weekly",
            LIST,
            "jam buka mingguan",
            "weekly opening hours",
            [{"days": ["senin", "selasa"], "opens_at": "08:00", "closes_at": "15:00"}],
            item=Field(
                "hours",
                OBJECT,
                "jam buka",
                "opening hours",
                fields=(
                    Field(
                        "days",
                        LIST,
                        "hari buka",
                        "days open",
                        ["senin-jumat", "sabtu"],
                        required=True,
                        min_items=1,
                        item=Field("day", CHOICE, "hari", "day", "senin", choices=DAYS),
                        ranges=True,
                    ),
                    Field("opens_at", TIME, "jam buka", "opening time", "08:00", required=True),
                    Field("closes_at", TIME, "jam tutup", "closing time", "15:00", required=True),
                ),
            ),
        ),
        _localized("description", "keterangan jadwal", "notes on the hours", "Tutup hari libur"),
        Field(
            "closed_on_public_holidays",
            BOOL,
            "tutup pada hari libur nasional dan cuti bersama (true), buka seperti biasa (false); "
            "bila tidak ditulis, jam pada hari libur belum diketahui",
            "closed on national public holidays and cuti bersama (true), open as usual (false); "
            "if not written, the hours on holidays are not known",
            True,
        ),
        Field(
            "exceptions",
            LIST,
            "hari tutup atau jam lain (satu tanggal atau rentang; tanpa jam berarti tutup)",
            "days closed or with other hours (a date or a range; no hours means closed)",
            [
                {
                    "date": "2027-02-08",
                    "until": "2027-03-09",
                    "opens_at": "08:00",
                    "closes_at": "12:00",
                    "reason": {"id": "Jam Ramadan", "en": "Ramadan hours"},
                }
            ],
            item=Field(
                "exception",
                OBJECT,
                "pengecualian",
                "exception",
                fields=(
                    Field(
                        "date",
                        DATE,
                        "tanggal (hari pertama)",
                        "date (first day)",
                        "2027-02-08",
                        required=True,
                        may_be_future=True,
                    ),
                    Field(
                        "until",
                        DATE,
                        "sampai tanggal (hari terakhir, ikut dihitung)",
                        "until (last day, included)",
                        "2027-03-09",
                        may_be_future=True,
                    ),
                    Field("opens_at", TIME, "jam buka hari itu", "opening time that day", "08:00"),
                    Field(
                        "closes_at", TIME, "jam tutup hari itu", "closing time that day", "12:00"
                    ),
                    _localized(
                        "reason",
                        "alasan singkat",
                        "short reason",
                        "Jam Ramadan",
                        required=True,
                        max_length=80,
                    ),
                ),
            ),
        ),
    ),
)

STATUS = Field(
    "status",
    CHOICE,
    "status: active (sudah diperiksa), unverified (belum), inactive (tidak aktif)",
    "status: active (checked), unverified (not yet), inactive (closed)",
    "unverified",
    required=True,
    choices=STATUSES,
)
VERIFIED_ON = Field(
    "verified_on", DATE, "tanggal data diperiksa", "date the details were checked", "2026-07-16"
)
VERIFICATION = Field(
    "verification",
    LIST,
    "catatan pemeriksaan kontak, satu isian per upaya (tambahkan di akhir daftar); "
    "verified_on mengikuti upaya terakhir yang berhasil",
    "log of contact checks, one item per attempt (add each at the end of the list); "
    "verified_on follows the last attempt that reached the service",
    [{"date": "2026-07-16", "method": "telepon", "by": "Staf UPTD PPA", "outcome": "confirmed"}],
    max_items=VERIFICATION_MAX,
    item=Field(
        "attempt",
        OBJECT,
        "upaya pemeriksaan",
        "check attempt",
        fields=(
            Field(
                "date", DATE, "tanggal upaya", "date of the attempt", "2026-07-16", required=True
            ),
            Field("time", TIME, "jam upaya (JJ:MM)", "time of the attempt (HH:MM)", "10:30"),
            Field(
                "method",
                CHOICE,
                "cara: telepon, kunjungan, surat atau situs_resmi",
                "how: telepon (phone call), kunjungan (visit), surat (letter) or situs_resmi "
                "(official website)",
                "telepon",
                required=True,
                choices=METHODS,
            ),
            Field(
                "by",
                TEXT,
                "siapa yang memeriksa: jabatan atau unit (mis. Staf UPTD PPA), JANGAN nama pribadi",
                "who checked: a role or unit (e.g. Staf UPTD PPA), NEVER a private name",
                "Staf UPTD PPA",
                max_length=NAME_MAX,
            ),
            Field(
                "outcome",
                CHOICE,
                "hasil: confirmed (benar), changed (ada yang berubah), no_answer (tidak "
                "diangkat), wrong_number (nomor salah)",
                "result: confirmed (right), changed (something changed), no_answer (no answer), "
                "wrong_number (number wrong)",
                "confirmed",
                required=True,
                choices=OUTCOMES,
            ),
            _localized("note", "apa yang berubah", "what changed", "Jam buka kini 08:00"),
        ),
    ),
)
SOURCES = Field(
    "sources",
    LIST,
    "sumber data (dari mana kontaknya diketahui)",
    "sources (where the details come from)",
    ["Telepon ke kantor UPTD PPA, 16 Juli 2026"],
    item=Field("source", TEXT, "sumber", "source"),
)

RECORD_ID = Field(
    "id",
    UUID,
    "kode tetap (UUID) untuk data terbuka; jangan diubah",
    "stable id (UUID) for open data; never change it",
    "1b6f0c2e-8a4e-4c3b-9a57-3d1f2b9e7c10",
)

SERVICE = Field(
    "service",
    OBJECT,
    "layanan",
    "service",
    fields=(
        Field(
            "name",
            TEXT,
            "nama layanan",
            "service name",
            "UPTD PPA Kubu Raya",
            required=True,
            max_length=NAME_MAX,
        ),
        Field(
            "organization",
            OBJECT,
            "lembaga yang menjalankan",
            "organization that runs it",
            {"name": "DP3KB Kabupaten Kubu Raya"},
            required=True,
            fields=(
                Field(
                    "name",
                    TEXT,
                    "nama lembaga",
                    "organization name",
                    "DP3KB",
                    required=True,
                    max_length=ORGANIZATION_MAX,
                ),
                Field("url", URL, "situs web lembaga", "organization website", "https://…"),
            ),
        ),
        Field(
            "types",
            LIST,
            "jenis layanan (dari content/taxonomy.yml)",
            "service types (from content/taxonomy.yml)",
            ["pengaduan", "pendampingan"],
            required=True,
            min_items=1,
            item=Field("type", SERVICE_TYPE, "jenis", "type", "pengaduan"),
        ),
        _localized(
            "description",
            "uraian layanan",
            "description of the service",
            "Menerima pengaduan kekerasan terhadap perempuan dan anak.",
            required=True,
            max_length=DESCRIPTION_MAX,
            multiline=True,
        ),
        Field(
            "location",
            OBJECT,
            "lokasi",
            "location",
            {"kecamatan": "Sungai Raya"},
            fields=(
                Field("address", TEXT, "alamat jalan", "street address", "Jl. … No. …"),
                Field(
                    "kabupaten",
                    REGENCY,
                    "kabupaten atau kota (wajib bila situs mencakup lebih dari satu kabupaten)",
                    "regency or city (required when the site covers more than one regency)",
                    "Kubu Raya",
                ),
                Field(
                    "desa",
                    DESA,
                    "desa atau kelurahan (halaman menyebutnya sesuai kode resminya)",
                    "village: desa or kelurahan (pages call it what its official code says)",
                    "Sungai Raya",
                ),
                Field(
                    "kecamatan",
                    KECAMATAN,
                    "kecamatan",
                    "district (kecamatan)",
                    "Sungai Raya",
                    required=True,
                ),
                Field("latitude", NUMBER, "garis lintang", "latitude", -0.05),
                Field("longitude", NUMBER, "garis bujur", "longitude", 109.35),
                _localized(
                    "transportation",
                    "cara ke sana",
                    "how to get there",
                    "Dekat kantor camat",
                ),
            ),
        ),
        Field(
            "serves",
            OBJECT,
            "wilayah yang dilayani (bila kosong: kecamatan kantornya); isi satu saja: "
            "`kabupaten: true`, daftar `kecamatan` atau daftar `desa` di kecamatan kantornya",
            "area it serves (if empty: its office's kecamatan); fill in one only: "
            "`kabupaten: true`, a list of `kecamatan` or a list of `desa` in its office's "
            "kecamatan",
            {"kabupaten": True},
            fields=(
                Field(
                    "kabupaten",
                    BOOL,
                    "melayani seluruh kabupaten",
                    "serves the whole regency",
                    True,
                ),
                Field(
                    "kecamatan",
                    LIST,
                    "kecamatan yang dilayani",
                    "kecamatan it serves",
                    ["Sungai Raya", "Rasau Jaya"],
                    min_items=1,
                    item=Field("kecamatan", KECAMATAN, "kecamatan", "kecamatan", "Sungai Raya"),
                ),
                Field(
                    "desa",
                    LIST,
                    "desa yang dilayani (di kecamatan kantornya)",
                    "desa it serves (in its office's kecamatan)",
                    ["Kapur"],
                    min_items=1,
                    item=Field("desa", DESA, "desa", "desa", "Kapur"),
                ),
            ),
        ),
        PHONES,
        Field("email", EMAIL, "alamat surel", "email address", "uptdppa@contoh.go.id"),
        Field("url", URL, "situs web", "website", "https://kuburayakab.go.id"),
        SCHEDULE,
        _localized("fees_description", "biaya", "cost", "Gratis"),
        _localized("eligibility_description", "siapa yang dilayani", "who it serves", "Semua"),
        Field(
            "languages",
            LIST,
            "bahasa yang dipakai petugas",
            "languages spoken",
            ["Bahasa Indonesia"],
            item=Field("language", TEXT, "bahasa", "language"),
        ),
        _localized("accessibility", "akses disabilitas", "accessibility", "Ada jalur kursi roda"),
        STATUS,
        VERIFIED_ON,
        VERIFICATION,
        SOURCES,
        Field(
            "example",
            BOOL,
            "contoh saja (bukan layanan sungguhan)",
            "example only (not a real service)",
            False,
        ),
        RECORD_ID,
    ),
)

HOTLINE = Field(
    "hotline",
    OBJECT,
    "hotline",
    "hotline",
    fields=(
        Field(
            "name",
            LOCALIZED,
            "nama hotline",
            "hotline name",
            {"id": "Polisi 110", "en": "Police 110"},
            required=True,
            max_length=NAME_MAX,
        ),
        Field(
            "short_name",
            LOCALIZED,
            "nama pendek di jalur nomor darurat di atas setiap halaman",
            "short name on the strip of hotlines at the top of every page",
            {"id": "SAPA 129"},
            max_length=32,
        ),
        Field("operator", TEXT, "penyelenggara", "operator", "KemenPPPA"),
        _localized(
            "description",
            "untuk apa dan untuk siapa",
            "what it is for and for whom",
            "Pengaduan kekerasan terhadap perempuan dan anak.",
            required=True,
            max_length=DESCRIPTION_MAX,
            multiline=True,
        ),
        Field(
            "phones",
            LIST,
            PHONES.title_id,
            PHONES.title_en,
            [{"number": "129", "type": "voice"}],
            item=PHONES.item,
        ),
        Field("url", URL, "situs web atau formulir", "website or online form", "https://…"),
        SCHEDULE,
        _localized("fees_description", "biaya", "cost", "Gratis"),
        Field(
            "order",
            INT,
            "urutan di halaman (kecil di atas)",
            "order on the page (small first)",
            1,
            required=True,
        ),
        Field(
            "pinned",
            BOOL,
            "tampil di bagian atas setiap halaman",
            "shown at the top of every page",
            True,
        ),
        STATUS,
        VERIFIED_ON,
        VERIFICATION,
        SOURCES,
        RECORD_ID,
    ),
)

SITE = Field(
    "site",
    OBJECT,
    "pengaturan situs",
    "site settings",
    fields=(
        _localized(
            "name", "nama situs", "site name", "Ruang Aman Kubu Raya", required=True, max_length=80
        ),
        _localized(
            "tagline", "slogan situs", "tagline", "Cegah kekerasan", required=True, max_length=160
        ),
        Field(
            "languages",
            LIST,
            "bahasa situs (yang pertama utama)",
            "site languages (first is main)",
            list(LANGUAGES),
            required=True,
            min_items=1,
            item=Field("language", LANGUAGE, "bahasa", "language", "id"),
        ),
        Field(
            "region",
            REGION_CODE,
            "kode wilayah Kemendagri: kabupaten/kota (61.12), provinsi (61) atau ID (seluruh "
            "Indonesia)",
            "Kemendagri area code: regency or city (61.12), province (61) or ID (all of Indonesia)",
            "61.12",
            required=True,
        ),
        Field(
            "timezone",
            CHOICE,
            "zona waktu",
            "time zone",
            "Asia/Pontianak",
            required=True,
            choices=("Asia/Jakarta", "Asia/Pontianak", "Asia/Makassar", "Asia/Jayapura"),
        ),
        Field("url", URL, "alamat situs", "site address", "https://ruangaman.kuburayakab.go.id"),
        Field(
            "quick_exit_url",
            URL,
            "tujuan tombol Keluar cepat: situs netral yang tidak menampilkan hal pribadi "
            f"(bila kosong: {QUICK_EXIT_DEFAULT})",
            "where the Quick exit button goes: a neutral site that shows nothing personal "
            f"(if empty: {QUICK_EXIT_DEFAULT})",
            QUICK_EXIT_DEFAULT,
        ),
        Field(
            "office",
            OBJECT,
            "kantor penerbit situs",
            "office publishing the site",
            {"name": "DP3KB Kabupaten Kubu Raya"},
            required=True,
            fields=(
                Field(
                    "name",
                    TEXT,
                    "nama kantor",
                    "office name",
                    "DP3KB",
                    required=True,
                    max_length=ORGANIZATION_MAX,
                ),
                Field("address", TEXT, "alamat", "address", "Jl. …"),
                PHONES,
                Field("email", EMAIL, "surel", "email", "dp3kb@contoh.go.id"),
                Field("url", URL, "situs web", "website", "https://…"),
                dataclasses.replace(STATUS, required=False),
                SOURCES,
            ),
        ),
        Field(
            "publish",
            OBJECT,
            "penerbitan situs (`make publish`); kata sandi TIDAK PERNAH di sini",
            "publishing (`make publish`); NEVER a password here",
            {"destination": "sftp://user@host.example:22/public_html"},
            fields=(
                Field(
                    "destination",
                    TEXT,
                    "tujuan: git+file://…#cabang, git+ssh://…#cabang, file:///folder, "
                    "sftp://pengguna@host/folder, ftp://… atau ftps://…",
                    "destination: git+file://…#branch, git+ssh://…#branch, file:///folder, "
                    "sftp://user@host/folder, ftp://… or ftps://…",
                    "sftp://user@host.example:22/public_html",
                    required=True,
                ),
            ),
        ),
    ),
)

HOLIDAYS = Field(
    "holidays",
    OBJECT,
    "hari libur nasional dan cuti bersama: perubahan atas daftar pustaka `holidays`",
    "public holidays and cuti bersama: changes to the `holidays` library's list",
    fields=(
        Field(
            "add",
            LIST,
            "tanggal yang diumumkan pemerintah dan belum ada di daftar",
            "dates the government announced that the list lacks",
            [{"date": "2027-03-16", "name": {"id": "Cuti Bersama Idul Fitri"}}],
            item=Field(
                "holiday",
                OBJECT,
                "hari libur",
                "holiday",
                fields=(
                    Field(
                        "date",
                        DATE,
                        "tanggal",
                        "date",
                        "2027-03-16",
                        required=True,
                        may_be_future=True,
                    ),
                    _localized(
                        "name",
                        "nama hari libur",
                        "name of the holiday",
                        "Cuti Bersama Idul Fitri",
                        required=True,
                        max_length=80,
                    ),
                    Field(
                        "source",
                        TEXT,
                        "sumber (SKB, keputusan)",
                        "source (decree)",
                        "SKB 3 Menteri 2026",
                    ),
                ),
            ),
        ),
        Field(
            "remove",
            LIST,
            "tanggal di daftar yang bukan lagi hari libur (dipindah pemerintah)",
            "dates on the list that are no longer holidays (moved by the government)",
            [{"date": "2027-03-15"}],
            item=Field(
                "removed",
                OBJECT,
                "tanggal dihapus",
                "date removed",
                fields=(
                    Field(
                        "date",
                        DATE,
                        "tanggal",
                        "date",
                        "2027-03-15",
                        required=True,
                        may_be_future=True,
                    ),
                    Field(
                        "source",
                        TEXT,
                        "sumber (SKB, keputusan)",
                        "source (decree)",
                        "SKB 3 Menteri 2026",
                    ),
                ),
            ),
        ),
    ),
)

TERM_FIELDS = (
    Field("id", SLUG, "kode (huruf kecil dan tanda hubung)", "code (lower case, dashes)", "x"),
    _localized("name", "nama", "name", "Pengaduan", required=True, max_length=80),
    _localized(
        "description", "uraian", "description", "…", max_length=DESCRIPTION_MAX, multiline=True
    ),
)

TAXONOMY = Field(
    "taxonomy",
    OBJECT,
    "jenis layanan dan topik",
    "service types and topics",
    fields=(
        Field(
            "service_types",
            LIST,
            "jenis layanan",
            "service types",
            [{"id": "pengaduan", "name": {"id": "Pengaduan", "en": "Complaints"}}],
            required=True,
            min_items=1,
            item=Field(
                "term",
                OBJECT,
                "jenis",
                "type",
                fields=(
                    *TERM_FIELDS,
                    Field("group", TEXT, "kelompok", "group", "uptd-ppa"),
                ),
            ),
        ),
        Field(
            "topics",
            LIST,
            "topik panduan",
            "guide topics",
            [{"id": "kdrt", "name": {"id": "KDRT", "en": "Domestic violence"}}],
            required=True,
            min_items=1,
            item=Field("term", OBJECT, "topik", "topic", fields=TERM_FIELDS),
        ),
    ),
)

# A translation's front matter: the mark of the main-language text it translates.
TRANSLATED_FROM = Field(
    "translated_from",
    TRANSLATION_MARK,
    "terjemahan dari versi (ditulis oleh `ruangaman translated`)",
    "translation of version (written by `ruangaman translated`)",
    "3f2a9c1b",
)

GUIDE = Field(
    "guide",
    OBJECT,
    "panduan",
    "guide",
    fields=(
        Field(
            "title",
            TEXT,
            "judul",
            "title",
            "Tanda-tanda kekerasan",
            required=True,
            max_length=NAME_MAX,
        ),
        Field(
            "summary",
            TEXT,
            "ringkasan satu kalimat",
            "one-sentence summary",
            "Kenali tanda-tandanya.",
            required=True,
            max_length=200,
        ),
        Field(
            "topics",
            LIST,
            "topik (dari content/taxonomy.yml)",
            "topics (from content/taxonomy.yml)",
            ["kdrt"],
            required=True,
            min_items=1,
            item=Field("topic", TOPIC, "topik", "topic", "kdrt"),
        ),
        Field(
            "reviewed_on", DATE, "tanggal ditinjau", "date reviewed", "2026-07-16", required=True
        ),
        Field(
            "sources",
            LIST,
            "sumber (undang-undang, lembaga)",
            "sources (laws, institutions)",
            ["UU 35/2014 tentang Perlindungan Anak"],
            required=True,
            min_items=1,
            item=Field("source", TEXT, "sumber", "source"),
        ),
        TRANSLATED_FROM,
    ),
)

PAGE = Field(
    "page",
    OBJECT,
    "halaman",
    "page",
    fields=(
        Field(
            "title",
            TEXT,
            "judul",
            "title",
            "Tentang situs ini",
            required=True,
            max_length=NAME_MAX,
        ),
        Field("summary", TEXT, "ringkasan", "summary", "…", max_length=200),
        TRANSLATED_FROM,
    ),
)

# Keys that editors type by habit, with the field they mean (for "did you mean" hints).
SYNONYMS = {
    "website": "url",
    "web": "url",
    "situs": "url",
    "telepon": "phones",
    "phone": "phones",
    "telp": "phones",
    "hp": "phones",
    "wa": "phones",
    "whatsapp": "phones",
    "cost": "fees_description",
    "biaya": "fees_description",
    "eligibility": "eligibility_description",
    "hours": "schedule",
    "jam": "schedule",
    "jadwal": "schedule",
    "alamat": "address",
    "nama": "name",
    "deskripsi": "description",
    "uraian": "description",
    "sumber": "sources",
    "source": "sources",
    "jenis": "types",
    "type": "types",
    "kind": "type",
    "verified": "verified_on",
    "diverifikasi": "verified_on",
    "lat": "latitude",
    "lon": "longitude",
    "lng": "longitude",
}


def fallback_id(kind: str, slug: str) -> str:
    """The id made from a record's file name: the id of a record that has none, and the one the
    checker suggests for a bad or copied id. The same for the same file name on every build."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"https://ruangaman.invalid/{kind}/{slug}"))


def choice_range(text: str, choices: tuple[str, ...]) -> list[str] | None:
    """`first-last` as the choices from first to last in their order (`senin-jumat`: Monday to
    Friday), or None when `text` is not such a range."""
    first, dash, last = (part.strip().lower() for part in text.partition("-"))
    if not dash or first not in choices or last not in choices:
        return None
    a, b = choices.index(first), choices.index(last)
    return list(choices[a : b + 1]) if a < b else None
