"""Services and hotlines as spreadsheet rows: `ruangaman export` writes CSV and XLSX, `ruangaman
import` turns rows back into one YAML file each.

The flat column layout is derived from `model`: nested fields become dotted columns
(`location.kecamatan`), two-language text becomes `.id` and `.en` columns, lists hold one item
per line of the cell, phones are written `0561 123456 (voice)` and weekly hours
`senin-jumat 08:00-15:00`. An import checks every row with the real validator in a scratch copy
of the content and writes nothing unless every row is right. A row whose data equals its file's
data leaves the file untouched, so export followed by import changes no file at all.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import tempfile
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from ruangaman import model
from ruangaman.editor.edits import check_with, write_atomically
from ruangaman.load.discover import RESERVED_SLUGS, load_content, load_document, site_languages
from ruangaman.load.shape import SLUG_RE
from ruangaman.model import Field
from ruangaman.model.cells import csv_cell, csv_text, xlsx_cell
from ruangaman.problems import ERROR, WARNING, Problem, Report
from ruangaman.validate.dates import site_today
from ruangaman.validate.examples import site_examples
from ruangaman.validate.region import slugify

KINDS = MappingProxyType({"services": model.SERVICE, "hotlines": model.HOTLINE})
SLUG = "slug"
SCALAR, LOCAL, LIST, PHONES, PHONE_NOTES, WEEKLY, ATTEMPTS, FLOW = (
    "scalar",
    "localized",
    "list",
    "phones",
    "phone_notes",
    "weekly",
    "attempts",
    "flow",
)
# A verification attempt in a cell, one per line: `2026-12-01 10:30; telepon; confirmed; Staf
# UPTD PPA; what changed` (date and time; method; outcome; who checked; note; the last two may
# be left out). A log this cannot hold (a note in two languages, a `;` in a note) is written as
# YAML, and read back so.
ATTEMPT_PARTS = ("when", "method", "outcome", "by", "note")
PHONE_RE = re.compile(r"^(?P<number>.*?)\s*(?:\((?P<type>[^()]*)\))?$")
HOURS_RE = re.compile(
    r"^(?P<days>[^\d]+?)\s+(?P<opens>\d{1,2}[:.]\d{2})\s*[-–]\s*(?P<closes>\d{1,2}[:.]\d{2})$"
)
# Limits of what `import` reads (a district has hundreds of records, a province thousands; the
# project is measured at 7,800): a sheet beyond them is refused before it is parsed whole, so a
# small file that expands to gigabytes (a "zip bomb") or millions of rows cannot exhaust memory.
MAX_ROWS = 20_000
MAX_COLUMNS = 300
MAX_FILE = 50 * 1024 * 1024  # bytes on disk, CSV or XLSX
MAX_UNCOMPRESSED = 200 * 1024 * 1024  # bytes an XLSX declares its parts expand to, together
MAX_PARTS = 2_000  # files inside an XLSX
TRUE = frozenset({"true", "ya", "yes", "1", "benar"})
FALSE = frozenset({"false", "tidak", "no", "0", "salah"})


@dataclass(frozen=True)
class Column:
    """One spreadsheet column: its name, the path of the field it fills, and how it is written."""

    name: str
    path: tuple[str, ...]
    spec: Field
    style: str
    lang: str = ""


def columns_for(spec: Field, languages: tuple[str, ...] = model.LANGUAGES) -> list[Column]:
    """The columns of a kind of record, in the order of the model: a text in every language
    of the site (`languages`, its main one first) has a column per language."""
    out = [Column(SLUG, (), model.Field(SLUG, model.SLUG, "nama berkas", "file name"), SCALAR)]
    out += _columns(spec, (), tuple(languages))
    return out


def _marks(languages: tuple[str, ...]) -> list[str]:
    """`en_from`: the column of the mark of the Indonesian text a translation translates
    (`validate.freshness`), kept as the file has it, so export then import changes no file."""
    return [f"{lang}{model.MARK_SUFFIX}" for lang in languages[1:]]


def _columns(spec: Field, path: tuple[str, ...], languages: tuple[str, ...]) -> list[Column]:
    out: list[Column] = []
    for child in spec.fields:
        here = (*path, child.name)
        name = ".".join(here)
        if child.kind == model.OBJECT:
            out += _columns(child, here, languages)
        elif child.kind == model.LOCALIZED:
            out += [Column(f"{name}.{lang}", here, child, LOCAL, lang) for lang in languages]
            marks = _marks(languages)
            out += [Column(f"{name}.{mark}", here, child, LOCAL, mark) for mark in marks]
        elif child.kind == model.LIST and child.item is not None and child.item.fields:
            item = child.item
            if child.name == "phones" and item.child("number"):
                out.append(Column(name, here, child, PHONES))
                note = item.child("description")
                if note is not None:
                    out += [
                        Column(f"{name}.description.{lang}", here, note, PHONE_NOTES, lang)
                        for lang in (*languages, *_marks(languages))
                    ]
            elif child.name == "weekly" and item.child("days"):
                out.append(Column(name, here, child, WEEKLY))
            elif child.name == "verification" and item.child("outcome"):
                out.append(Column(name, here, child, ATTEMPTS))
            else:
                out.append(Column(name, here, child, FLOW))
        elif child.kind == model.LIST:
            out.append(Column(name, here, child, LIST))
        else:
            out.append(Column(name, here, child, SCALAR))
    return out


# --- export -------------------------------------------------------------------------------------


def _scalar_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _days_text(days: list[str]) -> str:
    index = [model.DAYS.index(d) for d in days if d in model.DAYS]
    contiguous = len(index) == len(days) and index == list(range(index[0], index[0] + len(index)))
    if len(days) >= 3 and contiguous:
        return f"{days[0]}-{days[-1]}"
    return ",".join(days)


def _get(data: dict, path: tuple[str, ...]) -> Any:
    for key in path:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def cell_text(data: dict, column: Column) -> str:
    """The text of one cell for one record's data (as loaded, before validation adds to it)."""
    value = _get(data, column.path)
    if value is None:
        return ""
    if column.style == LOCAL:
        return value.get(column.lang, "")
    if column.style == LIST:
        return "\n".join(_scalar_text(v) for v in value)
    if column.style == PHONES:
        return "\n".join(
            p.get("number", "") + (f" ({p['type']})" if p.get("type") else "") for p in value
        )
    if column.style == PHONE_NOTES:
        notes = [(p.get("description") or {}).get(column.lang, "") for p in value]
        return "\n".join(notes) if any(notes) else ""
    if column.style == WEEKLY:
        return "\n".join(
            f"{_days_text(h.get('days', []))} {h.get('opens_at', '')}-{h.get('closes_at', '')}"
            for h in value
        )
    if column.style == ATTEMPTS:
        lines = [_attempt_line(a) for a in value]
        if all(line is not None for line in lines):
            return "\n".join(lines)
    if column.style in (FLOW, ATTEMPTS):
        return yaml.safe_dump(value, default_flow_style=True, allow_unicode=True).strip()
    return _scalar_text(value)


