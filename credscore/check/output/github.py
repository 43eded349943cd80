"""GitHub Actions workflow commands: one annotation per finding (``::error``, ``::warning``,
``::notice`` with file, line, column, end line, end column and the rule as title), one for each
article that scores below ``fail-under`` and one for each input error, then a summary line."""

from __future__ import annotations

from typing import TextIO

from credscore.check.output import display_path, shown_findings
from credscore.check.output.text import summary
from credscore.errors import InputError

__all__ = ["write"]

_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(value: object) -> str:
    return _data(str(value)).replace(":", "%3A").replace(",", "%2C")


def _command(kind: str, message: str, **props: object) -> str:
    fields = ",".join(f"{k}={_prop(v)}" for k, v in props.items() if v is not None)
    return f"::{kind} {fields}::{_data(message)}\n" if fields else f"::{kind}::{_data(message)}\n"


def write(result, stream: TextIO, *, verbose: bool = False, positive: bool = False) -> None:
    """Write the annotations and a summary line."""
    for r in result.results:
        path = display_path(r.article.path)
        stream.writelines(
            _command(
                _COMMANDS.get(f.severity, "warning"),
                f.message,
                file=path,
                line=f.line,
                col=f.column,
                endLine=f.end_line,
                endColumn=f.end_column,
                title=f.rule,
            )
            for f in shown_findings(r, positive)
        )
        if verbose:
            stream.writelines(
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
        for reason in r.reasons:
            if reason.startswith("score"):
                stream.write(
                    _command("error", f"{r.article.name}: {reason}", file=path, title="credscore")
                )
    for error in result.errors:
        path = display_path(error.source) if isinstance(error, InputError) else None
        stream.write(_command("error", str(error), file=path, title="credscore"))
    stream.write(summary(result) + "\n")
