"""Conditions and the scoring rules of an indicator (one pydantic model per ``rule.kind``).

Pure Python: no Django import (a test enforces it).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from pramoen.instruments.schema.base import Dec, ItemRef, Model, Slug

# --------------------------------------------------------------------------- conditions


_COMPARE_OPS = ("eq", "ne", "gt", "gte", "lt", "lte", "in_", "not_in", "is_set")


class Condition(Model):
    """A small declarative condition tree (no eval).

    Exactly one shape per node:
    ``{all: [...]}``, ``{any: [...]}``, ``{not: {...}}``,
    ``{field: EXPR, <op>: VALUE}`` with op in eq, ne, gt, gte, lt, lte, in, not_in, is_set
    (EXPR is a field id or a whitelisted arithmetic expression over field ids),
    ``{checked: "c1.i1.3"}`` (an item is checked in the answers),
    ``{indicator: "c1.i1", level: "excellent"}`` (an indicator reached a level),
    ``{indicator: "c1.i1", passed: true}`` (a pass/fail indicator passed).
    """

    all: list[Condition] | None = None
    any: list[Condition] | None = None
    not_: Condition | None = Field(default=None, alias="not")
    field: str | None = None
    eq: Any = None
    ne: Any = None
    gt: Dec | None = None
    gte: Dec | None = None
    lt: Dec | None = None
    lte: Dec | None = None
    in_: list[Any] | None = Field(default=None, alias="in")
    not_in: list[Any] | None = None
    is_set: bool | None = None
    checked: str | None = None
    indicator: str | None = None
    level: str | None = None
    passed: bool | None = None
    label_th: str | None = None

    @model_validator(mode="after")
    def _one_shape(self) -> Condition:
        shapes = [
            self.all is not None,
            self.any is not None,
            self.not_ is not None,
            self.field is not None,
            self.checked is not None,
            self.indicator is not None,
        ]
        if sum(shapes) != 1:
            raise ValueError(
                "a condition needs exactly one of: all, any, not, field, checked, indicator"
            )
        if self.field is not None:
            ops = [op for op in _COMPARE_OPS if getattr(self, op) is not None]
            if len(ops) != 1:
                raise ValueError(
                    "a field condition needs exactly one operator: "
                    "eq, ne, gt, gte, lt, lte, in, not_in, is_set"
                )
        if self.indicator is not None and (self.level is None) == (self.passed is None):
            raise ValueError("an indicator condition needs exactly one of: level, passed")
        return self


# --------------------------------------------------------------------------- rules


class Band(Model):
    """One band of an item-count rule: which checked items reach a level (or points).

    ``min``/``max`` bound the number of checked items (counted among ``among`` when given, else
    among all items of the indicator); ``requires`` lists items that must all be checked (the
    "items 1 and 2 plus N others" and "items 1-3" forms); ``others_min``/``others_max`` bound the
    number of checked items outside ``requires``.
    """

    level: Slug | None = None
    points: Dec | None = None
    min: int | None = Field(default=None, ge=0)
    max: int | None = Field(default=None, ge=0)
    requires: list[ItemRef] = Field(default_factory=list)
    among: list[ItemRef] | None = None
    others_min: int | None = Field(default=None, ge=0)
    others_max: int | None = Field(default=None, ge=0)
    printed_th: str | None = Field(default=None, description="the cell as printed")

    @model_validator(mode="after")
    def _target(self) -> Band:
        if self.level is None and self.points is None:
            raise ValueError("a band needs a level or points")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"band min {self.min} > max {self.max}")
        return self


class ItemCountBands(Model):
    """Count checked items, find the first matching band → level → points."""

    kind: Literal["item_count_bands"]
    bands: list[Band] = Field(min_length=1)


class CountCase(Model):
    """Bands used when the indicator has ``when_items`` items (None: any other number)."""

    when_items: int | None = Field(default=None, ge=0)
    bands: list[Band] = Field(min_length=1)
    printed_th: str | None = None


class CountPoints(Model):
    """Count → points maps with cases (director notes: 4-item case 1-2→1, 3→2, 4→3 …)."""

    kind: Literal["count_points"]
    cases: list[CountCase] = Field(min_length=1)
    note_th: str | None = None

    def case_for(self, n_items: int) -> CountCase | None:
        """The case for an indicator of ``n_items`` items; a case without ``when_items`` serves
        any other number. None when no case applies (lint reports it as an error)."""
        chosen = [c for c in self.cases if c.when_items == n_items] or [
            c for c in self.cases if c.when_items is None
        ]
        return chosen[0] if chosen else None


class NoneOption(Model):
    """ "None of the printed levels/options applies" as an explicit answer (``{"none": true}``),
    distinct from "not scored yet"; the form does not print it, so it is always an ESA reading
    (declare the defect, e.g. ``gapped_bands``, next to the rule)."""

    points: Dec
    label_th: str = Field(description="what the judge reads, e.g. ไม่มีผลงาน/รางวัล")
    printed_th: str | None = None


class LevelChoice(Model):
    """The judge picks one of the indicator's ``levels`` (ordinal descriptors)."""

    kind: Literal["level_choice"]
    none: NoneOption | None = None


