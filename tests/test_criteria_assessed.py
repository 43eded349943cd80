"""A criterion head that is not better than chance (its cross-validated ROC AUC interval does
not lie above 0.5) is shown as "not assessed": no probability in the report, the JSON, the
checklist or the HTML page, while its findings are still listed."""

from __future__ import annotations

import dataclasses
import json
from html.parser import HTMLParser

import numpy as np
import pytest
from check_util import run
from synthetic_model import synthetic_model

from credscore.explain import checklist
from credscore.model_card import criteria_table
from credscore.scorer import Scorer

TEXT = (
    "The treatment costs $40 a month. It is completely safe, with no side effects at all. "
    "Studies show it works.\n"
)


def _figures(low: float, high: float) -> dict:
    return {
        "rows": 500,
        "positive_share": 0.3,
        "roc_auc": (low + high) / 2,
        "roc_auc_ci": [low, high],
        "macro_f1": 0.6,
        "majority_macro_f1": 0.4,
    }


def _model(evaluation: dict | None):
    model = synthetic_model()  # heads for costs and harms
    metadata = dict(model.metadata)
    if evaluation is not None:
        metadata["criteria_evaluation"] = evaluation
    return dataclasses.replace(model, metadata=metadata)


AT_CHANCE = {"costs": _figures(0.62, 0.80), "harms": _figures(0.44, 0.58)}


def test_a_head_whose_interval_reaches_chance_is_not_assessed():
    model = _model(AT_CHANCE)
    assert model.criterion_assessed("costs") and not model.criterion_assessed("harms")
    assert model.criteria_not_assessed == ("harms",)
    assert not model.criterion_assessed("novelty")  # no head at all


@pytest.mark.parametrize(
    "evaluation",
    [
        None,  # trained with --no-evaluate
        {"costs": {"roc_auc": 0.5}, "harms": {"roc_auc": 0.5}},  # before intervals were kept
        {"harms": {"roc_auc_ci": "0.4-0.6"}},  # not an interval
        {"harms": {"roc_auc_ci": [True, 0.6]}},
        "not a mapping",
    ],
)
def test_a_model_without_intervals_assesses_every_head(evaluation):
    model = _model(evaluation)
    assert model.criteria_not_assessed == ()
    assert model.criterion_assessed("costs") and model.criterion_assessed("harms")


def test_report_leaves_the_unassessed_criterion_out_and_keeps_its_findings():
    report = Scorer(_model(AT_CHANCE)).score(TEXT)
    assert set(report.criteria) == {"costs"}
    assert report.criteria_not_assessed == ("harms",)
    assert report.criterion_findings("harms")  # "completely safe", "no side effects"
    data = report.to_dict()
    assert data["criteria_not_assessed"] == ["harms"] and "harms" not in data["criteria"]
    everything = Scorer(_model(None)).score(TEXT)
    assert set(everything.criteria) == {"costs", "harms"}
    assert everything.criteria_not_assessed == ()


def test_checklist_shows_not_assessed_with_its_evidence():
    report = Scorer(_model(AT_CHANCE)).score(TEXT)
    lines = checklist(report, path="a.md").splitlines()
    (harms,) = [line for line in lines if line.startswith("  [") and " harms " in line]
    assert harms.startswith("  [-] harms") and "not assessed" in harms
    assert not any(ch.isdigit() for ch in harms.split("not assessed")[0])  # no probability
    after = lines[lines.index(harms) + 1]
    assert after.strip().startswith("a.md:1:") and "harms." in after


def test_model_card_marks_the_heads_not_assessed():
    table = criteria_table(AT_CHANCE)
    row = {line.split("|")[1].strip(): line for line in table.splitlines()[2:]}
    assert "not assessed" in row["`harms`"] and "0.440-0.580" in row["`harms`"]
    assert "a verdict" in row["`costs`"]


class _Criteria(HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "li" and "data-criterion" in attrs:
            self.rows[attrs["data-criterion"]] = attrs["class"]


def test_check_json_and_html_show_not_assessed(tmp_path):
    _model(AT_CHANCE).save(tmp_path / "model.json")
    (tmp_path / "a.md").write_text(TEXT)
    result = run("check", "--model", "model.json", "--format", "json", "a.md", cwd=tmp_path)
    (article,) = json.loads(result.stdout)["articles"]
    assert article["criteria_not_assessed"] == ["harms"] and set(article["criteria"]) == {"costs"}
    assert any(f["rule"].startswith("harms.") for f in article["findings"])
    page = run("check", "--model", "model.json", "--format", "html", "a.md", cwd=tmp_path).stdout
    parser = _Criteria()
    parser.feed(page)
    assert parser.rows["harms"] == "not-assessed"
    assert parser.rows["costs"] in {"likely-met", "uncertain", "likely-not-met"}
    assert "not better than chance" in page


def test_evaluate_criteria_records_a_bootstrap_interval_per_criterion(monkeypatch):
    from credscore import train
    from credscore.criteria import CRITERIA
    from credscore.extract import FEATURE_NAMES
    from credscore.train import Dataset, evaluate_criteria, roc_auc_interval

    monkeypatch.setattr(train, "CRITERIA", CRITERIA[:2])  # costs and benefits: quick
    monkeypatch.setattr(train, "CRITERION_C_GRID", train.CRITERION_C_GRID[:1])

    rng = np.random.default_rng(0)
    n, k = 400, len(FEATURE_NAMES)
    X = rng.normal(size=(n, k))
    verdicts = rng.integers(0, 2, (n, len(CRITERIA))).astype(float)  # noise, but for costs
    costs = [i for i, name in enumerate(FEATURE_NAMES) if name.startswith("costs__")]
    verdicts[:, 0] = (X[:, costs].sum(axis=1) + 0.3 * rng.normal(size=n) > 0).astype(float)
    ds = Dataset(
        articles=[],
        X=X,
        texts=np.array([""] * n, dtype=object),
        y=rng.integers(0, 2, n),
        corpus=np.array(["healthrelease"] * n),
        group=np.array([f"site{i % 10}" for i in range(n)]),
        held_out=np.zeros(n, dtype=bool),
        criteria=verdicts,
    )
    figures = evaluate_criteria(ds)
    low, high = figures["costs"]["roc_auc_ci"]
    assert 0.5 < low <= figures["costs"]["roc_auc"] <= high
    low, high = figures["benefits"]["roc_auc_ci"]
    assert low <= 0.5 <= high  # noise: the interval reaches chance
    y, p = verdicts[:, 1], rng.random(n)
    assert roc_auc_interval(y, p) == roc_auc_interval(y, p)  # seeded
