"""Hostile input: pathological texts finish in bounded time through the Python API and the
installed command line, with no traceback; input limits, decoding and wrong types give clear,
documented errors.

The bounds are generous (a 900-word article takes about 5 ms): they catch catastrophic
backtracking and quadratic loops, which on these inputs take minutes or hours, not the normal
linear cost of a few megabytes. They are in CPU seconds (of this process, or of the command
line's process), so that a busy machine does not make them flaky; a wall-clock timeout of
:data:`WALL_TIMEOUT` still stops a process that hangs.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

try:
    import resource
except ImportError:  # Windows
    resource = None

import pytest
from synthetic_model import save_synthetic_model
from timing import cpu_seconds

import credscore
from credscore.document import MAX_CHARS, Document
from credscore.errors import InputError, LanguageError
from credscore.formats.files import MAX_BYTES, decode_bytes, read_document
from credscore.formats.markdown import mask_markdown
from credscore.signals import SIGNALS

BOUND = 20.0
"""CPU seconds allowed per pathological case, through the API or one run of the command line."""
SIGNAL_BOUND = 5.0
"""CPU seconds allowed per signal family on the 300,000-character versions of the cases."""
WALL_TIMEOUT = 10 * BOUND
"""Wall-clock seconds after which a command-line run counts as hung."""

# Prose written for these tests, dense in the marks the signals look for.
PROSE = (
    "A new study suggests that the drug may cut migraine days by 20%, according to Dr. Jane "
    "Roe of Example University. This miracle cure is 100% guaranteed! Call now at "
    "(555) 123-4567 to claim your free consultation for only $49.99. Researchers said more "
    "research is needed, and the trial of 120 patients (2019) was funded by the maker. Side "
    "effects included nausea; the treatment costs $1,200 a month. Studies show it works, "
    'experts say. "It is a breakthrough," said John Doe, a neurologist. '
)


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


# name -> (suffix of the file, builder(size)). The sizes in BIG are those of issue 7.
CASES = {
    "word-without-spaces": (".txt", lambda n: "a" * n),
    "open-parentheses": (".txt", lambda n: "(" * n),
    "exclamation-marks": (".txt", lambda n: "!" * n),
    "mixed-punctuation": (".txt", lambda n: _repeat("?!.)\"',;:-", n)),
    "prose-on-one-line": (".txt", lambda n: _repeat(PROSE, n)),
    "nested-html-in-markdown": (
        ".md",
        lambda n: "<div>" * (n // 11) + "A study of 40 people." + "</div>" * (n // 11),
    ),
    "markdown-brackets-and-backticks": (".md", lambda n: _repeat("[a](`*_<!--&x\\", n)),
    "digits-and-separators": (".txt", lambda n: _repeat("1 (2) 3.4-5, ", n)),
    "nested-html-page": (
        ".html",
        lambda n: (
            "<html><body>"
            + "<div>" * (n // 11)
            + "<p>A study of 40 people.</p>"
            + "</div>" * (n // 11)
            + "</body></html>"
        ),
    ),
    "html-page-of-paragraphs": (
        ".html",
        lambda n: "<html><body>" + _repeat(f"<p>{PROSE}</p>\n", n) + "</body></html>",
    ),
}
BIG = {
    "word-without-spaces": 2_000_000,
    "open-parentheses": 200_000,
    "exclamation-marks": 1_000_000,
    "mixed-punctuation": 1_000_000,
    "prose-on-one-line": 2_000_000,
    "nested-html-in-markdown": 2_200_000,
    "markdown-brackets-and-backticks": 1_000_000,
    "digits-and-separators": 1_000_000,
    "nested-html-page": 1_100_000,
    "html-page-of-paragraphs": 2_000_000,
}
MEDIUM = 300_000
NOT_ENGLISH = {"digits-and-separators"}  # no words in any language: refused (LanguageError)


class _TooSlow(Exception):
    pass


@contextmanager
def deadline(seconds: float, what: str):
    """Fail when the block uses more than ``seconds`` of CPU time, interrupting it rather
    than waiting for it (the regular-expression engine checks for signals, so a runaway match
    is stopped too)."""
    use_timer = (
        hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    )
    if use_timer:

        def on_timer(signum, frame):
            raise _TooSlow

        previous = signal.signal(signal.SIGPROF, on_timer)
        signal.setitimer(signal.ITIMER_PROF, seconds)
    start = time.process_time()
    try:
        yield
    except _TooSlow:
        pytest.fail(f"{what} did not finish within {seconds} CPU seconds")
    finally:
        if use_timer:
            signal.setitimer(signal.ITIMER_PROF, 0)
            signal.signal(signal.SIGPROF, previous)
    elapsed = time.process_time() - start
    assert elapsed < seconds, f"{what} took {elapsed:.1f} CPU s (bound {seconds} s)"


@pytest.fixture(scope="module")
def model_path(tmp_path_factory) -> Path:
    """A valid model for the current features, independent of the shipped model file."""
    return save_synthetic_model(tmp_path_factory.mktemp("model") / "model.json")


@pytest.fixture(scope="module")
def scorer(model_path) -> credscore.Scorer:
    return credscore.Scorer(model_path)


def assert_findings_consistent(doc: Document, findings) -> None:
    """Every span lies inside the text, and line/column and text agree with the span."""
    n = len(doc.text)
    for f in findings:
        assert 0 <= f.start <= f.end <= n, f
        assert f.text == doc.text[f.start : f.end], f
        assert (f.line, f.column) == doc.line_col(f.start), f


def _document(suffix: str, text: str) -> Document | None:
    """The Document of a file's text; None when an HTML page gives a documented InputError
    (no main text, or the ``html`` extra missing)."""
    if suffix == ".html":
        from credscore.formats.htmlpage import read_html

        try:
            return read_html(text, "page.html").document()
        except InputError:
            return None
    return Document.from_markdown(text) if suffix == ".md" else Document.from_text(text)


def _cli() -> list[str]:
    """The installed ``credscore`` script (next to this interpreter, else on PATH)."""
    here = Path(sys.executable).with_name("credscore")
    if here.exists():
        return [str(here)]
    found = shutil.which("credscore")
    return [found] if found else [sys.executable, "-m", "credscore"]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_cli(*args) -> tuple[subprocess.CompletedProcess, float]:
    """Run the command line; return the result and the CPU seconds it used (wall-clock
    seconds where the platform cannot tell)."""
    cpu, wall = (_children_cpu() if resource else 0.0), time.perf_counter()
    result = subprocess.run(
        [*_cli(), *map(str, args)],
        check=False,
        capture_output=True,
        text=True,
        timeout=WALL_TIMEOUT,
    )
    used = _children_cpu() - cpu if resource else time.perf_counter() - wall
    return result, used


def _has_check() -> bool:
    result = subprocess.run(
        [*_cli(), "--help"], check=False, capture_output=True, text=True, timeout=60
    )
    return " check" in result.stdout or "{score,train,rules,check" in result.stdout


# --------------------------------------------------------------------------- pathological input


@pytest.mark.parametrize("case", [c for c in CASES if CASES[c][0] != ".html"])
def test_every_signal_is_fast_on_pathological_input(case):
    """Each registered family (new ones included) stays fast on every hostile input."""
    suffix, build = CASES[case]
    text = build(MEDIUM)
    with deadline(SIGNAL_BOUND, f"parsing {case}"):
        doc = _document(suffix, text)
    assert len(doc.text) == len(text)
    for sig in SIGNALS:
        with deadline(SIGNAL_BOUND, f"signal {sig.name!r} on {case}"):
            features, findings = sig.analyze(doc)
        assert set(features) == {f.name for f in sig.features}, sig.name
        assert all(math.isfinite(v) for v in features.values()), (sig.name, features)
        assert {f.rule for f in findings} <= {r.id for r in sig.rules}, sig.name
        assert_findings_consistent(doc, findings)


@pytest.mark.slow  # seconds per case
@pytest.mark.parametrize("case", CASES)
def test_api_scores_pathological_input_in_bounded_time(case, scorer):
    suffix, build = CASES[case]
    text = build(BIG[case])
    with deadline(BOUND, f"scoring {case} ({len(text):,} characters)"):
        doc = _document(suffix, text)
        try:
            report = scorer.score_document(doc) if doc is not None else None
        except LanguageError:
            assert case in NOT_ENGLISH
            return
    assert case not in NOT_ENGLISH
    if report is None:
        return  # an HTML page without main text (or without the html extra): InputError
    assert 0 <= report.score <= 100
    assert math.isfinite(report.logit)
    assert_findings_consistent(doc, report.findings)


@pytest.mark.slow  # a process per case
@pytest.mark.parametrize("case", CASES)
def test_cli_scores_pathological_file_in_bounded_time(case, tmp_path, model_path):
    suffix, build = CASES[case]
    path = tmp_path / f"{case}{suffix}"
    path.write_text(build(BIG[case]), encoding="utf-8")
    result, elapsed = run_cli("score", "--format", "json", "--model", model_path, path)
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    assert elapsed < BOUND, f"credscore score {case}: {elapsed:.1f} CPU s"
    if (suffix == ".html" or case in NOT_ENGLISH) and result.returncode == 2:
        # no main text, no html extra, or not English
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert result.stderr.startswith(f"credscore: error: {path}: "), result.stderr
        return
    assert result.returncode == 0, result.stderr[-2000:]
    assert json.loads(result.stdout)[0]["path"] == str(path)


@pytest.mark.slow  # a process per case
@pytest.mark.parametrize("case", CASES)
def test_cli_check_pathological_file_in_bounded_time(case, tmp_path, model_path):
    if not _has_check():
        pytest.skip("`credscore check` is not available in this build")
    suffix, build = CASES[case]
    path = tmp_path / f"{case}{suffix}"
    path.write_text(build(BIG[case]), encoding="utf-8")
    result, elapsed = run_cli(
        "check", "--isolated", "--format", "json", "--model", model_path, path
    )
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    assert elapsed < BOUND, f"credscore check {case}: {elapsed:.1f} CPU s"
    # 2: an HTML page without text, a text that is not English
    allowed = (0, 1, 2) if suffix == ".html" or case in NOT_ENGLISH else (0, 1)
    assert result.returncode in allowed, result.stderr[-2000:]
    json.loads(result.stdout)


@pytest.mark.slow  # large inputs, timed twice
@pytest.mark.parametrize("layout", ["one line", "paragraphs"])
def test_every_signal_scales_linearly_on_dense_prose(layout):
    """Four times the text may cost about four times the time, not sixteen: catches loops
    that rescan earlier findings (quadratic in the number of findings)."""
    unit = PROSE if layout == "one line" else PROSE + "\n\n"
    small = Document.from_text(_repeat(unit, 400_000))
    large = Document.from_text(_repeat(unit, 1_600_000))
    warm = Document.from_text(PROSE)
    for sig in SIGNALS:
        sig.analyze(warm)  # lazy resources (dictionaries, hyphenation) load outside timing
        t_small = cpu_seconds(sig.analyze, small, runs=2)
        with deadline(BOUND, f"signal {sig.name!r} on 1.6 MB of dense prose"):
            t_large = cpu_seconds(sig.analyze, large)
        assert t_large < 8 * t_small + 0.5, (
            f"signal {sig.name!r} grows faster than linearly: {t_small:.2f} CPU s on 400,000 "
            f"characters, {t_large:.2f} s on 1,600,000"
        )


@pytest.mark.slow  # large inputs, timed twice
def test_markdown_masker_is_linear_on_unclosed_constructs():
    """Openers that are never closed (links, code, comments, raw blocks, fences)."""
    for unit in ("[", "![", "`", "``", "<!--", "<script ", "<", "&#", "](", "\\", "~~~\n", "*_"):
        text = _repeat(unit, 500_000)
        with deadline(BOUND, f"masking {unit!r} x 500,000"):
            masked, _ = mask_markdown(text)
        assert len(masked) == len(text)


@pytest.mark.slow  # large inputs
def test_suppression_parser_is_linear_on_unclosed_and_many_comments():
    suppress = pytest.importorskip(
        "credscore.check.suppress", reason="the suppression-comment parser is not present"
    )
    from credscore.formats.article import LineIndex

    for text in (
        _repeat("<!-- credscore-disable ", 1_000_000),
        _repeat("<!--credscore-disable" + " " * 480 + "\n", 1_000_000),
        _repeat("<!-- credscore-disable-line commercial -->\n", 1_000_000),
    ):
        index = LineIndex(text)
        with deadline(BOUND, f"parsing directives in {text[:30]!r}..."):
            directives = suppress.parse_directives(text, index.line_col, markdown=True)
        for d in directives[:1000]:
            start = index._starts[d.line - 1] + d.column - 1
            assert text.startswith("<!--", start)


@pytest.mark.slow  # large inputs
def test_many_suppression_comments_and_findings_stay_fast(tmp_path, model_path):
    """One directive and one finding per line, 10,000 lines: checking a finding against
    the directives must not cost a pass over all of them."""
    if not _has_check():
        pytest.skip("`credscore check` is not available in this build")
    line = "Order now and call today! <!-- credscore-disable-line commercial -->\n"
    path = tmp_path / "many.md"
    path.write_text(line * 10_000, encoding="utf-8")
    result, elapsed = run_cli(
        "check", "--isolated", "--format", "json", "--model", model_path, path
    )
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    assert result.returncode in (0, 1), result.stderr[-2000:]
    assert elapsed < BOUND, f"credscore check with 10,000 suppressions: {elapsed:.1f} CPU s"


# ------------------------------------------------------------------------------- input limits


def test_oversized_text_is_refused_before_any_work():
    text = "a " * (MAX_CHARS // 2) + "!"
    start = time.perf_counter()
    with pytest.raises(ValueError, match="limit is 5,000,000"):
        Document.from_text(text)
    with pytest.raises(ValueError, match="limit is 5,000,000"):
        Document.from_markdown(text)
    with pytest.raises(ValueError, match="limit"):
        credscore.score(text)
    assert time.perf_counter() - start < 1.0  # refused without parsing


def test_limit_counts_the_title_and_is_configurable():
    with pytest.raises(ValueError, match="text and title are 13 characters; the limit is 12"):
        Document.from_text("x" * 10, title="abc", max_chars=12)
    assert Document.from_text("x" * 10, title="ab", max_chars=12).title == "ab"
    big = "x" * (MAX_CHARS + 1)
    with pytest.raises(ValueError, match="limit"):
        Document.from_text(big)
    assert Document.from_text(big, max_chars=MAX_CHARS + 1).n_words == 1
    with pytest.raises(TypeError, match="max_chars"):
        Document.from_text("x", max_chars="10")


def test_oversized_file_is_refused_before_reading(tmp_path, model_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: no 20 MB actually written
        handle.truncate(MAX_BYTES + 1)
    with pytest.raises(InputError, match=f"the limit is {MAX_BYTES:,}"):
        read_document(path)
    result, _ = run_cli("score", "--model", model_path, path)
    assert result.returncode == 2
    assert "limit" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_read_document_limit_is_configurable(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("word " * 100, encoding="utf-8")
    with pytest.raises(InputError, match="file is 500 bytes; the limit is 400"):
        read_document(path, max_chars=100)
    with pytest.raises(InputError, match="the limit is 300"):
        read_document(path, max_chars=300)
    assert read_document(path, max_chars=500).n_words == 100


# ----------------------------------------------------------------------------------- decoding

QUOTED = "The \u201cmiracle\u201d caf\u00e9 diet \u2014 it costs \u20ac5."


@pytest.mark.parametrize(
    "raw, encoding, text",
    [
        (QUOTED.encode("utf-8"), "utf-8", QUOTED),
        (b"\xef\xbb\xbf" + QUOTED.encode("utf-8"), "utf-8-sig", QUOTED),
        (QUOTED.encode("utf-16"), "utf-16", QUOTED),
        (b"\xfe\xff" + QUOTED.encode("utf-16-be"), "utf-16", QUOTED),
        (QUOTED.encode("utf-32"), "utf-32", QUOTED),
        (QUOTED.encode("cp1252"), "cp1252", QUOTED),
        (
            b"caf\xe9 and \x81 odd byte in Latin-1",
            "latin-1",
            "caf\u00e9 and \x81 odd byte in Latin-1",
        ),
        (
            "\u201cMostly\u201d UTF-8 \u2014 with one ".encode() + b"\x93stray\x94 quote",
            "utf-8-replace",
            "\u201cMostly\u201d UTF-8 \u2014 with one \ufffdstray\ufffd quote",
        ),
    ],
)
def test_decoding_order_is_recorded(raw, encoding, text):
    assert decode_bytes(raw, "f.txt") == (text, encoding)


@pytest.mark.parametrize(
    "raw, problem",
    [
        (b"", "is empty (0 bytes)"),
        (b" \n\t\r\n  ", "is empty (whitespace only)"),
        (b"\xef\xbb\xbf", "is empty (nothing after the byte-order mark)"),
        (b"GIF89a\x01\x00\x01\x00\x80\x00\x00", "is a GIF image, not text"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(1, 256)) * 4, "is a PNG image, not text"),
        (b"\x01\x02\x00binary", "binary file (a NUL byte at byte 2)"),
        (b"text \x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f", "control characters"),
        (
            "\u75c5\u6bd2\u548c\u75ab\u82d7\u7814\u7a76".encode("gbk"),
            "does not read as Windows-1252",
        ),
        (b"\xff\xfeA", "byte-order mark but is not valid UTF-16"),
    ],
)
def test_undecodable_binary_and_empty_input_is_refused(raw, problem):
    with pytest.raises(InputError, match="^f.txt: ") as info:
        decode_bytes(raw, "f.txt")
    assert problem in str(info.value)


def test_a_few_stray_control_characters_are_not_binary():
    text, encoding = decode_bytes(b"An old DOS file with an end-of-file mark.\r\n\x1a", "f.txt")
    assert encoding == "utf-8" and text.endswith("\x1a")


def test_encoding_is_recorded_in_document_report_and_json(tmp_path, scorer, model_path):
    path = tmp_path / "windows.txt"
    path.write_bytes("Doctors say the \u201cnew\u201d pill may help.".encode("cp1252"))
    doc = read_document(path)
    assert doc.encoding == "cp1252"
    assert doc.text == 'Doctors say the "new" pill may help.'
    report = scorer.score_document(doc)
    assert report.encoding == "cp1252" and report.to_dict()["encoding"] == "cp1252"
    assert scorer.score("plain str").encoding is None
    result, _ = run_cli("score", "--format", "json", "--model", model_path, path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["encoding"] == "cp1252"


@pytest.mark.parametrize(
    "content, problem",
    [
        (b"\x00\x01binary\x00", "binary"),
        (b"", "empty"),
        (b"  \n \n", "empty"),
        ("\u75c5\u6bd2\u548c\u75ab\u82d7".encode("gbk") * 20, "save it as UTF-8"),
    ],
)
def test_cli_reports_bad_files_on_one_line_with_exit_2(tmp_path, model_path, content, problem):
    bad = tmp_path / "bad.md"
    bad.write_bytes(content)
    good = tmp_path / "good.md"
    good.write_text(PROSE, encoding="utf-8")
    result, _ = run_cli("score", "--model", model_path, bad, good)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 1 and str(bad) in errors[0] and problem in errors[0], errors
    assert f"{good}: score" in result.stdout  # the other file is still scored


def test_cli_reports_a_missing_file(tmp_path, model_path):
    result, _ = run_cli("score", "--model", model_path, tmp_path / "nope.txt")
    assert result.returncode == 2 and "no such file" in result.stderr
    assert "Traceback" not in result.stderr


# -------------------------------------------------------------------------------------- types


@pytest.mark.parametrize(
    "call, argument",
    [
        (lambda s: s.score(b"bytes"), "text"),
        (lambda s: s.score(None), "text"),
        (lambda s: s.score(["a list"]), "text"),
        (lambda s: s.score("text", title=3), "title"),
        (lambda s: s.score_document("not a document"), "doc"),
        (lambda s: credscore.score(42), "text"),
        (lambda s: credscore.score_many("one str"), "texts"),
        (lambda s: credscore.score_many(42), "texts"),
        (lambda s: credscore.score_many(["a"], titles=3), "titles"),
        (lambda s: credscore.score_many(["a"], n_jobs="2"), "n_jobs"),
        (lambda s: credscore.score_frame(["not", "a", "frame"]), "df"),
        (lambda s: credscore.score_frame({"text": ["a"]}), "df"),
        (lambda s: credscore.Scorer(model=3.5), "model"),
    ],
)
def test_wrong_types_raise_type_error_naming_the_argument(call, argument, scorer):
    if argument == "df":
        pytest.importorskip("pandas")
    with pytest.raises(TypeError, match=rf"\b{argument}\b"):
        call(scorer)


def test_bad_rows_become_error_records_and_the_rest_is_scored_in_order(scorer, model_path):
    rows = [PROSE, None, 42, "", "   \n", b"bytes", "Call now!", "x" * (MAX_CHARS + 1), PROSE[:80]]
    results = list(credscore.score_many(rows, model=str(model_path), chunksize=3))
    assert len(results) == len(rows)
    errors = {r.index: r.error for r in results if isinstance(r, credscore.BatchError)}
    assert sorted(errors) == [1, 2, 3, 4, 5, 7]
    assert errors[2].startswith("TypeError") and errors[7].startswith("ValueError")
    for i in (0, 6, 8):
        assert results[i].to_dict() == scorer.score(rows[i]).to_dict()


def test_score_frame_records_bad_rows(model_path):
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"text": [PROSE, None, 3.5, "", "Order now!"]}, index=[10, 20, 30, 40, 50])
    out = credscore.score_frame(df, model=str(model_path))
    assert list(out.index) == [10, 20, 30, 40, 50]
    assert out["error"].isna().tolist() == [True, False, False, False, True]
    assert out["score"].notna().tolist() == [True, False, False, False, True]


@pytest.mark.skipif(os.name != "posix", reason="sparse files and alarms are POSIX features")
def test_deadline_helper_interrupts_a_runaway_regular_expression():
    """The bound really bounds: a catastrophic pattern is stopped, not waited for."""
    import re

    evil = re.compile(r"(a+)+$")
    start = time.perf_counter()
    with (
        pytest.raises(pytest.fail.Exception, match="did not finish within"),
        deadline(0.5, "the evil pattern"),
    ):
        evil.match("a" * 40 + "!")
    assert time.perf_counter() - start < 30
