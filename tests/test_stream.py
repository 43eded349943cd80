"""``credscore score --jsonl``: streaming JSONL in, JSONL / CSV / Parquet out, error rows."""

from __future__ import annotations

import csv
import io
import json
import math
import subprocess
import sys
from pathlib import Path

import pytest
from synthetic_model import save_synthetic_model, synthetic_model

import credscore
from credscore import stream
from credscore.batch import Columns, score_frame
from credscore.cli import main
from credscore.stream import score_jsonl

ARTICLES = [
    {"id": "a", "title": "Miracle cure", "text": "This miracle cure is 100% guaranteed. Call now!"},
    {
        "id": 7,
        "text": "The study, published in The Lancet, suggests the drug may lower blood "
        "pressure. More research is needed, said Dr. Jane Smith of Johns Hopkins University.",
    },
    {"text": "Researchers found that mice given the compound lived longer.", "title": None},
]

BAD_LINES = [
    ("not json", "line {n}: invalid JSON (Expecting value at column 1)"),
    ("[1, 2]", "line {n}: not a JSON object (an array)"),
    ("null", "line {n}: not a JSON object (null)"),
    (
        '{"id": "t", "title": "no text"}',
        (
            "line {n}: no 'text' field (its fields: 'id', 'title'; give the article's field "
            "with --text-field)"
        ),
    ),
    ('{"text": "   "}', "line {n}: ValueError: text is empty"),
    ('{"text": 42}', "line {n}: TypeError: text must be a str, not int"),
    (
        '{"text": "Fine text.", "title": 3}',
        "line {n}: TypeError: title must be a str or None, not int",
    ),
]


@pytest.fixture(scope="module")
def model_path(tmp_path_factory) -> Path:
    return save_synthetic_model(tmp_path_factory.mktemp("model") / "model.json")


@pytest.fixture(scope="module")
def model():
    return synthetic_model()


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def good_lines() -> list[str]:
    return [json.dumps(a) for a in ARTICLES]


def expected_rows(model) -> list[dict]:
    columns = Columns.for_scorer(credscore.Scorer(model))
    scorer = credscore.Scorer(model)
    return [columns.row(scorer.score(a["text"], title=a.get("title"))) for a in ARTICLES]


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_jsonl_rows_equal_the_reports(tmp_path, model):
    source = write_jsonl(tmp_path / "in.jsonl", good_lines())
    summary = score_jsonl(source, tmp_path / "out.jsonl", model=model)
    assert (summary.rows, summary.scored, summary.n_errors) == (3, 3, 0)
    rows = read_jsonl(tmp_path / "out.jsonl")
    assert [r["id"] for r in rows] == ["a", "7", "3"]  # the line number when there is no id
    assert [r["line"] for r in rows] == [1, 2, 3]
    for row, expected in zip(rows, expected_rows(model)):
        assert {k: v for k, v in row.items() if k not in ("id", "line")} == expected
    assert rows[0]["criterion_costs"] == pytest.approx(
        credscore.Scorer(model).score(ARTICLES[0]["text"], title="Miracle cure").criteria["costs"]
    )
    assert list(rows[0]) == ["id", "line", *Columns.for_scorer(credscore.Scorer(model)).names]


def test_bad_lines_become_error_rows_naming_the_line(tmp_path, model):
    lines = [good_lines()[0]] + [line for line, _ in BAD_LINES] + ["", "  ", good_lines()[1]]
    source = write_jsonl(tmp_path / "in.jsonl", lines)
    summary = score_jsonl(source, tmp_path / "out.jsonl", model=model)
    rows = read_jsonl(tmp_path / "out.jsonl")
    assert len(rows) == summary.rows == 1 + len(BAD_LINES) + 1  # blank lines are skipped
    assert summary.scored == 2 and summary.n_errors == len(BAD_LINES)
    errors = [row["error"] for row in rows[1:-1]]
    assert errors == [message.format(n=n) for n, (_, message) in enumerate(BAD_LINES, start=2)]
    assert list(summary.errors) == errors
    assert all(row["score"] is None and row["band"] is None for row in rows[1:-1])
    assert rows[4]["id"] == "t"  # the id is kept when the object has one
    assert rows[-1]["line"] == len(lines) and rows[-1]["error"] is None
    assert rows[-1]["score"] == credscore.Scorer(model).score(ARTICLES[1]["text"]).score


