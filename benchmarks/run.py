"""Time the national directory at several sizes: validation, full build, rebuild, memory, size.

    .venv/bin/python benchmarks/run.py                 # 1000 2000 4000 7800 records
    .venv/bin/python benchmarks/run.py 1000 2000       # only these sizes

Each size gets a synthetic site in benchmarks/out/site-N (benchmarks/generate.py). Every step
runs the real command in a fresh process, as an editor would:

- validation: `ruangaman check` (wall time of the whole command), cold (the first run) and
  again (the same command run again: the operating system's file cache is warm; nothing
  checked is kept between commands, so every run checks every file);
- full build: `ruangaman build` (wall time of the whole command, which validates first) and its
  peak memory (maximum resident set size of the process and its helper, from GNU time);
- rebuild: `ruangaman serve` (what `make serve` runs) is started and left to finish its first
  build; then one service file is changed and the clock runs until the server returns the
  changed page in both languages;
- output: bytes and HTML pages under site/, and the largest page.

Results are printed as a Markdown table and written to benchmarks/out/results-<N...>.md.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
OUT = HERE / "out"
SIZES = (1000, 2000, 4000, 7800)


def timed(cmd: list[str], cwd: Path) -> tuple[float, int, str]:
    """Wall seconds, peak memory in KiB (GNU time) and output of one command."""
    wall, _cpu, peak, output = timed_cpu(cmd, cwd)
    return wall, peak, output


def timed_cpu(cmd: list[str], cwd: Path) -> tuple[float, float, int, str]:
    """Wall seconds, user + system CPU seconds, peak memory (KiB) and output of a command."""
    started = time.monotonic()
    run = subprocess.run(
        ["/usr/bin/time", "-v", *cmd], cwd=cwd, capture_output=True, text=True, check=False
    )
    wall = time.monotonic() - started
    if run.returncode != 0:
        raise SystemExit(f"{cmd} failed:\n{run.stdout}\n{run.stderr}")
    user = float(re.search(r"User time \(seconds\): ([\d.]+)", run.stderr).group(1))
    system = float(re.search(r"System time \(seconds\): ([\d.]+)", run.stderr).group(1))
    peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr).group(1))
    return wall, user + system, peak, run.stdout + run.stderr


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - local server
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(check: object, limit: float, step: float = 0.05) -> float:
    started = time.monotonic()
    while time.monotonic() - started < limit:
        if check():
            return time.monotonic() - started
        time.sleep(step)
    raise SystemExit(f"gave up after {limit:.0f} s")


def rebuild_seconds(site: Path) -> tuple[float, float]:
    """(first build of `ruangaman serve`, rebuild after one service file changes)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = (site / "serve.log").open("w")
    server = subprocess.Popen(
        [str(BIN / "ruangaman"), "serve", "--addr", f"127.0.0.1:{port}"],
        cwd=site,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        first = wait_for(lambda: fetch(base + "/en/layanan/contoh-0000/"), 900, 0.5)
        time.sleep(2)  # let the watcher settle
        record = site / "content" / "services" / "contoh-0000.yml"
        text = record.read_text("utf-8")
        record.write_text(text.replace("(contoh)", "(contoh, diubah)", 1), "utf-8")

        def both_changed() -> bool:
            pages = [fetch(f"{base}{p}/layanan/contoh-0000/") for p in ("", "/en")]
            return all(page and "diubah" in page for page in pages)

        again = wait_for(both_changed, 900)
        record.write_text(text, "utf-8")
        return first, again
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(30)
        log.close()


def site_size(site_dir: Path) -> tuple[int, int, int]:
    pages = list(site_dir.rglob("*.html"))
    total = sum(p.stat().st_size for p in site_dir.rglob("*") if p.is_file())
    return total, len(pages), max(p.stat().st_size for p in pages)


def measure(count: int) -> dict:
    site = generate(OUT / f"site-{count}", count)
    ruangaman = str(BIN / "ruangaman")
    check, _, _ = timed([ruangaman, "check"], site)
    check_warm, _, _ = timed([ruangaman, "check"], site)
    build, peak, _ = timed([ruangaman, "build"], site)
    total, pages, largest = site_size(site / "site")
    first, rebuild = rebuild_seconds(site)
    return {
        "records": count,
        "validation_s": check,
        "validation_warm_s": check_warm,
        "build_s": build,
        "peak_mib": peak / 1024,
        "output_mib": total / 2**20,
        "pages": pages,
        "largest_kib": largest / 1024,
        "serve_first_s": first,
        "rebuild_s": rebuild,
    }


def table(rows: list[dict]) -> str:
    lines = [
        "| records | validation cold / again | full build | peak memory | output | HTML pages "
        "| largest page "
        "| serve: first build | rebuild after one change |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r['records']:,} | {r['validation_s']:.1f} / {r['validation_warm_s']:.1f} s "
            f"| {r['build_s']:.1f} s "
            f"| {r['peak_mib']:.0f} MiB | {r['output_mib']:.0f} MiB | {r['pages']:,} "
            f"| {r['largest_kib']:.0f} KiB | {r['serve_first_s']:.1f} s | {r['rebuild_s']:.1f} s |"
        )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or list(SIZES)
    rows = []
    for count in sizes:
        rows.append(measure(count))
        print(table(rows[-1:]).splitlines()[-1], flush=True)
    result = table(rows)
    OUT.mkdir(exist_ok=True)
    target = OUT / f"results-{'-'.join(map(str, sizes))}.md"
    target.write_text(result + "\n", "utf-8")
    print(result)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
