"""JSON output, format ``credscore-check`` version 1.

The schema is ``credscore/check/report.schema.json`` (JSON Schema draft 2020-12). Top level:
``format``, ``version``, ``credscore_version``, ``exit_code``, ``configuration`` (the file used,
or null), ``summary``, ``articles`` and ``errors``. Every article has its ``path``, ``record``
(the record number of a JSON input, else null), ``passed`` and the ``reasons`` it failed,
``score``, ``band``, ``probability``, ``criteria``, ``family_contributions``, the ``settings``
applied, its ``findings`` (each with ``rule``, ``family``, ``severity``, ``effect``,
``message``, ``text``, ``line``, ``column``, ``end_line``, ``end_column``, ``start``, ``end``;
line and column are in the file), the number ``suppressed``, and ``unused_suppressions``.
New keys may be added within a version; a key is never removed or changed in meaning.
"""

from __future__ import annotations

import json
from typing import TextIO

from credscore.errors import InputError

__all__ = ["FORMAT", "VERSION", "to_dict", "write"]

FORMAT = "credscore-check"
VERSION = 1


def to_dict(result) -> dict:
    """The result as a JSON-ready dict."""
    from credscore import __version__

    articles = [_article(r) for r in result.results]
    counts = {"error": 0, "warning": 0, "info": 0}
    for r in result.results:
        for f in r.problems():
            counts[f.severity] = counts.get(f.severity, 0) + 1
    return {
        "format": FORMAT,
        "version": VERSION,
        "credscore_version": __version__,
        "exit_code": result.exit_code,
        "configuration": str(result.config.path) if result.config.path else None,
        "summary": {
            "articles": len(articles),
            "passed": sum(a["passed"] for a in articles),
            "failed": sum(not a["passed"] for a in articles),
            "problems": counts,
            "suppressed": sum(r.suppressed for r in result.results),
            "errors": len(result.errors),
        },
        "articles": articles,
        "errors": [_error(e) for e in result.errors],
    }


def _article(r) -> dict:
    report = r.report
    s = r.settings
    return {
        "path": r.article.path,
        "record": r.article.record,
        "passed": r.passed,
        "reasons": list(r.reasons),
        "score": report.score,
        "band": report.band,
        "status": report.status,
        "n_words": report.n_words,
        "probability": report.probability,
        "criteria": dict(getattr(report, "criteria", {}) or {}),
        "family_contributions": report.family_contributions,
        "settings": {
            "fail_under": s.fail_under,
            "fail_on": s.fail_on,
            "select": list(s.select),
            "ignore": list(s.ignore),
        },
        "findings": [
            {
                "rule": f.rule,
                "family": f.rule.partition(".")[0],
                "severity": f.severity,
                "effect": f.effect,
                "message": f.message,
                "text": f.finding.text,
                "line": f.line,
                "column": f.column,
                "end_line": f.end_line,
                "end_column": f.end_column,
                "start": f.finding.start,
                "end": f.finding.end,
            }
            for f in sorted(r.findings, key=lambda f: (f.line, f.column, f.rule))
        ],
        "suppressed": r.suppressed,
        "unused_suppressions": [
            {"line": d.line, "column": d.column, "comment": d.text, "unused": list(names)}
            for d, names in r.unused
        ],
    }


def _error(error: Exception) -> dict:
    if isinstance(error, InputError):
        return {"path": error.source, "message": error.problem}
    return {"path": None, "message": str(error)}


def write(result, stream: TextIO, *, verbose: bool = False, positive: bool = False) -> None:
    """Write the result as indented JSON."""
    json.dump(to_dict(result), stream, indent=2, ensure_ascii=False)
    stream.write("\n")
