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


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    root = tmp_path_factory.mktemp("html")
    write_model(root / "model.json", 50.0)
    (root / "promo.md").write_text("# Offer\n\n" + PROMO + "\n" + HOSTILE + LONG_URL)
    (root / "clean.md").write_text(CLEAN)
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


@needs_browser
def test_report_fits_a_phone_screen(report, tmp_path):
    # A copy of the page with a probe that records how much wider than the window it lays out.
    probe = (
        "<script>document.body.setAttribute('data-overflow', "
        "String(document.documentElement.scrollWidth - document.documentElement.clientWidth));"
        "</script>"
    )
    page = tmp_path / "probe.html"
    page.write_text(report.read_text(encoding="utf-8").replace("</body>", probe + "</body>"))
    result = _browser(
        "--window-size=390,844", "--dump-dom", page.as_uri(), profile=tmp_path / "profile"
    )
    assert result.returncode == 0, result.stderr[-2000:]
    body = dict(next(attrs for tag, attrs in _elements(result.stdout) if tag == "body"))
    assert body.get("data-overflow") == "0", body


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
    assert items == {"costs": "met", "harms": "unmet"}
    assert "Does it discuss the costs" in render(result)
