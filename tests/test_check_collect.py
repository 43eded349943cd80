"""Which files `credscore check` reads: globs (linear time, .gitignore syntax checked against
the pathspec library), .gitignore/.ignore files, build folders and project files skipped, and
paths that cannot be read (symbolic-link loops, FIFOs, unlistable folders) reported as named
input errors while the other inputs are still checked."""

from __future__ import annotations

import io
import os
import random
import subprocess
import time

import pytest
from check_util import CLEAN, PROMO, command, write_model

from credscore.check import collect
from credscore.check.globs import GlobError, GlobSet
from credscore.check.run import CheckOptions, check
from credscore.cli import main


@pytest.fixture
def work(tmp_path, monkeypatch):
    """A working folder with a model scoring every article 50 (the tests run in it)."""
    write_model(tmp_path / "model.json", 50.0)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run_check(capsys, *args):
    """``credscore check`` in this process: (exit code, stdout, stderr)."""
    code = main(["check", "--model", "model.json", *map(str, args)])
    out = capsys.readouterr()
    return code, out.out, out.err


def checked(stderr: str) -> list[str]:
    return [line.split("checking ", 1)[1] for line in stderr.splitlines() if ": checking " in line]


# ----------------------------------------------------------------------------------- globs


def _cpu(fn, repeat: int = 1) -> float:
    start = time.process_time()
    for _ in range(repeat):
        fn()
    return time.process_time() - start


def _scales_linearly(make, sizes=(2000, 4000), repeat=20) -> tuple[float, float]:
    """CPU time of ``make(n)()`` at n and 2n (best of three, to steady a shared machine)."""
    times = [min(_cpu(make(n), repeat) for _ in range(3)) for n in sizes]
    return times[0], times[1]


@pytest.mark.parametrize(
    "pattern, path",
    [
        ("*a*a*a*a*a*a*a*a*c/x.md", "a" * 64 + "/x.md"),
        ("*" * 160 + "/x", "a" * 64 + "/y/x"),
        ("**/" * 200 + "*a*a*a*a*a*c", "/".join(["a" * 40] * 60)),
        ("[" * 4000, "[" * 200),
        ("[a-z" * 1000, "b" * 255),
    ],
)
def test_globs_match_in_linear_time(pattern, path):
    """Issue 16 item 10: a backtracking translation took minutes on these."""
    start = time.process_time()
    globs = GlobSet([pattern])
    assert not globs.match(path)
    assert time.process_time() - start < 1.0


def test_glob_time_grows_linearly_with_the_name():
    def make(n):
        globs = GlobSet(["*a*a*a*a*a*a*a*a*c/x.md", "*a?b[xy]*"])
        name = "a" * n + "/x.md"
        return lambda: globs.match(name)

    small, large = _scales_linearly(make)
    assert large < 0.5
    assert large <= 2.5 * small + 0.02, (small, large)


def test_glob_semantics_agree_with_pathspec():
    """gitignore semantics, checked against the pathspec library's GitIgnoreSpec on random
    patterns and paths. Two cases are left out where pathspec differs from git: a set like
    ``[!a]`` matching ``/`` (git's wildmatch never lets a set match ``/``), and empty ``//``
    segments."""
    pathspec = pytest.importorskip("pathspec")
    rng = random.Random(16)
    atoms = ["a", "b", "*", "?", "/", "**", "[ab]", "[a-c]", "x.md", "\\*", "c", "!"]
    names = ["a", "b", "ab", "ba", "x.md", "aa", "c", "*", "abc"]
    compared = 0
    for _ in range(4000):
        pattern = "".join(rng.choice(atoms) for _ in range(rng.randint(1, 5)))
        if "//" in pattern or "!" in pattern[1:]:
            continue
        try:
            mine = GlobSet([pattern])
            theirs = pathspec.GitIgnoreSpec.from_lines([pattern])
        except (GlobError, ValueError):
            continue
        for _ in range(5):
            path = "/".join(rng.choice(names) for _ in range(rng.randint(1, 4)))
            # pathspec cannot know that a path is a file: leave out patterns for folders only.
            if pattern.endswith("/"):
                continue
            if mine.globs[0].negated:
                continue
            assert mine.match(path) == theirs.match_file(path), (pattern, path)
            compared += 1
    assert compared > 5000


@pytest.mark.parametrize(
    "pattern, matches, misses",
    [
        ("drafts", ["drafts/a.md", "x/drafts/b.md"], ["drafts.md", "x/drafted/a.md"]),
        ("/drafts/*.md", ["drafts/a.md"], ["x/drafts/a.md", "drafts/sub/a.md"]),
        ("content/**/*.md", ["content/a.md", "content/x/y/a.md"], ["other/a.md"]),
        ("drafts/**", ["drafts/a.md"], ["drafts"]),
        ("[!a]*.md", ["b.md"], ["a.md"]),
        ("\\#notes.md", ["#notes.md"], ["notes.md"]),
        ("a?c", ["abc"], ["a/c", "ac"]),
    ],
)
def test_glob_syntax_is_gitignore_syntax(pattern, matches, misses):
    globs = GlobSet([pattern])
    assert all(globs.match(p) for p in matches)
    assert not any(globs.match(p) for p in misses)


