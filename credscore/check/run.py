"""Run a check: collect the files, read the articles, score them, apply the configuration and
the suppression comments, and decide for each article whether it passes."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from credscore.check.collect import relative_to, walk
from credscore.check.config import (
    Config,
    ConfigError,
    Settings,
    compile_globs,
    find_config,
    load_config,
)
from credscore.check.suppress import Directive, Suppressions, parse_directives
from credscore.errors import CredscoreError, InputError
from credscore.findings import SEVERITIES, Finding, Rule
from credscore.formats.article import Article, read_articles
from credscore.formats.files import searched
from credscore.report import MIN_WORDS, Report

__all__ = ["ArticleResult", "CheckOptions", "CheckResult", "Located", "check", "check_article"]

EXIT_OK, EXIT_FAIL, EXIT_ERROR, EXIT_NO_ARTICLE = 0, 1, 2, 3
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_RANK = {s: i for i, s in enumerate(SEVERITIES)}


@dataclass(frozen=True)
class Located:
    """A finding with its place in the file (1-based; ``end_column`` is after the span)."""

    finding: Finding
    effect: str
    line: int
    column: int
    end_line: int
    end_column: int

    @property
    def rule(self) -> str:
        return self.finding.rule

    @property
    def severity(self) -> str:
        return self.finding.severity

    @property
    def message(self) -> str:
        return self.finding.message

    @property
    def is_problem(self) -> bool:
        """True when the finding lowers credibility (something for an editor to fix)."""
        return self.effect != "raises"


@dataclass
class ArticleResult:
    """The outcome for one article."""

    article: Article
    report: Report
    settings: Settings
    findings: list[Located]
    suppressed: int = 0
    unused: list[tuple[Directive, tuple[str, ...]]] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.reasons

    @property
    def below_fail_under(self) -> bool:
        """True when the article fails on its score: the score is below the threshold
        (:attr:`Settings.threshold`), or a threshold is configured and the article is too
        short to judge (its first reason says which)."""
        if self.report.status == "too-short":
            return self.settings.fail_under is not None
        return self.report.score < self.settings.threshold

    def problems(self) -> list[Located]:
        """The findings that lower credibility."""
        return [f for f in self.findings if f.is_problem]


@dataclass
class CheckResult:
    """The outcome of a run."""

    results: list[ArticleResult]
    errors: list[CredscoreError]
    warnings: list[str]
    rules: dict[str, Rule]
    config: Config
    exit_zero: bool = False
    no_article: bool = False
    """True when the paths held no article to check (files named but excluded are skipped on
    purpose, as pre-commit names them, and do not count)."""
    log: list[str] = field(default_factory=list)
    """Each path met, checked or skipped and why (what ``check -v`` prints)."""

    @property
    def exit_code(self) -> int:
        if self.errors:
            return EXIT_ERROR
        if self.no_article:
            return EXIT_NO_ARTICLE
        if not self.exit_zero and any(not r.passed for r in self.results):
            return EXIT_FAIL
        return EXIT_OK


@dataclass
class CheckOptions:
    """What the command line asked for; ``flags`` holds the settings given as flags
    (``fail-under``, ``fail-on``, ``select``, ``ignore``), which win over the configuration."""

    paths: Sequence[str] = (".",)
    flags: Mapping[str, Any] = field(default_factory=dict)
    include: Sequence[str] | None = None
    exclude: Sequence[str] | None = None
    model: str | None = None
    config: str | None = None
    isolated: bool = False
    stdin_filename: str | None = None
    text_field: str | None = None
    title_field: str | None = None
    exit_zero: bool = False
    stdin: BinaryIO | None = None
    respect_gitignore: bool | None = None


def check(options: CheckOptions) -> CheckResult:
    """Check every article the options name; raises ConfigError or ModelError when nothing
    can be checked, and records input errors per file."""
    from credscore.signals import rules as all_rules

    rules = all_rules()
    config = _config(options, rules)
    flags = _validated_flags(options.flags, rules)
    scorer = _scorer(options, config)
    text_field = options.text_field or config.get("text-field", "text")
    title_field = options.title_field or config.get("title-field", "title")
    include = options.include if options.include is not None else config.get("include")
    exclude = options.exclude if options.exclude is not None else config.get("exclude", ())
    result = CheckResult([], [], [], rules, config, options.exit_zero)

    searched_folders = any(p != "-" and os.path.isdir(p) for p in options.paths)
    sources = _sources(options, config, include, exclude, result)
    for kind, path in sources:
        try:
            if kind == "stdin":
                items = _read_stdin(options, text_field, title_field)
                name = options.stdin_filename
                rel = relative_to(Path(name), config.root) if name else "-"
            else:
                items = read_articles(path, text_field=text_field, title_field=title_field)
                rel = relative_to(path, config.root)
        except CredscoreError as exc:
            result.errors.append(exc)
            continue
        settings = config.settings_for(rel, flags)
        for item in items:
            try:
                if isinstance(item, CredscoreError):
                    raise item
                result.results.append(
                    check_article(item, scorer, settings, rules, result.warnings)
                )
            except CredscoreError as exc:  # a bad record, a text that is not English
                result.errors.append(exc)
    if not sources and searched_folders:
        result.no_article = True
        result.warnings.append(
            f"no article found in {' '.join(options.paths)} "
            f"(searched for {'files matching the include globs' if include else searched()})"
        )
    elif not sources and not result.errors:
        result.warnings.append("every file named is excluded; nothing to check")
    return result


def _sources(
    options: CheckOptions, config: Config, include: Any, exclude: Any, result: CheckResult
) -> list[tuple[str, Path | None]]:
    """What to read, in order: ``("stdin", None)`` once however often ``-`` is given, and
    ``("file", path)`` once per file (a file named twice, or inside a named folder, is read
    once). Paths that cannot be read become input errors; every path met is logged."""
    respect = options.respect_gitignore
    if respect is None:
        respect = config.get("respect-gitignore", True)
    include_set = compile_globs(include, "--include") if include else None
    exclude_set = compile_globs(exclude, "--exclude")
    sources: list[tuple[str, Path | None]] = []
    seen: set[str] = set()
    for raw in options.paths:
        if raw == "-":
            if "-" not in seen:
                seen.add("-")
                sources.append(("stdin", None))
            continue
        for found in walk(
            [raw],
            include=include_set,
            exclude=exclude_set,
            root=config.root,
            respect_ignore_files=respect,
        ):
            if found.action == "skip":
                result.log.append(f"skipping {_shown(found.path)} ({found.reason})")
            elif found.action == "warn":
                result.warnings.append(found.reason)
            elif found.action == "error":
                result.errors.append(InputError(str(found.path), found.reason))
            else:
                key = os.path.realpath(found.path)
                if key not in seen:
                    seen.add(key)
                    sources.append(("file", found.path))
                    result.log.append(f"checking {_shown(found.path)}")
    return sources


def _shown(path: Path) -> str:
    """A path for a log line, its control characters escaped (a newline in a file name
    cannot forge a line)."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", str(path))


