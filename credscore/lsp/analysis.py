"""Check one document as ``credscore check`` would, and lay the result out in LSP positions.

The document is read by the reader its format names (:func:`~credscore.formats.article.
articles_from_text`), scored and filtered by :func:`~credscore.check.run.check_article` with
the configuration ``check`` would find for its file, so the editor and CI agree. What cannot be
checked (too large, binary, an HTML page with no main text) becomes one diagnostic saying so.
"""

from __future__ import annotations

from pathlib import Path

from credscore.check.collect import GlobSet, relative_to
from credscore.check.run import ArticleResult, check_article
from credscore.document import MAX_CHARS
from credscore.errors import InputError
from credscore.formats.article import articles_from_text
from credscore.formats.files import decode_bytes
from credscore.lsp.describe import rule_markdown, score_details, score_summary
from credscore.lsp.edits import EditContext
from credscore.lsp.positions import LineMap, Span
from credscore.lsp.project import Project
from credscore.lsp.results import MAX_ITEMS, Analysis, Item, Job, ScoreView

__all__ = ["SUFFIXES", "analyse"]

SUFFIXES = {"markdown": ".md", "text": ".txt", "html": ".html"}
"""The suffix whose reader ``check`` uses for each kind of document."""


def analyse(job: Job, project: Project) -> Analysis:
    """Check ``job``'s document; never raises for any text."""
    text = job.text
    lines = LineMap(text, job.encoding)
    headline = _headline(lines)
    if not text.strip():
        return Analysis(headline=headline)
    project.refresh(job.generation)
    path = Path(job.path) if job.path else None
    start = path or (Path(job.roots[0]) if job.roots else Path.cwd())
    config, problem = project.config_for(start)
    messages = []
    if problem:
        messages.append(("error", f"credscore: {problem}; using the default settings"))
    name = str(path) if path else job.uri
    try:
        rel = relative_to(path, config.root) if path else Path(name).name
    except (OSError, RuntimeError):  # a symlink loop
        rel = name
    exclude = config.get("exclude", ())
    if path is not None and exclude and GlobSet(exclude).match(rel):
        note = f"not checked: excluded by {config.path}"
        return Analysis(headline=headline, messages=tuple(messages), note=note)
    scorer, problem = project.scorer_for(config)
    if problem:
        messages.append(("error", f"credscore: {problem}"))

    def refused(why: str) -> Analysis:
        item = Item(headline, "warning", f"credscore: not checked: {why}")
        return Analysis((item,), headline=headline, messages=tuple(messages))

    if len(text) > MAX_CHARS:
        return refused(f"the document is {len(text):,} characters; the limit is {MAX_CHARS:,}")
    settings = config.settings_for(rel, {})
    try:
        decode_bytes(text.encode("utf-8", "replace"), name)  # binary-looking text, as check
        (article,) = articles_from_text(text, name, SUFFIXES[job.kind])
        result = check_article(article, scorer, settings, project.rules, [])
    except InputError as exc:  # too large, binary, no main text, not English
        return refused(exc.problem)
    edits = EditContext(text, article, lines)
    items, omitted, omitted_positive = _finding_items(result, edits)
    items += _directive_items(result, edits, project)
    docs = {
        rule: rule_markdown(project.rules[rule])
        for rule in {i.rule for i in items if i.rule in project.rules}
    }
    return Analysis(
        tuple(items),
        _score_view(result, edits),
        headline,
        docs,
        tuple(messages),
        omitted,
        omitted_positive,
    )


def _headline(lines: LineMap) -> Span:
    """The span of the first non-blank line's text (where the score is shown)."""
    text = lines.text
    start = len(text) - len(text.lstrip())
    line = lines.line_of(start) if start < len(text) else 0
    first, end = lines.starts[line], lines.line_end(line)
    first = max(first, start)
    while end > first and text[end - 1].isspace():
        end -= 1
    return lines.span(first, end)


def _finding_items(result: ArticleResult, edits: EditContext) -> tuple[list[Item], int, int]:
    """One item per finding, at most :data:`MAX_ITEMS` of each effect, with its actions; and
    how many were left out, of those that lower and of those that raise credibility."""
    items: list[Item] = []
    counts = {True: 0, False: 0}
    omitted = {True: 0, False: 0}
    for located in result.findings:
        positive = not located.is_problem
        if counts[positive] >= MAX_ITEMS:
            omitted[positive] += 1
            continue
        counts[positive] += 1
        f = located.finding
        start, end = edits.source_span(f.start, f.end)
        actions = [*edits.rewrites(f.rule, f.start, f.end)]
        for action in (edits.suppress_line(f.rule, start), edits.suppress_file(f.rule)):
            if action is not None:
                actions.append(action)
        severity = "hint" if positive else f.severity
        items.append(
            Item(
                edits.lines.span(start, end),
                severity,
                f.message,
                rule=f.rule,
                positive=positive,
                actions=tuple(actions),
            )
        )
    return items, omitted[False], omitted[True]


def _directive_items(result: ArticleResult, edits: EditContext, project: Project) -> list[Item]:
    """A warning for each unknown name in a suppression comment, and a faded hint for each
    comment (or name in it) that suppressed nothing, as ``check -v`` reports them."""
    if not result.unused:
        return []
    families = {r.partition(".")[0] for r in project.rules}
    by_position = {}
    for start, end, d in edits.directives():
        by_position[_directive_line_col(edits, start)] = (start, end)
    items = []
    for directive, names in result.unused:
        where = by_position.get((directive.line, directive.column))
        if where is None:
            continue
        span = edits.lines.span(*where)
        unknown = [n for n in names if n != "*" and n not in project.rules and n not in families]
        for name in unknown:
            message = f"unknown rule or family {name!r} in {directive.text}"
            items.append(Item(span, "warning", message))
        known = [n for n in names if n not in unknown]
        if known:
            what = "" if known == ["*"] else f" ({', '.join(known)} matched nothing)"
            message = f"unused suppression {directive.text}{what}"
            items.append(Item(span, "hint", message, unnecessary=True))
    return items


def _directive_line_col(edits: EditContext, offset: int) -> tuple[int, int]:
    """The (line, column) ``check`` gives a suppression comment at document ``offset``."""
    return edits.article.directive_scan()[1](offset)


def _score_view(result: ArticleResult, edits: EditContext) -> ScoreView:
    report = result.report

    def line_of(offset: int) -> int:
        return edits.lines.line_of(edits.to_source(offset)) + 1

    return ScoreView(
        score_summary(report, result.reasons),
        score_details(report, result.reasons, line_of),
        fails=bool(result.reasons),
    )
