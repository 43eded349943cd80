"""Tests for page furniture: lines of a scraped page that are not prose, read once in the
Document and never scored. Every text here is written for the tests."""

from __future__ import annotations

import pytest

import credscore
from credscore.document import Document
from credscore.extract import FEATURE_NAMES, extract
from credscore.furniture import FURNITURE_KINDS, page_lines
from credscore.signals import commercial, novelty, readability, superlatives


def kinds(text: str) -> list[tuple[str, str]]:
    """(line, kind) for each furniture line of ``text``."""
    return [(text[s:e], k) for s, e, k in page_lines(text).furniture]


BODY = (
    "A drug for early memory loss slowed decline in a trial of 1,200 adults, researchers "
    "reported in The Lancet Neurology.\n\n"
    "After 18 months, 22% of patients on the drug had worsened, against 29% on a placebo. "
    "Headaches were more common on the drug (12% vs 7%), and 16 people stopped treatment "
    "because of side effects.\n\n"
    "'This is a modest effect, and it may not last,' said Dr Jane Okafor, a neurologist at "
    "Leeds University who was not involved in the study. The trial was funded by the drug's "
    "maker, and two authors are paid consultants.\n\n"
    "The drug costs about $20,000 a year and is not yet approved. Larger trials are needed to "
    "know whether the benefit lasts, the authors wrote.\n"
)
PAGE = (
    "Home > Health > Brain\n"
    "News | Health | Science | Contact\n"
    "By Sam Rivera\n"
    "Health Reporter\n\n"
    "Photo: A nurse checks a patient's records (Getty Images)\n\n"
    + BODY
    + "\n[Source: The Lancet Neurology]\n"
    "Share this article\n"
    "Sign up for our weekly health newsletter\n\n"
    "Related stories\n"
    "World's First Brain Implant Restores Memory in Days\n"
    "Miracle Pill Melts Belly Fat Overnight, Doctors Stunned\n"
    "Revolutionary Diet Reverses Diabetes for Good\n\n"
    "Read more: A breakthrough cure for baldness is here\n"
    "(Image credit: Stock photo)\n"
    "Copyright 2024 The Daily Example. All rights reserved.\n"
)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Home > Health > Cancer", "navigation"),
        ("Home | News | Contact", "navigation"),
        ("Facebook Twitter Email", "navigation"),
        ("Updated at 9:20 p.m. ET", "navigation"),
        ("Related: Tea drinkers live longer, study says", "teaser"),
        ("Read more: Five foods that fight ageing", "teaser"),
        ("You may also like", "teaser"),
        ("By Jane Smith", "byline"),
        ("Jane Smith, MD; John Doe, PhD", "byline"),
        ("Ann Lee, Tom Ng and Ruth Ojo", "byline"),
        ("Senior Health Correspondent", "byline"),
        ("Share this article", "prompt"),
        ("Sign up for our newsletter", "prompt"),
        ("Sign up for our newsletter! Click here to subscribe today and get the news.", "prompt"),
        ("Share this article. Sign up for our newsletter.", "prompt"),
        ("Advertisement", "prompt"),
        ("Photo: A nurse in the ward", "caption"),
        ("(Image credit: NASA)", "caption"),
        ("Credit: Getty Images", "caption"),
        ("A nurse in the ward. Photograph: Sam Lee/Example Agency", "caption"),
        ("A nurse checks a scan in a file photo. REUTERS/Sam Lee", "caption"),
        ("(Sam Lee/The Daily Example)", "caption"),
        ("[Source: The Lancet Neurology]", "source"),
        ("Source: Reuters", "source"),
        ("This article was originally published on example.org", "source"),
    ],
)
def test_furniture_lines_are_recognised(line, kind):
    text = f"The trial enrolled 40 adults over two years at three hospitals.\n{line}\n"
    assert kinds(text) == [(line, kind)]
    assert kind in FURNITURE_KINDS


