"""The figures that choose features and models: ``credscore evaluate --selection``.

A figure read after every change becomes a figure fitted (the retired 236-row held-out split
did). These figures were chosen because they predicted articles nobody here had seen:

- ``healthstory_cv``: HealthStory, 5 repeats of 5 folds grouped by outlet, over every
  HealthStory row (the other corpora always in the fit); the mean over repeats of the AUC;
- ``recovery_by_publisher``: ReCOVery, 5 folds grouped by publisher (HealthStory and
  HealthRelease always in the fit);
- ``selection``: their mean, the figure a change is judged by;
- ``ctfan_dev``: fact-checked news from other outlets (CT-FAN dev), fitted on all three
  training corpora; read for choosing, never fitted; beside it a TF-IDF baseline fitted on
  the same rows.

Intervals come from a bootstrap that resamples outlets and publishers (rows of one site are
not independent) and, for a comparison, resamples both models' predictions together
(paired). A change ships when the paired interval of ``selection`` against the shipped model
excludes a loss and ``ctfan_dev`` does not fall.

Feature matrices are cached by the hash of the data files and of credscore's code and
lexicons (``$CREDSCORE_CACHE``, else ``~/.cache/credscore``), so a run takes about a minute.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import pickle
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import GroupKFold, StratifiedGroupKFold

__all__ = ["FIGURES", "Predictions", "out_of_fold", "figures", "compare", "cached_datasets"]

FIGURES = {
    "healthstory_cv": "HealthStory, 5 x 5 folds grouped by outlet",
    "recovery_by_publisher": "ReCOVery, 5 folds grouped by publisher",
    "selection": "mean of the two above: the selection figure",
    "ctfan_dev": "CT-FAN dev (fact-checked news), fitted on the training corpora",
}
REFERENCE = "selection-reference.json"
"""The shipped model's out-of-fold predictions, beside it in ``models/``."""
HISTORY = "selection-history.json"
"""Every candidate tried, kept or not, with its figures (the model card shows them)."""
REPEATS = 5
FOLDS = 5
DRAWS = 1000
SEED = 0


# -- data ------------------------------------------------------------------------------------


_FEATURE_CODE = ("data.py", "document.py", "extract.py", "findings.py", "lexicon.py", "wording.py")
"""Modules (besides ``signals/`` and ``lexicons/``) that a feature value depends on."""


def _code_fingerprint() -> str:
    """SHA-256 over the code and lexicons a feature value depends on."""
    root = Path(__file__).resolve().parent
    paths = [root / name for name in _FEATURE_CODE]
    paths += sorted((root / "signals").glob("*.py")) + sorted((root / "lexicons").glob("*.txt"))
    digest = hashlib.sha256()
    for path in paths:
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    from credscore.model import feature_versions

    digest.update(json.dumps(feature_versions(), sort_keys=True).encode())
    return digest.hexdigest()


def cache_dir() -> Path:
    """Where featurised corpora are cached."""
    return Path(os.environ.get("CREDSCORE_CACHE") or Path.home() / ".cache" / "credscore")


def cached_datasets(data_dir, *, use_cache: bool = True):
    """The training corpora and the CT-FAN dev rows as featurised
    :class:`~credscore.train.Dataset`, from the cache when the data and code are unchanged.
    The second is None when the data folder has no CT-FAN file."""
    from credscore.data import CHOOSING_CORPUS, CORPORA, file_hashes
    from credscore.train import load_dataset

    data_dir = Path(data_dir)
    choosing = (data_dir / CHOOSING_CORPUS[1]).is_file()
    key = hashlib.sha256(
        json.dumps(
            [file_hashes(data_dir, with_choosing=choosing), _code_fingerprint()], sort_keys=True
        ).encode()
    ).hexdigest()[:24]
    path = cache_dir() / f"selection-{key}.pickle"
    if use_cache and path.is_file():
        with path.open("rb") as handle:
            return pickle.load(handle)  # our own cache file, written below
    train = load_dataset(data_dir, tuple(CORPORA))
    dev = load_dataset(data_dir, (CHOOSING_CORPUS[0],)) if choosing else None
    if use_cache:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with tmp.open("wb") as handle:
            pickle.dump((train, dev), handle)
        tmp.replace(path)
    return train, dev


# -- out-of-fold predictions -----------------------------------------------------------------


@dataclass
class Predictions:
    """Out-of-fold logits of one candidate, by article id."""

    healthstory_cv: dict[str, list[float]]
    recovery_by_publisher: dict[str, float]
    ctfan_dev: dict[str, float]

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Predictions:
        return cls(data["healthstory_cv"], data["recovery_by_publisher"], data["ctfan_dev"])


