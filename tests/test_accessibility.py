"""Accessibility and valid HTML of the built site: axe-core on every page type in both
languages at a phone and a desktop width, and the Nu HTML Checker on every page."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import axe_playwright_python
import pytest
from conftest import ROOT
from pages import every_page

AXE = Path(axe_playwright_python.__file__).with_name("axe.min.js")
VNU = ROOT / "tools" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.fixture(scope="module")
def base(shipped_site, serve) -> str:
    return serve(shipped_site)


@pytest.mark.browser
@pytest.mark.parametrize("width", [360, 1280])
def test_axe_finds_no_violation_on_any_page_type(browser, base, width):
    # axe-core is added as an inline script, which every page's own policy (<meta>) refuses;
    # the policy itself is tested in test_headers_browser.py.
    page = browser.new_page(viewport={"width": width, "height": 800}, bypass_csp=True)
    found = {}
    for lang, kind, path in every_page():
        page.goto(base + path)
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        for violation in result["violations"]:
            targets = [node["target"] for node in violation["nodes"]][:3]
            found.setdefault(f"{kind} ({lang})", []).append(
                f"{violation['id']} [{violation['impact']}]: {targets}"
            )
    page.close()
    assert found == {}


@pytest.mark.browser
def test_axe_finds_no_violation_in_the_open_search(browser, base):
    page = browser.new_page(viewport={"width": 360, "height": 800}, bypass_csp=True)
    page.goto(base)
    page.click(".ra-search__open")
    page.fill(".pagefind-ui__search-input", "cegah")
    page.wait_for_selector(".pagefind-ui__result-link")
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    page.close()
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]] == []


def nu_errors(folder: Path) -> list[str]:
    """What the Nu HTML Checker finds wrong in every HTML file under `folder`."""
    java = shutil.which("java")
    if java is None or not VNU.exists():
        pytest.fail("The Nu HTML Checker needs java and tools/vnu: run `make test`")
    command = [java, "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "json"]
    result = subprocess.run([*command, str(folder)], capture_output=True, text=True, check=False)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [
        f"{m['url'].split(str(folder))[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages
    ]


@pytest.mark.vnu
def test_nu_html_checker_finds_no_error_in_the_built_site(shipped_site):
    errors = nu_errors(shipped_site)
    checked = sum(1 for p in shipped_site.rglob("*.html") if "pagefind" not in p.parts)
    assert checked > 100
    assert errors == []
