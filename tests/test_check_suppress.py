"""Inline suppression comments: the parser, and `credscore check` end to end (by family and by
rule id, next line, line, ranges, whole file, unused suppressions with --verbose)."""

from __future__ import annotations

import pytest
from check_util import CLEAN, PROMO, rules_in, run, write_model

from credscore.check.suppress import Directive, Suppressions, parse_directives

KNOWN = ("commercial.call-to-action", "commercial.offer", "superlatives.miracle-claim")


def _line_col(text):
    def line_col(i):
        return text.count("\n", 0, i) + 1, i - (text.rfind("\n", 0, i) + 1) + 1

    return line_col


def directives(text, markdown=True):
    return parse_directives(text, _line_col(text), markdown=markdown)


def test_parser_reads_kinds_rules_and_positions():
    text = (
        "Intro <!-- credscore-disable-line commercial -->\n"
        "<!--credscore-disable-next-line commercial.offer, superlatives -->\n"
        "<!-- credscore-disable -->\n<!-- credscore-enable commercial -->\n"
        "<!-- credscore-disabled commercial -->\n"  # not a directive (different word)
        "<!-- credscore-disable-file\n  commercial\n-->\n"
    )
    found = directives(text)
    assert [(d.kind, d.rules, d.line, d.column) for d in found] == [
        ("disable-line", ("commercial",), 1, 7),
        ("disable-next-line", ("commercial.offer", "superlatives"), 2, 1),
        ("disable", (), 3, 1),
        ("enable", ("commercial",), 4, 1),
        ("disable-file", ("commercial",), 6, 1),
    ]


def test_comments_in_fenced_code_are_examples_not_directives():
    text = "```md\n<!-- credscore-disable -->\n```\n~~~\n<!-- credscore-disable -->\n"
    assert directives(text) == []
    assert len(directives(text, markdown=False)) == 2


def test_ranges_enable_after_disable_and_unknown_names():
    text = (
        "<!-- credscore-disable -->\n"  # line 1: all rules off
        "x\n"
        "<!-- credscore-enable commercial -->\n"  # line 3: commercial back on
        "x\n"
        "<!-- credscore-enable -->\n"  # line 5: everything back on
        "<!-- credscore-disable-next-line nosuch -->\n"
    )
    sup = Suppressions(directives(text), KNOWN)
    assert sup.suppressing("commercial.offer", 2, 1) is not None
    assert sup.suppressing("commercial.offer", 4, 1) is None
    assert sup.suppressing("superlatives.miracle-claim", 4, 1) is not None
    assert sup.suppressing("superlatives.miracle-claim", 5, 30) is None
    assert [name for _, name in sup.unknown_names()] == ["nosuch"]


@pytest.fixture
def work(tmp_path):
    write_model(tmp_path / "model.json", 50.0)
    return tmp_path


def check(work, *args):
    return run("check", "--model", "model.json", *args, cwd=work)


def test_suppress_next_line_by_family_and_by_rule_id(work):
    (work / "a.md").write_text(
        "<!-- credscore-disable-next-line commercial -->\n"
        + PROMO
        + "\n<!-- credscore-disable-next-line superlatives.miracle-claim -->\n"
        + PROMO
    )
    result = check(work, "a.md")
    found = [line.split(": ")[0:2] for line in result.stdout.splitlines() if ": " in line]
    at = {(pos, text.split(" [")[0]) for pos, text in found if pos.count(":") == 2}
    assert not {r for (p, r) in at if p.startswith("a.md:2:") and r.startswith("commercial.")}
    assert ("a.md:2:24", "superlatives.miracle-claim") in at
    assert ("a.md:5:1", "commercial.call-to-action") in at
    assert not {r for (p, r) in at if p.startswith("a.md:5:") and r.startswith("superlatives.")}
    assert "suppressed" in result.stdout.splitlines()[-1]