def _attempt_line(attempt: Any) -> str | None:
    """One attempt as one line of its cell, or None when a line cannot hold it as it is."""
    if not isinstance(attempt, dict) or set(attempt) - {"date", "time", *ATTEMPT_PARTS[1:]}:
        return None
    note = attempt.get("note")
    if isinstance(note, dict):
        if set(note) - {"id"}:
            return None
        note = note.get("id")
    parts = [
        " ".join(_scalar_text(attempt.get(k)) for k in ("date", "time") if attempt.get(k)),
        *(_scalar_text(attempt.get(k)) for k in ("method", "outcome", "by")),
        _scalar_text(note),
    ]
    if any(";" in p or "\n" in p for p in parts):
        return None
    while parts and not parts[-1]:
        parts.pop()
    return "; ".join(parts)


def export_rows(root: Path, kind: str) -> tuple[list[str], list[list[str]]]:
    """The header and one row per record of `kind` (services or hotlines), as loaded."""
    content, _ = load_content(root)
    records = content.services if kind == "services" else content.hotlines
    columns = columns_for(KINDS[kind], tuple(content.languages))
    rows = []
    for record in records:
        rows.append([record.slug] + [cell_text(record.data, c) for c in columns[1:]])
    return [c.name for c in columns], rows


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    """UTF-8 with a byte-order mark, which is how Excel recognises UTF-8 in a CSV file. A cell
    that a spreadsheet program would run as a formula gets an apostrophe in front (`cells`);
    import takes it off again."""
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows([csv_cell(cell) for cell in row] for row in rows)


