"""The language server: LSP messages in, diagnostics, hovers, code actions and a code lens out.

Documents are checked by the :class:`~credscore.lsp.worker.Checker` process, one job at a
time, from one thread: the event loop never scores, so every request is answered at once.
A check starts on open and save at once and on change after ``debounceMs`` of quiet; a check
whose document changed meanwhile is skipped or its result dropped. Documents are synchronised
in full (the LSP line rules, not Python's, decide positions: see
:mod:`credscore.lsp.positions`).
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from credscore import __version__
from credscore.formats.files import HTML_SUFFIXES, MARKDOWN_SUFFIXES, TEXT_SUFFIXES
from credscore.lsp.options import Options, parse_options
from credscore.lsp.positions import ENCODINGS, Span
from credscore.lsp.results import MAX_ITEMS, Action, Analysis, Item, Job
from credscore.lsp.worker import Checker

__all__ = ["CHECKLIST_COMMAND", "CredscoreServer", "build_server", "kind_of"]

CHECKLIST_COMMAND = "credscore.showChecklist"
RULES_PAGE = Path(__file__).resolve().parents[1] / "RULES.md"
_CONFIG_NAMES = frozenset({".credscore.toml", "pyproject.toml"})
_KINDS_BY_SUFFIX = {
    **dict.fromkeys(MARKDOWN_SUFFIXES, "markdown"),
    **dict.fromkeys(TEXT_SUFFIXES, "text"),
    **dict.fromkeys(HTML_SUFFIXES, "html"),
}
_KINDS_BY_LANGUAGE = {"markdown": "markdown", "plaintext": "text", "text": "text", "html": "html"}
_SEVERITY = {
    "error": lsp.DiagnosticSeverity.Error,
    "warning": lsp.DiagnosticSeverity.Warning,
    "info": lsp.DiagnosticSeverity.Information,
    "hint": lsp.DiagnosticSeverity.Hint,
}
_FRESH_WAIT = 5.0  # seconds a hover or code action waits for the current version's check
logger = logging.getLogger(__name__)


def kind_of(uri: str, language_id: str | None) -> str | None:
    """``"markdown"``, ``"text"`` or ``"html"`` for a document credscore reads (the file's
    suffix decides, as for ``check``; else the editor's language id), None for the others."""
    suffix = Path(uri.rsplit("/", 1)[-1]).suffix.lower()
    if suffix in _KINDS_BY_SUFFIX:
        return _KINDS_BY_SUFFIX[suffix]
    return _KINDS_BY_LANGUAGE.get((language_id or "").lower())


@dataclass
class Doc:
    """An open document: its text, and the last check of it."""

    uri: str
    kind: str
    path: str | None
    version: int
    text: str
    analysis: Analysis | None = None
    analysed: int | None = None
    timer: asyncio.TimerHandle | None = None
    fresh: asyncio.Event = field(default_factory=asyncio.Event)
    lens: str | None = None


def _range(span: Span) -> lsp.Range:
    return lsp.Range(lsp.Position(span[0], span[1]), lsp.Position(span[2], span[3]))


def _touches(span: Span, start: tuple[int, int], end: tuple[int, int]) -> bool:
    """Whether ``span`` and the range ``start``..``end`` overlap or touch."""
    return (span[0], span[1]) <= end and start <= (span[2], span[3])


class CredscoreServer(LanguageServer):
    """The credscore language server (one per editor session)."""

    def __init__(self, checker: Checker | None = None) -> None:
        super().__init__(
            "credscore", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Full
        )
        self.docs: dict[str, Doc] = {}
        self.options = Options()
        self.checker = checker or Checker()
        self.jobs = ThreadPoolExecutor(max_workers=1, thread_name_prefix="credscore-check")
        self.roots: tuple[str, ...] = ()
        self.generation = 0
        self.shut_down = False
        self._shown: set[str] = set()

    # ----------------------------------------------------------------- capabilities
    def _capability(self, dotted: str) -> object:
        value: object = self.client_capabilities
        for name in dotted.split("."):
            value = getattr(value, name, None)
            if value is None:
                return None
        return value

    @property
    def encoding(self) -> str:
        encoding = str(self.workspace.position_encoding or "utf-16")
        return encoding if encoding in ENCODINGS else "utf-16"

    # ----------------------------------------------------------------- messages
    def tell(self, level: str, text: str) -> None:
        """Show ``text`` to the writer once (until the configuration changes)."""
        if text in self._shown:
            return
        self._shown.add(text)
        kind = lsp.MessageType.Error if level == "error" else lsp.MessageType.Warning
        self.window_show_message(lsp.ShowMessageParams(type=kind, message=text))

    def apply_settings(self, value: object) -> None:
        """Take the editor's settings (a value with nothing for credscore changes nothing)."""
        options, problems = parse_options(value)
        if options is None:
            return
        self.options = options
        for problem in problems:
            self.tell("warning", f"credscore: {problem}")
        for doc in self.docs.values():
            if doc.analysis is not None:
                self.publish(doc)

    # ----------------------------------------------------------------- checking
    def schedule(self, doc: Doc, delay: float) -> None:
        """Check ``doc`` after ``delay`` seconds (a change before then restarts the wait)."""
        if doc.timer is not None:
            doc.timer.cancel()
        loop = asyncio.get_running_loop()
        doc.timer = loop.call_later(delay, lambda: loop.create_task(self.check(doc.uri)))

    async def check(self, uri: str) -> None:
        doc = self.docs.get(uri)
        if doc is None:
            return
        doc.timer = None
        version = doc.version
        job = Job(doc.text, uri, doc.path, doc.kind, self.roots, self.encoding, self.generation)
        loop = asyncio.get_running_loop()
        analysis = await loop.run_in_executor(self.jobs, self._run, job, version)
        current = self.docs.get(uri)
        if analysis is None or current is not doc or doc.version != version:
            return  # closed or changed meanwhile: a newer check is on its way
        doc.analysis, doc.analysed = analysis, version
        for level, text in analysis.messages:
            self.tell(level, text)
        self.publish(doc)
        doc.fresh.set()

    def _run(self, job: Job, version: int) -> Analysis | None:
        """In the checking thread: check ``job`` unless its document moved on already."""
        doc = self.docs.get(job.uri)
        if doc is None or doc.version != version:
            return None
        try:
            return self.checker.check(job)
        except Exception as exc:  # noqa: BLE001 - e.g. no process could be started
            return Analysis.failed(f"credscore could not check this document ({exc})")

    async def current(self, uri: str) -> tuple[Doc, Analysis] | None:
        """The document and the check of its current version (waiting for it briefly)."""
        doc = self.docs.get(uri)
        if doc is None:
            return None
        if doc.analysed != doc.version:
            try:
                await asyncio.wait_for(doc.fresh.wait(), _FRESH_WAIT)
            except TimeoutError:
                return None
        if doc.analysis is None or doc.analysed != doc.version:
            return None
        return doc, doc.analysis

    def config_changed(self) -> None:
        """Configuration files changed: look for them again and re-check every document."""
        self.generation += 1
        self._shown.clear()
        for doc in self.docs.values():
            self.schedule(doc, 0)

    # ----------------------------------------------------------------- diagnostics
    def href(self, rule: str) -> str:
        if self.options.rules_url:
            return self.options.rules_url.replace("{rule}", rule)
        return f"{RULES_PAGE.as_uri()}#{rule}"

    def diagnostic(self, item: Item) -> lsp.Diagnostic:
        tags = None
        if item.unnecessary and self._capability("text_document.publish_diagnostics.tag_support"):
            tags = [lsp.DiagnosticTag.Unnecessary]
        description = None
        if item.rule and self._capability(
            "text_document.publish_diagnostics.code_description_support"
        ):
            description = lsp.CodeDescription(href=self.href(item.rule))
        return lsp.Diagnostic(
            range=_range(item.span),
            message=item.message,
            severity=_SEVERITY[item.severity],
            code=item.rule,
            code_description=description,
            source="credscore",
            tags=tags,
        )

    def shown_items(self, analysis: Analysis) -> list[Item]:
        """The items published under the current settings."""
        show = self.options.show_positive
        return [i for i in analysis.items if show or not i.positive]

    def diagnostics(self, analysis: Analysis) -> list[lsp.Diagnostic]:
        out = [self.diagnostic(i) for i in self.shown_items(analysis)]
        left_out = analysis.omitted + (
            analysis.omitted_positive if self.options.show_positive else 0
        )
        if left_out:
            message = (
                f"credscore: {left_out:,} more findings are not shown (at most {MAX_ITEMS:,} "
                "of each kind per document)"
            )
            out.append(self.diagnostic(Item(analysis.headline, "info", message)))
        score = analysis.score
        if score is not None and self.options.score_diagnostic:
            severity = "warning" if score.fails else "info"
            out.append(self.diagnostic(Item(analysis.headline, severity, score.summary)))
        return out

    def publish(self, doc: Doc) -> None:
        assert doc.analysis is not None
        diagnostics = self.diagnostics(doc.analysis)
        params = lsp.PublishDiagnosticsParams(
            uri=doc.uri, diagnostics=diagnostics, version=doc.analysed
        )
        self.text_document_publish_diagnostics(params)
        lens = self.lens_title(doc.analysis)
        if lens != doc.lens:
            doc.lens = lens
            if self._capability("workspace.code_lens.refresh_support"):
                self.workspace_code_lens_refresh(None)

    # ----------------------------------------------------------------- views
    @staticmethod
    def lens_title(analysis: Analysis | None) -> str | None:
        if analysis is None:
            return None
        if analysis.score is not None:
            return analysis.score.summary
        return analysis.note

    def hover(self, analysis: Analysis, line: int, character: int) -> lsp.Hover | None:
        at = (line, character)
        parts, spans = [], []
        for item in self.shown_items(analysis):
            if item.rule in analysis.rule_docs and _touches(item.span, at, at):
                rule_doc = analysis.rule_docs[item.rule]
                link = f"[{item.rule} in the rule reference]({self.href(item.rule)})"
                text = f"{rule_doc}\n\n{link}"
                if text not in parts:
                    parts.append(text)
                    spans.append(item.span)
        headline = analysis.headline
        if headline[0] <= line <= headline[2]:
            if analysis.score is not None:
                parts.append(analysis.score.details)
            elif analysis.note:
                parts.append(f"credscore: {analysis.note}")
        if not parts:
            return None
        span = spans[0] if len(spans) == 1 and len(parts) == 1 else None
        return lsp.Hover(
            contents=lsp.MarkupContent(
                kind=lsp.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)
            ),
            range=_range(span) if span else None,
        )

    def code_actions(
        self, doc: Doc, analysis: Analysis, params: lsp.CodeActionParams
    ) -> list[lsp.CodeAction]:
        if params.context.only is not None:
            kinds = [str(getattr(k, "value", k)) for k in params.context.only]
            if not any(k in ("", "quickfix") for k in kinds):
                return []
        start = (params.range.start.line, params.range.start.character)
        end = (params.range.end.line, params.range.end.character)
        out, titles = [], set()
        for item in self.shown_items(analysis):
            if not item.actions or not _touches(item.span, start, end):
                continue
            for action in item.actions:
                if action.title in titles:
                    continue
                titles.add(action.title)
                out.append(self.code_action(doc, item, action))
        return out

    def code_action(self, doc: Doc, item: Item, action: Action) -> lsp.CodeAction:
        edits = [lsp.TextEdit(range=_range(e.span), new_text=e.text) for e in action.edits]
        if self._capability("workspace.workspace_edit.document_changes"):
            identifier = lsp.OptionalVersionedTextDocumentIdentifier(
                uri=doc.uri, version=doc.version
            )
            edit = lsp.WorkspaceEdit(
                document_changes=[lsp.TextDocumentEdit(text_document=identifier, edits=edits)]
            )
        else:
            edit = lsp.WorkspaceEdit(changes={doc.uri: edits})
        return lsp.CodeAction(
            title=action.title,
            kind=lsp.CodeActionKind.QuickFix,
            diagnostics=[self.diagnostic(item)],
            edit=edit,
        )

    def code_lens(self, doc: Doc) -> list[lsp.CodeLens]:
        analysis = doc.analysis
        title = self.lens_title(analysis)
        if analysis is None or title is None:
            return []
        command = lsp.Command(title=title, command=CHECKLIST_COMMAND, arguments=[doc.uri])
        return [lsp.CodeLens(range=_range(analysis.headline), command=command)]


