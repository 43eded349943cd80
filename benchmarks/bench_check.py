"""Cold start of ``credscore check one.md`` next to ``proselint check one.md``. Prints figures.

Both commands run as fresh processes on the same short Markdown file (an example article of
this repository), alternating, ``-n`` times each; the script prints the median and minimum
wall time of each and the ratio of the medians. A check on every save should stay within
about 1.5x proselint's time. It also prints where credscore's time goes in one process
(imports, model, reading, first score), to show what to make lazy next.

Usage (from the repository root, with credscore and proselint installed)::

    python benchmarks/bench_check.py [-n 15] [--file examples/health-news-brief.md]
                                     [--model FILE]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_FILE = HERE.parent / "examples" / "health-news-brief.md"

PHASES = """
import time
t0 = time.perf_counter()
import credscore.cli
t1 = time.perf_counter()
from credscore.scorer import Scorer
scorer = Scorer({model!r})
t2 = time.perf_counter()
from credscore.formats.article import read_articles
article = read_articles({path!r})[0]
t3 = time.perf_counter()
scorer.score_document(article.doc)
t4 = time.perf_counter()
scorer.score_document(article.doc)
t5 = time.perf_counter()
print(f"{{t1 - t0:.3f}} {{t2 - t1:.3f}} {{t3 - t2:.3f}} {{t4 - t3:.3f}} {{t5 - t4:.3f}}")
"""


def _executable(name: str) -> str | None:
    local = Path(sys.executable).with_name(name)
    return str(local) if local.exists() else shutil.which(name)


def _time(cmd: list[str], cwd: Path) -> tuple[float, int]:
    start = time.perf_counter()
    done = subprocess.run(
        cmd, check=False, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    return time.perf_counter() - start, done.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=15, help="runs of each command")
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE, help="the Markdown file")
    parser.add_argument("--model", default=None, help="model file (default: the shipped one)")
    args = parser.parse_args()

    credscore = _executable("credscore")
    proselint = _executable("proselint")
    if credscore is None:
        sys.exit("error: the credscore command is not installed (pip install -e .)")
    if proselint is None:
        sys.exit("error: proselint is not installed (pip install -e '.[bench]')")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        one = work / "one.md"
        one.write_text(args.file.read_text(encoding="utf-8"), encoding="utf-8")
        ours = [credscore, "check", "--isolated", "--exit-zero", "one.md"]
        if args.model:
            ours[2:2] = ["--model", str(Path(args.model).resolve())]
        theirs = [proselint, "check", "one.md"]
        _, code = _time(ours, work)  # warm the disk cache for both
        if code not in (0, 1):
            sys.exit(f"error: {' '.join(ours)} exited {code}; is the model loadable?")
        _time(theirs, work)
        times: dict[str, list[float]] = {"credscore": [], "proselint": []}
        for _ in range(args.n):
            times["credscore"].append(_time(ours, work)[0])
            times["proselint"].append(_time(theirs, work)[0])
        phases = subprocess.run(
            [sys.executable, "-c", PHASES.format(model=args.model, path=str(one))],
            check=False,
            capture_output=True,
            text=True,
            cwd=work,
        ).stdout.split()

    words = len(args.file.read_text(encoding="utf-8").split())
    print(f"file: {args.file.name} ({words} words), {args.n} runs each, alternating")
    for name, values in times.items():
        print(
            f"  {name:<10} median {statistics.median(values):.3f} s   "
            f"min {min(values):.3f} s   max {max(values):.3f} s"
        )
    ratio = statistics.median(times["credscore"]) / statistics.median(times["proselint"])
    print(f"  ratio credscore / proselint (medians): {ratio:.2f}x (target <= 1.5x)")
    if len(phases) == 5:
        labels = ("import cli", "load model", "read file", "first score", "second score")
        print("  one credscore process: " + ", ".join(f"{k} {v} s" for k, v in zip(labels, phases)))


if __name__ == "__main__":
    main()
