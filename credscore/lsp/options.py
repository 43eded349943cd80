"""The editor-side settings of ``credscore lsp``.

They come as ``initializationOptions``, in ``workspace/didChangeConfiguration``, or from
``workspace/configuration`` (section ``credscore``); either the settings object itself or one
holding it under ``"credscore"``. What decides pass or fail stays in the project's
configuration file, as for ``credscore check``.

=================== ======= ============================================================
key                 default
=================== ======= ============================================================
``showPositive``    false   findings that raise credibility, as hints
``scoreDiagnostic`` true    the score as an information diagnostic on the first line
                            (for editors without code lenses)
``debounceMs``      300     milliseconds of quiet after a change before it is checked
``rulesUrl``        (none)  link of each diagnostic's code, ``{rule}`` replaced by the
                            rule id (default: the installed ``credscore/RULES.md``)
=================== ======= ============================================================
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

__all__ = ["KEYS", "Options", "parse_options"]

KEYS = ("showPositive", "scoreDiagnostic", "debounceMs", "rulesUrl")
_MAX_DEBOUNCE_MS = 10_000


@dataclass(frozen=True)
class Options:
    """Settings in effect (see the module docstring)."""

    show_positive: bool = False
    score_diagnostic: bool = True
    debounce_ms: int = 300
    rules_url: str | None = None


def parse_options(value: Any) -> tuple[Options | None, list[str]]:
    """Settings from a client's value, and a problem for each key that could not be used
    (the default is kept for it). None when the value holds nothing for credscore (no
    ``credscore`` section and none of its keys: another tool's settings)."""
    if isinstance(value, dict) and isinstance(value.get("credscore"), dict):
        value = value["credscore"]
    elif not isinstance(value, dict) or not any(k in value for k in KEYS):
        return None, []
    options, problems = Options(), []
    for key, item in value.items():
        if key in ("showPositive", "scoreDiagnostic"):
            if isinstance(item, bool):
                name = "show_positive" if key == "showPositive" else "score_diagnostic"
                options = replace(options, **{name: item})
            else:
                problems.append(f"setting {key!r} must be true or false, not {item!r}")
        elif key == "debounceMs":
            if (
                isinstance(item, int)
                and not isinstance(item, bool)
                and 0 <= item <= _MAX_DEBOUNCE_MS
            ):
                options = replace(options, debounce_ms=item)
            else:
                problems.append(
                    f"setting 'debounceMs' must be a whole number from 0 to "
                    f"{_MAX_DEBOUNCE_MS:,}, not {item!r}"
                )
        elif key == "rulesUrl":
            if item is None or (isinstance(item, str) and "{rule}" in item):
                options = replace(options, rules_url=item)
            else:
                problems.append(
                    f"setting 'rulesUrl' must be a string holding {{rule}}, not {item!r}"
                )
        else:
            problems.append(f"unknown setting {key!r} (known: {', '.join(KEYS)})")
    return options, problems
