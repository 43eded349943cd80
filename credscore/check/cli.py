"""The ``credscore check`` subcommand: arguments, running the check, writing the output."""

from __future__ import annotations

import argparse
import os
import sys

from credscore.check.config import DEFAULT_FAIL_UNDER, FAIL_ON_CHOICES
from credscore.check.output import UTF8_FORMATS

__all__ = ["FORMATS", "add_parser", "drop_stdout"]

FORMATS = ("text", "json", "sarif", "github", "html")


def _score(value: str) -> float:
    try:
        score = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0 <= score <= 100:
        raise argparse.ArgumentTypeError(f"must be from 0 to 100, not {value}")
    return score


def _selectors(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add ``check`` to the ``credscore`` subcommands."""
    parser = sub.add_parser(
        "check",
        help="check articles in CI: findings, scores and an exit code",
        description=(
            "Check health articles (.md, .txt, .html; .json/.jsonl records) and exit 0 when "
            "every article passes, 1 when one scores below --fail-under or has a finding at "
            "or above --fail-on, 2 on a usage, configuration or input error."
        ),
    )
    parser.add_argument(
        "paths", nargs="*", default=["."], metavar="PATH", help="files or folders; - for stdin"
    )
    out = parser.add_argument_group("output")
    out.add_argument("--format", choices=FORMATS, default="text")
    out.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE")
    out.add_argument(
        "--show-positive",
        action="store_true",
        help="also list findings that raise credibility (text, github and sarif formats)",
    )
    out.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="say which configuration is used, list each file checked or skipped (and why), "
        "and report suppression comments that suppress nothing",
    )
    gate = parser.add_argument_group("pass or fail (these win over the configuration)")
    gate.add_argument(
        "--fail-under",
        type=_score,
        metavar="SCORE",
        help=f"fail articles scoring below SCORE (default: {DEFAULT_FAIL_UNDER:g}, the upper edge "
        "of the low band; 0: no score threshold)",
    )
    gate.add_argument(
        "--fail-on",
        choices=FAIL_ON_CHOICES,
        help="fail articles with a finding at or above this severity (default: error)",
    )
    gate.add_argument(
        "--select",
        type=_selectors,
        action="extend",
        metavar="RULES",
        help="only these families or rule ids (comma-separated)",
    )
    gate.add_argument(
        "--ignore",
        type=_selectors,
        action="extend",
        metavar="RULES",
        help="never these families or rule ids (comma-separated)",
    )
    gate.add_argument("--exit-zero", action="store_true", help="exit 0 even when articles fail")
    files = parser.add_argument_group("files and configuration")
    files.add_argument(
        "--include", action="append", metavar="GLOB", help="files to check in folders"
    )
    files.add_argument("--exclude", action="append", metavar="GLOB", help="files to skip")
    files.add_argument(
        "--no-respect-gitignore",
        dest="respect_gitignore",
        action="store_false",
        default=None,
        help="also check what .gitignore and .ignore files ignore",
    )
    files.add_argument("--model", metavar="FILE", help="model file (default: the shipped one)")
    files.add_argument("--config", metavar="FILE", help="use this configuration file")
    files.add_argument("--isolated", action="store_true", help="ignore configuration files")
    files.add_argument("--stdin-filename", metavar="NAME", help="name (and format) of stdin")
    files.add_argument("--text-field", metavar="NAME", help="text field of JSON records")
    files.add_argument("--title-field", metavar="NAME", help="title field of JSON records")
    parser.set_defaults(run=run)
    return parser


def run(args: argparse.Namespace) -> int:
    """Run ``credscore check``; returns the exit code."""
    from credscore.check.output import render
    from credscore.check.run import CheckOptions, check
    from credscore.printable import printable

    flags = {
        key: value
        for key, value in (
            ("fail-under", args.fail_under),
            ("fail-on", args.fail_on),
            ("select", args.select),
            ("ignore", args.ignore),
        )
        if value is not None
    }
    options = CheckOptions(
        paths=args.paths,
        flags=flags,
        include=args.include,
        exclude=args.exclude,
        model=args.model,
        config=args.config,
        isolated=args.isolated,
        stdin_filename=args.stdin_filename,
        text_field=args.text_field,
        title_field=args.title_field,
        exit_zero=args.exit_zero,
        respect_gitignore=args.respect_gitignore,
    )
    result = check(options)
    if args.verbose:
        where = result.config.path or "none found (defaults)"
        print(f"credscore: configuration: {where}", file=sys.stderr)
        for line in result.log:
            print(f"credscore: {line}", file=sys.stderr)
    for error in result.errors:
        print(f"credscore: error: {printable(str(error))}", file=sys.stderr)
    for warning in result.warnings:
        print(f"credscore: warning: {printable(warning)}", file=sys.stderr)
    report = render(args.format, result, verbose=args.verbose, positive=args.show_positive)
    problem = _emit(report, args.output, utf8=args.format in UTF8_FORMATS)
    if problem:
        print(f"credscore: error: {problem}", file=sys.stderr)
        return 2
    return result.exit_code


def _emit(report: str, output: str | None, *, utf8: bool) -> str | None:
    """Write the whole report to ``output`` (atomically) or to standard output; returns what
    went wrong, or None. JSON, SARIF and HTML are UTF-8 documents; text goes out in standard
    output's encoding, with what it cannot encode backslash-escaped."""
    from credscore.check.output import save
    from credscore.printable import printable

    if output:
        try:
            save(output, report.encode("utf-8"))
        except OSError as exc:
            return f"{printable(output)}: cannot write the report ({exc.strerror or exc})"
        return None
    encoding = "utf-8" if utf8 else (sys.stdout.encoding or "utf-8")
    data = report.encode(encoding, errors="backslashreplace")
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except BrokenPipeError:  # e.g. piped into `head`: stop quietly
        drop_stdout()
    except OSError as exc:
        drop_stdout()  # what could not be written must not be retried at exit
        return f"standard output: cannot write the report ({exc.strerror or exc})"
    return None


def drop_stdout() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
