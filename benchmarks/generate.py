"""Write a synthetic national directory (a whole Ruang Aman site) for the benchmarks.

    .venv/bin/python benchmarks/generate.py benchmarks/out/site-7800 --count 7800

One service per kecamatan (7,285) and one per regency (514) of the national region list the
package carries (idn-area-data 4.0.1, the same data as ../shared/data/idn-area), with the
shipped guides, pages, hotlines and taxonomy. Records are shuffled with a fixed seed, so the
first N of them cover the whole country and the same N always gives the same site.

Never writes into content/: the target must not be inside the repository's content/ or docs/.

Phone numbers are fictional and cannot reach anyone: every one is a fixed-line number whose
subscriber part starts with 0 (`0561 0xxxxx`, `021 0xxx xxxx`). In Indonesia a subscriber number
never starts with 0 (0 is the trunk prefix), so no line has it, yet libphonenumber accepts the
number as a valid fixed line, so the validator and the pages treat it like a real one. No
WhatsApp numbers are generated: mobile ranges are all allocated. Every record also says
`example: true`, so its page carries the "this is an example" notice.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
from pathlib import Path

import yaml

from ruangaman.validate.phones import parse_phone
from ruangaman.validate.region import load_area

ROOT = Path(__file__).resolve().parents[1]
TOTAL = 7800
# Area codes with their subscriber-number length; the subscriber part always starts with 0.
AREA_CODES = (("021", 8), ("022", 7), ("031", 7), ("061", 7), ("0561", 6), ("0411", 6))
TYPES = (
    "pengaduan",
    "penjangkauan",
    "pengelolaan-kasus",
    "penampungan-sementara",
    "mediasi",
    "pendampingan",
)
DAYS = ("senin", "selasa", "rabu", "kamis", "jumat")


def fictional_number(rng: random.Random) -> str:
    area, length = rng.choice(AREA_CODES)
    subscriber = "0" + "".join(rng.choice("0123456789") for _ in range(length - 1))
    return f"{area} {subscriber}"


def _service(rng: random.Random, regency: object, kecamatan: object | None) -> dict:
    """One record with the field sizes of a real one (see content/services/)."""
    kec = kecamatan or next(iter(regency.kecamatan.values()))
    desa = rng.choice(list(kec.desa.values())) if kec.desa else None
    place = f"Kecamatan {kec.name}" if kecamatan else regency.name
    kind = "Puskesmas" if kecamatan else "UPTD PPA"
    active = rng.random() < 0.9
    data: dict = {
        "name": f"{kind} {place} (contoh)",
        "organization": {
            "name": f"Dinas Pemberdayaan Perempuan dan Perlindungan Anak {regency.name}"
        },
        "types": sorted(rng.sample(TYPES, rng.randint(1, 3)), key=TYPES.index),
        "description": {
            "id": f"Layanan contoh untuk perempuan dan anak di {place}: menerima pengaduan, "
            "mendampingi korban ke layanan kesehatan, polisi atau pengadilan, dan merujuk ke "
            "rumah aman bila perlu. Data ini buatan untuk uji kecepatan, bukan layanan sungguhan.",
            "en": f"Example service for women and children in {place}: receives reports, "
            "accompanies victims to health services, the police or court, and refers them to a "
            "safe house when needed. Synthetic data for speed tests, not a real service.",
        },
        "location": {
            "address": f"Jl. Contoh No. {rng.randint(1, 200)}",
            "kabupaten": regency.code,
            "kecamatan": kec.name,
        },
        "fees_description": {"id": "Gratis", "en": "Free"},
        "eligibility_description": {
            "id": "Perempuan dan anak korban kekerasan, serta keluarga dan saksi.",
            "en": "Women and children who experience violence, their families and witnesses.",
        },
        "example": True,
    }
    if desa:
        data["location"]["desa"] = desa.name
    if active:
        data["phones"] = [{"number": fictional_number(rng), "type": "voice"}]
        if rng.random() < 0.3:
            data["phones"].append(
                {
                    "number": fictional_number(rng),
                    "type": "voice",
                    "description": {"id": "Layanan malam", "en": "Night line"},
                }
            )
        data["schedule"] = {
            "weekly": [
                {"days": list(DAYS[:4]), "opens_at": "07:30", "closes_at": "16:00"},
                {"days": ["jumat"], "opens_at": "07:30", "closes_at": "11:30"},
            ]
        }
        data["status"] = "active"
        data["verified_on"] = dt.date(2026, 11, rng.randint(1, 27))
        data["sources"] = ["Data sintetis untuk benchmark (benchmarks/generate.py)"]
    else:
        data["status"] = "unverified"
    return data


def records() -> list[tuple[object, object | None]]:
    """(regency, kecamatan or None) for every service of the national directory, shuffled."""
    area = load_area("ID")
    out: list[tuple[object, object | None]] = []
    for regency in area.regencies.values():
        out.append((regency, None))
        out += [(regency, kec) for kec in regency.kecamatan.values()]
    random.Random(7).shuffle(out)
    return out


def generate(target: Path, count: int = TOTAL) -> Path:
    """Write a whole site with `count` services into `target` (emptied first)."""
    target = target.resolve()
    for forbidden in (ROOT / "content", ROOT / "docs"):
        if target == forbidden or forbidden in target.parents:
            raise SystemExit(f"refusing to write into {forbidden}")
    if target.exists():
        shutil.rmtree(target)
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    content = target / "content"
    shutil.copytree(ROOT / "content" / "hotlines", content / "hotlines")
    shutil.copy(ROOT / "content" / "taxonomy.yml", content / "taxonomy.yml")
    site = {
        "name": {"id": "Ruang Aman Nasional (contoh)", "en": "Ruang Aman National (example)"},
        "tagline": {"id": "Direktori contoh untuk uji kecepatan.", "en": "Example directory."},
        "languages": ["id", "en"],
        "region": "ID",
        "timezone": "Asia/Jakarta",
        "office": {"name": "Kantor contoh", "status": "unverified"},
    }
    (content / "site.yml").write_text(yaml.safe_dump(site, allow_unicode=True), "utf-8")
    services = content / "services"
    services.mkdir()
    rng = random.Random(11)
    for i, (regency, kec) in enumerate(records()[:count]):
        data = _service(rng, regency, kec)
        for phone in data.get("phones", []):
            assert not parse_phone(phone["number"]).mobile
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
        (services / f"contoh-{i:04d}.yml").write_text(text, "utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", type=Path)
    parser.add_argument("--count", type=int, default=TOTAL)
    args = parser.parse_args(argv)
    print(generate(args.target, args.count))
    return 0


if __name__ == "__main__":
    sys.exit(main())
