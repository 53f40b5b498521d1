"""An instrument compiled for fast, repeated evaluation of already validated answers.

``CompiledInstrument.evaluate`` is the hot path: flat tuples prepared in ``__post_init__``, one
closure per indicator, Decimal arithmetic, and a :class:`~pramoen.instruments.results.ScoreResult`
that renders its details lazily. The total used for tiers is the UNROUNDED total.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pramoen.instruments.results import ScoreResult
from pramoen.instruments.schema import Instrument
from pramoen.instruments.structure import (
    EMPTY,
    NOT_APPLICABLE,
    NOT_APPLICABLE_COMPONENT,
    ZERO,
    CComponent,
    CGate,
    CIndicator,
    CTier,
    Ctx,
    Outcome,
)


@dataclass(slots=True)
class CompiledInstrument:
    """An instrument ready to score many answers quickly."""

    instrument: Instrument
    version_hash: str
    components: tuple[CComponent, ...]
    indicators: tuple[CIndicator, ...]
    order: tuple[int, ...]
    gates: tuple[CGate, ...]
    tiers: tuple[CTier, ...]
    computed: tuple[tuple[str, Callable[[Mapping[str, Any]], Decimal | None]], ...]
    overrides: dict[str, Any] = field(default_factory=dict)
    _steps: tuple[Any, ...] = field(init=False, repr=False)
    _comp_steps: tuple[Any, ...] = field(init=False, repr=False)
    _gate_steps: tuple[Any, ...] = field(init=False, repr=False)
    _tier_steps: tuple[Any, ...] = field(init=False, repr=False)

    @property
    def id(self) -> str:
        return self.instrument.id

    @property
    def static_maximum(self) -> Decimal:
        total = ZERO
        for comp in self.components:
            total += (
                comp.scale_to
                if comp.scale_to is not None
                else sum((i.maximum for i in comp.indicators), ZERO)
            )
        return total

    def __post_init__(self) -> None:
        # Flat tuples for the hot path: no attribute walks per evaluation.
        self._steps = tuple(
            (self.indicators[n].path, self.indicators[n].applies, self.indicators[n].evaluate)
            for n in self.order
        )
        self._comp_steps = tuple(
            (
                comp.applies,
                tuple(i.path for i in comp.indicators),
                tuple((i.path, i.maximum) for i in comp.indicators),
                comp.scale_to,
                comp.scale_full,
                sum((i.maximum for i in comp.indicators), ZERO),
            )
            for comp in self.components
        )
        self._gate_steps = tuple(
            (g.kind == "eligibility", g.instrument, g.indicators, g.blocks_tier) for g in self.gates
        )
        self._tier_steps = tuple(
            (n, t.lo, t.hi, t.lo_incl, t.hi_incl) for n, t in enumerate(self.tiers)
        )

    def evaluate(self, answers: Mapping[str, Any]) -> ScoreResult:
        """Score answers that already passed validation (the fast path)."""
        fields = answers.get("fields") or EMPTY
        if self.computed:
            fields = dict(fields)
            for name, fn in self.computed:
                value = fn(fields)
                if value is not None:
                    fields[name] = value
        given = answers.get("indicators") or EMPTY
        outcomes: dict[str, Outcome] = {}
        ctx: Ctx = (fields, given, outcomes, {})
        any_na = False
        for path, applies, evaluate in self._steps:
            if applies is not None and not applies(ctx):
                outcomes[path] = NOT_APPLICABLE
                any_na = True
                continue
            outcomes[path] = evaluate(given.get(path), ctx)
        total = ZERO
        maximum = ZERO
        comp_values = []
        for applies, paths, members, scale_to, scale_full, static_max in self._comp_steps:
            if applies is not None and not applies(ctx):
                comp_values.append(NOT_APPLICABLE_COMPONENT)
                for path in paths:
                    outcomes[path] = NOT_APPLICABLE
                continue
            raw = ZERO
            if any_na:
                raw_max = ZERO
                for path, top in members:
                    outcome = outcomes[path]
                    if outcome is not NOT_APPLICABLE:
                        raw += outcome[0]
                        raw_max += top
            else:
                raw_max = static_max
                for path in paths:
                    raw += outcomes[path][0]
            if scale_to is not None:
                full = scale_full if scale_full is not None else raw_max
                points = scale_to * raw / full if full else ZERO
                comp_max = scale_to
            else:
                points = raw
                comp_max = raw_max
            total += points
            maximum += comp_max
            comp_values.append((raw, raw_max, points, comp_max, True))
        gate_status = []
        blocked = False
        if self._gate_steps:
            eligibility = answers.get("eligibility") or EMPTY
            for is_eligibility, instrument, paths, blocks in self._gate_steps:
                if is_eligibility:
                    value = eligibility.get(instrument)
                    status = None if value is None else value is True
                else:
                    status = True
                    for path in paths:
                        outcome = outcomes.get(path, NOT_APPLICABLE)
                        if outcome is not NOT_APPLICABLE and outcome[3] is not True:
                            status = False
                            break
                gate_status.append(status)
                if status is False and blocks:
                    blocked = True
        tier = -1
        if not blocked:
            for n, lo, hi, lo_incl, hi_incl in self._tier_steps:
                if lo is not None and (total < lo or (total == lo and not lo_incl)):
                    continue
                if hi is not None and (total > hi or (total == hi and not hi_incl)):
                    continue
                tier = n
                break
        return ScoreResult(
            self,
            total,
            maximum,
            outcomes,
            tuple(comp_values),
            tuple(gate_status),
            tier,
            blocked,
            fields,
        )
