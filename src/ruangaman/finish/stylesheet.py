"""The site's stylesheet: the rules of the theme's stylesheets that this site's pages can use,
then the project's own, minified into files named by their content hash (issue 16).

Material ships 150 KB of CSS for every feature it has (icons as data addresses, search, tabs,
blog, code highlighting, dark schemes); a page of this site uses a fifth of it. A rule is kept
when each part of its selector names only what some built page has (`Tokens`: the tags,
classes, ids and attributes of every page, collected as pages are written), and whatever state
a reader can put a page in is kept with it: pseudo-classes (`:hover`, `:focus`, `:checked` of
the drawer's checkbox), pseudo-elements, `:not()`, every `@media` width and print. Custom
properties that no kept declaration reads (Material's icons) are dropped. The project's own
stylesheet (`render/static/ruangaman.css`) is kept whole: its rules for states that only our
scripts set (`ra-exiting`, "open now") cannot be seen in the built pages. The rules for every
screen are one file (one gzip stream compresses better than three); those for wide screens and
print, where moving them keeps the cascade, are two more that a phone fetches last
(`site_stylesheets`). A first view then fits one round trip (14 KB gzip).

Nothing here changes the Content Security Policy: the file is the site's own (`style-src 'self'`)
and holds no address other than the `data:` images the theme already used.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

import tinycss2
from tinycss2 import ast

from ruangaman.paths import STYLESHEET_LINK

# What a page's markup is made of: a start tag's name and its attributes.
_START_TAG = re.compile(r"<[a-zA-Z][^>]*>")
_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>")
_ATTR = re.compile(r"""([^\s"'=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
# Elements and attributes our scripts or Pagefind's interface can add after a page is shown.
ADDED_BY_SCRIPTS = (
    "form input button img mark ol ul li p svg path span div a h3 label",
    "aria-expanded data-open hidden",
)
# Where a script gives an element a class: `x.className = …;`, `classList.add(…)`.
_SCRIPT_SETS_CLASS = re.compile(r"(?:\.className\s*=|classList\.(?:add|toggle)\()([^;]*)")
_CLASS_NAME = re.compile(r"\b(ra-[\w-]+)")
# Pseudo-classes whose argument is a selector the element itself must match.
_MATCHES_ANY = frozenset({"is", "where", "matches", "-webkit-any", "-moz-any"})
VAR = re.compile(r"var\(\s*(--[A-Za-z0-9_-]+)")
# Where every page links the stylesheet before its hashed name is known.
PLACEHOLDER = STYLESHEET_LINK
# Rules for screens this wide (in em, as Material's breakpoints) and wider are a sheet of their
# own: Material's 60em is where its table of contents becomes a sidebar; phones are narrower.
WIDE_FROM = 60


def start_tags(page_html: str) -> frozenset[str]:
    """The different start tags of a page, as written: what `Tokens` reads it by."""
    return frozenset(_START_TAG.findall(page_html))


@dataclass
class Tokens:
    """Everything the built pages are made of, across every page (lower-case tags and
    attribute names; classes, ids and attribute values as written)."""

    tags: set[str] = field(default_factory=lambda: {"html", "body"})
    classes: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    attributes: set[str] = field(default_factory=set)
    values: set[tuple[str, str]] = field(default_factory=set)
    # For each tag, class and attribute (Material's `data-md-*` with their values), what else
    # the elements that have it have: which rules can style one element (`_by_sheet`).
    together: dict[str, set[str]] = field(default_factory=dict)
    scripted: set[str] = field(default_factory=set)  # classes and attributes our scripts set
    seen: set[str] = field(default_factory=set, repr=False)  # start tags already read

    def add_page(self, page_html: str) -> None:
        self.add_start_tags(_START_TAG.findall(page_html))

    def add_start_tags(self, tags: Iterable[str]) -> None:
        # A start tag seen before adds nothing new: most repeat from page to page.
        seen = self.seen
        for whole in tags:
            if whole in seen:
                continue
            seen.add(whole)
            self._add_tag(*_TAG.match(whole).groups())

    def _add_tag(self, tag: str, attrs: str) -> None:
        tag = tag.lower()
        self.tags.add(tag)
        element = {tag}
        if attrs.strip():
            for name, v1, v2, v3 in _ATTR.findall(attrs):
                name = name.lower()
                value = v1 or v2 or v3
                self.attributes.add(name)
                self.values.add((name, value))
                element.add(f"[{name}]")
                if name == "class":
                    self.classes.update(value.split())
                    element.update(f".{c}" for c in value.split())
                elif name == "id":
                    self.ids.add(value)
                elif name.startswith("data-md-"):
                    element.add(f"[{name}={value}]")
        for key in element:
            self.together.setdefault(key, set()).update(element)

    def add_scripts(self, scripts: list[str]) -> None:
        """What our scripts (their texts) and Pagefind's interface can add to a page."""
        tags, attributes = ADDED_BY_SCRIPTS
        self.tags.update(tags.split())
        self.attributes.update(attributes.split())
        self.scripted.update(f"[{name}]" for name in attributes.split())
        # A class a script gives an element that has a class the pages have ("open now":
        # `ra-open-now ra-open-now--open`) goes with that element; any other could be anywhere.
        # Call this after every page is added.
        for script in scripts:
            for assigned in _SCRIPT_SETS_CLASS.findall(script):
                names = {f".{name}" for name in _CLASS_NAME.findall(assigned)}
                hosts = [name for name in names if name in self.together]
                if not hosts:
                    self.scripted.update(names)
                    continue
                with_hosts = set().union(*(self.together[name] for name in hosts)) | names
                for name in names - set(hosts):
                    self.together[name] = with_hosts
                    self.classes.add(name[1:])


# --- selectors ---------------------------------------------------------------------------------


def _split(tokens: list, on: str = ",") -> list[list]:
    parts: list[list] = [[]]
    for token in tokens:
        if token.type == "literal" and token.value == on:
            parts.append([])
        else:
            parts[-1].append(token)
    return parts


def _attribute_can_match(block: ast.SquareBracketsBlock, tokens: Tokens) -> bool:
    parts = [t for t in block.content if t.type not in ("whitespace", "comment")]
    if not parts or parts[0].type != "ident":
        return True  # a namespace or something unusual: keep
    name = parts[0].lower_value
    if name not in tokens.attributes:
        return False
    rest = parts[1:]
    if len(rest) >= 2 and rest[0].type == "literal" and rest[0].value == "=":
        value_token = rest[1]
        if value_token.type in ("ident", "string"):
            case_insensitive = any(t.type == "ident" and t.lower_value == "i" for t in rest[2:])
            wanted = value_token.value
            if name == "class":
                return wanted in tokens.classes
            if case_insensitive:
                return any(n == name and v.lower() == wanted.lower() for n, v in tokens.values)
            return (name, wanted) in tokens.values
    return True  # ^= $= *= ~= |= : the attribute is there, the value may fit


def selector_can_match(selector: list, tokens: Tokens) -> bool:
    """Whether every simple selector of `selector` names something the pages have."""
    items = [t for t in selector if t.type != "comment"]
    i = 0
    while i < len(items):
        token = items[i]
        kind = token.type
        if kind == "ident":
            if token.lower_value not in tokens.tags:
                return False
        elif kind == "hash":
            if token.value not in tokens.ids:
                return False
        elif kind == "[] block":
            if not _attribute_can_match(token, tokens):
                return False
        elif kind == "literal" and token.value == "." and i + 1 < len(items):
            i += 1
            if items[i].type == "ident" and items[i].value not in tokens.classes:
                return False
        elif kind == "literal" and token.value == ":":
            i += 1
            while i < len(items) and items[i].type == "literal" and items[i].value == ":":
                i += 1  # a pseudo-element: always possible
            if i < len(items) and items[i].type == "function":
                name = items[i].lower_name
                if name in _MATCHES_ANY:
                    arguments = _split(items[i].arguments)
                    if not any(selector_can_match(a, tokens) for a in arguments):
                        return False
                elif name == "has":
                    arguments = _split(items[i].arguments)
                    if not any(selector_can_match(a, tokens) for a in arguments):
                        return False
                # :not(), :nth-child() and the rest: a state a page can be in
        i += 1
    return True


# --- rules -------------------------------------------------------------------------------------


def _serialize(values: list) -> str:
    """Component values as short as they stay the same: comments gone, whitespace one space,
    none around commas, combinators and braces' contents."""
    out: list[str] = []
    pending_space = False
    for token in values:
        if token.type == "comment":
            continue
        if token.type == "whitespace":
            pending_space = True
            continue
        text = token.serialize()
        if token.type in ("number", "dimension", "percentage") and text[:2] in ("0.", "-0"):
            text = text.replace("0.", ".", 1) if text.startswith(("0.", "-0.")) else text
        tight = token.type == "literal" and token.value in (",", ">", "+", "~", "/", "{", "}")
        if pending_space and out and not tight and out[-1] not in (",", ">", "+", "~", "/", "("):
            out.append(" ")
        pending_space = False
        out.append(text)
    return "".join(out).strip()


def _declarations(content: list) -> list[ast.Declaration]:
    return [
        d
        for d in tinycss2.parse_blocks_contents(content, skip_comments=True, skip_whitespace=True)
        if d.type == "declaration"
    ]


def _declaration_text(d: ast.Declaration) -> str:
    # A custom property's value is kept as written (it may hold anything).
    custom = d.name.startswith("--")
    text = tinycss2.serialize(d.value).strip() if custom else _serialize(d.value)
    return f"{d.name}:{text}{'!important' if d.important else ''}"


@dataclass
class _Kept:
    """A rule kept, before unused custom properties are dropped."""

    prelude: str
    declarations: list[ast.Declaration] | None = None  # a style rule (or @font-face, @page)
    children: list[_Kept] | None = None  # @media, @supports
    raw: str | None = None  # kept as it is (@keyframes, @import, @charset…)


def _keep(rules: list, tokens: Tokens | None) -> list[_Kept]:
    """The rules whose selectors can match `tokens` (every rule when `tokens` is None)."""
    kept: list[_Kept] = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s for s in _split(rule.prelude) if _serialize(s)]
            fitting = [s for s in selectors if tokens is None or selector_can_match(s, tokens)]
            if fitting:
                prelude = ",".join(_serialize(s) for s in fitting)
                kept.append(_Kept(prelude, declarations=_declarations(rule.content)))
        elif rule.type == "at-rule":
            name = rule.lower_at_keyword
            prelude = f"@{rule.at_keyword} {_serialize(rule.prelude)}".rstrip()
            if name in ("media", "supports", "container", "layer") and rule.content is not None:
                inner = _keep(tinycss2.parse_rule_list(rule.content, True, True), tokens)
                if inner:
                    kept.append(_Kept(prelude, children=inner))
            elif name in ("font-face", "page") and rule.content is not None:
                kept.append(_Kept(prelude, declarations=_declarations(rule.content)))
            elif rule.content is None:
                kept.append(_Kept(prelude, raw=prelude + ";"))
            else:  # @keyframes and the rest: as written, dropped later if nothing names it
                kept.append(_Kept(prelude, raw=f"{prelude}{{{_minify_block(rule.content)}}}"))
    return kept


def _minify_block(content: list) -> str:
    parts = []
    for rule in tinycss2.parse_rule_list(content, True, True):
        if rule.type == "qualified-rule":
            body = ";".join(_declaration_text(d) for d in _declarations(rule.content))
            parts.append(f"{_serialize(rule.prelude)}{{{body}}}")
    return "".join(parts)


def _walk(kept: list[_Kept]) -> Iterator[_Kept]:
    for rule in kept:
        yield rule
        if rule.children:
            yield from _walk(rule.children)


def _used_properties(kept: list[_Kept]) -> set[str]:
    """Custom properties that a kept declaration reads, and those their values read in turn."""
    defined: dict[str, list[str]] = {}
    reads: set[str] = set()
    for rule in _walk(kept):
        if rule.raw:
            reads.update(VAR.findall(rule.raw))
        for d in rule.declarations or ():
            text = tinycss2.serialize(d.value)
            if d.name.startswith("--"):
                defined.setdefault(d.name, []).append(text)
            else:
                reads.update(VAR.findall(text))
    used: set[str] = set()
    todo = list(reads)
    while todo:
        name = todo.pop()
        if name in used:
            continue
        used.add(name)
        for text in defined.get(name, ()):
            todo.extend(VAR.findall(text))
    return used


def _keyframes_used(kept: list[_Kept]) -> str:
    texts = []
    for rule in _walk(kept):
        for d in rule.declarations or ():
            if d.lower_name in ("animation", "animation-name"):
                texts.append(tinycss2.serialize(d.value))
    return " ".join(texts)


def _write(kept: list[_Kept], used: set[str], animations: str) -> str:
    out = []
    for rule in kept:
        if rule.children is not None:
            inner = _write(rule.children, used, animations)
            if inner:
                out.append(f"{rule.prelude}{{{inner}}}")
        elif rule.declarations is not None:
            body = ";".join(
                _declaration_text(d)
                for d in rule.declarations
                if not d.name.startswith("--") or d.name in used
            )
            if body:
                out.append(f"{rule.prelude}{{{body}}}")
        elif rule.raw is not None:
            if "keyframes" in rule.prelude.lower():
                name = rule.prelude.split()[-1]
                if not re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", animations):
                    continue
            out.append(rule.raw)
    return "".join(out)


@dataclass(frozen=True)
class Sheet:
    """One file of the site's stylesheet: the media it applies to ("" for all) and its rules."""

    stem: str
    media: str
    text: str

    @property
    def name(self) -> str:
        """Its address under the site root: the name carries its content's hash, so a host may
        let browsers keep it for a year (finish.hostfiles' long cache)."""
        digest = hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:8]
        return f"assets/stylesheets/{self.stem}.{digest}.min.css"

    def link(self, prefix: str) -> str:
        media = f' media="{self.media}"' if self.media else ""
        return f'<link rel="stylesheet" href="{prefix}{self.name}"{media}>'


