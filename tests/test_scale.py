"""Sites wider than one regency, and the machinery that keeps large builds fast (issue 7)."""

from __future__ import annotations

import filecmp
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request

import markdown
import pytest
from conftest import (
    HOTLINE_YML,
    PUBLISHED_SITE_YML,
    SERVICE_YML,
    TODAY,
    Project,
    write_files_for_two_processes,
)

from ruangaman.build import plugin as mkdocs_plugin
from ruangaman.build import run_mkdocs_build
from ruangaman.cli import main
from ruangaman.load import discover as content_module
from ruangaman.problems import format_problem
from ruangaman.render import render_pages
from ruangaman.session import BuildSession
from ruangaman.validate import check_project

PROVINCE_SITE = 'region: "61.12"', 'region: "61"'
WIDE_SERVICE = SERVICE_YML.replace(
    "  kecamatan: Sungai Raya", "  kecamatan: Sungai Raya\n  kabupaten: Kubu Raya"
)


@pytest.fixture
def project(tmp_path) -> Project:
    """A site with its address (`url:`), so that validation has nothing to warn about."""
    site = Project(tmp_path)
    site.write("content/site.yml", PUBLISHED_SITE_YML)
    return site


def problems(project: Project) -> list:
    _, _, report = check_project(project.root, today=TODAY)
    return report.problems


def province_project(project: Project) -> Project:
    text = (project.root / "content/site.yml").read_text(encoding="utf-8")
    project.write("content/site.yml", text.replace(*PROVINCE_SITE))
    project.write("content/services/layanan-uji.yml", WIDE_SERVICE)
    return project


# --- validation ----------------------------------------------------------------------------------


def test_province_site_accepts_a_service_naming_its_regency(project):
    province_project(project)
    assert problems(project) == []


def test_wide_site_needs_the_regency_of_each_service(project):
    province_project(project)
    project.write("content/services/layanan-uji.yml", SERVICE_YML)
    [problem] = problems(project)
    assert problem.code == "missing_regency"
    assert problem.field == "location"
    # the example is the site's own first regency (Kalimantan Barat: 61.01 Sambas)
    assert "kabupaten: Sambas" in format_problem(problem, "id")
    assert "Kalimantan Barat" in format_problem(problem, "en")


def test_a_regency_outside_the_site_is_named_with_a_suggestion(project):
    province_project(project)
    project.write(
        "content/services/layanan-uji.yml",
        WIDE_SERVICE.replace("kabupaten: Kubu Raya", "kabupaten: Kubu Rayaa"),
    )
    [problem] = problems(project)
    assert problem.code == "unknown_regency"
    assert problem.field == "location.kabupaten"
    assert "Kabupaten Kubu Raya" in format_problem(problem, "id")  # did you mean


def test_a_short_name_two_regencies_share_asks_for_the_full_name(project):
    text = (project.root / "content/site.yml").read_text(encoding="utf-8")
    project.write("content/site.yml", text.replace('region: "61.12"', "region: ID"))
    project.write(
        "content/services/layanan-uji.yml",
        WIDE_SERVICE.replace("kabupaten: Kubu Raya", "kabupaten: Bandung")
        .replace("desa: Kapur", "desa: Cangkuang")
        .replace("kecamatan: Sungai Raya", "kecamatan: Cangkuang"),
    )
    [problem] = problems(project)
    assert problem.code == "ambiguous_regency"
    message = format_problem(problem, "en")
    assert "Kabupaten Bandung" in message and "Kota Bandung" in message


def test_a_regency_site_still_needs_no_regency_and_checks_one_if_given(project):
    assert problems(project) == []
    project.write("content/services/layanan-uji.yml", WIDE_SERVICE)
    assert problems(project) == []
    project.write(
        "content/services/layanan-uji.yml",
        WIDE_SERVICE.replace("kabupaten: Kubu Raya", "kabupaten: Kota Pontianak"),
    )
    assert [p.code for p in problems(project)] == ["unknown_regency"]


