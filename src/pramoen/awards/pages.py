"""Page references in an entry's evidence answers: ``"12-15, 20"`` — the pages of the portfolio
(or a file) where the applicant shows the evidence of an indicator. The one reading of that
syntax: parts separated by commas, each a page or a ``first-last`` range; Thai digits count."""

from __future__ import annotations


def _bounds(part: str) -> list[str]:
    return [p.strip() for p in part.split("-")]


def page_count(text: str) -> int:
    """How many pages the well-formed parts of ``text`` name (``"12-15, 20"`` → 5)."""
    pages = 0
    for part in text.split(","):
        bounds = _bounds(part)
        if all(b.isdigit() for b in bounds) and bounds and bounds[0]:
            pages += int(bounds[-1]) - int(bounds[0]) + 1
    return pages


def first_page(text: str) -> str:
    """The page the reference starts at, where it starts with one (``"12-15, 20"`` → ``"12"``);
    the portfolio viewer turns to it. Empty when the text does not start with a page."""
    first = _bounds(text.split(",")[0])[0]
    return first if first.isdigit() else ""
