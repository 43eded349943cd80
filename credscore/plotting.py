"""Plots of batch results for notebooks (the ``plot`` extra: matplotlib).

Every function draws on ``ax`` (when None, a new figure with a constrained layout, so that
long feature names and titles are never cut off when it is saved) and returns the Axes, so
plots compose into subplots (pass ``layout="constrained"`` to ``plt.subplots`` for the same).
matplotlib is imported on first use, never by ``import credscore``.

>>> from credscore.plotting import plot_score_distribution     # doctest: +SKIP
>>> ax = plot_score_distribution(frame["score"], labels=frame["label"])  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from credscore.batch import BatchError
from credscore.report import BANDS, Report

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "plot_calibration",
    "plot_explanation",
    "plot_family_contributions",
    "plot_score_distribution",
]

_LOWERS, _RAISES, _NEUTRAL = "#c0392b", "#2e7d32", "#7f8c8d"


def _axes(ax: Axes | None) -> Axes:
    try:
        import matplotlib.pyplot as plt
    except ImportError:
        raise ImportError(
            "credscore.plotting needs matplotlib: install the extra with "
            "pip install 'credscore[plot]'"
        ) from None
    if ax is None:
        _, ax = plt.subplots(layout="constrained")
    return ax


def plot_score_distribution(
    scores: Sequence[float],
    labels: Sequence[Any] | None = None,
    ax: Axes | None = None,
    *,
    bins: int = 20,
) -> Axes:
    """Histogram of 0-100 scores, one per label when ``labels`` is given (missing scores are
    left out); dashed lines mark the band floors. The count axis has whole-number ticks.

    Parameters
    ----------
    scores : sequence of float
        Scores, e.g. ``score_frame(df)["score"]``.
    labels : sequence, optional
        A label per score (e.g. 1 credible / 0 not); one histogram per distinct label.
    bins : int, default 20
        Number of bins over 0-100.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _axes(ax)
    values = np.asarray(scores, dtype=float)
    edges = np.linspace(0.0, 100.0, bins + 1)
    if labels is None:
        groups = {"articles": values}
    else:
        label_array = np.asarray(labels, dtype=object)
        if len(label_array) != len(values):
            raise ValueError(f"{len(label_array)} labels for {len(values)} scores")
        groups = {
            f"label {label}": values[label_array == label]
            for label in sorted(set(label_array.tolist()), key=str)
        }
    for name, group in groups.items():
        group = group[~np.isnan(group)]
        ax.hist(group, bins=edges, alpha=0.6, label=f"{name} (n={len(group)})")
    for floor, band in BANDS[:-1]:
        ax.axvline(floor, color=_NEUTRAL, linestyle="--", linewidth=1)
        ax.annotate(
            band,
            (floor, 1),
            xycoords=("data", "axes fraction"),
            xytext=(3, -12),
            textcoords="offset points",
            color=_NEUTRAL,
            fontsize=8,
        )
    from matplotlib.ticker import MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # counts: no "1.25 articles"
    ax.set_xlim(0, 100)
    ax.set_xlabel("credscore score")
    ax.set_ylabel("articles")
    ax.set_title("Score distribution")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))  # beside the bars, never on them
    return ax