def test_an_unknown_area_code_explains_province_and_national_codes(project):
    text = (project.root / "content/site.yml").read_text(encoding="utf-8")
    project.write("content/site.yml", text.replace('region: "61.12"', 'region: "99"'))
    [problem] = [p for p in problems(project) if p.code == "unknown_region"]
    told = format_problem(problem, "id"), format_problem(problem, "en")
    assert "seluruh provinsi" in told[0] and "ID untuk seluruh Indonesia" in told[0]
    assert "whole province" in told[1] and "ID for all of Indonesia" in told[1]
    assert "Kubu Raya" not in told[0] + told[1]  # no other region's example for this site


def test_changed_file_is_checked_again_in_the_same_process(project):
    """`ruangaman serve` keeps loaded files between builds: an edit must still be seen."""
    session = BuildSession.preview()

    def found() -> list:
        return check_project(project.root, today=TODAY, session=session)[2].problems

    try:
        assert found() == []
        project.write(
            "content/services/layanan-uji.yml", SERVICE_YML.replace("Sungai Raya", "Sungai Rayaa")
        )
        session.loaded.count_again()
        assert [p.code for p in found()] == ["unknown_kecamatan"]
        assert session.loaded.made == 1  # the changed file only; the others were kept
        project.write("content/services/layanan-uji.yml", SERVICE_YML)
        assert found() == []
    finally:
        session.close()


# --- pages of a wide site -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def province_site(tmp_path_factory):
    project = province_project(Project(tmp_path_factory.mktemp("province")))
    site = project.root / "site"
    assert main(["build", "--project", str(project.root), "--site-dir", str(site)]) == 0
    return site


def test_province_site_has_regency_pages_with_kecamatan_sections(province_site):
    for prefix in ("", "en/"):
        home = (province_site / prefix / "layanan/index.html").read_text(encoding="utf-8")
        assert "wilayah/kabupaten-kubu-raya/" in home
        assert "layanan-uji/" not in home  # the home lists areas, not services
        regency = province_site / prefix / "layanan/wilayah/kabupaten-kubu-raya/index.html"
        text = regency.read_text(encoding="utf-8")
        assert 'id="sungai-raya"' in text and "../../layanan-uji/" in text
    assert not (province_site / "layanan/kecamatan").exists()
    # every regency of the province has its page, even without services
    assert (province_site / "layanan/wilayah/kota-pontianak/index.html").is_file()


def test_service_page_of_a_wide_site_links_to_its_kecamatan_section(province_site):
    page = (province_site / "en/layanan/layanan-uji/index.html").read_text(encoding="utf-8")
    assert 'href="../wilayah/kabupaten-kubu-raya/#sungai-raya"' in page
    assert "Kabupaten Kubu Raya" in page


def test_type_page_of_a_wide_site_counts_services_per_regency(province_site):
    page = (province_site / "layanan/jenis/pengaduan/index.html").read_text(encoding="utf-8")
    assert "../../wilayah/kabupaten-kubu-raya/" in page
    assert "1 layanan" in page
    assert "layanan-uji/" not in page


# --- data pages without Markdown -----------------------------------------------------------------
# Data pages are rendered straight to HTML; their headings must keep the ids Python-Markdown's toc
# extension gave a `## text` heading (people share addresses like `layanan/x/#kontak`).

HEADINGS = [
    "Kontak",
    "Jam layanan",
    "Kontak",  # twice on a page: kontak_1
    "Kontak",
    "kontak_1",  # already taken: counts on
    "x_1",
    "x",
    "x",
    "",
    "",
    "Anak & Perempuan",
    'Pos "Sahabat" <Desa>',
    "C'est l'été",
    "Žlutý kůň — 24/7",
    "  spaces   and\ttabs  ",
    "snake_case_2",
    "--dashes--",
    "数字",
    "1. Langkah",
]


def test_heading_ids_are_the_ones_the_toc_extension_makes():
    from markdown.extensions.toc import slugify, unique

    from ruangaman.render import PageContext

    ctx = PageContext(lang="id", name="layanan/x")
    used: set[str] = set()
    for text in HEADINGS:
        html = ctx.heading(text)
        expected = unique(slugify(text, "-"), used)
        assert ctx.headings[-1].id == expected, text
        assert html.startswith(f'<h2 id="{expected}">'), text
    assert [h.id for h in ctx.headings[:5]] == [
        "kontak",
        "jam-layanan",
        "kontak_1",
        "kontak_2",
        "kontak_3",
    ]


