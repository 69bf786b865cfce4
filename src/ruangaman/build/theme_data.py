"""What the theme shows on every page: pinned hotlines, the Quick exit address, interface text.

The MkDocs plugin puts this into `config.extra["ruangaman"]`, and the overrides under
`overrides/partials/` read it; nothing here knows MkDocs. Hotlines come from validated content
(their numbers already parsed), so the strip at the top of every page shows exactly what the
hotlines page shows.
"""

from __future__ import annotations

from typing import Any

from ruangaman.load.discover import Content
from ruangaman.model import LANGUAGES, QUICK_EXIT_DEFAULT, in_language
from ruangaman.paths import content_security_policy
from ruangaman.text import strings


def _short_name(data: dict, lang: str) -> str:
    """`short_name` in `lang`, or the name cut before " (" ("SAPA 129 (Sahabat …)")."""
    if data.get("short_name"):
        return in_language(data["short_name"], lang)
    return in_language(data["name"], lang).split(" (")[0]


def pinned_hotlines(content: Content) -> list[dict[str, Any]]:
    """The `pinned: true` hotlines in their `order`: name and short name per site language (as
    `t` has the interface text per language; the theme picks the page's), first call number,
    first WhatsApp."""
    languages = list(dict.fromkeys(["id", *content.languages]))
    pinned = []
    for record in sorted(content.hotlines, key=lambda h: h.data.get("order", 0)):
        data = record.data
        if not data.get("pinned") or data.get("status") == "inactive":
            continue
        call = whatsapp = None
        for phone in data.get("phones") or []:
            parsed = phone.get("parsed")
            kind = phone.get("type") or "voice"
            if parsed is None:
                continue
            if kind == "voice" and call is None:
                call = {"href": parsed.tel, "display": parsed.display}
            elif kind == "whatsapp" and whatsapp is None:
                whatsapp = {"href": f"https://wa.me/{parsed.wa}", "display": parsed.display}
        if call or whatsapp:
            pinned.append(
                {
                    "name": {lang: in_language(data["name"], lang) for lang in languages},
                    "short_name": {lang: _short_name(data, lang) for lang in languages},
                    "slug": record.slug,
                    "call": call,
                    "whatsapp": whatsapp,
                }
            )
    return pinned


def theme_data(content: Content) -> dict[str, Any]:
    """Everything the page chrome needs, with the interface text of every site language."""
    return {
        "hotlines": pinned_hotlines(content),
        "exit_url": content.site.get("quick_exit_url") or QUICK_EXIT_DEFAULT,
        "t": {lang: strings(lang) for lang in content.languages if lang in LANGUAGES},
        "csp": content_security_policy(meta=True),  # in every page's <head>
    }
