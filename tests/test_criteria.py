"""Review criteria: the registry, the model's criterion heads, report.criteria and explain."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

import credscore
from credscore.cli import main
from credscore.criteria import CRITERIA
from credscore.errors import ModelError
from credscore.formats.files import read_document
from credscore.model import CriterionHead, LinearModel, load_model
from credscore.signals import SIGNALS

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
IDS = (
    "costs",
    "benefits",
    "harms",
    "evidence",
    "disease_mongering",
    "independent_sources",
    "alternatives",
    "availability",
    "novelty",
    "press_release",
)


def _report(name: str):
    return credscore.Scorer().score_document(read_document(EXAMPLES / name))


def test_criteria_are_the_ten_review_criteria_in_data_order():
    assert tuple(c.id for c in CRITERIA) == IDS
    assert all(c.question.endswith("?") for c in CRITERIA)


def test_every_criterion_family_is_a_registered_signal():
    registered = {s.name for s in SIGNALS}
    for criterion in CRITERIA:
        assert set(criterion.families) <= registered, criterion.id


def test_shipped_model_has_a_head_per_criterion_with_features():
    model = load_model()
    assert tuple(model.criteria) == IDS
    for cid, head in model.criteria.items():
        assert head.features, f"{cid} head has no features"
        families = {name.split("__")[0] for name in head.features}
        criterion = next(c for c in CRITERIA if c.id == cid)
        assert families <= set(criterion.families)


def test_report_criteria_are_probabilities_for_every_criterion():
    report = _report("trial-report.md")
    shown = tuple(i for i in IDS if i not in report.criteria_not_assessed)
    assert tuple(report.criteria) == shown and len(shown) >= 6
    assert all(0.0 <= p <= 1.0 for p in report.criteria.values())
    assert json.loads(json.dumps(report.to_dict()))["criteria"] == report.criteria


def test_careful_trial_report_meets_the_criteria_it_addresses():
    criteria = _report("trial-report.md").criteria
    for cid in ("costs", "benefits", "harms", "evidence", "independent_sources", "alternatives"):
        assert criteria[cid] > 0.5, (cid, criteria[cid])


BOTH_ARMS_TRIAL = (
    "A daily pill cut migraine days in a randomised trial of 820 adults, researchers "
    "reported in the New England Journal of Medicine. Migraine days fell by 3.9 a month on "
    "the drug and by 2.2 on placebo.\n\n"
    "The most common side effects were constipation, in 14% of patients on the drug "
    "compared with 3% on placebo, and nausea (9% vs 5%). In all, 4.1% stopped because of "
    "adverse events, against 1.8% in the placebo group."
)


def test_a_trial_report_with_harm_rates_in_both_arms_meets_the_harms_criterion():
    report = credscore.score(BOTH_ARMS_TRIAL)
    assert report.criteria["harms"] >= 0.5, report.criteria["harms"]
    assert report.features["harms__harms_compared"] == 1.0
    quantified = [f for f in report.findings if f.rule == "harms.quantified"]
    assert [f.text[:4] for f in quantified] == ["14% ", "4.1%"]
    # the same report that names the harms without their rates falls short
    unquantified = credscore.score(
        BOTH_ARMS_TRIAL.split("\n\n")[0]
        + "\n\nThe most common side effects were constipation and nausea."
    )
    assert unquantified.criteria["harms"] < report.criteria["harms"] - 0.2


def test_clinic_sales_page_fails_harms_evidence_and_independent_sources():
    criteria = _report("stem-cell-clinic.md").criteria
    for cid in ("harms", "evidence", "independent_sources"):
        assert criteria[cid] < 0.5, (cid, criteria[cid])


def test_criterion_findings_come_from_the_criterion_families():
    report = _report("trial-report.md")
    harms = report.criterion_findings("harms")
    assert harms and all(f.family == "harms" for f in harms)
    with pytest.raises(KeyError):
        report.criterion_findings("no-such-criterion")


def _model_with_head(head: CriterionHead) -> LinearModel:
    base = load_model()
    return LinearModel(
        base.feature_names, base.mean, base.weights, base.intercept, base.metadata,
        {"costs": head},
    )


def test_criterion_heads_round_trip_through_the_model_file(tmp_path):
    base = load_model()
    name = base.feature_names[0]
    model = _model_with_head(CriterionHead((name,), np.array([0.5]), np.array([2.0]), -1.0))
    model.save(tmp_path / "m.json")
    loaded = load_model(tmp_path / "m.json")
    x = np.zeros((1, len(base.feature_names)))
    x[0, 0] = 1.5
    expected = 1 / (1 + np.exp(-(-1.0 + 2.0 * (1.5 - 0.5))))
    assert loaded.criteria_probabilities(x)["costs"][0] == pytest.approx(expected)


def test_a_head_over_unknown_features_is_refused(tmp_path):
    head = CriterionHead(("nope__feature",), np.array([0.0]), np.array([1.0]), 0.0)
    _model_with_head(head).save(tmp_path / "m.json")
    with pytest.raises(ModelError, match="unknown features"):
        load_model(tmp_path / "m.json")


def test_a_head_with_mismatched_arrays_is_refused(tmp_path):
    name = load_model().feature_names[0]
    head = CriterionHead((name,), np.array([0.0, 1.0]), np.array([1.0]), 0.0)
    _model_with_head(head).save(tmp_path / "m.json")
    with pytest.raises(ModelError, match="mean holds 2 numbers; 1 expected"):
        load_model(tmp_path / "m.json")


def test_explain_prints_a_checklist_with_located_evidence(capsys):
    path = EXAMPLES / "trial-report.md"
    assert main(["explain", str(path)]) == 0
    out = capsys.readouterr().out
    report = _report("trial-report.md")
    for cid, p in report.criteria.items():
        mark, said = ("x", "likely met") if p >= 2 / 3 else ("?", "uncertain")
        if p <= 1 / 3:
            mark, said = " ", "likely not met"
        assert re.search(rf"\[{re.escape(mark)}\] {cid} +{p:4.2f}  {said} ", out), (cid, out)
    for cid in report.criteria_not_assessed:
        assert re.search(rf"\[-\] {cid} +not assessed ", out), (cid, out)
    harm = report.criterion_findings("harms")[0]
    assert f"{path}:{harm.line}:{harm.column}: {harm.rule} [{harm.severity}, raises] " in out


def test_explain_reports_unreadable_files_and_goes_on(tmp_path, capsys):
    empty = tmp_path / "empty.md"
    empty.write_text("  \n", encoding="utf-8")
    good = EXAMPLES / "supplement-ad.txt"
    assert main(["explain", str(empty), str(good)]) == 2
    captured = capsys.readouterr()
    assert "empty.md" in captured.err and "Traceback" not in captured.err
    assert f"{good}: score" in captured.out

