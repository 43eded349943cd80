"""Input that is not an English article, and finding the articles a user meant (issue 15):
empty text, other languages, PDF/Office/image files, texts too short to judge, standard
input, JSON field names and folders without articles."""

from __future__ import annotations

import io
import json
import random
import re
import string
import sys
import zipfile
from pathlib import Path

import pytest
from check_util import run, write_model

import credscore
from credscore.document import Document
from credscore.errors import InputError, LanguageError
from credscore.formats.files import decode_bytes
from credscore.formats.magic import file_kind
from credscore.language import detect_language
from credscore.report import MIN_WORDS

LANGUAGES = Path(__file__).parent / "data" / "languages"
NAMES = {
    "da": "Danish or Norwegian",
    "de": "German",
    "el": "Greek script",
    "es": "Spanish",
    "fr": "French",
    "id": "Indonesian or Malay",
    "it": "Italian",
    "nl": "Dutch",
    "pl": "Polish",
    "pt": "Portuguese",
    "ro": "Romanian",
    "ru": "Cyrillic script",
    "sv": "Swedish",
    "tr": "Turkish",
    "zh": "Chinese or Japanese (CJK) script",
}
# Sixty words of English health news (written for this test).
ENGLISH = (
    "A small trial of 120 adults suggests that the drug may lower blood pressure, but the "
    "researchers said the results need to be confirmed in a larger study. Dr. Ann Lee, a "
    "cardiologist at Leeds who was not involved, said the findings were interesting. The "
    "drug costs about $40 a month and can cause dizziness in some patients, the authors wrote."
)
# English sales copy: few function words, but English words.
SALES = (
    "Miracle cure! Order now. Free consultation. Call today, limited offer, best price "
    "guaranteed. Results in days. Natural formula, doctor approved, zero side effects. "
) * 5


def _language(text: str) -> str:
    with pytest.raises(LanguageError) as info:
        credscore.score(text)
    return info.value.language


# ------------------------------------------------------------------------------ empty text


@pytest.mark.parametrize("text", ["", "   ", "\n\t \n"])
def test_empty_text_is_an_error_as_in_the_batch_and_the_command_line(text):
    with pytest.raises(ValueError, match="^text is empty$"):
        credscore.score(text)
    with pytest.raises(ValueError, match="^text is empty$"):
        credscore.Scorer().score(text)
    (result,) = credscore.score_many([text])
    assert result.error == "ValueError: text is empty"


# ------------------------------------------------------------------------------- language


@pytest.mark.parametrize("code", sorted(NAMES))
def test_text_in_another_language_is_refused_naming_it(code):
    text = (LANGUAGES / f"{code}.txt").read_text(encoding="utf-8")
    assert _language(text) == NAMES[code]
    with pytest.raises(LanguageError, match=re.escape(f"{NAMES[code]}, not English; credscore")):
        credscore.score(text)
    if Document.from_text(text).n_words >= 2 * MIN_WORDS:  # its first 60 words too
        assert _language(" ".join(text.split()[:60])) == NAMES[code]


def test_short_text_in_another_latin_language_is_too_short_not_refused():
    text = " ".join((LANGUAGES / "fr.txt").read_text(encoding="utf-8").split()[:20])
    report = credscore.score(text)
    assert report.status == "too-short" and report.band is None


@pytest.mark.parametrize("n", [60, 400])
def test_random_letters_are_not_english(n):
    rng = random.Random(n)
    words = ("".join(rng.choices(string.ascii_lowercase, k=rng.randint(1, 9))) for _ in range(n))
    assert _language(" ".join(words)) == "no known language"


@pytest.mark.parametrize("text", [ENGLISH, SALES, ENGLISH + "\n\nCafé, crème brûlée, naïve."])
def test_english_prose_and_terse_english_sales_copy_are_scored(text):
    assert detect_language(Document.from_text(text)).is_english
    assert credscore.score(text).status == "scored"


def test_an_english_article_quoting_a_french_sentence_is_english():
    french = " ".join((LANGUAGES / "fr.txt").read_text(encoding="utf-8").split()[:25])
    assert credscore.score(ENGLISH * 3 + f' "{french}"').status == "scored"


def test_a_batch_row_in_another_language_is_an_error_row():
    results = list(credscore.score_many([ENGLISH, (LANGUAGES / "es.txt").read_text()]))
    assert isinstance(results[0], credscore.Report)
    assert results[1].error.startswith("LanguageError: the text reads as Spanish, not English")


def test_language_error_is_a_value_error_and_exported():
    assert issubclass(credscore.LanguageError, ValueError)
    assert "LanguageError" in credscore.__all__


# ----------------------------------------------------------------------------- too short


def test_a_text_under_min_words_is_too_short_with_no_band():
    report = credscore.score("Book your free consultation today! Call now.")
    assert report.status == "too-short" and report.band is None and report.n_words == 7
    assert 0 <= report.score <= 100  # still computed, for whoever wants it
    assert report.band_label == "too short to judge: 7 words"
    data = report.to_dict()
    assert data["status"] == "too-short" and data["band"] is None and data["n_words"] == 7
    assert data["score"] == report.score  # the keys that were there keep their meaning


