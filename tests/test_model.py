import json
import pickle

import numpy as np
import pytest

from credscore.errors import ModelError
from credscore.extract import FEATURE_NAMES
from credscore.model import LinearModel, default_model_path, lexicon_hash, load_model


def _model(**metadata):
    k = len(FEATURE_NAMES)
    meta = {"lexicon_sha256": lexicon_hash(), **metadata}
    return LinearModel(FEATURE_NAMES, np.linspace(0, 1, k), np.linspace(-1, 1, k), 0.3, meta)


def test_round_trip(tmp_path):
    path = tmp_path / "m.json"
    _model().save(path)
    loaded = load_model(path)
    assert loaded.feature_names == FEATURE_NAMES
    np.testing.assert_array_equal(loaded.weights, _model().weights)
    assert loaded.intercept == 0.3


def test_contributions_add_up_to_the_logit():
    m = _model()
    x = np.arange(len(FEATURE_NAMES), dtype=float)
    assert m.intercept + m.contributions(x).sum() == pytest.approx(m.signal_logits(x[None, :])[0])


def test_missing_file(tmp_path):
    with pytest.raises(ModelError, match="not found"):
        load_model(tmp_path / "nope.json")


def test_truncated_file(tmp_path):
    path = tmp_path / "m.json"
    _model().save(path)
    path.write_bytes(path.read_bytes()[:200])
    with pytest.raises(ModelError, match="not valid JSON"):
        load_model(path)


def test_tampered_weight(tmp_path):
    path = tmp_path / "m.json"
    _model().save(path)
    data = json.loads(path.read_text())
    data["weights"][0] += 1.0
    path.write_text(json.dumps(data))
    with pytest.raises(ModelError, match="checksum"):
        load_model(path)


def test_other_features_or_lexicons(tmp_path):
    path = tmp_path / "m.json"
    _model().save(path)
    with pytest.raises(ModelError, match="other features"):
        load_model(path, expected_features=FEATURE_NAMES[:-1] + ("other__x",))
    _model(lexicon_sha256="0" * 64).save(path)
    with pytest.raises(ModelError, match="lexicons"):
        load_model(path)


def test_pickle_is_refused_and_never_executed(tmp_path):
    marker = tmp_path / "pwned"

    class Exploit:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    path = tmp_path / "evil.json"
    path.write_bytes(pickle.dumps(Exploit()))
    with pytest.raises(ModelError):
        load_model(path)
    assert not marker.exists()


def test_shipped_model_loads():
    model = load_model(default_model_path())
    assert model.metadata["credscore_version"]
    assert len(model.weights) == len(FEATURE_NAMES)


def test_shipped_model_is_the_shipped_spec_and_weighs_nothing_it_leaves_out():
    import dataclasses

    from credscore.train import SHIPPED_SPEC

    model = load_model()
    assert model.metadata["training"]["spec"] == json.loads(
        json.dumps(dataclasses.asdict(SHIPPED_SPEC))
    )
    left_out = [FEATURE_NAMES.index(name) for name in SHIPPED_SPEC.left_out]
    assert left_out and not model.weights[left_out].any()


def test_shipped_model_card_matches_the_shipped_model():
    from credscore.model_card import model_card

    model = load_model()
    card = (default_model_path().parent / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert card == model_card(model, default_model_path().name)
    held_out = model.metadata["evaluation"]["healthstory_held_out"]["credscore"]
    assert f"| {held_out['rows']} | credscore | {held_out['roc_auc']:.3f} |" in card


def test_criteria_probabilities_equal_one_head_at_a_time_exactly():
    """The heads' columns are gathered and centred together; each value must be the one a
    head computed alone gives, bit for bit."""
    model = load_model()
    assert model.criteria
    rng = np.random.default_rng(0)
    X = rng.gamma(1.0, 2.0, size=(7, len(model.feature_names)))
    column = {name: i for i, name in enumerate(model.feature_names)}
    for rows in (X[:1], X):
        got = model.criteria_probabilities(rows)
        assert list(got) == list(model.criteria)
        for cid, head in model.criteria.items():
            cols = np.array([column[name] for name in head.features], dtype=np.intp)
            logit = head.intercept + (rows[:, cols] - head.mean) @ head.weights
            expected = 1.0 / (1.0 + np.exp(-np.clip(logit, -700, 700)))
            np.testing.assert_array_equal(got[cid], expected)
