"""`ruangaman publish` against real hosts on 127.0.0.1: a bare git repository, a folder, OpenSSH's
sshd (SFTP) and pyftpdlib (FTP and FTPS), each started by the test."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pytest
from conftest import SERVICE_YML, Project
from servers import CuttingRelay, FtpServer, GitHttpServer, Sshd, self_signed_cert

from ruangaman.build import run_mkdocs_build
from ruangaman.cli import main
from ruangaman.model.destination import BadDestination, parse
from ruangaman.publish.plan import MANIFEST, PART
from ruangaman.publish.run import send_site
from ruangaman.publish.transports import open_transport
from ruangaman.publish.transports.base import PublishError
from ruangaman.publish.transports.folder import FolderTransport

PASSWORD = "Rahasia-Uji-7d1f9c2e"  # a test-only password: it must never be printed or published
SECOND_SERVICE = SERVICE_YML.replace("Layanan Uji", "Layanan Kedua").replace(
    "types: [pengaduan]", "types: [kesehatan]"
)


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """Two builds of one site: `before`, and `after` with one service renamed."""
    import os

    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    # a fixed build date (sitemap dates): the two builds may fall either side of midnight
    os.environ["SOURCE_DATE_EPOCH"] = "1795824000"
    root = tmp_path_factory.mktemp("publish-project")
    project = Project(root)
    project.write("content/services/layanan-kedua.yml", SECOND_SERVICE)
    before = run_mkdocs_build(root, tmp_path_factory.mktemp("before") / "site")
    project.write(
        "content/services/layanan-uji.yml",
        SERVICE_YML.replace("name: Layanan Uji", "name: Layanan Uji Terpadu"),
    )
    after = run_mkdocs_build(root, tmp_path_factory.mktemp("after") / "site")
    # the same content built again, into a folder of its own: a publish after no change
    again = run_mkdocs_build(root, tmp_path_factory.mktemp("again") / "site")
    os.environ.pop("SOURCE_DATE_EPOCH")
    return {"before": before, "after": after, "again": again, "project": project}


def publish(site: Path, url: str, **kw) -> tuple:
    transport = open_transport(parse(url), squash=kw.pop("squash", False))
    out = io.StringIO()
    try:
        summary = send_site(site, transport, out=out, **kw)
    finally:
        transport.close()
    return summary, out.getvalue()


def changed_pages(before: Path, after: Path) -> set[str]:
    old, new = tree(before), tree(after)
    return {p for p in new if old.get(p) != new[p]} | {p for p in old if p not in new}


# The renamed service's own page and the three lists that show it, in both languages; not the
# other service, nor the type list that shows only the other service, nor sitemap/assets.
SEARCHABLE_CHANGES = {
    f"{lang}layanan/{page}index.html"
    for lang in ("", "en/")
    for page in ("", "layanan-uji/", "jenis/pengaduan/", "kecamatan/sungai-raya/")
}
# ... and what shows its name outside the search index: its poster, its kecamatan's poster and
# the booklet in both languages, the open data and its vCard.
EXPECTED_CHANGES = (
    SEARCHABLE_CHANGES
    | {
        f"{lang}cetak/{page}index.html"
        for lang in ("", "en/")
        for page in ("buku/", "kecamatan/sungai-raya/", "layanan/layanan-uji/")
    }
    | {"api/services.json", "api/services.csv", "api/hsds/services.json", "kontak/layanan-uji.vcf"}
)


def search_changes(sites) -> tuple[set[str], set[str]]:
    """Pagefind's files that a change sends (new) and deletes (gone): content-named fragments
    and index chunks, its meta file and `pagefind-entry.json`."""
    before, after = tree(sites["before"]), tree(sites["after"])
    sent = {p for p in after if p.startswith("pagefind/") and before.get(p) != after[p]}
    gone = {p for p in before if p.startswith("pagefind/") and p not in after}
    return sent, gone


def test_the_build_is_repeatable_and_one_service_changes_only_its_pages_and_lists(sites):
    changed = changed_pages(sites["before"], sites["after"])
    assert {p for p in changed if not p.startswith("pagefind/")} == EXPECTED_CHANGES
    sent, gone = search_changes(sites)
    # the search index: one new fragment per changed page, nothing for the unchanged ones
    fragments = {p for p in sent if p.startswith("pagefind/fragment/")}
    assert len(fragments) == len(SEARCHABLE_CHANGES)
    assert sent - fragments <= {
        p
        for p in sent
        if p.startswith("pagefind/index/")
        or p.endswith(".pf_meta")
        or p == "pagefind/pagefind-entry.json"
    }
    assert len(gone) == len(sent) - 1  # every old version is gone; the entry file is rewritten


# --- folder ---------------------------------------------------------------------------------


class Recording(FolderTransport):
    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self.calls: list[tuple[str, str]] = []

    def write(self, path: str, data: bytes) -> None:
        self.calls.append(("write", path))
        super().write(path, data)

    def delete(self, path: str) -> None:
        self.calls.append(("delete", path))
        super().delete(path)


def test_folder_publish_sends_only_the_changed_service_assets_before_pages_manifest_last(
    sites, tmp_path
):
    first = Recording(tmp_path / "host")
    summary = send_site(sites["before"], first, out=io.StringIO())
    assert tree(tmp_path / "host") == {**tree(sites["before"]), MANIFEST: ANY_BYTES}
    writes = [path for op, path in first.calls if op == "write"]
    assert writes[0] == MANIFEST and writes[-1] == MANIFEST  # interim first, final last
    sent = writes[1:-1]
    host_rules = ("_headers", ".htaccess")

    def stage(path: str) -> int:  # 0 named by content, 1 other asset, 2 page, 3 host rules
        if path in host_rules:
            return 3
        if path.endswith((".html", ".xml", ".gz", ".txt")):  # robots.txt goes with the pages
            return 2
        return 0 if re.search(r"[._][0-9a-f]{7,}[._]", path.rsplit("/", 1)[-1]) else 1

    stages = [stage(p) for p in sent]
    assert stages == sorted(stages) and set(stages) == {0, 1, 2, 3}
    assert sent.index("pagefind/pagefind-entry.json") > max(
        i for i, p in enumerate(sent) if p.endswith(".pf_meta")
    )  # search's entry file only after the files it names
    assert summary.unchanged == 0

    second = Recording(tmp_path / "host")
    summary = send_site(sites["after"], second, out=io.StringIO())
    assert set(summary.sent) == EXPECTED_CHANGES | search_changes(sites)[0]
    assert set(summary.deleted) == search_changes(sites)[1]
    assert [p for op, p in second.calls if op == "write"][-1] == MANIFEST
    assert tree(tmp_path / "host") == {**tree(sites["after"]), MANIFEST: ANY_BYTES}


def test_a_publish_after_no_change_sends_nothing(sites, tmp_path):
    """Two separate builds of the same content are the same site: publishing the second after
    the first sends no file and deletes none (the manifest is all that is written)."""
    host = tmp_path / "host"
    send_site(sites["after"], FolderTransport(host), out=io.StringIO())
    recording = Recording(host)
    summary = send_site(sites["again"], recording, out=io.StringIO())
    assert (summary.sent, summary.deleted) == ([], [])
    assert summary.unchanged == len(tree(sites["again"]))
    assert {path for op, path in recording.calls} <= {MANIFEST}
    assert tree(host) == {**tree(sites["again"]), MANIFEST: ANY_BYTES}


class _Any(bytes):
    def __eq__(self, other):
        return isinstance(other, bytes)

    __hash__ = bytes.__hash__


ANY_BYTES = _Any()


def test_dry_run_lists_what_would_change_and_sends_nothing(sites, tmp_path):
    host = tmp_path / "host"
    publish(sites["before"], f"file://{host}")
    before = tree(host)
    summary, out = publish(sites["after"], f"file://{host}", lang="en", dry_run=True)
    assert tree(host) == before
    assert "+ send layanan/layanan-uji/index.html" in out
    assert "Dry run" in out
    assert set(summary.sent) == EXPECTED_CHANGES | search_changes(sites)[0]


# --- git ------------------------------------------------------------------------------------


def git(*args: str) -> str:
    return subprocess.run(["git", *args], check=True, capture_output=True, text=True).stdout


def branch_tree(repo: Path, branch: str, into: Path) -> dict[str, bytes]:
    subprocess.run(["git", "clone", "-q", "-b", branch, str(repo), str(into)], check=True)
    return {k: v for k, v in tree(into).items() if not k.startswith(".git/")}


def test_git_branch_holds_exactly_the_site_with_history_or_squashed(sites, tmp_path):
    repo = tmp_path / "site.git"
    git("init", "-q", "--bare", str(repo))
    url = f"git+file://{repo}#gh-pages"
    publish(sites["before"], url)
    summary, _ = publish(sites["after"], url)
    assert set(summary.sent) == EXPECTED_CHANGES | search_changes(sites)[0]
    assert branch_tree(repo, "gh-pages", tmp_path / "c1") == tree(sites["after"])
    assert len(git("-C", str(repo), "log", "--oneline", "gh-pages").splitlines()) == 2

    publish(sites["before"], url, squash=True)
    assert branch_tree(repo, "gh-pages", tmp_path / "c2") == tree(sites["before"])
    assert len(git("-C", str(repo), "log", "--oneline", "gh-pages").splitlines()) == 1


def test_git_over_https_uses_the_token_from_the_environment_and_never_shows_it(
    sites, tmp_path, monkeypatch, capfd
):
    repo = tmp_path / "site.git"
    git("init", "-q", "--bare", str(repo))
    pem = self_signed_cert(tmp_path)
    monkeypatch.setenv("GIT_SSL_CAINFO", str(tmp_path / "cert.pem"))  # trust the test's cert
    server = GitHttpServer(tmp_path, token=PASSWORD, pem=pem)
    url = f"git+https://127.0.0.1:{server.port}/site.git#gh-pages"
    try:
        monkeypatch.setenv("RUANGAMAN_GIT_PASSWORD", "wrong-token-1234")
        with pytest.raises(PublishError) as err:
            publish(sites["after"], url)
        assert err.value.code == "publish_auth_failed"
        monkeypatch.setenv("RUANGAMAN_GIT_PASSWORD", PASSWORD)
        publish(sites["after"], url)
    finally:
        server.stop()
    assert branch_tree(repo, "gh-pages", tmp_path / "clone") == tree(sites["after"])
    out, err = capfd.readouterr()
    assert PASSWORD not in out + err


# --- SFTP (OpenSSH) -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sshd(tmp_path_factory):
    server = Sshd(tmp_path_factory.mktemp("sshd"))
    yield server
    server.stop()


@pytest.fixture
def ssh_env(sshd, monkeypatch):
    monkeypatch.setenv("RUANGAMAN_SSH_KEY", str(sshd.client_key))
    monkeypatch.setenv("RUANGAMAN_SSH_KNOWN_HOSTS", str(sshd.known_hosts))
    monkeypatch.delenv("SSH_AUTH_SOCK", raising=False)


def test_sftp_publish_is_incremental(sites, sshd, ssh_env, tmp_path):
    host = tmp_path / "public_html"
    url = f"sftp://root@127.0.0.1:{sshd.port}{host}"
    first, _ = publish(sites["before"], url)
    assert len(first.sent) == len(tree(sites["before"]))
    second, _ = publish(sites["after"], url)
    assert set(second.sent) == EXPECTED_CHANGES | search_changes(sites)[0]
    assert second.unchanged == len(tree(sites["after"])) - len(second.sent)
    clean = tmp_path / "clean"
    publish(sites["after"], f"file://{clean}")
    assert tree(host) == tree(clean)


def test_sftp_cut_in_the_middle_then_run_again_equals_a_clean_publish(
    sites, sshd, ssh_env, tmp_path, monkeypatch
):
    host = tmp_path / "public_html"
    total = sum(len(b) for b in tree(sites["after"]).values())
    relay = CuttingRelay(sshd.port, limit=total // 3)  # a third of the way into the upload
    monkeypatch.setenv("RUANGAMAN_SSH_KNOWN_HOSTS", str(sshd.known_hosts_for(relay.port)))
    with pytest.raises(PublishError) as err:
        publish(sites["after"], f"sftp://root@127.0.0.1:{relay.port}{host}")
    assert err.value.code == "publish_interrupted"
    relay.stop()
    partial = tree(host)
    assert 0 < len(partial) < len(tree(sites["after"]))  # really cut half-way

    monkeypatch.setenv("RUANGAMAN_SSH_KNOWN_HOSTS", str(sshd.known_hosts))
    publish(sites["after"], f"sftp://root@127.0.0.1:{sshd.port}{host}")
    clean = tmp_path / "clean"
    publish(sites["after"], f"file://{clean}")
    assert tree(host) == tree(clean)
    assert not [p for p in tree(host) if p.endswith(PART)]


def test_sftp_refuses_an_unknown_host_key(sites, sshd, ssh_env, monkeypatch, tmp_path):
    empty = tmp_path / "known_hosts"
    empty.write_text("")
    monkeypatch.setenv("RUANGAMAN_SSH_KNOWN_HOSTS", str(empty))
    monkeypatch.setenv("HOME", str(tmp_path))
    with pytest.raises(PublishError) as err:
        publish(sites["before"], f"sftp://root@127.0.0.1:{sshd.port}{tmp_path / 'x'}")
    assert err.value.code == "publish_host_key_unknown"
    assert not (tmp_path / "x").exists()


def test_git_over_ssh_publishes_the_branch(sites, sshd, ssh_env, tmp_path):
    repo = tmp_path / "site.git"
    git("init", "-q", "--bare", str(repo))
    publish(sites["after"], f"git+ssh://root@127.0.0.1:{sshd.port}{repo}#gh-pages")
    assert branch_tree(repo, "gh-pages", tmp_path / "clone") == tree(sites["after"])


# --- FTP and FTPS (pyftpdlib) ---------------------------------------------------------------


@pytest.fixture(scope="module")
def ftp_servers(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ftp")
    cert = self_signed_cert(folder)
    plain = FtpServer(folder / "plain", "editor", PASSWORD)
    tls = FtpServer(folder / "tls", "editor", PASSWORD, cert=cert)
    yield {"ftp": plain, "ftps": tls, "cert": cert, "folder": folder}
    plain.stop()
    tls.stop()


@pytest.fixture
def ftp_env(ftp_servers, monkeypatch):
    monkeypatch.setenv("RUANGAMAN_FTP_PASSWORD", PASSWORD)
    monkeypatch.setenv("RUANGAMAN_FTPS_CA", str(ftp_servers["cert"]))


@pytest.mark.parametrize("scheme", ["ftp", "ftps"])
def test_ftp_publish_is_incremental(sites, ftp_servers, ftp_env, scheme, tmp_path):
    server = ftp_servers[scheme]
    home = ftp_servers["folder"] / ("plain" if scheme == "ftp" else "tls")
    url = f"{scheme}://editor@127.0.0.1:{server.port}/incremental"
    publish(sites["before"], url)
    second, out = publish(sites["after"], url, lang="en")
    assert set(second.sent) == EXPECTED_CHANGES | search_changes(sites)[0]
    total = len(second.sent)
    assert f"Sending {total}/{total} files" in out  # the progress line
    clean = tmp_path / "clean"
    publish(sites["after"], f"file://{clean}")
    assert tree(home / "incremental") == tree(clean)


def test_ftps_refuses_a_certificate_it_does_not_trust(sites, ftp_servers, ftp_env, monkeypatch):
    monkeypatch.delenv("RUANGAMAN_FTPS_CA")
    with pytest.raises(PublishError) as err:
        publish(sites["before"], f"ftps://editor@127.0.0.1:{ftp_servers['ftps'].port}/untrusted")
    assert err.value.code == "publish_tls_untrusted"


def test_ftp_cut_in_the_middle_then_run_again_equals_a_clean_publish(
    sites, ftp_servers, ftp_env, tmp_path
):
    server = ftp_servers["ftp"]
    home = ftp_servers["folder"] / "plain" / "cut"
    relay = CuttingRelay(server.port, limit=4_000)  # control channel: ~40 files in
    with pytest.raises(PublishError) as err:
        publish(sites["after"], f"ftp://editor@127.0.0.1:{relay.port}/cut")
    assert err.value.code == "publish_interrupted"
    relay.stop()
    partial = tree(home)
    assert 0 < len(partial) < len(tree(sites["after"]))

    publish(sites["after"], f"ftp://editor@127.0.0.1:{server.port}/cut")
    clean = tmp_path / "clean"
    publish(sites["after"], f"file://{clean}")
    assert tree(home) == tree(clean)


# --- the command ----------------------------------------------------------------------------


def test_publish_command_never_shows_or_publishes_the_password(sites, ftp_servers, ftp_env, capfd):
    project = sites["project"]
    url = f"ftp://editor@127.0.0.1:{ftp_servers['ftp'].port}/command"
    assert main(["publish", "--project", str(project.root), url]) == 0
    wrong = f"ftp://nobody@127.0.0.1:{ftp_servers['ftp'].port}/command"
    assert main(["publish", "--project", str(project.root), wrong]) == 1
    out, err = capfd.readouterr()
    assert "berkas dikirim" in out
    assert "menolak masuk" in err and "RUANGAMAN_FTP_PASSWORD" in err
    assert "Traceback" not in err
    assert PASSWORD not in out + err
    home = ftp_servers["folder"] / "plain" / "command"
    assert tree(home)
    assert not [p for p, data in tree(home).items() if PASSWORD.encode() in data]


def test_publish_sends_nothing_when_the_content_is_invalid(sites, tmp_path, capfd):
    (tmp_path / "broken").mkdir()
    project = Project(tmp_path / "broken")
    project.write("content/services/rusak.yml", "name: [tidak, benar\n")
    host = tmp_path / "host"
    assert main(["publish", "--project", str(project.root), f"file://{host}"]) == 1
    assert not host.exists()
    assert "Tidak ada yang diterbitkan" in capfd.readouterr().err


def test_make_publish_reads_the_destination_from_site_yml(tmp_path, capfd):
    (tmp_path / "p").mkdir()
    project = Project(tmp_path / "p")
    host = tmp_path / "host"
    site_yml = (project.root / "content" / "site.yml").read_text()
    project.write("content/site.yml", site_yml + f"publish:\n  destination: file://{host}\n")
    assert main(["publish", "--project", str(project.root), "--lang", "en"]) == 0
    assert (host / "index.html").is_file() and (host / "en" / "index.html").is_file()
    assert "Published to" in capfd.readouterr().out


def test_a_destination_is_required_and_a_password_in_it_is_refused_unrepeated(tmp_path, capfd):
    (tmp_path / "p").mkdir()
    project = Project(tmp_path / "p")
    assert main(["publish", "--project", str(project.root)]) == 1
    err = capfd.readouterr().err
    assert "content/site.yml" in err and "publish.destination" in err
    assert "Tujuan penerbitan belum ditentukan" in err

    url = f"sftp://editor:{PASSWORD}@127.0.0.1/public_html"
    assert main(["publish", "--project", str(project.root), "--lang", "en", url]) == 1
    out, err = capfd.readouterr()
    assert "RUANGAMAN_SFTP_PASSWORD" in err and "Traceback" not in err
    assert PASSWORD not in out + err


def test_a_folder_that_cannot_be_written_is_told_not_thrown(sites, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(PublishError) as err:
        publish(sites["before"], f"file://{blocker}/site")
    assert err.value.code == "publish_denied"


@pytest.mark.parametrize("scheme", ["sftp", "ftp"])
def test_files_gone_from_the_site_are_deleted_with_their_folders(
    sites, sshd, ssh_env, ftp_servers, ftp_env, scheme, tmp_path
):
    import shutil

    smaller = tmp_path / "smaller"
    shutil.copytree(sites["after"], smaller)
    for lang in ("", "en/"):
        shutil.rmtree(smaller / f"{lang}layanan" / "layanan-kedua")
    if scheme == "sftp":
        host = tmp_path / "public_html"
        url = f"sftp://root@127.0.0.1:{sshd.port}{host}"
    else:
        host = ftp_servers["folder"] / "plain" / "deletions"
        url = f"ftp://editor@127.0.0.1:{ftp_servers['ftp'].port}/deletions"
    publish(sites["after"], url)
    summary, _ = publish(smaller, url)
    assert set(summary.deleted) == {
        "layanan/layanan-kedua/index.html",
        "en/layanan/layanan-kedua/index.html",
    }
    assert summary.sent == []
    assert not (host / "layanan" / "layanan-kedua").exists()
    clean = tmp_path / "clean"
    publish(smaller, f"file://{clean}")
    assert tree(host) == tree(clean)


def test_check_reports_a_destination_with_a_password_without_repeating_it(tmp_path, capfd):
    (tmp_path / "p").mkdir()
    project = Project(tmp_path / "p")
    site_yml = (project.root / "content" / "site.yml").read_text()
    dest = f"ftp://editor:{PASSWORD}@host.example/public_html"
    project.write("content/site.yml", site_yml + f"publish:\n  destination: {dest}\n")
    assert main(["check", "--project", str(project.root)]) == 1
    out, err = capfd.readouterr()
    assert "content/site.yml, baris 9, kolom `publish.destination`" in err
    assert "RUANGAMAN_FTP_PASSWORD" in err
    assert PASSWORD not in out + err

    project.write("content/site.yml", site_yml + "publish:\n  destination: http://x.example/\n")
    assert main(["check", "--project", str(project.root), "--lang", "en"]) == 1
    assert "is not recognised" in capfd.readouterr().err


def test_full_publish_repairs_files_changed_on_the_host_by_hand(sites, tmp_path):
    host = tmp_path / "host"
    publish(sites["before"], f"file://{host}")
    (host / "index.html").write_text("changed by hand")
    (host / "layanan" / "layanan-uji" / "index.html").unlink()
    again, _ = publish(sites["before"], f"file://{host}")
    assert again.sent == []  # the manifest trusts the host...
    repaired, _ = publish(sites["before"], f"file://{host}", full=True)
    assert len(repaired.sent) == len(tree(sites["before"]))  # ...--full does not
    clean = tmp_path / "clean"
    publish(sites["before"], f"file://{clean}")
    assert tree(host) == tree(clean)


# --- trust: a hostile host, a hostile destination (issue 10, classes 7, 8, 11) ----------------

HOSTILE_ENTRIES = [
    "../victim.txt",
    "/victim.txt",
    "a/../../victim.txt",
    "x/./../../victim.txt",
    "..\\victim.txt",
    "a\\..\\..\\victim.txt",
    "victim.txt\x00.html",
    "C:/victim.txt",
    "c:victim.txt",
    "",
    "a//b",
    "./victim.txt",
    "..",
    "a/" * 600 + "b",
    "x" * 300,
    "line\nbreak.txt",
    "cr\rDELE victim.txt",
    "tab\there",
    "uni\u2028line",
    " victim.txt",
]


def tiny_site(folder: Path, files: dict[str, str] | None = None) -> Path:
    for rel, text in (files or {"index.html": "<p>hi</p>", "a/b.html": "<p>b</p>"}).items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return folder


def hostile_manifest(extra_pending: list | None = None) -> bytes:
    import json

    files = {entry: "0" * 64 for entry in HOSTILE_ENTRIES}
    files["fine.html"] = 5  # a hash that is not text
    pending = HOSTILE_ENTRIES + [7, None, ["x"], {"y": 1}] + (extra_pending or [])
    return json.dumps({"version": 1, "files": files, "pending": pending}).encode()


def test_the_hosts_manifest_cannot_reach_outside_dest_on_any_transport(
    sshd, ssh_env, ftp_servers, ftp_env, tmp_path, capfd
):
    site = tiny_site(tmp_path / "site")
    places = []
    # folder
    outside = tmp_path / "folder-host"
    places.append((f"file://{outside}/dest", outside / "dest", outside))
    # SFTP
    sftp_home = tmp_path / "sftp-host"
    places.append(
        (f"sftp://root@127.0.0.1:{sshd.port}{sftp_home}/dest", sftp_home / "dest", sftp_home)
    )
    # FTP (the server's root is the user's home: `/` there is `plain/`)
    ftp_home = ftp_servers["folder"] / "plain"
    places.append(
        (
            f"ftp://editor@127.0.0.1:{ftp_servers['ftp'].port}/trust/dest",
            ftp_home / "trust" / "dest",
            ftp_home / "trust",
        )
    )
    for url, dest, around in places:
        dest.mkdir(parents=True, exist_ok=True)
        for victim in (around / "victim.txt", dest.parent.parent / "victim.txt"):
            victim.write_text("must survive")
        (dest / MANIFEST).write_bytes(hostile_manifest())
        summary, _ = publish(site, url)
        assert sorted(summary.sent) == ["a/b.html", "index.html"], url
        assert summary.deleted == []
        for victim in (around / "victim.txt", dest.parent.parent / "victim.txt"):
            assert victim.read_text() == "must survive", url
        err = capfd.readouterr().err
        assert "../victim.txt" in err and "Traceback" not in err
        assert "/victim.txt" in err and "tidak aman" in err
        # the next publish writes a clean manifest: nothing more to report
        publish(site, url)
        assert "⚠" not in capfd.readouterr().err


@pytest.mark.parametrize(
    "data",
    [
        b"not json",
        b"[" * 200_000,
        b'"a string"',
        b"[1, 2]",
        b'{"files": []}',
        b"\xff\xfe",
        b'{"files": {"a": "b"}, "pending": "x"}',
    ],
)
def test_a_manifest_that_is_not_one_counts_as_empty_and_deletes_nothing(data, tmp_path, capfd):
    site = tiny_site(tmp_path / "site")
    host = tmp_path / "host"
    host.mkdir()
    (host / "kept.html").write_text("kept")
    (host / MANIFEST).write_bytes(data)
    summary, _ = publish(site, f"file://{host}")
    assert summary.deleted == [] and (host / "kept.html").exists()
    assert "manifest" in capfd.readouterr().err


def test_a_huge_manifest_is_not_read(tmp_path, monkeypatch, capfd):
    from ruangaman.publish import plan

    monkeypatch.setattr(plan, "MAX_MANIFEST", 1000)
    host = tmp_path / "host"
    host.mkdir()
    (host / MANIFEST).write_bytes(b'{"files": {"x": "' + b"a" * 5000 + b'"}}')
    summary, _ = publish(tiny_site(tmp_path / "site"), f"file://{host}")
    assert summary.deleted == []
    assert "larger than" in capfd.readouterr().err


def test_a_symbolic_link_in_the_destination_folder_is_never_followed(tmp_path):
    site = tiny_site(tmp_path / "site", {"a/b.html": "new", "index.html": "x"})
    host = tmp_path / "host"
    host.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "b.html").write_text("must survive")
    (host / "a").symlink_to(elsewhere)
    with pytest.raises(PublishError) as err:
        publish(site, f"file://{host}")
    assert err.value.code == "publish_unsafe_path"
    assert (elsewhere / "b.html").read_text() == "must survive"


@pytest.mark.parametrize(
    "name",
    [
        "bad\nname.html",
        "bad\rname.html",
        "tab\tname.html",
        "back\\slash.html",
        "nul\x01.html",
    ],
)
def test_a_site_file_name_no_host_can_take_is_refused_before_anything_is_sent(
    name, ftp_servers, ftp_env, tmp_path, capfd
):
    site = tiny_site(tmp_path / "site")
    (site / name).write_text("x")  # (a name over 255 bytes cannot exist on disk to be sent)
    url = f"ftp://editor@127.0.0.1:{ftp_servers['ftp'].port}/names-{abs(hash(name))}"
    for _ in range(2):  # a re-run tells the same, never a traceback
        with pytest.raises(PublishError) as err:
            publish(site, url)
        assert err.value.code == "publish_bad_file_name"
    assert not (ftp_servers["folder"] / "plain" / f"names-{abs(hash(name))}").exists()


def test_a_symbolic_link_in_the_built_site_is_refused(tmp_path):
    site = tiny_site(tmp_path / "site")
    (site / "env.txt").symlink_to("/proc/self/environ")
    with pytest.raises(PublishError) as err:
        publish(site, f"file://{tmp_path / 'host'}")
    assert err.value.code == "publish_bad_file_name"
    assert not (tmp_path / "host" / "env.txt").exists()


def test_a_bad_file_name_is_told_escaped_with_how_to_fix(tmp_path):
    site = tiny_site(tmp_path / "site", {"ok.html": "x", "bad\nDELE x.html": "x"})
    with pytest.raises(PublishError):
        publish(site, f"file://{tmp_path / 'host'}")
    from ruangaman.problems import Problem, format_problem

    text = format_problem(
        Problem(
            "publish_bad_file_name",
            "x",
            params={"path": "bad\\nDELE x.html", "detail": "U+000A", "more": "0"},
        ),
        "en",
    )
    assert "bad\\nDELE x.html" in text and "Rename" in text


def git_env(home: Path) -> dict[str, str]:
    """An environment for the tests' own git commands: a fixed author, no user configuration."""
    return {
        "GIT_AUTHOR_NAME": "x",
        "GIT_AUTHOR_EMAIL": "x@x.id",
        "GIT_COMMITTER_NAME": "x",
        "GIT_COMMITTER_EMAIL": "x@x.id",
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
    }