def write_xlsx(path: Path, header: list[str], rows: list[list[str]], title: str) -> None:
    """Every cell is text (format `@`), so Excel keeps the leading 0 of a phone number, and a
    string cell, never a formula, whatever it starts with (`cells.xlsx_cell`)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            xlsx_cell(cell)
            cell.number_format = "@"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for i, name in enumerate(header, start=1):
        sheet.column_dimensions[sheet.cell(1, i).column_letter].width = max(12, len(name) + 2)
    sheet.freeze_panes = "B2"
    book.save(path)


# --- import -------------------------------------------------------------------------------------


class SheetError(Exception):
    """A sheet that cannot be read at all; `problem` says why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.code)
        self.problem = problem


def _cell_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _too_large(shown: str, detail: str, limit: str, line: int | None = None) -> SheetError:
    return SheetError(
        Problem("sheet_too_large", shown, line=line, params={"detail": detail, "limit": limit})
    )


def _check_xlsx_parts(path: Path, shown: str) -> None:
    """Before openpyxl reads anything: the sizes the zip declares for its parts (Python's
    zipfile never expands a part beyond its declared size, so they are a real bound)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as err:
        raise SheetError(
            Problem("sheet_unreadable", shown, params={"detail": type(err).__name__})
        ) from err
    if len(parts) > MAX_PARTS:
        raise _too_large(shown, f"{len(parts)} parts", f"{MAX_PARTS} parts")
    total = sum(max(0, part.file_size) for part in parts)
    if total > MAX_UNCOMPRESSED:
        raise _too_large(
            shown,
            f"{total // (1024 * 1024)} MB unpacked",
            f"{MAX_UNCOMPRESSED // (1024 * 1024)} MB",
        )


def _limited(rows: Any, shown: str) -> list[list[str]]:
    out = []
    filled = 0
    for number, row in enumerate(rows, start=1):
        if any(v is not None and str(v).strip() for v in row):
            filled += 1
            if filled > MAX_ROWS + 1:  # + the header
                raise SheetError(
                    Problem("sheet_too_many_rows", shown, line=number, params={"limit": MAX_ROWS})
                )
        if len(row) > MAX_COLUMNS:
            if any(str(v).strip() for v in row[MAX_COLUMNS:] if v is not None):
                raise _too_large(shown, f"{len(row)} columns", f"{MAX_COLUMNS} columns", number)
            row = row[:MAX_COLUMNS]
        out.append(row)
    return out


# Excel saves "CSV" in the computer's own code page (Windows-1252 where Indonesian is set up)
# and, with a comma as the decimal sign, separates cells with semicolons; "Unicode Text" is
# UTF-16 with tabs. Each is read as the editor saved it, and a guessed code page is told.
DELIMITERS = (",", ";", "\t")


def _sheet_text(raw: bytes, shown: str) -> tuple[str, list[Problem]]:
    """The text of a CSV file: UTF-8 (with or without Excel's BOM), UTF-16 with its BOM, or,
    with a warning to check accented letters, Windows-1252. Anything else (a NUL byte is in no
    text file but UTF-16) is refused."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), []
        except UnicodeDecodeError:
            pass
    elif b"\x00" not in raw:
        try:
            return raw.decode("utf-8-sig"), []
        except UnicodeDecodeError:
            pass
        try:
            guessed = Problem("sheet_read_as_cp1252", shown, line=1, severity=WARNING)
            return raw.decode("cp1252"), [guessed]
        except UnicodeDecodeError:
            pass
    raise SheetError(Problem("sheet_not_text", shown, line=1))


def _delimiter(text: str) -> str:
    """The cell separator: the one the first row (the column names) uses most."""
    first = text.split("\n", 1)[0]
    return max(DELIMITERS, key=lambda d: (first.count(d), d == ","))


def read_sheet(path: Path, shown: str) -> tuple[list[list[str]], list[Problem]]:
    """All rows of a .csv or .xlsx file as text, the header first, row i of the list being row
    i + 1 of the sheet as the editor sees it, and what was noticed while reading (a guessed
    code page); a file beyond the limits above is refused with a located problem."""
    suffix = path.suffix.lower()
    try:
        if suffix in (".csv", ".xlsx", ".xlsm"):
            size = path.stat().st_size
            if size > MAX_FILE:
                raise _too_large(
                    shown, f"{size // (1024 * 1024)} MB", f"{MAX_FILE // (1024 * 1024)} MB"
                )
        if suffix == ".csv":
            text, notes = _sheet_text(path.read_bytes(), shown)
            reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
            return [[csv_text(cell) for cell in row] for row in _limited(reader, shown)], notes
        if suffix in (".xlsx", ".xlsm"):
            from openpyxl import load_workbook

            _check_xlsx_parts(path, shown)
            book = load_workbook(path, read_only=True, data_only=True)
            try:
                sheet = book.worksheets[0]
                rows = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1)
                return [[_cell_value(v) for v in row] for row in _limited(rows, shown)], []
            finally:
                book.close()
    except SheetError:
        raise
    except csv.Error as err:
        raise SheetError(Problem("sheet_unreadable", shown, params={"detail": str(err)})) from err
    except OSError as err:
        detail = err.strerror or str(err)
        raise SheetError(Problem("file_unreadable", shown, params={"detail": detail})) from err
    except Exception as err:  # openpyxl raises many kinds for a damaged or foreign file
        raise SheetError(
            Problem("sheet_unreadable", shown, params={"detail": type(err).__name__})
        ) from err
    raise SheetError(Problem("sheet_unknown_format", shown, params={"value": path.name}))


