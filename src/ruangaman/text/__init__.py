"""Interface text per language: `strings("en")["call"]` -> "Call"."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml


@cache
def strings(lang: str) -> dict:
    """The interface text table of one language (`id` or `en`)."""
    text = resources.files("ruangaman.text").joinpath(f"{lang}.yml").read_text("utf-8")
    return yaml.safe_load(text)
