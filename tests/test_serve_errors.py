"""Issue 15: `ruangaman serve` says where and when it is ready, and a content error made while
it runs is shown in the browser (every page) instead of leaving page requests waiting; the
page comes back once the file is fixed."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from conftest import ROOT

from ruangaman.editor.init_site import init_site


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=15) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")


def _until(check, seconds: float = 90):  # noqa: ANN001, ANN202
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        found = check()
        if found:
            return found
        time.sleep(0.5)
    raise AssertionError("not in time")


def test_a_content_error_is_shown_in_the_browser_and_goes_away(tmp_path: Path):
    project = tmp_path / "site"
    assert init_site("91.71", project) == []
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "NO_MKDOCS_2_WARNING": "1"}
    out = tmp_path / "serve.log"
    with out.open("w") as log:
        serve = subprocess.Popen(
            [sys.executable, "-m", "ruangaman.cli", "serve", "--project", str(project)]
            + ["--addr", f"127.0.0.1:{port}", "--lang", "en"],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
        )
    try:
        _until(lambda: "Preview ready: http://127.0.0.1:" in out.read_text(), 180)
        page = f"http://127.0.0.1:{port}/layanan/"
        status, text = _get(page)
        assert status == 200 and "Contoh layanan" in text
        service = project / "content/services/contoh-layanan.yml"
        good = service.read_text(encoding="utf-8")
        service.write_text(good.replace("types: [pengaduan]", "types: [no-such-type]"), "utf-8")
        status, text = _until(lambda: (r := _get(page))[0] == 500 and r)
        assert "The preview could not be rebuilt" in text
        assert "content/services/contoh-layanan.yml" in text and "no-such-type" in text
        assert "livereload" in text  # the page reloads itself once fixed
        assert _get(f"http://127.0.0.1:{port}/")[0] == 500  # every page, not only that one
        service.write_text(good, encoding="utf-8")
        status, text = _until(lambda: (r := _get(page))[0] == 200 and r)
        assert "Contoh layanan" in text
    finally:
        serve.terminate()
        serve.wait(timeout=30)
