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