# The sheets, in the order pages link them. A phone's first view needs only the first: a
# browser fetches a stylesheet whose media do not match late and paints without it.
WIDE = f"screen and (min-width: {WIDE_FROM}em)"
_SHEETS = (("ruangaman", ""), ("ruangaman-wide", WIDE), ("ruangaman-print", "print"))
_MIN_WIDTH = re.compile(r"screen and \(min-width: ?([0-9.]+)em\)")


def _sheet_of(rule: _Kept) -> str:
    """The media of the sheet a top-level @media rule may go to ("" for the first sheet)."""
    if rule.children is None:
        return ""
    query = rule.prelude.removeprefix("@media").strip().lower()
    if query == "print":
        return "print"
    wide = _MIN_WIDTH.fullmatch(query)
    if wide and float(wide.group(1)) >= WIDE_FROM:
        return WIDE
    return ""


# --- the cascade: a rule moves to a later sheet only where no rule after it could override it -

_PARENTHESES = re.compile(r"\([^()]*\)")
_ATTRIBUTE = re.compile(r"\[([\w-]+)(?:[~|^$*]?=\"?([^\"\]]*)\"?)?(?:\s+[is])?\]")
_COMBINATOR = re.compile(r"[\s>+~]+")
_SIMPLE = re.compile(r"([.#]?)(-?[A-Za-z_][\w-]*)")
_FAMILIES = MappingProxyType({
    "top": "inset", "right": "inset", "bottom": "inset", "left": "inset",
    "width": "size", "height": "size", "inline": "size", "block": "size", "min": "size",
    "max": "size", "row": "gap", "column": "gap", "place": "align", "justify": "align",
})  # fmt: skip


