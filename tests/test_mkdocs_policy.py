"""mkdocs.yml from a pull request (issue 10): only the project's own settings are allowed."""

from __future__ import annotations

import pytest
from conftest import ROOT, TODAY

from ruangaman.validate import check_project
from ruangaman.validate.mkdocsconfig import check_mkdocs_file

SHIPPED = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_shipped_mkdocs_yml_is_allowed(project):
    assert check_mkdocs_file(ROOT / "mkdocs.yml") == []
    assert check_project(project.root, today=TODAY)[2].errors == []


@pytest.mark.parametrize(
    ("added", "field"),
    [
        ("hooks:\n  - evil.py\n", "hooks"),
        ("INHERIT: ../other.yml\n", "INHERIT"),
        ("nav:\n  - Evil: https://e.example/\n", "nav"),
        ("copyright: <script>alert(1)</script>\n", "copyright"),
        ("site_url: https://e.example/\n", "site_url"),
        ("repo_url: https://e.example/\n", "repo_url"),
        ("watch: [/etc]\n", "watch"),
        ("validation: {links: {absolute_links: ignore}}\n", "validation"),
    ],
)
def test_a_setting_outside_the_policy_is_refused_by_name(project, added, field):
    project.write("mkdocs.yml", SHIPPED + added)
    errors = check_project(project.root, today=TODAY)[2].errors
    assert [(p.code, p.file, p.field) for p in errors] == [("mkdocs_setting", "mkdocs.yml", field)]
    assert errors[0].line == SHIPPED.count("\n") + 1
    assert field in errors[0].what("en") and field in errors[0].what("id")


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("docs_dir: docs", "docs_dir: /proc/self", "docs_dir"),
        ("site_dir: site", "site_dir: ../../elsewhere", "site_dir"),
        ("custom_dir: overrides", "custom_dir: /tmp/theme", "theme.custom_dir"),
        ("  - tables\n", "  - tables\n  - pymdownx.snippets:\n      base_path: [/proc/self]\n",
         "markdown_extensions"),
        ("  - attr_list\n", "", "markdown_extensions"),
        ("      permalink: false", "      permalink: true", "markdown_extensions"),
        ("  - ruangaman   ", "  - search\n  - ruangaman   ", "plugins"),
        ("      docs_structure: suffix", "      docs_structure: folder",
         "plugins[1].i18n.docs_structure"),
        ("          build: true\n        - locale: en",
         "          build: true\n          link: https://e.example/\n        - locale: en",
         "plugins[1].i18n.languages[0].link"),
        ("  - assets/ruangaman.css", "  - https://e.example/x.css", "extra_css"),
        ("  - path: assets/ruangaman.js", "  - path: https://e.example/x.js", "extra_javascript"),
        ("  generator: false", "  generator: false\n  analytics: {provider: google, property: G-1}",
         "extra.analytics"),
        ("  font: false", "  font: {text: Roboto}", "theme.font"),
        ("  features: []", "  features: [navigation.instant]", "theme.features"),
        ("site_name: Ruang Aman", "site_name: !ENV RUANGAMAN_FTP_PASSWORD", None),
        ("    logo: material/shield-home-outline", "    logo: https://e.example/x.svg",
         "theme.icon.logo"),
    ],
)  # fmt: skip
def test_a_value_outside_the_policy_is_refused(project, old, new, field):
    assert old in SHIPPED
    project.write("mkdocs.yml", SHIPPED.replace(old, new, 1))
    errors = check_project(project.root, today=TODAY)[2].errors
    assert errors and all(p.file == "mkdocs.yml" and p.line for p in errors)
    if field is None:
        assert errors[0].code == "yaml_tag"
    else:
        assert field in [p.field for p in errors]
        assert errors[0].code in ("mkdocs_value", "mkdocs_setting")
        assert errors[0].fix("en") and errors[0].fix("id")


def test_plain_mkdocs_build_refuses_a_changed_config(project, tmp_path):
    """The plugin checks the file MkDocs was started with, even when `check` did not run."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    project.write("mkdocs.yml", SHIPPED.replace("  - tables\n", "  - tables\n  - abbr\n"))
    config = load_config(str(project.root / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    with pytest.raises(MkDocsException):
        build(config)
    assert not (tmp_path / "site" / "index.html").exists()


def test_a_mkdocs_yml_that_is_a_link_is_never_read(project, tmp_path):
    secret = tmp_path / "secret.yml"
    secret.write_text("site_name: RUANGAMAN_FTP_PASSWORD=hunter2\n")
    (project.root / "mkdocs.yml").unlink()
    (project.root / "mkdocs.yml").symlink_to(secret)
    _, _, report = check_project(project.root, today=TODAY)
    assert [(p.code, p.file) for p in report.errors] == [("file_symlink", "mkdocs.yml")]
    assert "hunter2" not in report.format("id") + report.format("en")