def _folds(ds):
    """(kind, repeat, test rows) of every selection fold."""
    hs = np.flatnonzero(ds.corpus == "healthstory")
    for r in range(REPEATS):
        split = StratifiedGroupKFold(FOLDS, shuffle=True, random_state=SEED + r)
        for _, te in split.split(hs, ds.y[hs], ds.group[hs]):
            yield "healthstory_cv", r, hs[te]
    rec = np.flatnonzero(ds.corpus == "recovery")
    for _, te in GroupKFold(FOLDS).split(rec, groups=ds.group[rec]):
        yield "recovery_by_publisher", 0, rec[te]


def out_of_fold(ds, dev, spec) -> Predictions:
    """Fit ``spec`` (a :class:`~credscore.train.ModelSpec`) on every selection fold of the
    training corpora ``ds`` and on all of them for the CT-FAN rows ``dev``."""
    from credscore.train import fit_spec

    ids = np.array([a.id for a in ds.articles])
    hs: dict[str, list[float]] = {}
    rec: dict[str, float] = {}
    for kind, _, test in _folds(ds):
        rows = np.ones(len(ds.y), dtype=bool)
        rows[test] = False
        z = fit_spec(spec, ds, np.flatnonzero(rows)).logits(ds, test)
        for i, v in zip(ids[test], z):
            if kind == "healthstory_cv":
                hs.setdefault(i, []).append(float(v))
            else:
                rec[i] = float(v)
    ct: dict[str, float] = {}
    if dev is not None:
        full = fit_spec(spec, ds, np.arange(len(ds.y)))
        ct = {a.id: float(v) for a, v in zip(dev.articles, full.logits(dev, np.arange(len(dev.y))))}
    return Predictions(hs, rec, ct)


def tfidf_baseline(ds, dev) -> dict[str, float]:
    """CT-FAN logits of the TF-IDF + logistic-regression baseline fitted on the corpora."""
    from credscore.train import _fit_tfidf, _weights

    base = _fit_tfidf(ds.texts, ds.y, _weights(ds.corpus), 3.0)
    return {a.id: float(v) for a, v in zip(dev.articles, base.decision_function(dev.texts))}


# -- figures ---------------------------------------------------------------------------------


def _auc(y: np.ndarray, z: np.ndarray) -> float:
    """ROC AUC by ranks (ties averaged), NaN without both classes: the same value as
    sklearn's ``roc_auc_score`` without its input checks, which would dominate the ~20,000
    calls of one paired bootstrap."""
    n1 = int(y.sum())
    n0 = len(y) - n1
    if not n0 or not n1:
        return float("nan")
    from scipy.stats import rankdata

    ranks = rankdata(z)
    return float((ranks[y == 1].sum() - n1 * (n1 + 1) / 2) / (n1 * n0))


class _Table:
    """Labels, groups and logits of one figure's rows, aligned by article id."""

    def __init__(self, ds, pred: dict) -> None:
        by_id = {a.id: k for k, a in enumerate(ds.articles)}
        self.ids = sorted(pred)
        rows = [by_id[i] for i in self.ids]
        self.y = ds.y[rows]
        self.group = ds.group[rows]
        z = np.array([pred[i] for i in self.ids], dtype=float)
        self.z = z if z.ndim == 2 else z[:, None]

    def auc(self, rows=slice(None)) -> float:
        return float(np.mean([_auc(self.y[rows], self.z[rows, r]) for r in range(self.z.shape[1])]))


def _cluster_draws(group: np.ndarray, rng, draws: int):
    """Row indices of ``draws`` bootstrap samples that resample whole groups."""
    names, inverse = np.unique(group, return_inverse=True)
    members = [np.flatnonzero(inverse == g) for g in range(len(names))]
    for _ in range(draws):
        pick = rng.integers(0, len(names), len(names))
        yield np.concatenate([members[g] for g in pick])


