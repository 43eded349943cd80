"""JSON input: articles stored as records with a text field.

A ``.jsonl`` file holds one JSON object per line; a ``.json`` file holds one object or a list
of objects. Each object is one article: its ``text`` field (the name is configurable) is
scored, and its ``title`` field, when it is a string, is the headline. Records are numbered
from 1 in file order.

Findings point at the file: the decoder records where each string value starts in the file,
and escapes (``\\n``, ``\\u00e9``, surrogate pairs) are mapped back, so an offset in the text
field becomes the line and column of that character in the ``.json`` file.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Callable
from json.decoder import scanstring
from json.scanner import py_make_scanner

from credscore.document import Document, is_blank
from credscore.errors import InputError
from credscore.formats.article import Article, LineIndex
from credscore.formats.jsonerrors import JSON_ERRORS, json_problem

__all__ = ["missing_field", "read_records"]

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_ESCAPE = re.compile(
    r"\\(?:u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)",
    re.DOTALL,
)


class _Located(str):
    """A decoded JSON string that remembers where its raw characters are in the file."""

    raw_start: int
    raw_end: int


def _decoder() -> json.JSONDecoder:
    decoder = json.JSONDecoder()

    def parse_string(s: str, end: int, strict: bool) -> tuple[str, int]:
        value, stop = scanstring(s, end, strict)
        out = _Located(value)
        out.raw_start, out.raw_end = end, stop - 1
        return out, stop

    decoder.parse_string = parse_string  # type: ignore[attr-defined]
    decoder.scan_once = py_make_scanner(decoder)  # type: ignore[attr-defined]
    return decoder


def _offset_map(value: _Located, raw: str) -> Callable[[int], int]:
    """Map an offset in a decoded string to the offset of its raw character in the file (an
    escaped character maps to its backslash)."""
    start = value.raw_start
    if value.raw_end - start == len(value):
        return lambda i: start + i
    at: list[int] = []  # decoded offset of each escape
    begins: list[int] = []
    ends: list[int] = []
    n, prev = 0, start
    for m in _ESCAPE.finditer(raw, start, value.raw_end):
        n += m.start() - prev
        at.append(n)
        begins.append(m.start())
        ends.append(m.end())
        n += 1
        prev = m.end()

    def to_raw(i: int) -> int:
        k = bisect_right(at, i) - 1
        if k < 0:
            return start + i
        if at[k] == i:
            return begins[k]
        return ends[k] + i - at[k] - 1

    return to_raw


def _record(
    value: object,
    raw: str,
    index: LineIndex,
    name: str,
    number: int,
    where: str,
    text_field: str,
    title_field: str,
) -> Article | InputError:
    label = f"record {number} ({where})"
    if not isinstance(value, dict):
        return InputError(name, f"{label} is a JSON {type(value).__name__}, not an object")
    text = value.get(text_field)
    if text_field not in value:
        return InputError(name, f"{label} has {missing_field(value, text_field)}")
    if not isinstance(text, str):
        found = "null" if text is None else f"a JSON {type(text).__name__}"
        return InputError(name, f"{label} needs a string field {text_field!r} (it is {found})")
    if is_blank(text):
        return InputError(name, f"{label}: the {text_field!r} field is empty; nothing to score")
    title = value.get(title_field)
    try:
        doc = Document.from_text(text, title=title if isinstance(title, str) else None)
    except ValueError as exc:
        return InputError(name, f"{label}: {exc}")
    to_source = _offset_map(text, raw) if isinstance(text, _Located) else None
    return Article(name, doc, text, "record", record=number, lines=index, to_source=to_source)


def read_records(
    raw: str,
    name: str,
    *,
    lines: bool,
    text_field: str = "text",
    title_field: str = "title",
) -> list[Article | InputError]:
    """Articles from the text of a ``.json`` (``lines=False``) or ``.jsonl`` file.

    A file that is not JSON at all raises :class:`~credscore.errors.InputError`; a bad record
    is returned as an ``InputError`` in its place so that the others are still checked.
    """
    decoder = _decoder()
    index = LineIndex(raw)
    out: list[Article | InputError] = []
    if not lines:
        try:
            value, end = decoder.raw_decode(raw, len(raw) - len(raw.lstrip()))
        except JSON_ERRORS as exc:
            raise InputError(name, f"is not valid JSON ({json_problem(exc)})") from None
        if raw[end:].strip():
            line = index.line_col(end)[0]
            raise InputError(name, f"is not valid JSON (extra data after line {line})")
        items = value if isinstance(value, list) else [value]
        for number, item in enumerate(items, 1):
            where = f"line {_line_of(item, index)}"
            out.append(_record(item, raw, index, name, number, where, text_field, title_field))
        if not out:
            raise InputError(name, "holds an empty list; nothing to score")
        return out
    number = 0
    for line_no, m in enumerate(_LINE.finditer(raw), 1):
        if m.start() == m.end():
            break
        chunk = m.group()
        if not chunk.strip():
            continue
        number += 1
        start = m.start() + len(chunk) - len(chunk.lstrip())
        try:
            value, end = decoder.raw_decode(raw, start)
            if end > m.end():
                raise json.JSONDecodeError("a record must end on its own line", raw, m.end())
            if raw[end : m.end()].strip():
                raise json.JSONDecodeError("extra data after the object", raw, end)
        except JSON_ERRORS as exc:
            out.append(InputError(name, f"line {line_no} is not valid JSON ({json_problem(exc)})"))
            continue
        where = f"line {line_no}"
        out.append(_record(value, raw, index, name, number, where, text_field, title_field))
    if not out:
        raise InputError(name, "holds no records; nothing to score")
    return out


def missing_field(record: dict, text_field: str) -> str:
    """Say that ``record`` has no ``text_field``, which fields it has, and which to name with
    ``--text-field``: "no 'text' field (its fields: 'id', 'body'; give the article's field
    with --text-field, e.g. --text-field body)"."""
    if not record:
        return f"no {text_field!r} field (it is an empty object)"
    names = list(record)
    shown = ", ".join(repr(n if len(n) <= 40 else n[:39] + "…") for n in names[:10])
    if len(names) > 10:
        shown += f" and {len(names) - 10} more"
    # The longest string of a few words or more is most likely the article.
    texts = [(len(v), k) for k, v in record.items() if isinstance(v, str) and v.count(" ") >= 4]
    example = f", e.g. --text-field {max(texts)[1]}" if texts else ""
    return (
        f"no {text_field!r} field (its fields: {shown}; give the article's field with "
        f"--text-field{example})"
    )


def _line_of(item: object, index: LineIndex) -> int:
    """The line of a record: that of its first string value, else 1."""
    if isinstance(item, dict):
        for value in item.values():
            if isinstance(value, _Located):
                return index.line_col(value.raw_start)[0]
    return 1
