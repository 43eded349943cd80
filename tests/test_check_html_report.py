"""`credscore check --format html`: one self-contained page, opened in a real headless browser
(Debian's chromium), which must render it without console errors with the highlighted
findings in the DOM."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest
from check_util import CLEAN, PROMO, run, write_model

BROWSER = next(
    (shutil.which(name) for name in ("chromium", "chromium-browser") if shutil.which(name)),
    None,
)
needs_browser = pytest.mark.skipif(
    BROWSER is None, reason="no headless browser: install Debian's chromium to run this test"
)

HOSTILE = '<script>alert("x")</script> <img src=x onerror=alert(1)> & "quotes"\n'
LONG_URL = "See https://example.org/" + "very-long-path-segment" * 12 + " for details.\n"
WRAPPED = (
    '---\ntitle: "New pill cures arthritis"\nauthor: Staff writer\n---\n\n'
    "This miracle cure works in\nevery patient, the maker says.\n\n"
    "- Order now\n- Free shipping\n"
)


def _model_with_criteria(path):
    """Score 50 for every article, two criterion heads: ``costs``, and ``harms`` whose
    evaluation interval reaches chance (shown as not assessed)."""
    import dataclasses

    from synthetic_model import synthetic_model

    from credscore.model import load_model

    flat = load_model(write_model(path, 50.0))
    figures = {"rows": 9, "positive_share": 0.5, "roc_auc": 0.5, "macro_f1": 0.5}
    evaluation = {"harms": {**figures, "roc_auc_ci": [0.42, 0.58], "majority_macro_f1": 0.4}}
    metadata = {**flat.metadata, "criteria_evaluation": evaluation}
    model = dataclasses.replace(flat, criteria=synthetic_model().criteria, metadata=metadata)
    model.save(path)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    root = tmp_path_factory.mktemp("html")
    _model_with_criteria(root / "model.json")
    (root / "promo.md").write_text("# Offer\n\n" + PROMO + "\n" + HOSTILE + LONG_URL)
    (root / "clean.md").write_text(CLEAN)
    (root / "wrapped.md").write_text(WRAPPED)
    out = root / "report.html"
    result = run(
        "check",
        "--model",
        "model.json",
        "--format",
        "html",
        "-o",
        out,
        "promo.md",
        "clean.md",
        "wrapped.md",
        cwd=root,
    )
    assert result.returncode == 1, result.stderr
    return out


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _elements(html: str) -> list[tuple[str, dict]]:
    parser = _Elements()
    parser.feed(html)
    return parser.tags


def test_page_is_self_contained_escaped_and_responsive(report):
    html = report.read_text(encoding="utf-8")
    tags = _elements(html)
    names = [t for t, _ in tags]
    assert "script" not in names and "img" not in names  # the hostile text is escaped
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    for tag, attrs in tags:  # no external asset of any kind
        for key in ("src", "href"):
            value = attrs.get(key) or ""
            assert not re.match(r"(https?:)?//", value), (tag, attrs)
    assert ("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}) in tags
    assert "max-width" in html and "overflow-wrap" in html
    marks = [attrs for tag, attrs in tags if tag == "mark"]
    assert any("commercial.call-to-action" in m["data-rule"].split() for m in marks)
    assert all(m.get("title") for m in marks)
    assert "50.0" in html and "FAIL" in html


def _browser(*args: str, profile) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            BROWSER,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={profile}",
            "--enable-logging=stderr",
            "--v=0",
            *args,
        ],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow  # a browser
@needs_browser
def test_report_renders_in_a_headless_browser_with_marks_in_the_dom(report, tmp_path):
    result = _browser("--dump-dom", report.as_uri(), profile=tmp_path / "profile")
    assert result.returncode == 0, result.stderr[-2000:]
    console = [line for line in result.stderr.splitlines() if ":CONSOLE" in line]
    assert not console, console
    assert "Uncaught" not in result.stderr
    tags = _elements(result.stdout)
    marks = [attrs for tag, attrs in tags if tag == "mark"]
    rules = {rule for m in marks for rule in m.get("data-rule", "").split()}
    assert "commercial.call-to-action" in rules and len(rules) >= 2, rules
    assert any(t == "article" for t, _ in tags)
    assert not any(t == "script" for t, _ in tags)


# Run in the page (a copy with a probe script) to record what a person would see: how much
# wider than the window the page lays out, whether every criterion's needle sits inside its
# scale, and how many paragraphs the reflowed texts have.
_PROBE = """<script>
const doc = document.documentElement;
const inside = [...document.querySelectorAll('.needle')].every(n => {
  const a = n.getBoundingClientRect(), b = n.parentElement.getBoundingClientRect();
  return a.left >= b.left - 3 && a.right <= b.right + 3 && b.width > 40;
});
document.body.setAttribute('data-overflow', String(doc.scrollWidth - doc.clientWidth));
document.body.setAttribute('data-needles', String(document.querySelectorAll('.needle').length));
document.body.setAttribute('data-needles-inside', String(inside));
document.body.setAttribute('data-paragraphs', String(document.querySelectorAll('.text p').length));
</script>"""


@pytest.mark.slow  # a browser
@needs_browser
@pytest.mark.parametrize("width", [1200, 390])
def test_report_as_seen_at_desktop_and_phone_width(report, tmp_path, width):
    screenshot = tmp_path / f"report-{width}.png"
    shot = _browser(
        f"--window-size={width},2400",
        f"--screenshot={screenshot}",
        report.as_uri(),
        profile=tmp_path / "shot-profile",
    )
    assert shot.returncode == 0, shot.stderr[-2000:]
    png = screenshot.read_bytes()
    assert png.startswith(b"\x89PNG") and int.from_bytes(png[16:20], "big") == width
    assert len(png) > 20_000  # a rendered page, not a blank one
    page = tmp_path / "probe.html"
    page.write_text(report.read_text(encoding="utf-8").replace("</body>", _PROBE + "</body>"))
    result = _browser(
        f"--window-size={width},2400", "--dump-dom", page.as_uri(), profile=tmp_path / "profile"
    )
    assert result.returncode == 0, result.stderr[-2000:]
    body = dict(next(attrs for tag, attrs in _elements(result.stdout) if tag == "body"))
    assert body.get("data-overflow") == "0", body  # no sideways scrolling
    assert int(body["data-needles"]) > 0 and body.get("data-needles-inside") == "true", body
    assert int(body["data-paragraphs"]) >= 4, body


def test_text_is_reflowed_with_front_matter_as_a_header(report):
    html = report.read_text(encoding="utf-8")
    article = html[html.index("<h2>wrapped.md</h2>") :]
    article = article[: article.index("</article>")]
    front = article[article.index('<div class="front"') : article.index("</div>")]
    assert "title: &quot;New pill cures arthritis&quot;" in front and "author: Staff" in front
    text = article[article.index('<div class="text">') :]
    assert "title:" not in text and "---" not in text
    # the hard-wrapped lines are one paragraph, and the marks keep their places
    assert re.search(r"<p>[^<]*(<mark [^>]*>[^<]*</mark>[^<]*)*works in every patient, the maker "
                     r"says\.</p>", text), text  # fmt: skip
    assert re.search(r"<mark [^>]*>Order now</mark><br>\n- ", text), text  # list lines kept
    assert "fails below score 40" in article  # the threshold that decided
    assert "fails on a finding at error level or above" in article


def test_criteria_checklist_is_rendered_from_the_report(tmp_path, monkeypatch):
    import dataclasses

    from credscore.check.output.htmlreport import render
    from credscore.check.run import CheckOptions, check

    write_model(tmp_path / "model.json", 50.0)
    (tmp_path / "a.md").write_text(PROMO)
    monkeypatch.chdir(tmp_path)
    result = check(CheckOptions(paths=["a.md"], model="model.json", isolated=True))
    item = result.results[0]
    item.report = dataclasses.replace(item.report, criteria={"costs": 0.8, "harms": 0.2})
    tags = _elements(render(result))
    items = {
        attrs["data-criterion"]: attrs["class"]
        for tag, attrs in tags
        if tag == "li" and "data-criterion" in attrs
    }
    assert items == {"costs": "likely-met", "harms": "likely-not-met"}
    assert "Does it discuss the costs" in render(result)
