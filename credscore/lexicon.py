"""Phrase lists (``credscore/lexicons/*.txt``) and a linear-time phrase matcher over tokens.

A lexicon file is UTF-8 text, one phrase per line. Lines starting with ``#`` are comments; the
header must name the list's source in a line ``# source: ...``. A phrase is matched word by word
against :attr:`Document.tokens`, so punctuation and hyphens between words do not matter
("game-changer" matches "game changer"). A word ending in ``*`` matches any word it begins
("revolutionar*" matches "revolutionary" and "revolutionise").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache
from importlib import resources
from itertools import chain, compress, count, islice
from operator import or_

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
        # What can start a match, for the per-document start index (see _start_index):
        # - a first word that is a phrase by itself or is followed by a "*" word: every
        #   occurrence must be walked;
        # - any other first word: only where the next word continues the phrase, so the pair
        #   (first, second) is the key, and the many "the", "in", "a" that start a longer
        #   phrase but not here are never walked;
        # - the "*" prefixes of first words.
        keys: set[str | tuple[str, str]] = set()
        for word, child in self._trie.items():
            if not isinstance(word, str):
                continue
            if None in child or 1 in child:
                keys.add(word)
            else:
                keys.update((word, second) for second in child)
        self._start_keys = frozenset(keys)
        self._prefixes = tuple(self._trie.get(1, ()))
        _register_starts(self._start_keys, self._prefixes)

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
        words = doc.words
        index = _start_index(doc)
        # The keys of this matcher that occur in the document; their token positions are the
        # only places where one of its phrases can start.
        keys = self._start_keys.intersection(index)
        prefixed: frozenset[str] | set[str] = frozenset()
        if self._prefixes:
            prefixed = _prefixed_words(doc, self._prefixes)
            keys = keys.union(prefixed)
        if not keys:
            return []
        # (A position can be listed twice, under a word and under a pair; the second visit
        # finds the same result, or is skipped as inside the match.)
        candidates = sorted(chain.from_iterable(map(index.__getitem__, keys)))
        out: list[Match] = []
        root = self._trie
        longest = self._longest
        n = len(words)
        stop = 0
        for i in candidates:
            if i < stop:
                continue  # inside the previous match
            if words[i] in prefixed:
                best = longest(words, i)
                if best is not None:
                    out.append(best)
                    stop = best[1]
                continue
            # Without "*" words on the way the trie walk is a single path: follow it and keep
            # the deepest phrase end (what _longest returns); fall back to _longest on a branch.
            node = root[words[i]]
            j = i + 1
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
        starts, ends = doc.token_starts, doc.token_ends
        return [(starts[m.first], ends[m.stop - 1], m.phrase) for m in self.finditer(doc)]

    def _longest(self, words: tuple[str, ...], i: int) -> Match | None:
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


# Every matcher's start keys and "*" prefixes (see PhraseMatcher._index_trie). They let one
# pass per document, done in C, find the candidate starts of all matchers at once.
_START_WORDS: set[str] = set()
_START_PAIRS: set[tuple[str, str]] = set()
_START_PREFIXES: set[str] = set()
_registry_version = 0


def _register_starts(keys: frozenset, prefixes: tuple[str, ...]) -> None:
    global _registry_version
    new_words = {k for k in keys if isinstance(k, str)}
    new_pairs = keys.difference(new_words)
    if (
        new_words <= _START_WORDS
        and new_pairs <= _START_PAIRS
        and _START_PREFIXES.issuperset(prefixes)
    ):
        return
    _START_WORDS.update(new_words)
    _START_PAIRS.update(new_pairs)
    _START_PREFIXES.update(prefixes)
    _registry_version += 1  # indexes built before this matcher existed are rebuilt


def _start_index(doc: Document) -> dict[str | tuple[str, str], list[int]]:
    """Token positions of every start key of every matcher that occurs in the document: a
    word (``"may"``) or a word pair (``("the", "myth")``). Built once per Document (private
    memo) and shared by all matchers, so that no matcher scans all the tokens itself."""
    memo = doc._memo.get("phrase_starts")
    if memo is not None and memo[0] == _registry_version:
        return memo[1]
    words = doc.words
    # The words that start a phrase: every start word, and the document's words that begin
    # with a "*" prefix (usually none).
    prefixed = _prefixed_words(doc, tuple(_START_PREFIXES)) if _START_PREFIXES else None
    singles = _START_WORDS.union(prefixed) if prefixed else _START_WORDS
    # Each word with the next one ("" after the last word, so that no word is left out).
    pairs = zip(words, chain(islice(words, 1, None), ("",)))
    # The candidate positions, found in C: a start word, or the start of a start pair.
    is_start = map(or_, map(singles.__contains__, words), map(_START_PAIRS.__contains__, pairs))
    index: dict[str | tuple[str, str], list[int]] = {}
    last = len(words) - 1
    for i in compress(count(), is_start):
        if words[i] in singles:
            index.setdefault(words[i], []).append(i)
        if i < last and (pair := (words[i], words[i + 1])) in _START_PAIRS:
            index.setdefault(pair, []).append(i)
    doc._memo["phrase_starts"] = (_registry_version, index)
    return index


def _prefixed_words(doc: Document, prefixes: tuple[str, ...]) -> set[str]:
    """The document's distinct words that start with one of ``prefixes``: found by bisection
    in its sorted vocabulary (memoised), not by testing every word. Most texts hold none of
    the prefixes anywhere, which substring tests tell without sorting the vocabulary."""
    prefixes = tuple(p for p in prefixes if p in doc.lower)
    if not prefixes:
        return set()
    vocabulary = doc._memo.get("sorted_vocabulary")
    if vocabulary is None:
        vocabulary = doc._memo["sorted_vocabulary"] = sorted(set(doc.words))
    found = set()
    for prefix in prefixes:
        for k in range(bisect_left(vocabulary, prefix), len(vocabulary)):
            if not vocabulary[k].startswith(prefix):
                break
            found.add(vocabulary[k])
    return found