def test_invalid_utf8_and_a_bom(tmp_path, model):
    source = tmp_path / "in.jsonl"
    first = "\ufeff" + good_lines()[0]
    source.write_bytes(first.encode("utf-8") + b"\n" + b'{"text": "caf\xe9"}\n')
    score_jsonl(source, tmp_path / "out.jsonl", model=model)
    rows = read_jsonl(tmp_path / "out.jsonl")
    assert rows[0]["error"] is None and rows[0]["id"] == "a"
    assert rows[1]["error"] == "line 2: not valid UTF-8 (byte 13)"


def test_oversized_line_is_an_error_row_and_not_held(tmp_path, model, monkeypatch):
    monkeypatch.setattr(stream, "MAX_LINE_BYTES", 64)
    long_line = json.dumps({"text": "word " * 100})
    source = write_jsonl(tmp_path / "in.jsonl", [long_line, json.dumps({"text": "Short one."})])
    score_jsonl(source, tmp_path / "out.jsonl", model=model)
    rows = read_jsonl(tmp_path / "out.jsonl")
    assert rows[0]["error"] == "line 1: line is longer than 64 bytes"
    assert rows[1]["line"] == 2 and rows[1]["error"] is None


def test_csv_output(tmp_path, model):
    source = write_jsonl(tmp_path / "in.jsonl", good_lines() + ["oops"])
    score_jsonl(source, tmp_path / "out.csv", model=model)
    with (tmp_path / "out.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    names = ["id", "line", *Columns.for_scorer(credscore.Scorer(model)).names]
    assert list(rows[0]) == names
    expected = expected_rows(model)
    assert float(rows[0]["score"]) == expected[0]["score"]
    assert float(rows[1]["probability"]) == expected[1]["probability"]  # full precision
    assert int(rows[2]["n_findings_hedging"]) == expected[2]["n_findings_hedging"]
    assert rows[3]["score"] == "" and rows[3]["error"].startswith("line 4: invalid JSON")


def test_parquet_output_in_row_groups_with_the_frame_dtypes(tmp_path, model, monkeypatch):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    pd = pytest.importorskip("pandas")
    monkeypatch.setattr(stream, "ROW_GROUP", 2)
    source = write_jsonl(tmp_path / "in.jsonl", good_lines() + ["oops", good_lines()[0]])
    score_jsonl(source, tmp_path / "out.parquet", model=model)
    parquet = pq.ParquetFile(tmp_path / "out.parquet")
    assert parquet.metadata.num_rows == 5
    assert parquet.metadata.num_row_groups == 3  # 2 + 2 + 1 rows, written as they came
    table = parquet.read()
    assert table.schema.field("score").type == pa.float64()
    assert table.schema.field("n_findings_commercial").type == pa.int64()
    assert table.schema.field("id").type == pa.string()
    got = table.to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get)
    frame = pd.DataFrame(ARTICLES + [{"text": None}, ARTICLES[0]])
    expected = score_frame(frame, "text", title_col="title", model=model)
    kinds = Columns.for_scorer(credscore.Scorer(model)).kinds
    for name in expected.columns:
        if name == "error":  # the frame's message for row 3 is not about JSON
            assert [None if pd.isna(v) else v for v in got[name]] == [None] * 3 + [
                "line 4: invalid JSON (Expecting value at column 1)",
                None,
            ]
        elif kinds[name] == "str":
            assert [None if pd.isna(v) else v for v in got[name]] == [None if pd.isna(v) else v for v in expected[name]]
        else:
            pd.testing.assert_series_equal(
                got[name], expected[name], check_dtype=False, check_names=False
            )


