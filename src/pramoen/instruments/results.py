"""The outcome of one evaluation: totals, gates and tier at once; details rendered on demand.

``ScoreResult`` keeps the raw facts of an evaluation (outcome tuples, component values, gate
statuses) and builds :class:`IndicatorResult`, :class:`ComponentResult`, Thai explanations and
warnings only when asked, so scoring many answers costs only the arithmetic.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from pramoen.instruments.explanations import (
    explain_outcome,
    gate_unknown_message,
    warning_message,
)
from pramoen.instruments.formatting import ROUNDING, fmt_number
from pramoen.instruments.messages import Message
from pramoen.instruments.structure import NOT_APPLICABLE, ZERO, CIndicator, Outcome
from pramoen.thai.digits import to_thai_digits

if TYPE_CHECKING:
    from pramoen.instruments.compiled import CompiledInstrument


@dataclass(frozen=True)
class IndicatorResult:
    path: str
    number: str | None
    title_th: str
    rule: str
    applicable: bool
    points: Decimal
    maximum: Decimal
    level: str | None
    level_label_th: str | None
    matched: int | None
    measure: Any
    passed: bool | None
    explanation_th: str

    def to_dict(self) -> dict[str, Any]:
        measure = self.measure
        if isinstance(measure, Decimal):
            measure = fmt_number(measure, thai=False)
        return {
            "path": self.path,
            "number": self.number,
            "title_th": self.title_th,
            "rule": self.rule,
            "applicable": self.applicable,
            "points": fmt_number(self.points, thai=False),
            "maximum": fmt_number(self.maximum, thai=False),
            "level": self.level,
            "level_label_th": self.level_label_th,
            "matched": self.matched,
            "measure": measure,
            "passed": self.passed,
            "explanation_th": self.explanation_th,
        }


@dataclass(frozen=True)
class ComponentResult:
    path: str
    number: str | None
    title_th: str
    applicable: bool
    raw: Decimal
    raw_maximum: Decimal
    points: Decimal
    maximum: Decimal
    indicators: tuple[IndicatorResult, ...]


@dataclass(frozen=True)
class GateResult:
    id: str
    title_th: str
    status: str  # passed | failed | unknown


class ScoreResult:
    """The outcome of one evaluation; details are rendered lazily from recorded facts."""

    __slots__ = (
        "_blocked",
        "_comp_values",
        "_compiled",
        "_fields",
        "_gate_status",
        "_outcomes",
        "_tier",
        "maximum",
        "total",
    )

    def __init__(
        self,
        compiled: CompiledInstrument,
        total: Decimal,
        maximum: Decimal,
        outcomes: dict[str, Outcome],
        comp_values: tuple[tuple[Decimal, Decimal, Decimal, Decimal, bool], ...],
        gate_status: tuple[bool | None, ...],
        tier: int,
        blocked: bool,
        fields: Mapping[str, Any],
    ) -> None:
        self._compiled = compiled
        self.total = total  # unrounded: the basis of the tier decision
        self.maximum = maximum
        self._outcomes = outcomes
        self._comp_values = comp_values
        self._gate_status = gate_status
        self._tier = tier
        self._blocked = blocked
        self._fields = fields

    # -- identity

    @property
    def instrument_id(self) -> str:
        return self._compiled.instrument.id

    @property
    def version_hash(self) -> str:
        return self._compiled.version_hash

    # -- gates and tier

    @property
    def gates(self) -> tuple[GateResult, ...]:
        return tuple(
            GateResult(g.id, g.title_th, "unknown" if s is None else ("passed" if s else "failed"))
            for g, s in zip(self._compiled.gates, self._gate_status, strict=True)
        )

    @property
    def passed(self) -> bool | None:
        """All gates passed (True), one failed (False), or some unknown (None)."""
        if any(s is False for s in self._gate_status):
            return False
        if any(s is None for s in self._gate_status):
            return None
        return True

    @property
    def tier(self) -> str | None:
        return self._compiled.tiers[self._tier].id if self._tier >= 0 else None

    @property
    def tier_label_th(self) -> str:
        instrument = self._compiled.instrument
        if self._tier >= 0:
            return self._compiled.tiers[self._tier].label_th
        if instrument.tiers is None:
            return ""
        if self._blocked:
            return instrument.tiers.failed_gate_label_th
        return instrument.tiers.none_label_th

    @property
    def tier_provisional(self) -> bool:
        """A tier was given while some gate result (e.g. eligibility) is still unknown."""
        return self._tier >= 0 and any(s is None for s in self._gate_status)

    # -- display

    def display_total(self, decimals: int | None = None, thai: bool | None = None) -> str:
        """The total rounded for display only (never used for the tier decision)."""
        display = self._compiled.instrument.display
        places = display.decimals if decimals is None else decimals
        quantum = Decimal(1).scaleb(-places)
        text = format(self.total.quantize(quantum, rounding=ROUNDING[display.rounding]), "f")
        use_thai = display.thai_digits if thai is None else thai
        return to_thai_digits(text) if use_thai else text

    # -- details

    @property
    def computed_fields(self) -> dict[str, Decimal]:
        return {
            name: self._fields[name]
            for name, _fn in self._compiled.computed
            if name in self._fields
        }

    @property
    def indicators(self) -> tuple[IndicatorResult, ...]:
        return tuple(self._indicator(ind) for ind in self._compiled.indicators)

    def levels(self) -> tuple[tuple[str, bool, str | None], ...]:
        """(path, applicable, level id) per indicator: what ``indicators`` tells of each level,
        without rendering the explanations (bulk work compares levels of thousands of results)."""
        found: list[tuple[str, bool, str | None]] = []
        for ind in self._compiled.indicators:
            outcome = self._outcomes.get(ind.path, NOT_APPLICABLE)
            if outcome is NOT_APPLICABLE:
                found.append((ind.path, False, None))
                continue
            target = ind.targets[outcome[1]] if outcome[1] >= 0 else None
            found.append((ind.path, True, target.level_id if target else None))
        return tuple(found)

    def indicator(self, path: str) -> IndicatorResult:
        for ind in self._compiled.indicators:
            if ind.path == path:
                return self._indicator(ind)
        raise KeyError(path)

    def _indicator(self, ind: CIndicator) -> IndicatorResult:
        outcome = self._outcomes.get(ind.path, NOT_APPLICABLE)
        applicable = outcome is not NOT_APPLICABLE
        target = ind.targets[outcome[1]] if outcome[1] >= 0 else None
        return IndicatorResult(
            path=ind.path,
            number=ind.number,
            title_th=ind.title_th,
            rule=ind.kind,
            applicable=applicable,
            points=outcome[0],
            maximum=ind.maximum if applicable else ZERO,
            level=target.level_id if target else None,
            level_label_th=target.level_label_th if target else None,
            matched=outcome[1] if outcome[1] >= 0 else None,
            measure=outcome[2],
            passed=outcome[3],
            explanation_th=explain_outcome(ind, outcome),
        )

    def component_points(self) -> tuple[tuple[str, bool, Decimal, Decimal], ...]:
        """(path, applicable, points, maximum) per component: what ``components`` tells of each
        component's score, without rendering its indicators (bulk work reads thousands)."""
        return tuple(
            (comp.path, values[4], values[2], values[3])
            for comp, values in zip(self._compiled.components, self._comp_values, strict=True)
        )

    @property
    def components(self) -> tuple[ComponentResult, ...]:
        results = []
        for comp, (raw, raw_max, points, comp_max, applicable) in zip(
            self._compiled.components, self._comp_values, strict=True
        ):
            results.append(
                ComponentResult(
                    comp.path,
                    comp.number,
                    comp.title_th,
                    applicable,
                    raw,
                    raw_max,
                    points,
                    comp_max,
                    tuple(self._indicator(i) for i in comp.indicators),
                )
            )
        return tuple(results)

    @property
    def warnings(self) -> tuple[Message, ...]:
        found = []
        for ind in self._compiled.indicators:
            outcome = self._outcomes.get(ind.path, NOT_APPLICABLE)
            code = outcome[4]
            if code is None or code == "not_applicable":
                continue
            found.append(warning_message(ind, outcome))
        for gate, status in zip(self._compiled.gates, self._gate_status, strict=True):
            if status is None:
                found.append(gate_unknown_message(gate))
        return tuple(found)

    def to_dict(self) -> dict[str, Any]:
        return {
            "instrument": self.instrument_id,
            "version": self._compiled.instrument.version,
            "version_hash": self.version_hash,
            "overrides": self._compiled.overrides,
            "total": fmt_number(self.total, thai=False),
            "total_display": self.display_total(),
            "maximum": fmt_number(self.maximum, thai=False),
            "passed": self.passed,
            "tier": self.tier,
            "tier_label_th": self.tier_label_th,
            "tier_provisional": self.tier_provisional,
            "gates": [{"id": g.id, "title_th": g.title_th, "status": g.status} for g in self.gates],
            "components": [
                {
                    "path": c.path,
                    "number": c.number,
                    "title_th": c.title_th,
                    "applicable": c.applicable,
                    "raw": fmt_number(c.raw, thai=False),
                    "raw_maximum": fmt_number(c.raw_maximum, thai=False),
                    "points": fmt_number(c.points, thai=False),
                    "maximum": fmt_number(c.maximum, thai=False),
                    "indicators": [i.to_dict() for i in c.indicators],
                }
                for c in self.components
            ],
            "computed_fields": {
                k: fmt_number(v, thai=False) for k, v in self.computed_fields.items()
            },
            "warnings": [w.to_dict() for w in self.warnings],
        }
