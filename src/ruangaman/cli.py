"""The `ruangaman` command: one subcommand per job, each returning an exit code; no tracebacks."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from ruangaman.problems import Report
from ruangaman.text import t

Command = Callable[[argparse.Namespace], int]
Setup = Callable[[argparse.ArgumentParser], None]
# name -> (help, add its arguments, run it). Other modules' commands are added at the end.
COMMANDS: dict[str, tuple[str, Setup, Command]] = {}


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--project",
        type=Path,
        default=Path("."),
        help="the site's folder (with content/ and docs/); default: the current folder",
    )
    parser.add_argument(
        "--lang",
        choices=("id", "en"),
        default="id",
        help="language of messages: id (Bahasa Indonesia, default) or en",
    )


def print_report(report: Report, lang: str, strict: bool = False) -> int:
    """Print every problem and the summary; return the exit code the report deserves."""
    stream = sys.stderr if report.failed(strict) else sys.stdout
    print(report.format(lang), file=stream)
    return 1 if report.failed(strict) else 0


def _setup_check(parser: argparse.ArgumentParser) -> None:
    _common(parser)
    parser.add_argument("--strict", action="store_true", help="warnings fail too (exit 1)")


def _setup_check_command(parser: argparse.ArgumentParser) -> None:
    _setup_check(parser)
    parser.add_argument(
        "--base",
        metavar="REV",
        help="also report a publishing destination that differs from the one in "
        "content/site.yml at git revision REV (a pull request's base, e.g. origin/main): "
        "a maintainer must review it",
    )


def run_check(args: argparse.Namespace) -> int:
    from ruangaman.validate import check_project

    root = args.project.resolve()
    content, _, report = check_project(root)
    if args.base is not None:
        from ruangaman.load.shape import Checker
        from ruangaman.publish.review import destination_change

        report.extend(destination_change(root, args.base, content, Checker))
    return print_report(report, args.lang, args.strict)


COMMANDS["check"] = (
    "validate content/ and docs/ and report every problem",
    _setup_check_command,
    run_check,
)


def _setup_build(parser: argparse.ArgumentParser) -> None:
    _setup_check(parser)
    parser.add_argument("--site-dir", type=Path, help="where to write the site (default: site/)")


def run_build(args: argparse.Namespace) -> int:
    from ruangaman.build import build_site

    return build_site(
        args.project.resolve(), lang=args.lang, strict=args.strict, site_dir=args.site_dir
    )


COMMANDS["build"] = ("validate, then build the bilingual site into site/", _setup_build, run_build)


def _setup_serve(parser: argparse.ArgumentParser) -> None:
    _common(parser)
    parser.add_argument("--addr", default="127.0.0.1:8000", help="address to serve on")


def run_serve(args: argparse.Namespace) -> int:
    from ruangaman.build import serve_site

    return serve_site(args.project.resolve(), lang=args.lang, addr=args.addr)


COMMANDS["serve"] = ("preview the site, rebuilding on every change", _setup_serve, run_serve)


def _setup_schema(parser: argparse.ArgumentParser) -> None:
    _common(parser)


def run_schema(args: argparse.Namespace) -> int:
    from ruangaman.model.jsonschema import write_schemas

    for path in write_schemas(args.project.resolve() / "content" / "schema"):
        print(path)
    return 0


COMMANDS["schema"] = (
    "write the JSON Schemas editors' text editors use (content/schema/)",
    _setup_schema,
    run_schema,
)


def print_problems(problems: list, lang: str) -> int:
    """Print problems the way the checker does; exit code 1 if there are any."""
    from ruangaman.problems import format_problem

    for problem in problems:
        print(format_problem(problem, lang), file=sys.stderr)
    return 1 if problems else 0


def _setup_docs(parser: argparse.ArgumentParser) -> None:
    _common(parser)


def run_docs(args: argparse.Namespace) -> int:
    from ruangaman.editor.guide import write_reference
    from ruangaman.editor.init_site import localise_files
    from ruangaman.model.jsonschema import write_schemas

    root = args.project.resolve()
    written = write_schemas(root / "content" / "schema") + write_reference(root)
    localise_files(root, written)  # another region's site: its own examples, not Kubu Raya's
    for path in written:
        print(path)
    return 0


COMMANDS["docs"] = (
    "regenerate everything made from the model: JSON Schemas and the editor guide's references",
    _setup_docs,
    run_docs,
)


def _setup_new(parser: argparse.ArgumentParser) -> None:
    _common(parser)
    parser.add_argument(
        "kind", choices=("service", "hotline", "guide", "interface"), help="what to create"
    )
    parser.add_argument(
        "name",
        help='its name, for example "UPTD PPA" and your regency or city; for an interface, the '
        "language code (ms, bjn): every interface text in Indonesian, to translate",
    )


def run_new(args: argparse.Namespace) -> int:
    from ruangaman.editor.new import new_file

    root = args.project.resolve()
    if args.kind == "interface":
        from ruangaman.editor.new import new_interface

        path, problems = new_interface(root, args.name.strip())
    else:
        path, problems = new_file(root, args.kind, args.name)
    if path is None:
        return print_problems(problems, args.lang)
    print(t("commands", "new.written", args.lang, path=path.relative_to(root).as_posix()))
    if args.kind == "interface":
        print(t("commands", "new.next_interface", args.lang, code=args.name.strip()))
    elif args.kind == "guide":
        from ruangaman.load.discover import site_languages

        rel = path.relative_to(root).as_posix()
        files = [rel.replace(".id.md", f".{lang}.md") for lang in site_languages(root)[1:]]
        print(t("commands", "new.next_guide", args.lang, files=", ".join(files) or "-"))
    else:
        print(t("commands", "new.next", args.lang))
    return 0


COMMANDS["new"] = (
    "write a new service, hotline or guide file to fill in (never overwrites)",
    _setup_new,
    run_new,
)


def _setup_report(parser: argparse.ArgumentParser) -> None:
    _common(parser)
    parser.add_argument(
        "--format",
        choices=("text", "markdown", "sheet"),
        default="text",
        help="text (default), markdown (for a pull request comment) or sheet (the call list as "
        "a page to print)",
    )
    parser.add_argument(
        "--months",
        type=int,
        default=12,
        help="verifications and guide reviews older than this many months are listed (12)",
    )
    parser.add_argument(
        "--out", type=Path, help="write the report to this file instead of the screen"
    )


def run_report(args: argparse.Namespace) -> int:
    from ruangaman.editor.report import report_project

    code, out, err = report_project(
        args.project.resolve(), lang=args.lang, fmt=args.format, months=args.months
    )
    if out and args.out:
        args.out.write_text(out if out.endswith("\n") else out + "\n", encoding="utf-8")
        print(t("commands", "report.written", args.lang, path=args.out))
    elif out:
        print(out)
    if err:
        print(err, file=sys.stderr)
    return code


COMMANDS["report"] = (
    "list what needs an editor's attention; exit 0 nothing, 1 something, 2 content has errors",
    _setup_report,
    run_report,
)


def _setup_verify(parser: argparse.ArgumentParser) -> None:
    from ruangaman import model

    _common(parser)
    parser.add_argument("slug", help="the file name without .yml, e.g. uptd-ppa-kubu-raya")
    parser.add_argument(
        "--outcome",
        required=True,
        choices=model.OUTCOMES,
        help="confirmed (right), changed (reached, something changed: say what in --note), "
        "no_answer or wrong_number",
    )
    parser.add_argument(
        "--method", required=True, choices=model.METHODS, help="how the contact was checked"
    )
    parser.add_argument("--by", help="who checked: a role, never a private name (Staf UPTD PPA)")
    parser.add_argument(
        "--date", help="YYYY-MM-DD (default: today in the site's time zone, with --time now)"
    )
    parser.add_argument("--time", help="HH:MM, the hour of the attempt")
    parser.add_argument("--note", help="what changed, or what happened")
    parser.add_argument(
        "--kind", choices=("service", "hotline"), help="when a service and a hotline share the name"
    )


def _date_or_text(text: str | None) -> object:
    import datetime as dt

    if not text:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return text  # the validator says what is wrong with it, with the fix


def run_verify(args: argparse.Namespace) -> int:
    from ruangaman import model
    from ruangaman.editor.report import attempt_text
    from ruangaman.editor.verify import log_attempt

    attempt = {
        "date": _date_or_text(args.date),
        "time": args.time,
        "method": args.method,
        "by": args.by,
        "outcome": args.outcome,
        "note": args.note,
    }
    done = log_attempt(args.project.resolve(), args.slug, attempt, kind=args.kind)
    print_problems(done.report.warnings, args.lang)
    if done.report.errors:
        print_problems(done.report.errors, args.lang)
        print("\n" + t("commands", "verify.failed", args.lang), file=sys.stderr)
        return 1
    record = done.record
    told = attempt_text(done.attempt, args.lang)
    print(t("commands", "verify.done", args.lang, rel=done.rel, attempt=told))
    if record is None:
        return 0
    if args.outcome in model.CONFIRMING:
        print(t("commands", "verify.confirmed", args.lang, date=record.verified_on))
        if record.status == "unverified":
            print(t("commands", "verify.activate", args.lang))
    elif record.contact_doubtful:
        print(t("commands", "verify.doubtful", args.lang, n=record.failures))
    elif record.failures:
        print(t("commands", "verify.failing", args.lang, n=record.failures))
    return 0


COMMANDS["verify"] = (
    "log one check of a service's or hotline's contact (a call, a visit, a letter, the official "
    "website) at the end of its verification list",
    _setup_verify,
    run_verify,
)


def _setup_translated(parser: argparse.ArgumentParser) -> None:
    _common(parser)
    parser.add_argument(
        "files", nargs="*", help="translations to mark, e.g. docs/panduan/cara-melapor.en.md"
    )
    parser.add_argument(
        "--all", action="store_true", help="also mark every translation that has no mark yet"
    )


def run_translated(args: argparse.Namespace) -> int:
    from ruangaman.editor.translated import STALE, mark_translated

    done = mark_translated(args.project.resolve(), list(args.files), every_unmarked=args.all)
    for rel, mark, before in done.written:
        print(t("commands", "translated.done", args.lang, rel=rel, mark=mark))
        if before == STALE:
            print(t("commands", "translated.was_stale", args.lang))
    if done.report.errors:
        print_problems(done.report.errors, args.lang)
        print("\n" + t("commands", "translated.failed", args.lang), file=sys.stderr)
        return 1
    if not done.written:
        print(t("commands", "translated.none", args.lang))
    return 0


COMMANDS["translated"] = (
    "mark a translation as translating its source as it is now (a line in its front matter)",
    _setup_translated,
    run_translated,
)


def _setup_export(parser: argparse.ArgumentParser) -> None:
    _common(parser)
    parser.add_argument("--kind", choices=("services", "hotlines"), default="services")
    parser.add_argument(
        "--out", type=Path, default=Path("."), help="folder for <kind>.csv and <kind>.xlsx (.)"
    )


def run_export(args: argparse.Namespace) -> int:
    from ruangaman.editor.spreadsheet import export_rows, write_csv, write_xlsx
    from ruangaman.validate import check_project

    root = args.project.resolve()
    _, _, report = check_project(root)
    if report.errors:
        return print_report(report, args.lang)
    header, rows = export_rows(root, args.kind)
    args.out.mkdir(parents=True, exist_ok=True)
    for path in (args.out / f"{args.kind}.csv", args.out / f"{args.kind}.xlsx"):
        if path.suffix == ".csv":
            write_csv(path, header, rows)
        else:
            write_xlsx(path, header, rows, args.kind)
        print(t("commands", "export.written", args.lang, path=path, n=len(rows)))
    return 0


COMMANDS["export"] = (
    "write services (or hotlines) as CSV and XLSX spreadsheets",
    _setup_export,
    run_export,
)


def _setup_import(parser: argparse.ArgumentParser) -> None:
    _common(parser)
    parser.add_argument("sheet", type=Path, help="a .xlsx or .csv file, one row per record")
    parser.add_argument("--kind", choices=("services", "hotlines"), default="services")


def run_import(args: argparse.Namespace) -> int:
    from ruangaman.editor.spreadsheet import import_sheet

    result = import_sheet(args.project.resolve(), args.sheet, args.kind)
    # What to check (a code page guessed, a hint from validation) is told either way.
    print_problems(sorted(result.report.warnings, key=lambda p: p.line or 0), args.lang)
    if result.report.errors:
        print_problems(sorted(result.report.errors, key=lambda p: p.line or 0), args.lang)
        n = len(result.report.errors)
        failed = t("commands", "import.failed", args.lang, n=n, sheet=args.sheet.name)
        print("\n" + failed, file=sys.stderr)
        return 1
    for rel in result.written:
        print(rel)
    done = len(result.written), len(result.unchanged)
    print(t("commands", "import.done", args.lang, written=done[0], unchanged=done[1]))
    return 0


COMMANDS["import"] = (
    "write one YAML file per spreadsheet row (.xlsx or .csv); nothing is written on any error",
    _setup_import,
    run_import,
)


def _setup_init(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--regency",
        required=True,
        help='Kemendagri code (91.71) or exact name ("Kota Jayapura", "Sleman")',
    )
    parser.add_argument("dir", type=Path, help="the new site's folder (new or empty)")
    parser.add_argument("--lang", choices=("id", "en"), default="id", help="language of messages")


def run_init(args: argparse.Namespace) -> int:
    from ruangaman.editor.init_site import EXAMPLE_SLUG, init_site
    from ruangaman.validate.region import UnknownRegion, regencies, regency_code

    problems = init_site(args.regency, args.dir.resolve())
    if problems:
        return print_problems(problems, args.lang)
    try:
        code = regency_code(args.regency)
    except UnknownRegion:  # pragma: no cover - init_site found it
        code = args.regency
    name = regencies()[code]
    if code != args.regency.strip():
        print(t("commands", "init.found", args.lang, code=code, name=name, value=args.regency))
    print(t("commands", "init.done", args.lang, name=name, code=code, dest=args.dir))
    if (args.dir / ".git").is_dir():
        print(t("commands", "init.git", args.lang))
    else:
        print(t("commands", "init.no_git", args.lang, dest=args.dir))
    print(t("commands", "init.next", args.lang, dest=args.dir, example=EXAMPLE_SLUG))
    return 0


COMMANDS["init"] = ("create a new site for a regency or city", _setup_init, run_init)


def _setup_publish(parser: argparse.ArgumentParser) -> None:
    _common(parser)
    parser.add_argument(
        "dest",
        nargs="?",
        metavar="DEST",
        help="git+file:///repo.git#gh-pages, git+ssh://…#branch, file:///dir, "
        "sftp://user@host:port/path, ftp://… or ftps://…; default: publish.destination in "
        "content/site.yml. Passwords only from environment variables (see README).",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="list what would be sent and deleted; send nothing"
    )
    parser.add_argument(
        "--full",
        action="store_true",
        help="send every file again, not only the changed ones (after files were changed on the "
        "host by hand)",
    )
    parser.add_argument(
        "--squash",
        action="store_true",
        help="git: keep a single commit on the branch instead of its history",
    )


def publish_project(
    root: Path,
    dest: str | None,
    lang: str = "id",
    dry_run: bool = False,
    squash: bool = False,
    full: bool = False,
) -> int:
    """Validate, build into a fresh folder, and send it to DEST (or site.yml's destination).

    The command ties the stages together (validate, build, publish); `publish` itself only reads
    the built folder. Nothing is sent when validation or the build fails."""
    import shutil
    import tempfile

    from ruangaman.build import build_site
    from ruangaman.model.destination import BadDestination, parse
    from ruangaman.publish.run import publish_site, report_error
    from ruangaman.publish.transports.base import PublishError
    from ruangaman.validate import check_project

    where = "ruangaman publish DEST"
    if not dest:
        where = "content/site.yml"
        content, _, _ = check_project(root)
        dest = ((content.site or {}).get("publish") or {}).get("destination") if content else None
        if not dest:
            report_error(PublishError("publish_no_destination"), where, lang)
            return 1
    try:
        destination = parse(dest)
    except BadDestination as err:
        report_error(err, where, lang)
        return 1
    staging = Path(tempfile.mkdtemp(prefix="ruangaman-site-"))
    try:
        site = staging / "site"
        if build_site(root, lang=lang, site_dir=site) != 0:
            print(t("commands", "publish.failed", lang, n=1), file=sys.stderr)
            return 1
        return publish_site(
            site, destination, where, lang=lang, dry_run=dry_run, squash=squash, full=full
        )
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def run_publish(args: argparse.Namespace) -> int:
    return publish_project(
        args.project.resolve(),
        args.dest,
        lang=args.lang,
        dry_run=args.dry_run,
        squash=args.squash,
        full=args.full,
    )


def _setup_print(parser: argparse.ArgumentParser) -> None:
    _common(parser)
    parser.add_argument("--desa", required=True, help='"all", or one desa or kelurahan by name')
    parser.add_argument(
        "--out", type=Path, default=None, help="folder for the sheets (default: cetak/desa/)"
    )


def run_print(args: argparse.Namespace) -> int:
    from ruangaman.render.desa_sheets import villages, write_desa_sheets
    from ruangaman.validate import check_project

    root = args.project.resolve()
    _, site, report = check_project(root)
    if report.errors or site is None:
        print_report(report, args.lang)
        print(t("commands", "print.errors", args.lang), file=sys.stderr)
        return 1
    if site.area.single is None:
        print(t("commands", "print.regency_only", args.lang), file=sys.stderr)
        return 1
    if not villages(site, args.desa):
        print(t("commands", "print.no_desa", args.lang, value=args.desa), file=sys.stderr)
        return 1
    out = args.out if args.out is not None else root / "cetak" / "desa"
    written = write_desa_sheets(site, out.resolve(), args.lang, args.desa)
    n = (len(written) - 1) // 2
    print(t("commands", "print.written", args.lang, n=n, path=out / "index.html"))
    return 0


COMMANDS["print"] = (
    "write a printable sheet and an SMS card for each desa (cetak/desa/)",
    _setup_print,
    run_print,
)


COMMANDS["publish"] = (
    "validate, build into a fresh folder, then send the site to DEST",
    _setup_publish,
    run_publish,
)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="ruangaman",
        description="Ruang Aman: a bilingual, private, light site of prevention guides, "
        "protection services and hotlines.",
    )
    from ruangaman.editor.init_site import version

    top.add_argument("--version", action="version", version=f"ruangaman {version()}")
    subs = top.add_subparsers(dest="command", metavar="COMMAND")
    for name, (help_text, setup, _run) in COMMANDS.items():
        setup(subs.add_parser(name, help=help_text, description=help_text))
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command. The one error guard: whatever a command did not turn into a message
    itself becomes a plain one here, never a traceback (editors are not programmers)."""
    top = parser()
    args = top.parse_args(argv)
    if not args.command:
        top.print_help()
        return 2
    lang = getattr(args, "lang", "id") or "id"
    try:
        return COMMANDS[args.command][2](args)
    except KeyboardInterrupt:
        print(t("commands", "guard.stopped", lang), file=sys.stderr)
        return 130
    except OSError as err:
        path = err.filename if err.filename is not None else "?"
        reason = err.strerror or err
        print(t("commands", "guard.os", lang, path=path, reason=reason), file=sys.stderr)
        return 1
    except Exception as err:  # noqa: BLE001 - the boundary: no traceback reaches an editor
        print(t("commands", "guard.bug", lang, kind=type(err).__name__), file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