def figures(ds, dev, pred: Predictions, against: Predictions | None = None, baseline=None):
    """Each figure of :data:`FIGURES` with its bootstrap 95% interval, and with ``against``
    the paired difference (this minus that) and its interval; with ``baseline`` (CT-FAN
    logits of the TF-IDF baseline), its CT-FAN AUC."""
    rng = np.random.default_rng(SEED)
    tables = {
        "healthstory_cv": (_Table(ds, pred.healthstory_cv), None),
        "recovery_by_publisher": (_Table(ds, pred.recovery_by_publisher), None),
    }
    if against is not None:
        tables = {
            k: (t, _Table(ds, getattr(against, k))) for k, (t, _) in tables.items()
        }
        for k, (t, ref) in tables.items():
            if t.ids != ref.ids:
                raise ValueError(f"{k}: the two predictions cover different articles")
    out = {}
    draws = {k: list(_cluster_draws(t.group, rng, DRAWS)) for k, (t, _) in tables.items()}
    values = {}
    for k, (t, ref) in tables.items():
        values[k] = np.array([t.auc(i) for i in draws[k]])
        out[k] = {"rows": len(t.ids), "auc": t.auc()}
        if ref is not None:
            values[k + "/ref"] = np.array([ref.auc(i) for i in draws[k]])
            out[k]["reference"] = ref.auc()
    keys = list(tables)
    values["selection"] = np.mean([values[k] for k in keys], axis=0)
    out["selection"] = {
        "rows": sum(out[k]["rows"] for k in keys),
        "auc": float(np.mean([out[k]["auc"] for k in keys])),
    }
    if against is not None:
        values["selection/ref"] = np.mean([values[k + "/ref"] for k in keys], axis=0)
        out["selection"]["reference"] = float(np.mean([out[k]["reference"] for k in keys]))
    for k in (*keys, "selection"):
        out[k]["ci"] = _interval(values[k])
        if against is not None:
            out[k]["difference"] = out[k]["auc"] - out[k]["reference"]
            out[k]["difference_ci"] = _interval(values[k] - values[k + "/ref"])
    if dev is not None and pred.ctfan_dev:
        t = _Table(dev, pred.ctfan_dev)
        row_draws = [rng.integers(0, len(t.ids), len(t.ids)) for _ in range(DRAWS)]
        out["ctfan_dev"] = {"rows": len(t.ids), "auc": t.auc()}
        out["ctfan_dev"]["ci"] = _interval(np.array([t.auc(i) for i in row_draws]))
        if against is not None and against.ctfan_dev:
            ref = _Table(dev, against.ctfan_dev)
            out["ctfan_dev"]["reference"] = ref.auc()
            out["ctfan_dev"]["difference"] = t.auc() - ref.auc()
            out["ctfan_dev"]["difference_ci"] = _interval(
                np.array([t.auc(i) - ref.auc(i) for i in row_draws])
            )
        if baseline:
            out["ctfan_dev"]["tfidf_baseline"] = _Table(dev, baseline).auc()
    return out


def _interval(values: np.ndarray) -> list[float]:
    values = values[np.isfinite(values)]
    return [float(q) for q in np.quantile(values, [0.025, 0.975])]


def verdict(figs: dict) -> str:
    """Whether a candidate may ship by the rule in the module docstring."""
    sel = figs["selection"]
    if "difference_ci" not in sel:
        return "no reference to compare with"
    gain = sel["difference_ci"][0] > 0
    ct = figs.get("ctfan_dev", {})
    holds = ct.get("difference", 0.0) >= 0
    if gain and holds:
        return "ships: the selection interval excludes a loss and CT-FAN dev does not fall"
    reasons = []
    if not gain:
        reasons.append("the selection interval does not exclude a loss")
    if not holds:
        reasons.append("CT-FAN dev falls")
    return "does not ship: " + " and ".join(reasons)


def compare(figs: dict) -> str:
    """The figures as a Markdown table."""
    paired = "difference" in figs["selection"]
    head = "| figure | rows | AUC [95% CI] |"
    rule = "|---|---|---|"
    if paired:
        head += " shipped model | difference [95% CI] |"
        rule += "---|---|"
    head += " TF-IDF |"
    rule += "---|"
    lines = [head, rule]
    for name in FIGURES:
        f = figs.get(name)
        if f is None:
            continue
        line = f"| {name} | {f['rows']} | {f['auc']:.4f} [{f['ci'][0]:.3f}, {f['ci'][1]:.3f}] |"
        if paired:
            if "difference" in f:
                lo, hi = f["difference_ci"]
                line += f" {f['reference']:.4f} | {f['difference']:+.4f} [{lo:+.3f}, {hi:+.3f}] |"
            else:
                line += " | |"
        base = f.get("tfidf_baseline")
        line += f" {base:.4f} |" if base is not None else " |"
        lines.append(line)
    return "\n".join(lines)


def record(path: Path, candidate: str, figs: dict, note: str) -> None:
    """Append a candidate's figures and verdict to the history file at ``path``."""
    path = Path(path)
    history = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else []
    entry = {"candidate": candidate, "note": note, "verdict": verdict(figs)}
    for name in FIGURES:
        if name in figs:
            entry[name] = round(figs[name]["auc"], 4)
            if "difference_ci" in figs[name]:
                entry[name + "_difference_ci"] = [round(v, 4) for v in figs[name]["difference_ci"]]
    history.append(entry)
    path.write_text(json.dumps(history, indent=1) + "\n", encoding="utf-8")


def history_table(history: list[dict]) -> str:
    """The candidates' history as a Markdown table."""
    lines = [
        "| candidate | HS CV | ReCOVery | selection | paired difference [95% CI] | CT-FAN dev "
        "| verdict | note |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for e in history:
        ci = e.get("selection_difference_ci")
        diff = f"[{ci[0]:+.3f}, {ci[1]:+.3f}]" if ci else ""
        lines.append(
            f"| {e['candidate']} | {e.get('healthstory_cv', '')} "
            f"| {e.get('recovery_by_publisher', '')} | {e.get('selection', '')} | {diff} "
            f"| {e.get('ctfan_dev', '')} | {e.get('verdict', '')} | {e.get('note', '')} |"
        )
    return "\n".join(lines)