class ItemChoiceOption(Model):
    item: ItemRef
    level: Slug | None = None
    points: Dec | None = None
    printed_th: str | None = None

    @model_validator(mode="after")
    def _target(self) -> ItemChoiceOption:
        if self.level is None and self.points is None:
            raise ValueError("a choice option needs a level or points")
        return self


class ItemChoice(Model):
    """The judge picks the one item that describes the work ("ทำได้รายการที่ ๑ → ดีเยี่ยม")."""

    kind: Literal["item_choice"]
    options: list[ItemChoiceOption] = Field(min_length=1)
    none: NoneOption | None = None


class NumericRange(Model):
    level: Slug | None = None
    points: Dec | None = None
    min: Dec | None = None
    max: Dec | None = None
    min_inclusive: bool = True
    max_inclusive: bool = False
    printed_th: str | None = None

    @model_validator(mode="after")
    def _check(self) -> NumericRange:
        if self.level is None and self.points is None:
            raise ValueError("a range needs a level or points")
        if self.min is None and self.max is None:
            raise ValueError("a range needs min or max")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"range min {self.min} > max {self.max}")
        return self


class NumericThresholds(Model):
    """A number from submitted data (a field expression, or the indicator's own ``value`` answer)
    falls in the first matching range → level → points."""

    kind: Literal["numeric_thresholds"]
    input: str | None = Field(
        default=None,
        description="field id or whitelisted expression over fields; None = answer {'value': n}",
    )
    unit_th: str | None = None
    unit_en: str | None = None
    ranges: list[NumericRange] = Field(min_length=1)


class ConditionCase(Model):
    when: Condition
    level: Slug | None = None
    points: Dec | None = None
    printed_th: str | None = None

    @model_validator(mode="after")
    def _target(self) -> ConditionCase:
        if self.level is None and self.points is None:
            raise ValueError("a case needs a level or points")
        return self


class Otherwise(Model):
    level: Slug | None = None
    points: Dec | None = None
    printed_th: str | None = None


class ConditionLevels(Model):
    """Ordered cases, first match wins: boolean logic over answers and compound levels
    (count AND percentage). ``otherwise`` applies when no case matches."""

    kind: Literal["condition_levels"]
    cases: list[ConditionCase] = Field(min_length=1)
    otherwise: Otherwise | None = None


class PassFail(Model):
    """A pass/fail indicator: ``all`` checked items (default), ``any`` or at least ``min``;
    ``among`` restricts to some items; ``also`` adds a condition on submitted data."""

    kind: Literal["pass_fail"]
    mode: Literal["all", "any", "min"] = "all"
    min: int | None = Field(default=None, ge=1)
    among: list[ItemRef] | None = None
    also: Condition | None = None

    @model_validator(mode="after")
    def _min(self) -> PassFail:
        if (self.mode == "min") != (self.min is not None):
            raise ValueError("mode 'min' goes with a 'min' count (and only then)")
        return self


class UseDefinition(Model):
    """Reuse a named rule from the instrument's ``definitions``."""

    kind: Literal["use"]
    name: Slug


Rule = Annotated[
    ItemCountBands
    | CountPoints
    | LevelChoice
    | ItemChoice
    | NumericThresholds
    | ConditionLevels
    | PassFail
    | UseDefinition,
    Field(discriminator="kind"),
]
RULE_KINDS = (
    "item_count_bands",
    "count_points",
    "level_choice",
    "item_choice",
    "numeric_thresholds",
    "condition_levels",
    "pass_fail",
    "use",
)


Condition.model_rebuild()
