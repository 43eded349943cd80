"""Model files are untrusted input: a missing, truncated, tampered, mis-versioned or crafted
model gives a clear ModelError (exit code 2 from the command line, one line, no traceback),
and loading never executes code from the file."""

from __future__ import annotations

import copy
import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import credscore
from credscore.errors import ModelError
from credscore.extract import FEATURE_NAMES
from credscore.model import FORMAT_VERSION, LinearModel, _checksum, lexicon_hash, load_model

ARTICLE = "A small study suggests the drug may help. Call now for a free consultation!\n"


def _cli() -> list[str]:
    here = Path(sys.executable).with_name("credscore")
    if here.exists():
        return [str(here)]
    found = shutil.which("credscore")
    return [found] if found else [sys.executable, "-m", "credscore"]


def _model(**metadata) -> LinearModel:
    k = len(FEATURE_NAMES)
    meta = {"lexicon_sha256": lexicon_hash(), "credscore_version": credscore.__version__}
    return LinearModel(FEATURE_NAMES, np.zeros(k), np.linspace(-1, 1, k), 0.2, meta | metadata)


@pytest.fixture
def good(tmp_path) -> Path:
    path = tmp_path / "good.json"
    _model().save(path)
    return path


@pytest.fixture
def article(tmp_path) -> Path:
    path = tmp_path / "article.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def resigned(path: Path, mutate) -> Path:
    """Apply ``mutate`` to the model's JSON and store it with a valid checksum, as an attacker
    who knows the format would."""
    data = json.loads(path.read_text(encoding="utf-8"))
    data.pop("sha256")
    mutate(data)  # in place
    out = path.with_name("crafted.json")
    out.write_text(json.dumps({**data, "sha256": _checksum(data)}), encoding="utf-8")
    return out


