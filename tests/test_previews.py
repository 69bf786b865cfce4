"""Issue 17: what search engines and link previews read of every page type.

Each page has a description in its language (a guide's summary, a service's description, a list
page's introduction), cut cleanly at about 160 characters; its versions in the languages it is
written in (`hreflang`, itself included, reciprocal; a page shown in Indonesian on the English
side is no translation); Open Graph and Twitter tags; structured data (schema.org JSON-LD) only
for verified services and hotlines; and no number nobody confirmed in any of it. Hostile text
stays text: the tags are parsed as a browser would, the JSON-LD as JSON.
"""

from __future__ import annotations

import json
import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest
from conftest import GUIDE_ID
from directory_site import SITE_URL, build, make_project

from ruangaman.finish import hostfiles
from ruangaman.render.preview import DESCRIPTION_LIMIT, json_ld, plain_description
from ruangaman.text import strings

HOSTILE_NAME = "Layanan \"Jahat\" </script><img src=x onerror=alert(1)> & 'kutip'"
HOSTILE_DESCRIPTION = (
    'Uraian "kutip" & <script>alert(1)</script> </script><img src=x onerror=alert(1)>'
    " \u200bسلام\u200b\nbaris dua " + "panjang " * 40
)
UNCHECKED_NUMBER = "0812 9999 8888"
HOSTILE_SUMMARY = (
    "Ringkasan \"jahat\" </script><script>alert(1)</script> <img src=x onerror=alert(1)> & 'a'"
)
# Pages written in Indonesian only, shown in Indonesian on the English side.
SHOWN_IN_INDONESIAN = {"en/tentang/": "tentang/", "en/panduan/jahat/": "panduan/jahat/"}


