"""Issue 16, hostile input round two: linear time on repeated matches, bounded reports,
special files, line numbering, invisible-only text and JSON records that break the parser.

Timings are CPU seconds with generous bounds, plus linear scaling: twice the input may cost
at most about 2.5 times the time (a quadratic loop costs four times)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from synthetic_model import save_synthetic_model
from timing import cpu_seconds

import credscore
from credscore.batch import BatchError, score_many
from credscore.document import Document, is_blank
from credscore.errors import InputError
from credscore.extract import MAX_FINDINGS_PER_RULE, extract
from credscore.formats.article import LineIndex, articles_from_text
from credscore.formats.files import decode_bytes, read_document
from credscore.formats.records import read_records
from credscore.signals import SIGNALS


@pytest.fixture(scope="module")
def model_path(tmp_path_factory) -> Path:
    return save_synthetic_model(tmp_path_factory.mktemp("model") / "model.json")


def _build(unit: str, size: int) -> str:
    """``unit`` repeated to ``size`` characters, all in one sentence; a unit that starts
    with a quote puts every repetition inside one quotation."""
    if unit.startswith('"'):
        body = unit[1:]
        return '"' + (body * (size // len(body) + 1))[: size - 2] + '"'
    return (unit * (size // len(unit) + 1))[:size]


# One sentence holding thousands of matches: each signal must not scan the sentence per match
# (costs searched it for ';' per money amount: 310 s at the 5,000,000-character limit).
HOSTILE_UNITS = ["€2 ", "$1,000 ", "hidden cures ", '"breakthrough ', "no side effects "]


@pytest.mark.parametrize("unit", HOSTILE_UNITS)
def test_every_signal_is_linear_in_matches_within_one_sentence(unit):
    small = Document.from_text(_build(unit, 150_000))
    large = Document.from_text(_build(unit, 300_000))
    for sig in SIGNALS:
        t_small = cpu_seconds(sig.analyze, small, runs=2)
        t_large = cpu_seconds(sig.analyze, large, runs=2)
        assert t_large < 5.0, f"{sig.name} on {unit!r}: {t_large:.2f} CPU s for 300,000 chars"
        assert t_large < 2.5 * t_small + 0.25, (
            f"signal {sig.name!r} grows faster than linearly on {unit!r}: {t_small:.2f} s at "
            f"150,000 characters, {t_large:.2f} s at 300,000"
        )


def _page(paragraphs: int) -> str:
    body = "".join(
        f"<p>Hello&shy;world, para\u200bgraph {i} says the drug may help.</p>\n"
        for i in range(paragraphs)
    )
    return f"<html><body>\n{body}</body></html>"


def test_html_with_characters_the_extractor_drops_maps_in_linear_time():
    pytest.importorskip("trafilatura")
    from credscore.formats.htmlpage import read_html

    def mapped(n):
        page = read_html(_page(n), "page.html")
        return page.offsets

    t_small, t_large = cpu_seconds(mapped, 2_000, runs=2), cpu_seconds(mapped, 4_000, runs=2)
    assert t_large < 2.5 * t_small + 0.2, (t_small, t_large)
    # Mapped exactly, not to the last place found: each paragraph's line is its own.
    page = read_html(_page(50), "page.html")
    article = page.article("page.html")
    for i in (0, 7, 49):
        at = page.text.index(f"graph {i} says")
        assert article.locate(at)[0] == i + 2


def test_html_main_text_over_the_limit_is_refused_before_mapping(monkeypatch):
    pytest.importorskip("trafilatura")
    from credscore.formats import htmlpage

    monkeypatch.setattr(htmlpage, "MAX_CHARS", 1_000)
    monkeypatch.setattr(htmlpage, "_map_offsets", lambda *a: pytest.fail("mapped"))
    with pytest.raises(InputError, match="main text is .* characters; the limit is 1,000"):
        htmlpage.read_html(_page(40), "page.html")


# ------------------------------------------------------------------ bounded findings


def test_reports_keep_a_bounded_number_of_findings_and_count_them_all(model_path):
    n = 3 * MAX_FINDINGS_PER_RULE
    text = "The drug may help. " * n
    scorer = credscore.Scorer(model_path)
    report = scorer.score(text)
    hedges = [f for f in report.findings if f.rule == "hedging.hedge"]
    assert len(hedges) == MAX_FINDINGS_PER_RULE
    assert hedges == sorted(hedges, key=lambda f: f.start)  # the first in the text
    assert hedges[0].start == text.index("may")
    assert report.findings_truncated
    assert report.finding_counts["hedging.hedge"] == n
    assert report.n_findings == sum(report.finding_counts.values()) > len(report.findings)
    assert report.findings_by_family()["hedging"] >= n
    assert isinstance(report.findings, tuple)
    # The features (and so the score) count every match, not the kept ones.
    x, all_findings = extract(Document.from_text(text))
    assert list(report.features.values()) == x.tolist()
    assert len(all_findings) == report.n_findings
    as_json = report.to_dict()
    assert as_json["findings_truncated"] is True
    assert as_json["finding_counts"]["hedging.hedge"] == n
    short = scorer.score("The drug may help.")
    assert not short.findings_truncated and short.n_findings == len(short.findings)


def _peak_rss_mb(args: list[str]) -> float:
    code = (
        "import resource, subprocess, sys; "
        "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
        "print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=900, check=True
    )
    rc, kb = done.stdout.split()
    assert rc in ("0", "1"), done
    return int(kb) / 1024


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss in kilobytes on Linux")
@pytest.mark.parametrize("fmt", ["json", "html"])
def test_check_memory_is_bounded_when_one_phrase_repeats(tmp_path, model_path, fmt):
    """'may ' x 125,000: a finding per word. The report keeps 200 of them, so the output and
    the memory for it stay small (7.97 GB at 5,000,000 characters before the bound)."""
    path = tmp_path / "may.txt"
    path.write_text("may " * 125_000, encoding="utf-8")
    out = tmp_path / f"report.{fmt}"
    exe = [sys.executable, "-m", "credscore"]
    args = ["check", "--isolated", "--format", fmt, "-o", str(out), "--model", str(model_path)]
    peak = _peak_rss_mb([*exe, *args, str(path)])
    assert peak < 500, f"check --format {fmt}: peak {peak:.0f} MB on 500,000 characters"
    # Findings that span a sentence or the whole text (readability) quote it once each.
    assert out.stat().st_size < 2 * path.stat().st_size + 1_000_000


# ------------------------------------------------------------------ special files


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize("command", ["score", "check"])
def test_a_fifo_or_device_named_as_input_is_refused_and_the_rest_is_read(
    tmp_path, model_path, command
):
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)  # opening it for reading would wait for a writer forever
    ok = tmp_path / "ok.md"
    ok.write_text("A small study suggests the drug may help.\n", encoding="utf-8")
    extra = ["--isolated"] if command == "check" else []
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "credscore",
            command,
            *extra,
            "--model",
            str(model_path),
            str(fifo),
            str(ok),
            "/dev/zero",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2, done
    assert f"{fifo}: is a FIFO (named pipe), not a regular file" in done.stderr
    assert "/dev/zero: is a character device, not a regular file" in done.stderr
    assert "Traceback" not in done.stderr
    assert "ok.md" in done.stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_read_document_refuses_a_fifo_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="is a FIFO"):
        read_document(fifo)
    with pytest.raises(InputError, match="is a directory"):
        read_document(tmp_path)


# ------------------------------------------------------------------ lines and blank text


@pytest.mark.parametrize("sep", ["\u2028", "\u2029", "\x85"])
def test_only_cr_and_lf_end_lines_in_every_source(sep):
    text = f"First line{sep}same line.\r\nSecond line.\rThird{sep}line.\nFourth."
    doc = Document.from_text(text)
    index = LineIndex(text)  # the HTML and JSON sources' convention
    for offset in range(len(text)):
        assert doc.line_col(offset) == index.line_col(offset)
    assert doc.line_col(text.index("same")) == (1, 12)
    assert doc.line_col(text.index("Fourth")) == (4, 1)
    md = Document.from_markdown(f"# Title{sep}still one\n\nNext.\n")
    assert md.line_col(md.text.index("Next")) == (3, 1)


@pytest.mark.parametrize(
    "text", ["\u200b" * 50, "\u0301\u0302 \u20dd" * 20, "\ufeff\u00ad\u200e\u202e\n", " \t\n"]
)
def test_text_with_nothing_visible_is_empty(text):
    assert is_blank(text)
    with pytest.raises(InputError, match="is empty"):
        decode_bytes(text.encode("utf-8"), "blank.txt")
    [result] = score_many([text])
    assert isinstance(result, BatchError) and result.error == "ValueError: text is empty"
    [record] = read_records(json.dumps({"text": text}), "r.jsonl", lines=True)
    assert isinstance(record, InputError) and "empty" in str(record)


@pytest.mark.parametrize("text", ["a", "é", "!", "€", "\u0301a", "\u200b5"])
def test_text_with_a_visible_character_is_not_blank(text):
    assert not is_blank(text)


# ------------------------------------------------------------------ JSON records


def test_a_jsonl_record_that_breaks_the_parser_is_one_error_the_others_are_checked():
    lines = [
        json.dumps({"text": "A small study suggests the drug may help."}),
        '{"n": ' + "7" * 5000 + ', "text": "x"}',
        "[" * 3000,
        json.dumps({"text": "Researchers said the trial was small."}),
    ]
    out = articles_from_text("\n".join(lines) + "\n", "r.jsonl", ".jsonl")
    assert len(out) == 4
    assert not isinstance(out[0], InputError) and not isinstance(out[3], InputError)
    assert "line 2 is not valid JSON (a number has more than 4,300 digits)" in str(out[1])
    assert "line 3 is not valid JSON (nested too deeply)" in str(out[2])
    with pytest.raises(InputError, match="more than 4,300 digits"):
        articles_from_text('{"n": ' + "7" * 5000 + "}", "r.json", ".json")


def test_the_wording_reads_no_word_of_a_finding_over_the_kept_limit():
    """Past MAX_FINDINGS_PER_RULE a rule's findings are only counted, yet their words stay
    out of the wording as in training, where every finding is kept: a call to action in the
    201st sentence can no more raise a score than one in the first."""
    from credscore.wording import unmasked_counts

    n = 3 * MAX_FINDINGS_PER_RULE
    text = "The trial was small. " + "Order the herbal blend today and call now. " * n
    scorer = credscore.Scorer()  # the shipped model, which has a wording component
    report = scorer.score(text)
    assert report.findings_truncated
    doc = Document.from_text(text)
    _, every_finding = extract(doc)
    expected = scorer.model.wording.contributions(unmasked_counts(doc, every_finding))
    assert report.word_contributions == expected
    assert not {"herbal", "blend", "order"} & set(report.word_contributions)