HOSTILE_DESTINATIONS = [
    "git+file:///x#--upload-pack=touch /tmp/pwned",
    "git+file:///x#--receive-pack=touch /tmp/pwned",
    "git+file:///x#-c",
    "git+file:///x#-ccore.sshCommand=touch%20/tmp/pwned",
    "git+file:///x#main branch",
    "git+file:///x#a..b",
    "git+file:///x#a@{1}",
    "git+file:///x#a:b",
    "git+file:///x#+main",
    "git+file:///x#main~1",
    "git+file:///x#main^",
    "git+file:///x#a.lock",
    "git+file:///x#.hidden",
    "git+file:///x#a/.b",
    "git+file:///x#a//b",
    "git+file:///x#a/",
    "git+file:///x#HEAD",
    "git+file:///x#%2Dupload",
    "git+file:///x#ma%0Ain",
    "git+file:///x#ma\tin",
    "git+file:///x#m\x01",
    "git+file:///x#ma*in",
    "git+file:///x#ma?in",
    "git+file:///x#ma[in",
    "git+file:///x#ma\\in",
    "git+file:///x#" + "a" * 300,
    "git+file:///a b#main",
    "git+file:///x/../../etc#main",
    "git+file:///x%0a#main",
    "git+ssh://-oProxyCommand=touch%20/tmp/pwned/repo.git#main",
    "git+ssh://-oProxyCommand=x@host/repo.git#main",
    "git+ssh://git@-host/repo.git#main",
    "git+https://example.org/repo.git?x=--upload-pack#main",
    "ext::sh -c touch% /tmp/pwned",
    "git+ext::sh -c touch% /tmp/pwned#main",
    "fd::17#main",
    "git+fd::17#main",
    "git://example.org/repo.git#main",
    "git+http://example.org/repo.git#main",
    "ssh://git@example.org/repo.git#main",
    "file:///srv/site#main",
    "ftp://editor@host.example/public_html%0d%0aDELE%20index.html",
    "ftp://editor@host.example/a/../../etc",
    "ftp://ed%0Aitor@host.example/x",
    "sftp://-oProxyCommand=x@host.example/x",
    "sftp://root@host.example/x\x00y",
    "ftp://editor@host.example/x\u2028y",
]


