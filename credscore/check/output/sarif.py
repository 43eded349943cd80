"""SARIF 2.1.0 output for GitHub code scanning and other SARIF viewers.

One run; ``tool.driver.rules`` describes every rule (from :func:`credscore.signals.rules`, the
same source as ``credscore rules``): id, short and full description, help text with the
published source, default level and the family as a tag. Each result has ``ruleId``,
``ruleIndex``, ``level`` (info -> note, warning -> warning, error -> error), ``message`` and one
``physicalLocation`` whose ``artifactLocation`` is relative to ``%SRCROOT%`` (the working
directory, the repository root in CI) and whose ``region`` has start and end line and column
(columns count Unicode code points). Per-article scores are in ``run.properties.articles``.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import TextIO
from urllib.parse import quote

from credscore.check.output import display_path, shown_findings
from credscore.errors import InputError

__all__ = ["LEVELS", "rule_descriptor", "to_dict", "write"]

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"info": "note", "warning": "warning", "error": "error"}


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


def _uri(path: str) -> tuple[str, str | None]:
    """The artifact URI of a path, relative to %SRCROOT% when under the working directory."""
    rel = display_path(path)
    if path == "-":
        return "stdin", None
    if Path(rel).is_absolute():
        return Path(rel).as_uri(), None
    return quote(rel), "%SRCROOT%"


def _location(path: str, region: dict | None = None) -> dict:
    uri, base = _uri(path)
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
        for f in shown_findings(r, positive):
            key = f"{f.rule}\0{display_path(r.article.path)}\0{r.article.record}\0{f.finding.text}"
            seen[key] += 1
            fingerprint = hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest()[:32]
            region = {
                "startLine": f.line,
                "startColumn": f.column,
                "endLine": f.end_line,
                "endColumn": f.end_column,
                "snippet": {"text": f.finding.text},
            }
            item = {
                "ruleId": f.rule,
                "level": LEVELS.get(f.severity, "warning"),
                "message": {"text": f.message},
                "locations": [_location(r.article.path, region)],
                "partialFingerprints": {"credscoreFinding/v1": fingerprint},
            }
            if f.rule in index:
                item["ruleIndex"] = index[f.rule]
            if r.article.record is not None:
                item["properties"] = {"record": r.article.record}
            results.append(item)
    notifications = []
    for error in result.errors:
        note = {"level": "error", "message": {"text": str(error)}}
        if isinstance(error, InputError) and error.source != "-":
            note["locations"] = [_location(error.source)]
        notifications.append(note)
    run = {
        "tool": {
            "driver": {
                "name": "credscore",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [rule_descriptor(rule) for rule in rules],
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
                    "path": display_path(r.article.path),
                    "record": r.article.record,
                    "score": r.report.score,
                    "band": r.report.band,
                    "passed": r.passed,
                    "reasons": list(r.reasons),
                }
                for r in result.results
            ]
        },
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def write(result, stream: TextIO, *, verbose: bool = False, positive: bool = False) -> None:
    """Write the SARIF log as indented JSON."""
    json.dump(to_dict(result, positive=positive), stream, indent=2, ensure_ascii=False)
    stream.write("\n")
