"""Property-based fuzzing with Hypothesis: scoring, the Markdown and HTML readers, file
decoding and the suppression-comment parser never raise anything but their documented errors,
and every finding's span lies inside the text with a line and column that agree with it."""

from __future__ import annotations

import re
from bisect import bisect_right

import numpy as np
import pytest

hypothesis = pytest.importorskip("hypothesis", reason="hypothesis is in the 'test' extra")
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from synthetic_model import synthetic_model

import credscore
from credscore.document import Document, normalise
from credscore.errors import InputError, LanguageError
from credscore.formats.files import decode_bytes
from credscore.formats.markdown import mask_markdown

FUZZ = settings(
    max_examples=150,
    deadline=None,
    database=None,  # no .hypothesis/ folder in the working tree
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

SCORER = credscore.Scorer(synthetic_model())

WORDS = [
    "study",
    "may",
    "cure",
    "miracle",
    "100%",
    "Dr.",
    "Smith",
    "said",
    "patients",
    "free",
    "call",
    "now",
    "$49",
    "costs",
    "risk",
    "side",
    "effects",
    "mice",
    "FDA",
    "2019",
    "(555) 123-4567",
    "e.g.",
    "U.S.",
    "breakthrough",
    "not",
    "proven",
    "doi:10.1/x",
]
PUNCT = [
    " ",
    " ",
    " ",
    ".",
    "!",
    "?",
    ",",
    ";",
    ":",
    "'",
    '"',
    "(",
    ")",
    "-",
    "\u2014",
    "\u201c",
    "\u201d",
    "\u2019",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\t",
    "\u00a0",
    "\u2028",
    "\ufeff",
    "\x85",
    "\u0130",
    "\u00df",
    "\x0b",
    "\x0c",
]
MARKDOWN = [
    "# ",
    "## ",
    "- ",
    "* ",
    "1. ",
    "> ",
    "    ",
    "```",
    "```\n",
    "~~~\n",
    "`",
    "``",
    "**",
    "_",
    "~~",
    "[",
    "]",
    "(",
    ")",
    "![",
    "](",
    "<",
    ">",
    "<!--",
    "-->",
    "<div>",
    "</div>",
    "<script>",
    "</script>",
    "<pre>",
    "&amp;",
    "&#x41;",
    "&#0;",
    "&nbsp;",
    "\\",
    "|",
    "| --- |",
    "---\n",
    "+++\n",
    "title: Hype\n",
    'title = "x"\n',
    "[^1]",
    "[^1]: ",
    "[id]: http://x.y ",
    "<http://a.b/c>",
    "https://example.org/x",
    "- [ ] ",
    "===\n",
]
HTML = [
    "<html>",
    "<head>",
    "<title>",
    "</title>",
    "</head>",
    "<body>",
    "</body>",
    "<p>",
    "</p>",
    "<div class='a'>",
    "</div>",
    "<h1>",
    "</h1>",
    "<script>",
    "</script>",
    "<style>",
    "</style>",
    "<!--",
    "-->",
    "<br/>",
    "<a href='https://x.y/z'>",
    "</a>",
    "&nbsp;",
    "&amp;",
    "&#8212;",
    "&bogus;",
    "<",
    ">",
    "<nav>",
    "</nav>",
    "<li>",
    "</li>",
    "<![CDATA[",
    "]]>",
    "<?xml ?>",
]
COMMENTS = [
    "<!--",
    "-->",
    " ",
    "  ",
    "\n",
    "\r\n",
    "credscore-",
    "credscore-disable",
    "credscore-enable",
    "credscore-disable-line",
    "credscore-disable-next-line",
    "credscore-disable-file",
    "commercial",
    "commercial.call-to-action",
    "hedging",
    ",",
    "x",
    ">",
    "-",
    "```",
    "~~~",
    "Order now!",
    "\t",
]


def tokens(*pools: list[str]) -> st.SearchStrategy[str]:
    pool = [t for p in pools for t in p]
    return st.lists(st.sampled_from(pool), max_size=120).map("".join)


PROSE_LIKE = tokens(WORDS, PUNCT)
TEXTS = st.one_of(st.text(), PROSE_LIKE, tokens(WORDS, PUNCT, MARKDOWN))


def assert_findings_consistent(doc: Document, findings, source: str) -> None:
    """Spans inside the text, and line/column as an editor counts them in ``source`` (lines
    end at LF, CRLF and CR only; U+2028, U+2029 and U+0085 do not end a line)."""
    n = len(doc.text)
    ends = [m.end() for m in re.finditer(r"\r\n?|\n", source)]
    for f in findings:
        assert 0 <= f.start <= f.end <= n, f
        assert f.text == doc.text[f.start : f.end], f
        k = bisect_right(ends, f.start)
        line_start = ends[k - 1] if k else 0
        assert f.line == k + 1, f
        assert f.column == f.start - line_start + 1, f


def assert_blanked_furniture_only(doc: Document, source: str) -> None:
    """``doc.text`` is the normalised source with its furniture lines, and nothing else,
    blanked to spaces."""
    expected = list(normalise(source))
    for start, end, _ in doc.furniture:
        assert "\n" not in expected[start:end]
        expected[start:end] = " " * (end - start)
    assert doc.text == "".join(expected)


def line_breaks(source: str) -> list[int]:
    """Offsets that end a line in the source (``\\r\\n`` counts at its ``\\n``)."""
    out = []
    for i, ch in enumerate(source):
        if ch in "\n\u2028\u2029\x85" or (ch == "\r" and source[i + 1 : i + 2] != "\n"):
            out.append(i)
    return out


def scored(score, *args, **kwargs):
    """``score(*args, **kwargs)``, or None when the text is refused as empty or not English
    (the only errors scoring any str may raise)."""
    try:
        return score(*args, **kwargs)
    except LanguageError as exc:
        assert str(exc).endswith("credscore scores English text only"), exc
    except ValueError as exc:
        assert str(exc) == "text is empty", exc
    return None


@FUZZ
@given(text=TEXTS, title=st.none() | st.text(max_size=40) | PROSE_LIKE)
def test_score_never_fails_and_spans_are_consistent(text, title):
    report = scored(SCORER.score, text, title=title)
    if report is None:
        return
    assert 0.0 <= report.score <= 100.0
    assert np.isfinite(report.logit)
    assert np.all(np.isfinite(list(report.features.values())))
    doc = Document.from_text(text, title=title)
    assert len(doc.text) == len(text)
    assert_blanked_furniture_only(doc, text)
    assert_findings_consistent(doc, report.findings, text)
    assert [f.start for f in report.findings] == sorted(f.start for f in report.findings)


@FUZZ
@given(source=st.one_of(tokens(MARKDOWN, WORDS, PUNCT), st.text()))
def test_markdown_keeps_offsets_and_lines(source):
    masked, title = mask_markdown(source)
    assert len(masked) == len(source)
    assert title is None or isinstance(title, str)
    for i, (a, b) in enumerate(zip(masked, source)):
        # Only spaces or decoded entities replace source characters; line breaks stay.
        assert a == b or a == " " or source[i] == "&", (i, a, b)
        if b in "\n\r\u2028\u2029\x85":
            assert a == b, (i, a, b)
    doc = Document.from_markdown(source)
    assert len(doc.text) == len(source)
    assert [i for i, c in enumerate(doc.text) if c == "\n"] == line_breaks(source)
    report = scored(SCORER.score_document, doc)
    if report is not None:
        assert_findings_consistent(doc, report.findings, source)


@FUZZ
@given(raw=st.one_of(st.binary(), st.text().map(lambda t: t.encode("utf-8"))))
def test_decoding_returns_text_or_a_documented_error(raw):
    try:
        text, encoding = decode_bytes(raw, "fuzz.txt")
    except InputError as exc:
        assert str(exc).startswith("fuzz.txt: ")
        return
    assert encoding in {
        "utf-8",
        "utf-8-sig",
        "utf-16",
        "utf-32",
        "utf-8-replace",
        "cp1252",
        "latin-1",
    }
    assert text.strip()
    if encoding == "utf-8":
        assert text == raw.decode("utf-8")


@FUZZ
@given(text=st.text().filter(lambda t: "\x00" not in t and not t.startswith("\ufeff")))
def test_utf8_text_decodes_to_itself_or_is_refused_as_binary_or_empty(text):
    try:
        assert decode_bytes(text.encode("utf-8"), "t.txt") == (text, "utf-8")
    except InputError as exc:
        assert "binary" in str(exc) or "empty" in str(exc), exc


def _suppress():
    return pytest.importorskip(
        "credscore.check.suppress", reason="the suppression-comment parser is not present"
    )


@FUZZ
@given(text=st.one_of(tokens(COMMENTS), tokens(COMMENTS, MARKDOWN, WORDS)), md=st.booleans())
def test_suppression_parser_finds_comments_where_they_are(text, md):
    suppress = _suppress()
    from credscore.formats.article import LineIndex

    index = LineIndex(text)
    directives = suppress.parse_directives(text, index.line_col, markdown=md)
    kinds = {"disable", "enable", "disable-line", "disable-next-line", "disable-file"}
    for d in directives:
        assert d.kind in kinds
        assert all(r and not any(c.isspace() or c == "," for c in r) for r in d.rules)
        start = index._starts[d.line - 1] + d.column - 1
        assert text.startswith("<!--", start), (d, text)
        assert text.find(f"credscore-{d.kind}", start) >= 0
    # Deciding suppressions never fails either.
    rules = ["commercial.call-to-action", "hedging.booster"]
    sup = suppress.Suppressions(directives, rules)
    for line in range(1, text.count("\n") + 3):
        sup.suppressing("commercial.call-to-action", line, 1)
    sup.unknown_names()


def _html_reader():
    htmlpage = pytest.importorskip("credscore.formats.htmlpage", reason="no HTML reader")
    try:
        htmlpage.read_html("<html><body><p>A probe paragraph of text.</p></body></html>", "p")
    except InputError as exc:
        pytest.skip(f"the HTML reader cannot run here: {exc}")
    return htmlpage


@pytest.mark.slow  # hundreds of HTML pages
@FUZZ
@given(source=st.one_of(tokens(HTML, WORDS, PUNCT), st.text(max_size=200)))
def test_html_reader_maps_every_offset_into_the_source(source):
    htmlpage = _html_reader()
    try:
        page = htmlpage.read_html(source, "fuzz.html")
    except InputError as exc:
        assert str(exc).startswith("fuzz.html: ")
        return
    assert len(page.offsets) == len(page.text)
    assert all(0 <= o <= len(source) for o in page.offsets)
    article = page.article("fuzz.html")
    n_lines = source.count("\n") + source.count("\r") + 1
    for offset in range(0, len(page.text), max(1, len(page.text) // 50)):
        line, column = article.locate(offset)
        assert 1 <= line <= n_lines and column >= 1
    report = scored(SCORER.score_document, article.doc)
    if report is not None:
        assert_findings_consistent(article.doc, report.findings, page.text)
