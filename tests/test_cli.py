"""The command line, run as a real process."""

import json
import subprocess
import sys

import pytest

from conftest import EXAMPLES


def run(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "credscore", *map(str, args)],
        capture_output=True, text=True, cwd=cwd, timeout=120,
    )


def test_score_examples_prints_score_and_located_findings():
    result = run("score", EXAMPLES)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    clinic = EXAMPLES / "stem-cell-clinic.md"
    assert f"{clinic}: score " in out
    lines = [l for l in out.splitlines() if l.startswith(f"{clinic}:") and " score " not in l]
    assert lines, out
    path, line, col, rest = lines[0].split(":", 3)
    assert int(line) >= 1 and int(col) >= 1
    assert rest.split()[0].count(".") == 1  # a rule id family.rule-name


def test_json_output_is_parseable():
    result = run("score", "--format", "json", EXAMPLES / "trial-report.md")
    data = json.loads(result.stdout)
    assert data[0]["path"].endswith("trial-report.md")
    assert 0 <= data[0]["score"] <= 100
    assert all({"rule", "line", "column", "start", "end"} <= f.keys() for f in data[0]["findings"])


@pytest.mark.parametrize(
    "content, problem",
    [
        (b"\x00\x01\x02binary", "binary"),
        (b"   \n\n", "empty"),
    ],
)
def test_bad_input_is_a_clear_error_with_exit_2(tmp_path, content, problem):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    good = EXAMPLES / "trial-report.md"
    result = run("score", bad, good)
    assert result.returncode == 2
    assert f"{bad}" in result.stderr and problem in result.stderr
    assert "Traceback" not in result.stderr
    assert "trial-report.md: score" in result.stdout  # the other file is still scored


def test_non_utf8_text_is_decoded_with_the_stated_fallback_and_recorded(tmp_path):
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("Caf\u00e9 owners love it. Order now \u2013 today!".encode("cp1252"))
    result = run("score", "--format", "json", legacy)
    assert result.returncode == 0, result.stderr
    (record,) = json.loads(result.stdout)
    assert record["encoding"] == "cp1252"
    # One character per byte: the finding's column counts the decoded "\u00e9" once.
    (cta,) = [f for f in record["findings"] if f["rule"] == "commercial.call-to-action"]
    assert (cta["text"], cta["column"]) == ("Order now", 22)


def test_missing_file_and_bad_model(tmp_path):
    result = run("score", tmp_path / "nope.md")
    assert result.returncode == 2 and "no such file" in result.stderr
    model = tmp_path / "model.json"
    model.write_text("{not json")
    result = run("score", "--model", model, EXAMPLES / "trial-report.md")
    assert result.returncode == 2 and "not a credscore model" in result.stderr
    assert "Traceback" not in result.stderr


def test_rules_lists_every_family():
    result = run("rules")
    assert result.returncode == 0
    for family in ("hedging.", "superlatives.", "citations.", "commercial.", "readability."):
        assert family in result.stdout


def test_usage_error_exit_code():
    assert run("score").returncode == 2


def test_folders_skip_hidden_and_environment_directories(tmp_path):
    (tmp_path / "a.md").write_text("It may help, a small study suggests.\n")
    for skipped in (".git", ".venv", "node_modules"):
        (tmp_path / skipped).mkdir()
        (tmp_path / skipped / "x.txt").write_bytes(b"\x00binary")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("Book your free consultation now!\n")
    result = run("score", tmp_path)
    assert result.returncode == 0, result.stderr
    scored = [l.split(": score")[0] for l in result.stdout.splitlines() if ": score " in l]
    assert scored == [str(tmp_path / "a.md"), str(tmp_path / "sub" / "b.txt")]


@pytest.mark.slow  # two processes that import scikit-learn
def test_train_reports_missing_data_and_a_bad_output_folder_without_training(tmp_path):
    result = run("train", "--data", tmp_path / "nowhere", "--out", tmp_path / "m.json")
    assert result.returncode == 2 and "no labelled data found at" in result.stderr
    data = EXAMPLES.parent.parent / "shared" / "data"
    if (data / "fakehealth").is_dir():
        result = run("train", "--data", data, "--out", tmp_path / "no" / "dir" / "m.json")
        assert result.returncode == 2 and "no such folder for --out" in result.stderr
    assert "Traceback" not in result.stderr


def test_score_reads_json_records_one_article_each_located_in_the_file(tmp_path):
    records = tmp_path / "articles.jsonl"
    lines = [{"text": "Fine words. Order now!"}, {"text": ""}, {"text": "Call today for a free trial."}]
    records.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    result = run("score", records)
    assert result.returncode == 2  # record 2 is empty: reported, and the others still scored
    assert f"{records}: record 2 (line 2)" in result.stderr and "Traceback" not in result.stderr
    assert f"{records}#1: score" in result.stdout and f"{records}#3: score" in result.stdout
    # Line and column of the finding in the JSONL file itself: '{"text": "Fine words. Order'.
    assert f"{records}#1:1:23: commercial.call-to-action" in result.stdout
    assert f"{records}#3:3:11: commercial.call-to-action" in result.stdout


def test_score_text_marks_each_findings_effect_and_lists_problems_first(tmp_path):
    page = tmp_path / "mixed.md"
    page.write_text(
        "A randomised trial of 300 adults, published in JAMA, found the drug may lower blood "
        "pressure, said Dr. Ann Lee of Oxford University, who led it. The trial was small and "
        "short, and the authors said larger studies are needed before doctors change care. "
        "Side effects were mild. Book your free consultation today!\n",
        encoding="utf-8",
    )
    result = run("score", "--top", "8", str(page))
    lines = [line for line in result.stdout.splitlines() if "mixed.md:" in line and "[" in line]
    effects = [line.split("[", 1)[1].split("]", 1)[0].split(", ")[1] for line in lines]
    assert "lowers" in effects and "raises" in effects, result.stdout
    assert effects == sorted(effects, key=lambda e: e == "raises")  # problems before praise
