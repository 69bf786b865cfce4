"""One printable sheet and one SMS-sized card per desa (`ruangaman print --desa all`), for PATBM
groups and village halls: the services that serve the desa, the hotlines, a QR code to its
kecamatan's page, and in 160 characters the numbers that matter.

Who serves a desa is one rule (`serves_village`), on top of `Service.served_kecamatan`: a
service for the whole regency, one whose office is in or which lists the desa's kecamatan, and
one that lists desa (`serves: {desa: [...]}`) only for those desa. Numbers come only from
verified records (`checked_phones`: `status: active`); an unverified service is named with the
"not yet verified" note and never a number. Every text from content goes through Jinja's
autoescape (sheet) or is plain text (card): nothing from YAML becomes markup.

A sheet is a whole HTML page with its own stylesheet (A4, one sheet), so the folder can be
copied to a USB stick and printed anywhere; the build's site is not needed.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from jinja2 import Environment, select_autoescape

from ruangaman.model import in_language
from ruangaman.render.qr import qr_svg
from ruangaman.validate.region import Desa, Kecamatan, name_key, slugify
from ruangaman.validate.site import Hotline, Service, Site

SMS_LIMIT = 160  # one SMS in the GSM 7-bit alphabet: the card is kept to plain ASCII


def serves_village(service: Service, kec: Kecamatan, desa: Desa) -> bool:
    """Whether `service` is for people living in `desa` of `kec`."""
    if service.serves_regency is not None:
        return service.serves(kec)
    if service.serves_desa and service.kecamatan is not None and service.kecamatan.code == kec.code:
        return any(d.code == desa.code for d in service.serves_desa)
    return service.serves(kec)


@dataclass
class Village:
    """One desa as a sheet shows it."""

    kecamatan: Kecamatan
    desa: Desa
    services: list[Service]

    @property
    def path(self) -> str:
        return f"{self.kecamatan.slug}/{slugify(self.desa.name)}"


def villages(site: Site, which: str = "all") -> list[Village]:
    """Every desa of a regency site (`all`), or those named `which`, in code order."""
    region = site.area.single
    if region is None:
        return []
    listed = [s for s in site.listed]
    out = []
    for kec in sorted(region.kecamatan.values(), key=lambda k: k.code):
        for desa in sorted(kec.desa.values(), key=lambda d: d.code):
            if which != "all" and name_key(which) != name_key(desa.name):
                continue
            services = [s for s in listed if serves_village(s, kec, desa)]
            # its own kecamatan's offices first, then those serving it from elsewhere
            services.sort(key=lambda s: s.kecamatan is None or s.kecamatan.code != kec.code)
            out.append(Village(kec, desa, services))
    return out


def _ascii(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(text.split())


def _hotlines(site: Site) -> list[Hotline]:
    """The hotlines a sheet may print: shown, verified, with a number a reader can dial."""
    return [h for h in site.hotlines_shown if h.active and h.call is not None]


def sms_card(site: Site, village: Village, lang: str) -> str:
    """The numbers that matter for one desa in one SMS (≤ 160 plain characters): the pinned
    hotlines, the verified services serving it, then the other hotlines, as many as fit."""
    t = site.interface.strings(lang)
    kind = t["village_kind"][village.desa.kind]
    head = _ascii(f"{kind} {village.desa.name}:")
    pinned = [h for h in _hotlines(site) if h.pinned_flag]
    others = [h for h in _hotlines(site) if not h.pinned_flag]
    items = [(h.short_name(lang), h.call.display) for h in pinned]
    for service in village.services:
        call = next((p for p in service.checked_phones if p.dialable), None)
        if call is not None:
            items.append((service.data["name"], call.display))
    items += [(h.short_name(lang), h.call.display) for h in others]
    card = head
    seen = set()
    for name, number in items:
        if number in seen:
            continue
        name = _ascii(name)
        item = f"{name} {number}" if number not in name else name
        room = SMS_LIMIT - len(card) - 2  # a space before, a semicolon after
        if len(item) > room and number not in name:
            # a long name is cut, never the number: "UPTD Perlindungan... 0811-5678-9012"
            keep = room - len(number) - 4
            item = f"{name[:keep].rstrip()}... {number}" if keep >= 8 else ""
        if not item or len(item) > room:
            continue
        card = f"{card} {item};"
        seen.add(number)
    return card.rstrip(";")


def _environment() -> Environment:
    return Environment(autoescape=select_autoescape(default=True, default_for_string=True))


def _template(env: Environment, name: str):  # noqa: ANN202 - a jinja2 Template
    text = (
        resources.files("ruangaman")
        .joinpath(f"render/templates/sheets/{name}")
        .read_text(encoding="utf-8")
    )
    return env.from_string(text)


def write_desa_sheets(site: Site, out: Path, lang: str, which: str = "all") -> list[Path]:
    """Write the sheet (`KEC/DESA.html`) and card (`KEC/DESA.sms.txt`) of each desa, and an
    index page listing them with every card; return the files written."""
    t = site.interface.strings(lang)
    env = _environment()
    sheet = _template(env, "desa.html.j2")
    index = _template(env, "index.html.j2")
    hotlines = _hotlines(site)
    region = site.area.single
    site_name = in_language(site.settings.get("name"), lang)
    office = (site.settings.get("office") or {}).get("name", "")
    written: list[Path] = []
    cards = []
    chosen = villages(site, which)
    for village in chosen:
        address = site.urls.absolute(lang, f"layanan/kecamatan/{village.kecamatan.slug}")
        card = sms_card(site, village, lang)
        cards.append((village, card))
        values = {
            "t": t,
            "lang": lang,
            "v": village,
            "region": region,
            "kind": t["village_kind"][village.desa.kind],
            "hotlines": hotlines,
            "site_name": site_name,
            "office": office,
            "address": address,
            "qr": qr_svg(address, t["poster_scan"]) if address else "",
            "card": card,
            "in_language": in_language,
        }
        html = out / f"{village.path}.html"
        html.parent.mkdir(parents=True, exist_ok=True)
        html.write_text(sheet.render(values), encoding="utf-8")
        text = out / f"{village.path}.sms.txt"
        text.write_text(card + "\n", encoding="utf-8")
        written += [html, text]
    page = out / "index.html"
    out.mkdir(parents=True, exist_ok=True)
    page.write_text(
        index.render(
            {"t": t, "lang": lang, "cards": cards, "region": region, "site_name": site_name}
        ),
        encoding="utf-8",
    )
    return [*written, page]