def assert_cli_refuses(model: Path, article: Path, *words: str) -> None:
    result = subprocess.run(
        [*_cli(), "score", "--model", str(model), str(article)],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("credscore: error: "), lines
    assert str(model) in lines[0]
    for word in words:
        assert word in lines[0], (word, lines[0])
    assert result.stdout == ""


# ------------------------------------------------------------------------------ code execution


class _WritesMarker:
    """Unpickling this calls ``open(marker, "w")``: proof that code from the file ran."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


class _RunsShell:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch '{self.marker}'",))


@pytest.mark.parametrize("payload", [_WritesMarker, _RunsShell])
@pytest.mark.parametrize("name", ["model.json", "model.pkl", "model.joblib"])
@pytest.mark.parametrize("protocol", [0, pickle.HIGHEST_PROTOCOL])
def test_a_pickle_that_runs_code_is_refused_and_never_executed(
    tmp_path, article, payload, name, protocol
):
    marker = tmp_path / "code-ran"
    path = tmp_path / name
    path.write_bytes(pickle.dumps(payload(marker), protocol=protocol))
    with pytest.raises(ModelError, match="not a credscore model"):
        load_model(path)
    with pytest.raises(ModelError):
        credscore.Scorer(path)
    with pytest.raises(ModelError):
        credscore.score_many([ARTICLE], model=path)
    assert_cli_refuses(path, article, "not a credscore model")
    assert not marker.exists(), "loading the model executed code from the file"


def test_a_pickle_inside_a_json_string_is_data_not_code(tmp_path, good):
    marker = tmp_path / "code-ran"
    blob = pickle.dumps(_WritesMarker(marker), protocol=0).decode("latin-1")
    crafted = resigned(good, lambda d: d["metadata"].update(notes=blob))
    assert load_model(crafted).metadata["notes"] == blob
    assert not marker.exists()


# ---------------------------------------------------------------------- missing and corrupted


def test_missing_model_and_directory(tmp_path, article):
    with pytest.raises(ModelError, match="model file not found"):
        load_model(tmp_path / "nope.json")
    assert_cli_refuses(tmp_path / "nope.json", article, "not found")
    with pytest.raises(ModelError, match="cannot read"):
        load_model(tmp_path)
    assert_cli_refuses(tmp_path, article, "cannot read")


@pytest.mark.parametrize("fraction", [0.0, 0.01, 0.25, 0.5, 0.9, 0.999])
def test_truncated_model(good, article, fraction):
    raw = good.read_bytes()
    good.write_bytes(raw[: int(len(raw) * fraction)])
    with pytest.raises(ModelError, match="not a credscore model"):
        load_model(good)
    if fraction in (0.0, 0.5):
        assert_cli_refuses(good, article, "not a credscore model")


@pytest.mark.parametrize(
    "edit",
    [
        lambda d: d["weights"].__setitem__(0, d["weights"][0] + 0.5),
        lambda d: d.__setitem__("intercept", 9.0),
        lambda d: d["mean"].__setitem__(-1, 1e-9),
        lambda d: d["metadata"].__setitem__("lexicon_sha256", "0" * 64),
        lambda d: d["feature_names"].reverse(),
    ],
)
def test_tampered_model_fails_its_checksum(good, article, edit):
    data = json.loads(good.read_text(encoding="utf-8"))
    edit(data)
    good.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ModelError, match="checksum mismatch"):
        load_model(good)
    assert_cli_refuses(good, article, "checksum")


def test_binary_garbage_and_other_json(tmp_path, article):
    for name, content in {
        "garbage.json": bytes(range(256)) * 8,
        "list.json": b"[1, 2, 3]",
        "other.json": json.dumps({"format": "something-else"}).encode(),
        "bom.json": b"\xef\xbb\xbf{}",
        "deep.json": b"[" * 100_000,
        "deep-object.json": b'{"a":' * 100_000,
    }.items():
        path = tmp_path / name
        path.write_bytes(content)
        with pytest.raises(ModelError, match="not a credscore model"):
            load_model(path)
    assert_cli_refuses(tmp_path / "deep.json", article, "not a credscore model")


# ------------------------------------------------------------------------ versions and features


def test_other_format_version(good, article):
    crafted = resigned(good, lambda d: d.__setitem__("format_version", FORMAT_VERSION + 1))
    with pytest.raises(ModelError, match=f"model format version {FORMAT_VERSION + 1};"):
        load_model(crafted)
    assert_cli_refuses(crafted, article, "format version")


def test_other_credscore_major_version(good, article):
    major = int(credscore.__version__.split(".")[0])
    crafted = resigned(
        good, lambda d: d["metadata"].__setitem__("credscore_version", f"{major + 1}.0.0")
    )
    with pytest.raises(ModelError, match=f"made by credscore {major + 1}.0.0"):
        load_model(crafted)
    assert_cli_refuses(crafted, article, "retrain")
    same_major = resigned(
        good, lambda d: d["metadata"].__setitem__("credscore_version", f"{major}.999.0")
    )
    assert load_model(same_major).metadata["credscore_version"] == f"{major}.999.0"


def test_other_features_and_lexicons(good, article):
    renamed = resigned(good, lambda d: d["feature_names"].__setitem__(0, "other__feature"))
    with pytest.raises(ModelError, match="other features"):
        load_model(renamed)
    assert_cli_refuses(renamed, article, "other features")
    fewer = resigned(good, lambda d: [d[key].pop() for key in ("feature_names", "mean", "weights")])
    with pytest.raises(ModelError, match="other features"):
        load_model(fewer)
    lexicons = resigned(good, lambda d: d["metadata"].__setitem__("lexicon_sha256", "0" * 64))
    with pytest.raises(ModelError, match="other lexicons"):
        load_model(lexicons)
    assert_cli_refuses(lexicons, article, "lexicons")


# -------------------------------------------------------------------- crafted, validly signed


def _set(*keys_and_value):
    *keys, value = keys_and_value

    def mutate(d):
        target = d
        for key in keys[:-1]:
            target = target[key]
        target[keys[-1]] = value

    return mutate


@pytest.mark.parametrize(
    "mutate",
    [
        _set("metadata", [1, 2]),
        _set("metadata", "text"),
        _set("metadata", "feature_versions", ["pyphen"]),
        _set("metadata", "feature_versions", "pyphen"),
        _set("intercept", 10**400),
        _set("intercept", "0.5x"),
        _set("intercept", None),
        _set("mean", [10**400] * len(FEATURE_NAMES)),
        _set("weights", [[1.0]] * len(FEATURE_NAMES)),
        _set(
            "weights",
            [1e300, -1e300] * (len(FEATURE_NAMES) // 2) + [0.0] * (len(FEATURE_NAMES) % 2),
        ),
        _set("intercept", 1e300),
        _set("weights", "abc"),
        _set("weights", None),
        _set("feature_names", {"a": 1}),
        _set("feature_names", None),
        _set("criteria", [1]),
        _set("criteria", {"x": "abc"}),
        _set(
            "criteria", {"x": {"features": ["nope"], "mean": [0], "weights": [1], "intercept": 0}}
        ),
        _set("criteria", {"x": {"features": [], "mean": [], "weights": [], "intercept": 10**400}}),
        lambda d: d.pop("weights"),
        lambda d: d.pop("feature_names"),
    ],
)
def test_crafted_model_with_a_valid_checksum_gives_model_error(good, article, mutate):
    crafted = resigned(good, mutate)
    with pytest.raises(ModelError):
        load_model(crafted)


@pytest.mark.slow  # a process per model
def test_crafted_models_are_refused_by_the_command_line_on_one_line(good, article):
    crafted = resigned(good, _set("metadata", "feature_versions", ["pyphen"]))
    assert_cli_refuses(crafted, article, "malformed model")
    crafted = resigned(good, _set("intercept", 10**400))
    assert_cli_refuses(crafted, article, "malformed model")
    crafted = resigned(good, _set("weights", [1e300] * len(FEATURE_NAMES)))
    assert_cli_refuses(crafted, article, "malformed model")  # not a NaN score, invalid JSON


def test_fuzzed_model_fields_give_a_model_or_a_model_error(good):
    hypothesis = pytest.importorskip("hypothesis", reason="hypothesis is in the 'test' extra")
    from hypothesis import given, settings
    from hypothesis import strategies as st

    base = json.loads(good.read_text(encoding="utf-8"))
    base.pop("sha256")
    json_values = st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
        max_leaves=12,
    )
    keys = [
        "format_version",
        "feature_names",
        "mean",
        "weights",
        "intercept",
        "metadata",
        "criteria",
    ]

    @settings(max_examples=150, deadline=None, database=None)
    @given(key=st.sampled_from(keys), value=json_values)
    def check(key, value):
        data = {**copy.deepcopy(base), key: value}
        try:
            body = json.dumps({**data, "sha256": _checksum(data)}, allow_nan=False)
        except ValueError:
            return  # infinities cannot be written as JSON: nothing to load
        good.write_text(body, encoding="utf-8")
        try:
            model = load_model(good)
        except ModelError:
            return
        assert isinstance(model, LinearModel)
        assert np.all(np.isfinite(model.weights)) and np.isfinite(model.intercept)

    check()
    assert hypothesis is not None


# ------------------------------------------------- issue 16: whole shape, special files, size


def test_format_version_must_be_an_integer(good, article):
    for version in (True, 2.0, "2", [2]):
        crafted = resigned(good, _set("format_version", version))
        with pytest.raises(ModelError, match="model format version"):
            load_model(crafted)
    assert_cli_refuses(resigned(good, _set("format_version", True)), article, "format version")


def test_an_empty_criterion_head_loads_and_scores(good):
    empty = {"features": [], "mean": [], "weights": [], "intercept": 0.5}
    model = load_model(resigned(good, _set("criteria", {"costs": empty})))
    report = credscore.Scorer(model).score(ARTICLE)
    assert report.criteria == {"costs": pytest.approx(1 / (1 + np.exp(-0.5)))}


@pytest.mark.parametrize(
    "mutate, words",
    [
        (_set("mean", [True] * len(FEATURE_NAMES)), "mean is not a list of numbers"),
        (_set("mean", ["0.5"] * len(FEATURE_NAMES)), "mean is not a list of numbers"),
        (_set("intercept", False), "intercept is not a number"),
        (_set("metadata", "credscore_version", 3), "credscore_version"),
        (_set("metadata", "feature_versions", {"pyphen": 1}), "feature_versions"),
        (_set("criteria", {"c": {"features": [FEATURE_NAMES[0]] * 2, "mean": [0, 0],
                                 "weights": [0, 0], "intercept": 0}}), "twice"),
        (_set("criteria", {"c": {"features": [FEATURE_NAMES[0]], "mean": [0],
                                 "weights": [0, 1], "intercept": 0}}), "holds 2 numbers"),
        (_set("criteria", {"c": {"features": [FEATURE_NAMES[0]], "mean": [0],
                                 "weights": [0]}}), "intercept is not a number"),
    ],
)
def test_every_field_is_type_checked(good, mutate, words):
    with pytest.raises(ModelError, match="malformed model") as err:
        load_model(resigned(good, mutate))
    assert words in str(err.value)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_fifo_or_a_device_is_not_read_as_a_model(tmp_path, article):
    fifo = tmp_path / "model.json"
    os.mkfifo(fifo)  # opening it for reading would wait for a writer forever
    with pytest.raises(ModelError, match="a FIFO"):
        load_model(fifo)
    assert_cli_refuses(fifo, article, "FIFO")
    if Path("/dev/zero").exists():  # read to the end, it never ends
        with pytest.raises(ModelError, match="a character device"):
            load_model("/dev/zero")
        assert_cli_refuses(Path("/dev/zero"), article, "character device")


def test_a_model_file_over_the_size_limit_is_refused_unread(tmp_path, monkeypatch, good):
    from credscore import model as model_module

    big = tmp_path / "big.json"
    big.write_bytes(b" " * (model_module.MAX_MODEL_BYTES + 1))
    with pytest.raises(ModelError, match="over 5,000,000 bytes"):
        load_model(big)
    monkeypatch.setattr(model_module, "MAX_MODEL_BYTES", good.stat().st_size - 1)
    with pytest.raises(ModelError, match="bytes; not a credscore model"):
        load_model(good)


def _at(value, path):
    for key in path:
        value = value[key]
    return value


def _paths(value, prefix=()):
    """Every path (tuple of keys and indices) into a JSON value, the root included."""
    yield prefix
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(
        value, list) else ()
    for key, inner in items:
        yield from _paths(inner, (*prefix, key))


def test_fuzzed_shipped_model_anywhere_gives_a_working_model_or_a_model_error(tmp_path):
    """Mutate any node of the shipped model (criterion heads and metadata included: replace,
    delete or insert a value, or cut its lists short), re-checksum it as an attacker would, and load it: a ModelError
    or a model that scores an article to a finite score, never another exception."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from credscore.model import default_model_path

    base = json.loads(default_model_path().read_text(encoding="utf-8"))
    base.pop("sha256")
    paths = [p for p in _paths(base) if p]
    scalars = (
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
        | st.text(max_size=8) | st.sampled_from(FEATURE_NAMES)
    )
    values = st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                    max_size=4),
        max_leaves=8,
    )
    target = tmp_path / "fuzzed.json"

    nodes = [p for p in paths if isinstance(_at(base, p), (dict, list))]
    mutations = st.tuples(st.sampled_from(paths), st.sampled_from(["set", "delete", "insert"]))
    mutations |= st.tuples(st.sampled_from(nodes), st.just("truncate"))

    @settings(max_examples=300, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(mutation=mutations, value=values, size=st.integers(0, 2))
    def check(mutation, value, size):
        path, action = mutation
        data = copy.deepcopy(base)
        *parents, last = path
        node = data
        for key in parents:
            node = node[key]
        if action == "truncate":  # every list in the node cut to one length: a smaller head
            inner = node[last]
            lists = inner.values() if isinstance(inner, dict) else [inner]
            for items in lists:
                if isinstance(items, list):
                    del items[size:]
        elif action == "set":
            node[last] = value
        elif action == "delete":
            del node[last]
        elif isinstance(node, list):
            node.insert(last, value)
        else:
            node[f"{last}x"] = value
        target.write_text(json.dumps({**data, "sha256": _checksum(data)}), encoding="utf-8")
        try:
            model = load_model(target)
        except ModelError:
            return
        report = credscore.Scorer(model).score(ARTICLE)
        assert 0.0 <= report.score <= 100.0
        json.dumps(report.to_dict(), allow_nan=False)

    check()
