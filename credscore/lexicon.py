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
from itertools import compress, count
from operator import itemgetter

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
        self._index_trie()

    def _index_trie(self) -> None:
        # The words that can start a phrase, and one anchored pattern for the "*" prefixes
        # (``pattern.match(word)`` is ``word.startswith(prefixes)``).
        self._first_words = frozenset(k for k in self._trie if isinstance(k, str))
        prefixes = tuple(self._trie.get(1, ()))
        self._prefix_rx = (
            re.compile("|".join(map(re.escape, prefixes))) if prefixes else None
        )

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
        words, vocabulary = _words(doc)
        # The document's distinct words that can start a phrase; the token positions holding
        # them are then picked out in C (no Python-level loop over the tokens).
        starters = vocabulary.intersection(self._first_words)
        if self._prefix_rx is not None:
            starters = starters.union(filter(self._prefix_rx.match, vocabulary))
        if not starters:
            return []
        out: list[Match] = []
        root = self._trie
        longest = self._longest
        branching = 1 in root
        n = len(words)
        stop = 0
        for i in compress(count(), map(starters.__contains__, words)):
            if i < stop:
                continue  # inside the previous match
            if branching:
                best = longest(words, i)
                if best is not None:
                    out.append(best)
                    stop = best[1]
                continue
            # Without "*" words on the way the trie walk is a single path: follow it and keep
            # the deepest phrase end (what _longest returns); fall back to _longest on a branch.
            node = root
            j = i
            end = -1
            phrase = None
            while True:
                if 1 in node:
                    best = longest(words, i)
                    end = -1 if best is None else best[1]
                    phrase = None if best is None else best[2]
                    break
                if None in node:
                    end = j
                    phrase = node[None]
                if j >= n:
                    break
                node = node.get(words[j])
                if node is None:
                    break
                j += 1
            if end >= 0:
                out.append(Match(i, end, phrase))
                stop = end
        return out

    def spans(self, doc: Document) -> list[tuple[int, int, str]]:
        """Return ``(start, end, phrase)`` character spans of the matches."""
        toks = doc.tokens
        return [(toks[m.first].start, toks[m.stop - 1].end, m.phrase) for m in self.finditer(doc)]

    def _longest(self, words: list[str], i: int) -> Match | None:
        best = None
        best_stop = -1
        n = len(words)
        frontier = [(self._trie, i)]
        while frontier:
            node, j = frontier.pop()
            if None in node and j > best_stop:
                best = Match(i, j, node[None])
                best_stop = j
            if j >= n:
                continue
            word = words[j]
            child = node.get(word)
            if child is not None:
                frontier.append((child, j + 1))
            pairs = node.get(1)
            if pairs:
                for prefix, sub in pairs.items():
                    if word.startswith(prefix):
                        frontier.append((sub, j + 1))
        return best


def _words(doc: Document) -> tuple[list[str], frozenset[str]]:
    """The document's token words and the set of them, built once per Document and kept in
    its private memo."""
    cached = doc._memo.get("words")
    if cached is None:
        words = list(map(itemgetter(0), doc.tokens))
        cached = doc._memo["words"] = (words, frozenset(words))
    return cached
