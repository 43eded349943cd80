"""Measure the two checks on what a text is before it is judged. Prints figures; asserts nothing.

1. The language test (``credscore.language``): on every English row of the labelled data with
   at least ``MIN_WORDS`` words (HealthStory, HealthRelease, ReCOVery; scraping failures
   included), how many would be refused (the false-refusal rate) and the lowest English
   function-word share next to the floor; on the texts in other languages in
   ``tests/data/languages`` (whole, and their first 30 and 60 words) and on random letters, how
   many are refused and what each is named.
2. Its cost: microseconds per article (the median over the English rows) and that as a share
   of the whole scoring time of the same articles (``Scorer.score_document``).
3. The too-short threshold (``credscore.report.MIN_WORDS``): the ROC AUC of the score of each
   article's first N words against its label, for several N, next to the whole articles' AUC,
   on the rows that are never held out (``--short 0`` skips it; it takes some minutes).

Usage (from the repository root)::

    python benchmarks/bench_input.py [--data ../shared/data] [--short 1000]

The articles are read from the data folder at run time; none is copied into the repository.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import string
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run from a checkout without installing

from credscore.data import CORPORA, find_data_dir, is_held_out, load_corpus
from credscore.document import Document
from credscore.language import MIN_ENGLISH_SHARE, detect_language
from credscore.report import MIN_WORDS
from credscore.scorer import default_scorer

LANGUAGE_SAMPLES = HERE.parent / "tests" / "data" / "languages"
CUTS = (10, 20, 30, 50, 75, 100, 150, 200)


def english_rows(data: Path) -> dict[str, list[str]]:
    """Every row's text per corpus (scraping failures included), for the language test."""
    rows: dict[str, list[str]] = {}
    for name, rel in CORPORA.items():
        field = "body_text" if name == "recovery" else "text"
        with (data / rel).open(encoding="utf-8") as handle:
            rows[name] = [t for line in handle if (t := json.loads(line).get(field) or "").strip()]
    return rows


def refused(doc: Document) -> bool:
    found = detect_language(doc)
    return not found.is_english and (found.script != "Latin" or doc.n_words >= MIN_WORDS)


def measure_language(data: Path) -> list[Document]:
    print(f"## Language test (floor: English function words >= {MIN_ENGLISH_SHARE:.0%})\n")
    docs: list[Document] = []
    for name, texts in english_rows(data).items():
        judged = [d for d in map(Document.from_text, texts) if d.n_words >= MIN_WORDS]
        bad = [d for d in judged if refused(d)]
        lowest = min(detect_language(d).english_share for d in judged)
        print(
            f"{name:14s} {len(judged):5,} English rows of {MIN_WORDS}+ words: {len(bad)} refused "
            f"({len(bad) / len(judged):.2%}); lowest English share {lowest:.3f}"
        )
        docs.extend(judged)
    print()
    rng = random.Random(0)
    samples = {
        p.stem: p.read_text(encoding="utf-8") for p in sorted(LANGUAGE_SAMPLES.glob("*.txt"))
    }
    for n in (60, 300):
        letters = string.ascii_lowercase
        words = ("".join(rng.choices(letters, k=rng.randint(1, 9))) for _ in range(n))
        samples[f"random-{n}"] = " ".join(words)
    total = refused_count = 0
    for name, text in samples.items():
        names = []
        for cut in (30, 60, None):
            doc = Document.from_text(" ".join(text.split()[:cut]) if cut else text)
            found = detect_language(doc)
            total += 1
            refused_count += refused(doc) or doc.n_words < MIN_WORDS
            verdict = "refused" if refused(doc) else "too short to judge"
            names.append(f"{doc.n_words} words: {found.name}, {verdict}")
        print(f"{name:10s} " + "; ".join(names))
    print(
        f"\nother languages and random letters: {refused_count} of {total} refused or too short\n"
    )
    return docs


def measure_cost(docs: list[Document]) -> None:
    scorer = default_scorer()
    sample = docs[:: max(1, len(docs) // 500)]
    detect = []
    score = []
    for doc in sample:
        start = time.perf_counter()
        for _ in range(20):
            detect_language(doc)
        detect.append((time.perf_counter() - start) / 20)
        fresh = Document.from_text(doc.text)  # no memo shared with an earlier run
        start = time.perf_counter()
        scorer.score_document(fresh)
        score.append(time.perf_counter() - start)
    per_article = statistics.median(detect)
    print("## Cost\n")
    print(
        f"language test: {per_article * 1e6:.1f} us per article (median of {len(sample)}); "
        f"scoring: {statistics.median(score) * 1e3:.2f} ms; the test is "
        f"{sum(detect) / sum(score):.2%} of the scoring time\n"
    )


def measure_short(data: Path, n: int) -> None:
    from sklearn.metrics import roc_auc_score

    scorer = default_scorer()
    articles = [
        a
        for corpus in CORPORA
        for a in load_corpus(data, corpus)
        if not is_held_out(a) and Document.from_text(a.text).n_words >= 300
    ]
    articles = articles[:: max(1, len(articles) // n)][:n]
    labels = [a.label for a in articles]

    def auc(texts: list[str]) -> float:
        return roc_auc_score(
            labels, [scorer.score_document(Document.from_text(t)).score for t in texts]
        )

    print(f"## Too short to judge ({len(articles)} articles of 300+ words, never held out)\n")
    print(f"whole articles: ROC AUC {auc([a.text for a in articles]):.3f}")
    for cut in CUTS:
        texts = []
        for a in articles:
            doc = Document.from_text(a.text)
            texts.append(a.text[: doc.token_ends[cut - 1]])
        print(f"first {cut:3d} words: ROC AUC {auc(texts):.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--data", default="../shared/data", help="data folder (default %(default)s)"
    )
    parser.add_argument("--short", type=int, default=1000, help="articles for part 3 (0 skips)")
    args = parser.parse_args(argv)
    data = find_data_dir(args.data)
    if data is None:
        sys.exit(f"error: no labelled data at {args.data}; pass --data DIR")
    docs = measure_language(data)
    measure_cost(docs)
    if args.short:
        measure_short(data, args.short)
    return 0


if __name__ == "__main__":
    sys.exit(main())
