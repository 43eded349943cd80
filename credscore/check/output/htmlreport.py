"""HTML output: one self-contained page (inline CSS, no script, no external asset) for a run.

Each article shows its score and band, whether it passed and why not, its criteria checklist
(``report.criteria``: the probability that each review criterion is met), the families that
moved the score, its findings as a list, and its text with every finding highlighted in place
as a ``<mark>`` whose ``data-rule`` names the rules and whose ``title`` gives the messages.
All article text is escaped: it is untrusted input. The layout is a single readable column
that wraps long words, so it reads on a phone.
"""

from __future__ import annotations

from html import escape
from itertools import pairwise
from typing import TextIO

from credscore.check.output.text import summary

__all__ = ["render", "write"]

_RANK = {"info": 0, "warning": 1, "error": 2}

_CSS = """
:root{--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--bg:#fff;--soft:#f6f8fa;
--err:#ffd7d5;--errb:#cf222e;--warn:#fff1c2;--warnb:#9a6700;--info:#ddf4ff;--infob:#0969da;
--good:#dafbe1;--goodb:#1a7f37}
*{box-sizing:border-box}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
color:var(--fg);background:var(--bg)}
main{max-width:50rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.2rem;margin:0 0 .25rem;
overflow-wrap:anywhere}h3{font-size:1rem;margin:1rem 0 .25rem}
.summary,.meta{color:var(--muted)}
nav ul{list-style:none;padding:0;margin:0}nav li{margin:.2rem 0;overflow-wrap:anywhere}
article{border:1px solid var(--line);border-radius:8px;padding:1rem;margin:1rem 0}
article.fail{border-left:6px solid var(--errb)}article.pass{border-left:6px solid var(--goodb)}
.badge{display:inline-block;min-width:3.2rem;text-align:center;font-weight:700;
border-radius:1rem;padding:0 .5rem}
.band-high{background:var(--good)}.band-mixed{background:var(--warn)}
.band-low{background:var(--err)}.band-none{background:var(--line)}
.status-pass{color:var(--goodb);font-weight:600}.status-fail{color:var(--errb);font-weight:600}
ul.criteria{list-style:none;padding:0;margin:0}ul.criteria li{padding:.15rem 0}
.met::before{content:"\\2714\\FE0E  ";color:var(--goodb)}
.unmet::before{content:"\\2718\\FE0E  ";color:var(--errb)}
ol.findings{padding-left:1.4rem;margin:.25rem 0}ol.findings li{margin:.2rem 0;
overflow-wrap:anywhere}
code{font-size:.9em;background:var(--soft);border-radius:4px;padding:0 .25rem}
.text{white-space:pre-wrap;overflow-wrap:anywhere;background:var(--soft);
border:1px solid var(--line);border-radius:6px;padding:.75rem;margin:.5rem 0;font-size:.95rem}
mark,.key{border-radius:3px;padding:0 1px;color:inherit}
.sev-error{background:var(--err);box-shadow:inset 0 -2px var(--errb)}
.sev-warning{background:var(--warn);box-shadow:inset 0 -2px var(--warnb)}
.sev-info{background:var(--info);box-shadow:inset 0 -2px var(--infob)}
.good{background:var(--good);box-shadow:inset 0 -2px var(--goodb)}
.sev{font-size:.85em;font-weight:600}.sev-error-t{color:var(--errb)}
.sev-warning-t{color:var(--warnb)}.sev-info-t{color:var(--infob)}.good-t{color:var(--goodb)}
.errors li{color:var(--errb);overflow-wrap:anywhere}
@media (max-width:480px){main{padding:.5rem}article{padding:.6rem}body{font-size:15px}}
"""


_LEGEND = (
    '<p class="meta">Highlights: <span class="key sev-error">error</span> '
    '<span class="key sev-warning">warning</span> <span class="key sev-info">info</span> '
    '<span class="key good">raises credibility</span> (the list under each text explains them).</p>'
)


def _criteria_labels() -> dict[str, str]:
    try:
        from credscore.criteria import CRITERIA
    except ImportError:  # an older credscore without per-criterion verdicts
        return {}
    return {c.id: c.question for c in CRITERIA}


