"""Checked files kept on disk between commands, so a big directory is not parsed again each time.

What `content` makes of one YAML file (its values, lines and problems) depends only on the
file's bytes, on this package's code and, for a file with dates, on which of them lie after
today. It is kept in `.cache/ruangaman/loaded.pickle` under the project (one file, with a
checksum), keyed by the file's path and the sha256 of its bytes, valid only for the code that
wrote it (a fingerprint of the package's source, Python, PyYAML and phonenumbers). A file whose
dates all lie on or before today stays valid on later days; one with a date after today only on
the day it was checked (the message names today). The numbers `phones.parse_phone` parsed are
kept in the same file.

The cache is only ever a shortcut: if it is missing, corrupt, written by other code, or cannot be
read or written, files are checked as if it did not exist, and no editor ever sees a message
about it. Deleting `.cache/` is always safe. `RUANGAMAN_NO_CACHE=1` turns it off.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Any

import phonenumbers
import yaml

from ruangaman import phones
from ruangaman.yamlfile import Loaded

CACHE_DIR = ".cache/ruangaman"
CACHE_FILE = "loaded.pickle"
OFF_VARIABLE = "RUANGAMAN_NO_CACHE"
FORMAT = 2

# What a checked file is made of; nothing else may come out of the cache (a pickle can name any
# function, and the cache lives in a folder that anyone sending a pull request could write to).
_CLASSES = {
    ("datetime", "date"),
    ("datetime", "datetime"),
    ("datetime", "time"),
    ("datetime", "timedelta"),
    ("datetime", "timezone"),
    ("builtins", "set"),
    ("builtins", "frozenset"),
    ("ruangaman.problems", "Problem"),
    ("ruangaman.yamlfile", "Loaded"),
    ("ruangaman.yamlfile", "ALIAS"),
    ("ruangaman.phones", "Phone"),
    ("phonenumbers.phonenumber", "PhoneNumber"),
}
_FIRST_DAY = dt.date.min.toordinal()
_LAST_DAY = dt.date.max.toordinal()


class _Unpickler(pickle.Unpickler):
    def __init__(self, data: bytes, allowed: set[tuple[str, str]]) -> None:
        super().__init__(io.BytesIO(data))
        self.allowed = allowed

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in self.allowed:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the cache")
        return super().find_class(module, name)


def _loads(data: bytes, allowed: set[tuple[str, str]]) -> Any:
    return _Unpickler(data, allowed).load()


def dumps(result: tuple) -> bytes:
    """One checked file, (data, loaded, problems), as stored in the cache (and sent from the
    helper process). Its `Loaded` is pickled apart: `loads` reads it only when it is used."""
    data, loaded, problems = result
    inner = None if loaded is None else (loaded.line_offset, _dumps(loaded))
    return _dumps((data, problems, inner))


def loads(blob: bytes) -> tuple:
    """What `dumps` stored; raises for anything but the classes a checked file is made of."""
    data, problems, inner = _loads(blob, _CLASSES)
    if not isinstance(problems, list) or not (inner is None or len(inner) == 2):
        raise ValueError("not a checked file")
    if inner is None:
        return data, None, problems
    return data, Loaded.later(functools.partial(_read_loaded, inner[1]), inner[0]), problems


def _dumps(value: Any) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def _read_loaded(blob: bytes) -> Loaded:
    try:
        loaded = _loads(blob, _CLASSES)
        if isinstance(loaded, Loaded):
            return loaded
    except Exception:  # noqa: BLE001, S110 - the file's checksum held, so someone made it so
        pass
    return Loaded(data={})  # no lines: messages point at line 1 and the field, no traceback


# The file: these bytes, the sha256 of the rest, then the pickled store. A file cut short or with
# a byte changed (a full disk, a crash, a bad sector) is noticed before anything is taken from it.
_MAGIC = b"ruangaman cache\n"
_HEAD = len(_MAGIC) + 32


def read_store(path: Path) -> Any:
    """What `write_store` wrote to `path`; raises if it is not exactly that."""
    data = path.read_bytes()
    magic, checksum, payload = data[: len(_MAGIC)], data[len(_MAGIC) : _HEAD], data[_HEAD:]
    if magic != _MAGIC or hashlib.sha256(payload).digest() != checksum:
        raise ValueError(f"{path} is not a whole cache file")
    return _loads(payload, _CLASSES)


def write_store(out: Any, stored: Any) -> None:
    """Write `stored` (pickled, with its checksum) to the open binary file `out`."""
    payload = _dumps(stored)
    out.write(_MAGIC + hashlib.sha256(payload).digest())
    out.write(payload)


@functools.cache
def code_fingerprint() -> bytes:
    """Changes whenever anything that could change a checked file's result changes."""
    versions = f"{FORMAT} {sys.version} {yaml.__version__} {phonenumbers.__version__}"
    digest = hashlib.sha256(versions.encode())
    digest.update(b"libyaml" if hasattr(yaml, "CSafeLoader") else b"python")
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.digest()


