"""Benchmark credscore's batch scoring on real articles. Prints figures; asserts nothing.

Measures, in one run:

1. articles/second of full credscore scoring (all signals, findings and the model) on one core
   (``score_many(n_jobs=1)`` after a warm-up), next to textstat's six standard formulas on the
   same texts, and the ratio of the two;
2. the speed-up of ``score_many(n_jobs=2)`` over ``n_jobs=1`` on a larger batch;
3. peak resident memory while streaming ``--stream`` articles (the real ones, repeated by a
   generator, never held in a list) through ``score_many``;
4. the same articles piped as JSONL through ``credscore score --jsonl - --out x.parquet`` in a
   child process: its time and its own peak resident memory (``os.wait4``), which stays flat
   however many articles go through.

With ``--reference PATH`` (another checkout of credscore, e.g. an older commit), it measures
only the CPU time per article of ``Scorer.score`` (text and title, reports kept) in this tree
and in the reference, each in its own child process with its own shipped model, alternating
``--rounds`` times, and prints both and their ratio (the median of the per-round ratios).

Usage (from the repository root)::

    python benchmarks/bench_scoring.py [--data ../shared/data] [-n 300] [--parallel 2000]
                                       [--stream 20000] [--only stream]
    python benchmarks/bench_scoring.py --reference ../old [-n 371] [--rounds 9]

``--only stream --stream 100000`` runs just the two streaming measurements on 100,000 articles.

The articles are read from the data folder at run time; none is copied into the repository.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run from a checkout without installing

import credscore  # noqa: E402
from credscore.data import CORPORA  # noqa: E402

TEXTSTAT_FORMULAS = (
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "smog_index",
    "gunning_fog",
    "coleman_liau_index",
    "automated_readability_index",
)


def load_articles(data_dir: Path, n: int) -> list[tuple[str, str | None]]:
    """The first ``n`` usable HealthStory articles (real news stories, ~870 words), as
    (body, title) pairs."""
    path = data_dir / CORPORA["healthstory"]
    if not path.is_file():
        sys.exit(
            f"error: data not found: {path} does not exist.\n"
            "Pass the data folder with --data DIR (it must contain fakehealth/healthstory_train.jsonl)."
        )
    articles: list[tuple[str, str | None]] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row.get("text_ok", 1) and (row.get("text") or "").strip():
                articles.append((row["text"], row.get("title")))
                if len(articles) == n:
                    break
    if not articles:
        sys.exit(f"error: no usable articles in {path}")
    return articles


def load_texts(data_dir: Path, n: int) -> list[str]:
    """The bodies of :func:`load_articles`."""
    return [text for text, _ in load_articles(data_dir, n)]


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MB (ru_maxrss is KB on Linux)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def rate(func, texts: list[str], repeat: int = 1) -> float:
    """Articles per second of ``func(texts)``, best of ``repeat`` runs."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func(texts)
        best = min(best, time.perf_counter() - start)
    return len(texts) / best


def credscore_all(texts: list[str], n_jobs: int = 1) -> None:
    for result in credscore.score_many(texts, n_jobs=n_jobs):
        if isinstance(result, credscore.BatchError):
            raise RuntimeError(result.error)


def textstat_all(texts: list[str]) -> None:
    import textstat

    formulas = [getattr(textstat, name) for name in TEXTSTAT_FORMULAS]
    for text in texts:
        for formula in formulas:
            formula(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--data", default="../shared/data", help="data folder (default %(default)s)"
    )
    parser.add_argument("-n", type=int, default=300, help="articles for the one-core rates")
    parser.add_argument(
        "--parallel",
        type=int,
        default=2000,
        help="articles for the n_jobs=2 speed-up (0 skips it)",
    )
    parser.add_argument(
        "--stream",
        type=int,
        default=20_000,
        help="articles streamed for the peak-memory figures (0 skips them)",
    )
    parser.add_argument("--repeat", type=int, default=2, help="timed runs, best one kept")
    parser.add_argument(
        "--only", choices=("all", "stream"), default="all", help="run only the streaming part"
    )
    parser.add_argument(
        "--reference",
        metavar="PATH",
        help="another credscore checkout: compare Scorer.score's CPU time per article with it "
        "(and run nothing else)",
    )
    parser.add_argument(
        "--rounds", type=int, default=9, help="alternating timed runs for --reference"
    )
    args = parser.parse_args(argv)
    if args.reference:
        return against_reference(
            load_articles(Path(args.data), args.n), Path(args.reference), args.rounds
        )

    texts = load_texts(Path(args.data), args.n)
    words = sum(len(t.split()) for t in texts) / len(texts)
    from importlib.metadata import version

    print(
        f"credscore {credscore.__version__}, textstat {version('textstat')}, "
        f"Python {platform.python_version()}, {os.cpu_count()} CPUs"
    )
    print(f"{len(texts)} HealthStory articles, {words:.0f} words on average\n")

    if args.only == "all":
        speed(texts, args)
    if args.stream > 0:
        stream_in_process(texts, args.stream)
        stream_cli(texts, args.stream)
    return 0