@pytest.mark.slow  # several processes
def test_suppressed_findings_leave_output_and_the_pass_fail_decision(work):
    (work / "a.md").write_text(
        "<!-- credscore-disable commercial superlatives -->\n"
        + PROMO
        + "<!-- credscore-enable -->\n"
        + CLEAN
    )
    result = check(work, "a.md")
    assert result.returncode == 0, result.stdout
    assert rules_in(result.stdout) == set()
    (work / "b.md").write_text(PROMO + "Fine text. <!-- credscore-disable-line -->\n")
    result = check(work, "b.md")
    assert result.returncode == 1  # the comment is on another line than the findings
    (work / "c.md").write_text("<!-- credscore-disable-file -->\n" + PROMO)
    assert check(work, "c.md").returncode == 0


def test_unused_suppressions_are_reported_with_verbose(work):
    (work / "a.md").write_text(
        "<!-- credscore-disable-next-line commercial hedging -->\n" + PROMO + "\n"
        "<!-- credscore-disable-next-line citations -->\n" + CLEAN
    )
    quiet = check(work, "a.md")
    assert "unused suppression" not in quiet.stdout
    loud = check(work, "a.md", "--verbose")
    assert (
        "a.md:1:1: unused suppression <!-- credscore-disable-next-line commercial hedging --> "
        "(hedging matched nothing)" in loud.stdout
    )
    assert "a.md:4:1: unused suppression <!-- credscore-disable-next-line citations -->" in (
        loud.stdout
    )


def test_unknown_rule_in_a_comment_is_a_warning(work):
    (work / "a.md").write_text("<!-- credscore-disable-next-line comercial -->\n" + PROMO)
    result = check(work, "a.md")
    assert result.returncode == 1  # nothing was suppressed
    assert "a.md:1:1: unknown rule or family 'comercial'" in result.stderr


# ---------------------------------------------------------------- code in Markdown (16.18)


@pytest.mark.parametrize(
    "text",
    [
        "Text\r```\r<!-- credscore-disable -->\r```\r",  # CR-only line endings
        "Text\n```\n```js\n<!-- credscore-disable -->\n",  # "```js" does not close a fence
        "Text\n~~~~\n~~~\n<!-- credscore-disable -->\n~~~~\n",  # a shorter run does not close
        "Text\n\n    <!-- credscore-disable -->\n",  # indented code
        "Text `<!-- credscore-disable -->` more\n",  # a code span
        "---\nnote: <!-- credscore-disable -->\n---\nText\n",  # front matter
    ],
)
def test_comments_in_what_the_markdown_reader_calls_code_are_examples(text):
    from credscore.formats.markdown import mask_markdown

    assert directives(text) == []
    start = text.index("<!--")
    assert mask_markdown(text)[0][start : start + 4] == "    "  # masked as code there too


def test_a_comment_after_a_closed_fence_is_a_directive():
    text = "Text\r```js\rcode\r```\r<!-- credscore-disable -->\r"
    assert [d.kind for d in directives(text)] == ["disable"]


# ------------------------------------------------------------------ many comments (16.13)


def _many(n: int, kind: str):
    """n comments naming another rule placed where a scan meets them before the one comment
    that matters (naming ``superlatives``), and n findings of a superlatives rule."""
    other = ("commercial.offer",)
    if kind == "disable":  # the one that matters first, then n later comments
        ds = [Directive(kind, ("superlatives",), 1, 1)]
        ds += [Directive(kind, other, i + 2, 1) for i in range(n)]
        places = [(n + 2 + i, 5) for i in range(n)]
    elif kind == "disable-file":  # n comments first in the file
        ds = [Directive(kind, other, i + 1, 1) for i in range(n)]
        ds.append(Directive(kind, ("superlatives",), n + 1, 1))
        places = [(i + 1, 5) for i in range(n)]
    else:  # n comments on one line before the one that matters
        ds = [Directive(kind, other, 1, i + 1) for i in range(n)]
        ds.append(Directive(kind, ("superlatives",), 1, n + 1))
        line = 2 if kind == "disable-next-line" else 1
        places = [(line, i + 1) for i in range(n)]
    sup = Suppressions(ds, KNOWN)
    return lambda: [sup.suppressing("superlatives.miracle-claim", *at) for at in places]


