"""Raw HTML in guides and pages (issue 10, class 3): the rendered HTML of every page under docs/
is checked against an allow-list, and a built site never contains what it refuses."""

from __future__ import annotations

import re

import pytest
from conftest import GUIDE_ID, TODAY

from ruangaman.build import run_mkdocs_build
from ruangaman.build.plugin import RuangAmanPlugin
from ruangaman.validate import check_project, pagehtml

GUIDE = "docs/panduan/uji.id.md"
# GUIDE_ID has 10 lines; the test text starts on line 13 (after "Baris lain." between blanks).
START = 13


def problems(project):
    return check_project(project.root, today=TODAY)[2].errors


def write_guide(project, text: str) -> None:
    project.write(GUIDE, GUIDE_ID + "\nBaris lain.\n\n" + text + "\n")


# (hostile Markdown, the code refused, what the message names)
HOSTILE = [
    ("<script>alert(1)</script>", "page_html_element", "script"),
    ("<SCRIPT SRC=//e.example/x.js></SCRIPT>", "page_html_element", "script"),
    ('<iframe src="https://e.example"></iframe>', "page_html_element", "iframe"),
    ('<meta http-equiv="refresh" content="0;url=https://e.example">', "page_html_element", "meta"),
    ('<base href="https://e.example/">', "page_html_element", "base"),
    ('<form action="https://e.example/"><input name=q></form>', "page_html_element", "form"),
    ('<button formaction="javascript:alert(1)">x</button>', "page_html_element", "button"),
    ('<link rel="stylesheet" href="https://e.example/x.css">', "page_html_element", "link"),
    ("<style>@import 'https://e.example/x.css';</style>", "page_html_element", "style"),
    ('<object data="https://e.example/x"></object>', "page_html_element", "object"),
    ('<embed src="https://e.example/x">', "page_html_element", "embed"),
    ("<svg><script>alert(1)</script></svg>", "page_html_element", "svg"),
    ('<math><mtext><a xlink:href="javascript:alert(1)">x</a></mtext></math>', "page_html_element",
     "math"),
    ("<template><script>alert(1)</script></template>", "page_html_element", "template"),
    ('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript>',
     "page_html_element", "noscript"),
    ('<video src="v.mp4" poster="https://e.example/p.png"></video>', "page_html_element", "video"),
    ("<audio src=a.mp3 autoplay></audio>", "page_html_element", "audio"),
    ("<!-- catatan --><p>x</p>", "page_html_comment", ""),
    ("<!--><script>alert(1)</script>-->", "page_html_comment", ""),
    ("<![CDATA[x]]>", "page_html_element", "!"),
    # links, however they are spelled
    ("[a](javascript:alert(1))", "bad_link", "javascript:alert(1)"),
    ("[a](JaVaScRiPt:alert(1))", "bad_link", "JaVaScRiPt:alert(1)"),
    ("[a](&#x6A;avascript:alert(1))", "bad_link", "javascript:alert(1)"),
    ("[a](&#106;avascript:alert(1))", "bad_link", "javascript:alert(1)"),
    ("[a](java&Tab;script:alert(1))", "bad_link", "java\\tscript"),
    ("[a](javascript&colon;alert(1))", "bad_link", "javascript:alert(1)"),
    ("[a](<javascript:alert(1)>)", "bad_link", "javascript"),
    ("<javascript:alert(1)>", "bad_link", "javascript:alert(1)"),
    ("[a](data:text/html;base64,PHNjcmlwdD4=)", "bad_link", "data:text/html"),
    ("[a](vbscript:msgbox)", "bad_link", "vbscript:msgbox"),
    # a mail link holds one plain address: no copy to a stranger, no text written for the reader
    ("[surel](mailto:uptd@example.go.id?bcc=orang@elsewhere.example)", "bad_link", "bcc"),
    ("[surel](MAILTO:uptd@example.go.id%3Fbcc%3Dx@elsewhere.example)", "bad_link", "bcc"),
    ("[surel](mailto:a@example.go.id,b@elsewhere.example)", "bad_link", "elsewhere"),
    ('<a href="mailto:uptd@example.go.id?body=tolong">x</a>', "bad_link", "body"),
    ('<a href="&#x09;javascript:alert(1)">x</a>', "bad_link", "javascript:alert(1)"),
    ('<a HREF = "JAVASCRIPT:alert(1)">x</a>', "bad_link", "JAVASCRIPT:alert(1)"),
    ('<a href="java\nscript:alert(1)">x</a>', "bad_link", "java\\nscript"),
    ('<a href="jav&#x0A;ascript:alert(1)">x</a>', "bad_link", "jav\\nascript"),
    ("<a href='&#0000106;avascript:alert(1)'>x</a>", "bad_link", "javascript:alert(1)"),
    ("<div markdown>\n\n[x](javascript:alert(1))\n\n</div>", "bad_link", "javascript"),
    # attributes, also from attr_list's { ... }
    ('<p onclick="alert(1)">x</p>', "page_html_attribute", "onclick"),
    ('<P ONMOUSEOVER="alert(1)">x</P>', "page_html_attribute", "onmouseover"),
    ("Teks\n{: onclick=\"alert(1)\" }", "page_html_attribute", "onclick"),
    ("## Judul { onfocus=alert(1) tabindex=1 }", "page_html_attribute", "onfocus"),
    ("[t](cara.md){: onmouseover=alert(1) }", "page_html_attribute", "onmouseover"),
    ('Teks\n{: style="background: url(https://e.example/x.png)" }', "page_html_attribute",
     "style"),
    ('<span style="background:url(//e.example/x)">x</span>', "page_html_attribute", "style"),
    ('<div style="width: expression(alert(1))">x</div>', "page_html_attribute", "style"),
    ('<a href="cara.md" target="_blank">x</a>', "page_html_attribute", "target"),
    ('<a href="cara.md" ping="https://e.example/">x</a>', "page_html_attribute", "ping"),
    ('<img src="a.png" srcset="https://e.example/a.png 2x" alt="">', "page_html_attribute",
     "srcset"),
    ('<blockquote cite="https://e.example/">x</blockquote>', "page_html_attribute", "cite"),
    ("Teks\n{: .md-button }", "page_html_value", "md-button"),
    ("## Judul {#__drawer}", "page_html_value", "__drawer"),
    ('<td style="text-align: center; background: url(x)">x</td>', "page_html_value", "style"),
    # images only from the site itself
    ("![x](https://e.example/a.png)", "page_image_elsewhere", "https://e.example/a.png"),
    ("![x](http://e.example/a.png)", "page_image_elsewhere", "http://e.example/a.png"),
    ("![x](//e.example/a.png)", "page_image_elsewhere", "//e.example/a.png"),
    ("![x](/\\e.example/a.png)", "page_image_elsewhere", "e.example"),
    ("![x](data:image/png;base64,iVBORw0KGgo=)", "page_image_elsewhere", "data:image/png"),
    ('<img src=" //e.example/a.png" alt="">', "page_image_elsewhere", "e.example"),
    ('<IMG SRC="HTTPS://e.example/a.png">', "page_image_elsewhere", "e.example"),
    ("![x][r]\n\n[r]: https://e.example/a.png", "page_image_elsewhere", "e.example"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "code", "named"), HOSTILE)
