"""Errors credscore raises on purpose; the CLI turns each into a one-line message, exit code 2."""

from __future__ import annotations

__all__ = ["CredscoreError", "InputError", "ModelError"]


class CredscoreError(Exception):
    """Base class of credscore's own errors."""


class InputError(CredscoreError, ValueError):
    """An input file or text cannot be scored (binary, not UTF-8, empty, too large, ...)."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class ModelError(CredscoreError):
    """A model file is missing, corrupted, tampered with or made for other features."""
