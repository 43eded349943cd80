"""Inline suppression comments, in the style of markdownlint.

``<!-- credscore-disable RULE... -->``
    Suppress the rules from here on (to the end of the file or a matching enable).
``<!-- credscore-enable RULE... -->``
    Stop suppressing them from here on.
``<!-- credscore-disable-line RULE... -->``
    Suppress them on the comment's own line.
``<!-- credscore-disable-next-line RULE... -->``
    Suppress them on the line after the comment.
``<!-- credscore-disable-file RULE... -->``
    Suppress them in the whole file.

RULE is a family (``commercial``) or a full rule id (``commercial.call-to-action``); several
may be given, separated by spaces or commas; with none, every rule is meant. In a Markdown file,
a comment in what the Markdown reader takes for code (fenced and indented code blocks, code
spans, front matter; :func:`credscore.formats.markdown.code_ranges`) is an example, not a
directive. The comments are read from the source (before Markdown masking); for an HTML page,
from the HTML. Lines are the file's, except in a JSON record, where they are the lines of the
record's text (so ``disable-next-line`` means the text's next line).

Each finding costs a few dictionary look-ups and binary searches, whatever the number of
comments: O((comments + findings) log comments) for an article.

>>> text = "<!-- credscore-disable-next-line commercial -->\\nOrder now!\\n"
>>> [d.kind for d in parse_directives(text, lambda i: (text.count("\\n", 0, i) + 1, 1))]
['disable-next-line']
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field

from credscore.formats.markdown import code_ranges

__all__ = ["Directive", "Suppressions", "blank_directives", "parse_directives"]

_DIRECTIVE = re.compile(
    r"<!--[ \t]{0,20}credscore-(disable-next-line|disable-line|disable-file|disable|enable)"
    r"(?![\w-])([^>]{0,500}?)[ \t\r\n]{0,20}-->"
)
_SEPARATORS = re.compile(r"[\s,]+")
_NOT_LINE_BREAK = re.compile("[^\n\r\x85\u2028\u2029]")


@dataclass
class Directive:
    """One suppression comment: its kind, the rules it names (empty: all), where it is in the
    file (``line``, ``column``), and where in the lines that comments count (``at``: differs
    from the file's in a JSON record)."""

    kind: str
    rules: tuple[str, ...]
    line: int
    column: int
    used: set[str] = field(default_factory=set)
    at: tuple[int, int] = (0, 0)

    def __post_init__(self) -> None:
        if self.at == (0, 0):
            self.at = (self.line, self.column)

    @property
    def text(self) -> str:
        """The comment as written (normalised spacing)."""
        names = " ".join(self.rules)
        return f"<!-- credscore-{self.kind}{' ' + names if names else ''} -->"

    def unused(self) -> tuple[str, ...]:
        """The named rules (or ``"*"`` for all) that suppressed nothing."""
        if self.kind == "enable":
            return ()
        return tuple(r for r in (self.rules or ("*",)) if r not in self.used)


def parse_directives(
    text: str,
    line_col: Callable[[int], tuple[int, int]],
    *,
    markdown: bool = False,
    counted: Callable[[int], tuple[int, int]] | None = None,
) -> list[Directive]:
    """Every suppression comment in ``text``, in order; ``line_col`` maps an offset to the
    file's (line, column), ``counted`` to the lines that comments count (default: the file's).
    With ``markdown``, comments in code are skipped."""
    if "credscore-" not in text:
        return []
    code = code_ranges(text) if markdown else []
    starts = [s for s, _ in code]
    out = []
    for m in _DIRECTIVE.finditer(text):
        k = bisect_right(starts, m.start()) - 1
        if k >= 0 and m.start() < code[k][1]:
            continue
        rules = tuple(r for r in _SEPARATORS.split(m.group(2)) if r)
        line, column = line_col(m.start())
        at = counted(m.start()) if counted is not None else (line, column)
        out.append(Directive(m.group(1), rules, line, column, at=at))
    return out


def blank_directives(text: str) -> str:
    """``text`` with every suppression comment replaced by spaces (line breaks kept, same
    length): a plain-text article is scored without its comments, as Markdown and HTML are.

    >>> blank_directives("Call now! <!-- credscore-disable-line commercial -->")
    'Call now!                                           '
    """
    if "credscore-" not in text:
        return text
    return _DIRECTIVE.sub(lambda m: _NOT_LINE_BREAK.sub(" ", m.group()), text)


class Suppressions:
    """Decides which findings the directives of one article suppress.

    ``known_rules`` is every rule id; a directive naming something that is neither a rule id
    nor a family is reported by :meth:`unknown_names`. Directives are indexed by the names
    they carry (``"*"`` for none), so that a finding is matched by looking up its rule id,
    its family and ``"*"``.
    """

    def __init__(self, directives: Iterable[Directive], known_rules: Collection[str]) -> None:
        self.directives = list(directives)
        self._known = set(known_rules)
        self._families = {r.partition(".")[0] for r in self._known}
        self._whole_file: dict[str, Directive] = {}  # name -> first disable-file naming it
        self._by_line: dict[tuple[int, str], Directive] = {}  # (line, name) -> first
        self._ranges: dict[str, tuple[list[tuple[int, int]], list[Directive]]] = {}
        ordered = sorted(self.directives, key=lambda d: d.at)
        for d in ordered:
            for name in d.rules or ("*",):
                if d.kind == "disable-file":
                    self._whole_file.setdefault(name, d)
                elif d.kind in ("disable-line", "disable-next-line"):
                    target = d.at[0] + (d.kind == "disable-next-line")
                    self._by_line.setdefault((target, name), d)
                else:
                    keys, items = self._ranges.setdefault(name, ([], []))
                    keys.append(d.at)
                    items.append(d)

    def unknown_names(self) -> list[tuple[Directive, str]]:
        """(directive, name) for each name that is no rule id or family."""
        return [
            (d, name)
            for d in self.directives
            for name in d.rules
            if name not in self._known and name not in self._families
        ]

    def suppressing(self, rule: str, line: int, column: int) -> Directive | None:
        """The directive that suppresses a finding of ``rule`` at (line, column) in the lines
        that comments count, or None; the directive is marked as used."""
        names = (rule, rule.partition(".")[0], "*")
        hit = _earliest(self._whole_file.get(n) for n in names)
        line_hit = _earliest(self._by_line.get((line, n)) for n in names)
        if hit is None or (line_hit is not None and line_hit.at < hit.at):
            hit = line_hit
        if hit is None:
            hit = self._range_state(names, (line, column))
        if hit is None:
            return None
        hit.used.add(_matching_name(hit.rules, names))
        return hit

    def _range_state(self, names: tuple[str, ...], at: tuple[int, int]) -> Directive | None:
        """The disable in force at ``at``: the last disable or enable comment before it that
        names the rule, its family or all rules decides."""
        last: Directive | None = None
        for name in names:
            if name not in self._ranges:
                continue
            keys, items = self._ranges[name]
            k = bisect_right(keys, at) - 1
            if k >= 0 and (last is None or items[k].at > last.at):
                last = items[k]
        return last if last is not None and last.kind == "disable" else None


def _earliest(directives: Iterable[Directive | None]) -> Directive | None:
    """The first of some directives in the file (None when there is none)."""
    found = [d for d in directives if d is not None]
    return min(found, key=lambda d: d.at) if found else None


def _matching_name(names: tuple[str, ...], wanted: tuple[str, ...]) -> str:
    """The name in ``names`` that covers a finding (``"*"`` when ``names`` is empty)."""
    if not names:
        return "*"
    return next(name for name in names if name in wanted)
