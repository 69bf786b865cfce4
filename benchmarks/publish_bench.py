"""Publish the shipped site to real servers on 127.0.0.1 and time it: a first (full) publish and a
publish with nothing changed, over each transport. Run: .venv/bin/python benchmarks/publish_bench.py
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from servers import FtpServer, Sshd, self_signed_cert  # noqa: E402

from ruangaman.build import run_mkdocs_build  # noqa: E402
from ruangaman.model.destination import parse  # noqa: E402
from ruangaman.publish.run import send_site  # noqa: E402
from ruangaman.publish.transports import open_transport  # noqa: E402


def timed(site: Path, url: str) -> tuple[float, int, int]:
    started = time.monotonic()
    transport = open_transport(parse(url))
    try:
        summary = send_site(site, transport, out=io.StringIO())
    finally:
        transport.close()
    return time.monotonic() - started, len(summary.sent), summary.bytes_sent


def main() -> None:
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    work = Path(tempfile.mkdtemp(prefix="ruangaman-bench-"))
    site = run_mkdocs_build(ROOT, work / "site")
    files = sum(1 for p in site.rglob("*") if p.is_file())
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    print(f"site: {files} files, {size / 1024:.0f} KB")
    sshd = Sshd(work / "sshd")
    cert = self_signed_cert(work)
    ftp = FtpServer(work / "ftp", "editor", "bench-password")
    ftps = FtpServer(work / "ftps", "editor", "bench-password", cert=cert)
    os.environ.update(
        RUANGAMAN_SSH_KEY=str(sshd.client_key),
        RUANGAMAN_SSH_KNOWN_HOSTS=str(sshd.known_hosts),
        RUANGAMAN_FTP_PASSWORD="bench-password",
        RUANGAMAN_FTPS_CA=str(cert),
    )
    subprocess.run(["git", "init", "-q", "--bare", str(work / "repo.git")], check=True)
    urls = {
        "folder": f"file://{work / 'folder'}",
        "git+file": f"git+file://{work / 'repo.git'}#gh-pages",
        "sftp": f"sftp://root@127.0.0.1:{sshd.port}{work / 'sftp'}",
        "ftp": f"ftp://editor@127.0.0.1:{ftp.port}/site",
        "ftps": f"ftps://editor@127.0.0.1:{ftps.port}/site",
    }
    try:
        for name, url in urls.items():
            full = timed(site, url)
            again = timed(site, url)
            print(
                f"{name:9} first publish {full[0]:5.2f} s "
                f"({full[1]} files, {full[2] / 1024:.0f} KB)"
                f"; nothing changed {again[0]:5.2f} s ({again[1]} files)"
            )
    finally:
        sshd.stop()
        ftp.stop()
        ftps.stop()


if __name__ == "__main__":
    main()
