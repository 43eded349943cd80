"""The review criteria of a report as a checklist an editor can act on."""

from __future__ import annotations

from credscore.criteria import CRITERIA, Criterion
from credscore.findings import Finding
from credscore.report import Report

__all__ = ["checklist", "criterion_evidence", "verdicts"]

PASS = 0.5
"""A criterion counts as met when its probability is at least this."""


def criterion_evidence(report: Report, criterion_id: str, n: int = 3) -> list[Finding]:
    """Up to ``n`` findings behind one criterion's verdict: for a met criterion, the evidence
    that raises credibility first; for an unmet one, the marks that lower it first."""
    from credscore.signals import rules

    effects = {rule_id: rule.effect for rule_id, rule in rules().items()}
    met = report.criteria.get(criterion_id, 0.0) >= PASS
    wanted = "raises" if met else "lowers"
    found = report.criterion_findings(criterion_id)
    found.sort(key=lambda f: (effects.get(f.rule) != wanted, f.start))
    return found[:n]


def verdicts(report: Report) -> list[tuple[Criterion, float, str]]:
    """``(criterion, probability, mark)`` for each criterion the report has a verdict on, in
    checklist order; the mark is ``"x"`` when it is met, else a space."""
    return [
        (c, p, "x" if p >= PASS else " ")
        for c in CRITERIA
        if (p := report.criteria.get(c.id)) is not None
    ]


def checklist(report: Report, *, path: str = "<text>", evidence: int = 3) -> str:
    """Render the criteria checklist of one report, with located evidence under each."""
    lines = [f"{path}: score {report.score:.1f}/100 ({report.band_label})"]
    if not report.criteria:
        lines.append("  (this model has no criterion heads; retrain it with `credscore train`)")
        return "\n".join(lines)
    for criterion, p, mark in verdicts(report):
        lines.append(f"  [{mark}] {criterion.id:<20} {p:4.2f}  {criterion.question}")
        shown = criterion_evidence(report, criterion.id, evidence)
        for f in shown:
            lines.append(f"        {path}:{f.line}:{f.column}: {f.rule} {f.message}")
        if not shown:
            lines.append("        no evidence found in the text")
    return "\n".join(lines)