class RowReader:
    """Turns one row's cells into a record's data, collecting a Problem for every bad cell."""

    def __init__(self, shown: str, row: int, examples: Callable[[], dict[str, str]]) -> None:
        self.shown = shown
        self.row = row
        self.problems: list[Problem] = []
        self.examples = examples  # the site's own example number, looked up only when needed

    def bad(self, column: Column, code: str, **params: Any) -> None:
        self.problems.append(Problem(code, self.shown, self.row, column.name, params))

    def scalar(self, column: Column, text: str) -> Any:
        kind = column.spec.kind
        if kind == model.BOOL:
            if text.lower() in TRUE:
                return True
            if text.lower() in FALSE:
                return False
            self.bad(column, "sheet_bad_bool", value=text)
            return None
        if kind in (model.INT, model.NUMBER):
            try:
                number = float(text.replace(",", "."))
            except ValueError:
                self.bad(column, "sheet_bad_number", value=text)
                return None
            if kind == model.INT:
                if not number.is_integer():
                    self.bad(column, "sheet_bad_number", value=text)
                    return None
                return int(number)
            return number
        if kind == model.DATE:
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                return text  # the validator explains dates
        return text

    def phones(self, column: Column, text: str) -> list[dict]:
        out = []
        for line in _lines(text, semicolons=True):
            match = PHONE_RE.match(line)
            phone: dict[str, Any] = {"number": match.group("number").strip()}
            if match.group("type") is not None:
                phone["type"] = match.group("type").strip().lower()
            if not phone["number"]:
                self.bad(column, "sheet_bad_phone", value=line, **self.examples())
                continue
            out.append(phone)
        return out

    def attempts(self, column: Column, text: str) -> list[dict]:
        """One attempt per line; what each part holds is checked by the validator (the method
        and outcome against their choices, the date and time as the YAML's would be)."""
        item = column.spec.item
        out = []
        for line in _lines(text):
            parts = [p.strip() for p in line.split(";", len(ATTEMPT_PARTS) - 1)]
            when = parts[0].split()
            if len(parts) < 3 or not 1 <= len(when) <= 2 or not all(parts[1:3]):
                self.bad(column, "sheet_bad_attempt", value=line)
                continue
            date = Column(column.name, (), item.child("date"), SCALAR)
            attempt: dict[str, Any] = {"date": self.scalar(date, when[0])}
            if len(when) == 2:
                attempt["time"] = when[1].replace(".", ":")
            attempt["method"], attempt["outcome"] = parts[1].lower(), parts[2].lower()
            for key, value in zip(("by", "note"), parts[3:], strict=False):
                if value:
                    attempt[key] = value
            out.append(attempt)
        return out

    def weekly(self, column: Column, text: str) -> list[dict]:
        out = []
        for line in _lines(text, semicolons=True):
            match = HOURS_RE.match(line)
            days = _days(match.group("days")) if match else None
            if not match or not days:
                self.bad(column, "sheet_bad_hours", value=line)
                continue
            out.append(
                {
                    "days": days,
                    "opens_at": match.group("opens").replace(".", ":"),
                    "closes_at": match.group("closes").replace(".", ":"),
                }
            )
        return out


