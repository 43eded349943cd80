"""Score a Dask DataFrame: :func:`score_frame` mapped over its partitions (the ``dask`` extra).

Every partition is scored where it lives, by a worker process that loads the model once: the
shipped model through the per-process default scorer, a model file through a per-process
cache keyed by its path. The result has the same index and partitions as the input and exactly
the columns and dtypes of :func:`credscore.score_frame`.

>>> import dask.dataframe as dd, pandas as pd                      # doctest: +SKIP
>>> from credscore.dask import score_dask                          # doctest: +SKIP
>>> ddf = dd.from_pandas(pd.DataFrame({"text": texts}), npartitions=8)  # doctest: +SKIP
>>> scores = score_dask(ddf, "text").compute()                      # doctest: +SKIP
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from credscore.batch import score_frame
from credscore.model import LinearModel, load_model

if TYPE_CHECKING:
    import dask.dataframe as dd
    import pandas as pd

__all__ = ["score_dask"]


def score_dask(
    ddf: dd.DataFrame,
    text_col: str = "text",
    *,
    title_col: str | None = None,
    model: LinearModel | str | Path | None = None,
) -> dd.DataFrame:
    """Score every row of a Dask DataFrame, lazily; ``.compute()`` runs it.

    Parameters
    ----------
    ddf : dask.dataframe.DataFrame
        The articles, one per row.
    text_col, title_col
        As in :func:`credscore.score_frame`.
    model : LinearModel, str, Path or None
        The shipped model when None (loaded once per worker process); a path is loaded once
        per worker process as well; a LinearModel travels with the task graph.

    Returns
    -------
    dask.dataframe.DataFrame
        Same index and partitions as ``ddf``, with the columns of
        :func:`credscore.score_frame` (``score``, ``band``, ..., ``error``).

    Raises
    ------
    TypeError
        When ``ddf`` is not a Dask DataFrame.
    KeyError
        When a column is missing (raised here, not on the workers).
    """
    try:
        import dask.dataframe as dd
    except ImportError:
        raise ImportError(
            "credscore.dask needs dask: install the extra with pip install 'credscore[dask]'"
        ) from None
    if not isinstance(ddf, dd.DataFrame):
        raise TypeError(f"ddf must be a dask DataFrame, not {type(ddf).__name__}")
    spec: LinearModel | str | None = str(model) if isinstance(model, (str, Path)) else model
    if isinstance(spec, str):
        _load(spec)  # a bad path fails here, once, rather than on every worker
    # The meta is score_frame's own output on the empty frame: the same columns and dtypes.
    meta = _score_partition(ddf._meta, text_col, title_col, spec)
    return ddf.map_partitions(_score_partition, text_col, title_col, spec, meta=meta)


def _score_partition(
    df: pd.DataFrame, text_col: str, title_col: str | None, model: LinearModel | str | None
) -> pd.DataFrame:
    """score_frame over one partition, with a path model loaded once per process."""
    loaded = _load(model) if isinstance(model, str) else model
    return score_frame(df, text_col, title_col=title_col, model=loaded)


@lru_cache(maxsize=4)
def _load(path: str) -> LinearModel:
    return load_model(path)


def _cache_info() -> Any:
    """How often this process loaded a model file (for tests)."""
    return _load.cache_info()