def _yaml(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML string


EXTRA_SERVICES = {
    # verified, with hostile text everywhere a preview or the JSON-LD prints it
    "layanan-jahat": f"""\
id: 7d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c55
name: {_yaml(HOSTILE_NAME)}
organization:
  name: {_yaml("Lembaga </script><b>tebal</b>")}
types: [pengaduan]
description:
  id: {_yaml(HOSTILE_DESCRIPTION)}
  en: {_yaml("English </script> text")}
location:
  address: {_yaml("Jl. <i>Miring</i> No. 2")}
  desa: Kapur
  kecamatan: Sungai Raya
phones:
  - number: 0561 765432
schedule:
  open_24_hours: true
status: active
verified_on: 2026-11-01
sources: [Telepon uji]
""",
    # not verified: a number in its description must reach no preview
    "layanan-nomor": f"""\
id: 1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c66
name: Layanan Nomor
organization:
  name: Lembaga Nomor
types: [pengaduan]
description:
  id: Hubungi {UNCHECKED_NUMBER} kapan saja.
location:
  kecamatan: Kubu
status: unverified
""",
    # verified once, then three calls at different times failed: no structured data
    "layanan-ragu": """\
id: 2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d77
name: Layanan Ragu
organization:
  name: Lembaga Ragu
types: [kesehatan]
description:
  id: Kontaknya mungkin sudah berubah.
location:
  kecamatan: Kubu
phones:
  - number: 0561 111222
status: active
verification:
  - {date: 2026-10-01, time: '09:00', method: telepon, by: Staf, outcome: confirmed}
  - {date: 2026-11-02, time: '09:00', method: telepon, by: Staf, outcome: no_answer}
  - {date: 2026-11-03, time: '13:00', method: telepon, by: Staf, outcome: no_answer}
  - {date: 2026-11-04, time: '16:00', method: telepon, by: Staf, outcome: wrong_number}
sources: [Telepon uji]
""",
}


def previews_project(root: Path, with_url: bool):
    project = make_project(root, with_url=with_url)
    for slug, text in EXTRA_SERVICES.items():
        project.write(f"content/services/{slug}.yml", text)
    # A page written in Indonesian only: shown in Indonesian on the English side.
    project.write(
        "docs/tentang.id.md", "---\ntitle: Tentang\nsummary: Tentang situs uji.\n---\n\nIsi.\n"
    )
    # A guide (in Indonesian only) whose summary is hostile.
    project.write(
        "docs/panduan/jahat.id.md",
        GUIDE_ID.replace("summary: Ringkasan panduan uji.", f"summary: {_yaml(HOSTILE_SUMMARY)}"),
    )
    return project


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build(previews_project(tmp_path_factory.mktemp("previews"), with_url=True))


@pytest.fixture(scope="module")
def site_without_url(tmp_path_factory) -> Path:
    return build(previews_project(tmp_path_factory.mktemp("previews-no-url"), with_url=False))


class Head(HTMLParser):
    """The head of a page as a browser reads it: meta tags, links, data blocks, every tag."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.meta: dict[str, list[str]] = {}
        self.links: list[dict[str, str]] = []
        self.blocks: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self._in_head = True
        self._block: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = attrs.get("lang", "")
        if tag == "body":
            self._in_head = False
        if not self._in_head:
            return
        self.tags.append((tag, attrs))
        if tag == "meta" and ("name" in attrs or "property" in attrs):
            key = attrs.get("name") or attrs.get("property")
            self.meta.setdefault(key, []).append(attrs.get("content", ""))
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._block = []

    def handle_data(self, data):
        if self._block is not None:
            self._block.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._block is not None:
            self.blocks.append("".join(self._block))
            self._block = None

    def one(self, key: str) -> str:
        values = self.meta.get(key, [])
        assert len(values) == 1, (key, values)
        return values[0]

    def versions(self) -> dict[str, str]:
        found = [(a["hreflang"], a["href"]) for a in self.links if a.get("rel") == "alternate"]
        assert len(found) == len(dict(found)), found
        return dict(found)

    def canonical(self) -> str | None:
        found = [a["href"] for a in self.links if a.get("rel") == "canonical"]
        assert len(found) <= 1
        return found[0] if found else None


def head(site: Path, address: str) -> Head:
    parser = Head()
    parser.feed((site / address / "index.html").read_text(encoding="utf-8"))
    parser.close()
    return parser


def page_addresses(site: Path) -> list[str]:
    """Every page of the built site, by its address from the site root (`en/layanan/x/`)."""
    out = []
    for path in site.rglob("index.html"):
        rel = path.parent.relative_to(site).as_posix()
        if rel.split("/")[0] in ("pagefind", "api", "assets"):
            continue
        out.append("" if rel == "." else rel + "/")
    return sorted(out)


def t(lang: str, key: str, **params) -> str:
    return strings(lang)[key].format(**params)


# (address, language, the description a reader of that language sees)
DESCRIBED = [
    ("", "id", "Slogan uji"),  # the home page: the site's tagline
    ("en/", "en", "Test tagline"),
    ("panduan/uji/", "id", "Ringkasan panduan uji."),  # a guide: its summary
    ("layanan/", "id", t("id", "directory_intro", region="Kabupaten Kubu Raya")),
    ("en/layanan/", "en", t("en", "directory_intro", region="Kabupaten Kubu Raya")),
    ("layanan/layanan-uji/", "id", "Uraian layanan uji."),  # a service: its description
    ("en/layanan/layanan-uji/", "en", "Test service description."),
    (
        "layanan/kecamatan/sungai-raya/",
        "id",
        t("id", "kecamatan_intro", name="Sungai Raya", region="Kabupaten Kubu Raya"),
    ),
    (
        "en/layanan/jenis/pengaduan/",
        "en",
        t("en", "type_intro", name="Complaints", region="Kabupaten Kubu Raya"),
    ),
    ("hotline/", "id", t("id", "hotlines_intro")),
    ("en/hotline/", "en", t("en", "hotlines_intro")),
    ("panduan/rencana-keselamatan/", "id", t("id", "plan_intro")[:100]),
    ("cetak/layanan/layanan-uji/", "id", "Uraian layanan uji."),
    ("tentang/", "id", "Tentang situs uji."),
    ("en/tentang/", "id", "Tentang situs uji."),  # shown in Indonesian
]


@pytest.mark.parametrize(("address", "lang", "expected"), DESCRIBED)
def test_every_page_type_has_a_description_and_a_preview_in_its_language(
    site, address, lang, expected
):
    page = head(site, address)
    description = page.one("description")
    assert description.startswith(expected.rstrip("."))
    assert 0 < len(description) <= DESCRIPTION_LIMIT
    assert page.one("og:description") == page.one("twitter:description") == description
    assert page.one("og:site_name") == ("Situs Uji" if page.lang == "id" else "Test Site")
    assert page.one("og:title") == page.one("twitter:title")
    assert page.one("og:locale") == {"id": "id_ID", "en": "en_US"}[lang]
    assert page.one("og:type") == "website"
    assert page.one("twitter:card") == "summary"  # no image: none the site could serve
    assert "og:image" not in page.meta
    own = SITE_URL + ("tentang/" if address == "en/tentang/" else address)
    assert page.canonical() == page.one("og:url") == own


def test_a_service_preview_names_the_service(site):
    page = head(site, "layanan/layanan-uji/")
    assert page.one("og:title") == "Layanan Uji"
    assert page.one("og:site_name") == "Situs Uji"


def test_every_version_lists_every_other_and_itself_with_full_addresses(site):
    addresses = page_addresses(site)
    assert len(addresses) > 60
    for address in addresses:
        versions = head(site, address).versions()
        if address in SHOWN_IN_INDONESIAN:  # no English version to list
            assert versions == {"id": SITE_URL + SHOWN_IN_INDONESIAN[address]}
            continue
        assert versions.get("en" if address.startswith("en/") else "id") == SITE_URL + address
        for lang, href in versions.items():
            assert href.startswith(SITE_URL)
            other = href.removeprefix(SITE_URL)
            assert other in addresses, (address, lang, href)
            assert head(site, other).versions() == versions, (address, other)


def test_a_page_shown_in_indonesian_is_not_advertised_as_english(site):
    assert head(site, "tentang/").versions() == {"id": SITE_URL + "tentang/"}
    shown = head(site, "en/tentang/")
    assert shown.canonical() == SITE_URL + "tentang/"
    assert "og:locale:alternate" not in shown.meta
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{SITE_URL}tentang/</loc>" in sitemap
    assert "en/tentang/" not in sitemap
    assert f'hreflang="en" href="{SITE_URL}en/layanan/"' in sitemap


def test_without_the_sites_address_versions_are_relative_and_nothing_claims_a_full_one(
    site_without_url,
):
    site = site_without_url
    addresses = page_addresses(site)
    for address in addresses:
        page = head(site, address)
        assert page.canonical() is None and "og:url" not in page.meta, address
        base = "http://host.test/sub/" + address
        for lang, href in page.versions().items():
            assert "//" not in href and not href.startswith("/"), href
            target = urljoin(base, href).removeprefix("http://host.test/sub/")
            assert target in addresses, (address, href)
            assert target.startswith("en/") == (lang == "en"), (address, lang, href)
    assert head(site, "en/panduan/uji/").versions() == {"id": "../../../panduan/uji/", "en": "./"}
    assert head(site, "").versions() == {"id": "./", "en": "en/"}
    assert not (site / "sitemap.xml").exists()
    assert (site / "robots.txt").read_text() == "User-agent: *\nAllow: /\n"


def test_robots_txt_names_the_sitemap(site):
    text = (site / "robots.txt").read_text(encoding="utf-8")
    assert text == f"User-agent: *\nAllow: /\nSitemap: {SITE_URL}sitemap.xml\n"


def test_hostile_text_in_previews_and_structured_data_stays_text(site):
    for address in ("layanan/layanan-jahat/", "cetak/layanan/layanan-jahat/"):
        page = head(site, address)
        # Every element of the head is one the project writes: nothing came from the text.
        assert {tag for tag, _ in page.tags} <= {
            "html",
            "head",
            "meta",
            "link",
            "title",
            "script",
        }, address
        scripts = [attrs for tag, attrs in page.tags if tag == "script"]
        assert all(a == {"type": "application/ld+json"} or "src" in a for a in scripts)
        assert page.one("og:title") == HOSTILE_NAME
        description = page.one("description")
        help_line = t("id", "preview_help", hotlines="SAPA 129 (129)")
        room = DESCRIPTION_LIMIT - len(help_line) - 1
        assert description == plain_description(HOSTILE_DESCRIPTION, room) + " " + help_line
        assert description.startswith('Uraian "kutip" & <script>alert(1)</script> </script>')
        assert "\u200b" not in description and "\n" not in description
        assert "سلام baris dua" in description
        own = description.removesuffix(" " + help_line)
        assert own.endswith("\u2026") and len(description) <= DESCRIPTION_LIMIT
        assert not own[:-1].endswith(" ")  # cut between words
    page = head(site, "layanan/layanan-jahat/")
    (block,) = page.blocks
    assert "<" not in block and ">" not in block and "&" not in block
    data = json.loads(block)
    assert data["name"] == HOSTILE_NAME
    assert data["provider"]["name"] == "Lembaga </script><b>tebal</b>"
    place = data["availableChannel"]["serviceLocation"]
    assert place["address"]["streetAddress"] == "Jl. <i>Miring</i> No. 2"
    assert hostfiles.injected_code(site) == []


def test_structured_data_for_a_verified_service_says_what_is_verified(site):
    (block,) = head(site, "layanan/layanan-uji/").blocks
    data = json.loads(block)
    assert data["@context"] == "https://schema.org" and data["@type"] == "Service"
    assert data["name"] == "Layanan Uji" and data["url"] == SITE_URL + "layanan/layanan-uji/"
    assert data["provider"] == {"@type": "Organization", "name": "Lembaga Uji"}
    assert data["areaServed"] == [{"@type": "AdministrativeArea", "name": "Kecamatan Sungai Raya"}]
    phone = data["availableChannel"]["servicePhone"]
    assert phone["telephone"] == "+62561123456"  # the voice number; WhatsApp is not a call
    hours = [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": ["Monday", "Tuesday"],
            "opens": "08:00",
            "closes": "15:00",
        }
    ]
    assert phone["hoursAvailable"] == hours
    place = data["availableChannel"]["serviceLocation"]
    assert place["openingHoursSpecification"] == hours
    assert place["address"]["addressRegion"] == "Kabupaten Kubu Raya"


@pytest.mark.parametrize(
    "address",
    [
        "layanan/layanan-siaga/",  # not verified
        "layanan/layanan-nomor/",  # not verified, a number in its description
        "en/layanan/layanan-nomor/",
        "cetak/layanan/layanan-nomor/",
        "layanan/layanan-ragu/",  # verified once, three failed calls since
        "layanan/",
        "",
    ],
)
def test_no_structured_data_and_no_number_where_nothing_is_verified(site, address):
    page = head(site, address)
    assert page.blocks == []
    if "layanan-nomor" in address:
        description = page.one("description")
        assert "9999" not in description and "8888" not in description
        lang = "en" if address.startswith("en/") else "id"
        assert description == t(lang, "share_no_contact", hotlines="SAPA 129 (129)")
        assert page.one("og:title") == "Layanan Nomor"  # the card names the service
    head_text = (site / address / "index.html").read_text(encoding="utf-8").partition("<body")[0]
    assert "9999" not in head_text


def test_an_unverified_service_preview_names_the_hotline_to_call(site):
    description = head(site, "layanan/layanan-siaga/").one("description")
    assert description == "Buka 24 jam. " + t("id", "share_no_contact", hotlines="SAPA 129 (129)")


def test_the_hotline_page_describes_its_verified_hotlines(site):
    (block,) = head(site, "hotline/").blocks
    data = json.loads(block)
    assert data["url"] == SITE_URL + "hotline/"
    (hotline,) = data["@graph"]
    assert hotline["@type"] == "Organization" and hotline["name"] == "SAPA 129"
    assert hotline["contactPoint"] == [{"@type": "ContactPoint", "telephone": "129"}]


def test_descriptions_are_cut_cleanly():
    assert plain_description("a  b\n\nc\u200b\u202ed") == "a b c d"
    long = "kata " * 100
    cut = plain_description(long)
    assert len(cut) <= DESCRIPTION_LIMIT and cut.endswith("kata\u2026")
    one_word = "x" * 300
    assert plain_description(one_word) == "x" * (DESCRIPTION_LIMIT - 1) + "\u2026"


def test_json_ld_cannot_end_its_block():
    text = json_ld({"a": "</script><!-- & \u2028"})
    assert text == '{"a":"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028"}'
    assert json.loads(text) == {"a": "</script><!-- & \u2028"}


@pytest.mark.parametrize(
    ("block", "refused"),
    [
        ('<script type="application/ld+json">{"a":1}</script>', False),
        ('<script type="application/ld+json">{"a":"\\u003c"}</script>', False),
        ('<script type="application/ld+json">alert(1)</script>', True),  # not JSON
        ('<script type="application/ld+json" id="x">{"a":1}</script>', True),  # not ours
        ('<script type="application/ld+json">{"a":"<b>"}</script>', True),  # markup in it
        ('<script type="text/javascript">{"a":1}</script>', True),
        ('<script type="APPLICATION/LD+JSON">{"a":1}</script>', True),
    ],
)
def test_the_built_pages_check_accepts_only_our_data_blocks(tmp_path, block, refused):
    page = tmp_path / "index.html"
    page.write_text(f"<!doctype html><html><head>{block}</head><body></body></html>")
    assert bool(hostfiles.injected_code(tmp_path)) is refused


def test_relative_versions_use_the_url_policy():
    from ruangaman.paths import SiteUrls

    urls = SiteUrls(("id", "en"))
    assert urls.between("en", "layanan/x", "id", "layanan/x") == "../../../layanan/x/"
    assert urls.between("id", "index", "en", "index") == "en/"
    assert urls.between("en", "index", "id", "index") == "../"
    assert urls.between("id", "panduan/index", "id", "panduan/index") == "./"
    assert posixpath.normpath("en/layanan/x/" + "../../../layanan/x/") == "layanan/x"


def test_a_404_page_is_described_and_kept_out_of_search(site):
    for rel, lang in (("404.html", "id"), ("en/404.html", "en")):
        page = Head()
        page.feed((site / rel).read_text(encoding="utf-8"))
        assert page.one("robots") == "noindex"
        assert page.one("description") == ("Slogan uji" if lang == "id" else "Test tagline")
        assert page.versions() == {} and page.canonical() is None


def test_a_hostile_guide_summary_is_text_in_both_languages(site):
    for address in ("panduan/jahat/", "en/panduan/jahat/"):
        page = head(site, address)
        assert {tag for tag, _ in page.tags} <= {"html", "head", "meta", "link", "title", "script"}
        assert page.one("description") == page.one("og:description") == HOSTILE_SUMMARY
        assert page.blocks == []
    assert head(site, "en/panduan/jahat/").canonical() == SITE_URL + "panduan/jahat/"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_verified_services_card_names_the_service_and_the_pinned_hotline(site, lang):
    page = head(site, ("" if lang == "id" else "en/") + "layanan/layanan-uji/")
    own = {"id": "Uraian layanan uji.", "en": "Test service description."}[lang]
    assert page.one("og:title").startswith("Layanan Uji")
    assert page.one("og:description") == f"{own} " + t(
        lang, "preview_help", hotlines="SAPA 129 (129)"
    )
