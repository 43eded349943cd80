"""`credscore check --format`: JSON (validated against its shipped schema), SARIF 2.1.0
(validated against the OASIS schema in tests/data), GitHub annotations, and --output."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from check_util import CLEAN, PROMO, VAGUE, run, write_model

SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    """Three articles, one unreadable file and records, checked once per format."""
    root = tmp_path_factory.mktemp("formats")
    write_model(root / "model.json", 50.0)
    (root / "docs").mkdir()
    (root / "docs" / "promo.md").write_text("# Offer\n\n" + PROMO + VAGUE)
    (root / "docs" / "clean.md").write_text(CLEAN)
    (root / "docs" / "quiet.md").write_text(
        "<!-- credscore-disable-next-line commercial -->\n" + PROMO
    )
    (root / "docs" / "binary.txt").write_bytes(b"\x00\x01binary")
    (root / "records.jsonl").write_text('{"text": "Order now, it is 100% natural."}\n')
    return root


def check(work, fmt, *extra):
    return run(
        "check",
        "--model",
        "model.json",
        "--format",
        fmt,
        "docs",
        "records.jsonl",
        *extra,
        cwd=work,
    )


def test_json_output_follows_its_schema(work):
    result = check(work, "json")
    assert result.returncode == 2  # binary.txt
    data = json.loads(result.stdout)
    schema = json.loads(
        resources.files("credscore.check").joinpath("report.schema.json").read_text()
    )
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(data)
    assert data["format"] == "credscore-check" and data["version"] == 1
    assert data["exit_code"] == 2
    by_path = {(a["path"], a["record"]): a for a in data["articles"]}
    promo = by_path[("docs/promo.md", None)]
    assert not promo["passed"] and promo["score"] == 50.0
    rules = {f["rule"]: f for f in promo["findings"]}
    cta = rules["commercial.call-to-action"]
    assert (cta["line"], cta["column"], cta["text"]) == (3, 1, "Order now")
    assert cta["end_column"] == cta["column"] + len("Order now")
    assert cta["effect"] == "lowers" and cta["family"] == "commercial"
    assert by_path[("docs/quiet.md", None)]["suppressed"] >= 1
    assert by_path[("records.jsonl", 1)]["findings"]
    assert any(f["effect"] == "raises" for f in by_path[("docs/clean.md", None)]["findings"])
    assert data["errors"] == [{"path": "docs/binary.txt", "message": data["errors"][0]["message"]}]
    assert "binary" in data["errors"][0]["message"]
    assert data["summary"]["articles"] == 4 and data["summary"]["errors"] == 1


def test_sarif_output_is_valid_sarif_2_1_0(work):
    result = check(work, "sarif")
    log = json.loads(result.stdout)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(
        schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(log), key=str)
    assert not errors, errors[0]
    assert log["version"] == "2.1.0"
    (run_,) = log["runs"]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "credscore"
    rule_ids = [r["id"] for r in driver["rules"]]
    listed = json.loads(run("rules", "--format", "json", cwd=work).stdout)
    # the same source as `credscore rules`, and the file-level rule of a score below fail-under
    assert rule_ids == [r["id"] for r in listed] + ["credscore.score-below-threshold"]
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"] and rule["help"]["text"]
        assert rule["properties"]["source"] in rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] in {"note", "warning", "error"}
    results = run_["results"]
    assert results and {r["level"] for r in results} <= {"note", "warning", "error"}
    cta = next(
        r
        for r in results
        if r["ruleId"] == "commercial.call-to-action"
        and r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "docs/promo.md"
    )
    assert driver["rules"][cta["ruleIndex"]]["id"] == "commercial.call-to-action"
    assert cta["level"] == "error"
    location = cta["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    assert location["region"] == {
        "startLine": 3,
        "startColumn": 1,
        "endLine": 3,
        "endColumn": 10,
        "snippet": {"text": "Order now"},
    }
    assert not any(  # only problems by default, and the suppressed ones are gone
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "docs/quiet.md"
        and r["ruleId"].startswith("commercial.")
        for r in results
    )
    assert all(r["ruleId"] != "hedging.hedge" for r in results)
    notes = run_["invocations"][0]["toolExecutionNotifications"]
    assert run_["invocations"][0]["executionSuccessful"] is False
    assert any("binary.txt" in n["message"]["text"] for n in notes)


def test_github_annotations(work):
    result = check(work, "github", "--fail-under", "60")
    out = result.stdout.splitlines()
    assert (
        "::error file=docs/promo.md,line=3,col=1,endLine=3,endColumn=10,"
        "title=commercial.call-to-action (lowers credibility)::"
    ) in "\n".join(out)
    assert any(line.startswith("::warning file=docs/promo.md,") for line in out)
    assert any(
        line.startswith("::error file=docs/clean.md,line=1,title=credscore.score-below-threshold::")
        and "below fail-under 60" in line
        for line in out
    )
    assert any(line.startswith("::error file=docs/binary.txt,") for line in out)
    assert out[-1].startswith("5 articles checked") or out[-1].startswith("4 articles checked")


@pytest.mark.slow  # several processes
def test_output_file_and_text_format(work, tmp_path):
    target = tmp_path / "report.txt"
    result = check(work, "text", "-o", target)
    assert result.stdout == ""
    text = target.read_text(encoding="utf-8")
    assert "docs/promo.md:3:1: commercial.call-to-action [error, lowers] " in text
    assert "docs/promo.md:4:1: citations.vague-attribution [warning, lowers] " in text
    assert "hedging.hedge" not in text  # positive evidence only with --show-positive
    shown = check(work, "text", "--show-positive").stdout
    assert "docs/clean.md:1:4: hedging.hedge [info, raises] " in shown
    bad = check(work, "text", "-o", tmp_path / "missing-dir" / "r.txt")
    assert bad.returncode == 2 and "cannot write" in bad.stderr
