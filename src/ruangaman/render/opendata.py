"""Open data: the directory as files others can reuse (a WhatsApp bot, the province, a researcher).

Built with the site, independent of MkDocs: `export_files()` returns `{relative path: bytes}` and
`staging` writes them into the staged docs folder, which MkDocs copies to the site as they are.

- `api/services.json`, `api/hotlines.json`: a small static JSON API in our own field names.
- `api/services.csv`: one row per service, for a spreadsheet.
- `api/hsds/services.json`: Open Referral HSDS 3.0 services, each with its organization,
  location, phones and schedules (validates against HSDS's `service_with_definitions.json`).

Every record keeps its `id` (a UUID in its file). Ids of nested HSDS objects are derived from it
with uuid5, so they too stay the same when a record is edited.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from collections.abc import Mapping
from typing import Any

from ruangaman.model import in_language
from ruangaman.model.cells import csv_cell
from ruangaman.render.share import utc_offset_hours
from ruangaman.session import BuildSession, digest
from ruangaman.text import t
from ruangaman.validate.region import Area, Region
from ruangaman.validate.site import Hotline, Service, Site

API_VERSION = 1
HSDS_DAYS = {
    "senin": "MO",
    "selasa": "TU",
    "rabu": "WE",
    "kamis": "TH",
    "jumat": "FR",
    "sabtu": "SA",
    "minggu": "SU",
}
HSDS_PHONE_TYPES = {"voice": "voice", "whatsapp": "cell", "sms": "text"}
ORG_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://ruangaman.invalid/organization")


def _offset_text(hours: float) -> str:
    minutes = int(round(hours * 60))
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _phones(record: Service | Hotline) -> list[dict[str, Any]]:
    return [
        {
            "number": phone.e164,
            "display": phone.display,
            "type": phone.kind,
            "description": phone.description,
        }
        for phone in record.phones
    ]


def _schedule(record: Service | Hotline) -> dict[str, Any] | None:
    schedule = record.data.get("schedule")
    if not schedule:
        return None
    return {
        "open_24_hours": bool(schedule.get("open_24_hours")),
        "weekly": [
            {"days": list(h["days"]), "opens_at": h["opens_at"], "closes_at": h["closes_at"]}
            for h in schedule.get("weekly") or []
        ],
        "description": schedule.get("description"),
        # true: closed on the site's public holidays and cuti bersama; false: open as usual;
        # null: not known (the file does not say)
        "closed_on_public_holidays": schedule.get("closed_on_public_holidays"),
        "exceptions": [
            {
                "date": x["date"].isoformat(),
                "until": (x.get("until") or x["date"]).isoformat(),
                "opens_at": x.get("opens_at"),
                "closes_at": x.get("closes_at"),
                "reason": dict(x["reason"]),
            }
            for x in schedule.get("exceptions") or []
        ],
    }


def _pages(site: Site, name: str) -> dict[str, dict[str, str | None]]:
    """A page's address in every language: from the site root, and in full when it is known."""
    urls = site.urls
    pages = {}
    for lang in urls.languages:
        path = urls.site_path(lang, name)
        pages[lang] = {"path": path, "url": urls.absolute_path(path)}
    return pages


def service_record(site: Site, service: Service) -> dict[str, Any]:
    """One service in the JSON API's own field names (the YAML's, with phones normalised)."""
    data = service.data
    location = service.location
    kecamatan = service.kecamatan
    return {
        "id": service.id,
        "slug": service.slug,
        "name": data["name"],
        "organization": {
            "name": data["organization"]["name"],
            "url": data["organization"].get("url"),
        },
        "types": list(data.get("types", [])),
        "description": data.get("description"),
        "status": data.get("status"),
        "location": {
            "address": location.get("address"),
            "desa": service.desa_name,
            "kecamatan": service.kecamatan_name,
            "kecamatan_code": kecamatan.code if kecamatan else None,
            "latitude": location.get("latitude"),
            "longitude": location.get("longitude"),
            "transportation": location.get("transportation"),
        }
        if location
        else None,
        "serves": _serves(service),
        "phones": _phones(service),
        "email": data.get("email"),
        "url": data.get("url"),
        "schedule": _schedule(service),
        "fees_description": data.get("fees_description"),
        "eligibility_description": data.get("eligibility_description"),
        "verified_on": data["verified_on"].isoformat() if data.get("verified_on") else None,
        "verification": _verification(service),
        "sources": list(data.get("sources") or []),
        "pages": _pages(site, f"layanan/{service.slug}"),
    }