@pytest.mark.parametrize(
    "line",
    [
        "The source of the funding was the National Institutes of Health.",
        "What the study found",  # a section heading is the writer's own
        "Fever",
        "Photos of the new ward show a row of empty beds.",
        "By the end of the trial, 40 patients had improved.",
        "Get your free quote today",  # a sales page's menu is part of its pitch
        "Book Your Consultation | Our Clinic | Stem Cell Therapy",
        "###",  # a press release's end mark, which the framing signal reads
        "Get our newsletter. Questions? Contact us about treatments.",
        "Sign up for our newsletter! Click here to subscribe and save 20% on your first order.",
        "Click here to subscribe and save 15%",
        "| Placebo | 120 | 12% |",
        "- Mary, 54, Texas",
        "(doi:10.1001/jama.2018.1100)",  # a citation earns its credit
        "Advertising of the drug to patients is banned in Europe",
    ],
)
def test_prose_and_sales_lines_are_not_furniture(line):
    text = f"The trial enrolled 40 adults over two years at three hospitals.\n{line}\n"
    assert kinds(text) == []


def test_teaser_lists_after_a_header_and_title_case_runs():
    text = (
        "The trial enrolled 40 adults.\n\nMost read\nNew pill may stop migraines\n"
        "Why sleep matters more than you think\n\nThe end of the story came here.\n\n"
        "Scientists Find Gene That Controls Ageing\nThis Common Fruit Protects Your Heart\n"
        "Doctors Warn Against Popular Diet Trend\n"
    )
    found = kinds(text)
    assert [k for _, k in found] == ["teaser"] * 6
    assert "The end of the story came here." not in [line for line, _ in found]


def test_content_lists_and_reference_lists_stay_prose():
    symptoms = "Common symptoms:\nFever\nDry cough\nLoss of taste or smell\nTiredness\n"
    references = (
        "References\nJournal of Clinical Studies, June 29, 2019\nThe New England Review, "
        "March 3, 2020\nAnnual Report of the Example Institute, May 2021\n"
    )
    assert kinds(symptoms) == []
    assert kinds(references) == []


def test_document_blanks_furniture_and_keeps_offsets():
    doc = Document.from_text(PAGE)
    assert len(doc.text) == len(PAGE)
    at = PAGE.index("After 18 months")
    assert doc.line_col(at) == (PAGE.count("\n", 0, at) + 1, 1)
    for start, end, _ in doc.furniture:
        assert doc.text[start:end].strip() == ""
    assert "Share this article" not in doc.text and "Share this article" in PAGE
    # the body's words, and only those, are counted
    assert doc.n_words == Document.from_text(BODY).n_words
    assert Document.from_text(PAGE, furniture=False).n_words > doc.n_words
    assert Document.from_text(PAGE, furniture=False).furniture == ()


def test_lines_without_end_punctuation_do_not_merge_into_sentences():
    text = (
        "New Hope for Knee Pain\n"
        "Doctors tested a new brace in 80 adults. It helped some of them.\n"
        "What the study found\n"
        "Pain fell by a third in the brace group."
    )
    doc = Document.from_text(text)
    sentences = [text[s:e] for s, e in doc.sentences]
    assert sentences == [
        "New Hope for Knee Pain",
        "Doctors tested a new brace in 80 adults.",
        "It helped some of them.",
        "What the study found",
        "Pain fell by a third in the brace group.",
    ]


def test_hard_wrapped_prose_still_reads_as_one_sentence():
    text = (
        "The results of the trial, which was run at four hospitals in the north of\n"
        "England, were published today by researchers working with Professor Ann\n"
        "Smith of the University of Leeds.\n"
    )
    assert len(Document.from_text(text).sentences) == 1


def test_teaser_hype_earns_no_finding_and_no_feature():
    page_feats, page_findings = superlatives.analyze(Document.from_text(PAGE))
    body_feats, _ = superlatives.analyze(Document.from_text(BODY))
    assert page_findings == []
    assert page_feats == body_feats
    # the related-stories teaser's "world's first" is not the writer's novelty claim
    assert novelty.analyze(Document.from_text(PAGE)) == novelty.analyze(Document.from_text(BODY))


def test_furniture_feeds_no_readability_or_rate_denominator():
    page, body = Document.from_text(PAGE), Document.from_text(BODY)
    assert readability.analyze(page)[0] == pytest.approx(readability.analyze(body)[0])
    page_x = dict(zip(FEATURE_NAMES, extract(page)[0]))
    body_x = dict(zip(FEATURE_NAMES, extract(body)[0]))
    assert page_x == pytest.approx(body_x)


def test_a_scraped_page_scores_close_to_its_body_alone():
    page = credscore.score(PAGE, title="Memory drug slows decline in trial")
    body = credscore.score(BODY, title="Memory drug slows decline in trial")
    assert abs(page.score - body.score) <= 10, (page.score, body.score)
    assert not [f for f in page.findings if f.start < PAGE.index(BODY[:20])]


