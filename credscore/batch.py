"""Score many articles: a lazy iterator (:func:`score_many`) and DataFrame in, DataFrame out
(:func:`score_frame`).

Both read their input chunk by chunk, so a generator over a huge JSONL file streams in
bounded memory; results come back in input order. A row that cannot be scored (not a str,
empty, too large) becomes a :class:`BatchError` record, or an ``error`` message in its
DataFrame row, instead of stopping the batch. With ``n_jobs > 1`` chunks are scored in
worker processes started by loky (joblib's process backend, as scikit-learn uses): fresh
interpreters on Linux, macOS and Windows alike, which never re-run the caller's script, so
no ``if __name__ == "__main__":`` guard is needed. Each worker loads the model once.
"""

from __future__ import annotations

import importlib.util
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from credscore.document import MAX_CHARS, is_blank
from credscore.model import LinearModel
from credscore.report import WORDING, Report
from credscore.scorer import EMPTY_TEXT, Scorer, default_scorer
from credscore.signals import SIGNALS

if TYPE_CHECKING:  # pandas is optional and imported only inside score_frame
    import pandas as pd

__all__ = ["FAMILIES", "BatchError", "Columns", "score_frame", "score_many"]

FAMILIES: tuple[str, ...] = tuple(signal.name for signal in SIGNALS)
"""Signal family names, in feature order (the ``contrib_*`` and ``n_findings_*`` columns)."""

_IN_FLIGHT_PER_JOB = 2  # chunks queued per worker process: keeps workers busy, memory bounded
_MISSING = object()


@dataclass(frozen=True, slots=True)
class BatchError:
    """A row of a batch that could not be scored.

    :func:`score_many` yields one in place of a :class:`~credscore.Report` for such a row, so
    one bad row never stops a batch. It is plain, immutable data, safe to pickle and compare.

    Attributes
    ----------
    index : int
        Position of the row in the input, counting from 0.
    error : str
        What went wrong, as ``"ExceptionType: message"``, e.g.
        ``"TypeError: text must be a str, not int"``, ``"TypeError: text is missing (None)"``
        or ``"ValueError: text is empty"``.

    Examples
    --------
    >>> import credscore
    >>> results = list(credscore.score_many(["Call now!", None]))
    >>> results[1]
    BatchError(index=1, error='TypeError: text is missing (None)')
    """

    index: int
    error: str


# --- output columns: the ONE place that defines them ----------------------------------------

_PROBE_TEXT = "A small study suggests the drug may help, researchers said."
_PANDAS_DTYPES: dict[str, Any] = {
    "float": "float64",
    "int": "Int64",
    "str": "string",  # pandas StringDtype: Parquet and Arrow see a string column, not objects
    "bool": "boolean",
}


@dataclass(frozen=True, slots=True)
class Columns:
    """The flat output columns of a batch, shared by :func:`score_frame`, the Dask helper and
    ``credscore score --jsonl``: ``score``, ``band``, ``probability``, ``contrib_<family>``,
    ``n_findings_<family>``, ``criterion_<name>`` (when reports carry ``criteria``),
    ``status`` (``"scored"`` or ``"too-short"``, which has no band) and ``error``.

    Each column has a kind, ``"float"``, ``"int"``, ``"str"`` or ``"bool"``; a row that could
    not be scored holds None everywhere but ``error``.
    """

    criteria: tuple[tuple[str, str], ...] = ()
    """(criterion name, kind) pairs, in report order."""

    @classmethod
    def for_scorer(cls, scorer: Scorer) -> Columns:
        """The columns of the reports ``scorer`` produces (criteria found by one probe)."""
        criteria = getattr(scorer.score(_PROBE_TEXT), "criteria", None) or {}
        return cls(tuple((str(name), _kind(_scalar(v))) for name, v in criteria.items()))

    @property
    def kinds(self) -> dict[str, str]:
        """Column name -> kind, in output order."""
        kinds = {"score": "float", "band": "str", "probability": "float"}
        kinds.update((f"contrib_{family}", "float") for family in (*FAMILIES, WORDING))
        kinds.update((f"n_findings_{family}", "int") for family in FAMILIES)
        kinds.update((f"criterion_{name}", kind) for name, kind in self.criteria)
        kinds["status"] = "str"
        kinds["error"] = "str"
        return kinds

    @property
    def names(self) -> list[str]:
        """Column names, in output order."""
        return list(self.kinds)

    def pandas_dtypes(self) -> dict[str, Any]:
        """Column name -> pandas dtype (nullable integers, object strings holding None)."""
        return {name: _PANDAS_DTYPES[kind] for name, kind in self.kinds.items()}

    def row(self, result: Report | BatchError) -> dict[str, Any]:
        """One flat, JSON-ready dict per result, with exactly :attr:`names` as keys."""
        if isinstance(result, BatchError):
            row: dict[str, Any] = dict.fromkeys(self.kinds)
            row["error"] = result.error
            return row
        row = {"score": result.score, "band": result.band, "probability": result.probability}
        totals = result.family_contributions
        found = result.findings_by_family()
        row.update(
            (f"contrib_{family}", totals.get(family, 0.0)) for family in (*FAMILIES, WORDING)
        )
        row.update((f"n_findings_{family}", found.get(family, 0)) for family in FAMILIES)
        criteria = getattr(result, "criteria", None) or {}
        for name, kind in self.criteria:
            row[f"criterion_{name}"] = _coerce(_scalar(criteria.get(name)), kind)
        row["status"] = result.status
        row["error"] = None
        return row


