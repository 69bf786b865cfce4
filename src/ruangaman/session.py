"""The build session: the one place that holds values that outlive a single build.

A one-shot command (`ruangaman build`, `check`, `publish`) makes a fresh session and drops it.
The preview (`ruangaman serve`) keeps one session for its whole life, on the MkDocs plugin
instance that MkDocs reuses for every rebuild, so a rebuild re-does only what changed.

Rules (enforced by tests/test_no_module_state.py and tests/test_serve_is_a_fresh_build.py):
- No other module keeps mutable state at module level: every memo, record of written files,
  background process or worker lives here, on a session.
- Options are read from the environment in one place, `BuildOptions.from_environment`.
- Whether to fork is decided in one place too: `BuildOptions.processes` (decided once per
  command: 1 under `serve`), `BuildOptions.processes_for` (enough work, and forking is safe
  now) and `fork_map` (the one way a stage runs work in forked processes).
- A memo reuses a value only while the digest of everything it was made from is unchanged
  (digests of bytes, never object identity), so a stale value cannot be reused by accident.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import multiprocessing as mp
import os
import threading
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
T = TypeVar("T")
R = TypeVar("R")

# The environment variables a user (or a test) may set. Read only in from_environment.
ENV_MESSAGES = "RUANGAMAN_LANG"  # language of messages: id or en
ENV_NO_FRAMES = "RUANGAMAN_NO_FRAMES"  # 1: build every page through MkDocs (the frames' oracle)
ENV_ONE_PROCESS = "RUANGAMAN_ONE_PROCESS"  # 1: never fork (the forks' oracle)


def digest(*parts: bytes | str) -> bytes:
    """One sha256 over several parts, each length-prefixed so that ("ab", "c") != ("a", "bc")."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.digest()


@dataclass(frozen=True)
class BuildOptions:
    """How this run builds. Made once per command; forked children get a copy, never a memo."""

    command: str = "build"  # build, serve, check, publish, ...
    messages: str = "id"  # language of the messages people read
    strict: bool = False  # warnings fail the build
    frames: bool = True  # write service pages and posters from frames (see build/frames)
    processes: int = 1  # >1: a big build may fork (never under serve, decided once)
    dirty: bool = False  # MkDocs builds only the pages whose staged file changed (serve)

    @classmethod
    def from_environment(
        cls,
        command: str,
        messages: str | None = None,
        strict: bool = False,
        dirty: bool | None = None,
        configured: str = "id",
    ) -> BuildOptions:
        """The ONE place environment variables are read for a build. The language of messages
        is the one the command was given (`--lang`), else RUANGAMAN_LANG, else `configured`
        (the plugin's `messages:` in mkdocs.yml, for plain `mkdocs build`)."""
        env = os.environ
        lang = messages or env.get(ENV_MESSAGES) or configured
        if lang not in ("id", "en"):
            lang = "id"
        one_process = env.get(ENV_ONE_PROCESS) == "1" or command == "serve"
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
        can_fork = hasattr(os, "fork") and not one_process
        return cls(
            command=command,
            messages=lang,
            strict=strict,
            frames=env.get(ENV_NO_FRAMES) != "1",
            processes=min(cores, 2) if can_fork else 1,
            dirty=command == "serve" if dirty is None else dirty,
        )

    def with_(self, **changes: Any) -> BuildOptions:
        return replace(self, **changes)

    def processes_for(self, items: int, at_least: int) -> int:
        """How many processes `items` pieces of work get: `processes` when there are at least
        `at_least` of them and forking is safe now, else 1. A fork copies only the calling
        thread, so it is never done from a thread or while another thread runs (a lock it
        holds would stay held in the copy)."""
        if self.processes < 2 or items < at_least:
            return 1
        if "fork" not in mp.get_all_start_methods():
            return 1
        if threading.current_thread() is not threading.main_thread():
            return 1
        if threading.active_count() > 1:
            return 1
        return self.processes