def _serves(service: Service) -> list[dict[str, str]] | None:
    """Where it serves, as the official list names and codes it; None: where its office is."""
    if service.serves_regency is not None:
        r = service.serves_regency
        return [{"level": "kabupaten", "code": r.code, "name": r.name}]
    places = [("kecamatan", k) for k in service.serves_kecamatan]
    places += [("desa", d) for d in service.serves_desa]
    return [{"level": level, "code": p.code, "name": p.name} for level, p in places] or None


def hotline_record(site: Site, hotline: Hotline) -> dict[str, Any]:
    data = hotline.data
    return {
        "id": hotline.id,
        "slug": hotline.slug,
        # `name` stays one Indonesian text as before; `names` has every language written.
        "name": in_language(data["name"], "id"),
        "names": data["name"],
        "operator": data.get("operator"),
        "description": data.get("description"),
        "phones": _phones(hotline),
        "url": data.get("url"),
        "schedule": _schedule(hotline),
        "fees_description": data.get("fees_description"),
        "pinned": bool(data.get("pinned")),
        "status": data.get("status"),
        "verified_on": data["verified_on"].isoformat() if data.get("verified_on") else None,
        "verification": _verification(hotline),
        "sources": list(data.get("sources") or []),
    }


def _attempt(attempt: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "date": attempt["date"].isoformat(),
        "time": attempt.get("time"),
        "method": attempt["method"],
        "outcome": attempt["outcome"],
        "by": attempt.get("by"),
    }


def _verification(record: Service | Hotline) -> dict[str, Any]:
    """When the record was last confirmed and how its checks stand, by the rules its pages follow
    (`validate.site`). A note stays in the repository: it is the office's own working text."""
    return {
        "last_confirmed": record.verified_on.isoformat() if record.verified_on else None,
        "last_attempt": _attempt(record.attempts[-1]) if record.attempts else None,
        "attempts": len(record.attempts),
        "failed_since_confirmed": record.failures,
        "contact_doubtful": record.contact_doubtful,
    }


def _hsds_metadata(sid: str, record: Service) -> list[dict[str, Any]]:
    """Each verification attempt as an HSDS `metadata` entry of the service: the date, what was
    checked (`field_name: contact`), `verification_<outcome>` as the action, the method (and
    time) as the value and the role that checked as `updated_by`. Ids are uuid5 of the service
    id and the attempt's place in the log, so they stay the same as the log grows."""
    out = []
    for i, a in enumerate(record.attempts):
        how = f"method: {a['method']}" + (f"; time: {a['time']}" if a.get("time") else "")
        out.append(
            {
                "id": _sub_id(sid, f"verification/{i}/{a['date'].isoformat()}/{a.get('time')}"),
                "resource_id": sid,
                "resource_type": "service",
                "last_action_date": a["date"].isoformat(),
                "last_action_type": f"verification_{a['outcome']}",
                "field_name": "contact",
                "previous_value": "",
                "replacement_value": how,
                "updated_by": a.get("by") or "",
            }
        )
    return out


def _sub_id(record_id: str, what: str) -> str:
    return str(uuid.uuid5(uuid.UUID(record_id), what))


def hsds_service(site: Site, service: Service) -> dict[str, Any]:
    """One service as an Open Referral HSDS 3.0 service with the objects it nests."""
    data = service.data
    main = site.main_language
    sid = service.id
    org_name = data["organization"]["name"]
    organization: dict[str, Any] = {
        "id": str(uuid.uuid5(ORG_NAMESPACE, org_name)),
        "name": org_name,
        "description": org_name,  # HSDS requires one; our content has only the name
    }
    if data["organization"].get("url"):
        organization["website"] = data["organization"]["url"]
    out: dict[str, Any] = {
        "id": sid,
        "organization_id": organization["id"],
        "name": data["name"],
        "description": (data.get("description") or {}).get(main, ""),
        "status": "inactive" if data.get("status") == "inactive" else "active",
        "organization": organization,
    }
    if data.get("status") == "unverified":
        # In English, whatever the site's languages: the HSDS feed has always carried it so.
        out["alert"] = t("interface", "open_data_unverified_alert", "en")
    for key in ("url", "email"):
        if data.get(key):
            out[key] = data[key]
    for key in ("fees_description", "eligibility_description"):
        if data.get(key):
            out[key] = data[key].get(main) or next(iter(data[key].values()))
    if data.get("verified_on"):
        out["assured_date"] = data["verified_on"].isoformat()
    out["phones"] = [
        {
            "id": _sub_id(sid, f"phone/{p['type']}/{p['number']}"),
            "service_id": sid,
            "number": p["number"],
            "type": HSDS_PHONE_TYPES[p["type"]],
            **({"description": "WhatsApp"} if p["type"] == "whatsapp" else {}),
        }
        for p in _phones(service)
    ]
    out["schedules"] = _hsds_schedules(sid, data.get("schedule"), site.settings["timezone"])
    out["attributes"] = [_hsds_type(site, sid, term) for term in data.get("types", [])]
    if service.location:
        out["service_at_locations"] = [_hsds_location(sid, service, site.region)]
    areas = _hsds_service_areas(sid, service)
    if areas:
        out["service_areas"] = areas
    metadata = _hsds_metadata(sid, service)
    if metadata:
        out["metadata"] = metadata
    return out


