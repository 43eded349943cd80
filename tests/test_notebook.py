"""notebooks/batch_scoring.ipynb: committed without outputs, and runs end to end offline on
the bundled examples in a kernel of this very Python."""

from __future__ import annotations

import ast
import json
import re
import sys
import time

import pytest
from conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "batch_scoring.ipynb"


def test_committed_notebook_has_no_outputs():
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = [cell for cell in nb["cells"] if cell["cell_type"] == "code"]
    assert code, "the notebook has no code cells"
    for cell in code:
        assert cell["outputs"] == [], f"cell {cell.get('id')} has outputs: strip them"
        assert cell["execution_count"] is None, f"cell {cell.get('id')} has an execution count"
    assert "widgets" not in nb["metadata"]


def test_text_names_the_labels_the_code_gives():
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    sources = ["".join(cell["source"]) for cell in nb["cells"]]
    code = next(s for s in sources if "EXAMPLE_LABELS = {" in s)
    dict_text = re.search(r"EXAMPLE_LABELS = (\{.*?\})", code, re.DOTALL).group(1)
    labels = ast.literal_eval(dict_text)
    cell = next(s for s in sources if "our own reading" in s)
    text = " ".join(cell[cell.index("our own reading") :].split())
    for label in (1, 0):
        clause = re.search(rf"\b{label} for (.*?\))", text)
        assert clause, f"the text does not say which examples are labelled {label}"
        named = set(re.findall(r"`([\w-]+)`", clause.group(1)))
        assert named == {stem for stem, value in labels.items() if value == label}, label
    examples = {p.stem for p in (ROOT / "examples").iterdir() if p.suffix in {".md", ".txt"}}
    assert set(labels) == examples  # every bundled example is labelled, and only those


@pytest.fixture
def kernel_name(tmp_path, monkeypatch) -> str:
    """A kernelspec that runs ipykernel in this interpreter (not whatever ``python`` is on
    PATH), visible to jupyter_client through JUPYTER_PATH."""
    pytest.importorskip("ipykernel")
    from jupyter_client.kernelspec import KernelSpecManager

    spec = tmp_path / "kernels" / "credscore-test"
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    spec.joinpath("kernel.json").write_text(
        json.dumps({"argv": argv, "display_name": "credscore test", "language": "python"})
    )
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path))
    assert KernelSpecManager().get_kernel_spec("credscore-test").argv[0] == sys.executable
    return "credscore-test"


@pytest.mark.slow  # a Jupyter kernel
def test_notebook_runs_on_the_bundled_examples(kernel_name, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("matplotlib")
    monkeypatch.delenv("CREDSCORE_DATA", raising=False)  # the bundled examples, always
    monkeypatch.delenv("MPLBACKEND", raising=False)  # the kernel's inline backend draws PNGs

    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        nb,
        kernel_name=kernel_name,
        timeout=60,
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    start = time.perf_counter()
    client.execute()  # raises CellExecutionError (with the traceback) if any cell fails
    assert time.perf_counter() - start < 60

    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert all(cell.execution_count for cell in code)
    outputs = [out for cell in code for out in cell.outputs]
    assert not [out for out in outputs if out.output_type == "error"]
    text = "".join(out.get("text", "") for out in outputs if out.output_type == "stream")
    assert "7 articles from bundled examples; 3 labelled credible" in text
    assert "0 rows could not be scored" in text
    # The progress bar is a plain text bar unless ipywidgets is installed: no warning.
    assert "IProgress" not in text and "Warning" not in text, text
    assert "credscore: 100%" in text
    figures = [
        cell for cell in code if any("image/png" in out.get("data", {}) for out in cell.outputs)
    ]
    # score distribution, calibration, family contributions, one article's explanation
    assert len(figures) == 4