def _scalar(value: Any) -> Any:
    """A criterion's value as a scalar: itself, or its ``verdict``/``status``/``value``."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    for attr in ("verdict", "status", "value"):
        if hasattr(value, attr):
            return _scalar(getattr(value, attr))
    return str(value)


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    return "str"


def _coerce(value: Any, kind: str) -> Any:
    if value is None or _kind(value) == kind:
        return value
    if kind == "float" and isinstance(value, (int, float)):
        return float(value)
    return str(value)


def _check_row(text: Any, title: Any) -> str | None:
    """The error message of a row that must not be scored, or None when it may be."""
    if text is None:
        return "TypeError: text is missing (None)"
    if not isinstance(text, str):
        return f"TypeError: text must be a str, not {type(text).__name__}"
    if title is not None and not isinstance(title, str):
        return f"TypeError: title must be a str or None, not {type(title).__name__}"
    if len(text) > MAX_CHARS:
        return f"ValueError: text is {len(text):,} characters; the limit is {MAX_CHARS:,}"
    if is_blank(text):  # whitespace, zero-width or combining characters only
        return f"ValueError: {EMPTY_TEXT}"
    return None


def _score_rows(
    scorer: Scorer, rows: list[tuple[int, str, str | None]]
) -> list[Report | BatchError]:
    out: list[Report | BatchError] = []
    for index, text, title in rows:
        try:
            out.append(scorer.score(text, title=title))
        except Exception as exc:  # noqa: BLE001 -- one bad row must not stop the batch
            out.append(BatchError(index, f"{type(exc).__name__}: {exc}"))
    return out


# --- worker processes ----------------------------------------------------------------------

_WORKER_SCORER: Scorer | None = None


def _init_worker(model: LinearModel | str | None) -> None:
    global _WORKER_SCORER
    _WORKER_SCORER = Scorer(model)


def _score_chunk_in_worker(rows: list[tuple[int, str, str | None]]) -> list[Report | BatchError]:
    assert _WORKER_SCORER is not None, "worker was not initialised"
    return _score_rows(_WORKER_SCORER, rows)


# --- input ---------------------------------------------------------------------------------


def _rows(texts: Iterable, titles: Iterable | None) -> Iterator[tuple[int, Any, Any]]:
    """(index, text, title) for every input row; checks that ``titles`` has the same length."""
    if titles is None:
        for index, text in enumerate(texts):
            yield index, text, None
        return
    text_iter, title_iter = iter(texts), iter(titles)
    index = 0
    for text in text_iter:
        title = next(title_iter, _MISSING)
        if title is _MISSING:
            raise ValueError(f"titles has fewer items than texts ({index})")
        yield index, text, title
        index += 1
    if next(title_iter, _MISSING) is not _MISSING:
        raise ValueError(f"titles has more items than texts ({index})")


def _check_iterable(value: Any, name: str) -> None:
    if isinstance(value, (str, bytes)):
        raise TypeError(
            f"{name} must be an iterable of texts, not a single {type(value).__name__}; "
            f"use credscore.score for one text, or wrap it in a list"
        )
    try:
        iter(value)
    except TypeError:
        raise TypeError(
            f"{name} must be an iterable of texts, not {type(value).__name__}"
        ) from None


def _check_options(n_jobs: Any, chunksize: Any) -> None:
    if not isinstance(n_jobs, int) or isinstance(n_jobs, bool):
        raise TypeError(f"n_jobs must be an int, not {type(n_jobs).__name__}")
    if n_jobs < 1:
        raise ValueError(f"n_jobs must be at least 1, not {n_jobs}")
    if not isinstance(chunksize, int) or isinstance(chunksize, bool):
        raise TypeError(f"chunksize must be an int, not {type(chunksize).__name__}")
    if chunksize < 1:
        raise ValueError(f"chunksize must be at least 1, not {chunksize}")


def _resolve_model(model: Any) -> tuple[Scorer, LinearModel | str | None]:
    """The Scorer for this process, and what to send to worker processes to load the same."""
    if model is None:
        return default_scorer(), None
    if isinstance(model, (str, Path)):
        scorer = Scorer(model)  # load now, so a bad path fails at the call, not in a worker
        return scorer, str(model)
    if isinstance(model, LinearModel):
        return Scorer(model), model
    raise TypeError(f"model must be a LinearModel, a path or None, not {type(model).__name__}")


# --- public API ----------------------------------------------------------------------------


def score_many(
    texts: Iterable[str],
    *,
    titles: Iterable[str | None] | None = None,
    n_jobs: int = 1,
    chunksize: int = 256,
    progress: bool = False,
    model: LinearModel | str | Path | None = None,
) -> Iterator[Report | BatchError]:
    """Score many articles lazily, yielding one result per input row, in input order.

    ``texts`` may be any iterable (a list, a pandas Series, a generator over a file); it is
    read ``chunksize`` rows at a time and never held in memory whole. Each result is the
    :class:`~credscore.Report` that :func:`credscore.score` would return for that row, or a
    :class:`BatchError` when the row is not a str, is empty or whitespace only, is larger
    than :data:`credscore.document.MAX_CHARS` characters, or its title is neither a str nor
    None. Every other row is still scored.

    Parameters
    ----------
    texts : iterable of str
        The article bodies. A ``str`` subclass is scored as the plain ``str`` of its
        characters.
    titles : iterable of str or None, optional
        Headlines, one per text (None for no headline). Must have as many items as ``texts``;
        a mismatch raises ``ValueError`` when it is found.
    n_jobs : int, default 1
        Number of processes. With ``n_jobs > 1`` chunks are scored by a pool of loky
        worker processes (joblib's backend), each loading the model once; at most
        ``2 * n_jobs`` chunks are in flight, so memory stays bounded. The workers never
        re-run the calling script, so no ``if __name__ == "__main__":`` guard is needed.
        Process start-up costs about a second, so use it for batches of thousands of
        articles. When ``texts`` has a length, no more processes start than there are
        chunks, and a batch of one chunk is scored in this process.
    chunksize : int, default 256
        Rows read (and shipped to a worker) at a time.
    progress : bool, default False
        Show a ``tqdm`` progress bar on standard error (in Jupyter, the notebook widget
        when ipywidgets is installed, else the same text bar).
    model : LinearModel, str, Path or None
        The model to score with; the shipped model when None.

    Returns
    -------
    iterator of Report or BatchError
        Lazy: nothing is read or scored before the first ``next()``.

    Raises
    ------
    TypeError
        When ``texts`` (or ``titles``) is a single str or not iterable, or an option has the
        wrong type.
    ValueError
        When ``n_jobs`` or ``chunksize`` is below 1.
    credscore.ModelError
        When ``model`` is a path to a missing or bad model file.

    Examples
    --------
    >>> import credscore
    >>> results = credscore.score_many(["Call now for a free consultation!", ""])
    >>> [type(r).__name__ for r in results]
    ['Report', 'BatchError']
    """
    _check_iterable(texts, "texts")
    if titles is not None:
        _check_iterable(titles, "titles")
    _check_options(n_jobs, chunksize)
    if not isinstance(progress, bool):
        raise TypeError(f"progress must be a bool, not {type(progress).__name__}")
    scorer, model_spec = _resolve_model(model)
    total = _length(texts)
    return _iterate(texts, titles, n_jobs, chunksize, progress, total, scorer, model_spec)


def _length(texts: Any) -> int | None:
    try:
        return len(texts)
    except TypeError:
        return None


def _plain(value: str | None) -> str | None:
    """A str subclass as a plain str of the same characters (its own ``__str__``, pickling
    and attributes are not trusted: it may not pickle to a worker process)."""
    return value if value is None or type(value) is str else str.__str__(value)


def _split_chunk(
    chunk: list[tuple[int, Any, Any]],
) -> tuple[list[tuple[int, str, str | None]], dict[int, BatchError]]:
    """Separate the rows to score (as plain str) from those that are errors already."""
    good, bad = [], {}
    for index, text, title in chunk:
        problem = _check_row(text, title)
        if problem is None:
            good.append((index, _plain(text), _plain(title)))
        else:
            bad[index] = BatchError(index, problem)
    return good, bad


def _merge(
    chunk: list[tuple[int, Any, Any]], good_results: list, bad: dict[int, BatchError]
) -> list[Report | BatchError]:
    results = iter(good_results)
    return [bad[index] if index in bad else next(results) for index, _, _ in chunk]


def _iterate(
    texts: Iterable,
    titles: Iterable | None,
    n_jobs: int,
    chunksize: int,
    progress: bool,
    total: int | None,
    scorer: Scorer,
    model_spec: LinearModel | str | None,
) -> Iterator[Report | BatchError]:
    rows = _rows(texts, titles)
    bar = _progress_bar(total) if progress else None
    if total is not None:  # no more workers than chunks; one chunk is scored right here
        n_jobs = min(n_jobs, -(-total // chunksize) or 1)
    try:
        if n_jobs == 1:
            while chunk := list(islice(rows, chunksize)):
                good, bad = _split_chunk(chunk)
                results = _merge(chunk, _score_rows(scorer, good), bad)
                if bar is not None:
                    bar.update(len(results))
                yield from results
        else:
            yield from _iterate_processes(rows, n_jobs, chunksize, bar, model_spec)
    finally:
        if bar is not None:
            bar.close()


def _progress_bar(total: int | None) -> Any:
    """A tqdm bar: the Jupyter widget when ipywidgets is installed, else a text bar (the
    widget bar without ipywidgets only warns ``IProgress not found``)."""
    if importlib.util.find_spec("ipywidgets") is not None:
        from tqdm.auto import tqdm
    else:
        from tqdm import tqdm
    return tqdm(total=total, unit="article", desc="credscore")


def _iterate_processes(
    rows: Iterator[tuple[int, Any, Any]],
    n_jobs: int,
    chunksize: int,
    bar: Any,
    model_spec: LinearModel | str | None,
) -> Iterator[Report | BatchError]:
    # loky (vendored by joblib) starts workers that do not import the caller's __main__, unlike
    # multiprocessing's spawn, which re-runs an unguarded script in every worker. A pool of
    # our own, not joblib's shared reusable one, so nothing else can shut it down mid-batch.
    from joblib.externals.loky import ProcessPoolExecutor

    executor = ProcessPoolExecutor(
        max_workers=n_jobs,
        initializer=_init_worker,
        initargs=(model_spec,),
        # Scoring multiplies short vectors, where BLAS threads never start, but OpenBLAS sets
        # up its thread pool when numpy is imported; one thread starts a worker sooner.
        env={"OPENBLAS_NUM_THREADS": os.environ.get("OPENBLAS_NUM_THREADS", "1")},
    )
    pending: deque[tuple[list, dict[int, BatchError], Future | None]] = deque()
    finished = False
    try:
        exhausted = False
        while True:
            while not exhausted and len(pending) < _IN_FLIGHT_PER_JOB * n_jobs:
                chunk = list(islice(rows, chunksize))
                if not chunk:
                    exhausted = True
                    break
                good, bad = _split_chunk(chunk)
                future = executor.submit(_score_chunk_in_worker, good) if good else None
                pending.append((chunk, bad, future))
            if not pending:
                break
            chunk, bad, future = pending.popleft()
            results = _merge(chunk, future.result() if future is not None else [], bad)
            if bar is not None:
                bar.update(len(results))
            yield from results
        finished = True
    finally:
        # Also runs when the caller stops iterating early (or on an error or Ctrl-C): drop the
        # queued chunks and stop the workers without waiting for the ones they are scoring.
        for _, _, future in pending:
            if future is not None:
                future.cancel()
        executor.shutdown(wait=True, kill_workers=not finished)


def score_frame(
    df: pd.DataFrame,
    text_col: str = "text",
    *,
    title_col: str | None = None,
    n_jobs: int = 1,
    chunksize: int = 256,
    progress: bool = False,
    model: LinearModel | str | Path | None = None,
) -> pd.DataFrame:
    """Score every row of a DataFrame; return a DataFrame with the same index.

    Parameters
    ----------
    df : pandas.DataFrame
        The articles, one per row.
    text_col : str, default "text"
        Column holding the article bodies.
    title_col : str, optional
        Column holding the headlines (missing values mean no headline).
    n_jobs, chunksize, progress, model
        As in :func:`score_many`.

    Returns
    -------
    pandas.DataFrame
        Same index as ``df``, one row per input row, with columns ``score``, ``band``,
        ``probability``, ``contrib_<family>`` (how much each signal family moved the logit),
        ``n_findings_<family>`` (number of findings per family) for every family in
        :data:`FAMILIES`, ``criterion_<name>`` for each criterion the reports carry, and
        ``error``: None for a scored row, else the message of why the row could not be
        scored (its score columns are then NaN / missing). Bad rows (None, a number, empty
        text, ...) never stop the batch. :class:`Columns` defines the columns and dtypes.

    Raises
    ------
    TypeError
        When ``df`` is not a DataFrame.
    KeyError
        When ``text_col`` or ``title_col`` is not a column of ``df``.
    ValueError
        When ``n_jobs`` or ``chunksize`` is below 1.
    ImportError
        When pandas is not installed (the ``pandas`` extra).

    Examples
    --------
    >>> import pandas as pd, credscore
    >>> df = pd.DataFrame({"text": ["Book your free consultation today!", None]})
    >>> out = credscore.score_frame(df)
    >>> out["score"].isna().tolist(), out["error"].tolist()
    ([False, True], [None, 'TypeError: text is missing (None)'])
    """
    try:
        import pandas as pd
    except ImportError:
        raise ImportError(
            "score_frame needs pandas: install the extra with pip install 'credscore[pandas]'"
        ) from None
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"df must be a pandas DataFrame, not {type(df).__name__}")
    for name, col in (("text_col", text_col), ("title_col", title_col)):
        if col is not None and col not in df.columns:
            raise KeyError(f"{name} {col!r} is not a column of df (columns: {list(df.columns)})")
    _check_options(n_jobs, chunksize)

    texts = [_none_if_missing(value) for value in df[text_col]]
    titles = None if title_col is None else [_none_if_missing(v) for v in df[title_col]]

    scorer, _ = _resolve_model(model)
    columns = Columns.for_scorer(scorer)
    results = score_many(
        texts,
        titles=titles,
        n_jobs=n_jobs,
        chunksize=chunksize,
        progress=progress,
        model=None if model is None else scorer.model,  # a path is loaded once, above
    )
    values: dict[str, list] = {name: [] for name in columns.names}
    for result in results:
        for name, value in columns.row(result).items():
            values[name].append(value)
    # band and error are object columns holding None when missing (pandas 3 would otherwise
    # infer its str dtype and turn None into NaN); counts are nullable integers.
    index = df.index.copy()
    return pd.DataFrame(
        {
            name: pd.Series(values[name], index=index, dtype=dtype)
            for name, dtype in columns.pandas_dtypes().items()
        },
        index=index,
    )


def _none_if_missing(value: Any) -> Any:
    """None for a missing cell (None, NaN, pd.NA, NaT); the value itself otherwise."""
    if value is None or isinstance(value, str):
        return value
    try:
        import pandas as pd

        if pd.isna(value) is True:
            return None
    except (TypeError, ValueError):
        pass
    return value
