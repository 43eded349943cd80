"""SARIF 2.1.0 output for GitHub code scanning and other SARIF viewers.

One run; ``tool.driver.rules`` describes every rule (from :func:`credscore.signals.rules`, the
same source as ``credscore rules``): id, short and full description, help text with the
published source, default level and the family as a tag. Each result has ``ruleId``,
``ruleIndex``, ``level`` (info -> note, warning -> warning, error -> error), ``message`` and one
``physicalLocation`` whose ``artifactLocation`` is relative to ``%SRCROOT%`` (the working
directory, the repository root in CI) and whose ``region`` has start and end line and column
(columns count Unicode code points). An article whose score is below ``fail-under`` gets a
file-level result of its own rule, ``credscore.score-below-threshold`` (level ``error``, at line
1), also described in ``tool.driver.rules``. Per-article scores and the settings applied are in
``run.properties.articles``.

Names and text are made safe (:mod:`credscore.printable`): an artifact URI percent-encodes the
file name's raw bytes, so a name that is not UTF-8 still points at its file.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from pathlib import Path
from urllib.parse import quote

from credscore.check.output import SCORE_RULE, display_path, shown_findings
from credscore.check.output.jsonreport import settings_dict
from credscore.errors import InputError
from credscore.printable import clean_text, safe_name

__all__ = ["LEVELS", "render", "rule_descriptor", "score_rule_descriptor", "to_dict"]

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"info": "note", "warning": "warning", "error": "error"}
_SCORE_SOURCE = "credscore's calibrated credibility model (MODEL_CARD.md)"


def rule_descriptor(rule) -> dict:
    """The SARIF ``reportingDescriptor`` of a :class:`~credscore.findings.Rule`."""
    family = rule.family
    effect = "raises" if rule.effect == "raises" else "lowers"
    text = (
        f"{rule.summary}\n\nThis evidence {effect} credibility (family '{family}', "
        f"severity {rule.severity}).\n\nSource: {rule.source}\n\n"
        f"To suppress it on one line: <!-- credscore-disable-next-line {rule.id} -->"
    )
    markdown = (
        f"{rule.summary}\n\nThis evidence **{effect}** credibility (family `{family}`, "
        f"severity `{rule.severity}`).\n\n**Source:** {rule.source}\n\n"
        f"To suppress it on one line: `<!-- credscore-disable-next-line {rule.id} -->`"
    )
    return {
        "id": rule.id,
        "name": rule.id.partition(".")[2] or rule.id,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": f"{rule.summary} ({effect} credibility)"},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": LEVELS.get(rule.severity, "warning")},
        "properties": {
            "tags": ["health-content", family],
            "family": family,
            "effect": rule.effect,
            "source": rule.source,
        },
    }


def score_rule_descriptor() -> dict:
    """The ``reportingDescriptor`` of the file-level result for a score below ``fail-under``."""
    summary = "The article's credibility score is below the fail-under threshold."
    text = (
        f"{summary}\n\nThe score (0-100) combines every finding of the article; the threshold "
        "is `fail-under` in the configuration or `--fail-under` (default 40, the upper edge of "
        "the low band). Run `credscore explain FILE` or `credscore check --format html` to "
        f"see what lowers it.\n\nSource: {_SCORE_SOURCE}"
    )
    return {
        "id": SCORE_RULE,
        "name": "score-below-threshold",
        "shortDescription": {"text": summary},
        "fullDescription": {"text": summary},
        "help": {"text": text, "markdown": text},
        "defaultConfiguration": {"level": "error"},
        "properties": {
            "tags": ["health-content", "score"],
            "family": "score",
            "effect": "lowers",
            "source": _SCORE_SOURCE,
        },
    }


def _uri(path: str) -> tuple[str, str | None]:
    """The artifact URI of a path, relative to %SRCROOT% when under the working directory;
    the raw bytes of the name are percent-encoded."""
    if path == "-":
        return "stdin", None
    rel = display_path(path)
    try:
        raw = os.fsencode(rel)
    except UnicodeEncodeError:  # a lone surrogate that is no undecodable byte
        raw = safe_name(rel).encode("utf-8")
    if Path(rel).is_absolute():
        return "file://" + quote(raw), None
    return quote(raw), "%SRCROOT%"


def _location(where: tuple[str, str | None], region: dict | None = None) -> dict:
    """A ``location`` at the artifact ``where`` (from :func:`_uri`, computed once per file:
    it resolves the path) and an optional region."""
    uri, base = where
    artifact = {"uri": uri, **({"uriBaseId": base} if base else {})}
    physical: dict = {"artifactLocation": artifact}
    if region:
        physical["region"] = region
    return {"physicalLocation": physical}


def to_dict(result, *, positive: bool = False) -> dict:
    """The result as a SARIF 2.1.0 log."""
    from credscore import __version__

    rules = list(result.rules.values())
    index = {rule.id: i for i, rule in enumerate(rules)}
    results = []
    for r in result.results:
        seen: Counter[str] = Counter()
        where, shown = _uri(r.article.path), display_path(r.article.path)
        for f in shown_findings(r, positive):
            key = f"{f.rule}\0{shown}\0{r.article.record}\0{f.finding.text}"
            seen[key] += 1
            fingerprint = _fingerprint(f"{key}\0{seen[key]}")
            region = {
                "startLine": f.line,
                "startColumn": f.column,
                "endLine": f.end_line,
                "endColumn": f.end_column,
                "snippet": {"text": clean_text(f.finding.text)},
            }
            item = {
                "ruleId": f.rule,
                "level": LEVELS.get(f.severity, "warning"),
                "message": {"text": clean_text(f.message)},
                "locations": [_location(where, region)],
                "partialFingerprints": {"credscoreFinding/v1": fingerprint},
            }
            if f.rule in index:
                item["ruleIndex"] = index[f.rule]
            if r.article.record is not None:
                item["properties"] = {"record": r.article.record}
            results.append(item)
        if r.below_fail_under:
            results.append(_score_result(r, len(rules), where, shown))
    notifications = []
    for error in result.errors:
        note = {"level": "error", "message": {"text": safe_name(str(error))}}
        if isinstance(error, InputError) and error.source != "-":
            note["locations"] = [_location(_uri(error.source))]
        notifications.append(note)
    run = {
        "tool": {
            "driver": {
                "name": "credscore",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [rule_descriptor(rule) for rule in rules] + [score_rule_descriptor()],
            }
        },
        "invocations": [
            {
                "executionSuccessful": not result.errors,
                "exitCode": result.exit_code,
                "toolExecutionNotifications": notifications,
            }
        ],
        "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().resolve().as_uri() + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": results,
        "properties": {
            "articles": [
                {
                    "path": safe_name(display_path(r.article.path)),
                    "record": r.article.record,
                    "score": r.report.score,
                    "band": r.report.band,
                    "passed": r.passed,
                    "reasons": list(r.reasons),
                    "settings": settings_dict(r.settings),
                }
                for r in result.results
            ]
        },
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _fingerprint(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _score_result(r, rule_index: int, where: tuple[str, str | None], path: str) -> dict:
    """The file-level result of an article whose score is below ``fail-under``."""
    name = safe_name(path if r.article.record is None else f"{path}#{r.article.record}")
    message = f"{name}: {r.reasons[0]}."  # the score reason comes first
    item = {
        "ruleId": SCORE_RULE,
        "ruleIndex": rule_index,
        "level": "error",
        "message": {"text": message},
        "locations": [_location(where, {"startLine": 1})],
        "partialFingerprints": {
            "credscoreFinding/v1": _fingerprint(f"{SCORE_RULE}\0{path}\0{r.article.record}")
        },
        "properties": {"score": r.report.score, "fail_under": r.settings.threshold},
    }
    if r.article.record is not None:
        item["properties"]["record"] = r.article.record
    return item


def render(result, *, verbose: bool = False, positive: bool = False) -> str:
    """The SARIF log as indented JSON."""
    return json.dumps(to_dict(result, positive=positive), indent=2, ensure_ascii=False) + "\n"