def test_the_threshold_is_min_words():
    words = ENGLISH.split()
    assert credscore.score(" ".join(words[: MIN_WORDS - 1])).status == "too-short"
    long_enough = credscore.score(" ".join(words[:MIN_WORDS]))
    assert long_enough.status == "scored" and long_enough.band in {"high", "mixed", "low"}


def test_too_short_in_score_frame_has_a_status_and_no_band(pd):
    out = credscore.score_frame(pd.DataFrame({"text": [ENGLISH, "Call now!", ""]}))
    assert list(out["status"].astype(object).where(out["status"].notna(), None)) == [
        "scored",
        "too-short",
        None,
    ]
    assert out.loc[0, "band"] in {"high", "mixed", "low"} and pd.isna(out.loc[1, "band"])
    assert not pd.isna(out.loc[1, "score"])


@pytest.fixture
def pd():
    return pytest.importorskip("pandas")


# ------------------------------------------------------------------------- file formats


def _zip(entries: dict[str, str], first: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


FILES = {
    "a PDF document": b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\nBT (Miracle cure) Tj ET\n",
    "a Word document (.docx)": _zip({"[Content_Types].xml": "<x/>", "word/document.xml": "<w/>"}),
    "an Excel workbook (.xlsx)": _zip({"[Content_Types].xml": "<x/>", "xl/workbook.xml": "<w/>"}),
    "a PowerPoint presentation (.pptx)": _zip(
        {"[Content_Types].xml": "<x/>", "ppt/presentation.xml": "<p/>"}
    ),
    "an OpenDocument text (.odt)": _zip(
        {"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"}
    ),
    "a zip archive": _zip({"notes.txt": "A small study."}),
    "a Microsoft Office 97-2003 document (.doc, .xls or .ppt)": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    + b"\0" * 32,
    "a gzip archive": b"\x1f\x8b\x08\x00" + b"\0" * 16,
    "a PNG image": b"\x89PNG\r\n\x1a\n" + b"\0" * 16,
    "a JPEG image": b"\xff\xd8\xff\xe0" + b"\0" * 16,
    "a GIF image": b"GIF89a" + b"\1" * 16,
    "a WebP image": b"RIFF\x10\x00\x00\x00WEBPVP8 " + b"\0" * 8,
}


@pytest.mark.parametrize("kind", sorted(FILES))
def test_pdf_office_archives_and_images_are_named(kind):
    assert file_kind(FILES[kind]) == kind
    with pytest.raises(InputError, match="^f.txt: ") as info:
        decode_bytes(FILES[kind], "f.txt")
    assert info.value.problem == f"is {kind}, not text; credscore reads text, Markdown and HTML"


@pytest.mark.parametrize(
    "text",
    ["BMI and health", "MZ Health says", "ID3 is a gene", "PK levels rose", "RIFF raff", "GIF87"],
)
def test_text_that_starts_like_a_signature_is_text(text):
    assert file_kind(text.encode()) is None


def test_score_and_check_name_a_pdf(tmp_path):
    (tmp_path / "report.pdf").write_bytes(FILES["a PDF document"])
    for command in ("score", "check"):
        result = run(command, "report.pdf", cwd=tmp_path)
        assert result.returncode == 2
        assert "credscore: error: report.pdf: is a PDF document, not text" in result.stderr


# --------------------------------------------------------------------- the command line


@pytest.fixture
def work(tmp_path: Path) -> Path:
    write_model(tmp_path / "model.json", score=50.0)
    return tmp_path


def test_score_reads_standard_input(work):
    result = run("score", "--model", "model.json", "-", cwd=work, stdin=ENGLISH)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("-: score 50.0/100 (mixed)")
    result = run("explain", "--model", "model.json", "-", cwd=work, stdin=ENGLISH)
    assert result.returncode == 0 and result.stdout.startswith("-: score 50.0/100 (mixed)")


def test_score_text_and_json_show_too_short(work):
    (work / "short.txt").write_text("Call now to book.")
    result = run("score", "--model", "model.json", "short.txt", cwd=work)
    assert "short.txt: score 50.0/100 (too short to judge: 4 words)" in result.stdout
    result = run("score", "--format", "json", "--model", "model.json", "short.txt", cwd=work)
    (entry,) = json.loads(result.stdout)
    assert entry["status"] == "too-short" and entry["band"] is None and entry["n_words"] == 4


def test_score_refuses_another_language_naming_the_file(work):
    (work / "fr.txt").write_text((LANGUAGES / "fr.txt").read_text(encoding="utf-8"))
    (work / "en.txt").write_text(ENGLISH)
    result = run("score", "--model", "model.json", "fr.txt", "en.txt", cwd=work)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "credscore: error: fr.txt: the text reads as French, not English; "
        "credscore scores English text only"
    )
    assert "en.txt: score 50.0/100 (mixed)" in result.stdout  # the other file is still scored


