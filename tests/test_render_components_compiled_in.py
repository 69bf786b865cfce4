"""A page's components are compiled into the page (`render.context._TemplateLoader`) instead of
being imported `with context` for every page: every page is the one the templates' own imports
make (the same HTML, table of contents, title, description and JSON-LD), on the shipped regency
site and on a province site (whose regency, area and type pages a regency site does not have)."""

from __future__ import annotations

import jinja2
import pytest
from conftest import ROOT, SERVICE_YML, TODAY, Project

from ruangaman.render.inventory import Renderer
from ruangaman.validate import check_project


def _importing_environment() -> jinja2.Environment:
    """The templates as Jinja reads them from their files, every import made per page."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("ruangaman.render", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def _province_project(project: Project) -> Project:
    text = (project.root / "content/site.yml").read_text(encoding="utf-8")
    project.write("content/site.yml", text.replace('region: "61.12"', 'region: "61"'))
    wide = SERVICE_YML.replace(
        "  kecamatan: Sungai Raya", "  kecamatan: Sungai Raya\n  kabupaten: Kubu Raya"
    )
    project.write("content/services/layanan-uji.yml", wide)
    project.write("content/services/layanan-lain.yml", wide.replace("Uji", "Lain"))
    return project


@pytest.mark.parametrize("which", ["shipped", "province"])
def test_pages_with_their_components_compiled_in_are_the_pages_the_imports_make(project, which):
    if which == "shipped":
        _, site, _ = check_project(ROOT)
    else:
        _, site, report = check_project(_province_project(project).root, today=TODAY)
        assert not report.failed()
    assert site is not None
    languages = list(site.languages)
    ours = Renderer(site)
    imported = Renderer(site)
    imported.env = _importing_environment()

    pages = ours.pages(languages)
    assert pages == imported.pages(languages)
    assert len(pages) > 40

    # Every page template that imports a component was compiled with it in place: the
    # comparison above is between two different compilations.
    compiled = 0
    for name in ours.env.list_templates(filter_func=lambda n: n.startswith("pages/")):
        written = imported.env.loader.get_source(imported.env, name)[0]
        source = ours.env.loader.get_source(ours.env, name)[0]
        if "with context" in written:
            assert "with context" not in source and "{% macro " in source
            compiled += 1
    assert compiled >= 10
