"""A region's own examples: what the package's texts say of Kubu Raya (its first home) made
true of another regency, so that nothing of Kubu Raya shows in another district's site. Used
where such texts are copied (`ruangaman init`, `new`, `docs`: `editor.init_site.localise_files`)
and where they are told (a missing field's example in a message: `localise_examples`)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from ruangaman.problems import Problem
from ruangaman.validate.phones import area_codes
from ruangaman.validate.region import Region, site_region

KUBU_RAYA = "61.12"


def region_area_codes(region: Region) -> tuple[str, ...]:
    """`area_codes` of a regency (`validate.region.Region`)."""
    return area_codes(region.short_name, tuple(region.kecamatan_names()), region.province)


def example_number(region: Region | None) -> str:
    """How an example phone number is written for a regency (None: unknown): its area code and
    `xxxxxx` (`0967 xxxxxx`), so no example is a real-looking subscriber number anyone could
    dial; `0xxx xxxxxx` when libphonenumber knows no area code of it."""
    codes = region_area_codes(region) if region is not None else ()
    return f"{codes[0] if codes else '0xxx'} xxxxxx"


def site_examples(root: Path) -> dict[str, str]:
    """A fix's examples for this site: an office name and a phone number of its own regency
    (`UPTD PPA Kabupaten Sleman`, `0274 xxxxxx`), never another region's."""
    region = site_region(root)
    return {
        "example_name": f"UPTD PPA {region.name}" if region is not None else "UPTD PPA",
        "example_phone": example_number(region),
    }


TIMEZONES = {
    "Asia/Pontianak": ("61", "62"),
    "Asia/Makassar": ("51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"),
    "Asia/Jayapura": ("81", "82", "91", "92", "93", "94", "95", "96", "97"),
}


def timezone(code: str) -> str:
    province = code.split(".")[0]
    for zone, provinces in TIMEZONES.items():
        if province in provinces:
            return zone
    return "Asia/Jakarta"


def office_name(region: Region) -> str:
    """The office a new site names until its editors write theirs (content/site.yml)."""
    return "Pemerintah " + region.name


def _first_places(region: Region) -> tuple[list[str], str]:
    kecamatan = sorted(region.kecamatan.values(), key=lambda k: k.code)
    desa = sorted(kecamatan[0].desa.values(), key=lambda d: d.code) if kecamatan else []
    return [k.name for k in kecamatan[:2]], (desa[0].name if desa else "")


def replacements(region: Region) -> dict[str, str]:
    """What Kubu Raya's examples become in the new region's copies, longest first."""
    codes = region_area_codes(region)
    area = codes[0] if codes else ""
    short = region.short_name
    kecamatan, desa = _first_places(region)
    first, second = (kecamatan + kecamatan[:1])[:2] if kecamatan else ("", "")
    area_id = f"{area} untuk {short}" if area else f"kode wilayah {short}"
    area_en = f"{area} for {short}" if area else f"the area code of {short}"
    return {
        "0561 untuk Kubu Raya dan Pontianak": area_id,
        "0561 for Kubu Raya and Pontianak": area_en,
        "0561 123456": example_number(region),
        "(0561) 123456": f"({area or '0xxx'}) xxxxxx",
        "https://ruangaman.kuburayakab.go.id": "https://ruangaman.example.org",
        "https://kuburayakab.go.id": "https://example.org",
        "UPTD PPA Kubu Raya": "UPTD PPA " + region.name,
        "UPTD PPA Kota Pontianak": "UPTD PPA " + region.name,
        "DP3KB Kabupaten Kubu Raya": office_name(region),
        "Ruang Aman Kubu Raya": "Ruang Aman " + short,
        "61.12 untuk Kabupaten Kubu Raya": f"{region.code} untuk {region.name}",
        "61.12 for Kabupaten Kubu Raya": f"{region.code} for {region.name}",
        "61.71 untuk Kota Pontianak": f"{region.code} untuk {region.name}",
        "61.71 for Kota Pontianak": f"{region.code} for {region.name}",
        "61 untuk Kalimantan Barat": f"{region.code.split('.')[0]} untuk {region.province}",
        "61 for Kalimantan Barat": f"{region.code.split('.')[0]} for {region.province}",
        '"Kubu Raya" atau "Kota Pontianak"': f'"{short}" atau "{region.name}"',
        '"Kubu Raya" or "Kota Pontianak"': f'"{short}" or "{region.name}"',
        "kecamatan: [Sungai Raya]": f"kecamatan: [{first}]",
        "[Sungai Raya, Rasau Jaya]": f"[{first}, {second}]",
        "desa: [Kapur]": f"desa: [{desa}]" if desa else "desa: [...]",
        "--desa Kapur": f'--desa "{desa}"' if desa else "--desa all",
        "`61.12`": f"`{region.code}`",
        "| `Asia/Pontianak` |": f"| `{timezone(region.code)}` |",
        "Kabupaten Kubu Raya": region.name,
        "Sungai Raya": first,
        "Kapur": desa or "...",
        "Kubu Raya": short,
    }


def localise(text: str, region: Region) -> str:
    """`text` with Kubu Raya's examples made the new region's, in one pass (a replacement is
    never replaced again)."""
    table = replacements(region)
    pattern = re.compile("|".join(re.escape(k) for k in sorted(table, key=len, reverse=True)))
    return pattern.sub(lambda m: table[m.group(0)], text)


def localise_examples(problems: list[Problem], region: Region | None) -> list[Problem]:
    """The problems with the example a fix gives (`example`, from the model) made the region's
    own; what the editor wrote (`value`) is told as written."""
    if region is None or region.code == KUBU_RAYA:
        return problems
    return [
        replace(p, params={**p.params, "example": localise(p.params["example"], region)})
        if isinstance(p.params.get("example"), str)
        else p
        for p in problems
    ]
