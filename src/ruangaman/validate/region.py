"""Indonesia's provinces, regencies, kecamatan and desa with official Kemendagri codes, read from
the copy of idn-area-data (ODbL) that ships inside the package, so any area works offline."""

from __future__ import annotations

import csv
import difflib
import gzip
import io
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from ruangaman.load.discover import site_settings
from ruangaman.load.shape import perhaps
from ruangaman.text import Msg

DATA = "data/idn-area"


def _rows(name: str) -> list[dict[str, str]]:
    raw = resources.files("ruangaman").joinpath(f"{DATA}/{name}.csv.gz").read_bytes()
    return list(csv.DictReader(io.StringIO(gzip.decompress(raw).decode("utf-8"))))


_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def name_key(name: str) -> str:
    """How two spellings of a place are compared: case, accents, spaces and dots do not count."""
    if name.isascii():  # nothing to decompose (nearly every name: 83,000 desa for a country)
        text = name.lower()
    else:
        text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return _NOT_ALNUM.sub(" ", text).strip()


_REGENCY_KIND = re.compile(r"^(Kabupaten|Kota)\s+")


def short_regency_name(name: str) -> str:
    """`Kabupaten Kubu Raya` -> `Kubu Raya`, `Kota Pontianak` -> `Pontianak` (what people
    usually write): the one place the official prefix is taken off."""
    return _REGENCY_KIND.sub("", name)


def slugify(name: str) -> str:
    """A URL-safe slug: `Kuala Mandor B` -> `kuala-mandor-b`."""
    return name_key(name).replace(" ", "-")


@dataclass(frozen=True)
class Desa:
    """A village: a desa or, in towns, a kelurahan (led by an appointed lurah, not an elected
    kepala desa). Gampong, nagari and kampung are desa under their local names."""

    code: str
    name: str

    @property
    def kind(self) -> str:
        """ "kelurahan" or "desa", from the Kemendagri code: the village part of a kelurahan's
        code starts with 1 (61.71.01.1001), a desa's with 2 (61.12.01.2001)."""
        return "kelurahan" if self.code.rsplit(".", 1)[-1].startswith("1") else "desa"


@dataclass
class Kecamatan:
    code: str
    name: str
    # (code, name) of its desa as read from the national list; made into `desa` when first asked
    # for, so a national site does not build 83,000 desa to check a few thousand services.
    desa_rows: list[tuple[str, str]] = field(default_factory=list, repr=False, compare=False)
    _desa: dict[str, Desa] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def desa(self) -> dict[str, Desa]:
        """Its desa by name_key."""
        if self._desa is None:
            self._desa = {name_key(name): Desa(code, name) for code, name in self.desa_rows}
        return self._desa

    @property
    def slug(self) -> str:
        return slugify(self.name)

    def find_desa(self, name: str) -> Desa | None:
        return self.desa.get(name_key(name))


@dataclass
class Region:
    """One regency (kabupaten or kota) and its kecamatan."""

    code: str
    name: str
    province: str
    kecamatan: dict[str, Kecamatan] = field(default_factory=dict)  # by name_key

    @property
    def slug(self) -> str:
        return slugify(self.name)

    @property
    def short_name(self) -> str:
        """`Kabupaten Kubu Raya` -> `Kubu Raya` (what people usually write)."""
        return short_regency_name(self.name)

    def find_kecamatan(self, name: str) -> Kecamatan | None:
        return self.kecamatan.get(name_key(name))

    def kecamatan_names(self) -> list[str]:
        return [k.name for k in self.kecamatan.values()]

    def find_desa_anywhere(self, name: str) -> list[tuple[Kecamatan, Desa]]:
        key = name_key(name)
        return [(k, k.desa[key]) for k in self.kecamatan.values() if key in k.desa]


class UnknownRegion(LookupError):
    """No regency has this code; `suggestions` holds (code, name) pairs of the closest names."""

    def __init__(self, code: str, suggestions: list[tuple[str, str]]) -> None:
        super().__init__(code)
        self.code = code
        self.suggestions = suggestions

    def suggestion(self) -> dict[str, Msg | str]:
        """The "perhaps you mean" part of a message (a `suggestion` parameter), or nothing."""
        return {"suggestion": perhaps([f"{c} ({n})" for c, n in self.suggestions])}


@cache
def regencies() -> dict[str, str]:
    """Every regency and city: code -> name (`61.12` -> `Kabupaten Kubu Raya`)."""
    return {row["code"]: row["name"] for row in _rows("regencies")}


@cache
def _provinces() -> dict[str, str]:
    return {row["code"]: row["name"] for row in _rows("provinces")}


def closest_regencies(query: str, limit: int = 5) -> list[tuple[str, str]]:
    """Regencies whose code or name is closest to `query`, best first."""
    table = regencies()
    if query in table:
        return [(query, table[query])]
    key = name_key(query)
    by_name = {name_key(name): code for code, name in table.items()}
    short = {name_key(short_regency_name(n)): c for c, n in table.items()}
    found: list[str] = [c for k, c in short.items() if key and key in k]
    found += [by_name[k] for k in difflib.get_close_matches(key, list(by_name), limit, 0.6)]
    found += [short[k] for k in difflib.get_close_matches(key, list(short), limit, 0.6)]
    found += difflib.get_close_matches(query, list(table), limit, 0.6)
    unique = list(dict.fromkeys(found))[:limit]
    return [(code, table[code]) for code in unique]


