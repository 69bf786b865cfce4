"""Shared fixtures: the repository root, and small fixture sites built from the real config."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import io
import shutil
import textwrap
import threading
from pathlib import Path

import pytest

from ruangaman.validate.freshness import text_mark

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 28)

SITE_YML = """\
name: {id: Situs Uji, en: Test Site}
tagline: {id: Slogan uji, en: Test tagline}
languages: [id, en]
region: "61.12"
timezone: Asia/Pontianak
office:
  name: Kantor Uji
"""

# The fixture site with the address it is published at and its office's confirmed email
# (fictional): `check` has nothing to say about it. Without `url:` it warns that posters print
# no QR code (tests/test_print.py); without an office contact, that "Nomor salah? Laporkan"
# has nowhere to go (tests/test_report_wrong_number.py).
PUBLISHED_SITE_YML = (
    SITE_YML.replace(
        "  name: Kantor Uji\n",
        "  name: Kantor Uji\n  email: kantor@contoh.test\n  status: active\n  sources: [Uji]\n",
    )
    + "url: https://ruangaman.contoh.test/uji/\n"
)

TAXONOMY_YML = """\
service_types:
  - id: pengaduan
    name: {id: Pengaduan, en: Complaints}
  - id: kesehatan
    name: {id: Kesehatan, en: Health}
topics:
  - id: kdrt
    name: {id: KDRT, en: Domestic violence}
"""

# Numbers in fixtures are fictional: 0561 123456 is a well-formed Pontianak-area line that the
# tests never dial; the hotlines use the national short codes from ../shared/facts/facts.yml.
SERVICE_YML = """\
name: Layanan Uji
organization:
  name: Lembaga Uji
types: [pengaduan]
description:
  id: Uraian layanan uji.
location:
  desa: Kapur
  kecamatan: Sungai Raya
phones:
  - number: 0561 123456
    type: voice
schedule:
  weekly:
    - days: [senin, selasa]
      opens_at: "08:00"
      closes_at: "15:00"
status: active
verified_on: 2026-11-01
sources:
  - Telepon uji
"""

HOTLINE_YML = """\
name: SAPA 129
description:
  id: Pengaduan kekerasan.
  en: Reporting violence.
phones:
  - number: "129"
order: 1
pinned: true
status: active
verified_on: 2026-11-01
sources: [facts.yml]
"""

GUIDE_ID = """\
---
title: Panduan uji
summary: Ringkasan panduan uji.
topics: [kdrt]
reviewed_on: 2026-11-01
sources: [UU 23/2004]
---

Isi panduan uji. Lihat [hotline](../hotline.md).
"""

# The translations are marked as translating their Indonesian pages as written here
# (`ruangaman translated`; validate/freshness.py), so the fixture starts with nothing to report.
GUIDE_MARK = text_mark("Panduan uji", "Ringkasan panduan uji.", GUIDE_ID.split("---\n")[2])
GUIDE_EN = (
    GUIDE_ID.replace("Panduan uji", "Test guide")
    .replace("Isi panduan uji", "Test body")
    .replace("sources: [UU 23/2004]\n", f'sources: [UU 23/2004]\ntranslated_from: "{GUIDE_MARK}"\n')
)
HOME_ID = "---\ntitle: Beranda\n---\n\nSelamat datang.\n"
HOME_MARK = text_mark("Beranda", "", "Selamat datang.")
HOME_EN = f'---\ntitle: Home\ntranslated_from: "{HOME_MARK}"\n---\n\nWelcome.\n'


class Project:
    """A fixture site in a temporary folder, with the repository's real mkdocs.yml and overrides."""

    def __init__(self, root: Path) -> None:
        self.root = root
        shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
        shutil.copytree(ROOT / "overrides", root / "overrides")
        self.write("content/site.yml", SITE_YML)
        self.write("content/taxonomy.yml", TAXONOMY_YML)
        self.write("content/services/layanan-uji.yml", SERVICE_YML)
        self.write("content/hotlines/sapa-129.yml", HOTLINE_YML)
        self.write("docs/index.id.md", HOME_ID)
        self.write("docs/index.en.md", HOME_EN)
        self.write("docs/panduan/uji.id.md", GUIDE_ID)
        self.write("docs/panduan/uji.en.md", GUIDE_EN)

    def write(self, rel: str, text: str | bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def remove(self, rel: str) -> None:
        (self.root / rel).unlink()


def write_files_for_two_processes(project: Project) -> None:
    """Six good services, a broken file and one using a YAML alias: enough files of each kind
    for loading in two processes (with `content.PARALLEL_FROM` lowered) to be compared."""
    for i in range(6):
        project.write(f"content/services/uji-{i}.yml", SERVICE_YML.replace("Uji", f"Uji {i}"))
    project.write("content/services/rusak.yml", "name: [tidak ditutup\n")
    project.write("content/services/alias.yml", "name: &a Uji\norganization: *a\n")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path)


@pytest.fixture(autouse=True)
def _quiet_material(monkeypatch):
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")


# --- built sites, a local web server and a real browser, shared by the end-to-end tests ------


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory) -> Path:
    """The shipped Kubu Raya site, built once per test run into a temporary folder."""
    from ruangaman.build import run_mkdocs_build

    site = tmp_path_factory.mktemp("shipped") / "site"
    return run_mkdocs_build(ROOT, site)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


class _HostHandler(_QuietHandler):
    """A static host like GitHub Pages: the site lives under `prefix` (a project site's
    /<repository>/), and any missing address, at any depth, gets the site's 404 page with
    status 404: the one of the language folder the address is in (as the host files ask
    Apache to), else the main language's at the site root."""

    prefix = "/"

    def send_head(self):  # noqa: ANN201
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if path.startswith(self.prefix):
            self.path = "/" + self.path[len(self.prefix) :]
            found = Path(self.translate_path(self.path))
            if found.is_dir() and (found / "index.html").is_file() and not path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            if found.is_file() or (found / "index.html").is_file():
                return super().send_head()
        rest = path[len(self.prefix) :] if path.startswith(self.prefix) else ""
        folder = Path(self.directory)
        first = rest.split("/", 1)[0]
        page = folder / first / "404.html" if first else None
        if page is None or "/" not in rest or not page.is_file():
            page = folder / "404.html"
        body = page.read_bytes() if page.is_file() else b"not found"
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@pytest.fixture(scope="session")
def serve():
    """`serve(folder)` -> base URL of a static web server for that folder on 127.0.0.1.
    `serve(folder, prefix="/sub/path/")`: the site under that path, and the site's 404 page
    for every missing address (`_HostHandler`), as GitHub Pages serves a project site."""
    servers = []

    def start(folder: Path, prefix: str | None = None) -> str:
        if prefix is None:
            handler = functools.partial(_QuietHandler, directory=str(folder))
        else:
            host = type("Host", (_HostHandler,), {"prefix": prefix})
            handler = functools.partial(host, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}{prefix or '/'}"

    yield start
    for server in servers:
        server.shutdown()


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    """Every test that drives the browser is marked `browser`, whether or not its file says so,
    so `make test-fast` (`-m "not browser and not vnu"`) leaves out exactly those."""
    for item in items:
        if "browser" in item.fixturenames:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing: run `make test` (scripts/system-deps)")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()
