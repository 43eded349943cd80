"""JSON output, format ``credscore-check`` version 1.

The schema is ``credscore/check/report.schema.json`` (JSON Schema draft 2020-12). Top level:
``format``, ``version``, ``credscore_version``, ``exit_code``, ``configuration`` (the file used,
or null), ``default_settings`` (the built-in settings that apply where neither the file nor a
flag sets one), ``summary``, ``articles`` and ``errors``. Every article has its ``path``,
``record`` (the record number of a JSON input, else null), ``passed`` and the ``reasons`` it
failed, ``score``, ``band``, ``probability``, ``criteria`` (the criteria the model assesses),
``criteria_not_assessed`` (those whose head is not better than chance), ``family_contributions``,
the ``settings`` applied, its ``findings`` (each with ``rule``, ``family``, ``severity``, ``effect``,
``message``, ``text``, ``line``, ``column``, ``end_line``, ``end_column``, ``start``, ``end``;
line and column are in the file), the number ``suppressed``, and ``unused_suppressions``.
New keys may be added within a version; a key is never removed or changed in meaning.
A file name that is not UTF-8 has its undecodable bytes written as ``\\xNN``; a lone surrogate
in article text as U+FFFD.
"""

from __future__ import annotations

import json

from credscore.errors import InputError
from credscore.printable import clean_text, safe_name

__all__ = ["FORMAT", "VERSION", "render", "settings_dict", "to_dict"]

FORMAT = "credscore-check"
VERSION = 1


def settings_dict(settings) -> dict:
    """The settings that decide pass or fail, as JSON."""
    return {
        "fail_under": settings.threshold,
        "fail_on": settings.fail_on,
        "select": list(settings.select),
        "ignore": list(settings.ignore),
    }


def to_dict(result) -> dict:
    """The result as a JSON-ready dict."""
    from credscore import __version__
    from credscore.check.config import Settings

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
        "configuration": safe_name(str(result.config.path)) if result.config.path else None,
        "default_settings": settings_dict(Settings()),
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
    return {
        "path": safe_name(r.article.path),
        "record": r.article.record,
        "passed": r.passed,
        "reasons": list(r.reasons),
        "score": report.score,
        "band": report.band,
        "status": report.status,
        "n_words": report.n_words,
        "probability": report.probability,
        "criteria": dict(report.criteria),
        "criteria_not_assessed": list(report.criteria_not_assessed),
        "family_contributions": report.family_contributions,
        "settings": settings_dict(r.settings),
        "findings": [
            {
                "rule": f.rule,
                "family": f.rule.partition(".")[0],
                "severity": f.severity,
                "effect": f.effect,
                "message": clean_text(f.message),
                "text": clean_text(f.finding.text),
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
            {
                "line": d.line,
                "column": d.column,
                "comment": clean_text(d.text),
                "unused": [clean_text(n) for n in names],
            }
            for d, names in r.unused
        ],
    }


def _error(error: Exception) -> dict:
    if isinstance(error, InputError):
        return {"path": safe_name(error.source), "message": safe_name(error.problem)}
    return {"path": None, "message": safe_name(str(error))}


def render(result, *, verbose: bool = False, positive: bool = False) -> str:
    """The result as indented JSON."""
    return json.dumps(to_dict(result), indent=2, ensure_ascii=False) + "\n"
