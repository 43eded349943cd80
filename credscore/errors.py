"""Errors credscore raises on purpose; the CLI turns each into a one-line message, exit code 2."""

from __future__ import annotations

__all__ = ["CredscoreError", "InputError", "LanguageError", "ModelError"]


class CredscoreError(Exception):
    """Base class of credscore's own errors."""


class InputError(CredscoreError, ValueError):
    """An input file or text cannot be scored (binary, not UTF-8, empty, too large, ...)."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class LanguageError(CredscoreError, ValueError):
    """A text does not read as English, the only language credscore scores.

    ``language`` is what it reads as: a language name (``"French"``), a script (``"Cyrillic
    script"``) or ``"no known language"`` (random letters, a list of names, ...).
    """

    def __init__(self, language: str, problem: str) -> None:
        super().__init__(problem)
        self.language = language


class ModelError(CredscoreError):
    """A model file is missing, corrupted, tampered with or made for other features."""
