"""Stream a JSONL file of articles through :func:`~credscore.score_many` into JSONL, CSV or
Parquet, in constant memory (``credscore score --jsonl IN --out OUT``).

Each input line is one JSON object holding the article (``text``), optionally its headline
(``title``) and an identifier (``id``; the line number when absent). Each output row holds
``id``, ``line`` and the columns of :class:`credscore.batch.Columns`. A line that cannot be
scored (invalid JSON or UTF-8, not an object, no text field, empty text, ...) becomes a row
whose ``error`` names the line; the others are still scored. Blank lines are skipped.

Output is written as results arrive: JSONL and CSV line by line, Parquet in row groups of
:data:`ROW_GROUP` rows (``pyarrow``, the ``parquet`` extra).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from credscore.batch import BatchError, Columns, score_many
from credscore.document import MAX_CHARS
from credscore.errors import InputError
from credscore.formats.jsonerrors import JSON_ERRORS, json_problem
from credscore.formats.records import missing_field
from credscore.model import LinearModel
from credscore.scorer import Scorer, default_scorer

__all__ = [
    "FORMATS",
    "ROW_GROUP",
    "Summary",
    "add_arguments",
    "output_format",
    "run_cli",
    "score_jsonl",
]

ROW_GROUP = 1000
"""Rows per Parquet row group (and rows buffered in memory before each write)."""
FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet"}
"""Output formats by file suffix; ``-`` writes JSONL to standard output."""
MAX_LINE_BYTES = 4 * MAX_CHARS + 1_000_000
"""Longer input lines are not parsed (an error row) and never held in memory whole."""

_PREFIX = {"id": "str", "line": "int"}
_SURROGATE = re.compile("[\ud800-\udfff]")
_JSON_KINDS = {list: "an array", str: "a string", int: "a number", float: "a number"}
_JSON_KINDS.update({bool: "true or false", type(None): "null"})


@dataclass(frozen=True, slots=True)
class Summary:
    """What a :func:`score_jsonl` run did: rows written, rows scored, and the errors."""

    rows: int
    scored: int
    errors: tuple[str, ...]
    """The first error messages (at most 20), ``"line N: ..."``."""
    n_errors: int


@dataclass(slots=True)
class _Line:
    number: int
    id: str
    text: Any = None
    title: Any = None
    problem: str | None = None


def _writable(value: str) -> str:
    """``value`` with each lone surrogate (``"\\ud800"`` in JSON, which no output encoding can
    write) replaced by U+FFFD."""
    return _SURROGATE.sub("\ufffd", value)


def output_format(out: str) -> str:
    """The output format of a path (``jsonl``, ``csv`` or ``parquet``); ValueError if none."""
    if out == "-":
        return "jsonl"
    fmt = FORMATS.get(Path(out).suffix.lower())
    if fmt is None:
        raise ValueError(f"{out}: unknown output format; use one of {', '.join(FORMATS)}")
    return fmt


# --- input ---------------------------------------------------------------------------------


def _raw_lines(handle: IO[bytes]) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) per physical line; bytes is None for a line over the limit."""
    number = 0
    while True:
        raw = handle.readline(MAX_LINE_BYTES)
        if not raw:
            return
        number += 1
        if len(raw) == MAX_LINE_BYTES and not raw.endswith(b"\n"):
            while (rest := handle.readline(MAX_LINE_BYTES)) and not rest.endswith(b"\n"):
                pass  # drain the rest of the oversized line without keeping it
            raw = None
        yield number, raw


