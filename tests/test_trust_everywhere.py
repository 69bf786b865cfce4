"""Markup in EVERY text field of every content file and page (issue 10): the site still builds,
shows the text as the editor typed it, and no page holds an element or attribute it brought.

The other trust tests try many spellings in a few fields; this one tries one spelling in all of
them, walking the model, so a field added later is covered without anyone remembering to."""

from __future__ import annotations

import html.parser
import json
from pathlib import Path

import pytest
import yaml
from conftest import GUIDE_EN, GUIDE_ID, TODAY

from ruangaman import model
from ruangaman.build import run_mkdocs_build
from ruangaman.validate import check_project

HOSTILE = "Tes <script>alert(1)</script>\"'><img src=x onerror=alert(2)> & {{ 7*7 }}"
# Text fields whose value is not free text: checked by rules of their own elsewhere.
NOT_FREE_TEXT = {("publish", "destination"), ("service_types", "[]", "group")}


def poison(value, spec: model.Field, path: tuple = ()):
    """`value` with every free-text field the model describes set to HOSTILE (in every
    language for bilingual ones), adding the optional ones that are missing."""
    limit = spec.max_length or len(HOSTILE) + 3  # as much of it as the field may hold
    if spec.kind == model.TEXT:
        return HOSTILE[:limit]
    if spec.kind == model.LOCALIZED:
        return {"id": (HOSTILE + " id")[:limit], "en": (HOSTILE + " en")[:limit]}
    if spec.kind == model.OBJECT and isinstance(value, dict):
        out = dict(value)
        for child in spec.fields:
            if (*path, child.name) in NOT_FREE_TEXT:
                continue
            if child.kind in (model.TEXT, model.LOCALIZED) or child.name in out:
                out[child.name] = poison(out.get(child.name), child, (*path, child.name))
        return out
    if spec.kind == model.LIST and isinstance(value, list) and spec.item is not None:
        return [poison(item, spec.item, (*path, "[]")) for item in value]
    return value


def rewrite(project, rel: str, spec: model.Field) -> None:
    path = project.root / rel
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    project.write(rel, yaml.safe_dump(poison(data, spec), allow_unicode=True, sort_keys=False))


def rewrite_page(project, rel: str, text: str) -> None:
    front, body = text.split("---\n", 2)[1:]
    meta = poison(yaml.safe_load(front), model.GUIDE)
    project.write(rel, "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + body)


class Elements(html.parser.HTMLParser):
    """Every element and attribute of a page as a browser would build them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.brought: list[str] = []
        self.in_script = False
        self.in_data = False
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.in_script = tag == "script"
        # Structured data is a data block no browser runs (issue 17): its text must be JSON
        # that holds no markup, whatever the hostile text inside its strings says.
        self.in_data = self.in_script and attrs == [("type", "application/ld+json")]
        for name, _ in attrs:
            if name.startswith("on"):
                self.brought.append(f"<{tag} {name}>")
        if tag == "img" and ("src", "x") in attrs:
            self.brought.append("<img src=x>")

    def handle_data(self, data):
        if self.in_data:
            json.loads(data)
            if "<" in data:
                self.brought.append("<script type=application/ld+json> with markup")
        elif self.in_script and "alert(" in data:
            self.brought.append("<script>alert")
        self.text.append(data)

    def handle_endtag(self, tag):
        self.in_script = self.in_data = False


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    from conftest import Project

    project = Project(tmp_path_factory.mktemp("everywhere"))
    rewrite(project, "content/site.yml", model.SITE)
    rewrite(project, "content/taxonomy.yml", model.TAXONOMY)
    rewrite(project, "content/services/layanan-uji.yml", model.SERVICE)
    rewrite(project, "content/hotlines/sapa-129.yml", model.HOTLINE)
    rewrite_page(project, "docs/panduan/uji.id.md", GUIDE_ID)
    rewrite_page(project, "docs/panduan/uji.en.md", GUIDE_EN)
    _, _, report = check_project(project.root, today=TODAY)
    assert not report.errors, report.format("en")
    return run_mkdocs_build(project.root, project.root / "site")


def test_markup_in_every_text_field_builds_and_runs_nowhere(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 10
    brought = {}
    for page in pages:
        reader = Elements()
        reader.feed(page.read_text(encoding="utf-8"))
        if reader.brought:
            brought[page.relative_to(hostile_site).as_posix()] = reader.brought
    assert brought == {}


@pytest.mark.parametrize(
    "rel",
    [
        "layanan/layanan-uji/index.html",
        "en/layanan/layanan-uji/index.html",
        "panduan/uji/index.html",
    ],
)
def test_the_text_is_shown_as_typed(hostile_site, rel):
    reader = Elements()
    reader.feed((hostile_site / rel).read_text(encoding="utf-8"))
    shown = "".join(reader.text)
    assert HOSTILE in shown
    assert "&amp;" not in shown  # escaped once: the reader sees "&", never "&amp;"


@pytest.mark.parametrize(
    ("rel", "text", "line"),
    [
        ("docs/panduan/uji.id.md", GUIDE_ID.replace("title: Panduan uji", "title: Pan\x00duan"), 2),
        ("content/services/layanan-uji.yml", "name: Layanan\nphones:\n  - number: '1\x01'\n", 3),
        ("content/hotlines/sapa-129.yml", "name: SAPA\x7f 129\n", 1),
        ("content/site.yml", "name: Situs\ntagline: x\ufffe\n", 2),
    ],
)
def test_a_character_yaml_refuses_is_a_located_message(project, rel, text, line):
    project.write(rel, text)
    _, _, report = check_project(project.root, today=TODAY)
    (problem,) = [p for p in report.errors if p.code == "file_control_character"]
    assert (problem.file, problem.line) == (rel, line)
    assert "U+" in problem.what("id") and "U+" in problem.what("en")
