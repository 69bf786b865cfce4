"""Stage the pages for the build: docs/ as written, plus the rendered data pages, in one folder.

The staging folder (`.staging/docs`, ignored by git) is what MkDocs reads. Files are written only
when their text changed and files no longer produced are removed, so a rebuild after one edit
touches one file and `mkdocs serve` does not loop on its own writes.

A page that has no English version is staged in English as the Indonesian page with a notice,
so every page exists in every language and the language switcher always has a target. A
translation whose source changed after it was marked (`validate.freshness`: STALE) is staged
with a notice that it may be older, linking to the main-language page; being in the staged
file, the notice comes and goes with it under `serve` like any other edit.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ruangaman.load.discover import Content
from ruangaman.load.projectfiles import read_file
from ruangaman.paths import SiteUrls
from ruangaman.session import WrittenFiles
from ruangaman.text import stale_notice
from ruangaman.validate.freshness import STALE, page_translations, with_notice
from ruangaman.validate.pagehtml import fallback_page

STAGING = Path(".staging") / "docs"


Planned = dict[str, str | Path]


def planned_files(content: Content, rendered: dict[str, str]) -> Planned:
    """Everything the staging folder must hold: relative path -> text, or a file to copy.

    `rendered` holds the generated pages (`name.<lang>.md` text). Files that are not pages
    (open data, vCards) do not go through MkDocs: `outputs.write_outputs` puts them in the site.
    """
    docs = content.root / "docs"
    files: Planned = {}
    # Only the regular files `projectfiles.scan` accepted: never a link, a FIFO, a device, a
    # hard link, a host file or a file of a type a page may not use.
    # A page in a language the site does not have is not published (`check` warns about it).
    foreign = {
        p.rel.removeprefix("docs/") for p in content.pages if p.lang not in content.languages
    }
    for rel in content.files.under("docs"):
        if rel not in foreign:
            files[rel] = docs / rel
    main = content.languages[0]
    for name, other in shown_in_main_language(content):
        source = docs / f"{name}.{main}.md"
        text = read_file(source, content.root).decode("utf-8")
        files[f"{name}.{other}.md"] = fallback_page(text, main, other, content.interface)
    urls = SiteUrls.of(content)
    for translation in page_translations(content.pages, tuple(content.languages)):
        if translation.state == STALE:
            page = translation.page
            href = urls.asset(page.lang, page.name, urls.site_path(main, page.name))
            text = read_file(docs / page.rel.removeprefix("docs/"), content.root).decode("utf-8")
            notice = stale_notice(page.lang, href, interface=content.interface)
            files[page.rel.removeprefix("docs/")] = with_notice(text, notice)
    files.update(rendered)
    return files


def shown_in_main_language(content: Content) -> list[tuple[str, str]]:
    """THE pages shown in another language: `(name, lang)` of each page of docs/ that has no
    version in `lang`, staged there as the main language's page with the notice. They are no
    translation: a page's head and the sitemap do not list them as its versions."""
    main = content.languages[0]
    have = {(p.name, p.lang) for p in content.pages}
    return [
        (name, other)
        for name, lang in sorted(have)
        if lang == main
        for other in content.languages[1:]
        if (name, other) not in have
    ]


def stage(
    content: Content, rendered: dict[str, str], target: Path, written: WrittenFiles
) -> list[str]:
    """Make `target` hold exactly the planned files; return the paths that changed.

    `written` is the session's record of staged files (`session.staged`): a rebuild in
    `ruangaman serve` compares in memory instead of reading every staged file back; a one-shot
    build reads each one back, so that an unchanged file keeps its time."""
    planned = planned_files(content, rendered)
    changed: list[str] = []
    target.mkdir(parents=True, exist_ok=True)
    for rel, source in planned.items():
        dest = target / rel
        if isinstance(source, Path):
            new = read_file(source, content.root)  # opened without following any link
        else:
            new = source.encode("utf-8")
        if written.write(dest, new, read_back=True):
            changed.append(rel)
    for path in sorted(target.rglob("*"), reverse=True):
        rel = path.relative_to(target).as_posix()
        if path.is_file() and rel not in planned:
            path.unlink()
            written.forget(path)
            changed.append(rel)
        elif path.is_dir() and not any(path.iterdir()):
            shutil.rmtree(path)
    return changed