def test_parquet_without_pyarrow_names_the_extra(tmp_path, monkeypatch, model):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    source = write_jsonl(tmp_path / "in.jsonl", good_lines())
    with pytest.raises(ImportError, match=r"credscore\[parquet\]"):
        score_jsonl(source, tmp_path / "out.parquet", model=model)
    assert not (tmp_path / "out.parquet").exists()


class _WatchedInput(io.RawIOBase):
    """A binary input that records how many output rows existed when each line was read."""

    def __init__(self, lines: list[bytes], out: Path) -> None:
        self.lines, self.out, self.seen = iter(lines), out, []

    def readable(self) -> bool:
        return True

    def readline(self, size: int = -1) -> bytes:
        line = next(self.lines, b"")
        written = self.out.read_bytes().count(b"\n") if self.out.exists() else 0
        self.seen.append(written)
        return line


def test_output_is_written_while_the_input_is_still_being_read(tmp_path, model):
    out = tmp_path / "out.csv"
    lines = [(json.dumps({"text": f"Article {i} may help."}) + "\n").encode() for i in range(700)]
    source = _WatchedInput(lines, out)
    with out.open("w", encoding="utf-8", newline="") as handle:
        summary = score_jsonl(source, handle, fmt="csv", model=model, chunksize=50)
        # the handle buffers; flushes happen as rows accumulate, long before the end
    assert summary.rows == 700
    assert source.seen[650] > 100  # rows reached the file before line 650 was read


def test_unknown_output_format():
    with pytest.raises(ValueError, match="unknown output format"):
        stream.output_format("out.xlsx")
    assert stream.output_format("-") == "jsonl"
    assert stream.output_format("x.NDJSON") == "jsonl"


# --- the command line ----------------------------------------------------------------------


def test_cli_exit_codes_and_messages(tmp_path, model_path, capsys):
    good = write_jsonl(tmp_path / "good.jsonl", good_lines())
    out = tmp_path / "out.jsonl"
    assert main(["score", "--jsonl", str(good), "--out", str(out), "--model", str(model_path)]) == 0
    assert len(read_jsonl(out)) == 3
    assert "scored 3 of 3 articles (0 errors)" in capsys.readouterr().err

    bad = write_jsonl(tmp_path / "bad.jsonl", good_lines() + ["{oops"])
    code = main(["score", "--jsonl", str(bad), "--out", str(out), "--model", str(model_path)])
    err = capsys.readouterr().err
    assert code == 2  # the output is complete, but a row could not be scored
    assert f"{bad}: line 4: invalid JSON" in err
    assert "scored 3 of 4 articles (1 errors)" in err
    assert read_jsonl(out)[3]["error"].startswith("line 4:")


def test_cli_usage_and_input_errors(tmp_path, model_path, capsys):
    assert main(["score", "--model", str(model_path)]) == 2
    assert "give PATH... or --jsonl IN" in capsys.readouterr().err
    args = ["--model", str(model_path), "--out", str(tmp_path / "x.csv")]
    assert main(["score", "--jsonl", str(tmp_path / "missing.jsonl"), *args]) == 2
    assert "missing.jsonl: no such file" in capsys.readouterr().err
    assert not (tmp_path / "x.csv").exists()
    good = write_jsonl(tmp_path / "good.jsonl", good_lines())
    assert main(["score", "--jsonl", str(good), "--out", "x.xlsx", "--model", str(model_path)]) == 2
    assert "unknown output format" in capsys.readouterr().err
    assert main(["score", "--jsonl", str(good), "-n", "0", "--model", str(model_path)]) == 2


