"""credscore: score the credibility of health writing, with evidence located in the text.

>>> import credscore
>>> report = credscore.score("Book your free consultation today!")
>>> report.band in {"high", "mixed", "low"}
True
"""

from __future__ import annotations

__version__ = "0.1.0"

from credscore.batch import BatchError, score_frame, score_many
from credscore.document import Document
from credscore.errors import CredscoreError, InputError, ModelError
from credscore.findings import Finding, Rule
from credscore.model import LinearModel, load_model
from credscore.report import Report
from credscore.scorer import Scorer, score

__all__ = [
    "__version__",
    "score",
    "score_many",
    "score_frame",
    "BatchError",
    "Scorer",
    "Report",
    "Finding",
    "Rule",
    "Document",
    "CredibilityFeatures",
    "LinearModel",
    "load_model",
    "CredscoreError",
    "InputError",
    "ModelError",
]


def __getattr__(name: str):
    # scikit-learn is imported only by those who use the transformer.
    if name == "CredibilityFeatures":
        from credscore.features import CredibilityFeatures

        return CredibilityFeatures
    raise AttributeError(f"module 'credscore' has no attribute {name!r}")