def _markdown_toc(headings) -> list[tuple]:
    """The table of contents Markdown (with the site's extensions) makes of `## text` lines."""
    md = markdown.Markdown(extensions=["attr_list", "md_in_html", "tables", "toc"])
    md.convert("\n\n".join(f"{'#' * h.level} {h.text}" for h in headings))
    return [(t["level"], t["id"], t["name"]) for t in md.toc_tokens]


@pytest.mark.parametrize("wide", [False, True])
def test_data_pages_tables_of_contents_are_what_markdown_makes(project, wide):
    if wide:
        province_project(project)
    content, site, report = check_project(project.root, today=TODAY)
    assert not report.failed()
    pages = render_pages(site)
    assert len(pages) > 10
    for key, page in pages.items():
        toc = [(h.level, h.id, h.text) for h in page.toc]
        assert toc == _markdown_toc(page.toc), key
        for h in page.toc:  # each heading is in the page as the toc lists it
            assert f'<h{h.level} id="{h.id}">{h.text}</h{h.level}>' in page.html, key
    service = pages[("en", "layanan/layanan-uji")]
    assert [h.id for h in service.toc] == [
        "contact",
        "opening-hours",
        "location",
        "share-and-save",
        "sources",
    ]
    assert not any(
        page.html.startswith(("\n", " ")) or page.html.endswith("\n") for page in pages.values()
    )


def test_shipped_tables_of_contents_are_what_markdown_makes():
    from conftest import ROOT

    _, site, report = check_project(ROOT)
    assert not report.failed()
    pages = render_pages(site)
    with_toc = [page for page in pages.values() if page.toc]
    assert len(with_toc) > 30
    for page in with_toc:
        assert [(h.level, h.id, h.text) for h in page.toc] == _markdown_toc(page.toc), page.name


def test_shipped_service_page_keeps_its_table_of_contents(shipped_site):
    page = (shipped_site / "en/layanan/uptd-ppa-kubu-raya/index.html").read_text("utf-8")
    assert '<h2 id="contact">Contact</h2>' in page
    assert 'href="#contact"' in page  # Material's table of contents from the headings


# --- a build in two processes (both languages rendered at once) -----------------------------


def test_a_two_process_build_writes_the_same_site(project, monkeypatch, tmp_path):
    for i in range(6):
        project.write(f"content/services/uji-{i}.yml", SERVICE_YML.replace("Uji", f"Uji {i}"))
    monkeypatch.setattr(mkdocs_plugin, "FORK_FROM_SERVICES", 1)
    monkeypatch.setattr(threading, "active_count", lambda: 1)  # the test run's own servers
    forked = run_mkdocs_build(project.root, tmp_path / "forked")
    monkeypatch.setenv("RUANGAMAN_ONE_PROCESS", "1")
    alone = run_mkdocs_build(project.root, tmp_path / "alone")
    compared = filecmp.dircmp(forked, alone)
    pages = sorted(p.relative_to(alone).as_posix() for p in alone.rglob("*.html"))
    assert len(pages) > 30
    for rel in pages:
        assert (forked / rel).read_bytes() == (alone / rel).read_bytes(), rel
    assert not compared.left_only and not compared.right_only


def test_files_read_in_two_processes_give_the_same_records_and_messages(project, monkeypatch):
    write_files_for_two_processes(project)
    monkeypatch.setattr(content_module, "PARALLEL_FROM", 1)
    monkeypatch.setattr(os, "sched_getaffinity", lambda _: {0, 1})
    monkeypatch.setattr(threading, "active_count", lambda: 1)  # the test run's own servers

    def checked() -> tuple[list, list]:
        content, _, report = check_project(project.root, today=TODAY)
        records = [
            (r.rel, r.data, r.loaded.lines, r.loaded.raw, r.digest) for r in content.services
        ]
        return records, [format_problem(p, "en") for p in report.problems]

    assert BuildSession.one_shot().options.processes_for(8, content_module.PARALLEL_FROM) == 2
    forked = checked()
    monkeypatch.setenv("RUANGAMAN_ONE_PROCESS", "1")
    alone = checked()
    assert len(forked[0]) == 8 and any("rusak.yml" in p for p in forked[1])
    assert any("alias.yml" in p for p in forked[1])
    assert forked == alone


