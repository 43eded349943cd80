"""Text output: ``path:line:column: rule [severity] message``, a score line per article and a
summary line."""

from __future__ import annotations

from typing import TextIO

from credscore.check.output import shown_findings

__all__ = ["summary", "write"]


def write(result, stream: TextIO, *, verbose: bool = False, positive: bool = False) -> None:
    """Write the findings, the per-article score lines and a summary."""
    for r in result.results:
        path = r.article.path
        stream.writelines(
            f"{path}:{f.line}:{f.column}: {f.rule} [{f.severity}] {f.message}\n"
            for f in shown_findings(r, positive)
        )
        if verbose:
            for directive, names in r.unused:
                what = "" if names == ("*",) else f" ({', '.join(names)} matched nothing)"
                stream.write(
                    f"{path}:{directive.line}:{directive.column}: unused suppression "
                    f"{directive.text}{what}\n"
                )
        status = "pass" if r.passed else "FAIL: " + "; ".join(r.reasons)
        stream.write(
            f"{r.article.name}: score {r.report.score:.1f}/100 ({r.report.band_label}) {status}\n"
        )
    stream.write(summary(result) + "\n")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 or word == 'info' else 's'}"


def summary(result) -> str:
    """One line: articles checked, passed and failed, findings by severity, errors."""
    results = result.results
    failed = sum(not r.passed for r in results)
    counts = {"error": 0, "warning": 0, "info": 0}
    for r in results:
        for f in r.problems():
            counts[f.severity] = counts.get(f.severity, 0) + 1
    suppressed = sum(r.suppressed for r in results)
    parts = [
        (
            f"{_plural(len(results), 'article')} checked: {len(results) - failed} passed, "
            f"{failed} failed"
        ),
        ", ".join(_plural(n, s) for s, n in counts.items()),
    ]
    if suppressed:
        parts.append(f"{suppressed} suppressed")
    if result.errors:
        parts.append(f"{_plural(len(result.errors), 'input error')}")
    return "; ".join(parts)