def _subjects(prelude: str) -> list[frozenset[str]] | None:
    """For each selector of a list, what the element it styles has (its last compound: `a`,
    `.md-nav`, `[data-md-component=skip]`, `[hidden]`), or None when one of them can be any
    element (`*`, `:target`, an id)."""
    found = []
    for selector in prelude.split(","):
        text = selector.split("::")[0]
        while _PARENTHESES.search(text):  # :not(…), :is(…): not the element itself
            text = _PARENTHESES.sub("", text)
        last = _COMBINATOR.split(text.strip())[-1]
        names = set()
        for m in _ATTRIBUTE.finditer(last):
            name, value = m.group(1).lower(), m.group(2)
            exact = value is not None and re.search(r"[^~|^$*]=", m.group(0))
            names.add(f"[{name}={value}]" if exact and name.startswith("data-md-") else f"[{name}]")
        bare = _ATTRIBUTE.sub("", last)
        if "#" in bare:
            return None
        for m in _SIMPLE.finditer(bare):
            if m.group(1) == ".":
                names.add("." + m.group(2))
            elif m.start() == 0:
                names.add(m.group(2).lower())
        if not names:
            return None
        found.append(frozenset(names))
    return found


def _families(rule: _Kept) -> set[tuple[str, bool]]:
    """What a rule's declarations set, by family (`margin-left` and `margin` are one) and
    importance (an `!important` one wins over the others wherever it stands)."""
    families = set()
    for d in rule.declarations or ():
        name = d.lower_name.removeprefix("-webkit-").removeprefix("-moz-")
        if not name.startswith("--"):
            name = name.split("-")[0]
            name = _FAMILIES.get(name, name)
        families.add((name, d.important))
    return families


