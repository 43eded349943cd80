"""The article parsed once: text, title, sentences, word tokens and line/column lookup.

Every signal reads the same :class:`Document`; nothing re-tokenises. The text is normalised
character-for-character (curly quotes to straight, odd spaces to plain spaces, ``\\r`` to
``\\n`` or a space), so an offset in ``Document.text`` is also an offset in the source, and line
and column numbers point at the source file.

Page furniture (navigation, teasers, bylines, share prompts, captions, source tags; see
:mod:`credscore.furniture`) is blanked out of ``Document.text`` the same way: its lines become
spaces, so no sentence, word count or finding comes from them, and ``Document.furniture`` keeps
their spans and kinds.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import accumulate, chain, repeat
from typing import NamedTuple

from credscore.findings import DROPPED, Finding, Severity, make_finding
from credscore.furniture import page_lines

__all__ = ["Document", "Token", "MAX_CHARS", "is_blank"]

MAX_CHARS = 5_000_000
"""Default largest input (text and title together), in characters; larger input raises
``ValueError`` before any work. Pass ``max_chars`` to :meth:`Document.from_text` to change it."""

# One character in, one character out: offsets survive normalisation.
_ONE_TO_ONE = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ",
        "\u2002": " ", "\u2003": " ", "\t": " ", "\f": " ", "\v": " ",
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2212": "-", "\u00ad": " ", "\u200b": " ", "\ufeff": " ",
        "\u2028": "\n", "\u2029": "\n", "\u0085": "\n",
    }
)

# Characters that normalise() replaces, as one class: the text is scanned once in C and only
# the (few) hits cost a Python call; str.translate with a dict is slow on non-ASCII text.
_ODD_CHARS = re.compile("[" + "".join(re.escape(chr(c)) for c in _ONE_TO_ONE) + "]")
_ODD_REPLACEMENT = {chr(c): r for c, r in _ONE_TO_ONE.items()}

# Possessive (``++``, ``*+``): nothing follows a word in the pattern, so the greedy match is
# always the one kept and backtracking states are never needed; the regex engine is faster
# without them (the matches are the same).
_WORD = re.compile(r"[^\W_]++(?:'[^\W_]++)*+")
# The same pattern for lower-cased ASCII text, where [^\W_] is exactly [a-z0-9]; faster.
_WORD_ASCII = re.compile(r"[a-z0-9]++(?:'[a-z0-9]++)*+")
# The two as split patterns: text split on captured words alternates gap, word, gap, ..., so
# the words and their offsets come out of C (no match object per word; 2x faster).
_SPLIT_WORDS = re.compile(f"({_WORD.pattern})")
_SPLIT_WORDS_ASCII = re.compile(f"({_WORD_ASCII.pattern})")
_WORD_BEFORE_DOT = re.compile(r"[\w.]*$")
# A sentence ends at terminal punctuation (plus closing quotes/brackets) followed by space, or
# at a blank line. Abbreviations are checked in code, not with look-behinds. The look-behind and
# the possessive quantifiers keep this linear: a match never starts inside a run of
# punctuation, and a failed run is not retried one character shorter ("!!!...!" x 1e6).
# Two patterns, not one alternation: each starts with a character, so the regex engine skips
# in C to the next candidate (3x faster); the look-behind after the first character says that
# the one before it is not punctuation. Their matches never overlap.
_SENTENCE_PUNCT = re.compile(r"[.!?](?<![.!?]{2})[.!?]*+['\")\]]*+(?=\s)")
_BLANK_LINE = re.compile(r"\n[ ]*+\n")
_ABBREVIATIONS = frozenset(
    "dr mr mrs ms prof st jr sr vs etc al fig figs eg ie no inc ltd co corp dept univ gen "
    "approx est min max mt jan feb mar apr jun jul aug sep sept oct nov dec u.s e.g i.e".split()
)


class Token(NamedTuple):
    """One word: its lower-cased text and its character span in ``Document.text``."""

    text: str
    start: int
    end: int


def _lower_same_length(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # Rare characters (e.g. "İ") lower to two code points; keep those as they are.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def normalise(text: str) -> str:
    """Return ``text`` with quotes, dashes, spaces and line breaks normalised, same length."""
    text = text.replace("\r\n", " \n").replace("\r", "\n")
    return _ODD_CHARS.sub(_replace_odd, text)


def _replace_odd(m: re.Match) -> str:
    return _ODD_REPLACEMENT[m.group()]


@dataclass(frozen=True, eq=False)
class Document:
    """An article parsed once.

    Build one with :meth:`Document.from_text` (or :meth:`Document.from_markdown`) rather
    than the constructor.

    Attributes
    ----------
    text : str
        Normalised text, the same length as the source it came from, with furniture lines
        blanked to spaces.
    title : str or None
        Optional headline, kept apart from the body.
    lower : str
        ``text`` lower-cased, the same length.
    words : tuple of str
        Word tokens, lower-cased, in order.
    token_starts, token_ends : tuple of int
        For each word, its character span in ``text``: ``words[i]`` is
        ``lower[token_starts[i]:token_ends[i]]``.
    tokens : tuple of Token
        The same words as (text, start, end) named tuples, built on first use: the signals read
        the three parallel tuples above, which cost no object per word.
    sentences : tuple of (int, int)
        Character spans of sentences, in order.
    token_sentence : tuple of int
        For each token, the index of its sentence.
    furniture : tuple of (int, int, str)
        ``(start, end, kind)`` of each line of page furniture blanked out of ``text``
        (kinds: :data:`credscore.furniture.FURNITURE_KINDS`); empty when none was found or
        ``furniture=False`` was passed. What it holds is never scored and makes no finding.
    encoding : str or None
        How the source file was decoded (``"utf-8"``, ``"cp1252"``, ...; see
        :func:`credscore.formats.files.decode_bytes`), or None when the text was given as a str.
    """

    text: str
    title: str | None
    lower: str
    words: tuple[str, ...]
    token_starts: tuple[int, ...] = field(repr=False)
    token_ends: tuple[int, ...] = field(repr=False)
    sentences: tuple[tuple[int, int], ...]
    token_sentence: tuple[int, ...]
    _line_starts: tuple[int, ...] = field(repr=False)
    _sentence_starts: tuple[int, ...] = field(repr=False)
    furniture: tuple[tuple[int, int, str], ...] = field(default=(), repr=False)
    encoding: str | None = field(default=None, compare=False)
    # Private per-document memo for derived data shared by signals (see ``_memoised``); it is
    # never part of the public state and does not change what any attribute returns.
    _memo: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def from_text(
        cls,
        text: str,
        *,
        title: str | None = None,
        breaks: tuple[int, ...] = (),
        max_chars: int | None = None,
        furniture: bool = True,
    ) -> Document:
        """Parse plain text (and an optional title) into a Document.

        ``breaks`` are offsets where a sentence always ends (block starts such as list items
        and headings, which carry no full stop). With ``furniture`` (the default), lines of
        page furniture are blanked out of the text (see :mod:`credscore.furniture`) and a
        heading-like line ends its sentence; pass ``furniture=False`` for text known to be
        prose only, such as a headline.

        Raises ``TypeError`` when ``text`` or ``title`` is not a string and ``ValueError``
        when ``text`` and ``title`` together are longer than ``max_chars`` characters
        (default :data:`MAX_CHARS`), before any work is done.
        """
        _check_input(text, title, max_chars)
        line_starts = _line_starts(text)
        text = normalise(text)
        spans: tuple[tuple[int, int, str], ...] = ()
        if furniture:
            page = page_lines(text)
            spans = page.furniture
            if spans:
                text = _blank(text, spans)
            if page.breaks:
                breaks = (*breaks, *page.breaks)
        lower = _lower_same_length(text)
        words, starts, ends = _split_words(lower)
        sentences = _split_sentences(text, lower, breaks)
        sentence_starts = tuple(s for s, _ in sentences)
        token_sentence = _token_sentences(starts, sentence_starts)
        return cls(
            text=text,
            title=normalise(title).strip() if title else None,
            lower=lower,
            words=tuple(words),
            token_starts=tuple(starts),
            token_ends=tuple(ends),
            sentences=sentences,
            token_sentence=token_sentence,
            _line_starts=line_starts,
            _sentence_starts=sentence_starts,
            furniture=spans,
        )

    @classmethod
    def from_markdown(
        cls, source: str, *, title: str | None = None, max_chars: int | None = None
    ) -> Document:
        """Parse Markdown: front matter, code and markup are blanked so line numbers hold.

        A ``title`` in YAML front matter is used when no ``title`` is given. Errors as in
        :meth:`from_text`; the size limit is checked before the Markdown is read.
        """
        from credscore.formats.markdown import block_breaks, mask_markdown

        _check_input(source, title, max_chars)
        text, front_title = mask_markdown(source)
        if title is None and front_title:
            # The front-matter title is part of the source, already counted once.
            title = front_title
            max_chars = (MAX_CHARS if max_chars is None else max_chars) + len(front_title)
        return cls.from_text(
            text, title=title, breaks=tuple(block_breaks(source)), max_chars=max_chars
        )

    @property
    def tokens(self) -> tuple[Token, ...]:
        """Word tokens, lower-cased, with character offsets (built on first use)."""
        tokens = self._memo.get("tokens")
        if tokens is None:
            tokens = self._memo["tokens"] = tuple(
                map(_tuple_new, repeat(Token), zip(self.words, self.token_starts, self.token_ends))
            )
        return tokens

    @property
    def n_words(self) -> int:
        """Number of word tokens."""
        return len(self.words)

    def line_col(self, offset: int) -> tuple[int, int]:
        """Return the 1-based (line, column) of a character offset. Lines end at ``\n``,
        ``\r\n`` and ``\r`` of the source, as in editors; the column counts characters
        (code points) from 1."""
        line = bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def sentence_at(self, offset: int) -> int:
        """Return the index of the sentence holding a character offset."""
        return max(bisect_right(self._sentence_starts, offset) - 1, 0)

    def paragraph_start(self, offset: int) -> int:
        """Return where the paragraph holding a character offset starts (paragraphs end at
        blank lines, as in Markdown and in scraped articles)."""
        breaks = self._memo.get("paragraph_breaks")
        if breaks is None:
            breaks = self._memo["paragraph_breaks"] = (
                0,
                *(m.end() for m in _BLANK_LINE.finditer(self.text)),
            )
        return breaks[bisect_right(breaks, offset) - 1]

    def finding(
        self, rule: str, start: int, end: int, message: str, severity: Severity
    ) -> Finding:
        """Make a :class:`Finding` for ``text[start:end]`` with its line and column; the
        message is put on one line (it may quote matched text that spans a line break).

        While :func:`credscore.extract.extract_bounded` runs, a finding of a rule that has
        reached its limit is only counted, and its span kept as two integers:
        :data:`credscore.findings.DROPPED` is returned."""
        budget = self._memo.get(FINDING_BUDGET)
        if budget is not None:
            limit, counts, dropped = budget
            n = counts[rule] = counts.get(rule, 0) + 1
            if n > limit:
                spans = dropped.get(rule)
                if spans is None:
                    spans = dropped[rule] = array("q")
                spans.extend((start, end))
                return DROPPED
        line, column = self.line_col(start)
        return make_finding(
            rule=rule,
            message=" ".join(message.split()),
            severity=severity,
            start=start,
            end=end,
            line=line,
            column=column,
            text=self.text[start:end],
        )


_ALNUM = re.compile(r"[^\W_]")


def is_blank(text: str) -> bool:
    """True when ``text`` holds nothing to read: only whitespace, control and format
    characters (zero-width spaces, soft hyphens, direction marks, byte-order marks) and
    combining marks. Such a text is empty: there is nothing to score."""
    if _ALNUM.search(text):  # a letter or a digit: the usual case, found at once
        return False
    # Rare: look at each distinct character once (punctuation and symbols are visible).
    return not any(unicodedata.category(c)[0] in "LNPS" for c in set(text))


def _check_input(text: object, title: object, max_chars: int | None) -> None:
    """Type and size checks, done before any work."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    if title is not None and not isinstance(title, str):
        raise TypeError(f"title must be a str or None, not {type(title).__name__}")
    limit = MAX_CHARS if max_chars is None else max_chars
    if not isinstance(limit, int) or isinstance(limit, bool):
        raise TypeError(f"max_chars must be an int or None, not {type(limit).__name__}")
    size = len(text) + (len(title) if title else 0)
    if size > limit:
        what = "text and title are" if title else "text is"
        raise ValueError(f"{what} {size:,} characters; the limit is {limit:,}")


