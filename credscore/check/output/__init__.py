"""Writers of a check's result: ``text``, ``json``, ``sarif``, ``github`` and ``html``.

Each module has ``render(result, *, verbose, positive) -> str``: the whole report is built
before anything is written, so that an error never leaves half a document. Text, GitHub and
SARIF list the findings that lower credibility (``positive=True`` adds those that raise it,
after them); JSON and HTML always hold every finding, each with its ``effect``. Every writer
escapes what it takes from file names and article text (:mod:`credscore.printable`), so its
output always encodes as UTF-8.
"""

from __future__ import annotations

import importlib
import os
import stat
from pathlib import Path

from credscore.printable import clean_text

__all__ = [
    "SCORE_RULE",
    "UTF8_FORMATS",
    "display_path",
    "render",
    "save",
    "shown_findings",
]

SCORE_RULE = "credscore.score-below-threshold"
"""The rule id of a file-level result for an article whose score is below ``fail-under``
(SARIF and GitHub formats), so that a score-only failure shows where the findings show."""

_MODULES = {
    "text": "text",
    "json": "jsonreport",
    "sarif": "sarif",
    "github": "github",
    "html": "htmlreport",
}
UTF8_FORMATS = frozenset({"json", "sarif", "html"})
"""Formats that are UTF-8 documents whatever the terminal's encoding."""


def render(fmt: str, result, *, verbose: bool = False, positive: bool = False) -> str:
    """``result`` (a :class:`~credscore.check.run.CheckResult`) in format ``fmt``, whole."""
    module = importlib.import_module(f"credscore.check.output.{_MODULES[fmt]}")
    # Each writer escapes names and text itself; this catches any lone surrogate left in a
    # string it did not expect to carry one (an error message, a record id).
    return clean_text(module.render(result, verbose=verbose, positive=positive))


def save(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to the file ``path`` whole or not at all: into a temporary file beside
    it, then renamed over it (a symlink is followed; a device or pipe such as ``/dev/stdout``
    is written directly). A new file gets the permissions the umask gives; an existing file
    keeps its own. Raises OSError."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        with open(path, "wb") as stream:
            stream.write(data)
        return
    target = Path(os.path.realpath(path))
    if mode is None:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    import tempfile  # (not on the path of every cold start)

    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, stat.S_IMODE(mode))
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def display_path(path: str) -> str:
    """A path relative to the working directory (the repository root in CI), with ``/``."""
    if path == "-":
        return path
    from credscore.check.collect import relative_to

    return relative_to(Path(path), Path.cwd())


def shown_findings(article_result, positive: bool) -> list:
    """The findings a line-oriented format lists: those that lower credibility in file order,
    then (``positive``) those that raise it."""
    found = article_result.findings if positive else article_result.problems()
    return sorted(found, key=lambda f: (not f.is_problem, f.line, f.column, f.rule))
