"""Problems found in content, and how they are told to an editor in Indonesian or English."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field as dc_field

from ruangaman.text.problems import MESSAGES

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one place. `code` picks the message; `params` fill it in."""

    code: str
    file: str
    line: int | None = None
    field: str | None = None
    params: dict = dc_field(default_factory=dict)
    severity: str = ERROR

    def what(self, lang: str = "id") -> str:
        return _fill(MESSAGES[self.code][lang][0], self)

    def fix(self, lang: str = "id") -> str:
        return _fill(MESSAGES[self.code][lang][1], self)


def _fill(template: str, problem: Problem) -> str:
    values = {"field": problem.field or "", **problem.params}
    return template.format(**values)


WORDS = {
    "id": {
        "line": "baris",
        "field": "kolom",
        "fix": "Cara memperbaiki",
        "errors": "{n} masalah di {f} berkas. Tidak ada yang dibangun. Perbaiki, lalu simpan lagi.",
        "warnings": "{n} peringatan. Situs tetap bisa dibangun, tetapi sebaiknya diperiksa.",
        "ok": "Semua {services} layanan, {hotlines} hotline dan {pages} halaman sudah benar.",
    },
    "en": {
        "line": "line",
        "field": "field",
        "fix": "How to fix",
        "errors": "{n} problem(s) in {f} file(s). Nothing was built. Fix them, then save again.",
        "warnings": "{n} warning(s). The site can still be built, but please look at them.",
        "ok": "All {services} services, {hotlines} hotlines and {pages} pages are correct.",
    },
}


def format_problem(problem: Problem, lang: str = "id") -> str:
    """Render one problem the way an editor reads it: where, what, how to fix."""
    words = WORDS[lang]
    where = problem.file
    if problem.line:
        where += f", {words['line']} {problem.line}"
    if problem.field:
        where += f", {words['field']} `{problem.field}`"
    mark = "✗" if problem.severity == ERROR else "⚠"
    return f"{mark} {where}\n  {problem.what(lang)}\n  {words['fix']}: {problem.fix(lang)}"


@dataclass
class Report:
    """Every problem of one run, in the order found, and what was checked."""

    problems: list[Problem] = dc_field(default_factory=list)
    counts: dict[str, int] = dc_field(default_factory=dict)

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors) or (strict and bool(self.warnings))

    def format(self, lang: str = "id") -> str:
        words = WORDS[lang]
        ordered = sorted(self.problems, key=lambda p: (p.file, p.line or 0))
        blocks = [format_problem(p, lang) for p in ordered]
        if self.errors:
            files = len({p.file for p in self.errors})
            blocks.append(words["errors"].format(n=len(self.errors), f=files))
        elif self.warnings:
            blocks.append(words["warnings"].format(n=len(self.warnings)))
        if not self.errors:
            blocks.append(
                words["ok"].format(
                    services=self.counts.get("services", 0),
                    hotlines=self.counts.get("hotlines", 0),
                    pages=self.counts.get("pages", 0),
                )
            )
        return "\n\n".join(blocks)


def shown(value: object, limit: int = 120) -> str:
    """A value as a message may print it (a path or an address from an untrusted place):
    escapes instead of control characters, cut short."""
    text = value if isinstance(value, str) else repr(value)
    text = text.encode("unicode_escape").decode("ascii") if not text.isprintable() else text
    return text if len(text) <= limit else text[:limit] + "…"
