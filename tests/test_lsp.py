"""`credscore lsp` driven over stdio by a real client (pytest-lsp), as an editor drives it."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest_lsp = pytest.importorskip("pytest_lsp", reason="needs the test extra (pytest-lsp)")
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

SERVER = [sys.executable, "-m", "credscore", "lsp"]
WAIT = 60.0  # seconds a test waits for the server before failing (it takes well under one)

# A sales page we wrote. Line 2 has an emoji (2 UTF-16 code units, 4 UTF-8 bytes) and an
# accented letter (1 UTF-16 unit, 2 UTF-8 bytes) before its findings.
SALES = (
    "Dr. Lee's Back Pain Clinic \U0001f33f\n"
    "Our revolutionary treatment proves that back pain can be cured in one visit!\n"
    "Caf\u00e9 owners \U0001f600 and teachers: book now and get 20% off your first session.\n"
    "Studies show our method works for everyone.\n"
    "There are no side effects, guaranteed.\n"
    "The clinic opens at nine on weekdays, and our team of three physiotherapists sees each "
    "patient for an hour in a quiet room near the station.\n"
)
# (rule, start line, start character, end line, end character), UTF-16 code units.
SALES_FINDINGS = {
    ("superlatives.hype", 1, 4, 1, 17),  # "revolutionary" (a number in the next sentence)
    ("hedging.booster", 1, 28, 1, 34),  # "proves"
    ("framing.exclamation", 1, 75, 1, 76),  # "!"
    ("commercial.call-to-action", 2, 29, 2, 37),  # "book now": 28 code points, 29 units
    ("commercial.offer", 2, 46, 2, 53),  # "20% off"
    ("citations.vague-attribution", 3, 0, 3, 12),  # "Studies show"
    ("harms.no-side-effects", 4, 10, 4, 25),  # "no side effects"
}


class Client(LanguageClient):
    """The test client. It also keeps every publishDiagnostics, registration and code lens
    refresh it receives (the VS Code capabilities it declares promise to take them)."""

    published: list[lsp.PublishDiagnosticsParams]
    registrations: list[lsp.Registration]
    lens_refreshes: int


def _published(client: Client, params: lsp.PublishDiagnosticsParams) -> None:
    client.published.append(params)
    client.diagnostics[params.uri] = params.diagnostics


def _register(client: Client, params: lsp.RegistrationParams) -> None:
    client.registrations.extend(params.registrations)


def _lens_refresh(client: Client, params: None) -> None:
    client.lens_refreshes += 1


def make_client() -> Client:
    from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

    client = Client()
    client.published, client.registrations, client.lens_refreshes = [], [], 0
    features = {
        **DEFAULT_CLIENT_FEATURES,
        lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: _published,
        lsp.CLIENT_REGISTER_CAPABILITY: _register,
        lsp.WORKSPACE_CODE_LENS_REFRESH: _lens_refresh,
    }
    register_lsp_features(client, features)
    return client


CONFIG = ClientServerConfig(server_command=SERVER, client_factory=make_client)


def _init(root: Path, capabilities: str = "visual-studio-code", options=None):
    return lsp.InitializeParams(
        capabilities=client_capabilities(capabilities),
        root_uri=root.as_uri(),
        workspace_folders=[lsp.WorkspaceFolder(root.as_uri(), root.name)],
        initialization_options={"debounceMs": 0, **(options or {})},
    )


@pytest_lsp.fixture(config=CONFIG)
async def client(lsp_client: Client, tmp_path: Path):
    lsp_client.initialized_with = await lsp_client.initialize_session(_init(tmp_path))
    yield
    await lsp_client.shutdown_session()


async def published(
    client: Client, uri: str, version: int, *, after: int = 0
) -> list[lsp.Diagnostic]:
    """The diagnostics the server publishes for ``version`` of ``uri`` (in a notification
    after the first ``after`` ones)."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        for params in client.published[after:]:
            if params.uri == uri and params.version == version:
                return list(params.diagnostics)
        await asyncio.sleep(0.02)
    raise AssertionError(f"no diagnostics for {uri} version {version} within {WAIT:g} s")


