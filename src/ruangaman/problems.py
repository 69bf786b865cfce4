"""Problems found in content, and how they are told to an editor in Indonesian or English."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field as dc_field

from ruangaman.text import fill, t, template

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
        return self._told("what", lang)

    def fix(self, lang: str = "id") -> str:
        return self._told("fix", lang)

    def _told(self, part: str, lang: str) -> str:
        """One part of the message in `lang`: parameters that are messages (`text.Msg`) are put
        into words here, at the edge, never where the problem was found."""
        values = {"field": self.field or "", **self.params}
        return fill(template("problems", f"{self.code}.{part}", lang), lang, values)


def format_problem(problem: Problem, lang: str = "id") -> str:
    """Render one problem the way an editor reads it: where, what, how to fix."""
    where = problem.file
    if problem.line:
        where += f", {t('commands', 'check.line', lang)} {problem.line}"
    if problem.field:
        where += f", {t('commands', 'check.field', lang)} `{problem.field}`"
    mark = "✗" if problem.severity == ERROR else "⚠"
    fix = t("commands", "check.fix", lang)
    return f"{mark} {where}\n  {problem.what(lang)}\n  {fix}: {problem.fix(lang)}"


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
        ordered = sorted(self.problems, key=lambda p: (p.file, p.line or 0))
        blocks = [format_problem(p, lang) for p in ordered]
        if self.errors:
            files = len({p.file for p in self.errors})
            blocks.append(t("commands", "check.errors", lang, n=len(self.errors), f=files))
        elif self.warnings:
            blocks.append(t("commands", "check.warnings", lang, n=len(self.warnings)))
        if not self.errors:
            blocks.append(
                t(
                    "commands",
                    "check.ok",
                    lang,
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
