"""Tests for the context checks that signals share: debunking and quotation."""

from __future__ import annotations

import pytest

from credscore.document import Document
from credscore.signals.context import debunking_sentences, in_quotes


def debunked(text: str) -> list[int]:
    return sorted(debunking_sentences(Document.from_text(text)))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Turmeric is a miracle cure. It is sold online.", []),
        ("The myth that turmeric is a miracle cure persists. It is sold online.", [0]),
        # The next sentence opens by refuting the claim: both are debunking.
        ("The video says the tea is a miracle cure. It is not.", [0, 1]),
        ("The post says Big Pharma hides the cure. There is no evidence for that.", [0, 1]),
        ("A meme says lemons kill cancer. That is false, experts say.", [0, 1]),
        ("He says it cures COVID. None of these claims is supported by evidence.", [0, 1]),
        ("Some think exercise is pointless after 70. Not so. Exercise helps.", [0, 1]),
        ("It works in mice. No study has shown it works in people.", [0, 1]),
        # A fact check's labels: the claim it checks, and a verdict after a claim.
        ("Claim: garlic is a miracle cure.\n\nGarlic is healthy food.", [0]),
        ("A post says garlic cures COVID. Our rating: False.", [0, 1]),
    ],
)
def test_a_claim_and_its_refutation(text, expected):
    assert debunked(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # A refutation in the next paragraph, or not at the opening, does not reach back.
        "The video says the tea is a miracle cure.\n\nIt is not. Drink water.",
        "The tea is a miracle cure. The governor said the claims were false.",
        # Qualifying a claim is not refuting it; nor is reporting what none of a group did.
        "The drug cut pain by half. This is not true for everyone in the trial.",
        "Fifteen patients had one tumour. None of the patients was eligible for surgery.",
        "The drug works. The claims department will pay for it.",
    ],
)
def test_no_refutation_of_the_sentence_before(text):
    assert 0 not in debunked(text)


def quoted(text: str, word: str) -> bool:
    doc = Document.from_text(text)
    start = text.index(word)
    return in_quotes(doc, start, start + len(word))


@pytest.mark.parametrize(
    "text",
    [
        "'This is astonishing,' said Dr Smith.",  # British style
        "'The patients' results were astonishing,' he said.",  # a possessive inside
        "She called the result 'astonishing' and moved on.",
        'He said "this is astonishing" today.',
        "'It is astonishing. We did not expect it,' she said.",
    ],
)
def test_single_and_double_quoted_quotations_are_quotations(text):
    assert quoted(text, "astonishing")


@pytest.mark.parametrize(
    "text",
    [
        "The patients' results were astonishing, he said.",
        "I don't think it's astonishing, and the doctors' view is the same.",
        "In the '90s the results were astonishing.",
        "'No,' she said. The results were astonishing.",
        "Rock 'n' roll is astonishing to some.",
    ],
)
def test_apostrophes_are_not_quotations(text):
    assert not quoted(text, "astonishing")