def test_a_bad_glob_is_a_usage_error_naming_it(work, capsys):
    (work / "a.md").write_text(CLEAN)
    code, _, err = run_check(capsys, "--exclude", "notes\\", "a.md")
    assert code == 2
    assert "--exclude: bad glob 'notes\\\\'" in err and "Traceback" not in err


# ------------------------------------------------------------------ what a folder search reads


def _project(root):
    """A checkout as `pip install -e .` and a build leave it, with two real articles."""
    files = {
        "content/a.md": CLEAN,
        "content/b.txt": CLEAN,
        "content/drafts/c.md": PROMO,
        "content/secret.md": PROMO,
        "content/.ignore": "secret.md\n",
        ".gitignore": "content/drafts/\n",
        "build/lib/pkg/lexicon.txt": PROMO,
        "dist/notes.txt": PROMO,
        "site.egg-info/dependency_links.txt": "\n",
        "site.egg-info/PKG-INFO": PROMO,
        "env/pyvenv.cfg": "home = /usr\n",
        "env/lib/x.md": PROMO,
        "node_modules/pkg/README.md": PROMO,
        "requirements.txt": "numpy\n",
        "requirements-dev.txt": "pytest\n",
        "LICENSE.txt": "MIT\n",
        "CHANGELOG.md": "## 1.0\n",
        ".hidden.md": PROMO,
    }
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    (root / ".git").mkdir()


def test_a_default_search_reads_the_articles_only(work, capsys):
    """Issue 15: build/, *.egg-info (an empty dependency_links.txt made it exit 2),
    requirements.txt, LICENSE.txt, virtual environments and ignored files are passed over, and
    -v says so with the reason."""
    _project(work)
    code, out, err = run_check(capsys, "-v")
    assert code == 0, out + err
    assert sorted(checked(err)) == ["content/a.md", "content/b.txt"], err
    for skipped, reason in [
        ("build", "build or packaging folder"),
        ("site.egg-info", "build or packaging folder"),
        ("env", "virtual environment"),
        ("node_modules", "build or packaging folder"),
        ("content/drafts", "ignored by "),
        ("content/secret.md", "ignored by "),
        ("requirements.txt", "not an article"),
        ("requirements-dev.txt", "not an article"),
        ("LICENSE.txt", "not an article"),
        ("CHANGELOG.md", "not an article"),
        (".hidden.md", "hidden file"),
        (".git", "hidden folder"),
    ]:
        line = next((x for x in err.splitlines() if f"skipping {skipped} (" in x), "")
        assert reason in line, (skipped, err)
    assert ".gitignore:1 (content/drafts/)" in err


def test_gitignore_above_the_searched_folder_and_opting_out(work, capsys):
    _project(work)
    _, _, err = run_check(capsys, "-v", "content")
    assert sorted(checked(err)) == ["content/a.md", "content/b.txt"], err
    code, _, err = run_check(capsys, "-v", "--no-respect-gitignore", "content")
    assert sorted(checked(err)) == [
        "content/a.md",
        "content/b.txt",
        "content/drafts/c.md",
        "content/secret.md",
    ]
    assert code == 1  # the promotional drafts fail
    (work / "pyproject.toml").write_text("[tool.credscore]\nrespect-gitignore = false\n")
    code, _out, err = run_check(capsys, "-v", "content")
    assert "content/drafts/c.md" in checked(err)


def test_a_named_file_is_read_even_when_ignored_but_not_when_excluded(work, capsys):
    _project(work)
    _, _, err = run_check(capsys, "-v", "content/drafts/c.md", "build/lib/pkg/lexicon.txt")
    assert checked(err) == ["content/drafts/c.md", "build/lib/pkg/lexicon.txt"]
    _code, _out, err = run_check(capsys, "-v", "--exclude", "drafts", "content/drafts/c.md")
    assert checked(err) == [] and "excluded by exclude pattern 'drafts'" in err


def test_negated_gitignore_lines_and_deeper_files_win(work, capsys):
    (work / "content" / "keep").mkdir(parents=True)
    (work / ".gitignore").write_text("*.txt\n!content/b.txt\n")
    (work / "content" / "a.txt").write_text(CLEAN)
    (work / "content" / "b.txt").write_text(CLEAN)
    (work / "content" / "keep" / ".gitignore").write_text("!*.txt\n")
    (work / "content" / "keep" / "c.txt").write_text(CLEAN)
    _code, _out, err = run_check(capsys, "-v", ".")
    assert sorted(checked(err)) == ["content/b.txt", "content/keep/c.txt"], err


# ----------------------------------------------------------- paths that cannot be read (16.1, 8, 17)


