"""Answer builders for nara2-school-academic (item_count_bands everywhere)."""

from __future__ import annotations

from pramoen.instruments import answers_template, get_instrument

ITEMS = {
    ind_path: n
    for ind_path, n in (
        (f"{c.id}.{i.id}", len(i.items or []))
        for c in get_instrument("nara2-school-academic").rubric.components
        for i in c.indicators
    )
}


def all_checked(drop: int = 0) -> dict:
    """Every indicator with all its items ticked except the last ``drop`` items."""
    return {path: {"checked": list(range(1, max(n - drop, 0) + 1))} for path, n in ITEMS.items()}


def empty() -> dict:
    return answers_template(get_instrument("nara2-school-academic"))["indicators"]