@pytest.mark.parametrize("dest", HOSTILE_DESTINATIONS)
def test_a_hostile_destination_is_refused_by_parse(dest):
    with pytest.raises(BadDestination) as err:
        parse(dest)
    assert err.value.code in {
        "publish_bad_destination",
        "publish_unsafe_destination",
        "publish_bad_branch",
        "publish_git_no_branch",
    }


@pytest.mark.parametrize(
    "dest",
    [
        "git+file:///srv/repo.git#gh-pages",
        "git+ssh://git@github.com/org/repo.git#gh-pages",
        "git+https://github.com/org/repo.git#site/v1.2_x",
        "sftp://user@host.example:22/~/public_html",
        "ftps://user%40domain.id@ftp.host.example/public_html",
        "file:///srv/www/my site",
    ],
)
def test_ordinary_destinations_still_pass(dest):
    parse(dest)


def test_check_locates_a_hostile_destination(tmp_path, capfd):
    (tmp_path / "p").mkdir()
    project = Project(tmp_path / "p")
    site_yml = (project.root / "content" / "site.yml").read_text()
    project.write(
        "content/site.yml",
        site_yml + 'publish:\n  destination: "git+file:///x#--upload-pack=touch /tmp/pwned"\n',
    )
    assert main(["check", "--project", str(project.root)]) == 1
    err = capfd.readouterr().err
    assert "content/site.yml, baris 9, kolom `publish.destination`" in err
    assert "check-ref-format" in err


