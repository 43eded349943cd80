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

Usage (from the repository root)::

    python benchmarks/bench_scoring.py [--data ../shared/data] [-n 300] [--parallel 2000]
                                       [--stream 20000] [--only stream]

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
import sys
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


def load_texts(data_dir: Path, n: int) -> list[str]:
    """The first ``n`` usable HealthStory article bodies (real news stories, ~870 words)."""
    path = data_dir / CORPORA["healthstory"]
    if not path.is_file():
        sys.exit(
            f"error: data not found: {path} does not exist.\n"
            "Pass the data folder with --data DIR (it must contain fakehealth/healthstory_train.jsonl)."
        )
    texts: list[str] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row.get("text_ok", 1) and (row.get("text") or "").strip():
                texts.append(row["text"])
                if len(texts) == n:
                    break
    if not texts:
        sys.exit(f"error: no usable articles in {path}")
    return texts


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
    args = parser.parse_args(argv)

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
    import subprocess
    import tempfile

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


if __name__ == "__main__":
    raise SystemExit(main())