def speed(texts: list[str], args: argparse.Namespace) -> None:
    """Measurements 1 and 2: one core against textstat, then two processes against one."""
    # 1. one core: credscore vs textstat on the same texts (warm-up first: model, caches).
    credscore_all(texts[:20])
    textstat_all(texts[:20])
    cs = rate(credscore_all, texts, args.repeat)
    ts = rate(textstat_all, texts, args.repeat)
    print("one core, same texts")
    print(f"  credscore full scoring (score_many, n_jobs=1): {cs:8.1f} articles/s")
    print(f"  textstat six formulas:                         {ts:8.1f} articles/s")
    print(f"  ratio credscore / textstat:                    {cs / ts:8.2f}x\n")

    # 2. two processes vs one on a larger batch (process start-up included).
    if args.parallel <= 0:
        return
    big = list(itertools.islice(itertools.cycle(texts), args.parallel))
    one = rate(lambda t: credscore_all(t, 1), big)
    two = rate(lambda t: credscore_all(t, 2), big)
    print(f"parallel, {len(big)} articles (start-up of the workers included)")
    print(f"  n_jobs=1: {one:8.1f} articles/s")
    print(f"  n_jobs=2: {two:8.1f} articles/s")
    print(f"  speed-up: {two / one:8.2f}x\n")


def stream_in_process(texts: list[str], n: int) -> None:
    """Measurement 3: peak RSS while streaming ``n`` articles from a generator through
    score_many (results are dropped as they come)."""

    def stream() -> Iterator[str]:
        return itertools.islice(itertools.cycle(texts), n)

    before = peak_rss_mb()
    start = time.perf_counter()
    count = sum(1 for _ in credscore.score_many(stream()))
    elapsed = time.perf_counter() - start
    after = peak_rss_mb()
    print(f"streaming {count} articles through score_many (n_jobs=1)")
    print(f"  time: {elapsed:.1f} s ({count / elapsed:.1f} articles/s)")
    print(f"  peak RSS of the process: {before:.0f} MB before, {after:.0f} MB after\n")


def stream_cli(texts: list[str], n: int) -> None:
    """Measurement 4: ``n`` articles piped as JSONL through ``credscore score --jsonl - --out
    x.parquet`` in a child process; its wall time and its own peak RSS."""

    cmd = [sys.executable, "-m", "credscore", "score", "--jsonl", "-", "--no-progress"]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp, "scores.parquet")
        path = [str(HERE.parent), *filter(None, [os.environ.get("PYTHONPATH")])]
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(path)}
        with open(Path(tmp, "stderr.txt"), "w+b") as err:
            start = time.perf_counter()
            child = subprocess.Popen(
                [*cmd, "--out", str(out)], stdin=subprocess.PIPE, stderr=err, env=env
            )
            assert child.stdin is not None
            try:
                for i, text in enumerate(itertools.islice(itertools.cycle(texts), n)):
                    line = json.dumps({"id": i, "text": text}, ensure_ascii=False) + "\n"
                    child.stdin.write(line.encode("utf-8"))
                child.stdin.close()
            except BrokenPipeError:  # the child stopped early; its message says why
                pass
            _, status, usage = os.wait4(child.pid, 0)  # the child's own resource usage
            child.returncode = os.waitstatus_to_exitcode(status)
            elapsed = time.perf_counter() - start
            err.seek(0)
            message = err.read().decode("utf-8", "replace").strip()
        size = out.stat().st_size / 1e6 if out.exists() else 0.0
    peak = usage.ru_maxrss / (1024 * 1024) if sys.platform == "darwin" else usage.ru_maxrss / 1024
    print(f"streaming {n} articles as JSONL through `credscore score --jsonl - --out x.parquet`")
    print(f"  exit code {child.returncode}: {message.splitlines()[-1] if message else ''}")
    print(f"  time: {elapsed:.1f} s ({n / elapsed:.1f} articles/s), Parquet {size:.1f} MB")
    print(f"  peak RSS of the credscore process: {peak:.0f} MB")


