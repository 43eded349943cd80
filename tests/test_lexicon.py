from importlib import resources

import pytest

from credscore.document import Document
from credscore.lexicon import PhraseMatcher, load_lexicon


def test_every_lexicon_names_its_source_and_has_phrases():
    folder = resources.files("credscore").joinpath("lexicons")
    names = [p.name[:-4] for p in folder.iterdir() if p.name.endswith(".txt")]
    assert len(names) >= 5
    for name in names:
        lexicon = load_lexicon(name)
        assert lexicon.source, name
        assert len(lexicon) > 0, name


def test_missing_source_header_is_an_error(monkeypatch, tmp_path):
    import credscore.lexicon as lx

    (tmp_path / "lexicons").mkdir()
    (tmp_path / "lexicons" / "bad.txt").write_text("# no header\nword\n")
    monkeypatch.setattr(lx.resources, "files", lambda _pkg: tmp_path)
    lx.load_lexicon.cache_clear()
    try:
        with pytest.raises(ValueError, match="source"):
            lx.load_lexicon("bad")
    finally:
        lx.load_lexicon.cache_clear()


def test_longest_match_wins_and_hyphens_do_not_matter():
    m = PhraseMatcher(["game changer", "game", "more research is needed"])
    doc = Document.from_text("A game-changer! More research is needed, said the game lead.")
    assert [(doc.text[s:e], p) for s, e, p in m.spans(doc)] == [
        ("game-changer", "game changer"),
        ("More research is needed", "more research is needed"),
        ("game", "game"),
    ]


def test_prefix_wildcard():
    m = PhraseMatcher(["revolutionar*", "cure*"])
    doc = Document.from_text("Revolutionary cures, revolutionarily. Revolt.")
    assert [doc.text[s:e] for s, e, _ in m.spans(doc)] == [
        "Revolutionary", "cures", "revolutionarily"
    ]


def test_matcher_fast_walk_equals_trie_search_and_memo_is_private():
    # finditer walks single trie paths itself and falls back to _longest at "*" branches.
    matcher = PhraseMatcher(["new", "new drug", "new drug trial", "miracle", "revolutionar* cure",
                             "the miracle*", "drug"])
    doc = Document.from_text("The new drug trial is a miracle. Revolutionary cures, a new drug.")
    found = [tuple(m) for m in matcher.finditer(doc)]
    words = [t.text for t in doc.tokens]
    ref, i = [], 0
    while i < len(words):
        best = matcher._longest(words, i)
        if best is None:
            i += 1
        else:
            ref.append(tuple(best))
            i = best.stop
    assert found == ref
    assert "_memo" not in repr(doc)
    assert matcher.finditer(doc) == matcher.finditer(doc)
