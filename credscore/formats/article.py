"""Articles read for ``credscore check``: a Document plus the way back to lines of the file.

One file gives one article (``.txt``, ``.md``, ``.html``) or one per record (``.json``,
``.jsonl``). :meth:`Article.locate` turns an offset in the article's text into the 1-based
(line, column) of the *file*, so that findings in an HTML page or a JSON record point at the
source that an editor opens.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from credscore.document import Document
from credscore.errors import InputError, LanguageError
from credscore.findings import Finding
from credscore.formats.files import (
    HTML_SUFFIXES,
    MARKDOWN_SUFFIXES,
    MAX_BYTES,
    RECORD_SUFFIXES,
    decode_bytes,
    read_source,
)

if TYPE_CHECKING:
    from credscore.report import Report

__all__ = ["Article", "LineIndex", "articles_from_text", "read_articles", "read_stream"]

_EOL = re.compile(r"\r\n|\r|\n")


class LineIndex:
    """1-based (line, column) of offsets in a string; ``\\n``, ``\\r\\n`` and ``\\r`` end lines."""

    def __init__(self, text: str) -> None:
        self._starts = [0, *(m.end() for m in _EOL.finditer(text))]

    def line_col(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of ``offset``."""
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


@dataclass(frozen=True, eq=False)
class Article:
    """One article to check.

    Attributes
    ----------
    path : str
        The file as named on the command line or found in a folder (``"-"`` for stdin).
    doc : Document
        The parsed article; ``doc.text`` has the length of ``text``.
    text : str
        What the Document was parsed from: the file itself for ``.txt`` and ``.md``, the
        extracted main text of an HTML page, the text field of a JSON record.
    kind : str
        ``"text"``, ``"markdown"``, ``"html"`` or ``"record"``.
    record : int or None
        The 1-based record number in a ``.json``/``.jsonl`` file.
    source : str or None
        The HTML source of a page (where its suppression comments are read).
    lines : LineIndex or None
        Line index of the file when ``text`` is not the file itself (HTML, JSON).
    to_source : callable or None
        Maps an offset in ``text`` to an offset in the file.
    """

    path: str
    doc: Document
    text: str
    kind: str = "text"
    record: int | None = None
    source: str | None = field(default=None, repr=False)
    lines: LineIndex | None = field(default=None, repr=False)
    to_source: Callable[[int], int] | None = field(default=None, repr=False)

    @property
    def name(self) -> str:
        """The path, with ``#N`` for record N of a JSON file."""
        return self.path if self.record is None else f"{self.path}#{self.record}"

    def locate(self, offset: int) -> tuple[int, int]:
        """The 1-based (line, column) in the file of an offset in ``text``."""
        if self.to_source is None or self.lines is None:
            return self.doc.line_col(offset)
        return self.lines.line_col(self.to_source(offset))

    def span(self, start: int, end: int) -> tuple[int, int, int, int]:
        """(line, column, end line, end column) of ``text[start:end]`` in the file; the end
        column is that of the character after the span (as in SARIF regions)."""
        line, column = self.locate(start)
        if end <= start:
            return line, column, line, column
        end_line, end_column = self.locate(end - 1)
        return line, column, end_line, end_column + 1

    def located(self, findings: Iterable[Finding]) -> tuple[Finding, ...]:
        """The findings with their line and column in the *file* (see :meth:`locate`)."""
        if self.to_source is None or self.lines is None:
            return tuple(findings)  # the Document's own lines are the file's
        return tuple(
            dataclasses.replace(f, line=line, column=column)
            for f in findings
            for line, column in (self.locate(f.start),)
        )

    def score(self, scorer: Any) -> Report:
        """Score the article with a :class:`~credscore.Scorer`; a text that does not read as
        English raises :class:`~credscore.errors.InputError` naming the article."""
        try:
            return scorer.score_document(self.doc)
        except LanguageError as exc:
            raise InputError(self.name, str(exc)) from None

    def directive_scan(
        self,
    ) -> tuple[str, Callable[[int], tuple[int, int]], Callable[[int], tuple[int, int]]]:
        """Where suppression comments are read: the string (the HTML source of a page, the
        article text otherwise), the file's (line, column) of an offset in it (where a comment
        is reported), and its (line, column) in the lines that comments count (see
        :meth:`comment_place`)."""
        if self.kind == "html" and self.source is not None and self.lines is not None:
            return self.source, self.lines.line_col, self.lines.line_col
        if self.kind == "record":
            return self.text, self.locate, self._text_lines.line_col
        return self.text, self.locate, self.locate

    def comment_place(self, offset: int) -> tuple[int, int]:
        """The (line, column) of an offset in ``text`` in the lines that suppression comments
        count: a JSON record's own text lines (``disable-next-line`` means the record's next
        line, not the file's), the file's lines otherwise."""
        if self.kind == "record":
            return self._text_lines.line_col(offset)
        return self.locate(offset)

    @functools.cached_property
    def _text_lines(self) -> LineIndex:
        return LineIndex(self.text)


