"""Read an article file into a Document, with clear errors for input that cannot be scored.

Limits
    A file larger than :data:`MAX_BYTES` (4 bytes per character of the text limit,
    ``4 * MAX_CHARS`` = 20,000,000 by default) is refused before it is read, and a decoded text
    longer than :data:`~credscore.document.MAX_CHARS` characters before it is parsed; pass
    ``max_chars`` to change both.

Decoding (the choice is recorded in ``Document.encoding`` and in the report)
    1. A byte-order mark decides: UTF-8 (``"utf-8-sig"``), UTF-16 (``"utf-16"``) or UTF-32
       (``"utf-32"``); a file that starts with a mark but does not decode is an error.
    2. Otherwise strict UTF-8 (``"utf-8"``).
    3. Otherwise, when the file holds more valid UTF-8 multi-byte characters than invalid
       bytes (UTF-8 with a few stray bytes, say a pasted Windows quote), UTF-8 with each
       invalid byte replaced by U+FFFD (``"utf-8-replace"``).
    4. Otherwise Windows-1252 (``"cp1252"``), the usual encoding of English text saved by
       older Windows programs, or ISO-8859-1 (``"latin-1"``) when a byte is undefined in
       Windows-1252. If more than 30% of the decoded characters are then non-ASCII, the file
       is in some other encoding (or binary) and is refused rather than scored as gibberish.

    The fallback is fixed rather than guessed from byte statistics, so the same file is read
    the same way on every machine.

Files that are not text
    A PDF, an Office document (.docx, .xlsx, .pptx, .odt, ... and the older .doc, .xls, .ppt),
    an archive (zip, gzip, ...), an image (PNG, JPEG, GIF, WebP, ...) or another known binary
    format is recognised by its first bytes and refused as what it is (see
    :func:`credscore.formats.magic.file_kind`).

Binary files
    A file holding a NUL byte (outside UTF-16/32) or in which more than 2% of the characters
    are control characters (other than tab, line breaks and form feed) is refused as binary.

Empty files
    A file of zero bytes, or of whitespace only, is refused as empty.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from credscore.document import MAX_CHARS, Document, is_blank
from credscore.errors import InputError
from credscore.formats.magic import file_kind
from credscore.formats.regular import NotRegularFile, open_regular

__all__ = [
    "HTML_SUFFIXES",
    "MARKDOWN_SUFFIXES",
    "MAX_BYTES",
    "RECORD_SUFFIXES",
    "SUFFIXES",
    "TEXT_SUFFIXES",
    "decode_bytes",
    "decode_text",
    "read_document",
    "read_source",
    "searched",
]

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
RECORD_SUFFIXES = frozenset({".json", ".jsonl"})
"""JSON files of records with a text field (read with :mod:`credscore.formats.records`)."""
SUFFIXES = MARKDOWN_SUFFIXES | TEXT_SUFFIXES | HTML_SUFFIXES
"""Suffixes of the article files searched for in folders."""
MAX_BYTES = 4 * MAX_CHARS
"""Files larger than this are refused before being read."""


def searched() -> str:
    """The files looked for in folders, for messages: ``".htm, .html, ... and .txt files"``."""
    names = sorted(SUFFIXES)
    return f"{', '.join(names[:-1])} and {names[-1]} files"

# Byte-order marks, longest first (the UTF-32-LE mark starts with the UTF-16-LE one).
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# Control characters that do not occur in text: C0 except tab, LF, VT, FF, CR; DEL; C1.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_CONTROL_SHARE = 0.02
_CONTROL_MIN = 8  # a few stray control characters (a DOS end-of-file mark) are not binary
_NON_ASCII = re.compile("[^\x00-\x7f]")
_FALLBACK_NON_ASCII_SHARE = 0.30


def _limit_bytes(max_chars: int | None) -> int:
    return MAX_BYTES if max_chars is None else 4 * max_chars


def read_source(path: str | Path, *, max_chars: int | None = None) -> tuple[str, str]:
    """Read and decode a text file: ``(text, encoding)`` (see the module docstring).

    Raises :class:`~credscore.errors.InputError` naming the file when it is missing, a
    directory, too large, binary, in an encoding that cannot be read, or empty.
    """
    path = Path(path)
    limit = _limit_bytes(max_chars)
    try:
        handle, size = open_regular(path)  # a FIFO or a device is refused, not read
        with handle:
            if size > limit:
                raise InputError(str(path), f"file is {size:,} bytes; the limit is {limit:,}")
            raw = handle.read(limit + 1)  # the file may have grown since stat()
    except NotRegularFile as exc:
        raise InputError(str(path), f"is {exc.kind}, not a regular file") from None
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except PermissionError:
        raise InputError(str(path), "permission denied") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({exc.strerror or exc})") from None
    return decode_bytes(raw, str(path), max_chars=max_chars)


def decode_bytes(raw: bytes, name: str, *, max_chars: int | None = None) -> tuple[str, str]:
    """Decode the bytes of a file (or standard input) named ``name``: ``(text, encoding)``.

    ``encoding`` is ``"utf-8"``, ``"utf-8-sig"``, ``"utf-16"``, ``"utf-32"``,
    ``"utf-8-replace"``, ``"cp1252"`` or ``"latin-1"`` (see the module docstring for the
    order). Raises :class:`~credscore.errors.InputError` for a PDF, Office document, archive or
    image (named), binary, undecodable, oversized and empty input.
    """
    limit = _limit_bytes(max_chars)
    if len(raw) > limit:
        raise InputError(name, f"input is {len(raw):,} bytes; the limit is {limit:,}")
    if not raw:
        raise InputError(name, "is empty (0 bytes); nothing to score")
    kind = file_kind(raw)
    if kind is not None:
        raise InputError(name, f"is {kind}, not text; credscore reads text, Markdown and HTML")
    text, encoding, first_bad = _decode(raw, name)
    controls = _CONTROL.subn("", text)[1]
    if controls >= _CONTROL_MIN and controls > _CONTROL_SHARE * len(text):
        raise InputError(
            name,
            f"looks like a binary file ({controls:,} of {len(text):,} characters are control "
            "characters); not scored",
        )
    if encoding in ("cp1252", "latin-1"):
        non_ascii = _NON_ASCII.subn("", text)[1]
        if non_ascii > _FALLBACK_NON_ASCII_SHARE * len(text):
            raise InputError(
                name,
                f"is not valid UTF-8 (byte {first_bad:,}: {raw[first_bad]:#04x}) and does not "
                f"read as Windows-1252 text either ({non_ascii:,} of {len(text):,} characters "
                "would be non-ASCII); save it as UTF-8",
            )
    if is_blank(text):
        what = (
            "nothing after the byte-order mark"
            if not text
            else "whitespace only"
            if not text.strip()
            else "only invisible characters: zero-width, format or combining marks"
        )
        raise InputError(name, f"is empty ({what}); nothing to score")
    return text, encoding


def decode_text(raw: bytes, name: str, *, max_chars: int | None = None) -> str:
    """Decode the bytes of a file (or standard input) as a str (see :func:`decode_bytes`)."""
    return decode_bytes(raw, name, max_chars=max_chars)[0]


def _decode(raw: bytes, name: str) -> tuple[str, str, int]:
    """(text, encoding, offset of the first byte that is not UTF-8 or -1)."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding), encoding, -1
            except UnicodeDecodeError as exc:
                label = encoding.upper().removesuffix("-SIG")
                raise InputError(
                    name,
                    f"starts with a {label} byte-order mark but is not valid {label} "
                    f"(byte {exc.start})",
                ) from None
    nul = raw.find(b"\0")
    if nul >= 0:
        raise InputError(name, f"looks like a binary file (a NUL byte at byte {nul:,}); not scored")
    try:
        return raw.decode("utf-8"), "utf-8", -1
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    lossy = raw.decode("utf-8", errors="replace")
    replaced = lossy.count("\ufffd") - raw.count(b"\xef\xbf\xbd")
    if _NON_ASCII.subn("", lossy)[1] - replaced > replaced:
        return lossy, "utf-8-replace", first_bad
    try:
        return raw.decode("cp1252"), "cp1252", first_bad
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "latin-1", first_bad


