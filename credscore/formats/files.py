"""Read an article file into a Document, with clear errors for input that cannot be scored."""

from __future__ import annotations

from pathlib import Path

from credscore.document import MAX_CHARS, Document
from credscore.errors import InputError

__all__ = ["read_document", "MARKDOWN_SUFFIXES", "TEXT_SUFFIXES", "SUFFIXES"]

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
TEXT_SUFFIXES = frozenset({".txt", ".text"})
SUFFIXES = MARKDOWN_SUFFIXES | TEXT_SUFFIXES
MAX_BYTES = 4 * MAX_CHARS
"""Files larger than this are refused before being read."""


def read_document(path: str | Path) -> Document:
    """Read a ``.txt`` or ``.md`` file as a Document (Markdown is masked, lines kept).

    Raises :class:`~credscore.errors.InputError` naming the file when it is missing, a
    directory, too large, binary, not UTF-8, or empty.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise InputError(str(path), "is a directory")
        if size > MAX_BYTES:
            raise InputError(str(path), f"file is {size:,} bytes; the limit is {MAX_BYTES:,}")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except PermissionError:
        raise InputError(str(path), "permission denied") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({exc.strerror})") from None
    if b"\0" in raw[:8192]:
        raise InputError(str(path), "looks like a binary file (it holds NUL bytes); not scored")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            str(path), f"is not valid UTF-8 (byte {exc.start}: {raw[exc.start]:#04x})"
        ) from None
    if not text.strip():
        raise InputError(str(path), "is empty; nothing to score")
    try:
        if path.suffix.lower() in MARKDOWN_SUFFIXES:
            return Document.from_markdown(text)
        return Document.from_text(text)
    except ValueError as exc:
        raise InputError(str(path), str(exc)) from None
