"""Configuration of ``credscore check``: ``[tool.credscore]`` in ``pyproject.toml`` or the top
level of ``.credscore.toml``, found by walking up from the checked path.

In one folder ``.credscore.toml`` wins over ``pyproject.toml``; a ``pyproject.toml`` without a
``[tool.credscore]`` table is passed over (one that does not mention ``credscore`` at all is not
even parsed, and one whose ``tool`` is not a table has no such table). Relative paths and globs
in the file are relative to its folder; globs use ``.gitignore`` syntax. Unknown keys, wrong
types, bad globs and unknown rule names are errors that name them, as are a file that is not
valid TOML, is nested too deeply to read, or is over 1 MB.

Precedence, lowest first: built-in defaults, the file's top-level keys, each matching
``[[tool.credscore.overrides]]`` table in order, then command-line flags.

Example::

    [tool.credscore]
    fail-under = 60                  # an article scoring below this fails (default 40)
    fail-on = "error"                # findings at or above this severity fail ("none": never)
    select = ["commercial", "superlatives", "citations.vague-attribution"]
    ignore = ["readability.long-sentence"]
    exclude = ["drafts/**", "CHANGELOG.md"]
    respect-gitignore = true         # skip what .gitignore and .ignore files ignore
    model = "models/our-model.json"

    [[tool.credscore.overrides]]
    files = ["press-releases/**"]
    fail-under = 40
    ignore = ["commercial.contact"]
"""

from __future__ import annotations

import math
import os
import stat
import tomllib
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from credscore.check.globs import Glob, GlobError, GlobSet
from credscore.errors import CredscoreError
from credscore.report import BANDS

__all__ = [
    "DEFAULT_FAIL_UNDER",
    "FAIL_ON_CHOICES",
    "Config",
    "ConfigError",
    "Override",
    "Settings",
    "compile_globs",
    "find_config",
    "load_config",
    "parse_selectors",
]

FAIL_ON_CHOICES = ("info", "warning", "error", "none")
DEFAULT_FAIL_UNDER = BANDS[-2][0]  # 40
"""The score threshold when none is configured: the upper edge of the ``low`` band
(:data:`credscore.report.BANDS`), so that a low-band article fails, as a linter fails on its
default rules. ``fail-under = 0`` turns the score threshold off. An article too short to judge
fails only a configured threshold."""
CONFIG_NAMES = (".credscore.toml", "pyproject.toml")

_SETTING_KEYS = ("fail-under", "fail-on", "select", "ignore")
_KEYS = frozenset(
    {
        *_SETTING_KEYS,
        "include",
        "exclude",
        "model",
        "text-field",
        "title-field",
        "respect-gitignore",
        "overrides",
    }
)
_OVERRIDE_KEYS = frozenset({"files", *_SETTING_KEYS})
_MAX_CONFIG_BYTES = 1_000_000


class ConfigError(CredscoreError):
    """A configuration file or flag is invalid (exit code 2)."""


@dataclass(frozen=True)
class Settings:
    """What decides pass or fail for one file.

    ``select`` empty means every rule; ``ignore`` wins over ``select``. Each entry is a family
    (``commercial``) or a full rule id (``commercial.call-to-action``).
    """

    fail_under: float | None = None
    fail_on: str = "error"
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    @property
    def threshold(self) -> float:
        """The score below which an article fails: ``fail_under``, or
        :data:`DEFAULT_FAIL_UNDER` when none is configured (``fail_under`` None)."""
        return DEFAULT_FAIL_UNDER if self.fail_under is None else self.fail_under

    def keeps(self, rule: str) -> bool:
        """Whether findings of ``rule`` are reported under these settings."""
        family = rule.partition(".")[0]
        if self.select and rule not in self.select and family not in self.select:
            return False
        return rule not in self.ignore and family not in self.ignore

    def merged(self, values: Mapping[str, Any]) -> Settings:
        """These settings with the given (already validated) keys replaced."""
        names = {"fail-under": "fail_under", "fail-on": "fail_on"}
        return replace(self, **{names.get(k, k): v for k, v in values.items()})


@dataclass(frozen=True)
class Override:
    """Settings for the files matching any of ``files`` (globs)."""

    files: GlobSet
    values: dict[str, Any]


@dataclass(frozen=True)
class Config:
    """A loaded configuration (empty when no file was found)."""

    path: Path | None = None
    root: Path = field(default_factory=Path.cwd)
    values: dict[str, Any] = field(default_factory=dict)
    overrides: tuple[Override, ...] = ()

    def get(self, key: str, default: Any = None) -> Any:
        """A top-level value, or ``default``."""
        return self.values.get(key, default)

    def settings_for(self, rel_path: str, flags: Mapping[str, Any]) -> Settings:
        """Effective settings for a file (``rel_path`` relative to :attr:`root`): defaults,
        then the file's keys, then matching overrides, then command-line ``flags``."""
        settings = Settings().merged({k: self.values[k] for k in _SETTING_KEYS if k in self.values})
        for override in self.overrides:
            if override.files.match(rel_path):
                settings = settings.merged(override.values)
        return settings.merged(flags)


def find_config(start: Path) -> Path | None:
    """The nearest ``.credscore.toml`` or ``pyproject.toml`` with ``[tool.credscore]`` in
    ``start`` (a folder or file) or a parent folder."""
    start = Path(os.path.realpath(start))  # resolve() raises on a symbolic-link loop
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.parents):
        dotfile = candidate / CONFIG_NAMES[0]
        if dotfile.is_file():
            return dotfile
        pyproject = candidate / CONFIG_NAMES[1]
        if (
            pyproject.is_file()
            and _mentions_credscore(pyproject)
            and _credscore_table(_read_toml(pyproject)) is not None
        ):
            return pyproject
    return None


