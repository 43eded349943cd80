"""Read the labelled corpora from a data folder (never shipped with the package).

The folder is ``--data DIR`` on the command line, else ``$CREDSCORE_DATA``, else
``../shared/data`` next to the working directory. Its README explains each label. Only rows
with ``text_ok == 1`` are used.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Article", "CORPORA", "CHOOSING_CORPUS", "find_data_dir", "load_corpus", "file_hashes", "is_held_out"]

CORPORA: dict[str, str] = {
    "healthstory": "fakehealth/healthstory_train.jsonl",
    "healthrelease": "fakehealth/healthrelease.jsonl",
    "recovery": "recovery/recovery.jsonl",
}
CHOOSING_CORPUS = ("ctfan", "ctfan/ctfan22_dev.jsonl")
"""Fact-checked news for choosing models (``credscore evaluate --selection``), never fitted."""
HELD_OUT_SHARE = 0.2


@dataclass(frozen=True, slots=True)
class Article:
    """One labelled article. ``group`` is the publisher for ReCOVery, the outlet otherwise."""

    corpus: str
    id: str
    title: str | None
    text: str
    label: int
    group: str
    criteria: tuple[int | None, ...] | None = None
    """HealthRelease only: the expert's verdict on each of the ten criteria, in the order of
    :data:`credscore.criteria.CRITERIA` (1 satisfactory, 0 not, None not applicable)."""


def find_data_dir(path: str | os.PathLike | None = None) -> Path | None:
    """Return the data folder to use, or None when there is none: ``path`` when given (an
    explicit folder is never swapped for another), else ``$CREDSCORE_DATA``, else
    ``../shared/data``."""
    if path is not None:
        candidates = [path]
    else:
        candidates = [os.environ.get("CREDSCORE_DATA"), Path.cwd().parent / "shared" / "data"]
    for candidate in candidates:
        if candidate and (Path(candidate) / CORPORA["healthstory"]).is_file():
            return Path(candidate)
    return None


def load_corpus(data_dir: str | os.PathLike, name: str) -> list[Article]:
    """Load one corpus (a key of :data:`CORPORA`), usable rows only."""
    path = Path(data_dir) / (CHOOSING_CORPUS[1] if name == CHOOSING_CORPUS[0] else CORPORA[name])
    articles = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if not row.get("text_ok", 1):
                continue
            text = row.get("text") if name != "recovery" else row.get("body_text")
            articles.append(
                Article(
                    corpus=name,
                    id=str(row.get("news_id") or row.get("id")),
                    title=row.get("title") or None,
                    text=text or "",
                    label=int(row["label_credible"]),
                    group=str(row.get("publisher") or _host(row.get("url")) or "unknown"),
                    criteria=_verdicts(row.get("criteria_answers")),
                )
            )
    return articles


def _host(url: str | None) -> str | None:
    """The site of a URL, looking through web.archive.org wrappers ("eurekalert.org")."""
    if not url:
        return None
    inner = url.rsplit("://", 1)[-1]
    host = inner.split("/", 1)[0].split(":", 1)[0].lower()
    return host.removeprefix("www.") or None


_VERDICTS = {"satisfactory": 1, "not satisfactory": 0, "not applicable": None}


def _verdicts(answers: str | None) -> tuple[int | None, ...] | None:
    """``"Satisfactory|Not Satisfactory|..."`` -> ``(1, 0, ...)``; None when absent."""
    if not answers:
        return None
    return tuple(_VERDICTS[a.strip().lower()] for a in answers.split("|"))


def is_held_out(article: Article) -> bool:
    """True for the fixed 20% of HealthStory articles kept out of all fitting and tuning.

    The split hashes the article id, so it is stable across runs, machines and data order.
    """
    digest = hashlib.sha256(article.id.encode()).digest()
    return article.corpus == "healthstory" and digest[0] < 256 * HELD_OUT_SHARE


def file_hashes(data_dir: str | os.PathLike, *, with_choosing: bool = False) -> dict[str, str]:
    """SHA-256 of each corpus file (and of the choosing corpus), to record in a model."""
    files = dict(CORPORA)
    if with_choosing:
        files[CHOOSING_CORPUS[0]] = CHOOSING_CORPUS[1]
    return {
        name: hashlib.sha256((Path(data_dir) / rel).read_bytes()).hexdigest()
        for name, rel in files.items()
    }
