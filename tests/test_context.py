"""Tests for the context checks that signals share: which sentences report a claim to reject it."""

from __future__ import annotations

import pytest

from credscore.document import Document
from credscore.signals.context import debunking_sentences


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
