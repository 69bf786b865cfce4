"""The preview (`ruangaman serve`) after any edit is the site a fresh build makes, byte for byte.

In this process, one persistent session on one plugin instance builds a small project dirty,
as `serve` does, and the project is edited one step at a time: a service's text, a service
added and one deleted, a hotline renamed and set inactive, the site's name and time zone, a
taxonomy term, a guide's title (its translation then older), the translation marked again.
After each edit the preview rebuilds, and a fresh build (its
own process, of a copy of the project) builds the same content into another folder: every
file must be the same. The Hugo habit (rebuild_test.go) is kept too: how many pages each
rebuild rendered again is asserted, so the preview stays fast.

How this differs from `ruangaman serve`, and why that cannot hide a difference:
- no web server and no livereload: MkDocs' `serve` calls the same `build(config, dirty=True)`
  with a fresh config per rebuild, which is what `Preview.rebuild` does;
- no `serve_url`: MkDocs would set `site_url` to the local address, which is MkDocs' own
  business (canonical links), not ours, and would differ from any published build;
- the search index, built in the background under `serve`, is waited for before comparing,
  then compared like every other file (Pagefind lists languages in any order in
  pagefind-entry.json: that file is compared as JSON, as tests/test_frames.py does), with one
  exception: Pagefind names the files of an index by their content and never deletes those of
  an earlier index, so the preview's pagefind/ also holds the files of the indexes before the
  last one. Nothing refers to them (the entry file, the same in both, names the current
  index), so a reader's search loads exactly the fresh build's files: every file of the
  fresh build's index must be in the preview, byte for byte; the preview's older ones are
  ignored (they are named only pagefind/fragment/, pagefind/index/ and *.pf_meta).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import HOTLINE_YML, SERVICE_YML, TODAY
from directory_site import make_project
from mkdocs.commands.build import build
from mkdocs.config import load_config

from ruangaman.editor.translated import mark_translated
from ruangaman.render import render_pages
from ruangaman.session import BuildSession
from ruangaman.validate import check_project

POLICE = HOTLINE_YML.replace("SAPA 129", "Polisi 110").replace('"129"', '"110"')
POLICE = POLICE.replace("order: 1", "order: 2")


class Preview:
    """What `ruangaman serve` does (build/__init__.py `serve_site` and MkDocs' `serve`), in
    this process: one persistent session on the plugin instance MkDocs keeps, a check first
    (handed to the first build), then a dirty build after each edit with a config loaded anew."""

    def __init__(self, root: Path, site: Path) -> None:
        self.root, self.site = root, site
        self.session = BuildSession.preview()
        self.session.validated = check_project(root, session=self.session)
        self.first = self._config()
        self.plugin = self.first.plugins["ruangaman"]
        self.plugin.session = self.session  # build/__init__.py `_attach`
        self.first.plugins.on_startup(command="serve", dirty=True)

    def _config(self):  # noqa: ANN202
        return load_config(str(self.root / "mkdocs.yml"), site_dir=str(self.site))

    def rebuild(self) -> None:
        config = self._config()
        # MkDocs 1.6 keeps a plugin with on_startup for every build of the process (its
        # `Plugins.plugin_cache`): the session attached once is there on every rebuild.
        assert config.plugins["ruangaman"] is self.plugin
        assert self.plugin.session is self.session
        self.session.pages.count_again()
        build(config, dirty=True)
        assert self.session.indexing is not None  # the search index follows in the background
        assert self.session.indexing.wait(300) == 0

    def close(self) -> None:
        self.first.plugins.on_shutdown()
        self.plugin.session = None
        self.session.close()


def fresh_build(root: Path, out: Path) -> Path:
    """`ruangaman build` of a copy of the project, in its own process: nothing shared."""
    copy = out / "project"
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns(".staging"))
    site = out / "site"
    run = subprocess.run(
        [sys.executable, "-m", "ruangaman.cli", "build", "--project", str(copy)]
        + ["--site-dir", str(site)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    return site


def differences(preview: Path, fresh: Path) -> list[str]:
    mine = {p.relative_to(preview).as_posix(): p for p in preview.rglob("*") if p.is_file()}
    theirs = {p.relative_to(fresh).as_posix(): p for p in fresh.rglob("*") if p.is_file()}
    found = [
        f"only in the preview: {rel}"
        for rel in sorted(mine.keys() - theirs.keys())
        if not _earlier_index(rel)
    ]
    found += [f"only in the fresh build: {rel}" for rel in sorted(theirs.keys() - mine.keys())]
    for rel in sorted(mine.keys() & theirs.keys()):
        a, b = mine[rel].read_bytes(), theirs[rel].read_bytes()
        if rel == "pagefind/pagefind-entry.json":
            if json.loads(a) != json.loads(b):
                found.append(f"differs: {rel}")
        elif a != b:
            found.append(f"differs: {rel}")
    return found


def _earlier_index(rel: str) -> bool:
    """A file of an earlier Pagefind index (named by its content: never the current one's)."""
    return rel.startswith(("pagefind/fragment/", "pagefind/index/")) or (
        rel.startswith("pagefind/") and rel.endswith(".pf_meta")
    )


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# Each edit: (what, change the project, which data pages a page memo keyed on digests renders
# again: "all" or the (page name) set per language; checks a reader would see in the preview).
NEW_SERVICE = (
    SERVICE_YML.replace("Layanan Uji", "Layanan Baru")
    .replace("  desa: Kapur\n", "")
    .replace("kecamatan: Sungai Raya", "kecamatan: Kubu")
)
SHOWS_UJI = {"layanan/index", "layanan/kecamatan/sungai-raya", "layanan/jenis/pengaduan"}
SHOWS_UJI |= {"cetak/kecamatan/sungai-raya", "cetak/buku"}


def _service_text(root: Path) -> None:
    edit(root, "content/services/layanan-uji.yml", "Uraian layanan uji.", "Uraian yang baru.")


def _service_added(root: Path) -> None:
    (root / "content/services/layanan-baru.yml").write_text(NEW_SERVICE, encoding="utf-8")


def _service_deleted(root: Path) -> None:
    (root / "content/services/layanan-malam.yml").unlink()


def _hotline_renamed(root: Path) -> None:
    edit(root, "content/hotlines/sapa-129.yml", "name: SAPA 129", "name: SAPA 129 Baru")


def _hotline_inactive(root: Path) -> None:
    edit(root, "content/hotlines/sapa-129.yml", "status: active", "status: inactive")


def _site_name_and_zone(root: Path) -> None:
    edit(root, "content/site.yml", "id: Situs Uji", "id: Situs Baru")
    edit(root, "content/site.yml", "timezone: Asia/Pontianak", "timezone: Asia/Jayapura")


def _term_renamed(root: Path) -> None:
    edit(root, "content/taxonomy.yml", "id: Pengaduan,", "id: Pengaduan Baru,")


def _guide_title(root: Path) -> None:
    edit(root, "docs/panduan/uji.id.md", "title: Panduan uji", "title: Panduan baru")


def _translation_marked(root: Path) -> None:
    assert mark_translated(root, ["docs/panduan/uji.en.md"]).written


# After these edits, the English guide says (True) or does not say (False) that it may be
# older than the Indonesian one: its translation was marked before the Indonesian title changed.
STALE_AFTER = {"a guide's title": True, "its translation marked again": False}


EDITS = [
    ("a service's description", _service_text, SHOWS_UJI | {"layanan/layanan-uji"}),
    ("a service added", _service_added, "added"),
    ("a service deleted", _service_deleted, "deleted"),
    ("a hotline renamed", _hotline_renamed, "all"),
    ("a pinned hotline set inactive", _hotline_inactive, "all"),
    ("the site's name and time zone", _site_name_and_zone, "all"),
    ("a taxonomy term renamed", _term_renamed, "all"),
    ("a guide's title", _guide_title, set()),
    ("its translation marked again", _translation_marked, set()),
]


def expected_renders(shown, root: Path) -> int:
    """How many data pages a digest-keyed page memo renders again after the edit (every
    language): the pages that show the changed record, or all of them when what every page
    shows changed (site.yml, the taxonomy, the pinned hotlines)."""
    content, site, _ = check_project(root, today=TODAY)
    pages = render_pages(site)
    if shown == "all":
        return len(pages)
    if shown == "added":
        shown = {"layanan/index", "layanan/kecamatan/kubu", "layanan/jenis/pengaduan"}
        shown |= {"cetak/kecamatan/kubu", "cetak/buku"}
        shown |= {"layanan/layanan-baru", "cetak/layanan/layanan-baru"}
    elif shown == "deleted":
        shown = {"layanan/index", "layanan/kecamatan/kubu", "layanan/jenis/kesehatan"}
        shown |= {"cetak/kecamatan/kubu", "cetak/buku"}
    elif "layanan/layanan-uji" in shown:
        shown = shown | {"cetak/layanan/layanan-uji"}
    return len(shown) * len(content.languages)


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("serve"))
    project.write("content/hotlines/polisi-110.yml", POLICE)
    running = Preview(project.root, tmp_path_factory.mktemp("preview") / "site")
    running.rebuild()
    yield running
    running.close()


def _times(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*.html")}


def test_the_first_preview_is_the_fresh_build(preview, tmp_path):
    assert differences(preview.site, fresh_build(preview.root, tmp_path)) == []


@pytest.mark.parametrize(("what", "change", "shown"), EDITS, ids=[e[0] for e in EDITS])
def test_after_each_edit_the_preview_is_the_fresh_build(preview, tmp_path, what, change, shown):
    before = _times(preview.site)
    change(preview.root)
    preview.rebuild()
    fresh = fresh_build(preview.root, tmp_path)
    assert differences(preview.site, fresh) == [], what
    if what in STALE_AFTER:
        guide = (preview.site / "en/panduan/uji/index.html").read_text(encoding="utf-8")
        assert ("This translation may be older" in guide) is STALE_AFTER[what], what
    after = _times(preview.site)
    # Rendered again: the pages a digest-keyed memo must render (render keeps its pages in
    # `session.pages`). A render that does not use the session's memo counts nothing there.
    memo = preview.session.pages
    if memo.made + memo.reused:
        assert memo.made == expected_renders(shown, preview.root), what
    if shown != "all" and shown != set():
        # Written again by the dirty build: not a service page the edit does not show, in
        # either language (written from frames only when their content changed), and not an
        # English page outside the navigation that does not show it (mkdocs-static-i18n
        # builds the other languages dirty too: build/workarounds.i18n_builds_dirty).
        for rel in ("layanan/layanan-siaga/index.html", "en/layanan/layanan-siaga/index.html"):
            assert after[rel] == before[rel], (what, rel)
        untouched = "en/layanan/kecamatan/rasau-jaya/index.html"
        assert after[untouched] == before[untouched], what
    check_what_a_reader_sees(what, preview.site)


def check_what_a_reader_sees(what: str, site: Path) -> None:
    service = (site / "layanan/layanan-uji/index.html").read_text(encoding="utf-8")
    posters = [p.read_text(encoding="utf-8") for p in (site / "cetak").rglob("index.html")]
    if what == "a service's description":
        assert "Uraian yang baru." in service
    if what == "a service added":
        assert (site / "layanan/layanan-baru/index.html").is_file()
        assert (site / "en/layanan/layanan-baru/index.html").is_file()
    if what == "a service deleted":
        assert not (site / "layanan/layanan-malam").exists()
        assert not (site / "en/layanan/layanan-malam").exists()
        assert not (site / "kontak/layanan-malam.vcf").exists()
    if what == "a hotline renamed":
        assert all("SAPA 129 Baru" in poster for poster in posters)
    if what == "a pinned hotline set inactive":
        # No longer on the strip of any page, nor on the posters' help line.
        assert "SAPA 129 Baru" not in (site / "index.html").read_text(encoding="utf-8")
        assert not [p for p in posters if 'ra-help-number">SAPA 129 Baru' in p]
    if what == "the site's name and time zone":
        assert "Situs Baru" in service
        assert 'data-offset="540"' in service  # Asia/Jayapura is UTC+9: "open now" there
    if what == "a taxonomy term renamed":
        assert "Pengaduan Baru" in service
    if what == "a guide's title":
        home = (site / "index.html").read_text(encoding="utf-8")
        assert "Panduan baru" in home  # the navigation of every page


def test_serve_hands_its_session_to_the_plugin_mkdocs_keeps(tmp_path):
    """The one hand-off: the instance of a config loaded first is the one every later config
    of the process gets (MkDocs 1.6 `Plugins.plugin_cache`), so `serve_site` attaches its
    session before MkDocs' `serve` loads its own config."""
    project = make_project(tmp_path)
    one = load_config(str(project.root / "mkdocs.yml"))
    two = load_config(str(project.root / "mkdocs.yml"), site_dir=str(tmp_path / "x"))
    assert one.plugins["ruangaman"] is two.plugins["ruangaman"]
