"""What went wrong when untrusted JSON failed to parse, in a few words.

``json.loads`` raises more than :class:`json.JSONDecodeError` on hostile input: a
:class:`RecursionError` for deep nesting (``[`` x 3,000) and a plain :class:`ValueError` for an
integer longer than :func:`sys.get_int_max_str_digits` (4,300 digits by default). Catch
:data:`JSON_ERRORS` and describe the exception with :func:`json_problem`.
"""

from __future__ import annotations

import json
import sys

__all__ = ["JSON_ERRORS", "json_problem"]

JSON_ERRORS = (ValueError, RecursionError)
"""Every exception ``json.loads`` raises on bad input (``JSONDecodeError`` is a ValueError)."""


def json_problem(exc: Exception, *, line: bool = True) -> str:
    """A short description of why JSON did not parse (``line=False``: the column only)."""
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    if isinstance(exc, json.JSONDecodeError):
        where = f"line {exc.lineno} column {exc.colno}" if line else f"column {exc.colno}"
        return f"{exc.msg} at {where}"
    if "integer string conversion" in str(exc):
        return f"a number has more than {sys.get_int_max_str_digits():,} digits"
    return str(exc)
