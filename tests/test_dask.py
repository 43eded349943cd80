"""score_dask: score_frame over the partitions of a Dask DataFrame, on a two-process cluster."""

from __future__ import annotations

import pytest
from synthetic_model import save_synthetic_model

import credscore

pd = pytest.importorskip("pandas")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

from credscore.dask import score_dask

pytestmark = pytest.mark.slow  # a local Dask cluster of worker processes

TEXTS = [
    "Book your free consultation today! Call now, offer ends Friday.",
    (
        "The study, published in The Lancet, suggests the drug may lower blood pressure. "
        "More research is needed, said Dr. Jane Smith of Johns Hopkins University."
    ),
    "This miracle cure is 100% guaranteed. Studies show it works for everyone.",
    "Researchers found that mice given the compound lived longer. Human trials have not begun.",
    None,
    "",
]


@pytest.fixture(scope="module")
def client():
    with (
        distributed.LocalCluster(
            n_workers=2,
            processes=True,
            threads_per_worker=1,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


@pytest.fixture(scope="module")
def model_path(tmp_path_factory):
    return save_synthetic_model(tmp_path_factory.mktemp("model") / "model.json")


def articles(n: int = 36):
    return pd.DataFrame(
        {
            "text": [TEXTS[i % len(TEXTS)] for i in range(n)],
            "title": [None if i % 4 else f"Headline {i}" for i in range(n)],
        },
        index=pd.Index([f"a{i:03d}" for i in range(n)], name="article"),
    )


def test_scores_write_to_parquet_as_they_are(tmp_path, model_path):
    """Text columns are string columns, so Arrow needs no cast (it refused object columns)."""
    ddf = dd.from_pandas(articles(12), npartitions=2)
    score_dask(ddf, "text", model=model_path).to_parquet(tmp_path / "scores")
    back = pd.read_parquet(tmp_path / "scores")
    assert len(back) == 12 and back["error"].notna().sum() == 4
    assert set(back["band"].dropna()) <= {"high", "mixed", "low"}


def test_cluster_results_equal_score_frame(client, model_path):
    ddf = dd.from_pandas(articles(), npartitions=4)
    scored = score_dask(ddf, "text", title_col="title", model=model_path)
    assert scored.npartitions == 4
    got = scored.compute()
    # score_frame on the very frame the workers see (Dask stores strings as Arrow strings)
    expected = credscore.score_frame(ddf.compute(), "text", title_col="title", model=model_path)
    pd.testing.assert_frame_equal(got, expected)
    assert "criterion_costs" in got.columns  # the synthetic model has criterion heads
    assert got["error"].notna().sum() == 12  # the None and "" rows
    # the meta promised the same columns and dtypes as the computed frame
    pd.testing.assert_series_equal(scored.dtypes, got.dtypes)
    # the model file was loaded once per worker process, however many partitions it scored
    score_dask(ddf, "text", model=model_path).compute()
    from credscore import dask as credscore_dask

    loads = client.run(lambda: credscore_dask._cache_info().misses)
    assert sorted(loads.values()) == [1, 1]


def test_default_model_is_loaded_once_per_worker(client):
    ddf = dd.from_pandas(articles(12).reset_index(drop=True), npartitions=4)
    got = score_dask(ddf).compute()
    pd.testing.assert_frame_equal(got, credscore.score_frame(ddf.compute()))

    def default_scorer_id():
        from credscore import scorer

        return id(scorer._DEFAULT)

    first = client.run(default_scorer_id)
    score_dask(ddf).compute()
    assert client.run(default_scorer_id) == first  # the same Scorer served both runs
    assert all(value != id(None) for value in first.values())


def test_argument_errors_are_raised_at_the_call():
    ddf = dd.from_pandas(articles(4), npartitions=2)
    with pytest.raises(TypeError, match="dask DataFrame"):
        score_dask(articles(4))
    with pytest.raises(KeyError, match="body"):
        score_dask(ddf, "body")
    with pytest.raises(credscore.ModelError):
        score_dask(ddf, model="/nonexistent/model.json")