def test_hostile_html_is_refused_with_a_located_message(project, text, code, named):
    write_guide(project, text)
    found = problems(project)
    assert found, text
    problem = found[0]
    assert (problem.code, problem.file) == (code, GUIDE)
    assert problem.line is not None and START - 1 <= problem.line <= START + text.count("\n")
    for lang in ("id", "en"):
        message = problem.what(lang) + problem.fix(lang)
        assert named in message


def test_reference_definition_is_located_on_its_own_line(project):
    write_guide(project, "[klik][r] di sini.\n\nParagraf.\n\n[r]: javascript&colon;alert(1)")
    problem = problems(project)[0]
    assert (problem.code, problem.line) == ("bad_link", START + 4)


def test_a_well_written_guide_passes(project):
    write_guide(
        project,
        """## Pertanyaan {#tanya}

1. **Tebal**, *miring*, `kode`, <abbr title="Unit Pelaksana">UPTD</abbr>, H<sub>2</sub>O.
2. [Cara melapor](cara-melapor.md), [SAPA](https://wa.me/628111129129), [129](tel:129),
   [surel](mailto:uptd@example.go.id), [sms](sms:129), <https://healing119.id>, [atas](#tanya).

> Kutipan dengan [tautan](../hotline.md).

| Layanan | Nomor |
| :------ | ----: |
| SAPA    | [129](tel:129) |

![Alur melapor](gambar/alur.png){ width=300 }

<details markdown>
<summary>Apa itu UPTD PPA?</summary>

Unit layanan **pemerintah** daerah.

</details>

<span lang="en">safe space</span>

---
""",
    )
    assert problems(project) == []


