"""The model honours every feature's declared direction on whole articles: a call to action or
an unsupported superlative never raises a score, a named independent source never lowers it."""

from __future__ import annotations

from pathlib import Path

import pytest

import credscore
from credscore.data import find_data_dir, is_held_out, load_corpus

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").iterdir())
# Real articles make the test stronger when the data is there; the examples always run.
DATA_DIR = find_data_dir(None) or find_data_dir(ROOT.parent / "shared" / "data")

CALL_TO_ACTION = "Book your free consultation today! Call now to claim 20% off."
SUPERLATIVE = "It is a revolutionary breakthrough, the most amazing advance ever."
INDEPENDENT_SOURCE = (
    "Dr. Jane Roe, a cardiologist at Johns Hopkins University who was not involved in the "
    'study, said the results were "encouraging but preliminary."'
)


def _articles() -> list[tuple[str, str | None]]:
    texts = [(p.read_text(encoding="utf-8"), None) for p in EXAMPLES]
    if DATA_DIR is not None:
        rows = [a for a in load_corpus(DATA_DIR, "healthstory") if is_held_out(a)][:60]
        texts += [(a.text, a.title) for a in rows]
    return texts


def _logit(text: str, title: str | None) -> float:
    return credscore.score(text, title=title).logit


@pytest.mark.parametrize(
    ("addition", "sign"),
    [(CALL_TO_ACTION, -1), (SUPERLATIVE, -1), (INDEPENDENT_SOURCE, +1)],
    ids=["call-to-action", "superlative", "independent-source"],
)
def test_adding_evidence_moves_the_score_only_its_way(addition, sign):
    moved = []
    for text, title in _articles():
        before = _logit(text, title)
        after = _logit(f"{text}\n\n{addition}\n", title)
        assert sign * (after - before) >= -1e-9, (text[:80], before, after)
        moved.append(sign * (after - before))
    # It is not enough never to move the wrong way: on most articles it must move at all.
    assert sum(m > 0 for m in moved) >= 0.8 * len(moved)