def read_articles(
    path: str | Path, *, text_field: str = "text", title_field: str = "title"
) -> list[Article | InputError]:
    """Read a file as articles: one for ``.txt``/``.md``/``.html``, one per JSON record.

    A problem with the whole file raises :class:`~credscore.errors.InputError`; a problem with
    one record of a JSON file is returned in its place, so that the other records are checked.
    """
    path = Path(path)
    text, encoding = read_source(path)
    articles = articles_from_text(
        text, str(path), path.suffix.lower(), text_field=text_field, title_field=title_field
    )
    return _with_encoding(articles, encoding)


def read_stream(
    stream: BinaryIO,
    name: str = "-",
    suffix: str = ".txt",
    *,
    text_field: str = "text",
    title_field: str = "title",
) -> list[Article | InputError]:
    """Read articles from a binary stream (standard input) named ``name``, in the format
    ``suffix`` names, as :func:`read_articles` reads a file; at most
    :data:`~credscore.formats.files.MAX_BYTES` bytes are read, and more is an error."""
    raw = stream.read(MAX_BYTES + 1)  # never more than the limit into memory
    if len(raw) > MAX_BYTES:
        raise InputError(name, f"standard input is over the limit of {MAX_BYTES:,} bytes")
    text, encoding = decode_bytes(raw, name)
    articles = articles_from_text(
        text, name, suffix, text_field=text_field, title_field=title_field
    )
    return _with_encoding(articles, encoding)


def _with_encoding(
    articles: list[Article | InputError], encoding: str
) -> list[Article | InputError]:
    return [
        a
        if isinstance(a, InputError)
        else dataclasses.replace(a, doc=dataclasses.replace(a.doc, encoding=encoding))
        for a in articles
    ]


def articles_from_text(
    text: str,
    name: str,
    suffix: str,
    *,
    text_field: str = "text",
    title_field: str = "title",
) -> list[Article | InputError]:
    """Articles from a file's decoded text, read by the format its ``suffix`` names
    (anything unknown is plain text)."""
    suffix = suffix.lower()
    try:
        if suffix in RECORD_SUFFIXES:
            from credscore.formats.records import read_records

            return read_records(
                text, name, lines=suffix == ".jsonl", text_field=text_field, title_field=title_field
            )
        if suffix in HTML_SUFFIXES:
            from credscore.formats.htmlpage import read_html

            return [read_html(text, name).article(name)]
        if suffix in MARKDOWN_SUFFIXES:
            return [Article(name, Document.from_markdown(text), text, "markdown")]
        from credscore.check.suppress import blank_directives

        # Its suppression comments stay in ``text`` (where they are read) but are not prose.
        return [Article(name, Document.from_text(blank_directives(text)), text, "text")]
    except InputError:
        raise
    except ValueError as exc:
        raise InputError(name, str(exc)) from None
