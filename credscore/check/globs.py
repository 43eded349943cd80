"""Path globs in ``.gitignore`` syntax, matched in time linear in the path for a given pattern.

Syntax (that of git): ``*`` matches any run of characters but ``/``, ``?`` one character but
``/``, ``[abc]``, ``[a-z]`` and ``[!a]`` (or ``[^a]``) one character of a set; a backslash
makes the next character literal. A segment that is exactly ``**`` matches any number of
folders: ``**/README.md`` anywhere, ``drafts/**`` everything inside ``drafts``, ``a/**/b``
zero or more folders between. A pattern with a ``/`` before its end is anchored at its base
folder; one without matches a name at any depth. A trailing ``/`` matches folders only, and a
leading ``!`` re-includes what an earlier pattern matched (the last matching pattern decides;
nothing inside an excluded folder can be re-included).

No pattern is turned into a backtracking regular expression: a segment is split at its ``*``
into pieces of fixed length, each found leftmost (a piece is a regular expression without
repetition, so finding it costs at most its length at each position), and ``**`` segments
are placed the same way over the path's folders. Git's own ``wildmatch`` backtracks; so does
the ``pathspec`` library with its default engine (``*a*a*a*a*a*a*a*c`` against a 64-character
name takes a minute), and its pattern translation is quadratic in a ``[`` run.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

__all__ = ["MAX_PATTERN", "Glob", "GlobError", "GlobSet"]

MAX_PATTERN = 4096
"""Longest pattern read, in characters (git's own limit on a path is about as long)."""

_Segment = Callable[[str], bool]
_ANY = None  # a "**" segment


class GlobError(ValueError):
    """A pattern that cannot be read (a trailing backslash, a lone ``!``, too long)."""


@dataclass(frozen=True)
class Glob:
    """One compiled pattern; ``source`` says where it was written (for ``-v``)."""

    pattern: str
    negated: bool
    dir_only: bool
    segments: tuple[_Segment | None, ...]
    source: str = ""

    @classmethod
    def parse(cls, pattern: str, source: str = "") -> Glob:
        """Compile ``pattern`` (see the module docstring); raises :class:`GlobError`."""
        if len(pattern) > MAX_PATTERN:
            raise GlobError(f"pattern is over {MAX_PATTERN:,} characters")
        text = _strip_trailing_spaces(pattern)
        negated = text.startswith("!")
        if negated or text.startswith(("\\!", "\\#")):
            text = text[1:]
        dir_only = text.endswith("/") and not text.endswith("\\/")
        text = text.rstrip("/") if dir_only else text
        if not text:
            raise GlobError(f"{pattern!r} matches nothing")
        anchored = "/" in text
        parts = text.lstrip("/").split("/")
        segments: list[_Segment | None] = [] if anchored else [_ANY]
        for part in parts:
            if part == "**":
                if not segments or segments[-1] is not _ANY:
                    segments.append(_ANY)
            elif part:
                segments.append(_compile_segment(part))
        return cls(pattern, negated, dir_only, tuple(segments), source)

    def matches(self, parts: Sequence[str], is_dir: bool) -> bool:
        """Whether the path of ``parts`` (relative to the pattern's base) matches."""
        if self.dir_only and not is_dir:
            return False
        if len(self.segments) == 2 and self.segments[0] is _ANY and self.segments[1]:
            return bool(parts) and self.segments[1](parts[-1])  # a name at any depth
        return _match_segments(self.segments, parts)


class GlobSet:
    """Patterns read together, as the lines of one ``.gitignore`` file (last match decides)."""

    def __init__(self, patterns: Iterable[str | Glob], source: str = "") -> None:
        self.globs = tuple(p if isinstance(p, Glob) else Glob.parse(p, source) for p in patterns)
        self.patterns = tuple(g.pattern for g in self.globs)

    @classmethod
    def from_lines(cls, lines: Iterable[str], source: str) -> tuple[GlobSet, list[str]]:
        """The patterns of an ignore file's lines (blank lines and ``#`` comments skipped),
        and a message for each line that is not a pattern (git passes those over too)."""
        globs, problems = [], []
        for number, line in enumerate(lines, 1):
            if not line.strip() or line.startswith("#"):
                continue
            try:
                globs.append(Glob.parse(line, f"{source}:{number}"))
            except GlobError as exc:
                problems.append(f"{source}:{number}: not a pattern, passed over ({exc})")
        return cls(globs), problems

    def __bool__(self) -> bool:
        return bool(self.globs)

    def decide(self, parts: Sequence[str], is_dir: bool) -> Glob | None:
        """The last pattern that matches the path itself (negated or not), or None."""
        for glob in reversed(self.globs):
            if glob.matches(parts, is_dir):
                return glob
        return None

    def matching(self, rel_path: str, *, is_dir: bool = False) -> Glob | None:
        """The pattern that matches a ``/``-separated relative path or a folder above it
        (the first folder level matched wins), or None."""
        parts = [p for p in rel_path.split("/") if p not in ("", ".")]
        for depth in range(1, len(parts) + 1):
            hit = self.decide(parts[:depth], is_dir or depth < len(parts))
            if hit is not None and not hit.negated:
                return hit
        return None

    def match(self, rel_path: str, *, is_dir: bool = False) -> bool:
        """Whether a ``/``-separated relative path, or a folder above it, is matched."""
        return self.matching(rel_path, is_dir=is_dir) is not None


def _strip_trailing_spaces(text: str) -> str:
    """Trailing spaces are dropped unless escaped with a backslash (as in git)."""
    stripped = text.rstrip(" ")
    if stripped.endswith("\\") and len(stripped) < len(text):
        return stripped + " "
    return stripped


def _match_segments(segments: Sequence[_Segment | None], parts: Sequence[str]) -> bool:
    """Match segment patterns (``None`` for ``**``) against path parts, placing each run of
    segments between ``**`` leftmost (which leaves the most room for the rest)."""
    groups: list[list[_Segment]] = [[]]
    for seg in segments:
        if seg is _ANY:
            groups.append([])
        else:
            groups[-1].append(seg)
    if len(groups) == 1:
        return len(parts) == len(groups[0]) and _match_run(groups[0], parts, 0)
    head, *middle, tail = groups
    # A trailing "**" matches one folder level or more (``drafts/**`` is not ``drafts``).
    tail_min = 1 if segments[-1] is _ANY else 0
    end = len(parts) - len(tail)
    if end < len(head) or not _match_run(head, parts, 0) or not _match_run(tail, parts, end):
        return False
    pos = len(head)
    for run in middle:
        for start in range(pos, end - len(run) + 1):
            if _match_run(run, parts, start):
                pos = start + len(run)
                break
        else:
            return False
    return end - pos >= tail_min


def _match_run(run: Sequence[_Segment], parts: Sequence[str], start: int) -> bool:
    return all(seg(parts[start + i]) for i, seg in enumerate(run))


def _compile_segment(segment: str) -> _Segment:
    """A matcher for one path segment (no ``/``)."""
    pieces: list[list[str]] = [[]]  # regex atoms of the fixed-length pieces between stars
    plain: list[str] = []  # the characters, while the segment is literal
    literal = True
    i, n = 0, len(segment)
    close = _class_ends(segment)
    while i < n:
        ch = segment[i]
        if ch == "*":
            while i < n and segment[i] == "*":
                i += 1
            pieces.append([])
            literal = False
            continue
        if ch == "\\":
            if i + 1 >= n:
                raise GlobError(f"{segment!r} ends with a lone backslash")
            pieces[-1].append(re.escape(segment[i + 1]))
            plain.append(segment[i + 1])
            i += 2
            continue
        if ch == "?":
            pieces[-1].append(".")
            literal = False
        elif ch == "[" and close[i] >= 0:
            pieces[-1].append(_class(segment[i + 1 : close[i]]))
            literal = False
            i = close[i] + 1
            continue
        else:
            pieces[-1].append(re.escape(ch))
            plain.append(ch)
        i += 1
    if literal:
        return "".join(plain).__eq__
    return _pieces_matcher([(re.compile("".join(p), re.DOTALL), len(p)) for p in pieces])


def _pieces_matcher(pieces: list[tuple[re.Pattern[str], int]]) -> _Segment:
    """Match ``p0*p1*...*pk``: p0 at the start, pk at the end, the others leftmost between."""
    first, first_len = pieces[0]
    if len(pieces) == 1:
        return lambda name: first.fullmatch(name) is not None
    last, last_len = pieces[-1]
    middle = pieces[1:-1]

    def match(name: str) -> bool:
        end = len(name) - last_len
        if end < first_len or not first.match(name, 0, first_len):
            return False
        if not last.fullmatch(name, end):
            return False
        pos = first_len
        for piece, _ in middle:
            found = piece.search(name, pos, end)
            if found is None:
                return False
            pos = found.end()
        return True

    return match


def _class_ends(segment: str) -> list[int]:
    """For each ``[``, the index of the ``]`` that closes its set (-1: none, so a literal
    ``[``); one pass over the segment, so that unclosed sets cost no rescans."""
    n = len(segment)
    escaped = [False] * n
    i = 0
    while i < n:
        if segment[i] == "\\":
            if i + 1 < n:
                escaped[i + 1] = True
            i += 2
        else:
            i += 1
    next_close = [-1] * (n + 1)
    for i in range(n - 1, -1, -1):
        next_close[i] = i if segment[i] == "]" and not escaped[i] else next_close[i + 1]
    ends = [-1] * n
    for i, ch in enumerate(segment):
        if ch == "[" and not escaped[i]:
            j = i + 1
            if j < n and segment[j] in "!^":
                j += 1
            if j < n and segment[j] == "]":
                j += 1  # "]" first in a set is a member
            ends[i] = next_close[j] if j <= n else -1
    return ends


def _class(body: str) -> str:
    """A set's body (``a-z``, ``!abc``) as a regex character class."""
    negate = body[:1] in ("!", "^")
    if negate:
        body = body[1:]
    chars: list[str] = []
    i = 0
    while i < len(body):
        if body[i] == "\\" and i + 1 < len(body):
            i += 1
        chars.append(body[i])
        i += 1
    members = []
    k = 0
    while k < len(chars):
        if k + 2 < len(chars) and chars[k + 1] == "-":
            lo, hi = chars[k], chars[k + 2]
            if lo <= hi:  # a reversed range matches nothing, as in git
                members.append(f"{re.escape(lo)}-{re.escape(hi)}")
            k += 3
        else:
            members.append(re.escape(chars[k]))
            k += 1
    if not members:
        return "." if negate else "[^\\s\\S]"
    return f"[{'^' if negate else ''}{''.join(members)}]"
