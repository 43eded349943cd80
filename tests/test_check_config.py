"""`credscore check` configuration end to end: discovery by walking up from the checked path,
validation errors that name the key, precedence of flags over the file, per-file overrides."""

from __future__ import annotations

import pytest
from check_util import CLEAN, PROMO, VAGUE, rules_in, run, write_model


@pytest.fixture
def repo(tmp_path):
    """A repository root with a model file (every article scores 50) and nested content."""
    write_model(tmp_path / "model.json", 50.0)
    (tmp_path / "content" / "news").mkdir(parents=True)
    (tmp_path / "content" / "press").mkdir(parents=True)
    return tmp_path


def pyproject(root, body: str) -> None:
    (root / "pyproject.toml").write_text(
        '[project]\nname = "site"\n\n[tool.credscore]\nmodel = "model.json"\n' + body
    )


def test_config_is_found_from_a_nested_folder(repo):
    pyproject(repo, "fail-under = 60\n")
    article = repo / "content" / "news" / "a.md"
    article.write_text(CLEAN)
    # Run from deep inside the tree, naming the file relatively: the root's pyproject applies
    # (including its model path, relative to the pyproject's folder).
    result = run("check", "-v", "a.md", cwd=article.parent)
    assert result.returncode == 1, result.stderr
    assert "score 50.0 is below fail-under 60" in result.stdout
    assert f"configuration: {repo / 'pyproject.toml'}" in result.stderr


@pytest.mark.slow  # several processes
def test_nearest_config_wins_and_pyproject_without_table_is_skipped(repo):
    pyproject(repo, "fail-under = 60\n")
    (repo / "content" / "pyproject.toml").write_text('[project]\nname = "inner"\n')
    (repo / "content" / "news" / "a.md").write_text(CLEAN)
    assert run("check", "content/news/a.md", cwd=repo).returncode == 1  # root config
    (repo / "content" / ".credscore.toml").write_text('model = "../model.json"\nfail-under = 40\n')
    result = run("check", "-v", "content/news/a.md", cwd=repo)
    assert result.returncode == 0, result.stdout + result.stderr
    assert ".credscore.toml" in result.stderr
    assert (
        run(
            "check",
            "--isolated",
            "--model",
            "model.json",
            "--fail-under",
            "0",
            "content/news/a.md",
            cwd=repo,
        ).returncode
        == 0
    )


@pytest.mark.parametrize(
    "body, problem",
    [
        ("fail_under = 60\n", "unknown key 'fail_under' (did you mean 'fail-under'?)"),
        ("colour = 'red'\nsize = 3\n", "unknown keys 'colour', 'size'"),
        ("fail-under = 'high'\n", "'fail-under' must be a number from 0 to 100"),
        ("fail-on = 'fatal'\n", "'fail-on' must be one of info, warning, error, none"),
        ("ignore = ['commercal']\n", "unknown rule or family 'commercal' (did you mean"),
        (
            "[[tool.credscore.overrides]]\nfiles = ['x']\nmodel = 'm.json'\n",
            "overrides[1]: unknown key 'model'",
        ),
        ("fail-under = [\n", "not valid TOML"),
    ],
)
def test_invalid_configuration_is_exit_2_naming_the_problem(repo, body, problem):
    pyproject(repo, body)
    (repo / "content" / "news" / "a.md").write_text(CLEAN)
    result = run("check", "content/news/a.md", cwd=repo)
    assert result.returncode == 2
    assert "pyproject.toml" in result.stderr and problem in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow  # several processes
def test_flags_win_over_the_configuration(repo):
    pyproject(repo, 'fail-under = 60\nfail-on = "warning"\nselect = ["citations"]\n')
    (repo / "a.md").write_text(PROMO + VAGUE + CLEAN)  # long enough to judge
    result = run("check", "a.md", cwd=repo)
    assert rules_in(result.stdout) == {"citations.vague-attribution"}
    assert result.returncode == 1
    flags = ["--fail-under", "40", "--fail-on", "error", "--select", "commercial"]
    result = run("check", "a.md", *flags, cwd=repo)
    assert {r.partition(".")[0] for r in rules_in(result.stdout)} == {"commercial"}
    assert "below fail-under" not in result.stdout and result.returncode == 1  # commercial
    assert "settings: fail-under 40, fail-on error, only commercial (configuration file " in (
        result.stdout
    )
    result = run("check", "a.md", *flags, "--fail-on", "none", cwd=repo)
    assert result.returncode == 0, result.stdout


def test_select_and_ignore_by_family_and_rule_id(repo):
    pyproject(repo, 'ignore = ["superlatives", "commercial.call-to-action"]\n')
    (repo / "a.md").write_text(PROMO + VAGUE)
    found = rules_in(run("check", "a.md", cwd=repo).stdout)
    assert "citations.vague-attribution" in found
    assert not {r for r in found if r.startswith("superlatives.")}
    assert "commercial.call-to-action" not in found


