"""Readers for input formats (plain text, Markdown) that keep source offsets and line numbers."""