@pytest.mark.slow  # worker processes
def test_cli_custom_fields_processes_and_progress(tmp_path, model_path, model, capsys):
    rows = [
        {"key": f"k{i}", "body": a["text"], "head": a.get("title")} for i, a in enumerate(ARTICLES)
    ]
    source = write_jsonl(tmp_path / "in.jsonl", [json.dumps(r) for r in rows] * 3)
    out = tmp_path / "out.jsonl"
    argv = ["score", "--jsonl", str(source), "--out", str(out), "--model", str(model_path)]
    argv += ["--text-field", "body", "--title-field", "head", "--id-field", "key"]
    assert main([*argv, "-n", "2", "--progress"]) == 0
    got = read_jsonl(out)
    assert "article" in capsys.readouterr().err  # the progress bar went to stderr
    assert [r["id"] for r in got] == ["k0", "k1", "k2"] * 3
    expected = expected_rows(model) * 3
    assert [{k: v for k, v in r.items() if k not in ("id", "line")} for r in got] == expected


def test_cli_reads_stdin_and_writes_stdout(tmp_path, model_path):
    source = "\n".join(good_lines()) + "\n"
    cmd = [sys.executable, "-m", "credscore", "score", "--jsonl", "-", "--model", str(model_path)]
    done = subprocess.run(
        cmd, input=source, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["line"] for r in rows] == [1, 2, 3]
    assert "%|" not in done.stderr  # no progress bar when stderr is not a terminal
    assert not math.isnan(rows[0]["score"])


# --------------------------------------- issue 16: hostile lines lose only themselves


HOSTILE_LINES = [
    ("[" * 3000, "invalid JSON (nested too deeply)"),
    ('{"x": {"y": ' * 3000, "invalid JSON (nested too deeply)"),
    ('{"n": ' + "9" * 5000 + ', "text": "Fine."}', "invalid JSON (a number has more than 4,300"),
    ('{"id": -' + "1" * 4400 + "}", "invalid JSON (a number has more than 4,300"),
]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_hostile_lines_become_error_rows_and_every_row_is_written(tmp_path, model, fmt):
    lines = [good_lines()[0], *(line for line, _ in HOSTILE_LINES)]
    lines.append(json.dumps({"id": "lone \ud800 surrogate", "text": ARTICLES[1]["text"]}))
    lines.append(json.dumps({"id": "\udcff", "text": ARTICLES[2]["text"]}))
    source = write_jsonl(tmp_path / "in.jsonl", lines)
    out = tmp_path / f"out.{fmt}"
    summary = score_jsonl(source, out, model=model)
    assert (summary.rows, summary.scored) == (len(lines), 3)
    if fmt == "parquet":
        import pandas as pd

        rows = pd.read_parquet(out).astype(object).where(lambda f: f.notna(), None)
        rows = rows.to_dict("records")
    elif fmt == "csv":
        with out.open(encoding="utf-8", newline="") as handle:
            rows = [{k: v or None for k, v in r.items()} for r in csv.DictReader(handle)]
    else:
        rows = read_jsonl(out)
    assert len(rows) == len(lines)
    for n, (_, message) in enumerate(HOSTILE_LINES, start=2):
        assert rows[n - 1]["error"].startswith(f"line {n}: {message}")
    assert rows[-2]["id"] == "lone \ufffd surrogate" and rows[-1]["id"] == "\ufffd"
    assert rows[-2]["error"] is None and rows[-1]["error"] is None


def test_broken_pipe_exits_1_quietly_like_every_other_command(tmp_path, model_path):
    source = write_jsonl(tmp_path / "in.jsonl", good_lines() * 400)
    script = (
        f"{sys.executable} -m credscore score --jsonl {source} --model {model_path} | head -1;"
        " echo status=${PIPESTATUS[0]} >&2"
    )
    done = subprocess.run(
        ["bash", "-c", script], capture_output=True, text=True, timeout=300, check=False
    )
    assert len(done.stdout.splitlines()) == 1
    assert done.stderr.strip().splitlines()[-1] == "status=1", done.stderr
    assert "Broken pipe" not in done.stderr and "Traceback" not in done.stderr