def found(diagnostics: list[lsp.Diagnostic]) -> set[tuple]:
    return {
        (
            d.code,
            d.range.start.line,
            d.range.start.character,
            d.range.end.line,
            d.range.end.character,
        )
        for d in diagnostics
        if d.code is not None
    }


def open_doc(client: Client, path: Path, text: str, language: str = "plaintext") -> str:
    uri = path.as_uri()
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, language, 1, text))
    )
    return uri


def change(client: Client, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(version, uri),
            [lsp.TextDocumentContentChangeWholeDocument(text)],
        )
    )


def apply(text: str, edits: list[lsp.TextEdit]) -> str:
    """Apply LSP text edits (UTF-16 positions) to ``text``, as an editor does."""
    from credscore.lsp.positions import LineMap

    lines = LineMap(text)
    spans = []
    for e in edits:
        r = e.range
        start = lines.offset(r.start.line, r.start.character)
        spans.append((start, lines.offset(r.end.line, r.end.character), e.new_text))
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def edits_of(action: lsp.CodeAction, uri: str) -> list[lsp.TextEdit]:
    edit = action.edit
    assert edit is not None
    if edit.document_changes:
        (change_,) = edit.document_changes
        assert change_.text_document.uri == uri
        return list(change_.edits)
    return list(edit.changes[uri])


@pytest.mark.asyncio
async def test_sales_page_diagnostics_change_suppress_hover(client: Client, tmp_path: Path):
    uri = open_doc(client, tmp_path / "sales.txt", SALES)
    diagnostics = await published(client, uri, 1)
    assert found(diagnostics) == SALES_FINDINGS
    by_code = {d.code: d for d in diagnostics if d.code}
    offer = by_code["commercial.offer"]
    assert offer.severity == lsp.DiagnosticSeverity.Error
    assert by_code["hedging.booster"].severity == lsp.DiagnosticSeverity.Warning
    assert by_code["framing.exclamation"].severity == lsp.DiagnosticSeverity.Information
    assert offer.source == "credscore"
    assert offer.code_description.href.endswith("RULES.md#commercial.offer")
    assert "sales offer" in offer.message
    # The score, on the first line, as an information diagnostic (a warning: it fails check).
    (score,) = [d for d in diagnostics if d.code is None]
    assert score.range.start.line == 0 and score.message.startswith("credscore ")
    assert "/100 (low)" in score.message and "fails credscore check" in score.message
    assert score.range.end.character == len("Dr. Lee's Back Pain Clinic \U0001f33f") + 1

    # didChange: the booster becomes a hedge, a new call to action appears on the last line.
    changed = SALES.replace("proves", "suggests").replace("guaranteed.", "guaranteed. Call now.")
    change(client, uri, 2, changed)
    diagnostics = await published(client, uri, 2)
    now = found(diagnostics)
    assert ("hedging.booster", 1, 28, 1, 34) not in now
    assert ("commercial.call-to-action", 4, 39, 4, 47) in now
    assert ("commercial.offer", 2, 46, 2, 53) in now

    # A code action inserts a suppression comment, which then removes the diagnostic.
    offer = next(d for d in diagnostics if d.code == "commercial.offer")
    actions = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            lsp.TextDocumentIdentifier(uri),
            offer.range,
            lsp.CodeActionContext(diagnostics=[offer]),
        )
    )
    titles = [a.title for a in actions]
    assert "Suppress commercial.offer on this line" in titles
    assert "Suppress commercial.offer in this file" in titles
    line_action = actions[titles.index("Suppress commercial.offer on this line")]
    assert line_action.kind == lsp.CodeActionKind.QuickFix
    suppressed = apply(changed, edits_of(line_action, uri))
    assert suppressed.splitlines()[2].endswith(
        "session. <!-- credscore-disable-line commercial.offer -->"
    )
    change(client, uri, 3, suppressed)
    diagnostics = await published(client, uri, 3)
    codes = {d.code for d in diagnostics}
    assert "commercial.offer" not in codes
    assert "commercial.call-to-action" in codes  # the other finding on that line stays
    # The comment is not scored as text: no exclamation mark found in "<!--".
    assert found(diagnostics) - found([offer]) == found(diagnostics)

    # Hover on a finding: the rule's summary, why it matters and its source.
    cta = next(d for d in diagnostics if d.code == "commercial.call-to-action")
    hover = await client.text_document_hover_async(
        lsp.HoverParams(lsp.TextDocumentIdentifier(uri), cta.range.start)
    )
    text = hover.contents.value
    assert "**commercial.call-to-action**" in text
    assert "imperative sales phrase" in text  # the summary
    assert "Why it matters" in text and "lowers" in text
    assert "Source:" in text and "Credibility Coalition" in text
    assert hover.range == cta.range

    # Hover on the first line: the score and the criteria checklist.
    hover = await client.text_document_hover_async(
        lsp.HoverParams(lsp.TextDocumentIdentifier(uri), lsp.Position(0, 3))
    )
    text = hover.contents.value
    assert "/100**" in text and "Review criteria" in text
    assert "`harms`" in text and "Does it explain and quantify the harms?" in text
    assert "- [ ]" in text

    # The code lens shows the same score line.
    lenses = await client.text_document_code_lens_async(
        lsp.CodeLensParams(lsp.TextDocumentIdentifier(uri))
    )
    (lens,) = lenses
    assert lens.command.title.startswith("credscore ") and lens.range.start.line == 0


