"""The parts of `credscore lsp` that need no editor: positions, settings, edits, rule texts,
the checker process. (tests/test_lsp.py drives the whole server over stdio.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from credscore.formats.article import articles_from_text
from credscore.lsp.edits import CITATION_MARK, EditContext
from credscore.lsp.options import Options, parse_options
from credscore.lsp.positions import LineMap

ROOT = Path(__file__).resolve().parents[1]

# ----------------------------------------------------------------------------- positions


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-16", (1, 3)), ("utf-8", (1, 5)), ("utf-32", (1, 2))],
)
def test_positions_count_the_negotiated_code_units(encoding, expected):
    text = "one\n\U0001f600 proves"  # the emoji: 2 UTF-16 units, 4 UTF-8 bytes, 1 code point
    lines = LineMap(text, encoding)
    assert lines.position(text.index("proves")) == expected
    assert lines.offset(*expected) == text.index("proves")


def test_lines_end_only_where_lsp_ends_them():
    # \r\n and a lone \r end lines; U+2028, U+0085 and a form feed do not (Python's
    # str.splitlines would say they do).
    text = "a\r\nb\rc\u2028d\x85e\x0cf\ng"
    lines = LineMap(text)
    assert lines.starts == [0, 3, 5, 13]
    assert lines.position(text.index("f")) == (2, 6)
    assert lines.line_end(0) == 1 and lines.line_end(2) == 12


def test_a_lone_surrogate_is_one_utf16_unit_and_never_an_error():
    text = "x\ud800y proves"
    lines = LineMap(text, "utf-16")
    assert lines.position(text.index("proves")) == (0, 4)
    assert LineMap(text, "utf-8").position(text.index("proves")) == (0, 6)


def test_positions_past_the_end_are_clamped():
    lines = LineMap("ab\ncd")
    assert lines.offset(0, 99) == 2
    assert lines.offset(9, 0) == 5
    assert lines.offset(-1, 0) == 0
    assert LineMap("a\U0001f600b").offset(0, 2) == 2  # inside the emoji: rounds up


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("ab \n\r\u00e9\U0001f600\u2028\ud800"), max_size=3000),
    st.sampled_from(["utf-16", "utf-8", "utf-32"]),
)
def test_every_offset_round_trips_through_its_position(text, encoding):
    lines = LineMap(text, encoding)
    for offset in range(len(text) + 1):
        if text[offset - 1 : offset + 1] == "\r\n":
            continue  # between \r and \n is no position of its own
        line, character = lines.position(offset)
        assert lines.offset(line, character) == offset
        units = LineMap(text[lines.starts[line] : offset], encoding)
        assert character == (
            len(text[lines.starts[line] : offset])
            if units._plain
            else units._cumulative(offset - lines.starts[line])
        )


def test_a_long_line_with_many_positions_stays_fast():
    import time

    text = ("\u00e9t\u00e9 " * 250_000) + "\n"  # 1,000,000 characters on one line
    lines = LineMap(text)
    started = time.perf_counter()
    for k in range(0, 1_000_000, 1_000):
        lines.position(k)
    assert time.perf_counter() - started < 5.0  # 1,000 conversions; quadratic would be minutes


# ----------------------------------------------------------------------------- settings


def test_settings_are_read_from_the_credscore_section_or_the_object_itself():
    assert parse_options({"credscore": {"showPositive": True}}) == (
        Options(show_positive=True),
        [],
    )
    assert parse_options({"debounceMs": 0, "scoreDiagnostic": False})[0] == Options(
        debounce_ms=0, score_diagnostic=False
    )
    assert parse_options({"credscore": {}}) == (Options(), [])
    assert parse_options(None) == (None, [])
    assert parse_options({"python": {"x": 1}}) == (None, [])  # another tool's: no change


def test_bad_settings_are_named_and_the_defaults_kept():
    options, problems = parse_options(
        {"credscore": {"showPositive": "yes", "debounceMs": -5, "rulesUrl": "x", "colour": 1}}
    )
    assert options == Options()
    assert len(problems) == 4
    assert "'showPositive' must be true or false" in problems[0]
    assert "unknown setting 'colour'" in problems[3]


# ----------------------------------------------------------------------------- edits


def _context(text: str, suffix: str) -> EditContext:
    (article,) = articles_from_text(text, "doc" + suffix, suffix)
    return EditContext(text, article, LineMap(text))


def _apply(text: str, action) -> str:
    lines = LineMap(text)
    for edit in sorted(action.edits, key=lambda e: e.span, reverse=True):
        start = lines.offset(edit.span[0], edit.span[1])
        end = lines.offset(edit.span[2], edit.span[3])
        text = text[:start] + edit.text + text[end:]
    return text


def test_line_suppression_keeps_a_markdown_hard_break_and_joins_an_existing_comment():
    text = "Book now!  \nNext line.\n"
    ctx = _context(text, ".md")
    action = ctx.suppress_line("commercial.call-to-action", 0)
    assert _apply(text, action) == (
        "Book now! <!-- credscore-disable-line commercial.call-to-action -->  \nNext line.\n"
    )
    text = "Book now! <!-- credscore-disable-line commercial.offer -->\n"
    action = _context(text, ".md").suppress_line("commercial.call-to-action", 0)
    assert _apply(text, action) == (
        "Book now! <!-- credscore-disable-line commercial.offer commercial.call-to-action -->\n"
    )
    assert _context(text, ".md").suppress_line("commercial.offer", 0) is None  # already there


def _check_rules(text: str, suffix: str) -> set[str]:
    """The rules ``check`` reports for ``text`` read as a file with ``suffix``."""
    from credscore.check.config import Settings
    from credscore.check.run import check_article
    from credscore.scorer import default_scorer
    from credscore.signals import rules

    (article,) = articles_from_text(text, "doc" + suffix, suffix)
    result = check_article(article, default_scorer(), Settings(), rules(), [])
    return {f.rule for f in result.findings}


def test_line_suppression_counts_lines_as_check_does_in_plain_text():
    # U+2028 ends a line for check's suppression comments in plain text (not for LSP), so
    # the comment goes before it, where check reads it as on the finding's line.
    text = "Book now today.\u2028Our clinic opens at nine.\n"
    action = _context(text, ".txt").suppress_line("commercial.call-to-action", 0)
    fixed = _apply(text, action)
    assert fixed.startswith("Book now today. <!-- credscore-disable-line")
    assert "commercial.call-to-action" in _check_rules(text, ".txt")
    assert "commercial.call-to-action" not in _check_rules(fixed, ".txt")


def test_file_suppression_goes_after_front_matter_and_doctype():
    md = "---\r\ntitle: Offer\r\n---\r\nBook now!\r\n"
    action = _context(md, ".md").suppress_file("commercial")
    assert _apply(md, action) == (
        "---\r\ntitle: Offer\r\n---\r\n<!-- credscore-disable-file commercial -->\r\nBook now!\r\n"
    )
    html = "<!DOCTYPE html>\n<html><body><p>Book now and save.</p></body></html>\n"
    pytest.importorskip("trafilatura")
    action = _context(html, ".html").suppress_file("commercial")
    assert _apply(html, action).startswith(
        "<!DOCTYPE html>\n<!-- credscore-disable-file commercial -->\n<html>"
    )
    text = "<!-- credscore-disable-file superlatives -->\nBook now!\n"
    action = _context(text, ".txt").suppress_file("commercial")
    assert _apply(text, action).startswith(
        "<!-- credscore-disable-file superlatives commercial -->"
    )


def test_html_line_ending_inside_a_tag_gets_the_comment_before_the_finding():
    pytest.importorskip("trafilatura")
    html = "<html><body><p>Order now and get a free gift. <a\nhref='x'>here</a></p></body></html>"
    ctx = _context(html, ".html")
    at = html.index("Order")
    action = ctx.suppress_line("commercial.call-to-action", at)
    assert _apply(html, action).startswith(
        "<html><body><p><!-- credscore-disable-line commercial.call-to-action --> Order now"
    )


@pytest.mark.parametrize(
    ("text", "rule", "phrase", "expected"),
    [
        ("The trial proves it works.", "hedging.booster", "proves", "The trial suggests it works."),
        ("Clearly, it works.", "hedging.booster", "Clearly", "Probably, it works."),
        (
            "Studies show it works (in mice).",
            "citations.vague-attribution",
            "Studies show",
            f"Studies show it works (in mice){CITATION_MARK}.",
        ),
        ("Book a visit!!", "framing.exclamation", "!!", "Book a visit."),
    ],
)
def test_rewrites(text, rule, phrase, expected):
    ctx = _context(text, ".txt")
    start = text.index(phrase)
    (action,) = ctx.rewrites(rule, start, start + len(phrase))
    assert _apply(text, action) == expected


def test_no_rewrite_where_none_is_safe():
    text = "The guaranteed result. Studies show it works [citation needed]."
    ctx = _context(text, ".txt")
    assert ctx.rewrites("hedging.booster", 4, 14) == []  # 'guaranteed': no hedge keeps sense
    start = text.index("Studies")
    assert ctx.rewrites("citations.vague-attribution", start, start + 12) == []  # marked


# ----------------------------------------------------------------------------- rule texts


def test_the_rule_reference_is_generated_from_the_rules():
    from credscore.lsp.describe import rules_page
    from credscore.signals import rules

    page = (ROOT / "credscore" / "RULES.md").read_text(encoding="utf-8")
    assert page == rules_page(rules()), (
        "credscore/RULES.md is out of date: python -m credscore.lsp.describe > credscore/RULES.md"
    )
    for rule in rules().values():
        assert f'<a id="{rule.id}"></a>' in page and rule.source in page


def test_why_a_rule_matters_names_its_review_criteria():
    from credscore.lsp.describe import why_it_matters
    from credscore.signals import rules

    text = why_it_matters(rules()["commercial.offer"])
    assert text.startswith("it lowers") and "(`press_release`)" in text
    assert "raises" in why_it_matters(rules()["costs.price"])


# ----------------------------------------------------------------------------- checker process


def test_a_check_over_time_is_stopped_and_the_next_one_runs():
    from credscore.lsp.results import Job
    from credscore.lsp.worker import Checker

    checker = Checker(timeout=0.001)  # the child is still loading the model
    job = Job("Book now and save 20%!", "untitled:1", None, "text")
    try:
        stopped = checker.check(job)
        assert "took more than" in stopped.items[0].message
        checker.timeout = 120
        done = checker.check(job)
        assert {i.rule for i in done.items} >= {"commercial.call-to-action"}
        assert done.score is not None
    finally:
        checker.stop()


def test_a_document_check_refuses_is_one_diagnostic_and_a_short_one_has_no_band():
    from credscore.lsp.analysis import analyse
    from credscore.lsp.project import Project
    from credscore.lsp.results import Job

    project = Project()
    german = (ROOT / "tests" / "data" / "languages" / "de.txt").read_text(encoding="utf-8")
    refused = analyse(Job(german, "untitled:1", None, "text"), project)
    (item,) = refused.items
    assert item.message.startswith("credscore: not checked:") and refused.score is None
    short = analyse(Job("Book now and get 20% off!", "untitled:2", None, "text"), project)
    assert "too short to judge" in short.score.summary
    assert "commercial.offer" in {i.rule for i in short.items}
