"""What `credscore check` and `credscore explain` write: hostile names and text never crash a
writer or forge output, documents are whole or not written, the default gate and the settings
applied, each finding's effect, and the file-level result of a score below fail-under."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from check_util import CLEAN, PROMO, VAGUE, run, write_model

FORMATS = ("text", "json", "sarif", "github", "html")
# Python's strict UTF-8 on standard output, as under a UTF-8 locale (the C locale would
# escape surrogates itself and hide the crash).
STRICT = {"PYTHONIOENCODING": "utf-8", "PYTHONUTF8": "0", "LC_ALL": "C.UTF-8"}
LATIN1_NAME = os.fsdecode(b"caf\xe9.md")
FORGED_NAME = "a\n1:1: fake.rule [error] forged\x1b[31m\u202e.md"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A file named with a byte that is not UTF-8, one whose name forges a finding line and
    colours the terminal, and JSON records whose text and title hold lone surrogates."""
    root = tmp_path_factory.mktemp("hostile")
    write_model(root / "model.json", 50.0)
    (root / LATIN1_NAME).write_text(PROMO)
    (root / FORGED_NAME).write_text(PROMO)
    long = "The new treatment \ud800 which was tested " + " ".join(["in many clinics"] * 30)
    records = [
        {"text": long + ". It is a miracle cure. Order now \ud800!", "title": "Hi \ud800"},
        {"text": CLEAN},
    ]
    (root / "records.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in records), encoding="utf-8"
    )
    return root


def _check(root, *args, env=STRICT):
    return run(
        "check", "--model", "model.json", "--include", "*.md", "--include", "*.jsonl",
        *args, cwd=root, env=env,
    )  # fmt: skip


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("to_file", [False, True], ids=["stdout", "file"])
def test_every_format_writes_hostile_names_and_text_whole(hostile, fmt, to_file, tmp_path):
    target = tmp_path / f"report.{fmt}"
    extra = ["-o", target] if to_file else []
    result = _check(hostile, "--format", fmt, *extra, ".")
    assert result.returncode == 1, result.stderr  # articles fail; no crash, no input error
    assert "Traceback" not in result.stderr
    out = target.read_bytes() if to_file else result.stdout.encode("utf-8")
    text = out.decode("utf-8")  # valid UTF-8 throughout
    if fmt != "json" and fmt != "sarif":  # (JSON strings may hold any character, escaped)
        assert "\x1b" not in text and "\u202e" not in text
    if fmt == "json":
        data = json.loads(text)
        paths = {(a["path"], a["record"]) for a in data["articles"]}
        assert ("caf\\xe9.md", None) in paths
        assert ("records.jsonl", 2) in paths  # the record after the hostile one is kept
        assert len(data["articles"]) == 4
    elif fmt == "sarif":
        log = json.loads(text)
        uris = {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in log["runs"][0]["results"]
        }
        assert "caf%E9.md" in uris  # the raw byte, percent-encoded
        assert len(log["runs"][0]["properties"]["articles"]) == 4
    elif fmt == "html":
        assert text.rstrip().endswith("</html>") and "caf\\xe9.md" in text
        assert "forged\\x1b[31m\\u202e.md" in text
        assert text.count("<article ") == 4
    else:
        assert "caf\\xe9.md" in text
        # the forged name stays on one line: no line of output starts with the forged text
        assert not any(line.startswith("1:1: fake.rule") for line in text.splitlines())
        assert "fake.rule [error] forged\\x1b[31m\\u202e.md" in text


def test_text_output_in_a_narrow_encoding_escapes_what_it_cannot_encode(hostile):
    env = {**STRICT, "PYTHONIOENCODING": "ascii"}
    result = _check(hostile, "--format", "text", ".", env=env)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "caf\\xe9.md" in result.stdout


