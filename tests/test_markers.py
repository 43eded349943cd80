"""The ``slow`` marker: registered, and carried by the tests that take seconds to minutes, so
that ``pytest -m "not slow"`` is a quick loop while editing (CI runs everything)."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_the_quick_loop_leaves_out_the_slow_tests():
    files = ["tests/test_notebook.py", "tests/test_readability.py"]
    out = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-m", "not slow", *files],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert out.returncode == 0, out.stdout + out.stderr  # --strict-markers: "slow" is known
    quick = {line.split("[")[0] for line in out.stdout.splitlines() if "::" in line}
    # Not the Jupyter kernel, nor the passes over the labelled data ...
    assert not quick & {
        "tests/test_notebook.py::test_notebook_runs_on_the_bundled_examples",
        "tests/test_readability.py::test_real_articles_match_textstat",
    }
    # ... but the quick checks of the same files.
    assert {
        "tests/test_notebook.py::test_committed_notebook_has_no_outputs",
        "tests/test_readability.py::test_short_texts_match_textstat",
    } <= quick
