"""The compiled form of an instrument: plain tuples and slotted records the hot path reads.

:mod:`pramoen.instruments.compiler` builds them once per instrument; evaluating answers then
never walks the pydantic models. An indicator's evaluation is an ``Outcome`` tuple, kept as a
plain tuple because millions of them are made in a benchmark run.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class Target:
    """Where a band/range/case/level leads: points, and the level if any."""

    points: Decimal
    level_id: str | None
    level_label_th: str | None
    printed_th: str | None


# outcome tuple layout (kept as a plain tuple on the hot path):
# (points, target index or -1, measure, passed, warning code or None)
Outcome = tuple[Decimal, int, Any, bool | None, str | None]
# (fields, indicator answers, outcomes so far, checked-mask cache)
Ctx = tuple[Mapping[str, Any], Mapping[str, Any], dict[str, Outcome], dict[str, int]]
NOT_APPLICABLE: Outcome = (ZERO, -1, None, None, "not_applicable")
NOT_APPLICABLE_COMPONENT = (ZERO, ZERO, ZERO, ZERO, False)
EMPTY: Mapping[str, Any] = {}


@dataclass(slots=True)
class CIndicator:
    path: str
    component: str
    number: str | None
    title_th: str
    kind: str
    item_ids: tuple[str, ...]
    ref_bits: dict[Any, int]
    targets: tuple[Target, ...]
    maximum: Decimal
    stated_max: Decimal | None
    evaluate: Callable[[Any, Ctx], Outcome]
    applies: Callable[[Ctx], bool] | None
    unit_th: str | None = None
    unit_en: str | None = None
    case_items: int | None = None
    deps: frozenset[str] = frozenset()


@dataclass(slots=True)
class CComponent:
    path: str
    number: str | None
    title_th: str
    indicators: tuple[CIndicator, ...]
    applies: Callable[[Ctx], bool] | None
    scale_to: Decimal | None
    scale_full: Decimal | None  # None = computed


@dataclass(slots=True)
class CGate:
    id: str
    title_th: str
    kind: str
    indicators: tuple[str, ...]
    instrument: str | None
    blocks_tier: bool


@dataclass(slots=True)
class CTier:
    id: str
    label_th: str
    lo: Decimal | None
    hi: Decimal | None
    lo_incl: bool
    hi_incl: bool


def checked_mask(answer: Any, ref_bits: dict[Any, int]) -> int:
    if not answer:
        return 0
    checked = answer.get("checked") if isinstance(answer, dict) else None
    if not checked:
        return 0
    mask = 0
    for ref in checked:
        mask |= ref_bits[ref]  # KeyError only for unvalidated answers
    return mask
