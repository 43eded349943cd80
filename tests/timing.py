"""Timing for the tests that check a piece of code scales linearly: two sizes, one run."""

from __future__ import annotations

import gc
import math
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from credscore.document import Document


@contextmanager
def gc_paused() -> Iterator[None]:
    """Collect, then keep the cyclic garbage collector off: its full passes cost more as the
    heap grows, so one landing in the larger run would make a linear check look superlinear."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def cpu_seconds(function: Callable[..., object], *args: object, runs: int = 1) -> float:
    """The least CPU time of ``runs`` calls of ``function(*args)``, each with the garbage
    collector paused (a first call may also load lazy resources)."""
    best = math.inf
    for _ in range(runs):
        with gc_paused():
            start = time.process_time()
            function(*args)
            best = min(best, time.process_time() - start)
    return best


def best_seconds(
    analyze: Callable[[Document], object], *texts: str, runs: int = 5, spread: float = 0.5
) -> list[float]:
    """The fastest call of ``analyze`` on each text's Document (its memo cleared each time),
    over at least ``runs`` rounds and ``spread`` seconds, with the garbage collector paused.

    The texts take turns, round after round, so a slow spell of the machine (a shared
    virtual machine has them, lasting longer than a few calls) slows them alike instead of
    only the one being timed."""
    docs = [Document.from_text(text) for text in texts]
    best = [math.inf] * len(docs)
    with gc_paused():
        end = time.perf_counter() + spread
        rounds = 0
        while rounds < runs or (time.perf_counter() < end and rounds < 100):
            for k, doc in enumerate(docs):
                doc._memo.clear()
                start = time.perf_counter()
                analyze(doc)
                best[k] = min(best[k], time.perf_counter() - start)
            rounds += 1
    return best
