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
from ruangaman.publish.destination import open_transport, parse
from ruangaman.publish.folder import FolderTransport
from ruangaman.publish.plan import MANIFEST, PART
from ruangaman.publish.run import send_site
from ruangaman.publish.transport import PublishError

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
    os.environ.pop("SOURCE_DATE_EPOCH")
    return {"before": before, "after": after, "project": project}


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
        if path.endswith((".html", ".xml", ".gz")):
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
