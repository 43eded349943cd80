"""Make untrusted strings safe to print and to encode as UTF-8.

File names and article text are untrusted. A file name that is not valid UTF-8 reaches Python
with each bad byte as a lone surrogate (``surrogateescape``), and a JSON record may hold a lone
surrogate (``"\\ud800"``); neither can be encoded as UTF-8. A name or matched text with a
newline or an ESC sequence would forge output lines or reach the terminal.

- :func:`clean_text` replaces lone surrogates by U+FFFD, one character for one, so that offsets
  into the text stay true (article text, matched text, messages in JSON, SARIF and HTML);
- :func:`safe_name` writes a file name's undecodable bytes as ``\\xNN`` (other lone surrogates
  as ``\\udNNN``), so that ``caf\\xe9.md`` stays distinct from ``caf?.md``;
- :func:`printable` does what :func:`safe_name` does and also escapes control characters, line
  and paragraph separators and bidirectional overrides (``\\n``, ``\\x1b``, ``\\u202e``), for
  line-oriented output read by people and tools (text, GitHub annotations, ``explain``).
"""

from __future__ import annotations

import re

__all__ = ["clean_text", "printable", "safe_name"]

_SURROGATE = re.compile("[\ud800-\udfff]")
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match) -> str:
    char = match.group()
    code = ord(char)
    if char in _SHORT:
        return _SHORT[char]
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not valid UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clean_text(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD (same length)."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def safe_name(name: str) -> str:
    """A file name encodable as UTF-8: undecodable bytes as ``\\xNN``."""
    return _SURROGATE.sub(_escape, name) if _SURROGATE.search(name) else name


def printable(text: str) -> str:
    """``text`` with control characters, separators, bidirectional overrides and lone
    surrogates backslash-escaped: one line, nothing a terminal interprets."""
    return _UNPRINTABLE.sub(_escape, text) if _UNPRINTABLE.search(text) else text