def _config(options: CheckOptions, rules: Mapping[str, Rule]) -> Config:
    if options.isolated:
        return Config()
    if options.config:
        path = Path(options.config)
        if not path.is_file():
            raise ConfigError(f"{path}: configuration file not found")
        return load_config(path, rules)
    named = [Path(p) for p in options.paths if p != "-"]
    if options.stdin_filename and "-" in options.paths:
        named.append(Path(options.stdin_filename))
    start = Path.cwd()
    if named:  # realpath, not resolve(): a symbolic-link loop must not raise here
        real = [os.path.realpath(p) for p in named]
        try:
            start = Path(os.path.commonpath(real))
        except ValueError:  # different drives
            start = Path(real[0])
    while not start.exists() and start != start.parent:
        start = start.parent
    return load_config(find_config(start), rules)


def _validated_flags(flags: Mapping[str, Any], rules: Mapping[str, Rule]) -> dict[str, Any]:
    from credscore.check.config import parse_selectors

    out = dict(flags)
    for key in ("select", "ignore"):
        if key in out:
            out[key] = parse_selectors(out[key], rules, f"--{key}")
    fail_under = out.get("fail-under")
    if fail_under is not None and not (0 <= fail_under <= 100):
        raise ConfigError(f"--fail-under must be from 0 to 100, not {fail_under:g}")
    return out


def _scorer(options: CheckOptions, config: Config):
    from credscore.scorer import Scorer

    return Scorer(options.model or config.get("model"))


def _read_stdin(options: CheckOptions, text_field: str, title_field: str) -> list:
    from credscore.formats.article import read_stream

    name = options.stdin_filename or "-"
    suffix = Path(name).suffix if options.stdin_filename else ".txt"
    stream = options.stdin if options.stdin is not None else sys.stdin.buffer
    return read_stream(stream, name, suffix, text_field=text_field, title_field=title_field)


def check_article(
    article: Article,
    scorer: Any,
    settings: Settings,
    rules: Mapping[str, Rule],
    warnings: list[str],
) -> ArticleResult:
    """Score one article and apply ``settings`` and its suppression comments (also used by
    ``credscore lsp``); a suppression comment naming an unknown rule adds to ``warnings``."""
    report = article.score(scorer)
    scan, line_col, counted = article.directive_scan()
    directives = parse_directives(
        scan, line_col, markdown=article.kind == "markdown", counted=counted
    )
    suppressions = Suppressions(directives, rules)
    for directive, name in suppressions.unknown_names():
        warnings.append(
            f"{article.path}:{directive.line}:{directive.column}: unknown rule or family "
            f"{name!r} in {directive.text}"
        )
    out = ArticleResult(article, report, settings, [])
    for finding in report.findings:
        if not settings.keeps(finding.rule):
            continue
        line, column, end_line, end_column = article.span(finding.start, finding.end)
        place = article.comment_place(finding.start)
        if suppressions.suppressing(finding.rule, *place) is not None:
            out.suppressed += 1
            continue
        rule = rules.get(finding.rule)
        effect = rule.effect if rule is not None else "lowers"
        out.findings.append(Located(finding, effect, line, column, end_line, end_column))
    out.unused = [(d, d.unused()) for d in directives if d.unused()]
    out.reasons = _reasons(out)
    return out


def _reasons(out: ArticleResult) -> list[str]:
    settings = out.settings
    reasons = []
    report = out.report
    if settings.fail_under is not None and report.status == "too-short":
        reasons.append(
            f"{report.band_label}; fail-under {settings.fail_under:g} needs at least "
            f"{MIN_WORDS} words"
        )
    elif out.below_fail_under:
        reasons.append(f"score {report.score:.1f} is below fail-under {settings.threshold:g}")
    if settings.fail_on != "none":
        floor = _RANK[settings.fail_on]
        counts = {s: 0 for s in SEVERITIES}
        for f in out.problems():
            if _RANK.get(f.severity, 0) >= floor:
                counts[f.severity] += 1
        found = [f"{n} {s}-level" for s, n in counts.items() if n]
        if found:
            total = sum(counts.values())
            noun = "finding" if total == 1 else "findings"
            reasons.append(f"{', '.join(reversed(found))} {noun} (fail-on {settings.fail_on})")
    return reasons