def _lines(text: str, semicolons: bool = False) -> list[str]:
    parts = re.split(r"[\n;]" if semicolons else r"\n", text)
    return [p.strip() for p in parts if p.strip()]


def _days(text: str) -> list[str] | None:
    days: list[str] = []
    for part in text.strip().lower().split(","):
        part = part.strip()
        if not part:
            continue
        if "-" in part:
            expanded = model.choice_range(part, model.DAYS)
            if expanded is None:
                return None
            days += expanded
        elif part in model.DAYS:
            days.append(part)
        else:
            return None
    return days or None


def _put(data: dict, path: tuple[str, ...], value: Any) -> None:
    for key in path[:-1]:
        data = data.setdefault(key, {})
    data[path[-1]] = value


def row_data(columns: list[Column], cells: dict[str, str], reader: RowReader) -> dict:
    """The data of one row, keys in the order of the model."""
    data: dict[str, Any] = {}
    phones: dict[tuple, list[dict]] = {}
    for column in columns[1:]:
        text = cells.get(column.name, "").strip()
        if column.style == PHONE_NOTES:
            raw = cells.get(column.name, "").replace("\r\n", "\n").rstrip()
            notes = raw.split("\n") if raw.strip() else []
            for i, note in enumerate(notes):
                targets = phones.get(column.path, [])
                if not note.strip():
                    continue
                if i >= len(targets):
                    reader.bad(column, "sheet_notes_without_phone", value=note.strip())
                    break
                targets[i].setdefault("description", {})[column.lang] = note.strip()
            continue
        if not text:
            continue
        if column.style == LOCAL:
            _put(data, (*column.path, column.lang), text)
        elif column.style == LIST:
            semicolons = column.spec.item is not None and column.spec.item.kind != model.TEXT
            items = [
                reader.scalar(Column(column.name, (), column.spec.item, SCALAR), line)
                for line in _lines(text, semicolons)
            ]
            _put(data, column.path, [i for i in items if i is not None])
        elif column.style == PHONES:
            phones[column.path] = reader.phones(column, text)
            _put(data, column.path, phones[column.path])
        elif column.style == WEEKLY:
            _put(data, column.path, reader.weekly(column, text))
        elif column.style == ATTEMPTS and not text.startswith(("[", "{")):
            _put(data, column.path, reader.attempts(column, text))
        elif column.style in (FLOW, ATTEMPTS):
            try:
                _put(data, column.path, yaml.safe_load(text))
            except yaml.YAMLError:
                reader.bad(column, "sheet_bad_yaml", value=text[:40])
        else:
            value = reader.scalar(column, text)
            if value is not None:
                _put(data, column.path, value)
    return data


def yaml_text(data: dict, kind: str) -> str:
    """A record as the YAML file import writes, with the schema line editors' tools read."""
    schema = "service" if kind == "services" else "hotline"
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    return f"# yaml-language-server: $schema=../schema/{schema}.schema.json\n{body}"


@dataclass
class ImportResult:
    report: Report
    written: list[str]
    unchanged: list[str]


def _column_of(field: str | None, names: list[str]) -> str | None:
    if not field:
        return None
    plain = re.sub(r"\[\d+\]", "", field)
    best = None
    for name in names:
        if plain == name or plain.startswith(name + "."):
            if best is None or len(name) > len(best):
                best = name
    if best is None:
        best = next((n for n in names if n.startswith(plain + ".")), None)
    return best or plain


