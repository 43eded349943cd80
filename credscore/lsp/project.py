"""Configuration and models for the documents of one editor session, found as ``check`` finds
them (:func:`~credscore.check.config.find_config`, :func:`~credscore.check.config.load_config`)
and kept between keystrokes.

A configuration file is re-read when its modification time or size changes; where a file is
looked for again only after the server is told that configuration files changed (a new
``generation``). A bad configuration or model never stops checking: the defaults (or the
shipped model) are used and the problem is returned as a message for the writer.
"""

from __future__ import annotations

import os
from pathlib import Path

from credscore.check.config import Config, ConfigError, find_config, load_config

__all__ = ["Project"]


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


class Project:
    """Configuration files and scorers, cached (one per checker process)."""

    def __init__(self) -> None:
        from credscore.signals import rules

        self.rules = rules()
        self._generation: int | None = None
        self._found: dict[Path, Path | None] = {}
        self._configs: dict[Path, tuple[tuple[int, int] | None, Config | str]] = {}
        self._scorers: dict[tuple[Path, tuple[int, int] | None], object] = {}

    def refresh(self, generation: int) -> None:
        """Forget where configuration files were found when the server saw them change."""
        if generation != self._generation:
            self._generation = generation
            self._found.clear()
            self._configs.clear()

    def config_for(self, start: Path) -> tuple[Config, str | None]:
        """The configuration that ``check`` would use for a file at ``start`` (or for a
        folder), and a message when it cannot be used (the defaults are returned then)."""
        folder = start if start.is_dir() else start.parent
        try:
            if folder not in self._found:
                self._found[folder] = find_config(folder)
            path = self._found[folder]
        except ConfigError as exc:
            return Config(root=folder), str(exc)
        except (OSError, RuntimeError, RecursionError, ValueError, AttributeError) as exc:
            return Config(root=folder), f"{folder}: cannot look for a configuration file ({exc})"
        if path is None:
            return Config(root=folder), None
        stamp = _stamp(path)
        cached = self._configs.get(path)
        if cached is None or cached[0] != stamp:
            try:
                value: Config | str = load_config(path, self.rules)
            except ConfigError as exc:
                value = str(exc)
            except Exception as exc:  # noqa: BLE001 - a configuration must never stop the checker
                value = f"{path}: cannot read the configuration ({type(exc).__name__}: {exc})"
            self._configs[path] = cached = (stamp, value)
        value = cached[1]
        if isinstance(value, str):
            return Config(root=path.parent), value
        return value, None

    def scorer_for(self, config: Config):
        """A Scorer for the configuration's ``model`` (the shipped model when it names none,
        or when it cannot be loaded: then with a message saying why)."""
        from credscore.errors import CredscoreError
        from credscore.scorer import Scorer, default_scorer

        model = config.get("model")
        if model is None:
            return default_scorer(), None
        key = (Path(model), _stamp(Path(model)))
        scorer = self._scorers.get(key)
        if scorer is None:
            try:
                scorer = Scorer(model)
            except (CredscoreError, OSError, ValueError, TypeError, MemoryError) as exc:
                scorer = f"{exc}; using the shipped model"
            self._scorers[key] = scorer
        if isinstance(scorer, str):
            return default_scorer(), scorer
        return scorer, None
