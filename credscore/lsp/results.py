"""What the checker process sends the server: plain, picklable values with LSP positions.

The server process never parses or scores a document; it turns an :class:`Analysis` into
diagnostics, hovers, code actions and a code lens. Nothing here imports pygls or numpy.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from credscore.lsp.positions import Span

__all__ = ["MAX_ITEMS", "Action", "Analysis", "Edit", "Item", "Job", "ScoreView"]

MAX_ITEMS = 1_000
"""Findings published per document at most, of those that lower credibility and, apart, of
those that raise it; the rest are counted in one more diagnostic."""


@dataclass(frozen=True)
class Job:
    """One document to check.

    ``path`` is the file behind a ``file:`` URI (None for an unsaved buffer), ``kind`` is
    ``"markdown"``, ``"text"`` or ``"html"``, ``roots`` are the workspace folders (where an
    unsaved buffer's configuration is looked for), ``encoding`` the LSP position encoding, and
    ``generation`` counts configuration changes (a new one empties the checker's caches).
    """

    text: str
    uri: str
    path: str | None
    kind: str
    roots: tuple[str, ...] = ()
    encoding: str = "utf-16"
    generation: int = 0


@dataclass(frozen=True)
class Edit:
    """Replace the text at ``span`` with ``text`` (an insertion when the span is empty)."""

    span: Span
    text: str


@dataclass(frozen=True)
class Action:
    """A code action the writer may choose: a suppression comment or a rewrite."""

    title: str
    edits: tuple[Edit, ...]


@dataclass(frozen=True)
class Item:
    """One diagnostic.

    ``severity`` is ``"error"``, ``"warning"``, ``"info"`` or ``"hint"``; ``rule`` is the rule
    id of a finding (None for a message about the document or a suppression comment);
    ``positive`` marks findings that raise credibility (shown only when asked for);
    ``unnecessary`` marks a suppression comment that suppresses nothing.
    """

    span: Span
    severity: str
    message: str
    rule: str | None = None
    positive: bool = False
    unnecessary: bool = False
    actions: tuple[Action, ...] = ()


@dataclass(frozen=True)
class ScoreView:
    """The article's score for a code lens, a first-line diagnostic and a hover.

    ``summary`` is one line (score, band, the families that moved it most, and why
    ``credscore check`` would fail it); ``details`` is Markdown with the criteria checklist.
    """

    summary: str
    details: str
    fails: bool = False


@dataclass(frozen=True)
class Analysis:
    """Everything the server shows for one version of a document.

    ``headline`` is the span of the first non-blank line (where the score is shown);
    ``rule_docs`` holds the hover Markdown of each rule among the items; ``messages`` are
    ``(level, text)`` pairs for ``window/showMessage`` (a bad configuration or model file);
    ``omitted`` and ``omitted_positive`` count the findings that lower and that raise
    credibility left out over the per-document limit; ``note`` says why a
    document was not checked (excluded by the configuration).
    """

    items: tuple[Item, ...] = ()
    score: ScoreView | None = None
    headline: Span = (0, 0, 0, 0)
    rule_docs: dict[str, str] = field(default_factory=dict)
    messages: tuple[tuple[str, str], ...] = ()
    omitted: int = 0
    omitted_positive: int = 0
    note: str | None = None

    @classmethod
    def failed(cls, message: str) -> Analysis:
        """A document that could not be checked: one warning that says why."""
        return cls((Item((0, 0, 0, 0), "warning", message),))
