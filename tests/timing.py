"""Timing for the linear-time tests of the signals: two sizes, measured side by side."""

from __future__ import annotations

import gc
import math
import time
from collections.abc import Callable

from credscore.document import Document


def best_seconds(
    analyze: Callable[[Document], object], *texts: str, runs: int = 5, spread: float = 0.5
) -> list[float]:
    """The fastest call of ``analyze`` on each text's Document (its memo cleared each time),
    over at least ``runs`` rounds and ``spread`` seconds, with the garbage collector off.

    The texts take turns, round after round, so a slow spell of the machine (a shared
    virtual machine has them, lasting longer than a few calls) slows them alike instead of
    only the one being timed; the garbage collector's full passes scale with the heap, which
    would make a linear check look superlinear."""
    docs = [Document.from_text(text) for text in texts]
    best = [math.inf] * len(docs)
    gc.collect()
    gc.disable()
    try:
        end = time.perf_counter() + spread
        rounds = 0
        while rounds < runs or (time.perf_counter() < end and rounds < 100):
            for k, doc in enumerate(docs):
                doc._memo.clear()
                start = time.perf_counter()
                analyze(doc)
                best[k] = min(best[k], time.perf_counter() - start)
            rounds += 1
    finally:
        gc.enable()
    return best