def _marked_text(text: str, findings: list, prefix: str) -> str:
    """``text`` escaped, with each finding's span in ``<mark>`` elements (split where spans
    overlap, so that marks never nest)."""
    n = len(text)
    spans = [(min(max(f.finding.start, 0), n), min(max(f.finding.end, 0), n)) for f in findings]
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    for i, (a, b) in enumerate(spans):
        starts.setdefault(a, []).append(i)
        ends.setdefault(b, []).append(i)
    points = sorted({0, n, *starts, *ends})
    active: dict[int, None] = {}
    out = []
    for a, b in pairwise(points):
        for i in ends.get(a, ()):
            active.pop(i, None)
        for i in starts.get(a, ()):
            out.append(f'<span class="anchor" id="{prefix}-f{i + 1}"></span>')
            if spans[i][1] > a:
                active[i] = None
        chunk = escape(text[a:b])
        if not active:
            out.append(chunk)
            continue
        covering = [findings[i] for i in active]
        problems = [f for f in covering if f.is_problem]
        if problems:
            cls = "sev-" + max(problems, key=lambda f: _RANK.get(f.severity, 0)).severity
        else:
            cls = "good"
        rules = " ".join(dict.fromkeys(f.rule for f in covering))
        title = "\n".join(f"{f.rule} [{f.severity}]: {f.message}" for f in covering)
        out.append(
            f'<mark class="{cls}" data-rule="{escape(rules)}" title="{escape(title)}">'
            f"{chunk}</mark>"
        )
    return "".join(out)


def _article(r, n: int, labels: dict[str, str]) -> str:
    prefix = f"a{n}"
    report = r.report
    findings = sorted(r.findings, key=lambda f: (f.finding.start, f.finding.end, f.rule))
    status = (
        '<span class="status-pass">pass</span>'
        if r.passed
        else '<span class="status-fail">FAIL</span>: ' + escape("; ".join(r.reasons))
    )
    parts = [
        f'<article id="{prefix}" class="{"pass" if r.passed else "fail"}">',
        f"<h2>{escape(r.article.name)}</h2>",
        (
            f'<p class="meta"><span class="badge band-{escape(report.band or "none")}">'
            f"{report.score:.1f}</span> / 100 &middot; {escape(report.band_label)} &middot; "
            f"{status}</p>"
        ),
    ]
    criteria = dict(getattr(report, "criteria", {}) or {})
    if criteria:
        parts.append('<h3>Review criteria</h3><ul class="criteria">')
        for cid, p in criteria.items():
            label = labels.get(cid, cid.replace("_", " "))
            cls = "met" if p >= 0.5 else "unmet"
            parts.append(
                f'<li class="{cls}" data-criterion="{escape(cid)}">{escape(label)} '
                f'<span class="meta">({100 * p:.0f}% likely met)</span></li>'
            )
        parts.append("</ul>")
    families = list(report.family_contributions.items())[:4]
    if families:
        moved = ", ".join(f"{escape(k)} {v:+.2f}" for k, v in families)
        parts.append(f'<p class="meta">Moved the score most: {moved}</p>')
    parts.append(f'<div class="text">{_marked_text(r.article.text, findings, prefix)}</div>')
    parts.append(f"<h3>Findings ({len(findings)})</h3>")
    if findings:
        parts.append('<ol class="findings">')
        for i, f in enumerate(findings, 1):
            kind = f"sev-{f.severity}-t" if f.is_problem else "good-t"
            label = f.severity if f.is_problem else "good"
            parts.append(
                f'<li><a href="#{prefix}-f{i}">line {f.line}:{f.column}</a> '
                f'<span class="sev {kind}">{label}</span> <code>{escape(f.rule)}</code> '
                f"{escape(f.message)}</li>"
            )
        parts.append("</ol>")
    if r.suppressed:
        parts.append(f'<p class="meta">{r.suppressed} finding(s) suppressed by comments.</p>')
    parts.append("</article>")
    return "\n".join(parts)


def render(result) -> str:
    """The report page as a string."""
    labels = _criteria_labels()
    body = [
        "<header><h1>credscore report</h1>",
        f'<p class="summary">{escape(summary(result))}</p>',
        _LEGEND,
        "</header>",
    ]
    if result.results:
        body.append("<nav><ul>")
        for n, r in enumerate(result.results, 1):
            band = escape(r.report.band or "none")
            body.append(
                f'<li><span class="badge band-{band}">{r.report.score:.1f}</span> '
                f'<a href="#a{n}">{escape(r.article.name)}</a> '
                f"{'pass' if r.passed else '<strong>FAIL</strong>'}</li>"
            )
        body.append("</ul></nav>")
    body.extend(_article(r, n, labels) for n, r in enumerate(result.results, 1))
    if result.errors:
        body.append('<section class="errors"><h2>Input errors</h2><ul>')
        body.extend(f"<li>{escape(str(e))}</li>" for e in result.errors)
        body.append("</ul></section>")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>credscore report</title>\n"
        '<link rel="icon" href="data:,">\n'
        f"<style>{_CSS}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(body)
        + "\n</main>\n</body>\n</html>\n"
    )


def write(result, stream: TextIO, *, verbose: bool = False, positive: bool = False) -> None:
    """Write the report page."""
    stream.write(render(result))