def fork_map(function: Callable[[T], R], parts: Sequence[T]) -> list[R]:
    """`[function(part) for part in parts]`, every part but the last in a forked copy of this
    process, the last one here, at the same time. Each copy sends its result back over a pipe
    it shares only with this process; a copy that dies or sends nothing has its part done here
    instead, so the result is always the one a single process gives. The copies get the
    session's options through `function`'s closure, never a memo to write into (what they
    would write is lost with them)."""
    if len(parts) < 2:
        return [function(part) for part in parts]
    context = mp.get_context("fork")
    started = []
    for part in parts[:-1]:
        reader, writer = context.Pipe(duplex=False)
        child = context.Process(target=_send_result, args=(function, part, writer))
        child.start()
        writer.close()
        started.append((reader, child))
    mine = function(parts[-1])
    results: list[R] = []
    for (reader, child), part in zip(started, parts[:-1], strict=True):
        try:
            sent = reader.recv()
        except (EOFError, OSError):  # the copy died: its part is done here
            sent = None
        finally:
            reader.close()
            child.join()
        results.append(sent[0] if isinstance(sent, tuple) else function(part))
    return [*results, mine]


def _send_result(function: Callable[[T], R], part: T, out: Any) -> None:  # pragma: no cover
    """In the forked copy: the result, wrapped so that None is a result too."""
    out.send((function(part),))
    out.close()