def test_explain_writes_hostile_names_and_text(hostile):
    result = run(
        "explain", "--model", "model.json", LATIN1_NAME, FORGED_NAME, "records.jsonl",
        cwd=hostile, env=STRICT,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "caf\\xe9.md: score" in result.stdout
    assert "\x1b" not in result.stdout
    assert "records.jsonl#2: score" in result.stdout


@pytest.mark.parametrize("command_name", ["check", "explain"])
def test_stdout_write_error_names_standard_output(tmp_path, command_name):
    write_model(tmp_path / "model.json", 50.0)
    (tmp_path / "ok.md").write_text(CLEAN)
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    with open("/dev/full", "w") as full:
        import subprocess

        from check_util import command

        result = subprocess.run(
            [*command(), command_name, "--model", "model.json", "ok.md"],
            cwd=tmp_path,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            check=False,
        )
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("credscore: error: standard output: cannot write")
    assert line.endswith("(No space left on device)")


def test_output_file_is_replaced_whole_or_left_alone(tmp_path, monkeypatch):
    from credscore.check import output

    target = tmp_path / "report.json"
    target.write_text("old report")
    output.save(target, b"new report")
    assert target.read_bytes() == b"new report"

    def fail(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "replace", fail)
    with pytest.raises(OSError):
        output.save(target, b"half")
    assert target.read_bytes() == b"new report"  # untouched
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temporary file left


def test_output_file_through_a_symlink_and_to_a_device(tmp_path):
    write_model(tmp_path / "model.json", 50.0)
    (tmp_path / "ok.md").write_text(CLEAN)
    (tmp_path / "real.txt").write_text("old")
    (tmp_path / "link.txt").symlink_to("real.txt")
    result = run("check", "--model", "model.json", "ok.md", "-o", "link.txt", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "link.txt").is_symlink()  # the link is kept, its target rewritten
    assert "ok.md: score 50.0/100" in (tmp_path / "real.txt").read_text()
    result = run("check", "--model", "model.json", "ok.md", "-o", os.devnull, cwd=tmp_path)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "args", [["score", "--top", "-1", "x.md"], ["explain", "--evidence", "-2", "x.md"]]
)
def test_negative_counts_are_usage_errors(tmp_path, args):
    result = run(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert "must be 0 or more, not" in result.stderr


# -- issue 15: the gate, the effect of each finding, a score-only failure -----------------------


@pytest.fixture(scope="module")
def low(tmp_path_factory):
    root = tmp_path_factory.mktemp("low")
    write_model(root / "low.json", 20.0)
    write_model(root / "mid.json", 50.0)
    (root / "clean.md").write_text(CLEAN)
    (root / "mixed.md").write_text(VAGUE + CLEAN)
    return root


def test_default_gate_fails_a_low_band_article_and_says_what_it_applied(low):
    from credscore.check.config import DEFAULT_FAIL_UNDER
    from credscore.report import band_for

    assert band_for(DEFAULT_FAIL_UNDER - 0.1) == "low" and band_for(DEFAULT_FAIL_UNDER) != "low"
    result = run("check", "--model", "low.json", "clean.md", cwd=low)
    assert result.returncode == 1
    assert "clean.md: score 20.0/100 (low) FAIL: score 20.0 is below fail-under 40" in (
        result.stdout
    )
    assert "settings: fail-under 40, fail-on error, every rule (no configuration file)" in (
        result.stdout
    )
    assert run("check", "--model", "mid.json", "clean.md", cwd=low).returncode == 0
    assert (
        run("check", "--model", "low.json", "--fail-under", "0", "clean.md", cwd=low).returncode
        == 0
    )
    data = json.loads(
        run("check", "--model", "low.json", "--format", "json", "clean.md", cwd=low).stdout
    )
    assert data["default_settings"]["fail_under"] == 40
    assert data["articles"][0]["settings"]["fail_under"] == 40


def test_a_text_too_short_to_judge_fails_only_a_configured_threshold(low):
    (low / "short.md").write_text("It may help some patients, a small study suggests.\n")
    default = run("check", "--model", "low.json", "short.md", cwd=low)
    assert default.returncode == 0, default.stdout
    assert "short.md: score 20.0/100 (too short to judge: 9 words) pass" in default.stdout
    configured = run(
        "check", "--model", "low.json", "--fail-under", "40", "--format", "sarif", "short.md",
        cwd=low,
    )  # fmt: skip
    assert configured.returncode == 1
    (result,) = json.loads(configured.stdout)["runs"][0]["results"]
    assert result["ruleId"] == "credscore.score-below-threshold"
    assert "too short to judge" in result["message"]["text"]
    page = run("check", "--model", "low.json", "--format", "html", "short.md", cwd=low).stdout
    assert "too short to judge" in page and "not held to the default threshold" in page
    (low / "short.md").unlink()


def test_text_formats_mark_each_findings_effect_problems_first(low):
    result = run("check", "--model", "mid.json", "--show-positive", "mixed.md", cwd=low)
    found = [line for line in result.stdout.splitlines() if line.startswith("mixed.md:")]
    effects = [line.split("[", 1)[1].split("]", 1)[0].split(", ")[1] for line in found[:-1]]
    assert "lowers" in effects and "raises" in effects
    assert effects == sorted(effects, key=lambda e: e != "lowers")  # problems before praise
    github = run(
        "check", "--model", "mid.json", "--show-positive", "--format", "github", "mixed.md", cwd=low
    ).stdout
    assert "title=citations.vague-attribution (lowers credibility)::" in github
    assert "(raises credibility)::" in github
    assert github.index("(lowers credibility)") < github.index("(raises credibility)")
    explain = run("explain", "mixed.md", cwd=low).stdout  # the shipped model's criteria
    evidence = [line.strip() for line in explain.splitlines() if line.startswith("        mixed")]
    assert "mixed.md:1:1: citations.vague-attribution [warning, lowers] " in "\n".join(evidence)
    assert all(", lowers] " in line or ", raises] " in line for line in evidence), evidence


def test_summary_says_error_level_findings_and_input_errors_apart(low):
    (low / "empty.md").write_text("")
    result = run("check", "--model", "mid.json", "mixed.md", "empty.md", cwd=low)
    summary = result.stdout.splitlines()[-1]
    assert "0 error-level, 1 warning-level, 0 info-level findings lowering credibility" in summary
    assert summary.endswith("; 1 input error")
    (low / "empty.md").unlink()


def test_a_score_only_failure_is_a_file_level_result_in_sarif_and_github(low):
    sarif = json.loads(
        run("check", "--model", "mid.json", "--fail-under", "60", "--format", "sarif",
            "clean.md", cwd=low).stdout
    )  # fmt: skip
    (run_,) = sarif["runs"]
    rules = run_["tool"]["driver"]["rules"]
    (result,) = [r for r in run_["results"] if r["ruleId"] == "credscore.score-below-threshold"]
    assert rules[result["ruleIndex"]]["id"] == "credscore.score-below-threshold"
    assert result["level"] == "error" and "below fail-under 60" in result["message"]["text"]
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "clean.md"
    assert location["region"] == {"startLine": 1}
    github = run(
        "check", "--model", "mid.json", "--fail-under", "60", "--format", "github", "clean.md",
        cwd=low,
    ).stdout  # fmt: skip
    assert "::error file=clean.md,line=1,title=credscore.score-below-threshold::" in github
    passing = run("check", "--model", "mid.json", "--format", "sarif", "clean.md", cwd=low)
    assert not any(
        r["ruleId"] == "credscore.score-below-threshold"
        for r in json.loads(passing.stdout)["runs"][0]["results"]
    )


def test_explain_evidence_zero_shows_the_verdicts_only(low):
    (low / "promo.md").write_text(PROMO + VAGUE)
    shown = run("explain", "--evidence", "0", "promo.md", cwd=low)  # the shipped model
    assert shown.returncode == 0, shown.stderr
    assert "no evidence found" not in shown.stdout
    lines = shown.stdout.strip().splitlines()
    assert not any(line.lstrip().startswith("promo.md:") for line in lines[1:])  # no evidence
    assert len(lines) == 11  # the score line and one line per criterion


def test_every_writer_takes_time_linear_in_the_findings(tmp_path, monkeypatch):
    import gc
    import time

    from credscore.check.output import render
    from credscore.check.run import CheckOptions, check

    monkeypatch.chdir(tmp_path)
    write_model(tmp_path / "model.json", 50.0)
    para = "This miracle cure works in\nevery patient, the maker says. Order now!\n\n"
    times = {}
    for n in (90, 180):  # each rule keeps at most 200 findings per article (MAX_FINDINGS_PER_RULE)
        (tmp_path / "big.md").write_text(para * n)
        result = check(CheckOptions(paths=["big.md"], model="model.json", isolated=True))
        assert len(result.results[0].findings) >= 2 * n
        for fmt in FORMATS:
            runs = []
            for _ in range(5):  # the best of five: the machine is shared
                gc.collect()
                start = time.perf_counter()
                render(fmt, result, positive=True)
                runs.append(time.perf_counter() - start)
            times[fmt, n] = min(runs)
    for fmt in FORMATS:
        assert times[fmt, 90] < 2.0, (fmt, times)  # generous
        assert times[fmt, 180] < 2.5 * times[fmt, 90] + 0.05, (fmt, times)