def day_window(dates: list[dt.date], today: dt.date) -> tuple[int, int]:
    """The days (as ordinals) on which a file whose check compared `dates` with today gives the
    same result: from its latest date on, or only today if a date lies after today."""
    if any(day > today for day in dates):
        return today.toordinal(), today.toordinal()
    return max((day.toordinal() for day in dates), default=_FIRST_DAY), _LAST_DAY


def enabled() -> bool:
    """False when `RUANGAMAN_NO_CACHE` is set (to anything but 0)."""
    return os.environ.get(OFF_VARIABLE, "") in ("", "0")


class LoadCache:
    """The checked files of one project: look up before checking a file, store after."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder  # None: keep nothing (cache off)
        self.old: dict[str, tuple[bytes, int, int, bytes]] = {}
        self.new: dict[str, tuple[bytes, int, int, bytes]] = {}
        self.phones: dict = {}  # numbers parsed by earlier commands (`phones.parse_phone`)
        self.dirty = False

    @classmethod
    def open(cls, root: Path) -> LoadCache:
        """The project's cache as the last command left it (empty if unusable or turned off)."""
        if not enabled():
            return cls(None)
        cache = cls(root / CACHE_DIR)
        try:
            stored = read_store(root / CACHE_DIR / CACHE_FILE)
            if (
                isinstance(stored, dict)
                and stored.get("format") == FORMAT
                and stored.get("code") == code_fingerprint()
                and isinstance(stored.get("entries"), dict)
                and isinstance(stored.get("phones"), dict)
            ):
                cache.old = stored["entries"]
                cache.phones = stored["phones"]
                phones.remember(cache.phones)
        except Exception:  # noqa: BLE001 - missing, unreadable or corrupt: start afresh
            cache.old, cache.phones = {}, {}
        return cache

    @property
    def on(self) -> bool:
        return self.folder is not None

    @staticmethod
    def digest(raw: bytes) -> bytes:
        return hashlib.sha256(raw).digest()

    def lookup(self, rel: str, raw: bytes, today: dt.date) -> Any | None:
        """The stored result for this file's bytes and today, or None."""
        entry = self.old.get(rel)
        if entry is None:
            return None
        try:
            digest, first, last, blob = entry
            if digest != self.digest(raw) or not first <= today.toordinal() <= last:
                return None
            result = loads(blob)
        except Exception:  # noqa: BLE001 - a damaged entry is checked again
            return None
        self.new[rel] = entry
        return result

    def keep(self, rel: str, raw: bytes) -> None:
        """Keep a file's entry although this run took the file from elsewhere (`serve`)."""
        entry = self.old.get(rel)
        if entry is not None and entry[0] == self.digest(raw):
            self.new[rel] = entry

    def store(self, rel: str, digest: bytes, blob: bytes, window: tuple[int, int]) -> None:
        """Keep a file's freshly checked result: `digest` of its bytes, `dumps` of the result
        (made before anything edits it), the `day_window` it holds for."""
        if self.on:
            self.new[rel] = (digest, *window, blob)
            self.dirty = True

    def save(self) -> None:
        """Write the files and numbers this run used (dropping those that are gone), if anything
        changed. Called once the records are validated (numbers are parsed then)."""
        if self.folder is None:
            return
        numbers = phones.parsed_numbers()
        if not (
            self.dirty or self.new.keys() != self.old.keys() or numbers.keys() != self.phones.keys()
        ):
            return
        try:
            stored = {
                "format": FORMAT,
                "code": code_fingerprint(),
                "entries": self.new,
                "phones": numbers,
            }
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".loaded-")
        except OSError:
            return  # a read-only project: checking still works, only slower
        try:
            with os.fdopen(handle, "wb") as out:
                write_store(out, stored)
            os.replace(temporary, self.folder / CACHE_FILE)
        except Exception:  # noqa: BLE001 - full disk, lost permission...: keep the old cache
            try:
                os.unlink(temporary)
            except OSError:
                pass
