"""Text output: ``path:line:column: rule [severity, effect] message`` per finding (those that
lower credibility first), a score line per article, the settings applied and a summary line.
Names and messages are escaped to one printable line each (:func:`credscore.printable.printable`).
"""

from __future__ import annotations

from credscore.check.output import shown_findings
from credscore.printable import printable

__all__ = [
    "describe_rules",
    "describe_settings",
    "finding_line",
    "render",
    "settings_line",
    "summary",
]


def finding_line(
    path: str, line: int, column: int, rule: str, severity: str, effect: str, message: str
) -> str:
    """One finding as ``path:line:column: rule [severity, effect] message`` (no newline)."""
    return f"{printable(path)}:{line}:{column}: {rule} [{severity}, {effect}] {printable(message)}"


def render(result, *, verbose: bool = False, positive: bool = False) -> str:
    """The findings, the per-article score lines, the settings and a summary."""
    out = []
    for r in result.results:
        path = r.article.path
        out.extend(
            finding_line(path, f.line, f.column, f.rule, f.severity, f.effect, f.message)
            for f in shown_findings(r, positive)
        )
        if verbose:
            for directive, names in r.unused:
                what = "" if names == ("*",) else f" ({', '.join(names)} matched nothing)"
                out.append(
                    f"{printable(path)}:{directive.line}:{directive.column}: unused suppression "
                    f"{printable(directive.text)}{what}"
                )
        status = "pass" if r.passed else "FAIL: " + "; ".join(r.reasons)
        out.append(
            f"{printable(r.article.name)}: score {r.report.score:.1f}/100 ({r.report.band_label}) "
            f"{status}"
        )
    if result.results:
        out.append(settings_line(result))
    out.append(summary(result))
    return "".join(line + "\n" for line in out)


def describe_settings(settings) -> str:
    """What decides pass or fail, in words: ``fail-under 40, fail-on error, every rule``."""
    parts = [
        f"fail-under {settings.threshold:g}",
        f"fail-on {settings.fail_on}",
    ]
    return ", ".join([*parts, describe_rules(settings)])


def describe_rules(settings) -> str:
    """The rules that settings keep: ``every rule``, ``only X, Y``, ``ignoring Z``."""
    chosen = [f"only {', '.join(settings.select)}"] if settings.select else []
    chosen += [f"ignoring {', '.join(settings.ignore)}"] if settings.ignore else []
    return "; ".join(chosen) or "every rule"


def settings_line(result) -> str:
    """``settings: ...`` applied to the articles checked (grouped when they differ) and the
    configuration file they came from, if any."""
    groups: dict[str, int] = {}
    for r in result.results:
        text = describe_settings(r.settings)
        groups[text] = groups.get(text, 0) + 1
    if len(groups) == 1:
        applied = next(iter(groups))
    else:
        applied = "; ".join(f"{text} ({_plural(n, 'article')})" for text, n in groups.items())
    path = result.config.path
    source = f"configuration file {printable(str(path))}" if path else "no configuration file"
    return f"settings: {applied} ({source})"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary(result) -> str:
    """One line: articles checked, passed and failed, the findings that lower credibility by
    severity level, suppressed findings and input errors."""
    results = result.results
    failed = sum(not r.passed for r in results)
    counts = {"error": 0, "warning": 0, "info": 0}
    for r in results:
        for f in r.problems():
            counts[f.severity] = counts.get(f.severity, 0) + 1
    suppressed = sum(r.suppressed for r in results)
    levels = ", ".join(f"{n} {s}-level" for s, n in counts.items())
    parts = [
        (
            f"{_plural(len(results), 'article')} checked: {len(results) - failed} passed, "
            f"{failed} failed"
        ),
        f"{levels} findings lowering credibility",
    ]
    if suppressed:
        parts.append(f"{suppressed} suppressed")
    if result.errors:
        parts.append(_plural(len(result.errors), "input error"))
    return "; ".join(parts)
