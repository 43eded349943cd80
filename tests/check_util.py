"""Helpers of the ``credscore check`` end-to-end tests: run the installed command in a folder,
and write a model file whose score is the same for every article (so that thresholds can be
tested without depending on the shipped model's weights)."""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np

from credscore.extract import FEATURE_NAMES
from credscore.model import LinearModel, feature_versions, lexicon_hash

# Texts whose findings do not depend on the model.
PROMO = "Order now and try this miracle cure today.\n"  # commercial + superlatives errors
VAGUE = "Studies show that the treatment works well for patients.\n"  # a citations warning
# Only findings that raise; six lines, so that it is long enough to judge (MIN_WORDS).
CLEAN = "It may help some patients, a small study suggests.\n" * 6


def command() -> list[str]:
    """The installed ``credscore`` script of this interpreter's environment."""
    script = Path(sys.executable).with_name("credscore")
    if script.exists():
        return [str(script)]
    found = shutil.which("credscore")
    return [found] if found else [sys.executable, "-m", "credscore"]


def run(*args, cwd: Path, stdin: str | None = None, env: dict | None = None):
    """Run ``credscore ARGS`` in ``cwd``; returns the CompletedProcess (text mode)."""
    return subprocess.run(
        [*command(), *map(str, args)],
        check=False,
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, **(env or {})},
    )


def write_model(path: Path, score: float = 50.0) -> Path:
    """A valid model file that gives every article ``score`` (weights all zero)."""
    n = len(FEATURE_NAMES)
    p = score / 100.0
    model = LinearModel(
        FEATURE_NAMES,
        np.zeros(n),
        np.zeros(n),
        math.log(p / (1 - p)),
        metadata={"lexicon_sha256": lexicon_hash(), "feature_versions": feature_versions()},
    )
    model.save(path)
    return path


def lines(text: str, prefix: str) -> list[str]:
    """Output lines that start with ``prefix``."""
    return [line for line in text.splitlines() if line.startswith(prefix)]


def rules_in(stdout: str) -> set[str]:
    """Rule ids of the ``path:line:col: rule [severity] message`` lines."""
    out = set()
    for line in stdout.splitlines():
        parts = line.split(": ", 2)
        if len(parts) >= 2 and parts[0].count(":") == 2 and " [" in parts[1]:
            out.add(parts[1].split(" [")[0])
    return out


def load_json(text: str) -> dict:
    return json.loads(text)