def test_per_file_overrides(repo):
    pyproject(
        repo,
        "fail-under = 60\n\n[[tool.credscore.overrides]]\nfiles = ['content/press/**']\n"
        "fail-under = 40\nignore = ['commercial']\n",
    )
    (repo / "content" / "press" / "release.md").write_text(CLEAN + PROMO)
    (repo / "content" / "news" / "story.md").write_text(CLEAN)
    result = run("check", "content", cwd=repo)
    assert "content/news/story.md: score 50.0/100 (mixed) FAIL: score 50.0 is below" in (
        result.stdout
    )
    press = [line for line in result.stdout.splitlines() if "press/release.md" in line]
    assert not any("commercial." in line for line in press)
    assert not any("below fail-under" in line for line in press), press
    assert "settings: fail-under 60, fail-on error, every rule (1 article); fail-under 40, " in (
        result.stdout
    )
    assert result.returncode == 1  # story.md fails; superlatives error fails release.md too


def test_exclude_globs_from_configuration_apply_to_named_files(repo):
    pyproject(repo, 'exclude = ["content/press/**", "*.txt"]\n')
    (repo / "content" / "press" / "release.md").write_text(PROMO)
    (repo / "content" / "news" / "story.md").write_text(CLEAN)
    (repo / "content" / "news" / "notes.txt").write_text(PROMO)
    result = run("check", "content", "content/press/release.md", cwd=repo)
    assert result.returncode == 0, result.stdout
    assert "story.md: score" in result.stdout
    assert "release.md" not in result.stdout and "notes.txt" not in result.stdout


# ------------------------------------------------------- pyproject files met on the way up (16.6, 16.7)

DEEP = "x = " + "[" * 3000 + "]" * 3000 + "\n"


def test_a_deeply_nested_pyproject_without_a_table_is_passed_over(repo):
    """Issue 16 item 6: tomllib's RecursionError, from a pyproject.toml that is not ours."""
    pyproject(repo, "fail-under = 60\n")
    (repo / "content" / "pyproject.toml").write_text('[project]\nname = "inner"\n' + DEEP)
    (repo / "content" / "news" / "a.md").write_text(CLEAN)
    result = run("check", "content/news/a.md", cwd=repo)
    assert "Traceback" not in result.stderr, result.stderr[-500:]
    assert result.returncode == 1 and "below fail-under 60" in result.stdout  # the root's


@pytest.mark.parametrize("name", ["pyproject.toml", ".credscore.toml"])
def test_a_deeply_nested_configuration_is_a_clear_error(repo, name):
    body = "[tool.credscore]\n" + DEEP if name == "pyproject.toml" else DEEP
    (repo / "content" / name).write_text(body)
    (repo / "content" / "news" / "a.md").write_text(CLEAN)
    result = run("check", "--model", "model.json", "content/news/a.md", cwd=repo)
    assert result.returncode == 2
    assert f"{name}: not readable TOML (nested too deeply)" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_tool_that_is_not_a_table_has_no_credscore_table(repo):
    """Issue 16 item 7: `tool = "credscore"` raised AttributeError."""
    pyproject(repo, "fail-under = 60\n")
    (repo / "content" / "pyproject.toml").write_text('tool = "credscore"\n')
    (repo / "content" / "news" / "a.md").write_text(CLEAN)
    result = run("check", "-v", "content/news/a.md", cwd=repo)
    assert result.returncode == 1, result.stderr  # passed over: the root's file applies
    assert f"configuration: {repo / 'pyproject.toml'}" in result.stderr
    result = run("check", "--config", "content/pyproject.toml", "content/news/a.md", cwd=repo)
    assert result.returncode == 2 and "no [tool.credscore] table" in result.stderr
    (repo / "content" / "pyproject.toml").write_text('[tool]\ncredscore = "on"\n')
    result = run("check", "content/news/a.md", cwd=repo)
    assert result.returncode == 2 and "[tool.credscore] must be a table" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "body, problem",
    [
        ("exclude = ['drafts\\']\n", "'exclude': bad glob 'drafts\\\\'"),
        ("respect-gitignore = 'yes'\n", "'respect-gitignore' must be true or false"),
    ],
)
def test_bad_globs_and_switches_name_the_key(repo, body, problem):
    pyproject(repo, body)
    (repo / "a.md").write_text(CLEAN)
    result = run("check", "a.md", cwd=repo)
    assert result.returncode == 2 and problem in result.stderr, result.stderr


def test_a_model_path_that_is_a_symlink_loop_is_a_clear_error(repo):
    import os

    os.symlink("m2.json", repo / "m1.json")
    os.symlink("m1.json", repo / "m2.json")
    (repo / "pyproject.toml").write_text('[tool.credscore]\nmodel = "m1.json"\n')
    (repo / "a.md").write_text(CLEAN)
    result = run("check", "a.md", cwd=repo)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