def test_symlink_loops_are_input_errors_and_the_rest_is_checked(work, capsys):
    """Issue 16 item 1: `RuntimeError: Symlink loop` from path.resolve()."""
    folder = work / "content"
    folder.mkdir()
    (folder / "good.md").write_text(CLEAN)
    os.symlink("a.md", folder / "b.md")
    os.symlink("b.md", folder / "a.md")
    os.symlink("missing.md", folder / "gone.md")
    for args in (
        ["content"],
        ["content/a.md", "content/good.md"],
        ["--include", "*.md", "content"],
    ):
        code, out, err = run_check(capsys, *args)
        assert code == 2, (args, err)
        assert "Traceback" not in err
        assert "content/a.md: is a symbolic link loop" in err, (args, err)
        assert "good.md: score 50.0/100" in out, (args, out)
    code, out, err = run_check(capsys, "content")
    assert "content/gone.md: is a broken symbolic link" in err


def test_stdin_named_by_a_symlink_loop_is_checked(work):
    os.symlink("a.md", work / "b.md")
    os.symlink("b.md", work / "a.md")
    result = check(
        CheckOptions(
            paths=["-"],
            model="model.json",
            stdin_filename="a.md",
            stdin=io.BytesIO(CLEAN.encode()),
        )
    )
    assert [r.article.path for r in result.results] == ["a.md"]
    assert not result.errors


def test_stdin_given_twice_is_read_once(work):
    result = check(
        CheckOptions(paths=["-", "-"], model="model.json", stdin=io.BytesIO(PROMO.encode()))
    )
    assert len(result.results) == 1 and not result.errors


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_named_and_never_opened(work):
    """Issue 16 item 8: a FIFO in a checked folder (or named) blocked `check` forever."""
    folder = work / "content"
    folder.mkdir()
    (folder / "good.md").write_text(CLEAN)
    os.mkfifo(folder / "pipe.md")
    for args in (["content"], ["content/pipe.md", "content/good.md"]):
        result = subprocess.run(
            [*command(), "check", "--model", "model.json", *args],
            cwd=work,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert result.returncode == 2, result.stderr
        assert "content/pipe.md: is a FIFO (named pipe), not a regular file" in result.stderr
        assert "good.md: score 50.0/100" in result.stdout


def test_an_unlistable_folder_is_an_input_error(work, capsys, monkeypatch):
    """Issue 16 item 17: os.walk swallowed the PermissionError and the gate went green."""
    (work / "content" / "locked").mkdir(parents=True)
    (work / "content" / "good.md").write_text(CLEAN)
    real_scandir = os.scandir

    def scandir(path="."):
        if os.path.basename(os.fspath(path)) == "locked":
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    for target in ("content", "content/locked"):
        code, _out, err = run_check(capsys, target)
        assert code == 2, err
        assert "content/locked: cannot list this folder (permission denied)" in err
    assert "good.md: score 50.0/100" in run_check(capsys, "content")[1]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can list a folder of mode 000")
def test_a_mode_000_folder_is_an_input_error(work, capsys):
    locked = work / "content" / "locked"
    locked.mkdir(parents=True)
    (locked / "x.md").write_text(CLEAN)
    locked.chmod(0)
    try:
        code, _out, err = run_check(capsys, "content")
    finally:
        locked.chmod(0o755)
    assert code == 2 and "content/locked: cannot list this folder" in err


def test_collection_never_opens_a_file(work, monkeypatch):
    """Only ignore files are opened while collecting (so nothing can block there)."""
    _project(work)
    opened = []
    real_open = open

    def spy(path, *args, **kwargs):
        opened.append(os.fspath(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", spy)
    found = list(collect.walk(["."], root=work))
    assert any(f.action == "check" for f in found)
    assert all(os.path.basename(p) in (".gitignore", ".ignore", "exclude") for p in opened)


def test_the_projects_own_checkout_reads_articles_not_lexicons():
    """Issue 15: `credscore check` in this checkout read the lexicons (twice, with build/)."""
    from pathlib import Path

    from credscore.check.config import compile_globs, find_config, load_config
    from credscore.signals import rules

    root = Path(__file__).resolve().parents[1]
    config = load_config(find_config(root), rules())
    exclude = compile_globs(config.get("exclude", ()), "exclude")
    found = [
        collect.relative_to(f.path, root)
        for f in collect.walk([root], exclude=exclude, root=config.root)
        if f.action == "check"
    ]
    assert any(p.startswith("examples/") for p in found)
    assert not [p for p in found if "lexicons/" in p or "egg-info" in p or p.startswith("build/")]


def test_verbose_lines_escape_control_characters_in_names(work, capsys):
    (work / "content").mkdir()
    (work / "content" / "a\nfake: checking x.md").write_text(CLEAN)
    (work / "content" / "b\x1b[31m.md").write_text(CLEAN)
    _code, _out, err = run_check(capsys, "-v", "content")
    assert not any(line.startswith("fake") for line in err.splitlines())
    assert "content/a\\x0afake: checking x.md" in err
    assert "content/b\\x1b[31m.md" in err and "\x1b" not in err
