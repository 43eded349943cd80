"""GitHub Actions workflow commands: one annotation per finding (``::error``, ``::warning``,
``::notice`` with file, line, column, end line, end column, and the rule and its effect as
title; those that lower credibility first), one per article that scores below ``fail-under``
(title ``credscore.score-below-threshold``, at line 1 of its file), one per input error, then
the settings applied and a summary line. Names and messages are escaped
(:func:`credscore.printable.printable`) and then encoded as workflow commands require."""

from __future__ import annotations

from credscore.check.output import SCORE_RULE, display_path, shown_findings
from credscore.check.output.text import settings_line, summary
from credscore.errors import InputError
from credscore.printable import printable

__all__ = ["render"]

_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(value: object) -> str:
    return _data(str(value)).replace(":", "%3A").replace(",", "%2C")


def _command(kind: str, message: str, **props: object) -> str:
    fields = ",".join(f"{k}={_prop(v)}" for k, v in props.items() if v is not None)
    message = _data(printable(message))
    return f"::{kind} {fields}::{message}\n" if fields else f"::{kind}::{message}\n"


def render(result, *, verbose: bool = False, positive: bool = False) -> str:
    """The annotations, the settings and a summary line."""
    out = []
    for r in result.results:
        path = printable(display_path(r.article.path))
        out.extend(
            _command(
                _COMMANDS.get(f.severity, "warning"),
                f.message,
                file=path,
                line=f.line,
                col=f.column,
                endLine=f.end_line,
                endColumn=f.end_column,
                title=f"{f.rule} ({f.effect} credibility)",
            )
            for f in shown_findings(r, positive)
        )
        if verbose:
            out.extend(
                _command(
                    "notice",
                    f"unused suppression {d.text}",
                    file=path,
                    line=d.line,
                    col=d.column,
                    title="credscore",
                )
                for d, _names in r.unused
            )
        if r.below_fail_under:
            reason = r.reasons[0]  # the score reason comes first
            out.append(
                _command(
                    "error", f"{r.article.name}: {reason}", file=path, line=1, title=SCORE_RULE
                )
            )
    for error in result.errors:
        path = printable(display_path(error.source)) if isinstance(error, InputError) else None
        out.append(_command("error", str(error), file=path, title="credscore"))
    if result.results:
        out.append(settings_line(result) + "\n")
    out.append(summary(result) + "\n")
    return "".join(out)
