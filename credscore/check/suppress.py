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
may be given, separated by spaces or commas; with none, every rule is meant. Comments in
fenced code blocks of a Markdown file are examples, not directives, and are ignored. The
comments are read from the source (before Markdown masking); for an HTML page, from the HTML.

>>> text = "<!-- credscore-disable-next-line commercial -->\\nOrder now!\\n"
>>> [d.kind for d in parse_directives(text, lambda i: (text.count("\\n", 0, i) + 1, 1))]
['disable-next-line']
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field

__all__ = ["Directive", "Suppressions", "blank_directives", "parse_directives"]

_DIRECTIVE = re.compile(
    r"<!--[ \t]{0,20}credscore-(disable-next-line|disable-line|disable-file|disable|enable)"
    r"(?![\w-])([^>]{0,500}?)[ \t\r\n]{0,20}-->"
)
_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})", re.MULTILINE)
_SEPARATORS = re.compile(r"[\s,]+")
_NOT_LINE_BREAK = re.compile("[^\n\r\x85\u2028\u2029]")


@dataclass
class Directive:
    """One suppression comment: its kind, the rules it names (empty: all), where it is."""

    kind: str
    rules: tuple[str, ...]
    line: int
    column: int
    used: set[str] = field(default_factory=set)

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
    text: str, line_col: Callable[[int], tuple[int, int]], *, markdown: bool = False
) -> list[Directive]:
    """Every suppression comment in ``text``, in order; ``line_col`` maps an offset to the
    file's (line, column). With ``markdown``, comments inside fenced code are skipped."""
    if "credscore-" not in text:
        return []
    fenced = _fenced_ranges(text) if markdown else []
    starts = [s for s, _ in fenced]
    out = []
    for m in _DIRECTIVE.finditer(text):
        k = bisect_right(starts, m.start()) - 1
        if k >= 0 and fenced[k][0] <= m.start() < fenced[k][1]:
            continue
        rules = tuple(r for r in _SEPARATORS.split(m.group(2)) if r)
        line, column = line_col(m.start())
        out.append(Directive(m.group(1), rules, line, column))
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


def _fenced_ranges(text: str) -> list[tuple[int, int]]:
    """(start, end) of fenced code blocks (an unclosed fence runs to the end)."""
    ranges = []
    opened: tuple[int, str] | None = None
    for m in _FENCE.finditer(text):
        run = m.group(1)
        if opened is None:
            opened = (m.start(), run)
        elif run[0] == opened[1][0] and len(run) >= len(opened[1]):
            ranges.append((opened[0], m.end()))
            opened = None
    if opened is not None:
        ranges.append((opened[0], len(text)))
    return ranges


class Suppressions:
    """Decides which findings the directives of one article suppress.

    ``known_rules`` is every rule id; a directive naming something that is neither a rule id
    nor a family is reported by :meth:`unknown_names`.
    """

    def __init__(self, directives: Iterable[Directive], known_rules: Collection[str]) -> None:
        self.directives = list(directives)
        self._known = set(known_rules)
        self._families = {r.partition(".")[0] for r in self._known}
        # Indexed once, so that each finding costs a look-up, not a pass over every directive.
        self._whole_file = [d for d in self.directives if d.kind == "disable-file"]
        self._by_line: dict[int, list[Directive]] = {}
        for d in self.directives:
            if d.kind in ("disable-line", "disable-next-line"):
                target = d.line + (d.kind == "disable-next-line")
                self._by_line.setdefault(target, []).append(d)
        ranges = [d for d in self.directives if d.kind in ("disable", "enable")]
        self._ranges = sorted(ranges, key=lambda d: (d.line, d.column))
        self._range_keys = [(d.line, d.column) for d in self._ranges]

    def unknown_names(self) -> list[tuple[Directive, str]]:
        """(directive, name) for each name that is no rule id or family."""
        return [
            (d, name)
            for d in self.directives
            for name in d.rules
            if name not in self._known and name not in self._families
        ]

    def suppressing(self, rule: str, line: int, column: int) -> Directive | None:
        """The directive that suppresses a finding of ``rule`` at (line, column), or None;
        the directive is marked as used."""
        family = rule.partition(".")[0]
        hit = self._first_match(self._whole_file, rule, family)
        line_hit = self._first_match(self._by_line.get(line, ()), rule, family)
        if hit is None or (line_hit is not None and _before(line_hit[0], hit[0])):
            hit = line_hit
        if hit is None:
            hit = self._range_state(rule, family, line, column)
        if hit is None:
            return None
        directive, name = hit
        directive.used.add(name)
        return directive

    @staticmethod
    def _first_match(
        directives: Iterable[Directive], rule: str, family: str
    ) -> tuple[Directive, str] | None:
        for d in directives:
            name = _matching_name(d.rules, rule, family)
            if name is not None:
                return d, name
        return None

    def _range_state(
        self, rule: str, family: str, line: int, column: int
    ) -> tuple[Directive, str] | None:
        """The disable in force for ``rule`` at (line, column): the last disable or enable
        comment before it that names the rule decides."""
        for k in range(bisect_right(self._range_keys, (line, column)) - 1, -1, -1):
            d = self._ranges[k]
            name = _matching_name(d.rules, rule, family)
            if name is not None:
                return (d, name) if d.kind == "disable" else None
        return None


def _before(a: Directive, b: Directive) -> bool:
    """Whether directive ``a`` comes before ``b`` in the file."""
    return (a.line, a.column) < (b.line, b.column)


def _matching_name(names: tuple[str, ...], rule: str, family: str) -> str | None:
    """The name in ``names`` that covers ``rule`` (``"*"`` when ``names`` is empty)."""
    if not names:
        return "*"
    for name in names:
        if name == rule or name == family:
            return name
    return None
