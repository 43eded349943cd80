"""Find the article files to read: files named on the command line and files under folders.

Folders are searched recursively in sorted order. Inside a searched folder these are passed
over (each is listed, with the reason, by ``check -v``):

- hidden files and folders (``.git``, ``.tox``, ``.venv``, ``.draft.md``);
- build and packaging folders (:data:`SKIPPED_DIRS`, ``*.egg-info``) and any folder holding a
  ``pyvenv.cfg`` (a virtual environment);
- what ``.gitignore`` and ``.ignore`` files ignore (git's syntax and precedence: a deeper file
  wins, ``.ignore`` wins over ``.gitignore`` in the same folder, the last matching line
  decides), read in the searched folders, in the folders above them up to the root of the git
  repository, and from its ``.git/info/exclude``; ``respect-gitignore = false`` turns this off;
- files that are not articles although they have an article suffix (:func:`non_article`):
  licences, changelogs, requirement lists, packaging metadata;
- what ``exclude`` matches.

Found files are kept when their suffix is an article format (``.md``, ``.markdown``, ``.txt``,
``.text``, ``.html``, ``.htm``) or, when ``include`` is given, when ``include`` matches them.
A path named on the command line is read whatever its name, unless ``exclude`` matches it (so
that pre-commit, which names files, honours ``exclude``). Globs (``include``, ``exclude``,
``files`` of overrides) use ``.gitignore`` syntax (:mod:`credscore.check.globs`) relative to
the configuration file's folder.

Collection never opens a file but an ignore file: a FIFO, socket or device, a broken symbolic
link or a symbolic-link loop with an article suffix, and a folder that cannot be listed are
input errors that name what they are. Symbolic links to folders are not followed.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from credscore.check.globs import GlobSet

__all__ = ["SKIPPED_DIRS", "Found", "iter_files", "non_article", "relative_to", "walk"]

SKIPPED_DIRS = frozenset(
    {
        "__pycache__",
        "__pypackages__",
        "_build",
        "buck-out",
        "build",
        "dist",
        "node_modules",
        "site-packages",
        "venv",
    }
)
"""Build, packaging and dependency folders passed over in a search (``*.egg-info`` too)."""

IGNORE_FILES = (".gitignore", ".ignore")  # in rising precedence
_NON_ARTICLE_NAMES = frozenset(
    {
        "authors",
        "changelog",
        "changes",
        "code_of_conduct",
        "codeowners",
        "contributing",
        "contributors",
        "copying",
        "dependency_links",
        "entry_points",
        "history",
        "namespace_packages",
        "news",
        "not-zip-safe",
        "notice",
        "robots",
        "security",
        "sources",
        "top_level",
    }
)
_NON_ARTICLE_PREFIXES = ("license", "licence", "requirements", "constraints")
_MAX_IGNORE_BYTES = 1_000_000


@dataclass(frozen=True)
class Found:
    """One path met by the search: ``action`` is ``"check"`` (read it), ``"skip"`` (passed
    over, ``reason`` says why), ``"error"`` (cannot be read: an input error) or ``"warn"``
    (an ignore file line that is not a pattern)."""

    path: Path
    action: str
    reason: str = ""


def non_article(name: str) -> bool:
    """Whether a file name is a well-known project file rather than an article
    (``LICENSE.txt``, ``CHANGELOG.md``, ``requirements-dev.txt``, ``top_level.txt``)."""
    stem = name.lower().partition(".")[0]
    return stem in _NON_ARTICLE_NAMES or stem.startswith(_NON_ARTICLE_PREFIXES)


def relative_to(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` with ``/`` separators (as given when outside it).

    Symbolic links are resolved where they can be; a loop is left as written (never raises).
    """
    try:
        rel = os.path.relpath(os.path.realpath(path), os.path.realpath(root))
    except ValueError:  # another drive
        return path.as_posix()
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return path.as_posix()
    return Path(rel).as_posix()


@dataclass(frozen=True)
class _IgnoreFile:
    """The patterns of one ignore file; a path's parts below the search root are matched as
    ``prefix + parts[depth:]``."""

    globs: GlobSet
    prefix: tuple[str, ...]
    depth: int