@pytest.mark.slow  # several processes
def test_check_reports_too_short_and_fails_it_under_a_score_threshold(work):
    (work / "short.md").write_text("It may help, a small study suggests.\n")
    result = run("check", "--isolated", "--model", "model.json", "short.md", cwd=work)
    assert result.returncode == 0
    assert "short.md: score 50.0/100 (too short to judge: 7 words) pass" in result.stdout
    result = run(
        "check", "--isolated", "--model", "model.json", "--fail-under", "10", "short.md", cwd=work
    )
    assert result.returncode == 1  # a score of 50 does not pass a text too short to judge
    assert "FAIL: too short to judge: 7 words; fail-under 10 needs at least 50 words" in (
        result.stdout
    )
    result = run(
        "check", "--isolated", "--format", "json", "--model", "model.json", "short.md", cwd=work
    )
    (article,) = json.loads(result.stdout)["articles"]
    assert article["status"] == "too-short" and article["band"] is None
    result = run(
        "check", "--isolated", "--format", "html", "--model", "model.json", "short.md", cwd=work
    )
    assert "too short to judge: 7 words" in result.stdout and "band-none" in result.stdout


def test_check_refuses_another_language_as_an_input_error(work):
    (work / "es.md").write_text((LANGUAGES / "es.txt").read_text(encoding="utf-8"))
    result = run("check", "--isolated", "--model", "model.json", "es.md", cwd=work)
    assert result.returncode == 2
    assert "credscore: error: es.md: the text reads as Spanish, not English" in result.stderr


RECORDS = (
    '{"id": 1, "body": "' + ENGLISH + '", "headline": "Drug may lower blood pressure"}\n'
    '{"id": 2, "body": "Call now for your free consultation today."}\n'
)


def test_score_honours_text_and_title_field_for_record_files(work):
    (work / "x.jsonl").write_text(RECORDS)
    result = run(
        "score", "--format", "json", "--model", "model.json", "x.jsonl",
        "--text-field", "body", "--title-field", "headline", cwd=work,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    first, second = json.loads(result.stdout)
    assert first["path"] == "x.jsonl#1" and first["n_words"] == len(ENGLISH.split())
    assert second["path"] == "x.jsonl#2" and second["status"] == "too-short"


def test_explain_honours_text_field_too(work):
    (work / "x.jsonl").write_text(RECORDS)
    result = run("explain", "--model", "model.json", "x.jsonl", "--text-field", "body", cwd=work)
    assert result.returncode == 0, result.stderr
    assert "x.jsonl#1: score 50.0/100 (mixed)" in result.stdout


def test_a_wrong_text_field_names_the_fields_that_are_there(work):
    (work / "x.jsonl").write_text(RECORDS)
    hint = "give the article's field with --text-field, e.g. --text-field body"
    result = run("score", "--model", "model.json", "x.jsonl", cwd=work)
    assert result.returncode == 2
    assert (
        "x.jsonl: record 1 (line 1) has no 'text' field (its fields: 'id', 'body', "
        f"'headline'; {hint})"
    ) in result.stderr
    result = run("score", "--model", "model.json", "--jsonl", "x.jsonl", "--out", "o.csv", cwd=work)
    assert result.returncode == 2
    assert f"line 1: no 'text' field (its fields: 'id', 'body', 'headline'; {hint})" in (
        result.stderr
    )


@pytest.mark.parametrize("command", ["score", "explain"])
def test_a_folder_without_articles_says_so_and_exits_3(work, command):
    (work / "empty").mkdir()
    (work / "empty" / "data.csv").write_text("a,b\n")
    result = run(command, "--model", "model.json", "empty", cwd=work)
    assert result.returncode == 3
    assert result.stdout == ""
    assert result.stderr.startswith("credscore: empty: no article found (searched for .htm, ")
    (work / "a.txt").write_text(ENGLISH)
    result = run(command, "--model", "model.json", "empty", "a.txt", cwd=work)
    assert result.returncode == 0 and "no article found" in result.stderr  # one found: 0


def test_check_of_a_folder_without_articles_exits_3(work):
    (work / "empty").mkdir()
    result = run("check", "--isolated", "--model", "model.json", "empty", cwd=work)
    assert result.returncode == 3 and "no article found in empty" in result.stderr


def test_check_of_named_files_all_excluded_is_not_no_article(work):
    """pre-commit names the staged files; an excluded draft is skipped on purpose."""
    (work / "draft.md").write_text(ENGLISH)
    result = run(
        "check", "--isolated", "--model", "model.json", "--exclude", "draft.md", "draft.md",
        cwd=work,
    )  # fmt: skip
    assert result.returncode == 0 and "every file named is excluded" in result.stderr


if sys.platform == "win32":  # pragma: no cover
    pytestmark = pytest.mark.skip("the command-line tests use POSIX paths")