def test_languages_rendered_in_two_processes_give_the_same_pages(project):
    province_project(project)
    _, site, report = check_project(project.root, today=TODAY)
    assert not report.failed()
    assert render_pages(site, processes=2) == render_pages(site)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_until(check, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(0.2)
    return False


def test_serve_rebuilds_a_changed_service_and_a_changed_guide(project):
    """`ruangaman serve` rebuilds dirty: the changed pages must still change, in both languages,
    and what every page shows (navigation, hotline strip) must change on every page."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "ruangaman.cli", "serve", "--addr", f"127.0.0.1:{port}"],
        cwd=project.root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        assert _wait_until(lambda: "Layanan Uji" in _fetch(f"{base}/en/layanan/layanan-uji/"), 120)
        project.write(
            "content/services/layanan-uji.yml", SERVICE_YML.replace("Layanan Uji", "Layanan Baru")
        )
        for prefix in ("", "/en"):
            url = f"{base}{prefix}/layanan/layanan-uji/"
            assert _wait_until(lambda u=url: "Layanan Baru" in _fetch(u), 60), url
        # the directory lists it under its new name too, and so does the open data
        assert "Layanan Baru" in _fetch(f"{base}/layanan/kecamatan/sungai-raya/")
        assert "Layanan Baru" in _fetch(f"{base}/api/services.json")
        # the rebuilt pages still name the other pages in their navigation (a dirty build
        # knows the titles only of the pages it reads again)
        for prefix, guide_title in (("", "Panduan uji"), ("/en", "Test guide")):
            page = _fetch(f"{base}{prefix}/layanan/layanan-uji/")
            assert guide_title in page and "None" not in page, prefix
        # a service added, then deleted: its pages, poster and vCard go with it
        second = SERVICE_YML.replace("Layanan Uji", "Layanan Dua")
        project.write("content/services/layanan-dua.yml", second)
        assert _wait_until(lambda: "Layanan Dua" in _fetch(f"{base}/en/layanan/layanan-dua/"), 60)
        assert "Layanan Dua" in _fetch(f"{base}/kontak/layanan-dua.vcf")
        (project.root / "content/services/layanan-dua.yml").unlink()
        for gone in (
            "/layanan/layanan-dua/",
            "/en/cetak/layanan/layanan-dua/",
            "/kontak/layanan-dua.vcf",
        ):
            assert _wait_until(lambda p=gone: not _fetch(base + p), 60), gone
        # a guide's title is in the navigation of every page: every page is rebuilt
        guide = (project.root / "docs/panduan/uji.id.md").read_text(encoding="utf-8")
        project.write("docs/panduan/uji.id.md", guide.replace("Panduan uji", "Panduan diganti"))
        assert _wait_until(lambda: "Panduan diganti" in _fetch(f"{base}/layanan/layanan-uji/"), 60)
        # the hotline strip is on every page: a pinned hotline's new name reaches them all
        project.write(
            "content/hotlines/sapa-129.yml", HOTLINE_YML.replace("SAPA 129", "SAPA 129 Baru")
        )
        for path in ("/layanan/layanan-uji/", "/en/panduan/uji/", "/", "/layanan/jenis/kesehatan/"):
            assert _wait_until(lambda p=path: "SAPA 129 Baru" in _fetch(base + p), 60), path
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        _, errors = server.communicate(timeout=30)
    assert b"Traceback" not in errors
    # Stopping the preview stops its background search indexing too (nothing left running in
    # the project's folder).
    assert _wait_until(lambda: not _running_in(project.root), 10), _running_in(project.root)


def test_the_previews_search_indexing_stops_with_the_preview(project, tmp_path):
    """The preview indexes in the background. Ctrl+C stops a terminal's whole process group, so
    the run (and the Pagefind it starts) must stay in the preview's group, not outlive it."""
    from ruangaman.finish.background import BackgroundIndex
    from ruangaman.paths import SiteUrls

    site = run_mkdocs_build(project.root, tmp_path / "site")
    indexing = BackgroundIndex()
    indexing.start(site, SiteUrls(("id", "en")))
    run = indexing.run
    try:
        assert os.getpgid(run.pid) == os.getpgrp()
    finally:
        indexing.close()
    assert run.returncode is not None


def _running_in(folder) -> list[str]:
    """Command lines of the processes whose working folder is `folder`."""
    found = []
    for proc in os.scandir("/proc"):
        if not proc.name.isdigit():
            continue
        try:
            if os.path.samefile(os.readlink(f"/proc/{proc.name}/cwd"), folder):
                found.append(open(f"/proc/{proc.name}/cmdline", "rb").read().decode())
        except OSError:
            continue
    return found


def test_search_index_made_one_language_at_a_time_is_the_same(project, monkeypatch, tmp_path):
    import shutil

    from ruangaman.finish import search
    from ruangaman.paths import SiteUrls

    site = run_mkdocs_build(project.root, tmp_path / "site")  # small: one Pagefind run
    assert any((site / "cetak").rglob("*.html"))  # posters, left out of the split runs
    split = tmp_path / "split"
    shutil.copytree(site, split)
    shutil.rmtree(split / "pagefind")
    monkeypatch.setattr(search, "SPLIT_FROM", 1)
    search.index_site(split, SiteUrls(("id", "en")))
    whole = sorted(p.relative_to(site).as_posix() for p in (site / "pagefind").rglob("*"))
    parts = sorted(p.relative_to(split).as_posix() for p in (split / "pagefind").rglob("*"))
    assert whole == parts and "pagefind/wasm.en.pagefind" in parts
    for rel in whole:
        if rel.endswith("pagefind-entry.json"):  # Pagefind orders its languages as it likes
            entries = [json.loads((s / rel).read_text("utf-8")) for s in (site, split)]
            assert entries[0] == entries[1]
            assert list(entries[1]["languages"]) == ["en", "id"]  # ours: always sorted
        elif (site / rel).is_file():
            assert (site / rel).read_bytes() == (split / rel).read_bytes(), rel


def test_search_index_from_what_pagefind_reads_is_the_one_of_whole_pages(project, tmp_path):
    """Pagefind is given only each page's head and data-pagefind-body part: the index it
    writes is byte for byte the one it writes reading the whole built site itself."""
    import shutil

    from ruangaman.finish import search

    site = run_mkdocs_build(project.root, tmp_path / "site")
    whole = tmp_path / "whole"
    shutil.copytree(site, whole)
    shutil.rmtree(whole / "pagefind")
    subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(whole), "--quiet"],
        check=True,
        capture_output=True,
    )
    search._sort_languages(whole / "pagefind" / "pagefind-entry.json")
    search._without_unused(whole / "pagefind")
    ours = sorted(p.relative_to(site).as_posix() for p in (site / "pagefind").rglob("*"))
    theirs = sorted(p.relative_to(whole).as_posix() for p in (whole / "pagefind").rglob("*"))
    assert ours == theirs and any(rel.startswith("pagefind/fragment/") for rel in ours)
    for rel in ours:
        if (site / rel).is_file():
            assert (site / rel).read_bytes() == (whole / rel).read_bytes(), rel


def test_a_stopped_background_index_leaves_no_copy_of_the_site(project, tmp_path, monkeypatch):
    """Pagefind reads a copy of the site in the temporary folder: a background run stopped
    while Pagefind reads it (the preview rebuilt again) removes it before it leaves."""
    from ruangaman.finish.background import BackgroundIndex
    from ruangaman.paths import SiteUrls

    site = run_mkdocs_build(project.root, tmp_path / "site")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setenv("TMPDIR", str(temporary))
    indexing = BackgroundIndex()
    indexing.start(site, SiteUrls(("id", "en")))
    try:
        end = time.monotonic() + 60
        while not any(temporary.rglob("index.html")):  # the copy being read
            assert time.monotonic() < end and indexing.run.poll() is None
            time.sleep(0.01)
    finally:
        indexing.stop()
    assert not list(temporary.iterdir())