def test_the_page_shown_in_the_other_language_is_checked(project):
    project.remove("docs/panduan/uji.en.md")
    # Closing the wrapper staging puts around the body would let raw HTML out of it.
    write_guide(project, "Teks biasa.")
    assert problems(project) == []
    staged = pagehtml.fallback_wrapping("id", "en")
    assert 'lang="id" markdown' in staged[0]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("[" * 8000, "page_too_many_brackets"),
        ("[a " * 3000, "page_too_many_brackets"),
        (">" * 5000 + " x", "page_too_deep"),
        ("> " * 5000 + "x", "page_too_deep"),
        ("- " * 5000 + "x", "page_too_deep"),
        ("1. " * 5000 + "x", "page_too_deep"),
        ("".join("    " * i + "- x\n" for i in range(40)), "page_too_deep"),
        ("<div markdown>\n\n" * 500, "page_too_deep"),
        ("<em>" * 5000, "page_too_deep"),
        ("kata " * 30_000, "page_too_big"),
    ],
)
def test_pages_that_cannot_be_rendered_quickly_are_refused(project, text, code):
    write_guide(project, text)
    found = problems(project)
    assert [p.code for p in found] == [code]
    assert found[0].what("en") and found[0].fix("id")


def test_a_render_that_takes_too_long_is_stopped(project, monkeypatch):
    # Under the bracket limit per block, yet slow: the worker is stopped at the deadline.
    monkeypatch.setattr(pagehtml, "RENDER_SECONDS", 0.2)
    monkeypatch.setattr(pagehtml, "MAX_BRACKETS", 10**6)
    write_guide(project, "[" * 3000)
    found = problems(project)
    assert [p.code for p in found] == ["page_too_slow"]
    assert "0" in found[0].what("en") or "second" in found[0].what("en")
    monkeypatch.undo()
    write_guide(project, "Teks biasa.")
    assert problems(project) == []  # a new worker serves the next check


def test_the_shipped_pages_pass_and_render_as_the_build_does():
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    for path in sorted((root / "docs").rglob("*.md")):
        body = path.read_text(encoding="utf-8").split("---", 2)[2]
        findings, clean = pagehtml.examine_html(pagehtml.render_markdown(body))
        assert findings == [] and clean, path


def test_build_refuses_what_the_allow_list_would_change(project):
    """Defence in depth: the plugin checks the HTML MkDocs made, whatever `check` said."""
    plugin = RuangAmanPlugin()
    plugin.load_config({})
    with pytest.raises(Exception, match="onclick"):
        plugin._allowed_html('<p onclick="alert(1)">x</p>', "panduan/uji.id.md")
    assert plugin._allowed_html("<p>x &amp; y</p>", "x.md") == "<p>x &amp; y</p>"


BUILT_HOSTILE = """\
<script>window.HACKED=1</script>

[a](&#x6A;avascript:alert(1)) ![i](https://e.example/i.png) <iframe src="https://e.example"></iframe>

Teks
{: onclick="alert(1)" }
"""


def test_a_built_site_never_contains_refused_html(project, tmp_path):
    """The build refuses too (`mkdocs build` runs the check in the plugin), and nothing is
    published; a clean fixture site builds and its guide holds the allowed HTML only."""
    from mkdocs.exceptions import MkDocsException

    write_guide(project, BUILT_HOSTILE)
    with pytest.raises(MkDocsException):
        run_mkdocs_build(project.root, tmp_path / "bad")
    assert not list((tmp_path / "bad").rglob("*.html")) if (tmp_path / "bad").exists() else True
    write_guide(project, "## Bagian\n\n[Lapor](cara.md) dan ![alur](alur.png).")
    site = run_mkdocs_build(project.root, tmp_path / "good")
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "HACKED" not in text and "e.example" not in text
        assert not re.search(r"(?i)javascript:|on(click|error)=", text.replace("\\", ""))
