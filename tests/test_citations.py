"""Tests for the citations signal: unsourced claims and the sources that are present."""

from __future__ import annotations

import math
import re
import time

import pytest

from credscore.document import Document
from credscore.signals import citations


def run(text: str):
    return citations.analyze(Document.from_text(text))


def rules_of(findings) -> list[str]:
    return [f.rule for f in findings]


def find(findings, rule: str):
    return [f for f in findings if f.rule == rule]


# --------------------------------------------------------------------------- must fire


def test_vague_attribution_fires_with_span_and_position():
    text = "Turmeric is popular.\nStudies show that it cures arthritis. Experts agree."
    _, findings = run(text)
    vague = find(findings, "citations.vague-attribution")
    assert [f.text for f in vague] == ["Studies show", "Experts agree"]
    assert (vague[0].line, vague[0].column) == (2, 1)
    assert vague[0].severity == "warning"
    assert "unnamed" in vague[0].message


@pytest.mark.parametrize(
    "phrase",
    ["research proves", "doctors say", "scientists believe", "many people report", "experts say"],
)
def test_vague_phrases_fire(phrase):
    _, findings = run(f"Our tea is the best, and {phrase} it melts fat.")
    assert [f.text.lower() for f in find(findings, "citations.vague-attribution")] == [phrase]


def test_agentless_claim_fires():
    _, findings = run("It is known that garlic lowers blood pressure.")
    claims = find(findings, "citations.unsourced-claim")
    assert [f.text for f in claims] == ["It is known that"]
    _, findings = run("This cream is clinically proven to erase wrinkles.")
    assert [f.text for f in find(findings, "citations.unsourced-claim")] == ["clinically proven"]


def test_unattributed_statistic_fires():
    _, findings = run("Our formula is loved. 80% of patients feel better in a week.")
    stats = find(findings, "citations.unattributed-statistic")
    assert [f.text for f in stats] == ["80% of patients"]
    assert stats[0].column == 23


def test_statistic_with_attribution_nearby_does_not_fire():
    text = "Researchers followed 500 adults for a year. After a year, 80% of patients improved."
    _, findings = run(text)
    assert "citations.unattributed-statistic" not in rules_of(findings)


def test_statistic_in_a_paragraph_opened_by_its_study_is_attributed():
    study = "The trial enrolled 6,212 adults. Half took a placebo. Both groups ate well. "
    stat = "After three years, 4.1% of people taking the drug had a stroke."
    _, findings = run(study + stat)
    assert "citations.unattributed-statistic" not in rules_of(findings)
    # The paragraph ends at a blank line: a study named in an earlier paragraph does not
    # vouch for a number three sentences later in the next one.
    _, findings = run(study + "\n\nOur clinic is the best. We care. " + stat)
    assert [f.text for f in find(findings, "citations.unattributed-statistic")] == [
        "4.1% of people"
    ]


# --------------------------------------------------------------------------- must not fire


@pytest.mark.parametrize(
    "text",
    [
        "No studies show that turmeric cures arthritis.",
        "Not all experts agree on the dose.",
        "The myth that studies show vaccines cause autism has been debunked.",
        "Studies show, in a 2019 paper in JAMA, that the drug lowers blood pressure.",
        "Studies show benefits, according to a review in The Lancet.",
        "It has not been shown to work in people.",
    ],
)
def test_negated_debunked_or_sourced_claims_do_not_fire(text):
    _, findings = run(text)
    assert not {"citations.vague-attribution", "citations.unsourced-claim"} & set(rules_of(findings))


def test_source_in_next_sentence_counts():
    _, findings = run("Studies show it helps. A 2019 trial in NEJM found fewer strokes.")
    assert "citations.vague-attribution" not in rules_of(findings)


def test_source_two_sentences_away_does_not_count():
    _, findings = run("Studies show it helps. It is cheap. A 2019 trial in NEJM found fewer strokes.")
    assert rules_of(find(findings, "citations.vague-attribution")) == ["citations.vague-attribution"]


def test_common_words_are_not_journals_or_agencies():
    _, findings = run("Patients who live in nature, who like science, found a cell phone useful.")
    assert not {"citations.journal", "citations.institution"} & set(rules_of(findings))


# --------------------------------------------------------------------------- sources


