"""How fast `credscore lsp` answers: start-up, and a warm re-check of a 2,000-word article.

Three figures, each the median of repeated runs (the 90th percentile too for re-checks):

1. ``initialize``: from starting ``credscore lsp`` to its answer to ``initialize``, in a fresh
   process each time (the model loads afterwards, in the checker process).
2. warm re-check in process: what the checker does on each keystroke (read the Markdown,
   score, apply configuration and suppression comments, lay out diagnostics and code actions
   in UTF-16 positions), in wall and CPU time, next to scoring alone
   (``Scorer.score_document``).
3. warm re-check over stdio: ``didChange`` (``debounceMs`` 0) to ``publishDiagnostics``,
   through a real server, with the JSON-RPC round trip and the checker process.

The article is the Markdown examples in ``examples/`` (our own texts) joined and cut at
2,000 words. It prints figures and asserts nothing. From the repository root:

    python benchmarks/bench_lsp.py            # -n 40 re-checks, --starts 5
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SERVER = [sys.executable, "-m", "credscore", "lsp"]


def article(words: int = 2_000) -> str:
    """The examples joined (repeated if need be) and cut at ``words`` words."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.md"))]
    tokens: list[str] = []
    while len(tokens) < words:
        for text in texts:
            tokens += text.replace("\n", " \n").split(" ")
    kept, count = [], 0
    for token in tokens:
        kept.append(token)
        count += bool(token.strip())
        if count >= words:
            break
    return " ".join(kept).replace(" \n", "\n") + "\n"


def _summary(seconds: list[float]) -> str:
    ordered = sorted(seconds)
    p90 = ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]
    return f"median {1e3 * statistics.median(seconds):.1f} ms, p90 {1e3 * p90:.1f} ms"


def in_process(text: str, n: int) -> None:
    from credscore.document import Document
    from credscore.lsp.analysis import analyse
    from credscore.lsp.project import Project
    from credscore.lsp.results import Job
    from credscore.scorer import default_scorer

    project, scorer = Project(), default_scorer()
    path = str(ROOT / "bench-article.md")
    jobs = [
        Job(text.replace("\n", f" edit{k}\n", 1), Path(path).as_uri(), path, "markdown")
        for k in range(n)
    ]
    for job in jobs[:5]:  # warm up
        analyse(job, project)
    checks, cpu, scores = [], [], []
    for job in jobs:
        started, started_cpu = time.perf_counter(), time.process_time()
        analysis = analyse(job, project)
        checks.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
        started = time.perf_counter()
        scorer.score_document(Document.from_markdown(job.text))
        scores.append(time.perf_counter() - started)
    print(f"warm re-check in process ({len(analysis.items)} diagnostics): {_summary(checks)}")
    print(f"  the same in CPU time (what a busy machine does not inflate): {_summary(cpu)}")
    print(f"  scoring alone (Document.from_markdown + score_document): {_summary(scores)}")


async def _session(text: str, n: int) -> tuple[float, float, list[float]]:
    from lsprotocol import types as lsp
    from pygls.lsp.client import LanguageClient

    client = LanguageClient("bench", "1")
    published: dict[int, float] = {}

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def _published(params: lsp.PublishDiagnosticsParams) -> None:
        published.setdefault(params.version, time.perf_counter())

    started = time.perf_counter()
    await client.start_io(*SERVER)
    await client.initialize_async(
        lsp.InitializeParams(
            capabilities=lsp.ClientCapabilities(),
            root_uri=ROOT.as_uri(),
            initialization_options={"debounceMs": 0},
        )
    )
    init = time.perf_counter() - started
    init_cpu = _cpu_seconds(client._server.pid) if client._server else float("nan")
    client.initialized(lsp.InitializedParams())
    round_trips: list[float] = []
    if n:
        uri = (ROOT / "bench-article.md").as_uri()
        client.text_document_did_open(
            lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, "markdown", 0, text))
        )
        sent = time.perf_counter()
        for version in range(n + 6):
            while version not in published:
                await asyncio.sleep(0.0005)
            if version >= 6:  # the first checks warm up
                round_trips.append(published[version] - sent)
            edited = text.replace("\n", f" e{version}\n", 1)
            sent = time.perf_counter()
            client.text_document_did_change(
                lsp.DidChangeTextDocumentParams(
                    lsp.VersionedTextDocumentIdentifier(version + 1, uri),
                    [lsp.TextDocumentContentChangeWholeDocument(edited)],
                )
            )
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return init, init_cpu, round_trips


def _cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far (Linux; NaN elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def over_stdio(text: str, n: int, starts: int) -> None:
    inits, cpus, trips = [], [], []
    for k in range(starts):
        init, cpu, round_trips = asyncio.run(_session(text, n if k == 0 else 0))
        inits.append(init)
        cpus.append(cpu)
        trips += round_trips
    print(
        f"initialize answered, fresh process: median {statistics.median(inits):.2f} s "
        f"(min {min(inits):.2f}, max {max(inits):.2f}; {starts} starts); the server's CPU "
        f"time until then: median {statistics.median(cpus):.2f} s"
    )
    if trips:
        print(f"warm re-check over stdio, didChange to publishDiagnostics: {_summary(trips)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=40, help="re-checks timed (default 40)")
    parser.add_argument("--starts", type=int, default=5, help="server starts timed")
    args = parser.parse_args()
    text = article()
    print(
        f"article: {len(text.split()):,} words, {len(text):,} characters; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    in_process(text, args.n)
    if args.starts:
        over_stdio(text, args.n, args.starts)


if __name__ == "__main__":
    main()
