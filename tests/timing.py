"""Timing for the linear-time tests of the signals: a ratio of two sizes, measured in one run."""

from __future__ import annotations

import gc
import math
import time
from collections.abc import Callable

from credscore.document import Document


def best_seconds(analyze: Callable[[Document], object], text: str, runs: int = 5) -> float:
    """The fastest of ``runs`` calls of ``analyze`` on ``text``'s Document (its memo cleared
    each time), with the garbage collector off: its full passes scale with the heap, which
    would make a linear check look superlinear on a loaded machine."""
    doc = Document.from_text(text)
    best = math.inf
    gc.collect()
    gc.disable()
    try:
        for _ in range(runs):
            doc._memo.clear()
            start = time.perf_counter()
            analyze(doc)
            best = min(best, time.perf_counter() - start)
    finally:
        gc.enable()
    return best
