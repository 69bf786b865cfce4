"""What the theme shows on every page: pinned hotlines, the Quick exit address, interface text.

The MkDocs plugin puts this into `config.extra["ruangaman"]`, and the overrides under
`overrides/partials/` read it; nothing here knows MkDocs. The hotlines are `Site.pinned`, the
one rule the posters, the booklet and share text use too, so the strip at the top of every
page names exactly the hotlines the other pages tell readers to call.
"""

from __future__ import annotations

from typing import Any

from ruangaman.model import QUICK_EXIT_DEFAULT, in_language
from ruangaman.paths import content_security_policy
from ruangaman.validate.site import Site


def pinned_hotlines(site: Site) -> list[dict[str, Any]]:
    """THE pinned hotlines (`Site.pinned`, the rule the posters and share text use too), in
    their `order`: name and short name per site language (as `t` has the interface text per
    language; the theme picks the page's), first call number, first WhatsApp."""
    languages = list(dict.fromkeys(["id", *site.languages]))
    pinned = []
    for hotline in site.pinned:
        data = hotline.data
        call, whatsapp = hotline.call, hotline.whatsapp
        pinned.append(
            {
                "name": {lang: in_language(data["name"], lang) for lang in languages},
                "short_name": {lang: hotline.short_name(lang) for lang in languages},
                "slug": hotline.slug,
                "call": {"href": call.tel, "display": call.display} if call else None,
                "whatsapp": {"href": whatsapp.href, "display": whatsapp.display}
                if whatsapp
                else None,
            }
        )
    return pinned


def theme_data(site: Site) -> dict[str, Any]:
    """Everything the page chrome needs, with the interface text of every site language."""
    return {
        "hotlines": pinned_hotlines(site),
        "exit_url": site.settings.get("quick_exit_url") or QUICK_EXIT_DEFAULT,
        "t": {lang: dict(site.interface.strings(lang)) for lang in site.languages},
        "csp": content_security_policy(meta=True),  # in every page's <head>
    }