@pytest.mark.parametrize("kind", ["disable", "disable-file", "disable-line", "disable-next-line"])
def test_many_comments_and_findings_cost_log_n_each(kind):
    """16,000 `disable` comments and 16,000 findings took 192 s (a backward scan per finding)."""
    import time

    def cpu(n):
        check = _many(n, kind)
        start = time.process_time()
        hits = check()
        spent = time.process_time() - start
        assert all(h is not None and h.rules == ("superlatives",) for h in hits)
        return spent

    small = min(cpu(8_000) for _ in range(3))
    large = min(cpu(16_000) for _ in range(3))
    assert large < 2.0, large
    assert large <= 2.5 * small + 0.02, (small, large)


def test_the_last_comment_naming_the_rule_decides():
    ds = [
        Directive("disable", ("commercial",), 1, 1),
        Directive("enable", ("commercial.offer",), 2, 1),
        Directive("disable", (), 3, 1),
        Directive("enable", ("commercial",), 4, 1),
    ]
    sup = Suppressions(ds, KNOWN)
    assert sup.suppressing("commercial.call-to-action", 1, 50) is ds[0]
    assert sup.suppressing("commercial.offer", 2, 50) is None
    assert sup.suppressing("commercial.offer", 3, 50) is ds[2]
    assert sup.suppressing("commercial.offer", 4, 50) is None
    assert sup.suppressing("superlatives.miracle-claim", 4, 50) is ds[2]
    assert ds[0].used == {"commercial"} and ds[2].used == {"*"}


# ---------------------------------------------------------- lines of a JSON record (16.19)


def test_line_comments_in_a_record_count_the_records_lines(work):
    import json

    text = (
        "A small trial reported results.\n"
        "<!-- credscore-disable-next-line commercial -->\n"
        "Order now and call today!\n"
        "Order now and call today! <!-- credscore-disable-line commercial -->\n"
        "Order now and call today!\n"
    )
    raw = json.dumps({"text": text})
    (work / "a.jsonl").write_text(raw + "\n")
    result = check(work, "--format", "json", "--select", "commercial", "a.jsonl")
    (article,) = json.loads(result.stdout)["articles"]
    # Lines 3 and 4 of the text are suppressed; the findings of line 5 are left, each placed
    # on the file's line 1 at its own column; both comments were used.
    last_line = raw.rindex("Order now") + 1
    found = [(f["line"], f["column"] >= last_line) for f in article["findings"]]
    assert found == [(1, True), (1, True)], article["findings"]
    assert article["suppressed"] == 4
    assert article["unused_suppressions"] == []


def test_plain_text_is_scored_without_its_suppression_comments():
    # A .txt file's comments are read as directives but are not prose: '<!--' held an
    # exclamation mark, and the comment's words counted towards the score.
    from credscore.formats.article import articles_from_text
    from credscore.scorer import default_scorer

    plain = "Book now and get 20% off!\nA small trial suggests it may help.\n"
    commented = plain.replace("off!", "off! <!-- credscore-disable-line commercial -->")
    (article,) = articles_from_text(commented, "a.txt", ".txt")
    assert article.text == commented and len(article.doc.text) == len(commented)
    found = default_scorer().score_document(article.doc)
    marks = [f for f in found.findings if f.rule == "framing.exclamation"]
    assert [commented[f.start : f.end + 1] for f in marks] == ["! "]  # not the '!' of '<!--'

    (bare,) = articles_from_text(plain, "a.txt", ".txt")
    assert found.score == default_scorer().score_document(bare.doc).score