def import_sheet(root: Path, sheet: Path, kind: str, today: dt.date | None = None) -> ImportResult:
    """Check every row; when all are right write one YAML file per changed row, else nothing."""
    today = today or site_today(root)
    shown = sheet.name
    report = Report()
    try:
        rows, notes = read_sheet(sheet, shown)
    except SheetError as err:
        report.add(err.problem)
        return ImportResult(report, [], [])
    report.extend(notes)
    # Empty rows are skipped, but every row keeps the number the editor sees in the sheet.
    filled = [(n, r) for n, r in enumerate(rows, start=1) if any(c.strip() for c in r)]
    if not filled:
        report.add(Problem("sheet_empty", shown, line=1))
        return ImportResult(report, [], [])
    spec = KINDS[kind]
    columns = columns_for(spec, site_languages(root))
    names = [c.name for c in columns]
    header_line, first = filled[0]
    header = [h.strip() for h in first]
    for i, name in enumerate(header):
        if name and name not in names:
            from ruangaman.load.shape import suggestion

            report.add(
                Problem(
                    "sheet_unknown_column",
                    shown,
                    header_line,
                    name,
                    {"columns": ", ".join(names), **suggestion(name, names)},
                )
            )
        elif name and name in header[:i]:
            report.add(Problem("sheet_duplicate_column", shown, header_line, name, {}))
    planned: dict[str, tuple[int, str, dict]] = {}  # rel -> (row, text, data)
    examples = cache(lambda: site_examples(root))
    for number, row in filled[1:]:
        cells = {h: (row[i] if i < len(row) else "") for i, h in enumerate(header) if h}
        reader = RowReader(shown, number, examples)
        data = row_data(columns, cells, reader)
        report.extend(reader.problems)
        name = model.in_language(data.get("name"), "id")  # a hotline's may be {id, en}
        slug = cells.get(SLUG, "").strip() or slugify(str(name))
        rel = f"content/{kind}/{slug}.yml"
        if not SLUG_RE.match(slug) or slug in RESERVED_SLUGS:
            report.add(
                Problem(
                    "bad_slug",
                    shown,
                    number,
                    SLUG,
                    {"value": slug or "-", "reserved": ", ".join(RESERVED_SLUGS)},
                )
            )
            continue
        if rel in planned:
            report.add(
                Problem(
                    "sheet_duplicate_slug",
                    shown,
                    number,
                    SLUG,
                    {"value": slug, "row": planned[rel][0]},
                )
            )
            continue
        kept = None if data.get("id") else _kept_id(root / rel)
        if kept:
            data["id"] = kept
        planned[rel] = (number, yaml_text(data, kind), data)
    report.extend(_validate(root, planned, shown, names, today))
    if report.errors:
        return ImportResult(report, [], [])
    written, unchanged = [], []
    for rel, (_number, text, _data) in planned.items():
        target = root / rel
        if target.is_file() and _same_data(target, text, rel, spec):
            unchanged.append(rel)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, text)
        written.append(rel)
    return ImportResult(report, written, unchanged)


def _kept_id(path: Path) -> str | None:
    """A row without an id keeps its file's id (ids never change); a new record gets one."""
    if not path.is_file():
        return str(uuid.uuid4())
    try:
        before = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, OSError, UnicodeDecodeError):
        return None
    value = before.get("id") if isinstance(before, dict) else None
    return str(value) if value else None


def _same_data(path: Path, text: str, rel: str, spec: Field) -> bool:
    before, _, _ = load_document(path, rel, spec)
    with tempfile.TemporaryDirectory() as scratch:
        new = Path(scratch) / "new.yml"
        new.write_text(text, encoding="utf-8")
        after, _, _ = load_document(new, rel, spec)
    return before == after


def _validate(
    root: Path,
    planned: dict[str, tuple[int, str, dict]],
    shown: str,
    names: list[str],
    today: dt.date,
) -> list[Problem]:
    """Run the real validator on a scratch copy of content/ holding the imported files
    (`edits.check_with`); its errors told by sheet row and column."""
    _, report = check_with(root, {rel: text for rel, (_, text, _) in planned.items()}, today)
    out = []
    for problem in report.problems:
        if problem.file not in planned:
            continue
        if problem.severity != ERROR:
            continue
        row = planned[problem.file][0]
        out.append(
            Problem(
                problem.code,
                shown,
                row,
                _column_of(problem.field, names),
                problem.params,
                problem.severity,
            )
        )
    return out
