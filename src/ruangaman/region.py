"""Indonesia's regencies, kecamatan and desa with official Kemendagri codes, read from the copy of
idn-area-data (ODbL) that ships inside the package, so any regency works offline."""

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

DATA = "data/idn-area"
ATTRIBUTION = {
    "id": "Nama dan kode wilayah: idn-area-data 4.0.1 (Fityan Ali Nugroho), lisensi ODbL 1.0.",
    "en": "Region names and codes: idn-area-data 4.0.1 (Fityan Ali Nugroho), ODbL 1.0 licence.",
}


def _rows(name: str) -> list[dict[str, str]]:
    raw = resources.files("ruangaman").joinpath(f"{DATA}/{name}.csv.gz").read_bytes()
    return list(csv.DictReader(io.StringIO(gzip.decompress(raw).decode("utf-8"))))


def name_key(name: str) -> str:
    """How two spellings of a place are compared: case, accents, spaces and dots do not count."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def slugify(name: str) -> str:
    """A URL-safe slug: `Kuala Mandor B` -> `kuala-mandor-b`."""
    return name_key(name).replace(" ", "-")


@dataclass(frozen=True)
class Desa:
    code: str
    name: str


@dataclass
class Kecamatan:
    code: str
    name: str
    desa: dict[str, Desa] = field(default_factory=dict)  # by name_key

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
    short = {name_key(re.sub(r"^(Kabupaten|Kota)\s+", "", n)): c for c, n in table.items()}
    found: list[str] = [c for k, c in short.items() if key and key in k]
    found += [by_name[k] for k in difflib.get_close_matches(key, list(by_name), limit, 0.6)]
    found += [short[k] for k in difflib.get_close_matches(key, list(short), limit, 0.6)]
    found += difflib.get_close_matches(query, list(table), limit, 0.6)
    unique = list(dict.fromkeys(found))[:limit]
    return [(code, table[code]) for code in unique]


@cache
def load_region(code: str) -> Region:
    """The regency with this Kemendagri code, with its kecamatan and desa."""
    table = regencies()
    if code not in table:
        raise UnknownRegion(code, closest_regencies(code))
    province = _provinces().get(code.split(".")[0], "")
    region = Region(code=code, name=table[code], province=province)
    by_code: dict[str, Kecamatan] = {}
    for row in _rows("districts"):
        if row["regency_code"] == code:
            kec = Kecamatan(code=row["code"], name=row["name"])
            by_code[kec.code] = kec
            region.kecamatan[name_key(kec.name)] = kec
    prefix = code + "."
    for row in _rows("villages"):
        if row["code"].startswith(prefix) and row["district_code"] in by_code:
            desa = Desa(code=row["code"], name=row["name"])
            by_code[row["district_code"]].desa[name_key(desa.name)] = desa
    return region
