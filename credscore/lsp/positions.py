"""Offsets in a document's text as LSP positions, and back.

LSP lines end at ``\\n``, ``\\r\\n`` or ``\\r`` (nothing else: not U+2028, not a form feed), and
a position's ``character`` counts code units of the encoding agreed at ``initialize``: UTF-16
unless the client offered another (an emoji is 2 UTF-16 units, 4 UTF-8 units, 1 UTF-32 unit;
a lone surrogate is 1 UTF-16 unit). Python strings count code points, so every position the
server sends goes through :class:`LineMap`.

Converting an offset costs O(log lines + 1,024) whatever the line's length: the code units
before every 1,024th character are counted once, so a megabyte on one line with thousands of
findings stays linear.
"""

from __future__ import annotations

import re
from bisect import bisect_right

__all__ = ["ENCODINGS", "LineMap", "Span"]

ENCODINGS = ("utf-16", "utf-8", "utf-32")
"""Position encodings (LSP ``PositionEncodingKind`` values) the server can count in."""

Span = tuple[int, int, int, int]
"""(start line, start character, end line, end character), 0-based, in code units."""

_EOL = re.compile(r"\r\n|\r|\n")
_BLOCK = 1024


class LineMap:
    """Line starts of ``text`` and code-unit counts in ``encoding`` (one of :data:`ENCODINGS`).

    >>> lines = LineMap("a\\r\\n\\U0001f600 proves it", "utf-16")
    >>> lines.position(5)   # 'p' of 'proves': the emoji before it counts twice
    (1, 3)
    >>> lines.offset(1, 3)
    5
    """

    def __init__(self, text: str, encoding: str = "utf-16") -> None:
        if encoding not in ENCODINGS:
            raise ValueError(f"unknown position encoding {encoding!r}")
        self.text = text
        self.encoding = encoding
        self.starts = [0, *(m.end() for m in _EOL.finditer(text))]
        # Code units equal code points for ASCII text, and for any text in UTF-32.
        self._plain = encoding == "utf-32" or text.isascii()
        self._blocks: list[int] | None = None
        self._starts_units: dict[int, int] = {}

    def _units(self, s: str) -> int:
        if self.encoding == "utf-8":
            return len(s.encode("utf-8", "surrogatepass"))
        return len(s.encode("utf-16-le", "surrogatepass")) // 2

    def _cumulative(self, offset: int) -> int:
        """Code units in ``text[:offset]``."""
        if self._blocks is None:
            counts = [0]
            for k in range(0, len(self.text), _BLOCK):
                counts.append(counts[-1] + self._units(self.text[k : k + _BLOCK]))
            self._blocks = counts
        block = offset // _BLOCK
        return self._blocks[block] + self._units(self.text[block * _BLOCK : offset])

    def _line_units(self, line: int) -> int:
        """Code units before ``line`` (remembered: findings come many to a line)."""
        units = self._starts_units.get(line)
        if units is None:
            units = self._starts_units[line] = self._cumulative(self.starts[line])
        return units

    def line_of(self, offset: int) -> int:
        """The 0-based line holding ``offset``."""
        return bisect_right(self.starts, offset) - 1

    def line_end(self, line: int) -> int:
        """The offset where ``line``'s content ends (before its line break)."""
        if line + 1 >= len(self.starts):
            return len(self.text)
        end = self.starts[line + 1]
        return end - 2 if self.text.startswith("\r\n", end - 2) else end - 1

    def position(self, offset: int) -> tuple[int, int]:
        """(line, character) of a 0-based character offset."""
        offset = min(max(offset, 0), len(self.text))
        line = self.line_of(offset)
        start = self.starts[line]
        if self._plain:
            return line, offset - start
        return line, self._cumulative(offset) - self._line_units(line)

    def span(self, start: int, end: int) -> Span:
        """The :data:`Span` of ``text[start:end]``."""
        return (*self.position(start), *self.position(max(start, end)))

    def offset(self, line: int, character: int) -> int:
        """The character offset of an LSP position; a position past the end of its line (or
        of the text) is clamped to it, one inside a character's code units rounds up."""
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        start, end = self.starts[line], self.line_end(line)
        if self._plain:
            return min(start + max(character, 0), end)
        wanted = self._line_units(line) + max(character, 0)
        lo, hi = start, end
        while lo < hi:  # the first offset whose code units reach ``wanted``
            mid = (lo + hi) // 2
            if self._cumulative(mid) < wanted:
                lo = mid + 1
            else:
                hi = mid
        return lo
