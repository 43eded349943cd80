"""Find the article files to read: files named on the command line and files under folders.

Folders are searched recursively, in sorted order, skipping hidden folders, virtual
environments and ``node_modules``. Globs (``include``/``exclude``) are matched against the path
relative to a root folder (the configuration file's): a pattern without ``/`` matches a file or
folder name anywhere (``drafts``, ``*.txt``); a pattern with ``/`` matches from the root, and
``**`` spans folders (``content/drafts/**``, ``**/README.md``). An excluded folder is not
searched, and an excluded file is skipped even when named on the command line (so that
pre-commit, which names files, honours ``exclude``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Sequence
from fnmatch import fnmatchcase
from pathlib import Path

__all__ = ["SKIPPED_DIRS", "GlobSet", "iter_files", "relative_to"]

SKIPPED_DIRS = frozenset({"node_modules", "venv", "site-packages", "__pycache__"})


class GlobSet:
    """A set of path globs (see the module docstring for the syntax)."""

    def __init__(self, patterns: Iterable[str]) -> None:
        self.patterns = tuple(patterns)
        self._names = [p.rstrip("/") for p in self.patterns if "/" not in p.rstrip("/")]
        anchored = [_translate(p.strip("/")) for p in self.patterns if "/" in p.rstrip("/")]
        self._anchored = re.compile("|".join(anchored)) if anchored else None

    def __bool__(self) -> bool:
        return bool(self.patterns)

    def match(self, rel_path: str) -> bool:
        """Whether a ``/``-separated relative path, or a folder above it, matches."""
        parts = [p for p in rel_path.split("/") if p not in ("", ".")]
        if any(fnmatchcase(part, pat) for part in parts for pat in self._names):
            return True
        if self._anchored is None:
            return False
        return any(self._anchored.fullmatch("/".join(parts[:i])) for i in range(len(parts), 0, -1))


def _translate(pattern: str) -> str:
    """A glob as a regex over ``/``-separated paths (``**`` spans folders)."""
    out = []
    i, n = 0, len(pattern)
    while i < n:
        if pattern.startswith("**/", i):
            out.append("(?:[^/]+/)*")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return "(?:" + "".join(out) + ")"


def relative_to(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` with ``/`` separators (as given when outside it)."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def iter_files(
    paths: Sequence[str | Path],
    *,
    suffixes: Iterable[str] | None = None,
    include: GlobSet | None = None,
    exclude: GlobSet | None = None,
    root: Path | None = None,
) -> Iterator[Path]:
    """Files named in ``paths``, and the article files found under the folders among them.

    Found files are kept when their suffix is in ``suffixes`` (default: the readable article
    formats), or, when ``include`` is given, when they match it. ``exclude`` drops files and
    folders, named or found. A named path that does not exist is yielded as is (reading it
    reports the error).
    """
    if suffixes is None:
        from credscore.formats.files import SUFFIXES

        suffixes = SUFFIXES
    wanted = frozenset(s.lower() for s in suffixes)
    root = root or Path.cwd()

    def excluded(path: Path) -> bool:
        return bool(exclude) and exclude.match(relative_to(path, root))

    def keep(path: Path) -> bool:
        if include:
            return include.match(relative_to(path, root))
        return path.suffix.lower() in wanted

    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            if not excluded(path):
                yield path
            continue
        if excluded(path):
            continue
        found = []
        for folder, subdirs, names in os.walk(path):
            subdirs[:] = sorted(
                d
                for d in subdirs
                if not d.startswith(".") and d not in SKIPPED_DIRS and not excluded(Path(folder, d))
            )
            for name in names:
                file = Path(folder, name)
                if keep(file) and not excluded(file):
                    found.append(file)
        yield from sorted(found)
