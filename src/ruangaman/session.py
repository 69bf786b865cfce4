"""The build session: the one place that holds values that outlive a single build.

A one-shot command (`ruangaman build`, `check`, `publish`) makes a fresh session and drops it.
The preview (`ruangaman serve`) keeps one session for its whole life, on the MkDocs plugin
instance that MkDocs reuses for every rebuild, so a rebuild re-does only what changed.

Rules (enforced by tests/test_layers.py):
- No other module keeps mutable state at module level: every memo, record of written files,
  background process or worker lives here, on a session.
- Options are read from the environment in one place, `BuildOptions.from_environment`.
- A memo reuses a value only while the digest of everything it was made from is unchanged
  (digests of bytes, never object identity), so a stale value cannot be reused by accident.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

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

    @classmethod
    def from_environment(
        cls, command: str, messages: str | None = None, strict: bool = False
    ) -> BuildOptions:
        """The ONE place environment variables are read for a build."""
        env = os.environ
        lang = messages or env.get(ENV_MESSAGES) or "id"
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
        )

    def with_(self, **changes: Any) -> BuildOptions:
        return replace(self, **changes)


class Memo(Generic[K, V]):
    """Reuse a value only while the digest of everything it was made from is unchanged.

    Disabled (a one-shot build), `get` always makes. `made` and `reused` count calls since the
    last `keep_only`/`count_again`, so a test can assert how many pages a rebuild rendered again.
    """

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
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
            self._values[key] = (key_digest, value)
        return value

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
    and the other outputs. A file is written again only when its bytes changed or it is gone."""

    def __init__(self, remember: bool) -> None:
        self.remember = remember
        self._written: dict[Path, bytes] = {}

    def write(self, path: Path, data: bytes) -> bool:
        """Write `data` to `path` (parents made); False when the same bytes are already there."""
        key = hashlib.sha256(data).digest()
        if self.remember and self._written.get(path) == key and path.is_file():
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        if self.remember:
            self._written[path] = key
        return True

    def forget(self, path: Path) -> None:
        self._written.pop(path, None)

    def remove_unlisted(self, under: Path, planned: set[Path]) -> list[Path]:
        """Remove what this session wrote below `under` that is no longer planned."""
        gone = [p for p in self._written if p.is_relative_to(under) and p not in planned]
        for path in gone:
            path.unlink(missing_ok=True)
            del self._written[path]
        return gone

    def __contains__(self, path: Path) -> bool:
        return path in self._written


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
    site_files: WrittenFiles = field(init=False)  # site/: framed pages and other outputs
    # results and helpers that live as long as the session
    validated: Any = None  # (Site, Report) of the last check, handed from `build` to the plugin
    indexing: Any = None  # serve's background search indexer (finish/background)
    page_worker: Any = None  # the guides' bounded HTML renderer (validate/pagehtml)
    shown_on_every_page: bytes | None = None  # digest of nav + theme data: decides "touch all"

    def __post_init__(self) -> None:
        keep = self.persistent
        self.loaded = Memo(keep)
        self.phones = Memo(True)  # within one build too: the same number appears many times
        self.pages = Memo(keep)
        self.records = Memo(keep)
        self.vcards = Memo(keep)
        self.staged = WrittenFiles(keep)
        self.site_files = WrittenFiles(keep)

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
