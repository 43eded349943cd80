"""Phrase lists (``credscore/lexicons/*.txt``) and a linear-time phrase matcher over tokens.

A lexicon file is UTF-8 text, one phrase per line. Lines starting with ``#`` are comments; the
header must name the list's source in a line ``# source: ...``. A phrase is matched word by word
against :attr:`Document.tokens`, so punctuation and hyphens between words do not matter
("game-changer" matches "game changer"). A word ending in ``*`` matches any word it begins
("revolutionar*" matches "revolutionary" and "revolutionise").
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from credscore.document import Document

__all__ = ["Lexicon", "load_lexicon", "PhraseMatcher", "Match"]

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*\*?")


class Lexicon(tuple[str, ...]):
    """The phrases of one lexicon file, with the ``source`` its header names."""

    source: str
    name: str


@cache
def load_lexicon(name: str) -> Lexicon:
    """Load ``credscore/lexicons/<name>.txt``; raises ``ValueError`` without a source header."""
    raw = resources.files("credscore").joinpath("lexicons", f"{name}.txt").read_text("utf-8")
    phrases: list[str] = []
    sources: list[str] = []
    for line in raw.splitlines():
        line = line.strip()
        if line.startswith("#"):
            key, _, value = line[1:].partition(":")
            if key.strip().lower() == "source" and value.strip():
                sources.append(value.strip())
        elif line:
            phrases.append(line.lower())
    if not sources:
        raise ValueError(f"lexicon {name!r} has no '# source:' header line")
    lexicon = Lexicon(dict.fromkeys(phrases))
    lexicon.source = "; ".join(sources)
    lexicon.name = name
    return lexicon


class Match(tuple):
    """A phrase found in a document: first and last+1 token index, and the phrase."""

    __slots__ = ()

    def __new__(cls, first: int, stop: int, phrase: str) -> Match:
        return super().__new__(cls, (first, stop, phrase))

    first = property(lambda self: self[0])
    stop = property(lambda self: self[1])
    phrase = property(lambda self: self[2])


class PhraseMatcher:
    """Find lexicon phrases in a Document's tokens, longest match first, without overlaps.

    Matching walks a word trie from each token, so its cost is linear in the number of tokens
    times the length of the longest phrase.
    """

    def __init__(self, phrases: tuple[str, ...] | list[str]) -> None:
        self.kinds: dict[str, str] = {}
        # A node maps a word to its child; key None holds the phrase ending there and key 1
        # the (prefix, child) pairs of words written with a trailing "*".
        self._trie: dict = {}
        for phrase in phrases:
            words = _WORD.findall(phrase.lower())
            if not words:
                continue
            node = self._trie
            for word in words:
                if word.endswith("*"):
                    pairs = node.setdefault(1, {})
                    node = pairs.setdefault(word[:-1], {})
                else:
                    node = node.setdefault(word, {})
            node[None] = phrase

    @classmethod
    def from_lexicons(cls, lists: dict[str, str]) -> PhraseMatcher:
        """One matcher over several lexicons, ``{kind: lexicon name}``, matched in one pass;
        ``matcher.kinds[phrase]`` is the kind of the first list that holds the phrase."""
        kinds: dict[str, str] = {}
        for kind, name in lists.items():
            for phrase in load_lexicon(name):
                kinds.setdefault(phrase, kind)
        matcher = cls(tuple(kinds))
        matcher.kinds = kinds
        return matcher

    def finditer(self, doc: Document) -> list[Match]:
        """Return non-overlapping matches in token order."""
        tokens = doc.tokens
        root = self._trie
        prefixes = tuple(root.get(1, ()))
        out: list[Match] = []
        i, n = 0, len(tokens)
        while i < n:
            word = tokens[i].text
            if word not in root and not (prefixes and word.startswith(prefixes)):
                i += 1  # no phrase starts with this word: the common case, kept cheap
                continue
            best = self._longest(tokens, i)
            if best is None:
                i += 1
            else:
                out.append(best)
                i = best.stop
        return out

    def spans(self, doc: Document) -> list[tuple[int, int, str]]:
        """Return ``(start, end, phrase)`` character spans of the matches."""
        toks = doc.tokens
        return [(toks[m.first].start, toks[m.stop - 1].end, m.phrase) for m in self.finditer(doc)]

    def _longest(self, tokens, i: int) -> Match | None:
        best = None
        frontier = [(self._trie, i)]
        while frontier:
            node, j = frontier.pop()
            if None in node and (best is None or j > best.stop):
                best = Match(i, j, node[None])
            if j >= len(tokens):
                continue
            word = tokens[j].text
            child = node.get(word)
            if child is not None:
                frontier.append((child, j + 1))
            for prefix, sub in node.get(1, {}).items():
                if word.startswith(prefix):
                    frontier.append((sub, j + 1))
        return best