@contextlib.contextmanager
def without_cyclic_gc() -> Iterator[None]:
    """Loading makes hundreds of thousands of small objects and no garbage cycles: the cyclic
    collector would only walk them again and again (a tenth of the time at 7,800 records).
    The switch is the process's, so it is put back as it was, whatever happens."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


class Memo(Generic[K, V]):
    """Reuse a value only while the digest of everything it was made from is unchanged.

    Disabled (a one-shot build), `get` always makes. `made` and `reused` count calls since the
    last `keep_only`/`count_again`, so a test can assert how many pages a rebuild rendered again.
    """

    def __init__(self, enabled: bool, limit: int | None = None) -> None:
        self.enabled = enabled
        self.limit = limit  # at most this many values: a long preview starts again, never grows
        self._values: dict[K, tuple[bytes, V]] = {}
        self.made = 0
        self.reused = 0

    def get(self, key: K, key_digest: bytes, make: Callable[[], V]) -> V:
        if self.enabled:
            kept = self._values.get(key)
            if kept is not None and kept[0] == key_digest:
                self.reused += 1
                return kept[1]
        value = make()
        self.made += 1
        if self.enabled:
            if self.limit is not None and len(self._values) >= self.limit:
                self._values.clear()
            self._values[key] = (key_digest, value)
        return value

    def forget(self, key: K) -> None:
        self._values.pop(key, None)

    def keep_only(self, keys: Iterable[K]) -> None:
        """Forget every key not in `keys` (a deleted service's pages)."""
        wanted = set(keys)
        for key in [k for k in self._values if k not in wanted]:
            del self._values[key]

    def count_again(self) -> None:
        self.made = 0
        self.reused = 0

    def __len__(self) -> int:
        return len(self._values)


class WrittenFiles:
    """path -> sha256 of what this session wrote there: one rule for staged files, framed pages
    and the other outputs. A file is written again only when its bytes changed or it is gone.

    A one-shot session (`remember` False) keeps nothing and hashes nothing: it writes every
    file (or, with `read_back`, every file whose bytes on disk differ). Paths are kept as
    strings: the framed pages of a national site are 31,200 files a build.
    """

    def __init__(self, remember: bool) -> None:
        self.remember = remember
        self._written: dict[str, bytes] = {}
        self._made_from: dict[str, tuple] = {}

    def write(
        self, path: str | Path, data: bytes, *, read_back: bool = False, made_from: tuple = ()
    ) -> bool:
        """Write `data` to `path` (parents made); False when the same bytes are already there.

        `read_back`: a file this session did not write is read and compared before it is
        written over (staged files: an unchanged file keeps its time, so MkDocs' dirty build
        and `serve`'s watcher leave it alone). `made_from`: what the bytes were made from, for
        `same_as_made` (kept only by a remembering session)."""
        where = os.fspath(path)
        if self.remember:
            key = hashlib.sha256(data).digest()
            if self._written.get(where) == key and os.path.isfile(where):
                if made_from:
                    self._made_from[where] = made_from
                return False
        if read_back and _holds(where, data):
            changed = False
        else:
            os.makedirs(os.path.dirname(where), exist_ok=True)
            with open(where, "wb") as out:
                out.write(data)
            changed = True
        if self.remember:
            self._written[where] = key
            if made_from:
                self._made_from[where] = made_from
        return changed

    def same_as_made(self, path: str | Path, made_from: tuple) -> bool:
        """True when this session wrote `path` from values equal to `made_from` and the file is
        still there: the caller need not make its bytes again (compared by value, not identity;
        the same object compares equal at once)."""
        where = os.fspath(path)
        return self._made_from.get(where) == made_from and os.path.isfile(where)

    def forget(self, path: str | Path) -> None:
        where = os.fspath(path)
        self._written.pop(where, None)
        self._made_from.pop(where, None)

    def remove_unlisted(self, under: str | Path, planned: set[str]) -> list[str]:
        """Remove what this session wrote below `under` that is not in `planned` (paths as
        strings) any more: a deleted service's vCard, pages and poster."""
        prefix = os.path.join(os.fspath(under), "")
        gone = [p for p in self._written if p.startswith(prefix) and p not in planned]
        for path in gone:
            Path(path).unlink(missing_ok=True)
            self.forget(path)
        return gone

    def __contains__(self, path: str | Path) -> bool:
        return os.fspath(path) in self._written


def _holds(path: str, data: bytes) -> bool:
    try:
        with open(path, "rb") as existing:
            return existing.read() == data
    except OSError:
        return False


@dataclass
class BuildSession:
    """Everything that outlives one build. `persistent` is True for `serve`: memos keep values
    between rebuilds; a one-shot build's memos make every value (and keep nothing)."""

    options: BuildOptions = field(default_factory=BuildOptions)
    persistent: bool = False
    # memos, each keyed by what it is for and checked against a digest of its inputs
    loaded: Memo = field(init=False)  # content file -> what load gave (digest: file bytes, day)
    phones: Memo = field(init=False)  # (text, whatsapp) -> parsed phone or error code
    pages: Memo = field(init=False)  # (lang, page name) -> RenderedPage
    records: Memo = field(init=False)  # service slug -> open-data records
    vcards: Memo = field(init=False)  # service slug -> vCard text
    # files this session wrote
    staged: WrittenFiles = field(init=False)  # .staging/docs
    site_files: WrittenFiles = field(init=False)  # site/: open data, vCards, scripts
    framed: WrittenFiles = field(init=False)  # site/: service pages and posters from frames
    # results and helpers that live as long as the session
    # (content, area, report) of the check `ruangaman build`/`serve` just made, taken (once) by
    # the plugin's next build instead of checking again (was build/plugin.PRECHECKED)
    validated: Any = None
    indexing: Any = None  # serve's background search index (finish/background.BackgroundIndex)
    page_worker: Any = None  # the guides' bounded HTML renderer (validate/pagehtml.page_worker)
    # digest of what every page shows (nav, theme data, site.yml): a change rebuilds every page
    shown_on_every_page: bytes | None = None
    # each page the theme wrote (path) -> its start tags, and the site's stylesheets' addresses:
    # a dirty rebuild writes only some pages, the stylesheet is made from all (finish.stylesheet)
    theme_pages: dict = field(default_factory=dict)
    stylesheets: tuple = ()

    def __post_init__(self) -> None:
        keep = self.persistent
        self.loaded = Memo(keep)
        # Within one build too: the same number appears many times, and libphonenumber was half
        # of the cross-file checks of a national directory.
        self.phones = Memo(True, limit=65536)
        self.pages = Memo(keep)
        self.records = Memo(keep)
        self.vcards = Memo(keep)
        self.staged = WrittenFiles(keep)
        self.site_files = WrittenFiles(keep)
        self.framed = WrittenFiles(keep)

    @classmethod
    def one_shot(cls, command: str = "build", **options: Any) -> BuildSession:
        return cls(BuildOptions.from_environment(command, **options), persistent=False)

    @classmethod
    def preview(cls, **options: Any) -> BuildSession:
        return cls(BuildOptions.from_environment("serve", **options), persistent=True)

    def close(self) -> None:
        """Stop what runs in the background (indexer, page worker)."""
        for name in ("indexing", "page_worker"):
            helper = getattr(self, name)
            if helper is not None and hasattr(helper, "close"):
                helper.close()
            setattr(self, name, None)