def _roots(params: lsp.InitializeParams) -> tuple[str, ...]:
    uris = [f.uri for f in params.workspace_folders or ()]
    if not uris and params.root_uri:
        uris = [params.root_uri]
    paths = [to_fs_path(u) for u in uris]
    if not paths and params.root_path:
        paths = [params.root_path]
    return tuple(p for p in paths if p)


def build_server(checker: Checker | None = None) -> CredscoreServer:
    """The server with every feature registered (start it with ``start_io()``)."""
    server = CredscoreServer(checker)

    @server.feature(lsp.INITIALIZE)
    def initialize(ls: CredscoreServer, params: lsp.InitializeParams) -> None:
        ls.roots = _roots(params)
        ls.apply_settings(params.initialization_options)

    @server.feature(lsp.INITIALIZED)
    async def initialized(ls: CredscoreServer, params: lsp.InitializedParams) -> None:
        asyncio.get_running_loop().run_in_executor(ls.jobs, ls.checker.start)
        if ls._capability("workspace.did_change_watched_files.dynamic_registration"):
            watchers = [
                lsp.FileSystemWatcher(glob_pattern=f"**/{name}") for name in sorted(_CONFIG_NAMES)
            ]
            registration = lsp.Registration(
                id="credscore-configuration",
                method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=lsp.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
            )
            try:
                await ls.client_register_capability_async(
                    lsp.RegistrationParams(registrations=[registration])
                )
            except Exception as exc:  # noqa: BLE001 - refused: saving the file still reloads
                logger.warning("credscore: file watchers not registered: %s", exc)
        await pull_settings(ls)

    async def pull_settings(ls: CredscoreServer) -> None:
        if not ls._capability("workspace.configuration"):
            return
        try:
            values = await ls.workspace_configuration_async(
                lsp.ConfigurationParams(items=[lsp.ConfigurationItem(section="credscore")])
            )
        except Exception as exc:  # noqa: BLE001 - the settings already given stay
            logger.warning("credscore: workspace/configuration failed: %s", exc)
            return
        if values and values[0] is not None:
            ls.apply_settings({"credscore": values[0]})

    @server.feature(lsp.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def did_change_configuration(
        ls: CredscoreServer, params: lsp.DidChangeConfigurationParams
    ) -> None:
        if params.settings:
            ls.apply_settings(params.settings)
        else:
            await pull_settings(ls)

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(
        ls: CredscoreServer, params: lsp.DidChangeWatchedFilesParams
    ) -> None:
        if any(c.uri.rsplit("/", 1)[-1] in _CONFIG_NAMES for c in params.changes):
            ls.config_changed()

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: CredscoreServer, params: lsp.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        kind = kind_of(item.uri, item.language_id)
        if kind is None:
            return
        path = to_fs_path(item.uri) if item.uri.startswith("file:") else None
        if (old := ls.docs.get(item.uri)) is not None and old.timer is not None:
            old.timer.cancel()
        doc = Doc(item.uri, kind, path, item.version, item.text)
        ls.docs[item.uri] = doc
        ls.schedule(doc, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: CredscoreServer, params: lsp.DidChangeTextDocumentParams) -> None:
        doc = ls.docs.get(params.text_document.uri)
        if doc is None or not params.content_changes:
            return
        doc.text = params.content_changes[-1].text  # full synchronisation: the whole text
        doc.version = params.text_document.version
        doc.fresh.clear()
        ls.schedule(doc, ls.options.debounce_ms / 1000)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: CredscoreServer, params: lsp.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if uri.rsplit("/", 1)[-1] in _CONFIG_NAMES:
            ls.config_changed()
        elif (doc := ls.docs.get(uri)) is not None:
            ls.schedule(doc, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: CredscoreServer, params: lsp.DidCloseTextDocumentParams) -> None:
        doc = ls.docs.pop(params.text_document.uri, None)
        if doc is None:
            return
        if doc.timer is not None:
            doc.timer.cancel()
        ls.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=doc.uri, diagnostics=[])
        )

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    async def hover(ls: CredscoreServer, params: lsp.HoverParams) -> lsp.Hover | None:
        found = await ls.current(params.text_document.uri)
        if found is None:
            return None
        return ls.hover(found[1], params.position.line, params.position.character)

    @server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION,
        lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]),
    )
    async def code_action(
        ls: CredscoreServer, params: lsp.CodeActionParams
    ) -> list[lsp.CodeAction] | None:
        found = await ls.current(params.text_document.uri)
        if found is None:
            return None
        return ls.code_actions(*found, params)

    @server.feature(lsp.TEXT_DOCUMENT_CODE_LENS)
    def code_lens(ls: CredscoreServer, params: lsp.CodeLensParams) -> list[lsp.CodeLens]:
        doc = ls.docs.get(params.text_document.uri)
        return [] if doc is None else ls.code_lens(doc)

    @server.command(CHECKLIST_COMMAND)
    def show_checklist(ls: CredscoreServer, *args: object) -> None:
        uri = args[0] if args and isinstance(args[0], str) else None
        doc = ls.docs.get(uri) if uri else None
        if doc is not None and doc.analysis is not None and doc.analysis.score is not None:
            text = doc.analysis.score.details
            ls.window_show_message(lsp.ShowMessageParams(type=lsp.MessageType.Info, message=text))

    @server.feature(lsp.SHUTDOWN)
    def shutdown(ls: CredscoreServer, params: None) -> None:
        ls.shut_down = True
        for doc in ls.docs.values():
            if doc.timer is not None:
                doc.timer.cancel()
        ls.checker.stop()

    return server