def test_named_sources_and_kinds():
    text = (
        '"Memory is usually affected first," said Dennis Chan, a neuroscientist at Cambridge '
        "University. According to Professor Alan Lee of the University of Oxford, the CDC and "
        "the WHO agree. A 2019 study in The Lancet (doi:10.1056/NEJMoa1234567, PMID: 31234567) "
        "is at https://example.org/paper."
    )
    feats, findings = run(text)
    texts = {f.rule: [] for f in findings}
    for f in findings:
        texts[f.rule].append(f.text)
    assert "said Dennis Chan" in texts["citations.named-source"]
    assert "Professor Alan Lee" in texts["citations.named-source"]
    assert {"Cambridge University", "University of Oxford", "CDC", "WHO"} <= set(
        texts["citations.institution"]
    )
    assert texts["citations.journal"] == ["The Lancet"]
    assert texts["citations.dated-study"] == ["A 2019 study"]
    assert texts["citations.study-id"] == ["doi:10.1056/NEJMoa1234567", "PMID: 31234567"]
    assert texts["citations.link"] == ["https://example.org/paper"]
    assert all(f.severity == "info" for f in findings)
    assert feats["source_kinds"] == 6.0
    assert feats["named_people"] == pytest.approx(math.log1p(2))
    assert feats["quote_count"] == pytest.approx(math.log1p(1))


def test_titled_person_and_role_pattern():
    _, findings = run("Dr. Jane Smith, a cardiologist at Mayo Clinic, reviewed the data.")
    named = find(findings, "citations.named-source")
    assert [(f.text, f.line, f.column) for f in named] == [("Dr. Jane Smith", 1, 1)]
    assert [f.text for f in find(findings, "citations.institution")] == ["Mayo Clinic"]


def test_ambiguous_journal_names_need_capital_after_in():
    _, findings = run("The results were published in Nature last week.")
    assert find(findings, "citations.journal")
    _, findings = run("The journal Pediatrics printed the trial.")
    assert [f.text for f in find(findings, "citations.journal")] == ["The journal Pediatrics"]


def test_each_distinct_source_reported_once():
    _, findings = run("The FDA approved it. The FDA later warned about it. The FDA said so.")
    assert [f.text for f in find(findings, "citations.institution")] == ["FDA"]


# --------------------------------------------------------------------------- features


def test_feature_keys_finite_and_directions():
    feats, _ = run("Studies show it works. 80% of patients agree.")
    assert set(feats) == {f.name for f in citations.FEATURES}
    assert all(math.isfinite(v) for v in feats.values())
    directions = {f.name: f.direction for f in citations.FEATURES}
    assert directions["unsourced_claim_count"] == -1
    assert directions["source_rate"] == directions["sourced_share"] == 1
    assert feats["unsourced_claim_count"] > 0
    assert feats["sourced_share"] == pytest.approx(1 / 4)  # 0 sourced of 2 claims, smoothed


def test_sourced_share_neutral_without_claims_and_high_when_sourced():
    feats, _ = run("The weather was mild.")
    assert feats["sourced_share"] == 0.5
    assert feats["source_rate"] == 0.0
    feats, _ = run("Studies show it works, according to a 2020 review in JAMA.")
    assert feats["sourced_share"] == pytest.approx(2 / 3)


def test_empty_text():
    feats, findings = run("")
    assert findings == []
    assert set(feats) == {f.name for f in citations.FEATURES}


def test_rule_ids_belong_to_rules_and_findings_sorted():
    text = (
        "Experts say it works. It is known that it helps. 9 out of 10 doctors agree. "
        "Dr. Ann Lee of Mayo Clinic disagrees; see https://x.org."
    )
    _, findings = run(text)
    ids = {r.id for r in citations.RULES}
    assert findings and all(f.rule in ids for f in findings)
    assert [f.start for f in findings] == sorted(f.start for f in findings)
    assert all(re.fullmatch(r"citations\.[a-z]+(?:-[a-z]+)*", i) for i in ids)


def test_lexicons_name_a_source():
    from credscore.lexicon import load_lexicon

    for name in citations._LISTS.values():
        assert load_lexicon(name).source


def test_pathological_input_is_fast():
    nasty = ("Aaaa Bbbb, " * 4000) + ("Dr. " * 4000) + ("1 " * 20000) + ("www." * 5000)
    start = time.perf_counter()
    run(nasty)
    assert time.perf_counter() - start < 2.0


