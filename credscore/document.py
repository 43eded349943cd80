"""The article parsed once: text, title, sentences, word tokens and line/column lookup.

Every signal reads the same :class:`Document`; nothing re-tokenises. The text is normalised
character-for-character (curly quotes to straight, odd spaces to plain spaces, ``\\r`` to
``\\n`` or a space), so an offset in ``Document.text`` is also an offset in the source, and line
and column numbers point at the source file.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import NamedTuple

from credscore.findings import Finding, Severity

__all__ = ["Document", "Token", "MAX_CHARS"]

MAX_CHARS = 5_000_000
"""Largest accepted input, in characters; larger input raises ``ValueError`` before any work."""

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

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
# A sentence ends at terminal punctuation (plus closing quotes/brackets) followed by space, or
# at a blank line. Abbreviations are checked in code, not with look-behinds.
_SENTENCE_END = re.compile(r"[.!?]+['\")\]]*(?=\s)|\n[ ]*\n")
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
    return text.translate(_ONE_TO_ONE)


@dataclass(frozen=True, eq=False)
class Document:
    """An article parsed once.

    Build one with :meth:`Document.from_text` (or :meth:`Document.from_markdown`) rather
    than the constructor.

    Attributes
    ----------
    text : str
        Normalised text, the same length as the source it came from.
    title : str or None
        Optional headline, kept apart from the body.
    lower : str
        ``text`` lower-cased, the same length.
    tokens : tuple of Token
        Word tokens, lower-cased, with character offsets.
    sentences : tuple of (int, int)
        Character spans of sentences, in order.
    token_sentence : tuple of int
        For each token, the index of its sentence.
    """

    text: str
    title: str | None
    lower: str
    tokens: tuple[Token, ...]
    sentences: tuple[tuple[int, int], ...]
    token_sentence: tuple[int, ...]
    _line_starts: tuple[int, ...] = field(repr=False)
    _sentence_starts: tuple[int, ...] = field(repr=False)

    @classmethod
    def from_text(
        cls, text: str, *, title: str | None = None, breaks: tuple[int, ...] = ()
    ) -> Document:
        """Parse plain text (and an optional title) into a Document.

        ``breaks`` are offsets where a sentence always ends (block starts such as list items
        and headings, which carry no full stop).

        Raises ``TypeError`` when ``text`` or ``title`` is not a string and ``ValueError``
        when ``text`` is longer than :data:`MAX_CHARS`.
        """
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, not {type(text).__name__}")
        if title is not None and not isinstance(title, str):
            raise TypeError(f"title must be a str or None, not {type(title).__name__}")
        if len(text) > MAX_CHARS:
            raise ValueError(f"text is {len(text):,} characters; the limit is {MAX_CHARS:,}")
        text = normalise(text)
        lower = _lower_same_length(text)
        tokens = tuple(Token(m.group(), m.start(), m.end()) for m in _WORD.finditer(lower))
        sentences = _split_sentences(text, lower, breaks)
        sentence_starts = tuple(s for s, _ in sentences)
        token_sentence = tuple(max(bisect_right(sentence_starts, t.start) - 1, 0) for t in tokens)
        line_starts = (0, *(m.end() for m in re.finditer("\n", text)))
        return cls(
            text=text,
            title=normalise(title).strip() if title else None,
            lower=lower,
            tokens=tokens,
            sentences=sentences,
            token_sentence=token_sentence,
            _line_starts=line_starts,
            _sentence_starts=sentence_starts,
        )

    @classmethod
    def from_markdown(cls, source: str, *, title: str | None = None) -> Document:
        """Parse Markdown: front matter, code and markup are blanked so line numbers hold.

        A ``title`` in YAML front matter is used when no ``title`` is given.
        """
        from credscore.formats.markdown import block_breaks, mask_markdown

        if not isinstance(source, str):
            raise TypeError(f"text must be a str, not {type(source).__name__}")
        text, front_title = mask_markdown(source)
        return cls.from_text(
            text,
            title=title if title is not None else front_title,
            breaks=tuple(block_breaks(source)),
        )

    @property
    def n_words(self) -> int:
        """Number of word tokens."""
        return len(self.tokens)

    def line_col(self, offset: int) -> tuple[int, int]:
        """Return the 1-based (line, column) of a character offset."""
        line = bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def sentence_at(self, offset: int) -> int:
        """Return the index of the sentence holding a character offset."""
        return max(bisect_right(self._sentence_starts, offset) - 1, 0)

    def finding(
        self, rule: str, start: int, end: int, message: str, severity: Severity
    ) -> Finding:
        """Make a :class:`Finding` for ``text[start:end]`` with its line and column."""
        line, column = self.line_col(start)
        return Finding(
            rule=rule,
            message=message,
            severity=severity,
            start=start,
            end=end,
            line=line,
            column=column,
            text=self.text[start:end],
        )


def _split_sentences(
    text: str, lower: str, breaks: tuple[int, ...] = ()
) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    start = 0
    ends = [(m.start(), m.end(), m.group()[0]) for m in _SENTENCE_END.finditer(text)]
    if breaks:
        ends = sorted(ends + [(b, b, "") for b in breaks if 0 < b < len(text)])
    for m_start, m_end, first in ends:
        if m_end <= start:
            continue
        if first == ".":
            word = re.search(r"[\w.]*$", lower[max(start, m_start - 12) : m_start])
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
