"""HTML input: the page's main text, with offsets mapped back to lines of the HTML source.

The main text (no menus, footers, scripts or comments) is extracted by trafilatura, installed
with the ``html`` extra (``pip install 'credscore[html]'``) and imported only when an HTML file
is read. Its paragraphs are joined by blank lines, so that a heading ends a sentence.

To point findings at the source, the page's visible text is rebuilt with the standard
library's HTML parser, keeping the source offset of every character, and each extracted
paragraph is looked up in it (whitespace collapsed). Where a paragraph cannot be found (the
extractor rewrote it) its characters point at the last place that could be mapped, so a
finding's line may then be approximate; its text, rule and message are always exact.
"""

from __future__ import annotations

import html
import logging
import re
from array import array
from dataclasses import dataclass, field
from functools import cached_property
from html.parser import HTMLParser

from credscore.document import MAX_CHARS, Document
from credscore.errors import InputError
from credscore.formats.article import Article, LineIndex

__all__ = ["HtmlPage", "read_html"]

_SKIPPED_TAGS = frozenset({"script", "style", "template", "noscript"})
_RUN = re.compile(r"\S+|\s+")
_ANCHOR = 40  # characters of a paragraph used to find it when the whole cannot be found


@dataclass(frozen=True)
class HtmlPage:
    """The extracted main text of a page, its title, and the source offset of each character
    (:attr:`offsets`, mapped on first use: scoring the text alone does not need them)."""

    text: str
    title: str | None
    source: str
    paragraphs: list[str] = field(repr=False)

    @cached_property
    def offsets(self) -> array:
        """For each character of ``text``, its offset in ``source``."""
        return _map_offsets(self.paragraphs, self.source)

    def document(self) -> Document:
        """The main text as a Document."""
        return Document.from_text(self.text, title=self.title)

    def article(self, name: str) -> Article:
        """The page as an :class:`~credscore.formats.article.Article` whose findings point at
        lines of the HTML source."""
        offsets = self.offsets
        last = len(offsets) - 1
        return Article(
            name,
            self.document(),
            self.text,
            "html",
            source=self.source,
            lines=LineIndex(self.source),
            to_source=lambda i: offsets[min(i, last)],
        )


def read_html(source: str, name: str) -> HtmlPage:
    """Extract the main text of an HTML page.

    Raises :class:`~credscore.errors.InputError` naming the file when the ``html`` extra is
    not installed or the page has no main text.
    """
    try:
        import trafilatura
    except ImportError as exc:
        raise InputError(
            name,
            "reading HTML needs the optional 'html' extra: pip install 'credscore[html]' "
            f"({' '.join(str(exc).split())})",
        ) from None
    logger = logging.getLogger("trafilatura")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        result = trafilatura.bare_extraction(
            source, with_metadata=True, include_comments=False, include_tables=True
        )
    finally:
        logger.setLevel(level)
    if isinstance(result, dict):  # trafilatura < 2
        text, title = result.get("text"), result.get("title")
    else:
        text, title = getattr(result, "text", None), getattr(result, "title", None)
    paragraphs = [p.strip() for p in (text or "").splitlines() if p.strip()]
    if not paragraphs:
        raise InputError(name, "no main text found in the HTML page; nothing to score")
    joined = "\n\n".join(paragraphs)
    size = len(joined) + len(title or "")
    if size > MAX_CHARS:  # refused now, before the offsets are mapped and the text parsed
        raise InputError(
            name, f"the page's main text is {size:,} characters; the limit is {MAX_CHARS:,}"
        )
    return HtmlPage(joined, title or None, source, paragraphs)