def read_document(path: str | Path, *, max_chars: int | None = None) -> Document:
    """Read a ``.txt``, ``.md`` or ``.html`` file as a Document.

    Markdown is masked with its lines kept; the main text of an HTML page is extracted (this
    needs the ``html`` extra). ``Document.encoding`` records how the file was decoded.
    Raises :class:`~credscore.errors.InputError` naming the file when it is missing, a
    directory, too large, binary, in an encoding that cannot be read, or empty, and for
    ``.json``/``.jsonl`` files of records (see :mod:`credscore.formats.records`).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in RECORD_SUFFIXES:
        raise InputError(
            str(path),
            "is a file of JSON records, not one article: read it with "
            "credscore.formats.article.read_articles, or use `credscore score FILE`",
        )
    text, encoding = read_source(path, max_chars=max_chars)
    try:
        if suffix in MARKDOWN_SUFFIXES:
            doc = Document.from_markdown(text, max_chars=max_chars)
        elif suffix in HTML_SUFFIXES:
            from credscore.formats.htmlpage import read_html

            doc = read_html(text, str(path)).document()
        else:
            doc = Document.from_text(text, max_chars=max_chars)
    except ValueError as exc:
        if isinstance(exc, InputError):
            raise
        raise InputError(str(path), str(exc)) from None
    return _with_encoding(doc, encoding)


def _with_encoding(doc: Document, encoding: str) -> Document:
    return dataclasses.replace(doc, encoding=encoding)