def regency_code(text: str) -> str:
    """The Kemendagri code of the regency `text` names: its code (`91.71`), or its exact name,
    full (`kota jayapura`) or short (`sleman`) when only one regency has it; case, dots and
    spaces do not count. Anything else raises UnknownRegion with the closest regencies
    (`jayapura` is both Kabupaten and Kota Jayapura: both are suggested).

    BPS codes (94.71 for Kota Jayapura) are NOT understood: the region data the package
    carries (idn-area-data) has Kemendagri codes only, and BPS numbers many regencies
    differently, so a BPS code is never guessed from a Kemendagri one."""
    text = str(text).strip()
    table = regencies()
    if text in table:
        return text
    key = name_key(text)
    full = [c for c, n in table.items() if name_key(n) == key]
    found = full or [c for c, n in table.items() if name_key(short_regency_name(n)) == key]
    if key and len(found) == 1:
        return found[0]
    suggestions = [(c, table[c]) for c in found] or closest_regencies(text)
    raise UnknownRegion(text, suggestions)


@cache
def load_region(code: str) -> Region:
    """The regency with this Kemendagri code, with its kecamatan and desa."""
    table = regencies()
    if code not in table:
        raise UnknownRegion(code, closest_regencies(code))
    return _load_regencies([code])[code]


def site_region(root: Path) -> Region | None:
    """The regency content/site.yml names as `region:`, for an editor's tool that gives
    examples of it; None for a province, all of Indonesia, or a file that cannot be read."""
    code = site_settings(root).get("region")
    if code is None:
        return None
    try:
        return load_region(str(code))
    except UnknownRegion:
        return None


def _load_regencies(codes: list[str]) -> dict[str, Region]:
    """Several regencies with their kecamatan and desa, reading each national table once."""
    table = regencies()
    provinces = _provinces()
    out = {
        code: Region(code=code, name=table[code], province=provinces.get(code.split(".")[0], ""))
        for code in codes
    }
    by_code: dict[str, Kecamatan] = {}
    for row in _rows("districts"):
        region = out.get(row["regency_code"])
        if region is not None:
            kec = Kecamatan(code=row["code"], name=row["name"])
            by_code[kec.code] = kec
            region.kecamatan[name_key(kec.name)] = kec
    for code, district_code, name in _village_rows():
        kec = by_code.get(district_code)
        if kec is not None:
            kec.desa_rows.append((code, name))
    return out


@cache
def _village_rows() -> list[tuple[str, str, str]]:
    """(code, district code, name) of every desa, read once (83,000 rows nationally)."""
    raw = resources.files("ruangaman").joinpath(f"{DATA}/villages.csv.gz").read_bytes()
    reader = csv.reader(io.StringIO(gzip.decompress(raw).decode("utf-8")))
    header = next(reader)
    at = [header.index(k) for k in ("code", "district_code", "name")]
    return [(row[at[0]], row[at[1]], row[at[2]]) for row in reader]


NATIONAL = "ID"
REGENCY, PROVINCE, COUNTRY = "regency", "province", "national"


@dataclass
class Area:
    """What a site covers: one regency (`61.12`), one province (`61`) or Indonesia (`ID`).

    A regency site names only a kecamatan per service; a wider site also names the regency
    (`location.kabupaten`), because the same kecamatan name exists in many regencies.
    """

    code: str
    name: str
    level: str
    regencies: dict[str, Region] = field(default_factory=dict)  # by code
    provinces: dict[str, str] = field(default_factory=dict)  # code -> name
    # name_key of full and short names -> regencies, made on the first lookup by name
    _by_name: dict[str, list[Region]] | None = field(default=None, init=False, repr=False)
    _by_short: dict[str, list[Region]] | None = field(default=None, init=False, repr=False)

    @property
    def single(self) -> Region | None:
        """The regency of a regency site; None for a wider site."""
        return next(iter(self.regencies.values())) if self.level == REGENCY else None

    def find_regency(self, text: str) -> list[Region]:
        """Regencies matching a code (`61.12`), a full name or a short name (`Kubu Raya`)."""
        text = str(text).strip()
        if text in self.regencies:
            return [self.regencies[text]]
        if self._by_name is None:
            self._by_name, self._by_short = {}, {}
            for r in self.regencies.values():
                self._by_name.setdefault(name_key(r.name), []).append(r)
                self._by_short.setdefault(name_key(r.short_name), []).append(r)
        key = name_key(text)
        return list(self._by_name.get(key) or self._by_short.get(key) or [])

    def regency_names(self) -> list[str]:
        return [r.name for r in self.regencies.values()]


@cache
def load_area(code: str) -> Area:
    """The area a site covers, from its `region` code: a regency, a province or `ID`."""
    code = str(code).strip()
    if code.upper() == NATIONAL:
        codes = list(regencies())
        return Area(NATIONAL, "Indonesia", COUNTRY, _load_regencies(codes), dict(_provinces()))
    if code in _provinces():
        codes = [c for c in regencies() if c.split(".")[0] == code]
        provinces = {code: _provinces()[code]}
        return Area(code, _provinces()[code], PROVINCE, _load_regencies(codes), provinces)
    region = load_region(code)
    provinces = {code.split(".")[0]: region.province}
    return Area(code, region.name, REGENCY, {code: region}, provinces)
