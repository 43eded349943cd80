"""Writers of a check's result: ``text``, ``json``, ``sarif``, ``github`` and ``html``.

Each module has ``write(result, stream, *, verbose, positive)``. Text, GitHub and SARIF list
the findings that lower credibility (``positive=True`` adds those that raise it); JSON and HTML
always hold every finding, each with its ``effect``.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TextIO

__all__ = ["display_path", "shown_findings", "write"]

_MODULES = {
    "text": "text",
    "json": "jsonreport",
    "sarif": "sarif",
    "github": "github",
    "html": "htmlreport",
}


def write(fmt: str, result, stream: TextIO, *, verbose: bool = False, positive: bool = False):
    """Write ``result`` (a :class:`~credscore.check.run.CheckResult`) in format ``fmt``."""
    module = importlib.import_module(f"credscore.check.output.{_MODULES[fmt]}")
    module.write(result, stream, verbose=verbose, positive=positive)


def display_path(path: str) -> str:
    """A path relative to the working directory (the repository root in CI), with ``/``."""
    if path == "-":
        return path
    from credscore.check.collect import relative_to

    return relative_to(Path(path), Path.cwd())


def shown_findings(article_result, positive: bool) -> list:
    """The findings a line-oriented format lists, in file order."""
    found = article_result.findings if positive else article_result.problems()
    return sorted(found, key=lambda f: (f.line, f.column, f.rule))
