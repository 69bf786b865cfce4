"""Issue 10, loading: nothing a pull request can commit is taken as checked content.

A pickle anywhere in the project (the old cache's place `.cache/ruangaman/loaded.pickle`, or any
other) is never unpickled: `check` and the built site show what the YAML says.
"""

from __future__ import annotations

import os
import pickle
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from conftest import GUIDE_ID, HOTLINE_YML, SERVICE_YML, SITE_YML, TAXONOMY_YML, TODAY, Project

from ruangaman.cli import main
from ruangaman.load.projectfiles import RefusedFile, read_file, shown
from ruangaman.problems import format_problem
from ruangaman.validate import check_project


class Evil:
    """Unpickled, it would leave `witness` behind (and could run any command)."""

    def __init__(self, witness: Path) -> None:
        self.witness = witness

    def __reduce__(self):
        return (os.system, (f"touch {self.witness}",))


def _pickles(witness: Path) -> list[bytes]:
    forged = {
        "format": 2,
        "entries": {"content/services/layanan-uji.yml": ("x", 0, 10**9, b"")},
        "phones": {("0561 123456", False): "+62 811 9999 0000"},
        "name": "Layanan Palsu",
    }
    return [
        pickle.dumps(Evil(witness)),
        b"ruangaman cache\n" + bytes(32) + pickle.dumps(Evil(witness)),
        pickle.dumps(forged),
        pickle.dumps(forged, protocol=0),
    ]


@pytest.mark.parametrize("variant", range(4))
def test_a_committed_pickle_changes_nothing(project: Project, tmp_path, variant):
    witness = tmp_path / "ran"
    blob = _pickles(witness)[variant]
    before = check_project(project.root, today=TODAY)
    for rel in (
        ".cache/ruangaman/loaded.pickle",
        ".cache/loaded.pickle",
        "content/loaded.pickle",
        "content/services/.cache/loaded.pickle",
        "loaded.pickle",
        ".staging/loaded.pickle",
    ):
        project.write(rel, blob)
    after = check_project(project.root, today=TODAY)
    assert not witness.exists()
    assert [r.data for r in after[0].services] == [r.data for r in before[0].services]
    assert [str(p) for p in after[2].problems] == [str(p) for p in before[2].problems]
    site = project.root / "site"
    assert main(["build", "--project", str(project.root), "--site-dir", str(site)]) == 0
    assert not witness.exists()
    page = (site / "layanan" / "layanan-uji" / "index.html").read_text(encoding="utf-8")
    assert "Layanan Uji" in page and "Layanan Palsu" not in page
    assert 'href="tel:+62561123456"' in page
    assert "+62 811 9999 0000" not in page and "+628119999" not in page
    # Nothing writes a cache of checked files either.
    assert not (project.root / ".cache" / "ruangaman" / "checked").exists()
    assert [p.name for p in (project.root / ".cache" / "ruangaman").iterdir()] == ["loaded.pickle"]


def test_the_source_has_no_unpickling_of_files():
    """No module of the package reads a pickle, marshal or shelve file."""
    package = Path(__file__).resolve().parents[1] / "src" / "ruangaman"
    for path in package.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for word in ("import pickle", "import marshal", "import shelve", "pickle.load"):
            assert word not in text, f"{path.name}: {word}"


# --- class 5: links, hard links, FIFOs, sockets, devices --------------------------------------

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(17)
RUANGAMAN = str(Path(sys.executable).parent / "ruangaman")
SECRET = "RUANGAMAN_FTP_PASSWORD=rahasia-sekali"