TRIAL = (
    "Doctors in Japan have given stem-cell-derived heart patches to three patients with "
    "heart failure in a safety trial, the team reported at a cardiology meeting this week.\n\n"
    "The patches were made from reprogrammed cells. After six months none of the patients "
    "had serious side effects, and two could walk further than before; with three patients "
    "and no comparison group, the trial cannot show that the patches work.\n\n"
    "'It is far too early to say whether this helps,' said Professor Ruth Mendes, who was not "
    "involved. A larger trial with a control group is planned for next year.\n"
)
BIONEWS_LIKE = (
    TRIAL + "\nRelated articles\n"
    "World's first lab-grown heart valve implanted in a child\n"
    "4 March 2024 - by Alex Moor\n"
    "Surgeons say the valve grew with the patient over a year.\n"
    "New hope for spinal injury after stem cell breakthrough\n"
    "12 February 2024 - by Lee Park\n"
)
NEWS_LIKE = (
    "Home > News > Health\n"
    "Miracle Diet Pill Sells Out in Hours\n"
    "Shocking Truth About Your Morning Coffee\n"
    "Doctors Hate This One Simple Trick\n\n" + TRIAL + "\nMost popular\n"
    "Revolutionary jab cures arthritis for good\n"
    "Scientists stunned by world's first memory pill\n"
)


@pytest.mark.parametrize("page", [BIONEWS_LIKE, NEWS_LIKE])
def test_a_trial_report_is_not_penalised_for_its_sites_teasers(page):
    doc, body = Document.from_text(page), Document.from_text(TRIAL)
    assert extract(doc)[0] == pytest.approx(extract(body)[0])
    title = "Stem-cell heart patches pass first safety test"
    assert (
        abs(credscore.score(page, title=title).score - credscore.score(TRIAL, title=title).score)
        <= 10
    )


def test_a_sales_pages_menu_and_buttons_still_count_against_it():
    page = (
        "Home | Treatments | Results | Contact\n"
        "Get Your Free Quote Today\n"
        "Book Your Consultation Now\n"
        "Stem Cell Therapy Without The Wait\n\n"
        "Our clinic has treated thousands of patients from around the world with our own "
        "stem cell programme, and most of them go home walking better within weeks.\n"
        "Share this page\n"
    )
    found = kinds(page)
    assert ("Home | Treatments | Results | Contact", "navigation") in found
    assert ("Share this page", "prompt") in found
    assert not [line for line, _ in found if "Quote" in line or "Consultation" in line]
    _, findings = commercial.analyze(Document.from_text(page))
    assert {f.text.lower() for f in findings} >= {"free quote"}


@pytest.mark.parametrize(
    "text",
    [
        # a pitch after a "Read more" header is still a pitch
        "Read More\n\nAlso, make sure to get your boost of zinc today, now at 50% off!\n",
        # "More news ..." as a sentence is not a teaser header
        "More news outlets are laying off health reporters this year.\n",
        # a release's contact heading stays, so its phone number reads as a press contact
        "Contact:\nJane Doe\n555-123-4567\n",
    ],
)
def test_lines_that_only_look_like_teasers_or_menus(text):
    found = kinds(text)
    assert not [line for line, _ in found if "50%" in line or "More news" in line]
    assert ("Contact:", "navigation") not in found


@pytest.mark.parametrize(
    "line, cued",
    [
        ("A nurse in the ward. Getty Images.", True),
        ("The report was signed by many of them: all of them.", True),
        ("2024 The Daily Example, all rights reserved.", True),
        ("2024 The Daily Example, All Rights Reserved.", True),
        ("\u00a9 The Daily Example.", True),
        ("A nurse at the ward, as she said to reporters.", False),
    ],
)
def test_a_prose_line_is_read_in_full_when_its_tail_holds_a_credit_or_legal_words(line, cued):
    from credscore.furniture import _cued

    assert _cued(line, 0, len(line)) is cued


def test_a_labelled_list_is_not_a_headline_but_a_title_case_line_is():
    from credscore.furniture import _shape

    for line, shape in [
        ("Dairy Products: Milk, Cheese And Yogurt", None),
        ("What The Study Found About Sleep", "title"),
        ("Sleep Study Finds 120 Minutes Helps", None),
    ]:
        assert _shape(line, line.split()) == shape
