"""The ``credscore`` command line.

Exit codes: 0 success; 2 a usage, input or model error (a one-line message naming the file and
the problem, never a traceback).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from credscore.errors import CredscoreError

__all__ = ["main"]

EXIT_OK, EXIT_FAIL, EXIT_ERROR = 0, 1, 2


_SKIPPED_DIRS = frozenset({"node_modules", "venv", "site-packages", "__pycache__"})


def _files(paths: Sequence[str]) -> Iterator[Path]:
    """Files named on the command line, and the article files found under folders (hidden
    folders, virtual environments and node_modules are not searched)."""
    from credscore.formats.files import SUFFIXES

    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            yield path
            continue
        found = []
        for folder, subdirs, names in os.walk(path):
            subdirs[:] = sorted(
                d for d in subdirs if not d.startswith(".") and d not in _SKIPPED_DIRS
            )
            found.extend(Path(folder, n) for n in names if Path(n).suffix.lower() in SUFFIXES)
        yield from sorted(found)


def _score(args: argparse.Namespace) -> int:
    from credscore.formats.files import read_document
    from credscore.scorer import Scorer

    scorer = Scorer(args.model)
    status = EXIT_OK
    results = []
    for path in _files(args.paths):
        try:
            report = scorer.score_document(read_document(path))
        except CredscoreError as exc:
            print(f"credscore: error: {exc}", file=sys.stderr)
            status = EXIT_ERROR
            continue
        if args.format == "json":
            results.append({"path": str(path), **report.to_dict()})
            continue
        print(f"{path}: score {report.score:.1f}/100 ({report.band})")
        for family, value in list(report.family_contributions.items())[:3]:
            print(f"  {family:<13} {value:+.2f}")
        for f in report.top_findings(args.top):
            print(f"{path}:{f.line}:{f.column}: {f.rule} [{f.severity}] {f.message}")
    if args.format == "json":
        json.dump(results, sys.stdout, indent=2, ensure_ascii=False)
        print()
    return status


def _train(args: argparse.Namespace) -> int:
    from credscore.data import find_data_dir
    from credscore.train import train

    data = find_data_dir(args.data)
    if data is None:
        print(f"credscore: error: no labelled data found at {args.data!r}", file=sys.stderr)
        return EXIT_ERROR
    from credscore.model_card import model_card

    model = train(data, run_evaluation=not args.no_evaluate)
    model.save(args.out)
    card = Path(args.out).with_name("MODEL_CARD.md")
    card.write_text(model_card(model), encoding="utf-8")
    print(f"wrote {args.out} and {card}")
    for split, row in model.metadata.get("evaluation", {}).items():
        print(f"  {split:<30} " + "  ".join(f"{k}={v}" for k, v in row.items()))
    return EXIT_OK


def _rules(args: argparse.Namespace) -> int:
    from credscore.signals import rules

    for rule in rules().values():
        print(f"{rule.id:<36} {rule.severity:<8} {rule.effect:<7} {rule.summary}")
        if args.verbose:
            print(f"{'':<36} source: {rule.source}")
    return EXIT_OK


def _parser() -> argparse.ArgumentParser:
    from credscore import __version__

    parser = argparse.ArgumentParser(
        prog="credscore", description="Score the credibility of health writing."
    )
    parser.add_argument("--version", action="version", version=f"credscore {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    score = sub.add_parser("score", help="score files or folders of .txt/.md articles")
    score.add_argument("paths", nargs="+", metavar="PATH")
    score.add_argument("--model", metavar="FILE", help="model file (default: the shipped one)")
    score.add_argument("--format", choices=("text", "json"), default="text")
    score.add_argument("--top", type=int, default=5, metavar="N", help="findings per file")
    score.set_defaults(run=_score)

    train = sub.add_parser("train", help="train a model on the labelled corpora")
    train.add_argument("--data", default=None, metavar="DIR", help="data folder")
    train.add_argument("--out", required=True, metavar="FILE", help="model file to write")
    train.add_argument("--no-evaluate", action="store_true", help="skip the evaluation folds")
    train.set_defaults(run=_train)

    rules = sub.add_parser("rules", help="list every rule id")
    rules.add_argument("-v", "--verbose", action="store_true", help="show each rule's source")
    rules.set_defaults(run=_rules)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except CredscoreError as exc:
        print(f"credscore: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