@pytest.mark.asyncio
async def test_initialize_announces_what_the_server_does(client: Client):
    result = client.initialized_with
    caps = result.capabilities
    assert result.server_info.name == "credscore"
    assert caps.position_encoding == lsp.PositionEncodingKind.Utf16
    assert caps.text_document_sync.change == lsp.TextDocumentSyncKind.Full
    assert caps.text_document_sync.save
    assert caps.hover_provider and caps.code_lens_provider
    assert list(caps.code_action_provider.code_action_kinds) == [lsp.CodeActionKind.QuickFix]
    assert "credscore.showChecklist" in caps.execute_command_provider.commands
    # Configuration files are watched, so that a change is picked up without a restart.
    await asyncio.sleep(0.5)
    (registration,) = client.registrations
    assert registration.method == lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES
    patterns = {w["globPattern"] for w in registration.register_options["watchers"]}
    assert patterns == {"**/.credscore.toml", "**/pyproject.toml"}


@pytest_lsp.fixture(config=CONFIG)
async def neovim(lsp_client: Client, tmp_path: Path):
    result = await lsp_client.initialize_session(_init(tmp_path, "neovim"))
    assert result.capabilities.position_encoding == lsp.PositionEncodingKind.Utf8
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_positions_follow_the_encoding_the_client_chose(neovim: Client, tmp_path: Path):
    # Neovim offers UTF-8 first: 'Café owners 😀 and teachers: ' is 33 bytes (é 2, 😀 4).
    uri = open_doc(neovim, tmp_path / "sales.txt", SALES)
    now = found(await published(neovim, uri, 1))
    assert ("commercial.call-to-action", 2, 32, 2, 40) in now
    assert ("commercial.offer", 2, 49, 2, 56) in now
    assert ("hedging.booster", 1, 28, 1, 34) in now  # an ASCII line: the same in any encoding


@pytest.mark.asyncio
async def test_positive_findings_are_hints_when_asked_for(client: Client, tmp_path: Path):
    uri = open_doc(client, tmp_path / "sales.txt", SALES)
    diagnostics = await published(client, uri, 1)
    assert "citations.named-source" not in {d.code for d in diagnostics}
    before = len(client.published)
    client.workspace_did_change_configuration(
        lsp.DidChangeConfigurationParams(settings={"credscore": {"showPositive": True}})
    )
    diagnostics = await published(client, uri, 1, after=before)
    (named,) = [d for d in diagnostics if d.code == "citations.named-source"]
    assert named.severity == lsp.DiagnosticSeverity.Hint
    assert (named.range.start.line, named.range.start.character) == (0, 0)
    # A bad setting is said, and the others still apply.
    before = len(client.published)
    client.workspace_did_change_configuration(
        lsp.DidChangeConfigurationParams(
            settings={"credscore": {"showPositive": True, "scoreDiagnostic": "no"}}
        )
    )
    diagnostics = await published(client, uri, 1, after=before)
    assert any(d.code == "citations.named-source" for d in diagnostics)
    assert any("'scoreDiagnostic' must be true or false" in m.message for m in client.messages)


