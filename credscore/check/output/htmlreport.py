"""HTML output: one self-contained page (inline CSS, no script, no external asset) for a run.

The page opens with the summary and the settings that decided pass or fail. Each article shows
its score and band, whether it passed and against which thresholds, its review criteria (each
probability on a scale with "likely not met", "uncertain" and "likely met" zones, or "not
assessed" when the model's head for it is not better than chance), the families that moved the
score, its text with every finding highlighted in place as a ``<mark>`` whose ``data-rule``
names the rules and whose ``title`` gives the messages, and its findings as a list (those that
lower credibility first). Hard-wrapped lines are reflowed into paragraphs (blank lines separate
paragraphs; list items, headings, quotes, table rows and fenced code keep their lines) and
Markdown front matter is shown as a header above the text. All article text is escaped: it is
untrusted input. The layout is a single readable column that wraps long words, so it reads on
a phone.
"""

from __future__ import annotations

import re
from html import escape
from itertools import pairwise

from credscore.check.output.text import describe_rules, settings_line, summary
from credscore.criteria import CRITERIA
from credscore.explain import LIKELY, UNLIKELY, verdict
from credscore.findings import SEVERITIES
from credscore.printable import printable

__all__ = ["render"]

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
.summary,.meta{color:var(--muted);overflow-wrap:anywhere}
nav ul{list-style:none;padding:0;margin:0}nav li{margin:.2rem 0;overflow-wrap:anywhere}
article{border:1px solid var(--line);border-radius:8px;padding:1rem;margin:1rem 0}
article.fail{border-left:6px solid var(--errb)}article.pass{border-left:6px solid var(--goodb)}
.badge{display:inline-block;min-width:3.2rem;text-align:center;font-weight:700;
border-radius:1rem;padding:0 .5rem}
.band-high{background:var(--good)}.band-mixed{background:var(--warn)}
.band-low{background:var(--err)}.band-none{background:var(--line)}
.status-pass{color:var(--goodb);font-weight:600}.status-fail{color:var(--errb);font-weight:600}
ul.gate{margin:.25rem 0;padding-left:1.2rem;color:var(--muted)}
ul.gate li{overflow-wrap:anywhere}.ok{color:var(--goodb)}.no{color:var(--errb)}
ul.criteria{list-style:none;padding:0;margin:0}
ul.criteria li{display:flex;flex-wrap:wrap;align-items:center;gap:.1rem .75rem;
padding:.3rem 0;border-bottom:1px solid var(--soft)}
.question{flex:1 1 18rem;min-width:0;overflow-wrap:anywhere}
.scale{position:relative;flex:0 0 9rem;height:.8rem;border-radius:.4rem;
border:1px solid var(--line);background:linear-gradient(to right,
var(--err) 0 33.333%,var(--soft) 33.333% 66.667%,var(--good) 66.667% 100%)}
.needle{position:absolute;top:-.25rem;bottom:-.25rem;width:4px;margin-left:-2px;
border-radius:2px;background:var(--fg)}
.verdict{flex:0 0 10.5rem;font-size:.9em;font-weight:600}
.likely-met .verdict{color:var(--goodb)}.likely-not-met .verdict{color:var(--errb)}
.uncertain .verdict{color:var(--warnb)}.not-assessed .verdict{color:var(--muted)}
.not-assessed .scale{background:repeating-linear-gradient(45deg,var(--soft) 0 6px,
#fff 6px 12px)}
ol.findings{padding-left:1.4rem;margin:.25rem 0}ol.findings li{margin:.2rem 0;
overflow-wrap:anywhere}
code{font-size:.9em;background:var(--soft);border-radius:4px;padding:0 .25rem;
overflow-wrap:anywhere}
.front{margin:.5rem 0 0;padding:.5rem .75rem;border:1px solid var(--line);border-bottom:0;
border-radius:6px 6px 0 0;background:#fff;font-size:.9rem;color:var(--muted);
white-space:pre-wrap;overflow-wrap:anywhere}
.front+.text{margin-top:0;border-radius:0 0 6px 6px}
.text{overflow-wrap:anywhere;background:var(--soft);border:1px solid var(--line);
border-radius:6px;padding:.25rem .75rem;margin:.5rem 0;font-size:.95rem}
.text p{margin:.5rem 0}
mark,.key{border-radius:3px;padding:0 1px;color:inherit}
.sev-error{background:var(--err);box-shadow:inset 0 -2px var(--errb)}
.sev-warning{background:var(--warn);box-shadow:inset 0 -2px var(--warnb)}
.sev-info{background:var(--info);box-shadow:inset 0 -2px var(--infob)}
.good{background:var(--good);box-shadow:inset 0 -2px var(--goodb)}
.sev{font-size:.85em;font-weight:600}.sev-error-t{color:var(--errb)}
.sev-warning-t{color:var(--warnb)}.sev-info-t{color:var(--infob)}.good-t{color:var(--goodb)}
.errors li{color:var(--errb);overflow-wrap:anywhere}
@media (max-width:480px){main{padding:.5rem}article{padding:.6rem}body{font-size:15px}
.scale{flex-basis:7rem}.verdict{flex-basis:auto}}
"""

_LEGEND = (
    '<p class="meta">Highlights: <span class="key sev-error">error</span> '
    '<span class="key sev-warning">warning</span> <span class="key sev-info">info</span> '
    "(lower credibility) and "
    '<span class="key good">raises credibility</span>; the list under each text explains them. '
    "Criteria: the needle is the probability that the criterion is met; "
    f"at most {UNLIKELY:.0%} is likely not met, at least {LIKELY:.0%} likely met, "
    "uncertain between.</p>"
)

_FRONT_MATTER = re.compile(
    r"\A\ufeff?(?:---|\+\+\+)[ \t]*(?:\r\n|\r|\n)(?P<inner>.*?)(?:\r\n|\r|\n)"
    r"(?:---|\.\.\.|\+\+\+)[ \t]*(?:\r\n|\r|\n|\Z)",
    re.DOTALL,
)
_PARAGRAPH = re.compile(r"(?:\r\n|\r|\n)(?:[ \t]*(?:\r\n|\r|\n))+")
_BLOCK_START = re.compile(r"[ \t]*(?:[-*+][ \t]|\d{1,9}[.)][ \t]|#|>|\||```|~~~)")
_FENCE = re.compile(r"[ \t]*(?:```|~~~)")
_EOL = re.compile(r"\r\n|\r|\n")
_BLANK_LINES = re.compile(r"(?:[ \t]*(?:\r\n|\r|\n))*")


def _breaks(text: str, lo: int, hi: int, layout: str) -> dict[int, tuple[int, str]]:
    """Layout breaks in ``text[lo:hi]``: start -> (end, ``"p"`` a paragraph break or ``"br"``
    a line break). With ``layout="reflow"``, blank lines end a paragraph, a line that starts a
    list item, heading, quote, table row or fence, or is inside fenced code, keeps its break,
    and other line breaks show as spaces; with ``"lines"`` every line is a paragraph."""
    out: dict[int, tuple[int, str]] = {}
    if layout == "pre":
        return out
    in_fence = False
    line_start = lo
    for m in _EOL.finditer(text, lo, hi):
        if m.start() < line_start:  # inside a run of blank lines already taken
            continue
        if _FENCE.match(text, line_start, m.start()):
            in_fence = not in_fence
        blank = _PARAGRAPH.match(text, m.start(), hi)
        if layout == "lines" or (blank and not in_fence):
            end = blank.end() if blank else m.end()
            out[m.start()] = (end, "p")
            line_start = end
            continue
        if in_fence or _BLOCK_START.match(text, m.end(), hi):
            out[m.start()] = (m.end(), "br")
        line_start = m.end()
    return out


def _marked_text(
    text: str, findings: list, members: list[int], prefix: str, lo: int, hi: int, layout: str
) -> str:
    """``text[lo:hi]`` escaped and laid out (see :func:`_breaks`; ``"pre"`` keeps the text as
    it is), with the span of each finding in ``members`` (indices into ``findings``) in
    ``<mark>`` elements, split where spans overlap or a paragraph ends so that marks never
    nest, and an anchor where each starts."""
    spans = {
        i: (min(max(findings[i].finding.start, lo), hi), min(max(findings[i].finding.end, lo), hi))
        for i in members
    }
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    for i, (a, b) in spans.items():
        starts.setdefault(a, []).append(i)
        ends.setdefault(b, []).append(i)
    breaks = _breaks(text, lo, hi, layout)
    points = sorted({lo, hi, *starts, *ends, *breaks, *(end for end, _ in breaks.values())})
    active: dict[int, None] = {}
    out = []
    for a, b in pairwise(points):
        for i in ends.get(a, ()):
            active.pop(i, None)
        for i in starts.get(a, ()):
            out.append(f'<span class="anchor" id="{prefix}-f{i + 1}"></span>')
            if spans[i][1] > a:
                active[i] = None
        if a in breaks and breaks[a][0] == b:
            out.append("</p>\n<p>" if breaks[a][1] == "p" else "<br>\n")
            continue
        piece = text[a:b] if layout == "pre" else _EOL.sub(" ", text[a:b])
        if not active:
            out.append(escape(piece))
            continue
        covering = [findings[i] for i in active]
        problems = [f for f in covering if f.is_problem]
        if problems:
            cls = "sev-" + max(problems, key=lambda f: _RANK.get(f.severity, 0)).severity
        else:
            cls = "good"
        rules = " ".join(dict.fromkeys(f.rule for f in covering))
        title = "\n".join(
            f"{f.rule} [{f.severity}, {f.effect}]: {printable(f.message)}" for f in covering
        )
        out.append(
            f'<mark class="{cls}" data-rule="{escape(rules)}" title="{escape(title)}">'
            f"{escape(piece)}</mark>"
        )
    html = "".join(out)
    return html if layout == "pre" else f"<p>{html}</p>".replace("<p></p>", "")


def _gate(r) -> str:
    """The thresholds that decided pass or fail, and where this article stands against them."""
    s = r.settings
    items = []
    if r.report.status == "too-short":
        applied = "no" if r.below_fail_under else "ok"
        said = "fails" if r.below_fail_under else "not held to the default threshold"
        items.append(
            f"fails below score {s.threshold:g}: the text is too short to judge, "
            f'<span class="{applied}">{said}</span>'
        )
    else:
        ok = not r.below_fail_under
        sign = "&ge;" if ok else "&lt;"
        items.append(
            f'fails below score {s.threshold:g}: <span class="{"ok" if ok else "no"}">'
            f"{r.report.score:.1f} {sign} {s.threshold:g}</span>"
        )
    if s.fail_on == "none":
        items.append("findings never fail an article")
    else:
        counted = SEVERITIES[SEVERITIES.index(s.fail_on) :]
        n = sum(f.severity in counted for f in r.problems())
        items.append(
            f"fails on a finding at {s.fail_on} level or above that lowers credibility: "
            f'<span class="{"no" if n else "ok"}">{n} found</span>'
        )
    items.append("rules: " + escape(describe_rules(s)))
    return '<ul class="gate">' + "".join(f"<li>{i}</li>" for i in items) + "</ul>"


def _criteria(report) -> str:
    rows = []
    for criterion in CRITERIA:
        p = report.criteria.get(criterion.id)
        if p is None and criterion.id not in report.criteria_not_assessed:
            continue
        said = verdict(report, criterion.id)
        cls = said.replace(" ", "-")
        if p is None:
            scale = '<span class="scale" aria-hidden="true"></span>'
            detail = (
                '<span class="verdict">not assessed</span><span class="meta">the model is not '
                "better than chance here; its findings are still listed below</span>"
            )
        else:
            scale = (
                f'<span class="scale" role="img" aria-label="{100 * p:.0f}% likely met">'
                f'<span class="needle" style="left:{100 * p:.1f}%"></span></span>'
            )
            detail = f'<span class="verdict">{said} &middot; {100 * p:.0f}%</span>'
        rows.append(
            f'<li class="{cls}" data-criterion="{escape(criterion.id)}">'
            f'<span class="question">{escape(criterion.question)}</span>{scale}{detail}</li>'
        )
    if not rows:
        return ""
    return '<h3>Review criteria</h3><ul class="criteria">' + "".join(rows) + "</ul>"


def _article(r, n: int) -> str:
    prefix = f"a{n}"
    report = r.report
    findings = sorted(
        r.findings, key=lambda f: (not f.is_problem, f.finding.start, f.finding.end, f.rule)
    )
    status = (
        '<span class="status-pass">pass</span>'
        if r.passed
        else '<span class="status-fail">FAIL</span>: ' + escape("; ".join(r.reasons))
    )
    parts = [
        f'<article id="{prefix}" class="{"pass" if r.passed else "fail"}">',
        f"<h2>{escape(printable(r.article.name))}</h2>",
        (
            f'<p class="meta"><span class="badge band-{escape(report.band or "none")}">'
            f"{report.score:.1f}</span> / 100 &middot; {escape(report.band_label)} &middot; "
            f"{status}</p>"
        ),
        _gate(r),
        _criteria(report),
    ]
    families = list(report.family_contributions.items())[:4]
    if families:
        moved = ", ".join(f"{escape(k)} {v:+.2f}" for k, v in families)
        parts.append(f'<p class="meta">Moved the score most: {moved}</p>')
    parts.extend(_text(r, findings, prefix))
    parts.append(f"<h3>Findings ({len(findings)})</h3>")
    if findings:
        parts.append('<ol class="findings">')
        for i, f in enumerate(findings, 1):
            kind = f"sev-{f.severity}-t" if f.is_problem else "good-t"
            label = f"{f.severity} &middot; lowers" if f.is_problem else "raises"
            parts.append(
                f'<li><a href="#{prefix}-f{i}">line {f.line}:{f.column}</a> '
                f'<span class="sev {kind}">{label}</span> <code>{escape(f.rule)}</code> '
                f"{escape(printable(f.message))}</li>"
            )
        parts.append("</ol>")
    if r.suppressed:
        parts.append(f'<p class="meta">{r.suppressed} finding(s) suppressed by comments.</p>')
    parts.append("</article>")
    return "\n".join(p for p in parts if p)


def _text(r, findings: list, prefix: str) -> list[str]:
    """The article's front matter (as a header) and its text, with the findings marked."""
    text = r.article.text
    front = _FRONT_MATTER.match(text) if r.article.kind == "markdown" else None
    body = _BLANK_LINES.match(text, front.end()).end() if front else 0
    in_front = [i for i, f in enumerate(findings) if f.finding.start < body]
    in_body = [i for i, f in enumerate(findings) if f.finding.start >= body or not front]
    parts = []
    if front:
        lo, hi = front.span("inner")
        marked = _marked_text(text, findings, in_front, prefix, lo, hi, "pre")
        parts.append(f'<div class="front" title="front matter">{marked}</div>')
    elif r.article.doc.title:
        parts.append(f'<p class="meta">Headline: {escape(r.article.doc.title)}</p>')
    layout = "lines" if r.article.kind == "html" else "reflow"  # a page's text: a line each
    marked = _marked_text(text, findings, in_body, prefix, body, len(text), layout)
    parts.append(f'<div class="text">{marked}</div>')
    return parts


def render(result, *, verbose: bool = False, positive: bool = False) -> str:
    """The report page as a string."""
    body = [
        "<header><h1>credscore report</h1>",
        f'<p class="summary">{escape(summary(result))}</p>',
    ]
    if result.results:
        body.append(f'<p class="meta">{escape(settings_line(result))}</p>')
    body += [_LEGEND, "</header>"]
    if result.results:
        body.append("<nav><ul>")
        for n, r in enumerate(result.results, 1):
            band = escape(r.report.band or "none")
            body.append(
                f'<li><span class="badge band-{band}">{r.report.score:.1f}</span> '
                f'<a href="#a{n}">{escape(printable(r.article.name))}</a> '
                f"{'pass' if r.passed else '<strong>FAIL</strong>'}</li>"
            )
        body.append("</ul></nav>")
    body.extend(_article(r, n) for n, r in enumerate(result.results, 1))
    if result.errors:
        body.append('<section class="errors"><h2>Input errors</h2><ul>')
        body.extend(f"<li>{escape(printable(str(e)))}</li>" for e in result.errors)
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