def _may_override(a: tuple, b: tuple, tokens: Tokens) -> bool:
    """Whether two rules could set the same thing on one element of the pages: what both
    selectors ask of the element is found together on the pages' elements (or added by our
    scripts, which could be anywhere)."""
    (subjects_a, families_a), (subjects_b, families_b) = a, b
    if not families_a & families_b:
        return False
    if subjects_a is None or subjects_b is None:
        return True
    for x in subjects_a:
        for y in subjects_b:
            both = (x | y) - tokens.scripted  # a script may set those on any element
            if not both or any(both <= tokens.together.get(n, frozenset()) for n in both):
                return True
    return False


def _by_sheet(kept: list[_Kept], tokens: Tokens) -> dict[str, list[_Kept]]:
    """The kept rules sorted into sheets. A rule of a wide-screen or print @media block moves
    to that sheet (after the first one) only when no rule that stays behind it in the first
    sheet could set the same thing on the same elements: moving it would let it win where it
    lost before. The rest stays where it was."""
    sheets: dict[str, list[_Kept]] = {media: [] for _, media in _SHEETS}
    after: list[tuple] = []  # what the rules behind this point in the first sheet set
    placed: list[tuple[str, _Kept]] = []
    for rule in reversed(kept):
        media = _sheet_of(rule)
        if not media:
            placed.append(("", rule))
            after.extend(_effects(rule))
            continue
        moved, stays = [], []
        for child in rule.children or ():
            effect = (_subjects(child.prelude), _families(child))
            if child.declarations is not None and not any(
                _may_override(effect, a, tokens) for a in after
            ):
                moved.append(child)
            else:
                stays.append(child)
        if moved:
            placed.append((media, _Kept(rule.prelude, children=moved)))
        if stays:
            placed.append(("", _Kept(rule.prelude, children=stays)))
            after.extend(e for child in stays for e in _effects(child))
    for media, rule in reversed(placed):
        sheets[media].append(rule)
    return sheets