def _bare_repo_with_hooks(folder: Path, witness: Path) -> Path:
    repo = folder / "dest.git"
    subprocess.run(["git", "init", "-q", "--bare", str(repo)], check=True)
    for hook in (
        "pre-receive",
        "update",
        "post-receive",
        "post-update",
        "reference-transaction",
        "push-to-checkout",
        "proc-receive",
    ):
        script = repo / "hooks" / hook
        script.write_text(f"#!/bin/sh\nenv >> '{witness}'\necho {hook} >> '{witness}'\n")
        script.chmod(0o755)
    return repo


def test_git_publish_runs_no_hook_of_the_destination_and_hands_git_no_other_secret(
    tmp_path, monkeypatch
):
    witness = tmp_path / "witness.txt"
    repo = _bare_repo_with_hooks(tmp_path, witness)
    subprocess.run(["git", "-C", str(repo), "config", "core.fsmonitor", f"echo fs >> {witness}"])
    monkeypatch.setenv("RUANGAMAN_FTP_PASSWORD", PASSWORD)
    site = tiny_site(tmp_path / "site")
    url = f"git+file://{repo}#gh-pages"
    publish(site, url)
    publish(tiny_site(tmp_path / "site", {"c.html": "more"}), url)
    assert not witness.exists()
    listed = subprocess.run(
        ["git", "-C", str(repo), "ls-tree", "-r", "--name-only", "gh-pages"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert sorted(listed) == ["a/b.html", "c.html", "index.html"]


def test_a_branch_holding_a_symbolic_link_cannot_lead_a_publish_outside(tmp_path):
    """The host's branch holds `a -> <outside folder>`; publishing `a/b.html` must not write
    through it."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "b.html").write_text("must survive")
    repo = tmp_path / "dest.git"
    subprocess.run(["git", "init", "-q", "--bare", str(repo)], check=True)
    work = tmp_path / "work"
    subprocess.run(["git", "init", "-q", "-b", "gh-pages", str(work)], check=True)
    (work / "a").symlink_to(outside)
    (work / "evil\nname").write_text("x")
    env = git_env(tmp_path)
    subprocess.run(["git", "-C", str(work), "add", "-A"], check=True, env=env)
    subprocess.run(["git", "-C", str(work), "commit", "-qm", "x"], check=True, env=env)
    subprocess.run(["git", "-C", str(work), "push", "-q", str(repo), "gh-pages"], check=True)
    site = tiny_site(tmp_path / "site", {"a/b.html": "new", "index.html": "x"})
    publish(site, f"git+file://{repo}#gh-pages")
    assert (outside / "b.html").read_text() == "must survive"
    shown = subprocess.run(
        ["git", "-C", str(repo), "show", "gh-pages:a/b.html"], capture_output=True, text=True
    )
    assert shown.stdout == "new"


def _git_project(tmp_path: Path, destination: str | None) -> tuple[Project, str]:
    (tmp_path / "p").mkdir()
    project = Project(tmp_path / "p")
    site_yml = (project.root / "content" / "site.yml").read_text()
    if destination:
        project.write("content/site.yml", site_yml + f"publish:\n  destination: {destination}\n")
    env = git_env(tmp_path)
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-qm", "base"]):
        subprocess.run(["git", "-C", str(project.root), *args], check=True, env=env)
    return project, site_yml


@pytest.mark.parametrize("before", ["sftp://kantor@host.example/public_html", None])
def test_check_base_fails_on_a_new_publish_destination_and_names_both(before, tmp_path, capfd):
    project, site_yml = _git_project(tmp_path, before)
    root = str(project.root)
    assert main(["check", "--project", root, "--base", "main"]) == 0
    capfd.readouterr()
    project.write(
        "content/site.yml", site_yml + "publish:\n  destination: sftp://kantor@evil.example/x\n"
    )
    assert main(["check", "--project", root]) == 0  # without --base: an ordinary destination
    assert main(["check", "--project", root, "--base", "main", "--lang", "en"]) == 1
    err = capfd.readouterr().err
    assert "content/site.yml, line 9, field `publish.destination`" in err
    assert "sftp://kantor@evil.example/x" in err and "maintainer" in err
    if before:
        assert before in err
    # removing the destination sends nothing anywhere: not reported
    project.write("content/site.yml", site_yml)
    assert main(["check", "--project", root, "--base", "main"]) == 0


@pytest.mark.parametrize("base", ["--output=OUT", "no-such-branch", "main\n", "main:x", ""])
def test_check_base_with_a_revision_that_is_not_one_is_told(base, tmp_path, capfd):
    project, _ = _git_project(tmp_path, None)
    written = tmp_path / "written-by-git"  # what git would write if it took this as an option
    base = base.replace("OUT", str(written))
    assert main(["check", "--project", str(project.root), f"--base={base}"]) == 1
    err = capfd.readouterr().err
    assert "--base" in err and "Traceback" not in err
    assert not written.exists()