def walk(
    paths: Sequence[str | Path],
    *,
    suffixes: Sequence[str] | None = None,
    include: GlobSet | None = None,
    exclude: GlobSet | None = None,
    root: Path | None = None,
    respect_ignore_files: bool = True,
) -> Iterator[Found]:
    """Every path met while collecting ``paths`` (see the module docstring), in order."""
    if suffixes is None:
        from credscore.formats.files import SUFFIXES

        suffixes = tuple(SUFFIXES)
    wanted = frozenset(s.lower() for s in suffixes)
    root = root or Path.cwd()
    for raw in paths:
        path = Path(raw)
        rel = relative_to(path, root)
        try:
            info = os.stat(path)
        except OSError as exc:
            yield _unreadable(path, exc)
            continue
        hit = _last_hit(exclude, rel, stat.S_ISDIR(info.st_mode))
        if hit is not None:
            yield Found(path, "skip", f"excluded by {hit}")
        elif stat.S_ISDIR(info.st_mode):
            yield from _search(path, rel, wanted, include, exclude, respect_ignore_files)
        elif stat.S_ISREG(info.st_mode):
            yield Found(path, "check")
        else:
            yield Found(path, "error", f"is {_kind(info.st_mode)}, not a regular file")


def iter_files(paths: Sequence[str | Path], **options) -> Iterator[Path]:
    """The files :func:`walk` would read, and the paths it cannot (so that reading them
    reports the problem)."""
    for found in walk(paths, **options):
        if found.action == "check" or (found.action == "error" and not found.path.is_dir()):
            yield found.path


def _search(
    top: Path,
    top_rel: str,
    wanted: frozenset[str],
    include: GlobSet | None,
    exclude: GlobSet | None,
    respect_ignore_files: bool,
) -> Iterator[Found]:
    base = () if top_rel in (".", "") else tuple(top_rel.split("/"))
    ignores = _ancestor_ignore_files(top) if respect_ignore_files else ()
    stack: list[tuple[str, tuple[str, ...], tuple[_IgnoreFile, ...]]] = [(str(top), (), ignores)]
    while stack:
        folder, parts, ignores = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            yield Found(Path(folder), "error", f"cannot list this folder ({_why(exc)})")
            continue
        if respect_ignore_files:
            present = {e.name for e in entries if e.name in IGNORE_FILES}
            for name in IGNORE_FILES if present else ():
                path = Path(folder, name)
                loaded, problems = _read_ignore_file(path, len(parts))
                yield from (Found(path, "warn", p) for p in problems)
                if loaded is not None:
                    ignores = (*ignores, loaded)
        below: list[tuple[str, tuple[str, ...], tuple[_IgnoreFile, ...]]] = []
        for entry in entries:
            child_parts = (*parts, entry.name)
            found = _classify(entry, child_parts, base, wanted, include, exclude, ignores)
            if found is None:
                below.append((entry.path, child_parts, ignores))
            elif found is not _NOT_ARTICLE:
                yield found
        stack.extend(reversed(below))


_NOT_ARTICLE = Found(Path(), "")  # a file that is no candidate (not reported)


def _classify(
    entry: os.DirEntry,
    parts: tuple[str, ...],
    base: tuple[str, ...],
    wanted: frozenset[str],
    include: GlobSet | None,
    exclude: GlobSet | None,
    ignores: tuple[_IgnoreFile, ...],
) -> Found | None:
    """What to do with one folder entry: None to search it (a folder), a Found otherwise
    (:data:`_NOT_ARTICLE` for a file that is no candidate)."""
    name = entry.name
    try:
        is_dir = entry.is_dir()
    except OSError:
        is_dir = False
    if is_dir:
        if entry.is_symlink():
            return Found(Path(entry.path), "skip", "symbolic link to a folder (not followed)")
        reason = _skipped_folder(entry.path, name)
        if reason is None:
            reason = _ignored(ignores, parts, True)
        if reason is None and exclude:
            hit = _last_hit(exclude, "/".join((*base, *parts)), True)
            reason = f"excluded by {hit}" if hit is not None else None
        return Found(Path(entry.path), "skip", reason) if reason else None
    rel = "/".join((*base, *parts))
    if include:
        if not include.match(rel):
            return _NOT_ARTICLE
    elif os.path.splitext(name)[1].lower() not in wanted:
        return _NOT_ARTICLE
    reason = "hidden file" if name.startswith(".") else _ignored(ignores, parts, False)
    if reason is None and not include and non_article(name):
        reason = "project file, not an article"
    if reason is None and exclude:
        hit = _last_hit(exclude, rel, False)
        reason = f"excluded by {hit}" if hit is not None else None
    path = Path(entry.path)
    if reason:
        return Found(path, "skip", reason)
    try:
        if entry.is_file():  # the folder listing's file type; no system call for most files
            return Found(path, "check")
        info = entry.stat()  # follows a symbolic link; never opens the file
    except OSError as exc:
        return _unreadable(path, exc)
    if not stat.S_ISREG(info.st_mode):
        return Found(path, "error", f"is {_kind(info.st_mode)}, not a regular file")
    return Found(path, "check")