def _effects(rule: _Kept) -> list[tuple]:
    if rule.children is not None:
        return [e for child in rule.children for e in _effects(child)]
    if rule.declarations is not None and not rule.prelude.startswith("@"):  # not @page
        return [(_subjects(rule.prelude), _families(rule))]
    return []


def site_stylesheets(theme_css: list[str], own_css: str, tokens: Tokens) -> list[Sheet]:
    """The theme's stylesheets (in their order) cut to what `tokens` can match, then the
    project's own stylesheet, minified, in one sheet per media: every screen, wide screens
    (`@media screen and (min-width: 60em)` and wider) and print (`_by_sheet`: only what keeps
    the cascade as it was). `tests/test_stylesheet.py` compares the pages with the theme's
    whole stylesheets at 360 and 1280 px and in print."""
    kept: list[_Kept] = []
    for text in theme_css:
        kept.extend(_keep(tinycss2.parse_stylesheet(text, True, True), tokens))
    kept.extend(_keep(tinycss2.parse_stylesheet(own_css, True, True), None))
    used = _used_properties(kept)
    animations = _keyframes_used(kept)
    sheets = []
    for (stem, media), rules in zip(_SHEETS, _by_sheet(kept, tokens).values(), strict=True):
        text = _write(rules, used, animations)
        if text:
            sheets.append(Sheet(stem, media, text))
    return sheets


