"""The review criteria of a report as a checklist an editor can act on."""

from __future__ import annotations

from credscore.criteria import CRITERIA, Criterion
from credscore.findings import Finding
from credscore.printable import printable
from credscore.report import Report

__all__ = ["LIKELY", "UNLIKELY", "checklist", "criterion_evidence", "verdict", "verdicts"]

LIKELY = 2 / 3
"""A criterion is ``likely met`` when its probability is at least this."""
UNLIKELY = 1 / 3
"""A criterion is ``likely not met`` when its probability is at most this; between the two it is
``uncertain`` (the IPCC's calibrated language: "likely" is 66-100%, "about as likely as not"
33-66%; Mastrandrea et al., IPCC guidance note, 2010)."""

_MARKS = {"likely met": "x", "uncertain": "?", "likely not met": " ", "not assessed": "-"}


def verdict(report: Report, criterion_id: str) -> str:
    """``"likely met"``, ``"uncertain"``, ``"likely not met"`` or ``"not assessed"`` (the model
    has no head for the criterion, or one that is not better than chance)."""
    p = report.criteria.get(criterion_id)
    if p is None:
        return "not assessed"
    if p >= LIKELY:
        return "likely met"
    return "likely not met" if p <= UNLIKELY else "uncertain"


def criterion_evidence(report: Report, criterion_id: str, n: int = 3) -> list[Finding]:
    """Up to ``n`` findings behind one criterion's verdict: for a likely met criterion, the
    evidence that raises credibility first; otherwise the marks that lower it first."""
    from credscore.signals import rule_effects

    effects = rule_effects()
    wanted = "raises" if verdict(report, criterion_id) == "likely met" else "lowers"
    found = report.criterion_findings(criterion_id)
    found.sort(key=lambda f: (effects.get(f.rule, "lowers") != wanted, f.start))
    return found[:n]


def verdicts(report: Report) -> list[tuple[Criterion, float | None, str]]:
    """``(criterion, probability, mark)`` for each criterion of the model, in checklist order:
    the mark as in :func:`checklist`, the probability None when it is not assessed."""
    return [
        (c, report.criteria.get(c.id), _MARKS[verdict(report, c.id)])
        for c in CRITERIA
        if c.id in report.criteria or c.id in report.criteria_not_assessed
    ]


def checklist(report: Report, *, path: str = "<text>", evidence: int = 3) -> str:
    """Render the criteria checklist of one report: per criterion a mark (``[x]`` likely met,
    ``[?]`` uncertain, ``[ ]`` likely not met, ``[-]`` not assessed), its probability and
    question, and under it up to ``evidence`` located findings with their effect."""
    from credscore.check.output.text import finding_line
    from credscore.signals import rule_effects

    effects = rule_effects()
    name = printable(path)
    lines = [f"{name}: score {report.score:.1f}/100 ({report.band_label})"]
    if not report.criteria and not report.criteria_not_assessed:
        lines.append("  (this model has no criterion heads; retrain it with `credscore train`)")
        return "\n".join(lines)
    for criterion in CRITERIA:
        p = report.criteria.get(criterion.id)
        if p is None and criterion.id not in report.criteria_not_assessed:
            continue
        said = verdict(report, criterion.id)
        figure = "    " if p is None else f"{p:4.2f}"
        lines.append(
            f"  [{_MARKS[said]}] {criterion.id:<20} {figure}  {said:<14}  {criterion.question}"
        )
        if evidence <= 0:
            continue
        shown = criterion_evidence(report, criterion.id, evidence)
        lines.extend(
            "        "
            + finding_line(
                path,
                f.line,
                f.column,
                f.rule,
                f.severity,
                effects.get(f.rule, "lowers"),
                f.message,
            )
            for f in shown
        )
        if not shown:
            lines.append("        no evidence found in the text")
    return "\n".join(lines)