def _check(project: Project, lang: str = "en") -> tuple[int, str]:
    """`ruangaman check` in its own process (a FIFO must not hang it): exit code and output."""
    run = subprocess.run(
        [RUANGAMAN, "check", "--project", str(project.root), "--lang", lang],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "Traceback" not in run.stderr + run.stdout
    return run.returncode, run.stdout + run.stderr


def _build_refused(project: Project) -> None:
    site = project.root / "site"
    assert main(["build", "--project", str(project.root), "--site-dir", str(site)]) == 1
    leaked = [p for p in site.rglob("*") if p.is_file() and SECRET.encode() in p.read_bytes()]
    assert not leaked


@pytest.fixture
def outside(tmp_path) -> Path:
    """A folder outside the repository holding a secret and a page-like file."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.png").write_text(SECRET, encoding="utf-8")
    (folder / "id_ed25519").write_text(SECRET, encoding="utf-8")
    (folder / "page.id.md").write_text(f"---\ntitle: X\n---\n\n{SECRET}\n", encoding="utf-8")
    (folder / "service.yml").write_text(
        SERVICE_YML.replace("Layanan Uji", "Layanan Luar"), encoding="utf-8"
    )
    return folder


LINKS = {
    "environ": ("docs/assets/env.png", "/proc/self/environ"),
    "environ-txt": ("docs/assets/env.txt", "/proc/self/environ"),
    "ssh-key": ("docs/assets/key.png", "{outside}/id_ed25519"),
    "folder": ("docs/gambar", "{outside}"),
    "folder-inside": ("docs/salinan", "../content"),
    "inside-file": ("docs/situs.png", "../content/site.yml"),
    "dangling": ("docs/hilang.png", "/tidak/ada/sama/sekali.png"),
    "page": ("docs/x.id.md", "{outside}/page.id.md"),
    "guide": ("docs/panduan/rahasia.id.md", "{outside}/page.id.md"),
    "service": ("content/services/palsu.yml", "{outside}/service.yml"),
    "site-yml": ("content/site.yml", "{outside}/service.yml"),
    "hotlines-folder": ("content/hotlines/luar", "{outside}"),
    "override": ("overrides/partials/ruangaman/env.html", "/proc/self/environ"),
}


@pytest.mark.parametrize("case", sorted(LINKS))
def test_a_symlink_is_refused_with_its_name(project: Project, outside: Path, case):
    rel, target = LINKS[case]
    link = project.root / rel
    if link.exists() or link.is_symlink():
        link.unlink()
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(target.format(outside=outside))
    code, output = _check(project)
    assert code != 0
    assert f"✗ {rel}\n" in output and "symbolic link" in output, output
    assert SECRET not in output and "Layanan Luar" not in output
    _build_refused(project)


def test_a_link_chain_and_a_link_to_a_link_folder(project: Project, outside: Path):
    (project.root / "docs/b.png").symlink_to(outside / "secret.png")
    (project.root / "docs/a.png").symlink_to("b.png")
    (project.root / "docs/c").symlink_to("gambar")
    (project.root / "docs/gambar").symlink_to(outside)
    code, output = _check(project)
    assert code != 0
    for rel in ("docs/a.png", "docs/b.png", "docs/c", "docs/gambar"):
        assert f"✗ {rel}\n" in output
    _build_refused(project)


def test_the_docs_or_content_folder_itself_as_a_link(project: Project, outside: Path):
    shutil.rmtree(project.root / "docs")
    (project.root / "docs").symlink_to(outside)
    code, output = _check(project)
    assert code != 0 and "✗ docs\n" in output
    assert SECRET not in output
    _build_refused(project)


def test_a_hard_link_to_a_file_outside_is_refused(project: Project, outside: Path):
    os.link(outside / "secret.png", project.root / "docs/foto.png")
    os.link(outside / "service.yml", project.root / "content/services/salinan.yml")
    code, output = _check(project)
    assert code != 0
    assert "✗ docs/foto.png\n" in output and "hard link" in output
    assert "✗ content/services/salinan.yml\n" in output
    _build_refused(project)


@pytest.mark.parametrize(
    "rel", ["docs/antre.png", "docs/antre.id.md", "content/services/antre.yml", "content/site.yml"]
)
def test_a_fifo_is_refused_and_never_waited_on(project: Project, rel):
    path = project.root / rel
    if path.exists():
        path.unlink()
    os.mkfifo(path)
    code, output = _check(project)
    assert code != 0 and f"✗ {rel}\n" in output and "FIFO" in output


def test_a_socket_is_refused(project: Project, tmp_path):
    # A socket's path must be short: make it in a short folder and move the project's view of it.
    folder = Path(tempfile.mkdtemp(prefix="ra", dir="/tmp"))
    try:
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(folder / "s.png"))
        (project.root / "docs/s.png").symlink_to(folder / "s.png")  # refused as a link...
        os.replace(folder / "s.png", project.root / "docs/sock.png")  # ...and as a socket
        sock.close()
        code, output = _check(project)
        assert code != 0 and "✗ docs/sock.png\n" in output and "socket" in output
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_regular_media_files_are_published(project: Project):
    project.write("docs/gambar/foto-kantor.png", PNG)
    project.write("docs/unduhan/Leaflet_2026.PDF", b"%PDF-1.7\n%\xe2\xe3\n")
    project.write("docs/gambar/a.webp", b"RIFF\x00\x00\x00\x00WEBPVP8 ")
    project.write("docs/gambar/b.avif", b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00")
    code, output = _check(project)
    assert code == 0, output
    site = project.root / "site"
    assert main(["build", "--project", str(project.root), "--site-dir", str(site)]) == 0
    assert (site / "gambar/foto-kantor.png").read_bytes() == PNG
    assert (site / "unduhan/Leaflet_2026.PDF").is_file()


def test_read_file_follows_no_link_anywhere_in_the_path(tmp_path, outside):
    (tmp_path / "repo" / "content").mkdir(parents=True)
    (tmp_path / "repo" / "content" / "services").symlink_to(outside)
    with pytest.raises(RefusedFile) as refused:
        read_file(tmp_path / "repo/content/services/service.yml", tmp_path / "repo")
    assert refused.value.code == "file_symlink"
    (tmp_path / "repo" / "content" / "x.yml").symlink_to(outside / "service.yml")
    with pytest.raises(RefusedFile):
        read_file(tmp_path / "repo/content/x.yml", tmp_path / "repo")


# --- class 6: docs/ holds content only --------------------------------------------------------

REFUSED_IN_DOCS = {
    "_redirects": ("/*  https://situs-lain.example/:splat  200\n", "docs_file_type"),
    "_REDIRECTS": ("/* https://x.example 200\n", "docs_file_type"),
    "_headers": ("/*\n  Content-Security-Policy: default-src *\n", "docs_file_type"),
    "CNAME": ("situs-lain.example\n", "docs_file_type"),
    "Cname": ("situs-lain.example\n", "docs_file_type"),
    ".htaccess": ("Redirect 301 / https://x.example/\n", "docs_hidden_file"),
    ".nojekyll": ("", "docs_hidden_file"),
    ".well-known/security.txt": ("Contact: x\n", "docs_hidden_file"),
    "panduan/.git/config": ("[core]\n", "docs_hidden_file"),
    "robots.txt": ("User-agent: *\n", "docs_reserved_name"),
    "404.html": ("<script>alert(1)</script>", "docs_reserved_name"),
    "404.id.md": ("---\ntitle: x\n---\n", "docs_reserved_name"),
    "sw.js": ("self.onfetch=()=>{}", "docs_reserved_name"),
    "sitemap.xml": ("<urlset/>", "docs_reserved_name"),
    "hotline.id.md": ("---\ntitle: Hotline palsu\n---\n\n0811 0000 0000\n", "docs_reserved_name"),
    "api/services.json": ("[]", "docs_reserved_name"),
    "kontak/x.vcf": ("BEGIN:VCARD", "docs_reserved_name"),
    "pagefind/pagefind.js": ("alert(1)", "docs_reserved_name"),
    "cetak/poster.png": (PNG, "docs_reserved_name"),
    # The safety plan is the build's page: a guide in its place could ask for what a reader
    # types and send it (a form), or claim to keep nothing while linking elsewhere.
    "panduan/rencana-keselamatan.id.md": (
        "---\ntitle: Rencana keselamatan\n---\n\nTulis alamat Anda di [formulir](https://x.test/)\n",
        "docs_reserved_name",
    ),
    "panduan/rencana-keselamatan.en.md": (
        "---\ntitle: Safety plan\n---\n\nx\n",
        "docs_reserved_name",
    ),
    "layanan/palsu.id.md": ("---\ntitle: x\n---\n", "docs_reserved_name"),
    "en/foto.png": (PNG, "docs_reserved_name"),
    "assets/ruangaman.js": ("alert(1)", "docs_reserved_name"),
    "assets/RuangAman.css": ("body{}", "docs_reserved_name"),
    "assets/ruangaman-directory.png": (PNG, "docs_reserved_name"),
    "halaman.html": ("<script>alert(1)</script>", "docs_file_type"),
    "halaman.HTM": ("<script>alert(1)</script>", "docs_file_type"),
    "gambar/logo.svg": (
        '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        "docs_file_type",
    ),
    "gambar/logo.SVG": ("<svg/>", "docs_file_type"),
    "assets/x.js": ("alert(1)", "docs_file_type"),
    "assets/x.mjs": ("alert(1)", "docs_file_type"),
    "assets/x.css": ("body{}", "docs_file_type"),
    "assets/env.txt": (SECRET, "docs_file_type"),
    "data.json": ("{}", "docs_file_type"),
    "feed.xml": ("<x/>", "docs_file_type"),
    "tanpa-akhiran": ("x", "docs_file_type"),
    "foto.png": ("<html><script>alert(1)</script>", "docs_file_content"),
    "foto.jpg": (PNG, "docs_file_content"),
    "dokumen.pdf": ("<html>", "docs_file_content"),
    "a.webp": ("RIFF....WAVE", "docs_file_content"),
    "foto kantor.png": (PNG, "docs_file_name"),
    "fóto.png": (PNG, "docs_file_name"),
    "-rf.png": (PNG, "docs_file_name"),
    "foto'1.png": (PNG, "docs_file_name"),
    "a\\b.png": (PNG, "docs_file_name"),
    "a\nb.png": (PNG, "file_name_characters"),
    "a\rb.png": (PNG, "file_name_characters"),
    "a\tb.png": (PNG, "file_name_characters"),
    "gambar\n/x.png": (PNG, "file_name_characters"),
    "a\u202eb.png": (PNG, "file_name_characters"),
    "a\u2066b.png": (PNG, "file_name_characters"),
    "a\u2028b.png": (PNG, "file_name_characters"),
    "a\x7fb.png": (PNG, "file_name_characters"),
    "a\x85b.png": (PNG, "file_name_characters"),
    ("x" * 130) + ".png": (PNG, "file_name_characters"),
}


@pytest.mark.parametrize("name", sorted(REFUSED_IN_DOCS))
def test_docs_refuses_host_files_code_and_reserved_names(project: Project, name):
    text, code = REFUSED_IN_DOCS[name]
    project.write(f"docs/{name}", text)
    content, _, report = check_project(project.root, today=TODAY)
    assert report.failed()
    found = [p for p in report.errors if p.file.startswith("docs/")]
    assert [p.code for p in found] == [code], [(p.code, p.file) for p in report.errors]
    # Named so an editor can find it, on one line whatever the name holds.
    where = found[0].file.removeprefix("docs/")
    assert "\n" not in where and "\r" not in where and "\u202e" not in where
    assert where == shown(name) or shown(name).startswith(where + "/")
    # Nothing refused is read or staged.
    assert not [rel for rel in content.files.under("docs") if rel == name or rel.startswith(where)]
    assert not [page for page in content.pages if page.rel == f"docs/{name}"]


@pytest.mark.parametrize("name", ["_redirects", "CNAME", ".htaccess", "404.html", "x.svg"])
def test_a_refused_docs_file_never_reaches_the_site(project: Project, name):
    project.write(f"docs/{name}", "/* https://situs-lain.example 200\n")
    code, output = _check(project)
    assert code != 0 and f"✗ docs/{name}\n" in output
    site = project.root / "site"
    assert main(["build", "--project", str(project.root), "--site-dir", str(site)]) == 1
    assert not (site / name).exists()
    staged = project.root / ".staging" / "docs" / name
    assert not staged.exists()


def test_the_shipped_docs_folder_holds_only_what_is_allowed():
    from conftest import ROOT

    from ruangaman.load.projectfiles import scan

    assert scan(ROOT).problems == []


# --- class 11: every field has a length and a character rule; nesting is bounded --------------

ONE_LINE_BAD = {
    "newline (block)": "name: |\n  Layanan\n  Uji\n",
    "newline (quoted)": 'name: "Layanan\\nUji"\n',
    "carriage return": 'name: "Layanan\\rUji"\n',
    "tab": 'name: "Layanan\\tUji"\n',
    "nul": 'name: "Layanan\\0Uji"\n',
    "escape": 'name: "Layanan\\eUji"\n',
    "del": 'name: "Layanan\\x7fUji"\n',
    "c1 next line": 'name: "Layanan\\NUji"\n',
    "line separator": 'name: "Layanan\\LUji"\n',
    "paragraph separator": 'name: "Layanan\\PUji"\n',
    "right-to-left override": 'name: "Layanan\\u202eUji"\n',
    "left-to-right embedding": 'name: "Layanan\\u202aUji"\n',
    "first strong isolate": 'name: "Layanan\\u2068Uji"\n',
    "pop isolate": 'name: "Layanan\\u2069Uji"\n',
    "right-to-left mark": 'name: "Layanan\\u200fUji"\n',
    "arabic letter mark": 'name: "Layanan\\u061cUji"\n',
    "byte order mark": 'name: "Layanan\\ufeffUji"\n',
    "raw override": "name: Layanan\u202eUji\n",
    "raw isolate": "name: Layanan\u2066Uji\u2069\n",
}


def _service(project: Project, first_line: str, slug: str = "layanan-uji") -> None:
    body = SERVICE_YML.split("\n", 1)[1]
    project.write(f"content/services/{slug}.yml", first_line + body)


@pytest.mark.parametrize("case", sorted(ONE_LINE_BAD))
def test_a_one_line_field_refuses_line_breaks_controls_and_bidi(project: Project, case):
    _service(project, ONE_LINE_BAD[case])
    _, _, report = check_project(project.root, today=TODAY)
    found = [p for p in report.errors if p.code == "text_one_line_characters"]
    assert [(p.file, p.line, p.field) for p in found] == [
        ("content/services/layanan-uji.yml", 1, "name")
    ]
    text = format_problem(found[0], "en")
    assert "U+" in text and "\u202e" not in text and "Layanan\nUji" not in text
    assert (
        main(["build", "--project", str(project.root), "--site-dir", str(project.root / "s")]) == 1
    )


@pytest.mark.parametrize(
    "rel, text, field",
    [
        (
            "content/hotlines/sapa-129.yml",
            HOTLINE_YML.replace("name: SAPA 129", 'name: "SAPA\\n129"'),
            "name",
        ),
        (
            "content/hotlines/sapa-129.yml",
            HOTLINE_YML + 'short_name: "SAPA\\u2066129"\n',
            "short_name",
        ),
        (
            "content/hotlines/sapa-129.yml",
            HOTLINE_YML.replace('- number: "129"', '- number: "12\\u202e9"'),
            "phones[0].number",
        ),
        (
            "content/site.yml",
            SITE_YML.replace("name: {id: Situs Uji", 'name: {id: "Situs\\nUji"'),
            "name.id",
        ),
        ("content/site.yml", SITE_YML.replace("Kantor Uji", '"Kantor\\rUji"'), "office.name"),
        (
            "content/site.yml",
            SITE_YML + 'quick_exit_url: "https://www.bmkg.go.id/\\u202e"\n',
            "quick_exit_url",
        ),
        (
            "content/taxonomy.yml",
            TAXONOMY_YML.replace("Pengaduan,", '"Peng\\naduan",'),
            "service_types[0].name.id",
        ),
        (
            "docs/panduan/uji.id.md",
            GUIDE_ID.replace("title: Panduan uji", 'title: "Panduan\\nuji"'),
            "title",
        ),
        (
            "docs/panduan/uji.id.md",
            GUIDE_ID.replace("summary: Ringkasan panduan uji.", 'summary: "Ring\\u202ekasan uji."'),
            "summary",
        ),
        ("docs/index.id.md", '---\ntitle: "Ber\\u2028anda"\n---\n\nSelamat datang.\n', "title"),
    ],
)
def test_every_file_kind_and_front_matter_follow_the_rules(project: Project, rel, text, field):
    project.write(rel, text)
    _, _, report = check_project(project.root, today=TODAY)
    found = [p for p in report.errors if p.code == "text_one_line_characters"]
    assert [(p.file, p.field) for p in found] == [(rel, field)], report.format("en")
    assert found[0].line is not None


def test_a_description_may_have_lines_but_no_other_controls(project: Project):
    text = SERVICE_YML.replace(
        "  id: Uraian layanan uji.", "  id: |\n    Baris satu.\n    Baris dua."
    )
    project.write("content/services/layanan-uji.yml", text)
    _, _, report = check_project(project.root, today=TODAY)
    assert not report.failed(), report.format("en")
    for bad in ("\\r", "\\t", "\\u202e", "\\x1b", "\\L"):
        text = SERVICE_YML.replace(
            "  id: Uraian layanan uji.", f'  id: "Baris satu.\\nBaris{bad} dua."'
        )
        project.write("content/services/layanan-uji.yml", text)
        _, _, report = check_project(project.root, today=TODAY)
        found = [p for p in report.errors if p.code == "text_multiline_characters"]
        assert [p.field for p in found] == ["description.id"], bad


@pytest.mark.parametrize(
    "field, limit",
    [("name", 120), ("organization:\n  name", 200), ("location:\n  address", 200)],
)
def test_long_values_are_refused_before_they_reach_a_page(project: Project, field, limit):
    text = SERVICE_YML
    if field == "name":
        text = text.replace("name: Layanan Uji", "name: " + "A" * (limit + 1), 1)
    elif field.startswith("organization"):
        text = text.replace("  name: Lembaga Uji", "  name: " + "B" * (limit + 1))
    else:
        text = text.replace("  desa: Kapur", "  address: " + "C" * (limit + 1) + "\n  desa: Kapur")
    project.write("content/services/layanan-uji.yml", text)
    _, _, report = check_project(project.root, today=TODAY)
    found = [p for p in report.errors if p.code == "too_long"]
    assert len(found) == 1 and found[0].params["limit"] == limit


def test_a_240_kb_short_name_is_refused_and_the_hotlines_stay_first(project: Project):
    project.write(
        "content/hotlines/sapa-129.yml", HOTLINE_YML + "short_name: " + "S" * 240_000 + "\n"
    )
    _, _, report = check_project(project.root, today=TODAY)
    found = [p for p in report.errors if p.code == "too_long"]
    assert [(p.file, p.field) for p in found] == [("content/hotlines/sapa-129.yml", "short_name")]
    assert found[0].params["limit"] == 32
    # Just under the file size limit too: still one located message, no traceback.
    project.write("content/hotlines/sapa-129.yml", HOTLINE_YML + 'short_name: "' + "S" * 33 + '"\n')
    _, _, report = check_project(project.root, today=TODAY)
    assert [p.code for p in report.errors] == ["too_long"]


DEEP = {
    "flow 5000": "name: " + "[" * 5000 + "]" * 5000 + "\n",
    "flow 900": "name: " + "[" * 900 + "]" * 900 + "\n",
    "flow maps": "name: " + "{a: " * 2000 + "x" + "}" * 2000 + "\n",
    "flow unclosed": "name: " + "[" * 5000 + "\n",
    "block sequences": "name:\n" + "".join(" " * i + "-\n" for i in range(600)),
    "block maps": "name:\n" + "".join(" " * i + "a:\n" for i in range(1, 600)),
    "block too big": "name:\n" + "".join(" " * i + "-\n" for i in range(5000)),
    "compact sequences": "name: " + "- " * 3000 + "x\n",
    "compact in list": "sources:\n" + "- " * 3000 + "x\n",
    "mixed": "name:\n" + "".join(" " * i + "- [{a: \n" for i in range(0, 600, 2)),
}


@pytest.mark.parametrize("case", sorted(DEEP))
def test_deep_nesting_is_one_message_never_a_recursion_error(project: Project, case):
    project.write("content/services/dalam.yml", DEEP[case])
    code, output = _check(project)
    assert code != 0
    assert "content/services/dalam.yml" in output and "RecursionError" not in output
    assert output.count("✗") == 1, output
    if case in ("flow 5000", "flow 900", "flow maps", "block sequences", "block maps"):
        assert "nests too deep" in output, output


def test_deep_nesting_in_front_matter(project: Project):
    project.write("docs/panduan/uji.id.md", "---\ntitle: " + "[" * 3000 + "\n---\n\nIsi.\n")
    code, output = _check(project)
    assert code != 0 and "docs/panduan/uji.id.md" in output


def test_schemas_carry_the_length_and_character_rules():
    import json
    import re

    from conftest import ROOT

    from ruangaman.model.jsonschema import schema_text

    service = json.loads(schema_text("service"))
    name = service["properties"]["name"]
    assert name["maxLength"] == 120
    pattern = re.compile(name["pattern"])
    assert pattern.match("UPTD PPA") and not pattern.match("a\nb") and not pattern.match("a\u202eb")
    description = service["properties"]["description"]["anyOf"][0]
    assert re.match(description["pattern"], "a\nb") and not re.match(description["pattern"], "a\rb")
    hotline = json.loads(schema_text("hotline"))
    assert hotline["properties"]["short_name"]["anyOf"][0]["maxLength"] == 32
    # The committed schemas are the generated ones.
    for kind in ("service", "hotline", "site", "taxonomy"):
        committed = (ROOT / "content" / "schema" / f"{kind}.schema.json").read_text(
            encoding="utf-8"
        )
        assert committed == schema_text(kind), kind


def test_a_key_with_a_newline_is_named_on_one_line(project: Project):
    project.write("content/services/layanan-uji.yml", SERVICE_YML + '"na\\nme\\u202e": x\n')
    _, _, report = check_project(project.root, today=TODAY)
    found = [p for p in report.errors if p.code == "unknown_key"]
    assert len(found) == 1 and found[0].field == "na\\u000ame\\u202e"
    assert "\n" not in found[0].field