def _parse(number: int, raw: bytes | None, fields: tuple[str, str | None, str]) -> _Line | None:
    """One input line as a _Line (with ``problem`` set when it cannot be scored); None when
    the line is blank."""
    text_field, title_field, id_field = fields
    line = _Line(number, str(number))
    if raw is None:
        line.problem = f"line is longer than {MAX_LINE_BYTES:,} bytes"
        return line
    try:
        decoded = raw.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError as exc:
        line.problem = f"not valid UTF-8 (byte {exc.start})"
        return line
    if not decoded.strip():
        return None
    try:
        obj = json.loads(decoded)
    except JSON_ERRORS as exc:
        line.problem = f"invalid JSON ({json_problem(exc, line=False)})"
        return line
    if not isinstance(obj, dict):
        line.problem = f"not a JSON object ({_JSON_KINDS.get(type(obj), 'a value')})"
        return line
    if obj.get(id_field) is not None:
        line.id = _writable(str(obj[id_field]))
    if text_field not in obj:
        line.problem = missing_field(obj, text_field)
        return line
    line.text = obj[text_field]
    line.title = obj.get(title_field) if title_field else None
    return line


class _Feed:
    """Feeds texts and titles to score_many while keeping each row's line in a queue, so
    results (which come back in input order) can be matched to their line."""

    def __init__(self, lines: Iterator[_Line]) -> None:
        self.lines = lines
        self.pending: deque[_Line] = deque()
        self._titles: deque[Any] = deque()

    def texts(self) -> Iterator[Any]:
        for line in self.lines:
            self.pending.append(line)
            # A bad line goes through as None: score_many turns it into a BatchError.
            self._titles.append(None if line.problem else line.title)
            text, line.text, line.title = line.text, None, None  # the queue keeps no texts
            yield None if line.problem else text

    def titles(self) -> Iterator[Any]:
        while self._titles:  # score_many takes a title right after each text
            yield self._titles.popleft()


# --- output --------------------------------------------------------------------------------


class _JsonlWriter:
    def __init__(self, handle: IO[str], names: list[str]) -> None:
        self.handle = handle

    def write(self, row: dict[str, Any]) -> None:
        self.handle.write(json.dumps(row, ensure_ascii=False, allow_nan=False) + "\n")

    def close(self) -> None:
        self.handle.flush()


class _CsvWriter:
    def __init__(self, handle: IO[str], names: list[str]) -> None:
        self.handle = handle
        self.writer = csv.DictWriter(handle, fieldnames=names, lineterminator="\n")
        self.writer.writeheader()

    def write(self, row: dict[str, Any]) -> None:
        self.writer.writerow(row)

    def close(self) -> None:
        self.handle.flush()


class _ParquetWriter:
    def __init__(self, path: str, kinds: dict[str, str]) -> None:
        pa, pq = _pyarrow()
        types = {"float": pa.float64(), "int": pa.int64(), "str": pa.string(), "bool": pa.bool_()}
        self.pa = pa
        self.schema = pa.schema([(name, types[kind]) for name, kind in kinds.items()])
        self.writer = pq.ParquetWriter(path, self.schema)
        self.buffer: list[dict[str, Any]] = []

    def write(self, row: dict[str, Any]) -> None:
        self.buffer.append(row)
        if len(self.buffer) >= ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        if self.buffer:
            table = self.pa.Table.from_pylist(self.buffer, schema=self.schema)
            self.writer.write_table(table, row_group_size=ROW_GROUP)
            self.buffer.clear()

    def close(self) -> None:
        self._flush()
        self.writer.close()


def _pyarrow() -> tuple[Any, Any]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ImportError(
            "writing Parquet needs pyarrow: install the extra with pip install 'credscore[parquet]'"
        ) from None
    return pa, pq


# --- the run -------------------------------------------------------------------------------