class _Visible(HTMLParser):
    """The visible text of a page, whitespace collapsed, with each character's source offset."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self._line_starts = [0, *(m.end() for m in re.finditer("\n", source))]
        self._skip = 0
        self.parts: list[str] = []
        self.offsets = array("q")
        self._space = True

    def _pos(self) -> int:
        line, col = self.getpos()
        return self._line_starts[line - 1] + col

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _SKIPPED_TAGS:
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        base = self._pos()
        for m in _RUN.finditer(data):
            run = m.group()
            if run[0].isspace():
                self._add(" ", base + m.start())
            elif run.isprintable():
                self.parts.append(run)
                self.offsets.extend(range(base + m.start(), base + m.end()))
                self._space = False
            else:  # soft hyphens, zero-width and direction marks: dropped, as the extractor does
                for i, char in enumerate(run, base + m.start()):
                    if char.isprintable():
                        self._add(char, i)

    def handle_entityref(self, name: str) -> None:
        self._add_ref(html.unescape(f"&{name};"))

    def handle_charref(self, name: str) -> None:
        self._add_ref(html.unescape(f"&#{name};"))

    def _add_ref(self, chars: str) -> None:
        if self._skip:
            return
        pos = self._pos()
        for char in chars:
            if char.isspace() or char.isprintable():  # "&shy;" is dropped, as above
                self._add(" " if char.isspace() else char, pos)

    def _add(self, char: str, offset: int) -> None:
        if char == " ":
            if self._space:
                return
            self._space = True
        else:
            self._space = False
        self.parts.append(char)
        self.offsets.append(offset)


def _collapse(paragraph: str) -> tuple[str, list[int]]:
    """Whitespace runs to one space; for each character of ``paragraph`` its collapsed index."""
    out: list[str] = []
    index: list[int] = []
    for m in _RUN.finditer(paragraph):
        if m.group()[0].isspace():
            out.append(" ")
            index.extend([len(out) - 1] * len(m.group()))
        else:
            start = len(out)
            out.extend(m.group())
            index.extend(range(start, len(out)))
    return "".join(out), index


def _map_offsets(paragraphs: list[str], source: str) -> array:
    parser = _Visible(source)
    try:
        parser.feed(source)
        parser.close()
    except Exception:  # noqa: BLE001 - a page the parser cannot read maps to its start
        parser.parts, parser.offsets = [], array("q")
    visible = "".join(parser.parts)
    where = parser.offsets
    out = array("q")
    cursor, last = 0, 0
    finder = _Finder(visible, _BUDGET * (len(visible) + sum(map(len, paragraphs))) + _ANCHOR)
    for n, paragraph in enumerate(paragraphs):
        if n:
            out.extend((last, last))  # the blank line between paragraphs
        collapsed, index = _collapse(paragraph)
        mapped = _match(collapsed, finder, cursor)
        if mapped is None:
            out.extend([last] * len(paragraph))
            continue
        start, length = mapped
        for i in index:
            last = where[start + i] if i < length else last
            out.append(last)
        cursor = start + length
    return out


_BUDGET = 4
"""Searches for the paragraphs may scan this many times the visible and extracted text in
all; past that, paragraphs not found at once point at the last place mapped. Searching from
the start again for each paragraph that is not found would be quadratic."""


class _Finder:
    """``str.find`` in the visible text, within a budget of characters scanned in all."""

    def __init__(self, visible: str, budget: int) -> None:
        self.visible = visible
        self.budget = budget

    def find(self, needle: str, lo: int) -> int:
        hi = min(len(self.visible), lo + max(self.budget, 0) + len(needle))
        at = self.visible.find(needle, lo, hi)
        self.budget -= (at + len(needle) - lo) if at >= 0 else max(hi - lo, 0)
        return at


def _match(collapsed: str, finder: _Finder, cursor: int) -> tuple[int, int] | None:
    """Where ``collapsed`` starts in the visible text (searched from ``cursor``, then from the
    start) and how many of its characters match there."""
    visible = finder.visible
    for anchor in (collapsed, collapsed[:_ANCHOR]):
        start = finder.find(anchor, cursor)
        if start < 0 and cursor:
            start = finder.find(anchor, 0)
        if start >= 0:
            length = len(anchor)
            limit = min(len(collapsed), len(visible) - start)
            while length < limit and visible[start + length] == collapsed[length]:
                length += 1
            return start, length
    return None