def _skipped_folder(path: str, name: str) -> str | None:
    if name.startswith("."):
        return "hidden folder"
    if name in SKIPPED_DIRS or name.endswith(".egg-info"):
        return "build or packaging folder"
    if os.path.isfile(os.path.join(path, "pyvenv.cfg")):
        return "virtual environment"
    return None


def _ignored(ignores: Sequence[_IgnoreFile], parts: tuple[str, ...], is_dir: bool) -> str | None:
    """The ignore-file line that ignores a path (the deepest file with a match decides)."""
    for ignore in reversed(ignores):
        hit = ignore.globs.decide((*ignore.prefix, *parts[ignore.depth :]), is_dir)
        if hit is not None:
            return None if hit.negated else f"ignored by {hit.source} ({hit.pattern.strip()})"
    return None


def _last_hit(globs: GlobSet | None, rel: str, is_dir: bool) -> str | None:
    """The exclude pattern that matches ``rel`` or a folder above it, described."""
    hit = globs.matching(rel, is_dir=is_dir) if globs else None
    return None if hit is None else f"exclude pattern {hit.pattern!r}"


def _ancestor_ignore_files(top: Path) -> tuple[_IgnoreFile, ...]:
    """The ignore files of the folders above ``top`` up to its git repository's root, and
    the repository's ``.git/info/exclude`` (none when ``top`` is not in a repository)."""
    real = Path(os.path.realpath(top))
    chain = [real, *real.parents]
    git_root = next((i for i, folder in enumerate(chain) if (folder / ".git").exists()), None)
    if git_root is None:
        return ()
    out: list[_IgnoreFile] = []
    repo = chain[git_root]
    exclude_file = repo / ".git" / "info" / "exclude"
    loaded, _ = _read_ignore_file(exclude_file, 0, real.relative_to(repo).parts)
    if loaded is not None:
        out.append(loaded)
    for folder in reversed(chain[1 : git_root + 1]):
        prefix = real.relative_to(folder).parts
        for name in IGNORE_FILES:
            loaded, _ = _read_ignore_file(folder / name, 0, prefix)
            if loaded is not None:
                out.append(loaded)
    return tuple(out)


def _read_ignore_file(
    path: Path, depth: int, prefix: tuple[str, ...] = ()
) -> tuple[_IgnoreFile | None, list[str]]:
    """An ignore file's patterns (None when there is none), and its lines that are not
    patterns. Only a regular file of at most 1 MB is read."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            return None, []
        if info.st_size > _MAX_IGNORE_BYTES:
            return None, [f"{path}: over {_MAX_IGNORE_BYTES:,} bytes; not read"]
        with open(path, "rb") as handle:
            text = handle.read(_MAX_IGNORE_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return None, []
    lines = [line.removesuffix("\r") for line in text.split("\n")]  # git's line ends only
    globs, problems = GlobSet.from_lines(lines, str(path))
    return (_IgnoreFile(globs, prefix, depth) if globs else None), problems


def _unreadable(path: Path, exc: OSError) -> Found:
    """A named or found path whose ``stat`` failed."""
    if os.path.islink(path):
        if exc.errno == errno.ELOOP:
            return Found(path, "error", "is a symbolic link loop")
        if isinstance(exc, FileNotFoundError):
            return Found(path, "error", "is a broken symbolic link (its target does not exist)")
    if isinstance(exc, FileNotFoundError):
        return Found(path, "check")  # reading it says "no such file"
    return Found(path, "error", f"cannot read ({_why(exc)})")


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    return "a special file"


def _why(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()
