"""credscore: score the credibility of health writing, with evidence located in the text.

>>> import credscore
>>> report = credscore.score("Book your free consultation today!")
>>> report.band in {"high", "mixed", "low"}
True
"""

from __future__ import annotations

__version__ = "0.1.0"

from credscore.document import Document
from credscore.errors import CredscoreError, InputError, LanguageError, ModelError
from credscore.findings import Finding, Rule
from credscore.report import Report

__all__ = [
    "BatchError",
    "CredibilityFeatures",
    "CredscoreError",
    "Document",
    "Finding",
    "InputError",
    "LanguageError",
    "LinearModel",
    "ModelError",
    "Report",
    "Rule",
    "Scorer",
    "__version__",
    "load_model",
    "readability",
    "score",
    "score_frame",
    "score_many",
]


# Imported on first use, so that `import credscore` (and the command line) stays quick:
# scikit-learn only for the transformer, numpy with the model, joblib's loky with worker processes.
_LAZY = {
    "score": "credscore.scorer",
    "Scorer": "credscore.scorer",
    "score_many": "credscore.batch",
    "score_frame": "credscore.batch",
    "BatchError": "credscore.batch",
    "LinearModel": "credscore.model",
    "load_model": "credscore.model",
    "CredibilityFeatures": "credscore.features",
}


_SUBMODULES = {"readability"}  # credscore.readability works without importing it first


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None and name not in _SUBMODULES:
        raise AttributeError(f"module 'credscore' has no attribute {name!r}")
    import importlib

    if module is None:
        return importlib.import_module(f"credscore.{name}")  # sets the attribute itself
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
