import re

import pytest

from credscore.document import MAX_CHARS, Document, normalise


def test_normalise_keeps_length_and_straightens_quotes():
    src = "\u201cIt\u2019s a cure\u201d \u2014 she said.\r\nNext\u00a0line"
    out = normalise(src)
    assert len(out) == len(src)
    assert out.startswith('"It\'s a cure" - she said.')
    assert out.count("\n") == 1


def test_tokens_are_lower_case_with_offsets():
    doc = Document.from_text("Dr. Smith's GAME-changer works.")
    assert [t.text for t in doc.tokens] == ["dr", "smith's", "game", "changer", "works"]
    for t in doc.tokens:
        assert doc.lower[t.start : t.end] == t.text


def test_sentences_skip_abbreviations_and_initials():
    doc = Document.from_text("Dr. J. Smith of the U.S. agency said so. It may work, e.g. in mice.")
    texts = [doc.text[a:b] for a, b in doc.sentences]
    assert texts == ["Dr. J. Smith of the U.S. agency said so.", "It may work, e.g. in mice."]


def test_blank_line_ends_a_sentence():
    doc = Document.from_text("A heading\n\nBody text here")
    assert len(doc.sentences) == 2
    assert doc.token_sentence == (0, 0, 1, 1, 1)


def test_paragraphs_end_at_blank_lines_only():
    text = "One. Two\nwrapped.\n\n  Three.\n \t\nFour."
    doc = Document.from_text(text)
    starts = [doc.paragraph_start(text.index(w)) for w in ("One", "wrapped", "Three", "Four")]
    assert starts == [0, 0, text.index("  Three"), text.index("Four")]
    assert doc.paragraph_start(len(text)) == text.index("Four")


def test_line_col_is_one_based():
    doc = Document.from_text("one\ntwo three\n")
    start = doc.text.index("three")
    assert doc.line_col(start) == (2, 5)
    assert doc.line_col(0) == (1, 1)


def test_finding_carries_position_and_text():
    doc = Document.from_text("Intro.\nCall now for a free quote.")
    start = doc.text.index("Call now")
    f = doc.finding("commercial.call-to-action", start, start + 8, "msg", "error")
    assert (f.line, f.column, f.text, f.family) == (2, 1, "Call now", "commercial")


def test_wrong_types_and_size_are_rejected():
    with pytest.raises(TypeError, match="text must be a str"):
        Document.from_text(b"bytes")
    with pytest.raises(TypeError, match="title"):
        Document.from_text("x", title=3)
    with pytest.raises(ValueError, match="limit"):
        Document.from_text("a" * (MAX_CHARS + 1))


def test_empty_text_gives_empty_document():
    doc = Document.from_text("")
    assert doc.tokens == () and doc.n_words == 0
    assert doc.sentences == ((0, 0),)


def test_markdown_list_items_and_headings_are_separate_sentences():
    src = "---\ntitle: T\n---\n## Why us\n- The best care\n- Over 40 countries\n\nBody text."
    doc = Document.from_markdown(src)
    texts = [doc.text[a:b] for a, b in doc.sentences]
    assert texts == ["Why us", "The best care", "Over 40 countries", "Body text."]
    assert doc.title == "T"
    assert doc.line_col(doc.text.index("best")) == (5, 7)


def test_fast_paths_agree_with_the_reference_definitions():
    # normalise() scans for odd characters with a regex; it must equal str.translate, and
    # tokens and token_sentence must equal their straightforward definitions.
    from bisect import bisect_right

    from credscore import document as d

    src = (
        "\u201cÉtude\u201d \u2014 Dr. Smith said\u00a0it\u2019s 10.5% better.\r\nNext line? "
        "Yes! ÀB_cd naïve x'y 'q' \u2028end.\n\nNew para. e.g. this one. İstanbul "
        "rock'n'roll it'' ''s a'''b'c 'tis o'"
    )
    assert normalise(src) == src.replace("\r\n", " \n").replace("\r", "\n").translate(d._ONE_TO_ONE)
    for text in (src, src.encode("ascii", "ignore").decode(), "", "   ", "one"):
        doc = Document.from_text(text)
        ref = [(m.group(), m.start(), m.end()) for m in d._WORD.finditer(doc.lower)]
        assert [tuple(t) for t in doc.tokens] == ref
        # The possessive word pattern matches what the plain one does.
        plain = re.compile(d._WORD.pattern.replace("++", "+").replace("*+", "*"))
        assert [(m.group(), m.start(), m.end()) for m in plain.finditer(doc.lower)] == ref
        assert all(type(t) is d.Token for t in doc.tokens)
        starts = [s for s, _ in doc.sentences]
        assert doc.token_sentence == tuple(
            max(bisect_right(starts, t.start) - 1, 0) for t in doc.tokens
        )
        assert isinstance(doc.token_sentence, tuple) and isinstance(doc.tokens, tuple)


def test_finding_messages_stay_on_one_line():
    from credscore.signals import citations

    doc = Document.from_text("Data from the Centers for\nDisease Control and Prevention show it.")
    _, findings = citations.analyze(doc)
    assert findings and all("\n" not in f.message for f in findings)
    assert any("Centers for Disease Control" in f.message for f in findings)


def test_findings_made_by_setting_slots_equal_the_dataclass():
    import pickle
    from dataclasses import asdict

    from credscore.findings import Finding, make_finding

    args = ("hedging.x", "A message.", "warning", 3, 9, 1, 4, "quoted")
    made, plain = make_finding(*args), Finding(*args)
    assert made == plain and hash(made) == hash(plain) and type(made) is Finding
    assert asdict(made) == asdict(plain) and repr(made) == repr(plain)
    assert pickle.loads(pickle.dumps(made)) == plain
    doc = Document.from_text("The drug may help some people.")
    assert doc.finding("hedging.x", 3, 9, "A  message.\n", "warning") == Finding(
        "hedging.x", "A message.", "warning", 3, 9, 1, 4, doc.text[3:9]
    )