MARKDOWN = """---
title: A new back treatment
---
# Results

This treatment is a miracle cure for back pain.
Book now!
"""


@pytest.mark.asyncio
async def test_markdown_file_suppression_goes_after_front_matter(client: Client, tmp_path: Path):
    uri = open_doc(client, tmp_path / "post.md", MARKDOWN, "markdown")
    diagnostics = await published(client, uri, 1)
    start = MARKDOWN.splitlines()[5].index("miracle cure")
    assert ("superlatives.miracle-claim", 5, start, 5, start + 12) in found(diagnostics)
    miracle = next(d for d in diagnostics if d.code == "superlatives.miracle-claim")
    actions = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            lsp.TextDocumentIdentifier(uri),
            lsp.Range(miracle.range.start, miracle.range.start),  # the cursor, no selection
            lsp.CodeActionContext(diagnostics=[]),
        )
    )
    action = next(
        a for a in actions if a.title == "Suppress superlatives.miracle-claim in this file"
    )
    fixed = apply(MARKDOWN, edits_of(action, uri))
    assert fixed.splitlines()[3] == "<!-- credscore-disable-file superlatives.miracle-claim -->"
    change(client, uri, 2, fixed)
    diagnostics = await published(client, uri, 2)
    assert "superlatives.miracle-claim" not in {d.code for d in diagnostics}
    # Only quick fixes are offered: asking for refactorings gives none.
    none = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            lsp.TextDocumentIdentifier(uri),
            miracle.range,
            lsp.CodeActionContext(diagnostics=[], only=[lsp.CodeActionKind.Refactor]),
        )
    )
    assert not none


HTML = """<!DOCTYPE html>
<html><head><title>Clinic news</title></head>
<body>
<nav><a href="/">Home</a></nav>
<article>
<h1>Our new treatment</h1>
<p>Our doctors say the treatment has helped many patients with back pain in the last year.</p>
<p>Researchers at the clinic followed 40 patients for six months, and most reported less pain.</p>
<p>This treatment clearly works for everyone. Book now and get 20% off your first visit.</p>
</article>
</body></html>
"""


@pytest.mark.asyncio
async def test_html_findings_point_at_the_page_source(client: Client, tmp_path: Path):
    pytest.importorskip("trafilatura")
    uri = open_doc(client, tmp_path / "page.html", HTML, "html")
    now = found(await published(client, uri, 1))
    line = HTML.splitlines()[8]
    start = line.index("Book now")
    assert ("commercial.call-to-action", 8, start, 8, start + 8) in now
    assert ("hedging.booster", 8, line.index("clearly"), 8, line.index("clearly") + 7) in now


@pytest.mark.asyncio
async def test_configuration_is_used_and_reloaded_and_a_bad_one_is_said(
    client: Client, tmp_path: Path
):
    config = tmp_path / ".credscore.toml"
    config.write_text(
        'ignore = ["harms"]\n[[overrides]]\nfiles = ["drafts/**"]\nignore = ["commercial"]\n'
    )
    client.workspace_did_change_watched_files(
        lsp.DidChangeWatchedFilesParams(
            [lsp.FileEvent(config.as_uri(), lsp.FileChangeType.Created)]
        )
    )
    (tmp_path / "drafts").mkdir()
    page = open_doc(client, tmp_path / "sales.txt", SALES)
    draft = open_doc(client, tmp_path / "drafts" / "sales.txt", SALES)
    codes = {d.code for d in await published(client, page, 1)}
    assert "harms.no-side-effects" not in codes and "commercial.offer" in codes
    codes = {d.code for d in await published(client, draft, 1)}
    assert "commercial.offer" not in codes and "hedging.booster" in codes

    # A bad configuration: said once, in a message naming the file and the key; the
    # documents are still checked, with the default settings.
    config.write_text('ignore = ["comercial"]\n')
    before = len(client.published)
    client.workspace_did_change_watched_files(
        lsp.DidChangeWatchedFilesParams(
            [lsp.FileEvent(config.as_uri(), lsp.FileChangeType.Changed)]
        )
    )
    codes = {d.code for d in await published(client, page, 1, after=before)}
    assert {"harms.no-side-effects", "commercial.offer"} <= codes
    bad = [m for m in client.messages if "comercial" in m.message]
    assert len(bad) == 1 and bad[0].type == lsp.MessageType.Error
    assert ".credscore.toml" in bad[0].message and "did you mean 'commercial'" in bad[0].message

    # Fixed and saved: reloaded (a save of the file also counts, for clients without watchers).
    config.write_text('exclude = ["sales.txt"]\n')
    before = len(client.published)
    client.text_document_did_save(
        lsp.DidSaveTextDocumentParams(lsp.TextDocumentIdentifier(config.as_uri()))
    )
    assert await published(client, page, 1, after=before) == []  # excluded: nothing to show
    lenses = await client.text_document_code_lens_async(
        lsp.CodeLensParams(lsp.TextDocumentIdentifier(page))
    )
    assert "excluded by" in lenses[0].command.title


