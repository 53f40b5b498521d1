"""What validating an answers document needs, worked out once per instrument.

Which answer key each indicator expects (``checked``, ``level``, ``choice``, ``value`` or none,
when computed), its items' positions and levels (:class:`IndicatorSpec`), and the compiled
``applies_when`` conditions (:class:`Plan`, cached per instrument object).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from pramoen.instruments.conditions import ConditionCompiler
from pramoen.instruments.schema import (
    Component,
    Condition,
    Indicator,
    Instrument,
    ItemChoice,
    LevelChoice,
    NumericThresholds,
)
from pramoen.instruments.structure import Ctx

TOP_LEVEL_KEYS = ("instrument", "version_hash", "fields", "indicators", "eligibility", "evidence")

# Which answer key each rule kind expects from the judge (None: nothing, it is computed).
ANSWER_KEY = {
    "item_count_bands": "checked",
    "count_points": "checked",
    "pass_fail": "checked",
    "level_choice": "level",
    "item_choice": "choice",
    "numeric_thresholds": "value",
    "condition_levels": None,
}


def effective_rule_kind(instrument: Instrument, indicator: Indicator) -> str:
    resolved = instrument.resolve_rule(indicator.rule)
    return resolved.kind if resolved is not None else "use"


def answer_key(instrument: Instrument, indicator: Indicator) -> str | None:
    kind = effective_rule_kind(instrument, indicator)
    if kind == "numeric_thresholds":
        rule = instrument.resolve_rule(indicator.rule)
        assert isinstance(rule, NumericThresholds)
        return "value" if rule.input is None else None
    return ANSWER_KEY.get(kind)


@dataclass(frozen=True)
class IndicatorSpec:
    """What validating one indicator's answer needs, worked out once per instrument."""

    indicator: Indicator
    kind: str
    key: str | None
    allowed: frozenset[str]
    count: int
    positions: Mapping[str, int]  # item id → printed position
    levels: tuple[str, ...]
    options: frozenset[int | None] | None  # positions an item_choice rule accepts
    allows_none: bool  # {"none": true}: none of the levels/options applies


def indicator_spec(instrument: Instrument, indicator: Indicator) -> IndicatorSpec:
    kind = effective_rule_kind(instrument, indicator)
    key = answer_key(instrument, indicator)
    allowed = {"note"}
    if key is not None:
        allowed.add(key)
    if kind == "pass_fail":
        allowed.add("pass")
    positions = {str(item.id): n for n, item in enumerate(indicator.items, start=1)}
    rule = instrument.resolve_rule(indicator.rule)
    options = None
    if isinstance(rule, ItemChoice):
        options = frozenset(
            o.item if isinstance(o.item, int) else positions.get(o.item) for o in rule.options
        )
    allows_none = isinstance(rule, ItemChoice | LevelChoice) and rule.none is not None
    if allows_none:
        allowed.add("none")
    return IndicatorSpec(
        indicator=indicator,
        kind=kind,
        key=key,
        allowed=frozenset(allowed),
        count=len(indicator.items),
        positions=positions,
        levels=tuple(lv.id for lv in indicator.levels),
        options=options,
        allows_none=allows_none,
    )


@dataclass
class Plan:
    """Per-instrument data the validator reuses across calls (instruments are immutable)."""

    instrument: Instrument
    compiler: ConditionCompiler
    indicators: dict[str, tuple[Component, IndicatorSpec]]
    conditions: dict[int, Callable[[Ctx], bool]]

    def holds(self, condition: Condition, fields: Any, given: Any) -> bool:
        """Whether ``condition`` holds for these (possibly invalid) answers; True when it cannot
        be decided, so a required answer is never excused by a malformed document."""
        test = self.conditions.get(id(condition))
        if test is None:
            test = self.compiler.condition(condition, "", set())
            self.conditions[id(condition)] = test
        try:
            return bool(test((fields, given, {}, {})))
        except (KeyError, TypeError, AttributeError):
            return True


_PLANS: dict[int, Plan] = {}


def plan_for(instrument: Instrument) -> Plan:
    plan = _PLANS.get(id(instrument))
    if plan is not None and plan.instrument is instrument:
        return plan
    plan = Plan(
        instrument,
        ConditionCompiler(instrument),
        {
            path: (comp, indicator_spec(instrument, ind))
            for path, comp, ind in instrument.iter_indicators()
        },
        {},
    )
    if len(_PLANS) > 64:
        _PLANS.clear()
    _PLANS[id(instrument)] = plan
    return plan
