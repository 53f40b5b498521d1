"""Spreadsheet output shared by every export (pure Python)."""

from __future__ import annotations

from typing import Any

# Excel and LibreOffice run a cell that starts with one of these as a formula (CSV/formula
# injection, OWASP); a tab or line break in front hides the same thing.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_cell(value: Any) -> Any:
    """Text a spreadsheet would run as a formula is stored with a leading apostrophe, as text."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
