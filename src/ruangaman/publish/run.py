"""`ruangaman publish`: send a built site folder to DEST.

The command (`cli.publish_project`) validates and builds into a fresh folder first, and nothing
is sent when either fails; this module only reads that folder, like every finishing step.
Errors about the destination are told the way the validator tells content problems
(text/problems: what is wrong, how to fix, in Indonesian and English), never as a traceback,
and never with a password in them.
"""

from __future__ import annotations

import posixpath
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from ruangaman.model.destination import BadDestination, Destination
from ruangaman.problems import WARNING, Problem, format_problem
from ruangaman.publish.plan import (
    MANIFEST,
    Manifest,
    Plan,
    local_files,
    make_plan,
    unsafe_files,
)
from ruangaman.publish.transports import open_transport
from ruangaman.publish.transports.base import PublishError, Transport, secrets_in_environment
from ruangaman.text import t


@dataclass
class Summary:
    """What one publish did (or, in a dry run, would do)."""

    sent: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    unchanged: int = 0
    bytes_sent: int = 0


def _kb(size: int) -> str:
    return f"{size / 1024:.0f}" if size >= 10240 else f"{size / 1024:.1f}"


class Progress:
    """One line that updates in a terminal; a line every tenth of the way in a log."""

    def __init__(self, total: int, lang: str, stream: TextIO) -> None:
        self.total, self.lang, self.stream = total, lang, stream
        self.tty = stream.isatty()
        self.step = max(1, total // 10)

    def update(self, done: int, size: int) -> None:
        line = t("commands", "publish.progress", self.lang, n=done, total=self.total, kb=_kb(size))
        if self.tty:
            print("\r" + line, end="", file=self.stream, flush=True)
        elif done % self.step == 0 or done == self.total:
            print(line, file=self.stream, flush=True)

    def end(self) -> None:
        if self.tty and self.total:
            print(file=self.stream)


def _folders_of(paths: Iterable[str]) -> set[str]:
    """Every folder that holds one of `paths`, at any depth."""
    folders = set()
    for path in paths:
        folder = posixpath.dirname(path)
        while folder:
            folders.add(folder)
            folder = posixpath.dirname(folder)
    return folders


def _folders_left_empty(deleted: tuple[str, ...], kept: dict[str, str]) -> list[str]:
    """Folders of deleted files that hold nothing of the new site, deepest first."""
    empty = _folders_of(deleted) - _folders_of(kept)
    return sorted(empty, key=lambda f: (-f.count("/"), f))


def send_site(
    site: Path,
    transport: Transport,
    lang: str = "id",
    dry_run: bool = False,
    out: TextIO | None = None,
    full: bool = False,
) -> Summary:
    """Send a built site: manifest-guided, assets → pages → deletions → manifest. `full` sends
    every file again (for a host whose files were changed by hand)."""
    out = out or sys.stdout
    unsafe = unsafe_files(site)
    if unsafe:  # before anything is sent: a name like this cannot be given to every host
        path, why = unsafe[0]
        raise PublishError("publish_bad_file_name", path=path, detail=why, more=len(unsafe) - 1)
    local = local_files(site)
    remote = Manifest.from_bytes(transport.read(MANIFEST))
    _report_manifest(remote, transport.label, lang)
    if full:  # everything the host is known to hold counts as pending: resent or deleted
        remote = Manifest(pending=tuple(sorted(set(remote.files) | set(remote.pending))))
    plan: Plan = make_plan(local, remote)
    summary = Summary(unchanged=len(plan.unchanged))
    if dry_run:
        print(
            t(
                "commands",
                "publish.plan",
                lang,
                dest=transport.label,
                up=len(plan.upload),
                gone=len(plan.delete),
                same=len(plan.unchanged),
            ),
            file=out,
        )
        for path in plan.upload:
            print(f"  + {t('commands', 'publish.send', lang)} {path}", file=out)
        for path in plan.delete:
            print(f"  - {t('commands', 'publish.delete', lang)} {path}", file=out)
        print(t("commands", "publish.dry", lang), file=out)
        summary.sent, summary.deleted = list(plan.upload), list(plan.delete)
        return summary
    if not plan.nothing_to_do:
        transport.write(MANIFEST, plan.interim.to_bytes())
        for leftover in plan.leftovers:
            transport.delete(leftover)
        progress = Progress(len(plan.upload), lang, out)
        for done, path in enumerate(plan.upload, start=1):
            data = (site / path).read_bytes()
            transport.write(path, data)
            summary.sent.append(path)
            summary.bytes_sent += len(data)
            progress.update(done, summary.bytes_sent)
        progress.end()
        for path in plan.delete:
            transport.delete(path)
            summary.deleted.append(path)
        transport.remove_empty_folders(_folders_left_empty(plan.delete, local))
        transport.write(MANIFEST, plan.final.to_bytes())
    transport.finish(t("commands", "publish.commit", lang))
    return summary


SHOWN_ENTRIES = 20


def _report_manifest(remote: Manifest, host: str, lang: str) -> None:
    """Tell what was left out of the host's manifest: a warning each (the publish goes on
    without them, so nothing outside DEST is ever touched), the first few shown."""
    where = f"{host} {MANIFEST}"
    problems = []
    if remote.unreadable:
        problems.append(
            Problem(
                "publish_manifest_unreadable",
                where,
                params={"detail": remote.unreadable},
                severity=WARNING,
            )
        )
    for entry, why in remote.refused[:SHOWN_ENTRIES]:
        problems.append(
            Problem(
                "publish_manifest_entry",
                where,
                params={"path": entry, "detail": why},
                severity=WARNING,
            )
        )
    for problem in problems:
        print(format_problem(problem, lang), file=sys.stderr)
    left = len(remote.refused) - SHOWN_ENTRIES
    if left > 0:
        print(f"… (+{left})", file=sys.stderr)


def report_error(err: PublishError | BadDestination, where: str, lang: str) -> None:
    """Tell what is wrong with the destination, located at `where`, with no password in it."""
    problem = Problem(code=err.code, file=where, field="publish.destination", params=err.params)
    text = format_problem(problem, lang) + "\n\n" + t("commands", "publish.failed", lang, n=1)
    for secret in secrets_in_environment():  # belt and braces: never print a password
        if len(secret) >= 4:
            text = text.replace(secret, "********")
    print(text, file=sys.stderr)


def publish_site(
    site: Path,
    destination: Destination,
    where: str,
    lang: str = "id",
    dry_run: bool = False,
    squash: bool = False,
    full: bool = False,
) -> int:
    """Send the built site folder `site` to the destination; print the summary; exit code."""
    started = time.monotonic()
    transport = None
    try:
        transport = open_transport(destination, squash=squash)
        summary = send_site(site, transport, lang=lang, dry_run=dry_run, full=full)
    except PublishError as err:
        report_error(err, where, lang)
        if err.code == "publish_interrupted":
            print(t("commands", "publish.stopped", lang), file=sys.stderr)
        return 1
    finally:
        if transport is not None:
            transport.close()
    if not dry_run:
        print(
            t(
                "commands",
                "publish.done",
                lang,
                dest=transport.label,
                up=len(summary.sent),
                gone=len(summary.deleted),
                same=summary.unchanged,
                kb=_kb(summary.bytes_sent),
                seconds=time.monotonic() - started,
            )
        )
    return 0