# A child process that scores the articles of a JSON file with one tree's code and model (both
# from PYTHONPATH) and prints the CPU time of one pass over them for each line read on stdin.
_WORKER = """
import json, sys, time
import credscore
from credscore.scorer import Scorer
articles = json.load(open(sys.argv[1], encoding="utf-8"))
scorer = Scorer(sys.argv[2])
for text, title in articles:
    scorer.score(text, title=title)  # warm-up: model, caches, compiled patterns
print(credscore.__file__, flush=True)
for _ in sys.stdin:
    start = time.process_time()
    reports = [scorer.score(text, title=title) for text, title in articles]
    print(time.process_time() - start, flush=True)
"""


def _checkout(tree: Path) -> Path:
    """``tree`` resolved, or exit with an error when it is not a credscore checkout."""
    tree = tree.resolve()
    if not (tree / "credscore" / "__init__.py").is_file() or not _model_of(tree).is_file():
        sys.exit(f"error: {tree} is not a credscore checkout (no credscore/ or shipped model)")
    return tree


def _model_of(tree: Path) -> Path:
    return tree / "models" / "credscore-model.json"


def _start_worker(tree: Path, articles_file: str, cwd: str) -> subprocess.Popen:
    """A :data:`_WORKER` process running ``tree``'s credscore with its shipped model."""
    model = _model_of(tree)
    env = {**os.environ, "PYTHONPATH": str(tree), "OPENBLAS_NUM_THREADS": "1"}
    worker = subprocess.Popen(
        [sys.executable, "-c", _WORKER, articles_file, str(model)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=cwd,
    )
    assert worker.stdout is not None
    loaded = worker.stdout.readline().strip()
    if not loaded.startswith(str(tree)):
        sys.exit(f"error: the worker for {tree} imported credscore from {loaded or 'nowhere'}")
    return worker


def _timed_pass(name: str, worker: subprocess.Popen) -> float:
    """CPU seconds of one pass of ``worker`` over its articles."""
    assert worker.stdin is not None and worker.stdout is not None
    worker.stdin.write("run\n")
    worker.stdin.flush()
    answer = worker.stdout.readline()
    if not answer:
        sys.exit(f"error: the worker for {name} stopped (its error is above)")
    return float(answer)


def against_reference(articles: list[tuple[str, str | None]], reference: Path, rounds: int) -> int:
    """Score ``articles`` with this tree and with ``reference`` in two child processes, one
    pass each in turn (the order swapped every round, so that a change in the machine's load
    falls on both), and print the CPU time per article of each and their ratio."""
    trees = {"this tree": _checkout(HERE.parent), "reference": _checkout(reference)}
    times: dict[str, list[float]] = {name: [] for name in trees}
    with tempfile.TemporaryDirectory() as tmp:
        articles_file = str(Path(tmp, "articles.json"))
        Path(articles_file).write_text(json.dumps(articles), encoding="utf-8")
        workers = {name: _start_worker(tree, articles_file, tmp) for name, tree in trees.items()}
        try:
            for r in range(rounds):
                for name in list(workers)[:: 1 if r % 2 == 0 else -1]:
                    times[name].append(_timed_pass(name, workers[name]))
        finally:
            for worker in workers.values():
                worker.stdin.close()  # type: ignore[union-attr]
                worker.wait()
    per_article = {name: [1000 * t / len(articles) for t in ts] for name, ts in times.items()}
    ratios = [a / b for a, b in zip(times["this tree"], times["reference"])]
    print(f"{len(articles)} HealthStory articles, {rounds} alternating rounds, CPU time per article")
    for name, tree in trees.items():
        ms = per_article[name]
        print(
            f"  {name:9s} ({tree}): median {statistics.median(ms):.3f} ms, "
            f"best {min(ms):.3f} ms"
        )
    print(
        f"  ratio this tree / reference: median {statistics.median(ratios):.3f} "
        f"(rounds {min(ratios):.3f}-{max(ratios):.3f}), of the bests "
        f"{min(per_article['this tree']) / min(per_article['reference']):.3f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