# The placeholder's link, or the links to the sheets an earlier build of a preview made.
_SHEET_LINKS = re.compile(
    rf'(?:<link rel="stylesheet" href="([^"]*?)(?:{re.escape(PLACEHOLDER)}|'
    r'assets/stylesheets/ruangaman(?:-wide|-print)?\.[0-9a-f]{8}\.min\.css)"'
    r'(?: media="[^"]*")?>)+'
)


def link_to(page_html: str, sheets: list[Sheet]) -> str:
    """A page with its link to the placeholder stylesheet (or to an earlier build's sheets)
    replaced by links to `sheets`, with the same relative prefix."""
    return _SHEET_LINKS.sub(
        lambda m: "".join(sheet.link(m.group(1)) for sheet in sheets), page_html
    )


_HOOK = re.compile(r' (data-md-[\w-]+)(?:="([^"]*)")?')
_HOOK_SELECTED = re.compile(r'\[(data-md-[\w-]+)(?:[~|^$*]?=("?)([^\]"]*)\2)?\]')


def selected_hooks(sheets: list[Sheet]) -> frozenset[str]:
    """The `data-md-*` attributes (and attribute=value) a rule of `sheets` selects."""
    selected = set()
    for sheet in sheets:
        for name, _, value in _HOOK_SELECTED.findall(sheet.text):
            selected.add(f"{name}={value}" if value else name)
    return frozenset(selected)


def without_unstyled_hooks(page_html: str, selected: frozenset[str]) -> str:
    """A page without the `data-md-*` attributes (Material's hooks for its JavaScript, which
    the site does not ship) that no rule selects (`selected_hooks`): `data-md-scrollfix`,
    `data-md-component="main"`. Those a rule selects (the drawer's `data-md-toggle`, the
    palette's colours) stay. The theme's pages only: content never carries them."""

    def kept(m: re.Match) -> str:
        name, value = m.group(1), m.group(2)
        return m.group(0) if name in selected or f"{name}={value}" in selected else ""

    return _HOOK.sub(kept, page_html)


def listed_in(script: str, sheets: list[Sheet]) -> str:
    """The service worker's list of files to keep with the sheets for the placeholder."""
    names = ",".join(f'"{sheet.name}"' for sheet in sheets)
    return script.replace(f'"{PLACEHOLDER}"', names)


def theme_stylesheets(site: Path) -> list[Path]:
    """The theme's stylesheets the built site holds, in the order the theme links them (Material:
    `main.<hash>.min.css`, then the palette's)."""
    folder = site / "assets" / "stylesheets"
    stems = ("main", "palette")
    return [path for stem in stems for path in sorted(folder.glob(f"{stem}.*.min.css"))]


def site_stylesheets_of(site: Path, own_css: str, tokens: Tokens) -> list[Sheet]:
    """The site's stylesheets, from the theme's stylesheets in the built `site` and `own_css`.
    The theme's are removed (no page links them any more: `relink_pages`; MkDocs copies them
    again on a rebuild, as files missing from the site)."""
    sources = theme_stylesheets(site)
    if not sources:
        raise FileNotFoundError(f"the theme wrote no stylesheet into {site}/assets/stylesheets")
    texts = [p.read_text(encoding="utf-8") for p in sources]
    sheets = site_stylesheets(texts, own_css, tokens)
    for source in sources:
        source.unlink()
        source.with_name(source.name + ".map").unlink(missing_ok=True)
    return sheets


def relink_pages(sheets: list[Sheet], pages: list[Path]) -> None:
    """Point every page in `pages` at `sheets`, without the hooks no rule of them selects."""
    selected = selected_hooks(sheets)
    for page in pages:
        before = page.read_text(encoding="utf-8")
        after = without_unstyled_hooks(link_to(before, sheets), selected)
        if after != before:
            page.write_text(after, encoding="utf-8")