def test_windowed_scans_equal_full_scans():
    # finditer_near scans only near anchors; it must return exactly rx.finditer's matches.
    import random

    cases = [
        (citations._DATED_STUDY, citations._YEAR_ANCHOR, 100, 160),
        (citations._JOURNAL_RE, citations._JOURNAL_ANCHOR, 130, 260),
        (citations._TITLED, citations._TITLED_ANCHOR, 10, 200),
        (citations._ACCORDING, citations._ACCORDING_ANCHOR, 10, 200),
        (citations._UNIVERSITY, citations._INSTITUTION_ANCHOR, 150, 180),
        (citations._STATISTIC, citations._STATISTIC_ANCHOR, 20, 100),
    ]
    pieces = [
        "a 2019 study", "The 1999 trial", "Smith et al. (2019)", "Smith and Jones (2001)",
        "Journal", "journal of the Lancet", "Published online in the journal",
        "published in Nature", "Dr. J. Smith", "Prof Anne Lee", "according to Dr. Bob Smith",
        "according to ", "2020", "19", "20", "Abcdef ", "x", " ", "study", "(", ")", ".",
        ",", "Big Medical Journal", "in a new 2015 review", "Jones et al 2010", "Doctor Who",
        "\n", "a " * 30, "University of Oxford", "Harvard Medical School", "Hospitals",
        "Mayo Clinic", "College of Medicine", "Cancer Centre", "Health System", "Infirmary",
        "80% of patients", "12.5 per cent of", "one in three adults", "2 out of 10", "people",
    ]
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(
            rng.choice(pieces) + rng.choice(["", " ", "  "]) for _ in range(rng.randint(1, 40))
        )
        for rx, anchor, before, after in cases:
            full = [m.span() for m in rx.finditer(text)]
            near = [m.span() for m in citations.finditer_near(rx, text, anchor, before, after)]
            assert near == full, (rx.pattern[:30], text)


def test_person_scans_equal_the_plain_patterns():
    # _said_name tries _SAID_NAME only where a verb's first letters occur, the name-first
    # patterns are tried only where _NAME_START finds a name can start, and a name's first
    # word is matched possessively: all must give exactly the plain patterns' matches.
    import random

    def plain(rx):
        return re.compile(rx.pattern.replace("{1,30}+", "{1,30}"))

    pieces = [
        "said", "says", "told", "pointed out", "pointed  \n out", "according to", "Said",
        "unsaid", "re-said", "it'said", "noted", "added", "adds", ",", ", ", " ", "  ", ".",
        "Dr", "Jane", "Smith", "Smith-Jones", "J.", "O'Neil", "in", "the", "study", "author",
        "a cardiologist at", "professor", "a nurse", "chief of surgery", "The Lancet", "and",
        "Anne Lee", "\n", "x" * 35, "Abcdefghij" * 4,
    ]
    cases = [
        (citations._NAME_ROLE, lambda text: citations._name_role_and_said(text)[0]),
        (citations._NAME_SAID, lambda text: citations._name_role_and_said(text)[1]),
        (citations._SAID_NAME, citations._said_name),
    ]
    rng = random.Random(11)
    for _ in range(3000):
        text = "".join(
            rng.choice(pieces) + rng.choice(["", " ", " "]) for _ in range(rng.randint(1, 30))
        )
        for rx, scan in cases:
            expected = [m.span() for m in plain(rx).finditer(text)]
            assert [m.span() for m in scan(text)] == expected, (rx.pattern[:30], text)
    assert "{1,30}+" in citations._NAME_ROLE.pattern  # the possessive form is what is tested


# --------------------------------------------------------------------------- journals in names


@pytest.mark.parametrize(
    "text, institution",
    [
        ("Staff at the London Cancer Research Centre found it.", "London Cancer Research Centre"),
        ("The charity Cancer Research UK funded the work.", None),
        ("It was debunked by the American Institute for Cancer Research.", None),
    ],
)
def test_journal_title_inside_an_organisation_name_is_not_a_journal(text, institution):
    _, findings = run(text)
    assert find(findings, "citations.journal") == []
    if institution:
        assert [f.text for f in find(findings, "citations.institution")] == [institution]


@pytest.mark.parametrize(
    "text",
    [
        "The results appear in the journal Cancer Research.",
        "Cancer Research published the study on Monday.",
        "The paper, in JAMA Oncology, says so.",
        "Writing in The Lancet, the authors agree.",
    ],
)
def test_journal_titles_still_count(text):
    assert len(find(run(text)[1], "citations.journal")) == 1


def test_each_attributed_quotation_is_shown():
    text = (
        '"The benefit is modest and real," said Dr. Anne Lee. "Patients should weigh the '
        'side effects," she added. A "miracle" it is not.'
    )
    features, findings = run(text)
    quotes = find(findings, "citations.quotation")
    assert [f.text[:15] for f in quotes] == ['"The benefit is', '"Patients shoul']
    assert features["quote_count"] == pytest.approx(math.log1p(2))


def test_source_rate_counts_distinct_sources_each_shown():
    text = "Dr. Anne Lee led it. Dr. Anne Lee said so. The CDC agrees."
    features, findings = run(text)
    sources = [f for f in findings if f.rule in ("citations.named-source", "citations.institution")]
    assert len(sources) == 2  # Lee once, the CDC once
    assert features["source_rate"] == pytest.approx(1000 * 2 / 200)