def plot_calibration(
    y_true: Sequence[int],
    probabilities: Sequence[float],
    n_bins: int = 10,
    ax: Axes | None = None,
) -> Axes:
    """Reliability curve: mean predicted probability against the observed share of positive
    labels, per equal-width bin (empty bins are skipped), with the diagonal of perfect
    calibration. The legend gives the expected calibration error (ECE).

    Parameters
    ----------
    y_true : sequence of 0/1
        True labels (1 = credible).
    probabilities : sequence of float
        ``Report.probability`` per article (rows with a missing value are left out).
    n_bins : int, default 10
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _axes(ax)
    y = np.asarray(y_true, dtype=float)
    p = np.asarray(probabilities, dtype=float)
    if y.shape != p.shape:
        raise ValueError(f"{len(y)} labels for {len(p)} probabilities")
    keep = ~(np.isnan(y) | np.isnan(p))
    y, p = y[keep], p[keep]
    which = np.minimum((p * n_bins).astype(int), n_bins - 1)
    mean_p, observed, weight = [], [], []
    for b in range(n_bins):
        in_bin = which == b
        if in_bin.any():
            mean_p.append(p[in_bin].mean())
            observed.append(y[in_bin].mean())
            weight.append(in_bin.sum())
    ece = float(np.sum(np.abs(np.subtract(mean_p, observed)) * weight) / max(len(p), 1))
    ax.plot([0, 1], [0, 1], linestyle="--", color=_NEUTRAL, label="perfectly calibrated")
    ax.plot(
        mean_p,
        observed,
        marker="o",
        clip_on=False,  # a point at 0 or 1 is drawn whole, not cut in half by the frame
        label=f"credscore (ECE {ece:.3f}, n={len(p)})",
    )
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xlabel("predicted probability (mean per bin)")
    ax.set_ylabel("observed share credible")
    ax.set_title("Calibration")
    ax.legend(loc="upper left")
    return ax


def plot_family_contributions(frame_or_reports: Any, ax: Axes | None = None) -> Axes:
    """Mean contribution of each signal family to the logit over many articles, as horizontal
    bars: red pulls scores down, green raises them, grey is zero; the family that pulls
    scores down most (or raises them least) at the top. The title gives the number of
    articles.

    Parameters
    ----------
    frame_or_reports : DataFrame or iterable of Report
        A :func:`credscore.score_frame` result (its ``contrib_<family>`` columns; error rows
        are left out) or Reports.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    means, n_articles = _family_means(frame_or_reports)
    ax = _axes(ax)
    # Most negative first; equal means in name order, so the chart does not depend on input order.
    ordered = sorted(means.items(), key=lambda kv: (kv[1], kv[0]))
    names = [name for name, _ in ordered]
    values = [value for _, value in ordered]
    positions = np.arange(len(names))
    ax.barh(positions, values, color=_colors(values))
    ax.set_yticks(positions, labels=names)
    ax.invert_yaxis()  # the strongest downward pull on top
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlabel("mean contribution to the logit (red lowers the score, green raises it)")
    ax.set_title(f"Mean contribution of each family ({n_articles:,} articles)")
    return ax


def _colors(values: Sequence[float]) -> list[str]:
    return [_LOWERS if v < 0 else _RAISES if v > 0 else _NEUTRAL for v in values]


def _family_means(frame_or_reports: Any) -> tuple[dict[str, float], int]:
    """Mean contribution per family, and the number of articles (error rows left out)."""
    columns = getattr(frame_or_reports, "columns", None)
    if columns is not None:
        names = [c for c in columns if str(c).startswith("contrib_")]
        if not names:
            raise ValueError("the DataFrame has no contrib_<family> columns (use score_frame)")
        n = int(frame_or_reports[names].notna().any(axis=1).sum())
        if n == 0:
            raise ValueError("no scored rows to plot (every row is an error)")
        means = {c.removeprefix("contrib_"): float(frame_or_reports[c].mean()) for c in names}
        return means, n
    from credscore.batch import FAMILIES
    from credscore.report import WORDING

    totals = dict.fromkeys((*FAMILIES, WORDING), 0.0)  # the columns score_frame gives
    n = 0
    for report in _reports(frame_or_reports):
        n += 1
        for family, value in report.family_contributions.items():
            totals[family] += value
    if n == 0:
        raise ValueError("no reports to plot")
    return {family: total / n for family, total in totals.items()}, n


def _reports(items: Iterable[Any]) -> Iterable[Report]:
    for item in items:
        if isinstance(item, Report):
            yield item
        elif not isinstance(item, BatchError):  # rows that could not be scored are skipped
            raise TypeError(f"expected Reports or a DataFrame, got {type(item).__name__}")


def plot_explanation(report: Report, top: int = 10, ax: Axes | None = None) -> Axes:
    """One article's ``top`` largest feature contributions (by size) as horizontal bars:
    red pulls the score down, green raises it; the largest on top.

    Parameters
    ----------
    report : Report
    top : int, default 10
        How many features to show.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    if not isinstance(report, Report):
        raise TypeError(f"report must be a credscore Report, not {type(report).__name__}")
    ax = _axes(ax)
    largest = sorted(report.contributions.items(), key=lambda kv: -abs(kv[1]))[:top]
    names = [name for name, _ in largest]
    values = [value for _, value in largest]
    positions = np.arange(len(names))
    ax.barh(positions, values, color=_colors(values))
    ax.set_yticks(positions, labels=names)
    ax.invert_yaxis()
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlabel("contribution to the logit")
    # Two lines: "(too short to judge: 12 words)" makes one line wider than the bars.
    ax.set_title(f"Score {report.score:.1f} ({report.band_label})\nwhat moved it")
    return ax