_tuple_new = tuple.__new__
FINDING_BUDGET = "finding_budget"
"""Key of ``Document._memo`` under which extract_bounded puts (limit, counts per rule, spans
of the dropped findings per rule as flat ``array("q")`` of start, end pairs)."""
_EOL = re.compile(r"\r\n?|\n")


def _line_starts(source: str) -> tuple[int, ...]:
    """Offsets where the lines of ``source`` start. Lines end at ``\n``, ``\r\n`` and ``\r``
    only, as in editors, GitHub and the line index of HTML and JSON sources: U+2028, U+2029
    and U+0085 end a sentence (normalised to ``\n``) but not a line. (``str.splitlines``
    would count them, and ``\v``, ``\f`` and ``\x1c``-``\x1e`` too.)"""
    if "\r" not in source:
        return (0, *(m.end() for m in re.finditer("\n", source)))
    return (0, *(m.end() for m in _EOL.finditer(source)))


def _blank(text: str, spans: tuple[tuple[int, int, str], ...]) -> str:
    """``text`` with each ``(start, end, kind)`` span (never holding a line break) replaced by
    spaces."""
    parts = []
    last = 0
    for start, end, _ in spans:
        parts.append(text[last:start])
        parts.append(" " * (end - start))
        last = end
    parts.append(text[last:])
    return "".join(parts)


