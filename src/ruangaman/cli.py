"""The `ruangaman` command: one subcommand per job, each returning an exit code; no tracebacks."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from ruangaman.problems import Report

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


def run_check(args: argparse.Namespace) -> int:
    from ruangaman.validate import check_project

    _, _, report = check_project(args.project.resolve())
    return print_report(report, args.lang, args.strict)


COMMANDS["check"] = (
    "validate content/ and docs/ and report every problem",
    _setup_check,
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
    from ruangaman.schema import write_schemas

    for path in write_schemas(args.project.resolve() / "content" / "schema"):
        print(path)
    return 0


COMMANDS["schema"] = (
    "write the JSON Schemas editors' text editors use (content/schema/)",
    _setup_schema,
    run_schema,
)


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
        "--squash",
        action="store_true",
        help="git: keep a single commit on the branch instead of its history",
    )


def run_publish(args: argparse.Namespace) -> int:
    from ruangaman.publish.run import publish_project

    return publish_project(
        args.project.resolve(),
        args.dest,
        lang=args.lang,
        dry_run=args.dry_run,
        squash=args.squash,
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
    subs = top.add_subparsers(dest="command", metavar="COMMAND")
    for name, (help_text, setup, _run) in COMMANDS.items():
        setup(subs.add_parser(name, help=help_text, description=help_text))
    return top


def main(argv: Sequence[str] | None = None) -> int:
    top = parser()
    args = top.parse_args(argv)
    if not args.command:
        top.print_help()
        return 2
    return COMMANDS[args.command][2](args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
