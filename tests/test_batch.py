"""Batch scoring: score_many (lazy, ordered, error records, processes) and score_frame."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

import credscore
from credscore.batch import FAMILIES, BatchError, score_frame, score_many
from credscore.document import MAX_CHARS

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

TEXTS = [
    "Book your free consultation today! Call now, offer ends Friday.",
    "The study, published in The Lancet, suggests the drug may lower blood pressure. "
    "More research is needed, said Dr. Jane Smith of Johns Hopkins University.",
    "This miracle cure is 100% guaranteed. Studies show it works for everyone.",
    "Researchers found that mice given the compound lived longer. Human trials have not begun.",
]


def example_texts() -> list[str]:
    paths = sorted(p for p in EXAMPLES.rglob("*") if p.suffix in {".txt", ".md"})
    return [p.read_text(encoding="utf-8") for p in paths] or TEXTS


def test_results_in_order_and_equal_to_score():
    texts = TEXTS + example_texts()
    results = list(score_many(texts, chunksize=3))
    assert len(results) == len(texts)
    for text, result in zip(texts, results):
        assert isinstance(result, credscore.Report)
        assert result == credscore.score(text)


def test_titles_are_passed_per_row():
    titles = ["Free offer!", None, "Miracle cure", "Mice live longer"]
    results = list(score_many(TEXTS, titles=titles, chunksize=2))
    assert results == [credscore.score(t, title=h) for t, h in zip(TEXTS, titles)]


def test_titles_length_mismatch_raises():
    with pytest.raises(ValueError, match="fewer"):
        list(score_many(TEXTS, titles=["one"]))
    with pytest.raises(ValueError, match="more"):
        list(score_many(TEXTS[:1], titles=["one", "two"]))


def test_bad_rows_become_error_records_and_the_rest_is_scored():
    rows = [TEXTS[0], None, 42, "", "   \n\t ", "x" * (MAX_CHARS + 1), b"bytes", TEXTS[1]]
    results = list(score_many(rows, chunksize=3))
    assert len(results) == len(rows)
    assert results[0] == credscore.score(TEXTS[0])
    assert results[-1] == credscore.score(TEXTS[1])
    errors = results[1:-1]
    assert all(isinstance(e, BatchError) for e in errors)
    assert [e.index for e in errors] == [1, 2, 3, 4, 5, 6]
    assert errors[0].error == "TypeError: text is missing (None)"
    assert errors[1].error == "TypeError: text must be a str, not int"
    assert errors[2].error == errors[3].error == "ValueError: text is empty"
    assert errors[4].error.startswith("ValueError: text is 5,000,001 characters")
    assert errors[5].error == "TypeError: text must be a str, not bytes"


def test_bad_title_is_an_error_record():
    results = list(score_many(TEXTS[:2], titles=[3.5, "ok"]))
    assert results[0] == BatchError(0, "TypeError: title must be a str or None, not float")
    assert results[1] == credscore.score(TEXTS[1], title="ok")


def test_batch_error_is_frozen_and_exported():
    assert credscore.BatchError is BatchError
    assert {"score_many", "score_frame", "BatchError"} <= set(credscore.__all__)
    error = BatchError(0, "ValueError: text is empty")
    with pytest.raises(AttributeError):
        error.index = 1  # type: ignore[misc]


def _guarded(n_allowed: int, consumed: list[int]):
    for i in range(10_000):
        if i >= n_allowed:
            raise AssertionError(f"input consumed past item {n_allowed}")
        consumed.append(i)
        yield TEXTS[i % len(TEXTS)]


def test_lazy_over_a_generator():
    consumed: list[int] = []
    results = score_many(_guarded(8, consumed), chunksize=4)
    assert consumed == []  # nothing is read before the first next()
    first = [next(results) for _ in range(3)]
    assert [r.score for r in first] == [credscore.score(t).score for t in TEXTS[:3]]
    assert len(consumed) == 4  # one chunk read, not the whole input
    results.close()


@pytest.mark.slow  # worker processes
def test_lazy_with_processes_reads_a_bounded_number_of_chunks():
    consumed: list[int] = []
    results = score_many(_guarded(1000, consumed), n_jobs=2, chunksize=5)
    first = next(results)
    assert first == credscore.score(TEXTS[0])
    assert len(consumed) <= 2 * 2 * 5  # at most 2 chunks in flight per worker
    results.close()


@pytest.mark.slow  # worker processes
def test_two_processes_give_exactly_the_results_of_one():
    texts = (TEXTS + example_texts() + [None, "", 7]) * 5
    titles = [f"Headline {i}" if i % 3 else None for i in range(len(texts))]
    one = list(score_many(iter(texts), titles=iter(titles), n_jobs=1, chunksize=7))
    two = list(score_many(iter(texts), titles=iter(titles), n_jobs=2, chunksize=7))
    assert two == one
    assert sum(isinstance(r, BatchError) for r in two) == 15


class _Unpicklable(str):
    """A str subclass that refuses to be pickled (as one holding a lock or a handle would)."""

    def __reduce__(self):
        raise TypeError("cannot pickle this str")

    def __str__(self):
        return "not the text"


@pytest.mark.slow  # worker processes
def test_str_subclass_rows_are_scored_as_plain_str_in_processes():
    texts = [_Unpicklable(TEXTS[0]), TEXTS[1], _Unpicklable(TEXTS[2])]
    titles = [_Unpicklable("Headline"), None, "Plain"]
    plain = [(str.__str__(t), h and str.__str__(h)) for t, h in zip(texts, titles)]
    expected = [credscore.score(t, title=h) for t, h in plain]
    for n_jobs in (1, 2):
        results = list(score_many(texts, titles=titles, n_jobs=n_jobs, chunksize=1))
        assert results == expected, n_jobs


@pytest.mark.slow
def test_processes_need_no_main_guard(tmp_path):
    # multiprocessing's spawn re-runs an unguarded script in each worker, which then starts
    # workers of its own: two tracebacks and BrokenProcessPool. loky's workers do not.
    import subprocess
    import sys

    script = tmp_path / "unguarded.py"
    script.write_text(
        "import credscore\n"
        f"texts = {TEXTS!r} * 2\n"
        "results = list(credscore.score_many(texts, n_jobs=2, chunksize=1))\n"
        "print('scored', len(results), [round(r.score, 1) for r in results])\n",
        encoding="utf-8",
    )
    out = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr and "BrokenProcessPool" not in out.stderr
    scores = [round(credscore.score(t).score, 1) for t in TEXTS * 2]
    assert out.stdout == f"scored 8 {scores}\n"  # printed once: workers never ran the script


def test_a_batch_of_one_chunk_starts_no_process(monkeypatch):
    import credscore.batch

    def no_processes(*args, **kwargs):
        raise AssertionError("worker processes started for a single chunk")

    monkeypatch.setattr(credscore.batch, "_iterate_processes", no_processes)
    assert list(score_many(TEXTS, n_jobs=2, chunksize=len(TEXTS))) == list(score_many(TEXTS))


def test_progress_bar_runs(capsys):
    results = list(score_many(TEXTS, progress=True))
    assert len(results) == len(TEXTS)
    assert "article" in capsys.readouterr().err


def test_explicit_model_object():
    model = credscore.load_model()
    assert list(score_many(TEXTS, model=model)) == [credscore.score(t) for t in TEXTS]


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"texts": "one article"}, TypeError, "texts"),
        ({"texts": b"bytes"}, TypeError, "texts"),
        ({"texts": 42}, TypeError, "texts"),
        ({"texts": TEXTS, "titles": "one title"}, TypeError, "titles"),
        ({"texts": TEXTS, "n_jobs": 0}, ValueError, "n_jobs"),
        ({"texts": TEXTS, "n_jobs": 1.5}, TypeError, "n_jobs"),
        ({"texts": TEXTS, "chunksize": 0}, ValueError, "chunksize"),
        ({"texts": TEXTS, "model": 3}, TypeError, "model"),
    ],
)
def test_score_many_argument_errors_are_raised_at_the_call(kwargs, error, match):
    with pytest.raises(error, match=match):
        score_many(**kwargs)  # raised before any iteration


def test_missing_model_file_fails_at_the_call(tmp_path):
    with pytest.raises(credscore.ModelError):
        score_many(TEXTS, model=tmp_path / "missing.json")


# --- score_frame ---------------------------------------------------------------------------


@pytest.fixture
def pd():
    return pytest.importorskip("pandas")


def test_score_frame_columns_index_and_values(pd):
    df = pd.DataFrame(
        {
            "body": [TEXTS[0], None, 3, "", TEXTS[1], math.nan],
            "head": ["A", None, None, "B", math.nan, None],
        },
        index=pd.Index([10, 20, 30, 40, 50, 60], name="id"),
    )
    out = score_frame(df, "body", title_col="head")
    assert out.index.equals(df.index)
    first = credscore.score(TEXTS[0], title="A")
    expected_columns = (
        ["score", "band", "probability"]
        + [f"contrib_{f}" for f in (*FAMILIES, "wording")]
        + [f"n_findings_{f}" for f in FAMILIES]
        + [f"criterion_{c}" for c in getattr(first, "criteria", {})]
        + ["status", "error"]
    )
    assert list(out.columns) == expected_columns
    assert {"hedging", "superlatives", "citations", "commercial", "readability"} <= set(FAMILIES)
    assert FAMILIES == tuple(signal.name for signal in credscore.signals.SIGNALS)

    row = out.loc[10]
    assert row["score"] == first.score and row["status"] == first.status == "too-short"
    assert pd.isna(row["band"]) and first.band is None  # too short to judge: no band
    assert row["probability"] == first.probability
    assert pd.isna(row["error"])
    for family in FAMILIES:
        assert row[f"contrib_{family}"] == pytest.approx(first.family_contributions[family])
        assert row[f"n_findings_{family}"] == first.findings_by_family().get(family, 0)
    for criterion, probability in getattr(first, "criteria", {}).items():
        assert row[f"criterion_{criterion}"] == probability
    assert out.loc[50, "score"] == credscore.score(TEXTS[1]).score  # NaN title = no title

    for key in (20, 30, 40, 60):
        assert math.isnan(out.loc[key, "score"])
        assert pd.isna(out.loc[key, "band"])
        assert isinstance(out.loc[key, "error"], str)
    assert out.loc[20, "error"] == "TypeError: text is missing (None)"
    assert out.loc[30, "error"] == "TypeError: text must be a str, not int"
    assert out.loc[40, "error"] == "ValueError: text is empty"
    assert out.loc[60, "error"] == "TypeError: text is missing (None)"
    assert out["n_findings_commercial"].dtype == "Int64"


@pytest.mark.slow  # worker processes
def test_score_frame_with_processes_matches_one_process(pd):
    df = pd.DataFrame({"text": (TEXTS + [None]) * 4}, index=[f"r{i}" for i in range(20)])
    pd.testing.assert_frame_equal(
        score_frame(df, n_jobs=2, chunksize=3), score_frame(df, n_jobs=1)
    )


def test_score_frame_empty(pd):
    out = score_frame(pd.DataFrame({"text": []}))
    assert len(out) == 0 and "error" in out.columns


def test_score_frame_argument_errors(pd):
    df = pd.DataFrame({"text": TEXTS})
    with pytest.raises(TypeError, match="DataFrame"):
        score_frame(TEXTS)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="DataFrame"):
        score_frame(df["text"])  # type: ignore[arg-type]
    with pytest.raises(KeyError, match="body"):
        score_frame(df, "body")
    with pytest.raises(KeyError, match="headline"):
        score_frame(df, title_col="headline")
    with pytest.raises(ValueError, match="n_jobs"):
        score_frame(df, n_jobs=0)


def test_score_frame_without_pandas_names_the_extra(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now fails
    with pytest.raises(ImportError, match=r"pip install 'credscore\[pandas\]'"):
        score_frame(object())


def test_pandas_is_not_imported_by_credscore():
    import subprocess
    import sys

    code = "import sys, credscore; credscore.score_many(['x y z.']); print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_score_frame_criterion_columns_come_from_the_reports(pd):
    from synthetic_model import synthetic_model

    model = synthetic_model()  # has "costs" and "harms" criterion heads
    df = pd.DataFrame({"text": [TEXTS[0], None, TEXTS[2]]})
    out = score_frame(df, model=model)
    assert list(out.columns[-4:]) == ["criterion_costs", "criterion_harms", "status", "error"]
    assert out["criterion_costs"].dtype == "float64"
    scorer = credscore.Scorer(model)
    for i in (0, 2):
        criteria = scorer.score(TEXTS[i]).criteria
        assert out.loc[i, "criterion_costs"] == criteria["costs"]
        assert out.loc[i, "criterion_harms"] == criteria["harms"]
    assert math.isnan(out.loc[1, "criterion_costs"])