def score_jsonl(
    source: str | Path | IO[bytes],
    out: str | Path | IO[str],
    *,
    fmt: str | None = None,
    text_field: str = "text",
    title_field: str | None = "title",
    id_field: str = "id",
    n_jobs: int = 1,
    chunksize: int = 256,
    progress: bool = False,
    model: LinearModel | str | Path | None = None,
) -> Summary:
    """Score every article of a JSONL file and write one flat row per non-blank input line.

    Parameters
    ----------
    source : path, ``"-"`` or binary file
        The JSONL input (``"-"``: standard input).
    out : path, ``"-"`` or text file
        Where to write; the format comes from the suffix (see :data:`FORMATS`) unless
        ``fmt`` is given. ``"-"`` and file objects take ``jsonl`` or ``csv``.
    fmt : {"jsonl", "csv", "parquet"}, optional
        The output format.
    text_field, title_field, id_field : str
        Field names in each input object (``title_field=None``: no headlines).
    n_jobs, chunksize, model
        As in :func:`credscore.score_many`.
    progress : bool
        Show a ``tqdm`` progress bar on standard error.

    Returns
    -------
    Summary
        Rows written, rows scored, and the first error messages.

    Raises
    ------
    credscore.InputError
        When ``source`` cannot be opened.
    ImportError
        When writing Parquet without ``pyarrow``.
    ValueError
        When the output format is unknown.
    """
    fmt = fmt or output_format(str(out) if isinstance(out, (str, Path)) else "-")
    if fmt not in {"jsonl", "csv", "parquet"}:
        raise ValueError(f"unknown output format {fmt!r}")
    if fmt == "parquet":
        _pyarrow()  # fail before reading anything
    scorer = _scorer(model)
    columns = Columns.for_scorer(scorer)
    kinds = {**_PREFIX, **columns.kinds}
    with _open_source(source) as handle:
        fields = (text_field, title_field, id_field)
        parsed = (_parse(n, raw, fields) for n, raw in _raw_lines(handle))
        feed = _Feed(line for line in parsed if line is not None)
        results = score_many(
            feed.texts(),
            titles=feed.titles(),
            n_jobs=n_jobs,
            chunksize=chunksize,
            model=None if model is None else scorer.model,
        )
        writer, close_out = _open_writer(out, fmt, kinds)
        bar = _bar(progress, source)
        rows = scored = n_errors = 0
        errors: list[str] = []
        try:
            for result in results:
                line = feed.pending.popleft()
                if line.problem is not None or isinstance(result, BatchError):
                    problem = line.problem or result.error  # type: ignore[union-attr]
                    result = BatchError(rows, f"line {line.number}: {problem}")
                    n_errors += 1
                    if len(errors) < 20:
                        errors.append(result.error)
                else:
                    scored += 1
                writer.write({"id": line.id, "line": line.number, **columns.row(result)})
                rows += 1
                if bar is not None:
                    bar.update(1)
        finally:
            writer.close()
            close_out()
            if bar is not None:
                bar.total = bar.n
                bar.close()
    return Summary(rows, scored, tuple(errors), n_errors)


def _scorer(model: LinearModel | str | Path | None) -> Scorer:
    if model is None:
        return default_scorer()
    return Scorer(model)


class _open_source:
    """Context manager: a binary handle on the input (``-`` is standard input, not closed)."""

    def __init__(self, source: str | Path | IO[bytes]) -> None:
        self.source = source
        self.handle: IO[bytes] | None = None

    def __enter__(self) -> IO[bytes]:
        if not isinstance(self.source, (str, Path)):
            return self.source
        if str(self.source) == "-":
            return sys.stdin.buffer
        try:
            self.handle = open(self.source, "rb")
        except FileNotFoundError:
            raise InputError(str(self.source), "no such file") from None
        except IsADirectoryError:
            raise InputError(str(self.source), "is a directory, not a JSONL file") from None
        except OSError as exc:
            raise InputError(str(self.source), f"cannot read ({exc.strerror})") from None
        return self.handle

    def __exit__(self, *exc: object) -> None:
        if self.handle is not None:
            self.handle.close()


