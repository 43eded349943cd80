"""The ``credscore`` command line.

Exit codes: 0 success; 2 a usage, input or model error (a one-line message naming the file and
the problem, never a traceback); 3 no article found (``score`` and ``explain`` of an empty
folder; ``check`` exits 3 the same way).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from credscore.errors import CredscoreError

__all__ = ["main"]

EXIT_OK, EXIT_FAIL, EXIT_ERROR, EXIT_NO_ARTICLE = 0, 1, 2, 3


def _count(value: str) -> int:
    """An argparse type: a whole number, 0 or more."""
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {n}")
    return n


def _located_reports(model, paths, *, text_field: str = "text", title_field: str = "title"):
    """``(name, report)`` for every article in ``paths`` (files and folders, ``-`` for
    standard input; one per record of a JSON file), findings at their line and column in the
    file, as ``check`` gives them. A file or record that cannot be read or scored is reported
    on standard error and yields ``(name, None)``; a named folder holding no article file is
    reported on standard error and yields nothing."""
    from credscore.check.collect import iter_files
    from credscore.formats.article import read_articles, read_stream
    from credscore.formats.files import searched
    from credscore.scorer import Scorer

    scorer = Scorer(model)
    fields = {"text_field": text_field, "title_field": title_field}
    for named in paths:
        files = [named] if named == "-" else list(iter_files([named]))
        if not files:
            print(
                f"credscore: {named}: no article found (searched for {searched()})", file=sys.stderr
            )
        for path in files:
            try:
                if path == "-":
                    articles = read_stream(sys.stdin.buffer, "-", ".txt", **fields)
                else:
                    articles = read_articles(path, **fields)
            except CredscoreError as exc:
                print(f"credscore: error: {exc}", file=sys.stderr)
                yield str(path), None
                continue
            for article in articles:
                try:
                    if isinstance(article, CredscoreError):
                        raise article
                    report = article.score(scorer)
                except CredscoreError as exc:
                    print(f"credscore: error: {exc}", file=sys.stderr)
                    yield getattr(exc, "source", str(path)), None
                    continue
                yield article.name, replace(report, findings=article.located(report.findings))


def _status(articles: int, errors: int) -> int:
    """The exit code of ``score`` and ``explain``: 2 when an article or file could not be read
    or scored, else 3 when no article was found at all, else 0."""
    if errors:
        return EXIT_ERROR
    return EXIT_OK if articles else EXIT_NO_ARTICLE


def _score(args: argparse.Namespace) -> int:
    if args.jsonl is not None or not args.paths:
        from credscore.stream import run_cli

        return run_cli(args)
    from credscore.check.output.text import finding_line
    from credscore.printable import printable
    from credscore.signals import rule_effects

    effects = rule_effects()
    found, articles, errors = [], 0, 0
    fields = {"text_field": args.text_field, "title_field": args.title_field or "title"}
    for name, report in _located_reports(args.model, args.paths, **fields):
        articles += 1
        if report is None:
            errors += 1
        elif args.format == "json":
            found.append({"path": name, **report.to_dict()})
        else:
            print(f"{printable(name)}: score {report.score:.1f}/100 ({report.band_label})")
            for family, value in list(report.family_contributions.items())[:3]:
                print(f"  {family:<13} {value:+.2f}")
            for f in report.top_findings(args.top):
                effect = effects.get(f.rule, "lowers")
                print(finding_line(name, f.line, f.column, f.rule, f.severity, effect, f.message))
    if args.format == "json":
        json.dump(found, sys.stdout, indent=2, ensure_ascii=False)
        print()
    return _status(articles, errors)


def _no_data(given: str | None) -> int:
    where = f"at {given}" if given else "(give --data DIR or set CREDSCORE_DATA)"
    print(f"credscore: error: no labelled data found {where}", file=sys.stderr)
    return EXIT_ERROR


def _train(args: argparse.Namespace) -> int:
    from credscore.data import find_data_dir
    from credscore.model_card import card_conflict, model_card
    from credscore.train import train

    data = find_data_dir(args.data)
    if data is None:
        return _no_data(args.data)
    out = Path(args.out)
    out_dir = out.resolve().parent
    if not out_dir.is_dir():  # say so now, not after minutes of training
        print(f"credscore: error: {out_dir}: no such folder for --out", file=sys.stderr)
        return EXIT_ERROR
    card = out.with_name("MODEL_CARD.md")  # also checked now, not after training
    if card.is_dir():
        print(f"credscore: error: {card}: is a folder, not a model card", file=sys.stderr)
        return EXIT_ERROR
    conflict = None if args.force else card_conflict(card, out)
    if conflict:
        print(f"credscore: error: {card}: {conflict}; --force overwrites it", file=sys.stderr)
        return EXIT_ERROR
    from credscore.selection import HISTORY

    history_path = out.with_name(HISTORY)
    history = json.loads(history_path.read_text("utf-8")) if history_path.is_file() else None
    with _progress_on_stderr():
        model = train(
            data, spec=_spec(args.spec), run_evaluation=not args.no_evaluate, history=history
        )
    model.save(out)
    card.write_text(model_card(model, out.name), encoding="utf-8")
    print(f"wrote {out} and {card}")
    return EXIT_OK


@contextlib.contextmanager
def _progress_on_stderr() -> Iterator[None]:
    """Show the progress lines that training and evaluation log (INFO on the
    ``credscore.train`` logger) on standard error, timestamped."""
    import logging

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("credscore: %(asctime)s %(message)s", "%H:%M:%S"))
    logger = logging.getLogger("credscore.train")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def _spec(text: str | None):
    """The ModelSpec of ``--spec JSON`` (fields over the shipped one), or the shipped one."""
    import dataclasses
    import json

    from credscore.train import SHIPPED_SPEC

    if text is None:
        return SHIPPED_SPEC
    try:
        return dataclasses.replace(SHIPPED_SPEC, **json.loads(text))
    except (ValueError, TypeError) as exc:
        raise CredscoreError(f"--spec: {exc}") from None


def _selection(args: argparse.Namespace, data, spec) -> int:
    import json

    from credscore import selection
    from credscore.model import default_model_path

    train, dev = selection.cached_datasets(data, use_cache=not args.no_cache)
    print(f"candidate: {spec.label()}", file=sys.stderr)
    pred = selection.out_of_fold(train, dev, spec)
    against_path = args.against or default_model_path().with_name(selection.REFERENCE)
    against = None
    if Path(against_path).is_file():
        against = selection.Predictions.from_dict(
            json.loads(Path(against_path).read_text(encoding="utf-8"))
        )
    elif args.against:
        raise CredscoreError(f"--against: {args.against}: no such file")
    baseline = selection.tfidf_baseline(train, dev) if dev is not None else None
    figs = selection.figures(train, dev, pred, against, baseline)
    print(selection.compare(figs))
    print()
    print(selection.verdict(figs))
    if args.save:
        Path(args.save).write_text(json.dumps(pred.to_dict()) + "\n", encoding="utf-8")
        print(f"wrote {args.save}", file=sys.stderr)
    if args.record:
        path = default_model_path().with_name(selection.HISTORY)
        selection.record(path, spec.label(), figs, args.record)
        print(f"recorded in {path}", file=sys.stderr)
    return EXIT_OK


def _evaluate(args: argparse.Namespace) -> int:
    from credscore.data import find_data_dir

    data = find_data_dir(args.data)
    if data is None:
        return _no_data(args.data)
    from credscore.model_card import calibration_table, criteria_table, evaluation_table
    from credscore.train import evaluate, evaluate_criteria, load_dataset

    spec = _spec(args.spec)
    if args.selection:
        return _selection(args, data, spec)
    with _progress_on_stderr():
        ds = load_dataset(data)
        figures = evaluate(ds, spec=spec, baseline=not args.no_baseline)
        criteria = evaluate_criteria(ds)
    print(evaluation_table(figures))
    print()
    print(calibration_table(figures["healthstory_held_out"]["credscore"]["calibration"]))
    print()
    print(criteria_table(criteria))
    return EXIT_OK


def _explain(args: argparse.Namespace) -> int:
    from credscore.explain import checklist

    articles = errors = 0
    fields = {"text_field": args.text_field, "title_field": args.title_field}
    for name, report in _located_reports(args.model, args.paths, **fields):
        articles += 1
        if report is None:
            errors += 1
            continue
        try:
            print(checklist(report, path=name, evidence=args.evidence), flush=True)
        except BrokenPipeError:
            raise
        except OSError as exc:  # a full disk: say where, and do not retry at exit
            from credscore.check.cli import drop_stdout

            drop_stdout()
            print(
                f"credscore: error: standard output: cannot write ({exc.strerror})", file=sys.stderr
            )
            return EXIT_ERROR
    return _status(articles, errors)


def _rules(args: argparse.Namespace) -> int:
    from credscore.signals import rules

    found = list(rules().values())
    if args.format == "json":
        keys = ("id", "family", "severity", "effect", "summary", "source")
        json.dump([{k: getattr(r, k) for k in keys} for r in found], sys.stdout, indent=2)
        print()
        return EXIT_OK
    for rule in found:
        columns = f"{rule.id:<36} {rule.family:<13} {rule.severity:<8} {rule.effect:<7}"
        print(f"{columns} {rule.summary}")
        if args.verbose:
            print(f"{'':<36} source: {rule.source}")
    return EXIT_OK


def _lsp(args: argparse.Namespace) -> int:
    from credscore.lsp import serve

    return serve()


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser. Given the ``command`` about to run, the options of the other
    subcommands that are costly to set up are left out (see :func:`main`)."""
    from credscore import __version__

    parser = argparse.ArgumentParser(
        prog="credscore", description="Score the credibility of health writing."
    )
    parser.add_argument("--version", action="version", version=f"credscore {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    score = sub.add_parser(
        "score", help="score articles (.txt, .md, .html files or folders; --jsonl for records)"
    )
    score.add_argument("paths", nargs="*", metavar="PATH")
    score.add_argument("--model", metavar="FILE", help="model file (default: the shipped one)")
    score.add_argument("--format", choices=("text", "json"), default="text")
    score.add_argument("--top", type=_count, default=5, metavar="N", help="findings per file")
    if command in (None, "score"):
        # credscore.stream imports the batch machinery: numpy and the signals
        # (~0.3 s), which `credscore check one.md` on every save should not wait for.
        from credscore.stream import add_arguments

        add_arguments(score)  # --jsonl IN --out OUT ...
    score.set_defaults(run=_score)

    train = sub.add_parser("train", help="train a model on the labelled corpora")
    train.add_argument("--data", default=None, metavar="DIR", help="data folder")
    train.add_argument("--out", required=True, metavar="FILE", help="model file to write")
    train.add_argument("--no-evaluate", action="store_true", help="skip the evaluation folds")
    train.add_argument("--spec", metavar="JSON", help="candidate model fields (default: shipped)")
    train.add_argument(
        "--force",
        action="store_true",
        help="overwrite a MODEL_CARD.md that documents another model file, or none",
    )
    train.set_defaults(run=_train)

    evaluate = sub.add_parser(
        "evaluate", help="refit on honest splits and print the figures, with a TF-IDF baseline"
    )
    evaluate.add_argument("--data", default=None, metavar="DIR", help="data folder")
    evaluate.add_argument("--no-baseline", action="store_true", help="skip the TF-IDF baseline")
    evaluate.add_argument(
        "--selection",
        action="store_true",
        help="only the figures that choose features and models (see credscore.selection)",
    )
    evaluate.add_argument(
        "--spec", metavar="JSON", help='candidate model, e.g. \'{"wording_C": 1.0}\''
    )
    evaluate.add_argument(
        "--against", metavar="FILE", help="out-of-fold predictions to compare with "
        "(default: the shipped model's, models/selection-reference.json)",
    )
    evaluate.add_argument("--save", metavar="FILE", help="write this candidate's predictions")
    evaluate.add_argument(
        "--record", metavar="NOTE", help="add the figures and NOTE to the candidates' history"
    )
    evaluate.add_argument("--no-cache", action="store_true", help="featurise the data afresh")
    evaluate.set_defaults(run=_evaluate)

    explain = sub.add_parser(
        "explain", help="the review criteria as a checklist, with the evidence for each"
    )
    explain.add_argument("paths", nargs="+", metavar="FILE")
    explain.add_argument("--model", metavar="FILE", help="model file (default: the shipped one)")
    explain.add_argument(
        "--evidence",
        type=_count,
        default=3,
        metavar="N",
        help="findings shown per criterion (0: the verdicts only)",
    )
    explain.add_argument("--text-field", default="text", metavar="NAME", help="default: text")
    explain.add_argument("--title-field", default="title", metavar="NAME", help="default: title")
    explain.set_defaults(run=_explain)

    rules = sub.add_parser("rules", help="list every rule id")
    rules.add_argument("-v", "--verbose", action="store_true", help="show each rule's source")
    rules.add_argument("--format", choices=("text", "json"), default="text")
    rules.set_defaults(run=_rules)

    lsp = sub.add_parser(
        "lsp", help="language server for editors, over stdio (needs the 'lsp' extra)"
    )
    lsp.add_argument("--stdio", action="store_true", help="use stdio (the default and only way)")
    lsp.set_defaults(run=_lsp)

    from credscore.check.cli import add_parser as add_check_parser

    add_check_parser(sub)  # credscore check
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    argv = sys.argv[1:] if argv is None else list(argv)
    # The subcommand is the first argument that is not an option (the top-level options,
    # --help and --version, take no value).
    command = next((a for a in argv if not a.startswith("-")), None)
    if command not in ("train", "evaluate") and "numpy" not in sys.modules:
        # Scoring multiplies vectors of 64 numbers, where BLAS threads never start, but
        # OpenBLAS sets up its thread pool when numpy is imported: one thread halves the
        # import (~0.06 s of a one-file check). Results are the same; a user's setting wins.
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    args = _parser(command).parse_args(argv)
    try:
        return args.run(args)
    except CredscoreError as exc:
        print(f"credscore: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `credscore rules | head`: the reader left; stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FAIL
    except OSError as exc:  # an unwritable --out, a folder that vanished: one line, no traceback
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"credscore: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
