"""A fixture site for the directory features: services with (fictional) numbers, coordinates and
schedules that test 'open now' on chosen clock times. Numbers like 0561 123456 are well formed
but never dialled; nothing here is real."""

from __future__ import annotations

from pathlib import Path

from conftest import SITE_YML, Project

from ruangaman.cli import main

SITE_URL = "https://ruangaman.contoh.test/kubu-raya/"

# Weekdays of the dates used below (site time, UTC+7): 2026-11-29 is a Sunday.
SERVICES = {
    "layanan-uji": """\
id: 2f1f3a52-6a4b-4f60-9d0e-5b7c2a1e0d11
name: Layanan Uji
organization:
  name: Lembaga Uji
types: [pengaduan]
description:
  id: Uraian layanan uji.
  en: Test service description.
location:
  address: Jl. Contoh No. 1
  desa: Kapur
  kecamatan: Sungai Raya
  latitude: -0.0512
  longitude: 109.3456
phones:
  - number: 0561 123456
    type: voice
  - number: 0812 3456 7890
    type: whatsapp
email: uji@contoh.test
schedule:
  weekly:
    - days: [senin, selasa]
      opens_at: "08:00"
      closes_at: "15:00"
status: active
verified_on: 2026-11-01
sources:
  - Telepon uji
""",
    "layanan-malam": """\
id: 5a0c1e7e-3b1f-4f8e-9d6b-2c4a8e1f0b22
name: Layanan Malam
organization:
  name: Lembaga Malam
types: [kesehatan]
description:
  id: Buka malam sampai dini hari.
location:
  kecamatan: Kubu
phones:
  - number: 0561 123457
schedule:
  weekly:
    - days: [jumat]
      opens_at: "20:00"
      closes_at: "02:00"
    - days: [minggu]
      opens_at: "08:00"
      closes_at: "24:00"
status: active
verified_on: 2026-11-01
sources:
  - Telepon uji
""",
    "layanan-siaga": """\
id: 9e3d2b1a-7c6f-4e5d-8a9b-0c1d2e3f4a33
name: Layanan Siaga
organization:
  name: Lembaga Uji
types: [kesehatan, pengaduan]
description:
  id: Buka 24 jam.
location:
  kecamatan: Sungai Raya
schedule:
  open_24_hours: true
status: unverified
""",
    "layanan-tanpa-jadwal": """\
id: 0b8a7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c44
name: Layanan Tanpa Jadwal
organization:
  name: Lembaga Lain
types: [pengaduan]
description:
  id: Jam layanan belum diketahui.
status: unverified
""",
}


def make_project(root: Path, with_url: bool = True) -> Project:
    project = Project(root)
    if with_url:
        project.write("content/site.yml", SITE_YML + f"url: {SITE_URL}\n")
    for slug, text in SERVICES.items():
        project.write(f"content/services/{slug}.yml", text)
    return project


def build(project: Project) -> Path:
    site = project.root / "site"
    assert main(["build", "--project", str(project.root), "--site-dir", str(site)]) == 0
    return site