@pytest.mark.asyncio
async def test_suppression_comments_that_do_nothing_are_shown(client: Client, tmp_path: Path):
    text = (
        "A small trial suggests the drug may help. <!-- credscore-disable-line commercial -->\n"
        "<!-- credscore-disable-next-line comercial -->\nBook now.\n"
    )
    uri = open_doc(client, tmp_path / "note.md", text, "markdown")
    diagnostics = await published(client, uri, 1)
    unused = next(d for d in diagnostics if d.message.startswith("unused suppression"))
    assert unused.severity == lsp.DiagnosticSeverity.Hint
    assert list(unused.tags) == [lsp.DiagnosticTag.Unnecessary]
    assert (unused.range.start.line, unused.range.start.character) == (0, 42)
    unknown = next(d for d in diagnostics if "unknown rule or family 'comercial'" in d.message)
    assert unknown.severity == lsp.DiagnosticSeverity.Warning
    assert unknown.range.start.line == 1
    assert "commercial.call-to-action" in {d.code for d in diagnostics}


@pytest.mark.asyncio
async def test_closing_a_document_clears_its_diagnostics(client: Client, tmp_path: Path):
    uri = open_doc(client, tmp_path / "sales.txt", SALES)
    assert await published(client, uri, 1)
    client.text_document_did_close(lsp.DidCloseTextDocumentParams(lsp.TextDocumentIdentifier(uri)))
    deadline = time.monotonic() + WAIT
    while client.diagnostics.get(uri) and time.monotonic() < deadline:
        await asyncio.sleep(0.02)
    assert uri in client.diagnostics and not client.diagnostics[uri]
    # Other files (Python, JSON, ...) are not credscore's: nothing is published for them.
    other = open_doc(client, tmp_path / "notes.py", "print('Book now!')\n", "python")
    await asyncio.sleep(1.0)
    assert other not in client.diagnostics