def _hsds_service_areas(sid: str, service: Service) -> list[dict[str, Any]]:
    """Where it serves (`serves:`), one HSDS service area per region, named as the official
    list names it, with its Kemendagri code as the extent (`extent_type: text`, as HSDS allows
    for a code list); nothing when `serves:` is not written (it serves where its office is)."""
    if service.serves_regency is not None:
        regency = service.serves_regency
        places = [(regency.code, regency.name)]
    else:
        regency = service.regency
        suffix = f", {regency.name}" if regency else ""
        places = [(k.code, f"Kecamatan {k.name}{suffix}") for k in service.serves_kecamatan]
        kec = service.kecamatan
        where = f", Kecamatan {kec.name}{suffix}" if kec else suffix
        places += [(d.code, f"Desa {d.name}{where}") for d in service.serves_desa]
    return [
        {
            "id": _sub_id(sid, f"service_area/{code}"),
            "service_id": sid,
            "name": name,
            "description": f"Kode wilayah Kemendagri {code}",
            "extent": code,
            "extent_type": "text",
        }
        for code, name in places
    ]


TAXONOMY_ID = str(
    uuid.uuid5(uuid.NAMESPACE_URL, "https://ruangaman.invalid/taxonomy/service-types")
)


def _hsds_type(site: Site, sid: str, term_id: str) -> dict[str, Any]:
    """A service type from content/taxonomy.yml as an HSDS attribute with its taxonomy term."""
    main = site.main_language
    term = next((t for t in site.service_types if t["id"] == term_id), {})
    name = (term.get("name") or {}).get(main) or term_id
    description = (term.get("description") or {}).get(main) or name
    term_uuid = str(uuid.uuid5(uuid.UUID(TAXONOMY_ID), term_id))
    return {
        "id": _sub_id(sid, f"attribute/{term_id}"),
        "link_id": sid,
        "link_type": "service",
        "link_entity": "service",
        "taxonomy_term_id": term_uuid,
        "taxonomy_term": {
            "id": term_uuid,
            "code": term_id,
            "name": name,
            "description": description,
            "taxonomy_id": TAXONOMY_ID,
            "taxonomy_detail": {
                "id": TAXONOMY_ID,
                "name": "Ruang Aman service types",
                "description": "The service types of content/taxonomy.yml.",
            },
        },
    }


def _hsds_schedules(sid: str, schedule: dict | None, timezone: str) -> list[dict[str, Any]]:
    if not schedule:
        return []
    hours = utc_offset_hours(timezone)
    zone = _offset_text(hours)
    if schedule.get("open_24_hours"):
        weekly = [{"days": list(HSDS_DAYS), "opens_at": "00:00", "closes_at": "24:00"}]
    else:
        weekly = schedule.get("weekly") or []
    out = []
    for i, entry in enumerate(weekly):
        item: dict[str, Any] = {
            "id": _sub_id(sid, f"schedule/{i}"),
            "service_id": sid,
            "freq": "WEEKLY",
            "wkst": "MO",
            "byday": ",".join(HSDS_DAYS[d] for d in entry["days"]),
            "opens_at": entry["opens_at"] + zone,
            "closes_at": entry["closes_at"] + zone,
            "timezone": hours,
        }
        if entry["closes_at"] <= entry["opens_at"]:
            item["description"] = "Closes the next day."
        out.append(item)
    return out


