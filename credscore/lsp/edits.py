"""Code actions for a finding: a suppression comment, and a rewrite where one is safe.

Suppression comments are the ones ``check`` reads (:mod:`credscore.check.suppress`): HTML
comments, in Markdown, HTML *and* plain text, where the comment is read but not scored.

- "on this line" appends ``<!-- credscore-disable-line RULE -->`` to the finding's line
  (before trailing spaces, so a Markdown hard break survives), or adds RULE to a
  ``disable-line`` comment already there. In Markdown and HTML, when the line ends inside a
  tag, the comment goes just before the finding instead.
- "in this file" adds RULE to an existing ``disable-file`` comment, or inserts one on a line of
  its own at the top: after Markdown front matter, after an HTML doctype, after a byte-order
  mark.

Rewrites are offered, never applied: a booster replaced by a hedge (``proves`` ->
``suggests``), a vague attribution or unsourced claim marked ``[citation needed]`` at the end
of its sentence, and an exclamation mark made a full stop. Each is offered only where the
finding's text is exactly what the document holds there (in an HTML page, where the extracted
text maps back to the source exactly).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from credscore.check.suppress import Directive, parse_directives
from credscore.formats.article import Article
from credscore.lsp.positions import LineMap
from credscore.lsp.results import Action, Edit

__all__ = ["EditContext"]

HEDGES = {
    "proves": "suggests",
    "prove": "suggest",
    "proof that": "evidence that",
    "definitive proof": "evidence",
    "conclusive proof": "evidence",
    "clearly": "probably",
    "obviously": "probably",
    "definitely": "probably",
    "certainly": "probably",
    "undoubtedly": "probably",
    "surely": "probably",
    "unquestionably": "probably",
    "undeniably": "arguably",
    "indisputably": "arguably",
    "always works": "often works",
    "works every time": "often works",
    "never fails": "rarely fails",
}
"""Boosters with a hedge that keeps the sentence grammatical (lower-case, spaces collapsed)."""

CITATION_MARK = " [citation needed]"
_CITATION_RULES = frozenset({"citations.vague-attribution", "citations.unsourced-claim"})
# Line breaks as suppression comments count lines in plain text and Markdown (the Document's).
_DOC_BREAKS = "\n\r\x85\u2028\u2029"
_DOC_BREAK = re.compile(f"[{_DOC_BREAKS}]")
_DOCTYPE = re.compile(r"\ufeff?\s*<!doctype[^<>]*>", re.IGNORECASE)
_CLOSERS = "\"')]\u201d\u2019"
_LONGEST = 5_000  # sentences longer than this (hostile text) get no rewrite
_TAG_WINDOW = 2_000  # how far back from a line's end a tag is looked for


def _same_case(original: str, replacement: str) -> str:
    if original.isupper() and len(original) > 1:
        return replacement.upper()
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


@dataclass
class EditContext:
    """One document's text, article and line map, from which actions are built.

    ``to_source`` maps an offset in the article's text to one in the document (the identity
    for plain text and Markdown).
    """

    text: str
    article: Article
    lines: LineMap
    _directives: list[tuple[int, int, Directive]] | None = field(default=None, repr=False)
    _eol: str | None = field(default=None, repr=False)
    _breaks: list[int] | None = field(default=None, repr=False)
    _starts: list[int] = field(default_factory=list, repr=False)
    _file_directive: tuple[int, int, Directive] | None = field(default=None, repr=False)
    _top_at: tuple[int, bool] | None = field(default=None, repr=False)
    _made: dict[tuple[str, str, int], Action | None] = field(default_factory=dict, repr=False)

    @property
    def kind(self) -> str:
        return self.article.kind

    def to_source(self, offset: int) -> int:
        if self.kind == "html" and self.article.to_source is not None:
            return self.article.to_source(offset)
        return offset

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The document offsets of ``article.text[start:end]``."""
        if end <= start:
            s = self.to_source(start)
            return s, s
        return self.to_source(start), self.to_source(end - 1) + 1

    def exact(self, start: int, end: int) -> tuple[int, int] | None:
        """The document span of ``article.text[start:end]`` when the document holds exactly
        that text there, else None."""
        s, e = self.source_span(start, end)
        return (s, e) if self.text[s:e] == self.article.text[start:end] else None

    @property
    def eol(self) -> str:
        if self._eol is None:
            m = re.search(r"\r\n|\r|\n", self.text)
            self._eol = m.group() if m else "\n"
        return self._eol

    def directives(self) -> list[tuple[int, int, Directive]]:
        """(start, end, directive) of every suppression comment, in document order."""
        if self._directives is None:
            found = parse_directives(self.text, lambda i: (i, 1), markdown=self.kind == "markdown")
            out = []
            for d in found:
                close = self.text.find("-->", d.line)
                out.append((d.line, len(self.text) if close < 0 else close + 3, d))
            self._directives = out
            self._starts = [s for s, _, _ in out]
            self._file_directive = next((x for x in out if x[2].kind == "disable-file"), None)
        return self._directives

    def _edit(self, start: int, end: int, text: str) -> Edit:
        return Edit(self.lines.span(start, end), text)

    def _line_bounds(self, offset: int) -> tuple[int, int]:
        """Start and end (before the break) of the line holding ``offset``, as suppression
        comments count lines: the HTML source's lines, or the Document's."""
        if self.kind == "html":
            line = self.lines.line_of(offset)
            return self.lines.starts[line], self.lines.line_end(line)
        if self._breaks is None:
            self._breaks = [m.start() for m in _DOC_BREAK.finditer(self.text)]
        k = bisect_left(self._breaks, offset)
        start = self._breaks[k - 1] + 1 if k else 0
        return start, self._breaks[k] if k < len(self._breaks) else len(self.text)

    def suppress_line(self, rule: str, offset: int) -> Action | None:
        """Suppress ``rule`` on the line of the finding at document ``offset``."""
        start, end = self._line_bounds(offset)
        key = ("line", rule, start)
        if key not in self._made:  # findings of one rule on one line share it
            self._made[key] = self._suppress_line(rule, offset, start, end)
        return self._made[key]

    def _suppress_line(self, rule: str, offset: int, start: int, end: int) -> Action | None:
        title = f"Suppress {rule} on this line"
        found = self.directives()
        for s, e, d in found[bisect_left(self._starts, start) : bisect_left(self._starts, end)]:
            if d.kind == "disable-line":
                if not d.rules or rule in d.rules:
                    return None
                merged = Directive("disable-line", (*d.rules, rule), 0, 0).text
                return Action(title, (self._edit(s, e, merged),))
        comment = Directive("disable-line", (rule,), 0, 0).text
        at = end
        while at > offset and self.text[at - 1] in " \t":
            at -= 1
        window = max(offset, at - _TAG_WINDOW)
        if self.kind != "text" and self.text.rfind("<", window, at) > self.text.rfind(
            ">", window, at
        ):  # the line ends inside a tag
            return Action(title, (self._edit(offset, offset, comment + " "),))
        return Action(title, (self._edit(at, at, " " + comment),))

    def suppress_file(self, rule: str) -> Action | None:
        """Suppress ``rule`` in the whole file."""
        key = ("file", rule, 0)
        if key not in self._made:
            self._made[key] = self._suppress_file(rule)
        return self._made[key]

    def _suppress_file(self, rule: str) -> Action | None:
        title = f"Suppress {rule} in this file"
        self.directives()
        if self._file_directive is not None:
            s, e, d = self._file_directive
            if not d.rules or rule in d.rules:
                return None
            merged = Directive("disable-file", (*d.rules, rule), 0, 0).text
            return Action(title, (self._edit(s, e, merged),))
        comment = Directive("disable-file", (rule,), 0, 0).text
        at, before = self._top()
        text = self.eol + comment if before else comment + self.eol
        return Action(title, (self._edit(at, at, text),))

    def _top(self) -> tuple[int, bool]:
        """Where a file-wide comment goes (found once), and whether a line break must come
        before it (the text ends there without one)."""
        if self._top_at is None:
            at = 1 if self.text.startswith("\ufeff") else 0
            if self.kind == "markdown":
                from credscore.formats.markdown import front_matter_lines

                body = front_matter_lines(self.text)
                at = self.lines.starts[body] if body < len(self.lines.starts) else len(self.text)
            elif self.kind == "html" and (m := _DOCTYPE.match(self.text)):
                at = m.end()
                after = re.match(r"[ \t]*(\r\n|\r|\n)", self.text[at : at + 100])
                at = at + after.end() if after else at
            self._top_at = (at, at > 0 and self.text[at - 1] not in "\r\n\ufeff")
        return self._top_at

    def rewrites(self, rule: str, start: int, end: int) -> list[Action]:
        """Safe rewrites of the finding at ``article.text[start:end]``."""
        if rule == "hedging.booster":
            return self._hedge(start, end)
        if rule in _CITATION_RULES:
            return self._citation(start, end)
        if rule == "framing.exclamation":
            return self._full_stop(start, end)
        return []

    def _hedge(self, start: int, end: int) -> list[Action]:
        span = self.exact(start, end)
        if span is None:
            return []
        original = self.text[span[0] : span[1]]
        hedge = HEDGES.get(" ".join(original.split()).lower())
        if hedge is None:
            return []
        hedge = _same_case(original, hedge)
        return [Action(f"Replace '{original}' with '{hedge}'", (self._edit(*span, hedge),))]

    def _citation(self, start: int, end: int) -> list[Action]:
        doc, text = self.article.doc, self.article.text
        s_start, s_end = doc.sentences[doc.sentence_at(start)]
        if s_end - s_start > _LONGEST or "citation needed" in text[s_start:s_end].lower():
            return []
        at = max(s_end, end)
        while at > end and text[at - 1].isspace():
            at -= 1
        closed = at
        while closed > end and text[closed - 1] in _CLOSERS:
            closed -= 1
        if closed > end and text[closed - 1] in ".!?":
            at = closed
            while at > end and text[at - 1] in ".!?":
                at -= 1
        if at <= 0 or self.exact(at - 1, at) is None:
            return []
        where = self.to_source(at - 1) + 1
        phrase = " ".join(text[start:end].split())
        return [
            Action(f"Mark '{phrase}' for a citation", (self._edit(where, where, CITATION_MARK),))
        ]

    def _full_stop(self, start: int, end: int) -> list[Action]:
        text = self.article.text
        if end - start > _LONGEST:
            return []
        at = end
        while at > start and (text[at - 1].isspace() or text[at - 1] in _CLOSERS):
            at -= 1
        run = at
        while run > start and text[run - 1] in "!?":
            run -= 1
        if "!" not in text[run:at] or self.exact(run, at) is None:
            return []
        s, e = self.source_span(run, at)
        return [Action(f"Replace '{text[run:at]}' with '.'", (self._edit(s, e, "."),))]