@pytest.mark.asyncio
async def test_hostile_documents_never_stop_the_server(client: Client, tmp_path: Path):
    from credscore.document import MAX_CHARS

    huge = open_doc(client, tmp_path / "huge.txt", "Book now. " * (MAX_CHARS // 10 + 1))
    binary = open_doc(client, tmp_path / "binary.txt", "\x00\x01\x02\x03\x04\x05\x06\x07" * 100)
    surrogates = open_doc(client, tmp_path / "s.txt", "Book now \ud800 and get 20% off \udfff!\n")
    nested = open_doc(
        client, tmp_path / "nested.html", "<div>" * 20_000 + "Book now!" + "</div>" * 20_000
    )
    (too_big,) = await published(client, huge, 1)
    assert too_big.message.startswith("credscore: not checked: the document is 5,000,010")
    assert "the limit is 5,000,000" in too_big.message
    (refused,) = await published(client, binary, 1)
    assert "binary" in refused.message
    now = found(await published(client, surrogates, 1))
    assert ("commercial.offer", 0, 19, 0, 26) in now  # the lone surrogate is one UTF-16 unit
    await published(client, nested, 1)  # whatever the page gives, it is answered
    # ... and the server still answers.
    lenses = await client.text_document_code_lens_async(
        lsp.CodeLensParams(lsp.TextDocumentIdentifier(surrogates))
    )
    assert lenses[0].command.title.startswith("credscore ")


@pytest.mark.asyncio
async def test_requests_are_answered_while_a_long_document_is_checked(
    client: Client, tmp_path: Path
):
    small = open_doc(client, tmp_path / "small.txt", SALES)
    await published(client, small, 1)
    prose = "A small trial of 120 adults suggests the drug may lower blood pressure, she said. "
    big = open_doc(client, tmp_path / "big.txt", prose * 15_000)  # 1.2 MB: seconds to check
    started = time.monotonic()
    hover = await client.text_document_hover_async(
        lsp.HoverParams(lsp.TextDocumentIdentifier(small), lsp.Position(2, 30))
    )
    answered = time.monotonic() - started
    assert "commercial.call-to-action" in hover.contents.value
    assert big not in client.diagnostics  # the long check was still running
    assert answered < 5.0, f"a hover waited {answered:.1f} s behind a check"
    await published(client, big, 1)


def test_without_the_lsp_extra_the_command_says_what_to_install(tmp_path: Path):
    blocker = tmp_path / "pygls"
    blocker.mkdir()
    (blocker / "__init__.py").write_text("raise ImportError(\"No module named 'pygls'\")\n")
    import os

    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    done = subprocess.run(SERVER, check=False, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stdout == ""
    assert "pip install 'credscore[lsp]'" in done.stderr
    assert "Traceback" not in done.stderr


def _message(payload: dict) -> bytes:
    import json

    body = json.dumps(payload).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


@pytest.mark.parametrize(("shutdown", "code"), [(True, 0), (False, 1)])
def test_exit_code_says_whether_the_editor_shut_the_server_down(shutdown, code):
    messages = [
        {
            "jsonrpc": "2.0",
            "id": 1,
            "method": "initialize",
            "params": {"processId": None, "rootUri": None, "capabilities": {}},
        },
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
    ]
    if shutdown:
        messages.append({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": None})
    messages.append({"jsonrpc": "2.0", "method": "exit", "params": None})
    done = subprocess.run(
        SERVER,
        check=False,
        input=b"".join(_message(m) for m in messages),
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == code
    assert b'"id": 1' in done.stdout and b"capabilities" in done.stdout
    assert b"Traceback" not in done.stderr


@pytest.mark.asyncio
async def test_changes_are_checked_once_typing_pauses(client: Client, tmp_path: Path):
    client.workspace_did_change_configuration(
        lsp.DidChangeConfigurationParams(settings={"credscore": {"debounceMs": 3000}})
    )
    uri = open_doc(client, tmp_path / "sales.txt", SALES)
    await published(client, uri, 1)
    for version in range(2, 7):  # five keystrokes, well within the pause
        change(client, uri, version, SALES + "More text." * version)
        await asyncio.sleep(0.05)
    await published(client, uri, 6)
    versions = {p.version for p in client.published if p.uri == uri}
    assert versions == {1, 6}


@pytest.mark.asyncio
async def test_the_score_lens_command_shows_the_checklist(client: Client, tmp_path: Path):
    uri = open_doc(client, tmp_path / "sales.txt", SALES)
    await published(client, uri, 1)
    (lens,) = await client.text_document_code_lens_async(
        lsp.CodeLensParams(lsp.TextDocumentIdentifier(uri))
    )
    await client.workspace_execute_command_async(
        lsp.ExecuteCommandParams(lens.command.command, lens.command.arguments)
    )
    deadline = time.monotonic() + WAIT
    while not any("Review criteria" in m.message for m in client.messages):
        assert time.monotonic() < deadline
        await asyncio.sleep(0.02)


@pytest.mark.asyncio
async def test_a_model_that_cannot_be_loaded_is_said_and_the_shipped_one_used(
    client: Client, tmp_path: Path
):
    (tmp_path / ".credscore.toml").write_text('model = "no-such-model.json"\n')
    uri = open_doc(client, tmp_path / "sales.txt", SALES)
    codes = {d.code for d in await published(client, uri, 1)}
    assert "commercial.offer" in codes
    (said,) = [m for m in client.messages if "no-such-model.json" in m.message]
    assert "using the shipped model" in said.message
