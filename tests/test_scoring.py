"""End-to-end scoring on our own example articles, and the model's direction constraints."""

import math

import numpy as np
import pytest

import credscore
from credscore.formats.files import read_document
from credscore.scorer import default_scorer
from conftest import EXAMPLES


def _report(name):
    return default_scorer().score_document(read_document(EXAMPLES / name))


def test_clinic_page_shows_located_evidence_and_scores_far_below_trial_report():
    clinic = _report("stem-cell-clinic.md")
    trial = _report("trial-report.md")
    families = {f.family for f in clinic.findings}
    assert {"superlatives", "citations", "commercial"} <= families
    source = (EXAMPLES / "stem-cell-clinic.md").read_text(encoding="utf-8")
    lines = source.splitlines()
    for f in clinic.findings:
        # exact spans: the finding's text is what the source holds at that line and column
        line = lines[f.line - 1]
        assert line[f.column - 1 : f.column - 1 + len(f.text)] == f.text or "\n" in f.text
    assert any(f.family == "hedging" for f in trial.findings)
    assert trial.score >= clinic.score + 30, (trial.score, clinic.score)
    assert clinic.band == "low"


def test_report_is_consistent():
    r = credscore.score("It may help, said Dr. Ann Lee of Oxford University. Book now!")
    assert 0 <= r.score <= 100
    assert r.score == pytest.approx(round(100 * r.probability, 1))
    total = r.intercept + sum(r.contributions.values()) + sum(r.word_contributions.values())
    assert total == pytest.approx(r.logit)
    assert sum(r.family_contributions.values()) == pytest.approx(r.logit - r.intercept)
    assert "Report(score=" in repr(r) and f"band={r.band!r}, status={r.status!r}" in repr(r)
    assert [f.start for f in r.findings] == sorted(f.start for f in r.findings)


def test_score_rejects_wrong_types():
    with pytest.raises(TypeError, match="text must be a str"):
        credscore.score(None)
    with pytest.raises(TypeError, match="title"):
        credscore.score("text", title=["x"])


@pytest.mark.parametrize(
    "addition, direction",
    [
        ("\n\nBook your free consultation today! Call now: 555-201-8890.", -1),
        ("\n\nThis revolutionary miracle treatment is the best in the world.", -1),
        ("\n\nOur tea cures diabetes, arthritis and cancer in 7 days.", -1),
        (
            '\n\n"The results need confirming," said Dr. Maria Okafor, a cardiologist at '
            "the University of Leeds who was not involved in the study.",
            +1,
        ),
    ],
)
def test_evidence_moves_the_score_only_its_way(addition, direction):
    for path in sorted(EXAMPLES.glob("*.md")) + sorted(EXAMPLES.glob("*.txt")):
        text = read_document(path).text
        before = credscore.score(text).score
        after = credscore.score(text + addition).score
        assert np.sign(after - before) in (0, direction), (path.name, before, after)


def test_weights_respect_declared_directions():
    model = default_scorer().model
    directions = np.array(model.metadata["directions"])
    assert np.all(model.weights[directions > 0] >= 0)
    assert np.all(model.weights[directions < 0] <= 0)


def test_a_fact_check_is_not_marked_down_for_the_claim_it_refutes():
    report = _report("fact-check.md")
    source = (EXAMPLES / "fact-check.md").read_text(encoding="utf-8")
    assert "Big Pharma doesn't want you to know" in " ".join(source.split())  # then refuted
    assert not any(f.rule == "framing.conspiracy" for f in report.findings)
    assert report.band == "high", report.score


def test_a_fact_check_of_a_miracle_remedy_is_not_scored_as_one():
    claim = (
        "A video viewed millions of times says a tea made from pine needles is a miracle cure "
        "for COVID-19 that is 100% effective and completely safe."
    )
    check = (
        " It is not. Pine needle tea has never been tested against COVID-19 in a clinical trial,"
        " and some pine species are toxic, said Dr. Ahmed Karim, a toxicologist at Johns"
        " Hopkins University who has no ties to any company that sells the products."
    )
    refuted = credscore.score(claim + check)
    asserted = credscore.score(
        claim.replace("A video viewed millions of times says a", "A") + " Order yours today."
    )
    assert not {"superlatives.miracle-claim", "harms.no-side-effects"} & {
        f.rule for f in refuted.findings
    }
    assert {"superlatives.miracle-claim", "harms.no-side-effects"} <= {
        f.rule for f in asserted.findings
    }
    assert refuted.score > asserted.score + 30, (refuted.score, asserted.score)


@pytest.mark.parametrize(
    "claim",
    ["This tea cures cancer.", "Our tea cures diabetes, arthritis and cancer in 7 days."],
)
def test_a_cure_claim_scores_low_and_says_why(claim):
    report = credscore.score(claim)
    assert [f.rule for f in report.findings if f.severity == "error"] == ["efficacy.cure-claim"]
    # The floor holds after calibration: at least floor x slope logits per unit of the feature
    # (log1p of the claims), whatever the data taught the model.
    model = default_scorer().model
    floor = model.metadata["floors"][model.feature_names.index("efficacy__claim_count")]
    least = floor * model.metadata["calibration"]["slope"] * math.log1p(1)
    assert report.contributions["efficacy__claim_count"] <= -least + 1e-9
    assert report.score < 30, report.score  # 38.6 before the efficacy signal
    hedged = credscore.score(claim.replace("cures", "may help prevent"))
    assert hedged.score > report.score + 10


@pytest.mark.parametrize("text", ["", "  \n", "\u200b\u200b", "\u0301\u0302", "\ufeff \u00ad"])
def test_a_text_with_nothing_to_read_is_an_error(text):
    with pytest.raises(ValueError, match="empty"):
        credscore.score(text)