def _hsds_location(sid: str, service: Service, region: Region | Area) -> dict[str, Any]:
    location = service.location
    kecamatan, desa = service.kecamatan, service.desa
    parts = [
        f"{desa.kind.title()} {desa.name}" if desa else location.get("desa"),  # as in addresses
        f"Kecamatan {kecamatan.name}" if kecamatan else location.get("kecamatan"),
        (service.regency or region).name,  # a wider site: the service's regency
    ]
    loc: dict[str, Any] = {
        "id": _sub_id(sid, "location"),
        "location_type": "physical",
        "name": ", ".join(p for p in parts if p),
    }
    if location.get("address"):
        loc["description"] = location["address"]
    if location.get("transportation"):
        loc["transportation"] = next(iter(location["transportation"].values()))
    for axis in ("latitude", "longitude"):
        if location.get(axis) is not None:
            loc[axis] = location[axis]
    return {
        "id": _sub_id(sid, "service_at_location"),
        "service_id": sid,
        "location_id": loc["id"],
        "location": loc,
    }


CSV_COLUMNS = [
    "id",
    "name",
    "organization",
    "types",
    "status",
    "kecamatan",
    "desa",
    "address",
    "latitude",
    "longitude",
    "phone",
    "whatsapp",
    "email",
    "url",
    "hours",
    "verified_on",
    "page",
]


def _csv_row(record: dict[str, Any]) -> dict[str, Any]:
    location = record["location"] or {}
    schedule = record["schedule"]
    if schedule is None:
        hours = ""
    elif schedule["open_24_hours"]:
        hours = "24/7"
    else:
        hours = "; ".join(
            f"{','.join(h['days'])} {h['opens_at']}-{h['closes_at']}" for h in schedule["weekly"]
        )
    phones = record["phones"]
    page = next(iter(record["pages"].values()))
    return {
        "id": record["id"],
        "name": record["name"],
        "organization": record["organization"]["name"],
        "types": " ".join(record["types"]),
        "status": record["status"],
        "kecamatan": location.get("kecamatan") or "",
        "desa": location.get("desa") or "",
        "address": location.get("address") or "",
        "latitude": location.get("latitude") if location.get("latitude") is not None else "",
        "longitude": location.get("longitude") if location.get("longitude") is not None else "",
        "phone": " ".join(p["number"] for p in phones if p["type"] == "voice"),
        "whatsapp": " ".join(p["number"] for p in phones if p["type"] == "whatsapp"),
        "email": record["email"] or "",
        "url": record["url"] or "",
        "hours": hours,
        "verified_on": record["verified_on"] or "",
        "page": page["url"] or page["path"],
    }


def _json(value: Any) -> bytes:
    """Compact JSON (without indentation Python's fast encoder writes it: 7,800 services in
    a fraction of a second instead of five)."""
    return (json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def _records(site: Site, services: list[Service], session: BuildSession) -> list[tuple[dict, dict]]:
    """(record, HSDS record) of each service. In a preview (`serve`) they are made again only
    when the service's file or what every record shows (`Site.digest`: site, taxonomy, area,
    languages) changed (`session.records`)."""
    shared = site.digest
    return [
        session.records.get(
            s.slug,
            digest(s.digest, shared),
            lambda s=s: (service_record(site, s), hsds_service(site, s)),
        )
        for s in services
    ]


def export_files(site: Site, session: BuildSession | None = None) -> dict[str, bytes]:
    """Every open-data file of the site: `{"api/services.json": bytes, ...}`. Every service and
    every hotline, closed ones too (with their `status`): the open data is the whole register."""
    session = session or BuildSession.one_shot()
    services = sorted(site.services, key=lambda s: s.data["name"].lower())
    hotlines = sorted(site.hotlines, key=lambda h: h.order)
    both = _records(site, services, session)
    records = [record for record, _ in both]
    region = site.region
    meta = {
        "version": API_VERSION,
        "site": site.settings.get("name"),
        "region": {"code": region.code, "name": region.name},
        "timezone": site.settings.get("timezone"),
    }
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in records:
        # No cell a spreadsheet program would run as a formula (a name `=HYPERLINK(…)`): an
        # apostrophe in front; plain numbers such as `+62 …` phones stay as they are.
        writer.writerow({k: csv_cell(v, numbers_ok=True) for k, v in _csv_row(record).items()})
    return {
        "api/services.json": _json({**meta, "services": records}),
        "api/hotlines.json": _json(
            {**meta, "hotlines": [hotline_record(site, h) for h in hotlines]}
        ),
        "api/services.csv": buffer.getvalue().encode("utf-8"),
        "api/hsds/services.json": _json([hsds for _, hsds in both]),
    }
