"""Issue 13, part 4: "Nomor salah? Laporkan" on every service and hotline, leaking nothing.

The link opens a message to the office, prefilled with the page and the number shown, on
WhatsApp or by email, and only to the office's own confirmed contact (site.yml `office`,
`status: active`); otherwise the page says to tell the office in person, and `check` warns.
A plain link: no form, no request until it is tapped, nothing kept."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from conftest import PUBLISHED_SITE_YML, SERVICE_YML, SITE_YML, TODAY, Project

from ruangaman.cli import main
from ruangaman.validate import check_project

URL = "https://ruangaman.contoh.test/uji/"
OFFICE_EMAIL = (
    "  name: Kantor Uji\n  email: kantor@contoh.test\n  status: active\n  sources: [Uji]\n"
)
OFFICE_WA = (
    "  name: Kantor Uji\n  email: kantor@contoh.test\n  phones:\n"
    "    - number: 0812 9999 0000\n      type: whatsapp\n  status: active\n  sources: [Uji]\n"
)
HOSTILE = 'Pos <b>Anak</b> & "Ibu"'


def _site(office: str) -> str:
    return SITE_YML.replace("  name: Kantor Uji\n", office) + f"url: {URL}\n"


def _build(project: Project):
    site = project.root / "site"
    assert main(["build", "--project", str(project.root), "--site-dir", str(site)]) == 0
    return site


def _reports(html: str) -> list[str]:
    return re.findall(r'<p class="ra-report"[^>]*>(.*?)</p>', html, flags=re.S)


def _link(report: str) -> str:
    (href,) = re.findall(r'href="([^"]+)"', report)
    return href.replace("&amp;", "&")


def _codes(project: Project) -> list[str]:
    _, _, report = check_project(project.root, today=TODAY)
    return [p.code for p in report.problems]


# --- check ---------------------------------------------------------------------------------


def test_check_warns_when_the_office_has_no_confirmed_contact(project):
    project.write("content/site.yml", SITE_YML + f"url: {URL}\n")
    _, _, report = check_project(project.root, today=TODAY)
    (problem,) = report.problems
    assert (problem.code, problem.severity, problem.file, problem.field) == (
        "office_contact_missing",
        "warning",
        "content/site.yml",
        "office",
    )
    assert problem.what("id").startswith("Kantor belum punya kontak yang terverifikasi")
    assert "`type: whatsapp`" in problem.fix("en") and "`status: active`" in problem.fix("en")
    assert not report.failed()  # the site still builds


@pytest.mark.parametrize(
    "office",
    [
        # a contact nobody confirmed is no contact: a report could reach a stranger
        OFFICE_WA.replace("status: active", "status: unverified"),
        OFFICE_EMAIL.replace("  status: active\n", ""),
        "  name: Kantor Uji\n  status: active\n  sources: [Uji]\n",  # confirmed, but nothing
        # a voice number cannot take a written report
        "  name: Kantor Uji\n  phones:\n    - number: 0561 123456\n  status: active\n",
    ],
)
def test_an_unconfirmed_or_unusable_contact_is_warned_about(project, office):
    project.write("content/site.yml", _site(office))
    assert _codes(project) == ["office_contact_missing"]


@pytest.mark.parametrize("office", [OFFICE_EMAIL, OFFICE_WA])
def test_a_confirmed_email_or_whatsapp_is_enough(project, office):
    project.write("content/site.yml", _site(office))
    assert _codes(project) == []


# --- pages ---------------------------------------------------------------------------------


def test_whatsapp_report_names_the_page_and_the_number_shown(tmp_path):
    project = Project(tmp_path)
    project.write("content/site.yml", _site(OFFICE_WA))
    site = _build(project)
    html = (site / "layanan/layanan-uji/index.html").read_text("utf-8")
    (report,) = _reports(html)
    assert report.startswith("Nomor salah?")
    href = _link(report)
    parts = urlsplit(href)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "wa.me", "/6281299990000")
    message = parse_qs(parts.query)["text"][0]
    assert f"Halaman: {URL}layanan/layanan-uji/" in message
    assert "Nama: Layanan Uji" in message
    assert "Nomor yang tertulis: 0561 123456" in message  # as the page shows it
    assert ">Laporkan lewat WhatsApp (0812 9999 0000)</a>" in report
    assert 'rel="noreferrer"' in report
    # English page: the same, in English, with the English address.
    (report,) = _reports((site / "en/layanan/layanan-uji/index.html").read_text("utf-8"))
    message = parse_qs(urlsplit(_link(report)).query)["text"][0]
    assert report.startswith("Wrong number?") and f"Page: {URL}en/layanan/layanan-uji/" in message
    # Each hotline on the hotline page has its own, naming it and its number.
    hotlines = _reports((site / "hotline/index.html").read_text("utf-8"))
    assert len(hotlines) == 1
    message = parse_qs(urlsplit(_link(hotlines[0])).query)["text"][0]
    assert f"Halaman: {URL}hotline/#sapa-129" in message and "129" in message
    assert "<form" not in html


def test_email_report_has_a_subject_and_the_same_message(tmp_path):
    project = Project(tmp_path)
    project.write("content/site.yml", PUBLISHED_SITE_YML)
    site = _build(project)
    (report,) = _reports((site / "layanan/layanan-uji/index.html").read_text("utf-8"))
    href = _link(report)
    assert href.startswith("mailto:kantor@contoh.test?")
    query = parse_qs(urlsplit(href).query)
    assert query["subject"] == ["Nomor salah: Layanan Uji"]
    assert "Nomor yang tertulis: 0561 123456" in query["body"][0]
    assert "Laporkan lewat surel (kantor@contoh.test)" in report


def test_without_a_confirmed_contact_the_page_says_to_tell_the_office(tmp_path):
    project = Project(tmp_path)
    project.write("content/site.yml", SITE_YML)
    site = _build(project)
    for rel, words in (
        ("layanan/layanan-uji/index.html", "Nomor salah? Beri tahu Kantor Uji secara langsung."),
        ("en/hotline/index.html", "Wrong number? Tell Kantor Uji in person."),
    ):
        (report,) = _reports((site / rel).read_text("utf-8"))
        assert " ".join(report.split()) == words
        assert "href" not in report


def test_names_with_markup_stay_text_in_the_page_and_the_message(tmp_path):
    project = Project(tmp_path)
    office = OFFICE_WA.replace("name: Kantor Uji", "name: Kantor <i>Uji</i>")
    project.write("content/site.yml", _site(office))
    project.write(
        "content/services/layanan-uji.yml", SERVICE_YML.replace("Layanan Uji", f"'{HOSTILE}'", 1)
    )
    site = _build(project)
    (report,) = _reports((site / "layanan/layanan-uji/index.html").read_text("utf-8"))
    assert "<b>" not in report and "<i>" not in report
    message = parse_qs(urlsplit(_link(report)).query)["text"][0]
    assert f"Nama: {HOSTILE}" in message  # the reader's message holds the name as written
    assert '"' not in unquote(_link(report)).partition("?")[0]


@pytest.fixture(scope="module")
def wa_site(tmp_path_factory):
    project = Project(tmp_path_factory.mktemp("report"))
    project.write("content/site.yml", _site(OFFICE_WA))
    return _build(project)


@pytest.mark.parametrize("script", [True, False])
@pytest.mark.parametrize("width", [360, 1280])
def test_the_report_link_is_on_screen_and_sends_nothing_until_tapped(
    browser, serve, wa_site, width, script
):
    base = serve(wa_site)
    context = browser.new_context(
        viewport={"width": width, "height": 740}, java_script_enabled=script
    )
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    for path, count in (("layanan/layanan-uji/", 1), ("hotline/", 1)):
        page.goto(base + path)
        links = page.locator(".ra-report a.ra-report-link")
        assert links.count() == count, path
        links.first.scroll_into_view_if_needed()
        assert links.first.is_visible(), path
        assert links.first.get_attribute("href").startswith("https://wa.me/6281299990000?text=")
    assert [u for u in requests if not u.startswith(base)] == []  # nothing left the site
    context.close()
