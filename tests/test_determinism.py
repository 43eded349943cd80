"""Determinism and isolation: the same input gives byte-identical JSON across runs, processes
and hash seeds; one Scorer shared by many threads gives the sequential results."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from synthetic_model import save_synthetic_model

import credscore

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

# Articles written for this test, each different, dense in the marks the signals look for.
SENTENCES = [
    "A small study suggests the drug may lower blood pressure in some adults.",
    "This miracle cure is 100% guaranteed to work for everyone!",
    "Call now at (555) 123-4567 to book your free consultation.",
    'Dr. Jane Roe of Example University said the results "need to be confirmed".',
    "The trial of 120 patients was funded by the company that sells the pill.",
    "It costs $1,200 a month and is not covered by most insurers.",
    "Side effects included nausea, headaches and, rarely, liver damage.",
    "Studies show that experts agree it is a breakthrough.",
    "In mice, the compound shrank tumours by 40% (Smith et al., 2019).",
    "Other options include exercise, diet changes and existing medicines.",
]


def article(i: int) -> str:
    picked = [SENTENCES[(i * 7 + k * 3) % len(SENTENCES)] for k in range(3 + i % 6)]
    return f"Report {i}.\n\n" + " ".join(picked) + "\n"


@pytest.fixture(scope="module")
def model_path(tmp_path_factory) -> Path:
    """A valid model for the current features, independent of the shipped model file."""
    return save_synthetic_model(tmp_path_factory.mktemp("model") / "model.json")


def _cli() -> list[str]:
    here = Path(sys.executable).with_name("credscore")
    if here.exists():
        return [str(here)]
    found = shutil.which("credscore")
    return [found] if found else [sys.executable, "-m", "credscore"]


def run_json(paths, model_path, seed: str) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    result = subprocess.run(
        [*_cli(), "score", "--format", "json", "--model", str(model_path), *map(str, paths)],
        check=False,
        capture_output=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    return result.stdout


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("articles")
    paths = []
    for i in range(6):
        path = folder / f"a{i}.md"
        path.write_text(article(i), encoding="utf-8")
        paths.append(path)
    cp1252 = folder / "windows.txt"
    cp1252.write_bytes("The \u201cnew\u201d pill may help, doctors say.".encode("cp1252"))
    paths.append(cp1252)
    return paths + sorted(EXAMPLES.glob("*.*"))


@pytest.mark.slow  # several processes
def test_json_output_is_byte_identical_across_processes_and_hash_seeds(files, model_path):
    first = run_json(files, model_path, "0")
    assert run_json(files, model_path, "0") == first
    assert run_json(files, model_path, "12345") == first
    assert run_json(files, model_path, "random") == first
    data = json.loads(first)
    assert [row["path"] for row in data] == [str(p) for p in files]


def test_api_output_is_identical_across_scorers(model_path):
    texts = [article(i) for i in range(10)]
    a, b = credscore.Scorer(model_path), credscore.Scorer(model_path)
    for text in texts:
        left = json.dumps(a.score(text).to_dict(), sort_keys=False)
        assert json.dumps(b.score(text).to_dict(), sort_keys=False) == left
        assert json.dumps(a.score(text).to_dict(), sort_keys=False) == left


def test_a_shared_scorer_is_thread_safe(model_path):
    scorer = credscore.Scorer(model_path)
    texts = [article(i) for i in range(50)]
    sequential = [json.dumps(scorer.score(t).to_dict()) for t in texts]
    with ThreadPoolExecutor(max_workers=8) as pool:
        for _ in range(2):
            threaded = list(pool.map(lambda t: json.dumps(scorer.score(t).to_dict()), texts))
            assert threaded == sequential
