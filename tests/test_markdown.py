"""Markdown masking: same length, same line breaks, prose kept, markup blanked."""

from __future__ import annotations

import random
import time

import pytest

from credscore.document import Document
from credscore.formats.markdown import mask_markdown

NEWLINES = set("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")

ARTICLE = """---
title: "Flu shots cut hospital stays"
date: 2024-01-05
---
# Flu shots and hospital stays

A **new** study of 2,000 adults found fewer admissions.

```python
miracle = True
```

Read [the trial](https://doi.org/10.1000/xyz123) for details.
"""


def assert_invariants(src: str, out: str) -> None:
    assert len(out) == len(src)
    for i, (a, b) in enumerate(zip(src, out)):
        if a in NEWLINES or b in NEWLINES:
            assert a == b, f"line break changed at {i}: {a!r} -> {b!r} in {src!r}"


def test_length_and_newlines_kept_for_article():
    out, _ = mask_markdown(ARTICLE)
    assert_invariants(ARTICLE, out)
    assert out.count("\n") == ARTICLE.count("\n")


def test_crlf_and_unicode_line_breaks_kept():
    src = "# Title\r\n\r\nText with `code`\rmore\u2028after <!-- a\r\nb -->end\x85x"
    out, _ = mask_markdown(src)
    assert_invariants(src, out)
    assert "Title" in out and "after" in out and "end" in out
    assert "code" not in out and "<!--" not in out


PIECES = [
    "`", "```", "~~~", "*", "**", "_", "~~", "#", "# ", ">", "> ", "- ", "1. ", "2) ", "[",
    "]", "(", ")", "![", "](", "<", "<!--", "-->", "<a href='http://x.org'>", "</a>",
    "<script>", "</script>", "\\", "|", "---", "+++", "...", "title: x", "title = 'y'",
    "    ", "\t", " ", "\n", "\r\n", "\r", "\u2028", "\x85", "\v", "http://a.b/c_d",
    "word", "Word.", "é", "İ", "\ufeff", "[x]: http://y", "[^1]", ":", "=", "'", '"',
    "&amp;", "&#10;", "&#x2028;", "&nosuch;",
]


def test_random_markdown_never_raises_and_keeps_layout():
    rng = random.Random(20240105)
    for _ in range(3000):
        src = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 30)))
        out, title = mask_markdown(src)
        assert_invariants(src, out)
        assert title is None or isinstance(title, str)
        if "&" not in src:
            # Without entities every character is either kept or blanked, never invented.
            assert all(b == a or b == " " for a, b in zip(src, out)), (src, out)


def test_random_unicode_never_raises():
    rng = random.Random(7)
    for _ in range(500):
        src = "".join(chr(rng.randint(0, 0x2FFF)) for _ in range(rng.randint(0, 60)))
        out, _ = mask_markdown(src)
        assert_invariants(src, out)


@pytest.mark.parametrize(
    "src",
    ["[" * 50_000, "`a" * 50_000, "<!--" * 50_000, "<a " * 50_000, "*a" * 50_000,
     "[a](" * 50_000, "```\n" * 50_000, "<script " * 30_000, "# " + "#" * 100_000],
)
def test_pathological_input_is_fast(src):
    start = time.perf_counter()
    out, _ = mask_markdown(src)
    assert len(out) == len(src)
    assert time.perf_counter() - start < 2.0


def test_front_matter_blanked_and_lines_kept():
    doc = Document.from_markdown(ARTICLE)
    assert doc.title == "Flu shots cut hospital stays"
    assert "date" not in doc.text and "2024" not in doc.text
    offset = doc.text.index("admissions")
    assert doc.line_col(offset) == (7, ARTICLE.splitlines()[6].index("admissions") + 1)
    assert ARTICLE[offset : offset + len("admissions")] == "admissions"
    # The heading text stays where it was, without the marker.
    heading = doc.text.index("Flu shots and")
    assert doc.line_col(heading) == (5, 3)


