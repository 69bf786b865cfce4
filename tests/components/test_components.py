"""Every page component, rendered from its examples (examples.yml) with validated records: what a
reader gets from it (text, links, numbers to dial, text marked as another language) and that
names are text, never markup."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import SITE_YML, TODAY, Project

from ruangaman.render.inventory import Renderer
from ruangaman.validate import check_project

HERE = Path(__file__).parent
EXAMPLES = yaml.safe_load((HERE / "examples.yml").read_text(encoding="utf-8"))
COMPONENTS = Path(__file__).parents[2] / "src/ruangaman/render/templates/components"
SITE_URL = "https://ruangaman.contoh.test/kubu-raya/"
VOID = {"br", "img", "input", "hr", "meta", "link", "source", "wbr"}


class Reader(HTMLParser):
    """What a reader gets from a piece of HTML: its text, the text not hidden, its links and
    the elements marked with a language."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.shown: list[str] = []
        self.links: list[list[str]] = []
        self.marked: list[list[str]] = []
        self.open: list[dict] = []  # element, whether hidden, href, lang, its text

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in VOID:
            self.handle_data(" ")
            return
        found = dict(attrs)
        hidden = "hidden" in found or any(e["hidden"] for e in self.open)
        self.open.append(
            {"tag": tag, "hidden": hidden, "href": found.get("href"), "lang": found.get("lang")}
        )
        self.open[-1]["text"] = []

    def handle_endtag(self, tag: str) -> None:
        while self.open:
            element = self.open.pop()
            words = " ".join("".join(element["text"]).split())
            if element["href"] is not None:
                self.links.append([element["href"], words])
            if element["lang"] is not None:
                self.marked.append([element["lang"], words])
            if element["tag"] == tag:
                return

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if not any(e["hidden"] for e in self.open):
            self.shown.append(data)
        for element in self.open:
            element["text"].append(data)

    @classmethod
    def read(cls, html: str) -> Reader:
        reader = cls()
        reader.feed(html)
        reader.close()
        return reader


def words(parts: list[str]) -> str:
    return " ".join("".join(parts).split())


def _project(root: Path, with_url: bool) -> Renderer:
    project = Project(root)
    if with_url:
        project.write("content/site.yml", SITE_YML + f"url: {SITE_URL}\n")
    for slug, text in EXAMPLES["services"].items():
        project.write(f"content/services/{slug}.yml", text)
    for slug, text in EXAMPLES["hotlines"].items():
        project.write(f"content/hotlines/{slug}.yml", text)
    _, site, report = check_project(root, today=TODAY)
    assert not report.failed() and site is not None, report.format("en")
    return Renderer(site)


@pytest.fixture(scope="module")
def renderers(tmp_path_factory) -> dict[str, Renderer]:
    return {
        "with url": _project(tmp_path_factory.mktemp("components"), with_url=True),
        "without url": _project(tmp_path_factory.mktemp("components-no-url"), with_url=False),
    }


def _argument(value: object, renderer: Renderer) -> object:
    """ "service:<slug>" -> the validated service; "phones:" -> its checked numbers (the view's
    `phones`); "schedule:" -> its schedule as written."""
    if isinstance(value, list):
        return [_argument(v, renderer) for v in value]
    if isinstance(value, str) and value.split(":")[0] in ("service", "phones", "schedule"):
        what, _, slug = value.partition(":")
        [record] = [s for s in renderer.site.services if s.slug == slug]
        if what == "phones":
            return record.phones
        return record if what == "service" else record.data.get(what)
    return value


CASES = [
    pytest.param(name, example, id=f"{name}-{i}")
    for name, examples in EXAMPLES["components"].items()
    for i, example in enumerate(examples)
]


def test_every_component_has_its_own_file_and_examples():
    files = {p.name.removesuffix(".html.j2") for p in COMPONENTS.glob("*.html.j2")}
    assert files == set(EXAMPLES["components"])
    for name in files:  # one macro per file, named as the file
        text = (COMPONENTS / f"{name}.html.j2").read_text(encoding="utf-8")
        assert text.count("{% macro ") == 1 and f"{{% macro {name}(" in text, name


@pytest.mark.parametrize(("name", "example"), CASES)
def test_component_renders_what_its_example_says(renderers, name, example):
    renderer = renderers[example.get("project", "with url")]
    args = [_argument(a, renderer) for a in example["args"]]
    html = str(renderer.component(name, example["lang"], example["page"], *args))
    seen = Reader.read(html)
    assert words(seen.text) == example["text"], html
    if "shown" in example:
        assert words(seen.shown) == example["shown"], html
    if "links" in example:
        assert seen.links == example["links"], html
    if "marked" in example:
        assert seen.marked == example["marked"], html
    for piece in example.get("html", []):
        assert piece in html, (piece, html)
    for piece in example.get("absent", []):
        assert piece not in html, (piece, html)
    # Every address a reader can tap to call is a number the validator checked.
    checked = {
        p.tel
        for record in [*renderer.site.services, *renderer.site.hotlines]
        for p in record.phones
    }
    for href, _ in seen.links:
        if href.startswith("tel:"):
            assert href in checked, href