def _mentions_credscore(path: Path) -> bool:
    """Whether a file could hold a ``[tool.credscore]`` table (checked without parsing it)."""
    try:
        with path.open("rb") as handle:
            return b"credscore" in handle.read(_MAX_CONFIG_BYTES + 1)
    except OSError:
        return True  # reading it again reports the problem


def _credscore_table(data: dict) -> Any:
    """``tool.credscore`` of a parsed ``pyproject.toml`` (None when ``tool`` is no table)."""
    tool = data.get("tool")
    return tool.get("credscore") if isinstance(tool, dict) else None


def load_config(path: Path | None, known_rules: Collection[str]) -> Config:
    """Read and validate a configuration file (None gives the empty configuration)."""
    if path is None:
        return Config()
    path = Path(path)
    data = _read_toml(path)
    where = f"{path}"
    if path.name != CONFIG_NAMES[0]:
        table = _credscore_table(data)
        if table is None:
            raise ConfigError(f"{path}: no [tool.credscore] table")
        data, where = table, f"{path}: [tool.credscore]"
    if not isinstance(data, dict):
        raise ConfigError(f"{where} must be a table")
    _check_keys(data, _KEYS, where)
    values = _validate(data, where, known_rules)
    root = Path(os.path.realpath(path)).parent
    for key in ("model",):
        if key in values:
            values[key] = Path(os.path.realpath(root / values[key]))
    overrides = []
    raw_overrides = data.get("overrides", [])
    if not isinstance(raw_overrides, list) or not all(isinstance(o, dict) for o in raw_overrides):
        raise ConfigError(f"{where}: 'overrides' must be an array of tables ([[...overrides]])")
    for n, raw in enumerate(raw_overrides, 1):
        label = f"{where}: overrides[{n}]"
        _check_keys(raw, _OVERRIDE_KEYS, label)
        if "files" not in raw:
            raise ConfigError(f"{label}: missing key 'files' (a list of globs)")
        checked = _validate(raw, label, known_rules)
        files = compile_globs(checked.pop("files"), f"{label}: 'files'")
        overrides.append(Override(files, checked))
    values.pop("overrides", None)
    return Config(path=path, root=root, values=values, overrides=tuple(overrides))


def parse_selectors(items: Collection[str], known_rules: Collection[str], where: str) -> tuple:
    """Validate rule selectors (families or rule ids) and return them as a tuple."""
    known = set(known_rules)
    families = {r.partition(".")[0] for r in known}
    out = []
    for item in items:
        if not isinstance(item, str):
            raise ConfigError(f"{where}: rule selectors must be strings, not {item!r}")
        name = item.strip()
        if name not in known and name not in families:
            hint = _did_you_mean(name, known | families)
            raise ConfigError(f"{where}: unknown rule or family {name!r}{hint}")
        out.append(name)
    return tuple(out)


def compile_globs(patterns: Collection[str], where: str) -> GlobSet:
    """Compile the globs of a flag or configuration key; raises ConfigError naming a bad one."""
    globs = []
    for pattern in patterns:
        try:
            globs.append(Glob.parse(pattern))
        except GlobError as exc:
            raise ConfigError(f"{where}: bad glob {pattern[:80]!r} ({exc})") from None
    return GlobSet(globs)


def _read_toml(path: Path) -> dict:
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise ConfigError(f"{path}: not a regular file")
        if info.st_size > _MAX_CONFIG_BYTES:
            raise ConfigError(f"{path}: over {_MAX_CONFIG_BYTES:,} bytes; not read")
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    except RecursionError:
        raise ConfigError(f"{path}: not readable TOML (nested too deeply)") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not valid UTF-8") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror})") from None


def _check_keys(data: Mapping[str, Any], allowed: frozenset[str], where: str) -> None:
    unknown = [k for k in data if k not in allowed]
    if unknown:
        hints = "".join(_did_you_mean(k, allowed) for k in unknown[:1])
        names = ", ".join(repr(k) for k in unknown)
        raise ConfigError(
            f"{where}: unknown key{'s' if len(unknown) > 1 else ''} {names}{hints} "
            f"(known keys: {', '.join(sorted(allowed))})"
        )


def _validate(data: Mapping[str, Any], where: str, known_rules: Collection[str]) -> dict:
    out: dict[str, Any] = {}
    for key, value in data.items():
        label = f"{where}: {key!r}"
        if key == "fail-under":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ConfigError(f"{label} must be a number from 0 to 100, not {value!r}")
            if not (math.isfinite(value) and 0 <= value <= 100):
                raise ConfigError(f"{label} must be from 0 to 100, not {value!r}")
            out[key] = float(value)
        elif key == "fail-on":
            if value not in FAIL_ON_CHOICES:
                raise ConfigError(f"{label} must be one of {', '.join(FAIL_ON_CHOICES)}")
            out[key] = value
        elif key in ("select", "ignore"):
            out[key] = parse_selectors(_strings(value, label), known_rules, label)
        elif key in ("include", "exclude", "files"):
            out[key] = tuple(_strings(value, label))
            compile_globs(out[key], label)
        elif key == "respect-gitignore":
            if not isinstance(value, bool):
                raise ConfigError(f"{label} must be true or false, not {value!r}")
            out[key] = value
        elif key in ("model", "text-field", "title-field"):
            if not isinstance(value, str) or not value:
                raise ConfigError(f"{label} must be a non-empty string, not {value!r}")
            out[key] = value
    return out


def _strings(value: Any, label: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{label} must be a list of strings, not {value!r}")
    return value


def _did_you_mean(name: str, options: Collection[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name.replace("_", "-"), sorted(options), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""