def test_line_numbers_hold_with_crlf():
    src = "---\r\ntitle: X\r\n---\r\n\r\nSome prose here.\r\nA miracle cure.\r\n"
    doc = Document.from_markdown(src)
    offset = doc.text.index("miracle")
    assert doc.line_col(offset) == (6, 3)
    assert doc.title == "X"


def test_code_blocks_blanked():
    out, _ = mask_markdown(ARTICLE)
    assert "miracle" not in out and "python" not in out and "```" not in out
    src = "Intro.\n\n    indented = code\n    more\n\nAfter.\n~~~\nfenced\n"
    out, _ = mask_markdown(src)
    assert "indented" not in out and "more" not in out
    assert "Intro." in out and "After." in out
    assert "fenced" not in out  # an unterminated fence runs to the end


def test_list_continuation_is_not_code():
    src = "- first item\n\n    continued prose of the item\n"
    out, _ = mask_markdown(src)
    assert "continued prose of the item" in out
    assert out.startswith("  first item")


def test_inline_code_span_blanked_but_not_across_blank_lines():
    out, _ = mask_markdown("Take `rm -rf` now.\n\nA lone ` tick.\n\nSecond ` here.")
    assert "rm" not in out and "Take" in out and "now." in out
    assert "lone ` tick" in out and "Second ` here" in out


def test_links_keep_text_and_url():
    src = "[study](https://doi.org/10.1/x)"
    out, _ = mask_markdown(src)
    assert out == " study  https://doi.org/10.1/x "
    out, _ = mask_markdown('See [the **paper**](<https://a.org/p q> "Title") now.')
    assert "the" in out and "paper" in out and "https://a.org/p q" in out
    assert "Title" not in out and "[" not in out and "**" not in out


def test_autolinks_reference_definitions_and_images():
    src = "<https://cdc.gov/flu> ![a chart](chart.png) [ref][1]\n\n[1]: https://nih.gov/x \"T\""
    out, _ = mask_markdown(src)
    assert out.startswith(" https://cdc.gov/flu ")
    assert "chart" not in out and "ref" in out and "[1]" not in out
    assert "https://nih.gov/x" in out and '"T"' not in out


def test_markers_blanked():
    src = "## Results ##\n\n> quoted *claim*\n\n1. first __point__\n- [x] done\n\n~~old~~ text"
    out, _ = mask_markdown(src)
    assert out.splitlines() == [
        "   Results   ",
        "",
        "  quoted  claim ",
        "",
        "   first   point  ",
        "      done",
        "",
        "  old   text",
    ]


def test_urls_and_snake_case_keep_underscores():
    src = "See https://x.org/_a_b_ and snake_case_name."
    out, _ = mask_markdown(src)
    assert out == src


def test_html_tags_and_comments():
    src = "<p>Text <br> more</p><!-- hidden\nnote --> <a href=\"https://pubmed.gov/1\">ref</a>"
    out, _ = mask_markdown(src)
    assert "Text" in out and "more" in out and "ref" in out
    assert "hidden" not in out and "note" not in out and "<" not in out
    assert "https://pubmed.gov/1" in out


def test_entities_decoded_in_place():
    out, _ = mask_markdown("AT&amp;T and &#10; x")
    assert out == "AT&    T and       x"


@pytest.mark.parametrize(
    ("src", "title"),
    [
        ("---\ntitle: Plain title # comment\n---\nBody", "Plain title"),
        ("---\ntitle: 'It''s here'\n---\n", "It's here"),
        ('---\ntitle: "Say \\"hi\\""\n---\n', 'Say "hi"'),
        ("---\ntitle: >\n  folded\n---\n", None),
        ("---\nauthor: A\n---\n", None),
        ('+++\ntitle = "TOML title"\n+++\nBody', "TOML title"),
        ("---\ntitle: Not closed\nBody", None),
        ("Body\n---\ntitle: x\n---\n", None),
    ],
)
def test_front_matter_title(src, title):
    assert mask_markdown(src)[1] == title


def test_unclosed_front_matter_is_kept_as_text():
    out, title = mask_markdown("---\ntitle: Not closed\nBody")
    assert title is None and "Body" in out and "Not closed" in out


def test_empty_input():
    assert mask_markdown("") == ("", None)