def _split_words(lower: str) -> tuple[list[str], list[int], list[int]]:
    """The words of ``lower`` (``_WORD`` matches) with their start and end offsets, as three
    parallel lists, all built in C: ``split`` gives gap, word, gap, ..., gap and the running
    sum of their lengths gives every word's start (after a gap) and end (after the word)."""
    parts = (_SPLIT_WORDS_ASCII if lower.isascii() else _SPLIT_WORDS).split(lower)
    offsets = list(accumulate(map(len, parts)))
    return parts[1::2], offsets[0:-1:2], offsets[1::2]


def _token_sentences(starts: list[int], sentence_starts: tuple[int, ...]) -> tuple[int, ...]:
    """Sentence index of each token start, as ``max(bisect_right(sentence_starts, s) - 1, 0)``,
    found with one bisection per sentence rather than one per token."""
    # Tokens before sentence_starts[k] (k >= 1) belong to sentences < k.
    bounds = [bisect_left(starts, s) for s in sentence_starts[1:]]
    bounds.append(len(starts))
    counts = [b - a for a, b in zip([0, *bounds[:-1]], bounds)]
    return tuple(chain.from_iterable(map(repeat, range(len(counts)), counts)))


def _split_sentences(
    text: str, lower: str, breaks: tuple[int, ...] = ()
) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    start = 0
    ends = [
        (m.start(), m.end(), text[m.start()])
        for pattern in (_SENTENCE_PUNCT, _BLANK_LINE)
        for m in pattern.finditer(text)
    ]
    ends.sort()
    if breaks:
        ends = sorted(ends + [(b, b, "") for b in breaks if 0 < b < len(text)])
    for m_start, m_end, first in ends:
        if m_end <= start:
            continue
        if first == ".":
            word = _WORD_BEFORE_DOT.search(lower[max(start, m_start - 12) : m_start])
            before = word.group() if word else ""
            # "Dr." "e.g." "U.S." or a single initial ("J. Smith") do not end a sentence.
            if before in _ABBREVIATIONS or (len(before) == 1 and before.isalpha()):
                continue
            following = text[m_end : m_end + 3].lstrip()
            if following[:1].islower():
                continue
        _add_span(spans, text, start, m_end)
        start = m_end
    _add_span(spans, text, start, len(text))
    return tuple(spans) or ((0, len(text)),)


def _add_span(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        left = start + len(chunk) - len(chunk.lstrip())
        spans.append((left, left + len(stripped)))