def _open_writer(out: str | Path | IO[str], fmt: str, kinds: dict[str, str]) -> tuple[Any, Any]:
    """(writer, close) for ``out``; ``close`` closes the file if this function opened it."""
    names = list(kinds)
    if fmt == "parquet":
        if not isinstance(out, (str, Path)):
            raise ValueError("Parquet output needs a file path")
        return _ParquetWriter(str(out), kinds), lambda: None
    factory = _JsonlWriter if fmt == "jsonl" else _CsvWriter
    if not isinstance(out, (str, Path)):
        return factory(out, names), lambda: None
    if str(out) == "-":
        return factory(sys.stdout, names), sys.stdout.flush
    handle = open(out, "w", encoding="utf-8", newline="")  # noqa: SIM115 -- closed by close
    return factory(handle, names), handle.close


def _bar(progress: bool, source: Any) -> Any:
    if not progress:
        return None
    from tqdm import tqdm

    return tqdm(total=_count_lines(source), unit="article", desc="credscore", file=sys.stderr)


def _count_lines(source: Any) -> int | None:
    """Lines in a regular input file (read in blocks, constant memory); None for a stream."""
    if not isinstance(source, (str, Path)) or str(source) == "-":
        return None
    try:
        with open(source, "rb") as handle:
            count, last = 0, b"\n"
            for block in iter(lambda: handle.read(1 << 20), b""):
                count += block.count(b"\n")
                last = block[-1:]
            return count + (last != b"\n")
    except OSError:
        return None


# --- command line (``credscore score --jsonl``) ---------------------------------------------


def add_arguments(parser: Any) -> None:
    """Add the ``--jsonl`` options to the ``credscore score`` argument parser."""
    group = parser.add_argument_group(
        "JSONL batches",
        "score a JSONL file of articles (one JSON object per line) into JSONL, CSV or Parquet; "
        "exit code 2 when any line could not be scored (its row holds the error)",
    )
    group.add_argument("--jsonl", metavar="IN", help="JSONL input file ('-': standard input)")
    group.add_argument(
        "--out",
        default="-",
        metavar="OUT",
        help="output .jsonl, .csv or .parquet (default '-': JSONL on standard output)",
    )
    group.add_argument("--text-field", default="text", metavar="NAME", help="default: text")
    group.add_argument("--title-field", default="title", metavar="NAME", help="default: title")
    group.add_argument(
        "--id-field", default="id", metavar="NAME", help="default: id (else the line number)"
    )
    group.add_argument("-n", "--n-jobs", type=int, default=1, metavar="N", help="processes")
    group.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress bar on standard error (default: when it is a terminal)",
    )


def run_cli(args: Any) -> int:
    """Run ``credscore score --jsonl``; returns the exit code (0 all scored, 2 otherwise)."""
    if args.paths or args.jsonl is None:
        what = "give PATH... or --jsonl IN" if args.jsonl is None else "--jsonl takes no PATH"
        print(f"credscore: error: {what}", file=sys.stderr)
        return 2
    if args.n_jobs < 1:
        print(f"credscore: error: --n-jobs must be at least 1, not {args.n_jobs}", file=sys.stderr)
        return 2
    progress = sys.stderr.isatty() if args.progress is None else args.progress
    try:
        summary = score_jsonl(
            args.jsonl,
            args.out,
            text_field=args.text_field,
            title_field=args.title_field or None,
            id_field=args.id_field,
            n_jobs=args.n_jobs,
            progress=progress,
            model=args.model,
        )
    except BrokenPipeError:
        raise  # the reader of standard output left: main() stops quietly, exit code 1
    except (ImportError, ValueError, OSError) as exc:
        print(f"credscore: error: {exc}", file=sys.stderr)
        return 2
    name = "standard input" if args.jsonl == "-" else args.jsonl
    for error in summary.errors:
        print(f"credscore: {name}: {error}", file=sys.stderr)
    if summary.n_errors > len(summary.errors):
        print(f"credscore: ... and {summary.n_errors - len(summary.errors)} more", file=sys.stderr)
    where = "standard output" if args.out == "-" else args.out
    print(
        f"credscore: scored {summary.scored:,} of {summary.rows:,} articles "
        f"({summary.n_errors:,} errors) into {where}",
        file=sys.stderr,
    )
    return 2 if summary.n_errors else 0
