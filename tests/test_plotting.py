"""credscore.plotting: each helper draws what it says on the Axes it returns."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from synthetic_model import synthetic_model

import credscore
from credscore.batch import FAMILIES, BatchError

mpl = pytest.importorskip("matplotlib")
mpl.use("Agg")
plt = pytest.importorskip("matplotlib.pyplot")
pd = pytest.importorskip("pandas")

from credscore import plotting

TEXTS = [
    "Book your free consultation today! Call now, offer ends Friday.",
    "The study suggests the drug may lower blood pressure, said Dr. Jane Smith of Harvard.",
    "This miracle cure is 100% guaranteed. Studies show it works for everyone.",
    "Researchers found that mice given the compound lived longer. Human trials have not begun.",
]


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def reports():
    scorer = credscore.Scorer(synthetic_model())
    return [scorer.score(t) for t in TEXTS]


def bar_values(ax) -> list[float]:
    return [patch.get_width() for patch in ax.patches]


def tick_labels(ax) -> list[str]:
    return [label.get_text() for label in ax.get_yticklabels()]


def test_explanation_bars_are_the_largest_contributions(reports):
    report = reports[0]
    ax = plotting.plot_explanation(report, top=4)
    largest = sorted(report.contributions.items(), key=lambda kv: -abs(kv[1]))[:4]
    assert len(ax.patches) == 4
    assert tick_labels(ax) == [name for name, _ in largest]
    assert bar_values(ax) == pytest.approx([value for _, value in largest])
    assert f"{report.score:.1f}" in ax.get_title()
    red = [p for p, (_, v) in zip(ax.patches, largest) if v < 0]
    assert all(p.get_facecolor()[0] > p.get_facecolor()[1] for p in red)  # red pulls down


def test_explanation_draws_on_a_given_axes(reports):
    _fig, (left, right) = plt.subplots(1, 2)
    assert plotting.plot_explanation(reports[1], ax=right) is right
    assert len(right.patches) == min(10, len(reports[1].contributions))
    assert len(left.patches) == 0
    with pytest.raises(TypeError, match="Report"):
        plotting.plot_explanation({"score": 3})


def test_family_contributions_from_a_frame_and_from_reports(reports):
    frame = credscore.score_frame(pd.DataFrame({"text": TEXTS + [None]}), model=synthetic_model())
    ax = plotting.plot_family_contributions(frame)
    means = {f: frame[f"contrib_{f}"].mean() for f in (*FAMILIES, "wording")}
    ordered = sorted(means.items(), key=lambda kv: (kv[1], kv[0]))
    assert len(ax.patches) == len(FAMILIES) + 1
    assert tick_labels(ax) == [name for name, _ in ordered]  # the strongest pull down first
    assert bar_values(ax) == pytest.approx([value for _, value in ordered])

    from_reports = plotting.plot_family_contributions([*reports, BatchError(4, "x")])
    assert tick_labels(from_reports) == tick_labels(ax)
    assert bar_values(from_reports) == pytest.approx(bar_values(ax))
    with pytest.raises(ValueError, match="contrib_"):
        plotting.plot_family_contributions(pd.DataFrame({"score": [1.0]}))


def test_score_distribution_one_histogram_per_label():
    scores = [5.0, 15.0, 95.0, 85.0, float("nan"), 75.0]
    labels = [0, 0, 1, 1, 1, 1]
    ax = plotting.plot_score_distribution(scores, labels, bins=10)
    heights = np.array([p.get_height() for p in ax.patches]).reshape(2, 10)
    assert heights[0].tolist() == [1, 1, 0, 0, 0, 0, 0, 0, 0, 0]  # label 0
    assert heights[1].tolist() == [0, 0, 0, 0, 0, 0, 0, 1, 1, 1]  # label 1, NaN left out
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["label 0 (n=2)", "label 1 (n=3)"]
    assert ax.get_xlim() == (0.0, 100.0)
    with pytest.raises(ValueError, match="labels"):
        plotting.plot_score_distribution(scores, labels[:2])


def test_score_distribution_without_labels():
    ax = plotting.plot_score_distribution(pd.Series([10.0, 50.0, 90.0]), bins=5)
    assert [p.get_height() for p in ax.patches] == [1, 0, 1, 0, 1]


def test_calibration_points_are_bin_means():
    y = [0, 0, 1, 1, 1, 0]
    p = [0.05, 0.15, 0.12, 0.9, 0.95, float("nan")]
    ax = plotting.plot_calibration(y, p, n_bins=2)
    diagonal, curve = ax.get_lines()
    assert list(diagonal.get_xdata()) == [0, 1]
    assert curve.get_xdata() == pytest.approx([(0.05 + 0.15 + 0.12) / 3, 0.925])
    assert curve.get_ydata() == pytest.approx([1 / 3, 1.0])
    ece = (abs(0.32 / 3 - 1 / 3) * 3 + abs(0.925 - 1.0) * 2) / 5
    assert f"ECE {ece:.3f}, n=5" in curve.get_label()
    with pytest.raises(ValueError, match="labels"):
        plotting.plot_calibration([1], [0.2, 0.3])


def test_matplotlib_is_not_imported_by_credscore():
    code = "import sys, credscore, credscore.plotting; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_missing_matplotlib_names_the_extra(monkeypatch, reports):
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    with pytest.raises(ImportError, match=r"credscore\[plot\]"):
        plotting.plot_explanation(reports[0])


def _drawn_figure(ax):
    """Save the figure as the README does (to a PNG), and return it with its renderer."""
    import io

    fig = ax.figure
    fig.savefig(io.BytesIO(), format="png")
    return fig, fig.canvas.get_renderer()


@pytest.mark.parametrize("which", ["explanation", "families", "distribution", "calibration"])
def test_saved_plots_keep_every_label_inside_the_figure(which, reports):
    frame = credscore.score_frame(pd.DataFrame({"text": TEXTS}), model=synthetic_model())
    draw = {
        "explanation": lambda: plotting.plot_explanation(reports[0]),
        "families": lambda: plotting.plot_family_contributions(frame),
        "distribution": lambda: plotting.plot_score_distribution(frame["score"], [0, 1, 0, 1]),
        "calibration": lambda: plotting.plot_calibration([0, 1, 0, 1], frame["probability"]),
    }
    ax = draw[which]()
    fig, renderer = _drawn_figure(ax)
    # Everything drawn must fit: tick labels (once cut to "ffer_count"), labels, title, legend.
    box = ax.get_tightbbox(renderer)
    assert box.x0 >= -1 and box.y0 >= -1, box
    assert box.x1 <= fig.bbox.width + 1 and box.y1 <= fig.bbox.height + 1, box
    assert ax.get_title() and ax.get_xlabel()


def test_family_title_describes_what_is_drawn():
    columns = {f"contrib_{f}": [0.5, 0.25] for f in FAMILIES}
    columns["contrib_costs"] = [0.0, 0.0]
    frame = pd.DataFrame({**columns, "error": [None, None]})
    frame.loc[2] = [None] * len(FAMILIES) + ["ValueError: text is empty"]  # an error row
    ax = plotting.plot_family_contributions(frame)
    title = ax.get_title()
    assert "down" not in title  # every bar raises: nothing is pulled down
    assert "2 articles" in title  # the error row is not an article
    colors = {label: patch.get_facecolor() for label, patch in zip(tick_labels(ax), ax.patches)}
    assert colors["costs"] == mpl.colors.to_rgba(plotting._NEUTRAL)  # zero is neither
    assert colors["hedging"] == mpl.colors.to_rgba(plotting._RAISES)
    with pytest.raises(ValueError, match="no scored rows"):
        plotting.plot_family_contributions(frame.loc[[2]])


def test_histogram_counts_have_whole_number_ticks():
    ax = plotting.plot_score_distribution([5.0, 5.0, 55.0], bins=10)
    _drawn_figure(ax)
    ticks = [t for t in ax.get_yticks() if ax.get_ylim()[0] <= t <= ax.get_ylim()[1]]
    assert len(ticks) >= 2
    assert all(float(t).is_integer() for t in ticks), ticks  # no "1.25 articles"
