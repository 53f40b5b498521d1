"""Exact scoring of answers against an instrument: the entry points.

An instrument is compiled ONCE into tuples and closures (:func:`compile_instrument`, in
:mod:`~pramoen.instruments.compiler`); evaluating answers then never walks the pydantic models.
``CompiledInstrument.evaluate`` (:mod:`~pramoen.instruments.compiled`) is the fast path for
answers already checked by :func:`pramoen.instruments.answers.validate_answers`; :func:`score`
validates first and raises :class:`AnswersInvalid` with every problem.

Decimal throughout. The total used for tiers is the UNROUNDED total; display rounding is a
separate, explicit step (``ScoreResult.display_total``). Thai explanations ("ทำได้ ๗ รายการ →
ดีเยี่ยม → ๑๕ คะแนน") and warnings are rendered lazily from the recorded facts
(:mod:`~pramoen.instruments.results`, :mod:`~pramoen.instruments.explanations`), so they cost
nothing on the hot path.

The names other modules import from here (``ScoreResult``, ``CompiledInstrument``,
``compile_instrument``, ``CompileError``, ``fmt_number`` …) are re-exported from their modules.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pramoen.instruments.answers import validate_answers
from pramoen.instruments.compiled import CompiledInstrument
from pramoen.instruments.compiler import CompileError, compile_instrument
from pramoen.instruments.conditions import ConditionCompiler
from pramoen.instruments.explanations import explain_outcome
from pramoen.instruments.formatting import ROUNDING, fmt_number
from pramoen.instruments.messages import Message
from pramoen.instruments.results import (
    ComponentResult,
    GateResult,
    IndicatorResult,
    ScoreResult,
)
from pramoen.instruments.schema import EvidenceSlot, Instrument
from pramoen.instruments.structure import Ctx

__all__ = [
    "AnswersInvalid",
    "CompileError",
    "CompiledInstrument",
    "ComponentResult",
    "GateResult",
    "IndicatorResult",
    "Message",
    "ScoreResult",
    "applicable_evidence",
    "compile_instrument",
    "compiled_for",
    "explain_outcome",
    "fmt_number",
    "score",
]

# judging.services.results rounds stored totals the way ScoreResult.display_total does.
_ROUNDING = ROUNDING


class AnswersInvalid(ValueError):
    """Answers that do not fit the instrument; ``errors`` carry answer paths and messages."""

    def __init__(self, errors: list[Any]) -> None:
        self.errors = errors
        super().__init__("; ".join(str(e) for e in errors))


_CACHE: dict[int, tuple[Instrument, CompiledInstrument]] = {}


def compiled_for(instrument: Instrument) -> CompiledInstrument:
    """Compile with a small identity cache (instruments are treated as immutable)."""
    hit = _CACHE.get(id(instrument))
    if hit is not None and hit[0] is instrument:
        return hit[1]
    compiled = compile_instrument(instrument)
    if len(_CACHE) > 64:
        _CACHE.clear()
    _CACHE[id(instrument)] = (instrument, compiled)
    return compiled


def score(
    instrument: Instrument | CompiledInstrument,
    answers: Mapping[str, Any],
    overrides: Mapping[str, Any] | None = None,
) -> ScoreResult:
    """Validate ``answers`` and score them; raises AnswersInvalid or CompileError."""
    if isinstance(instrument, CompiledInstrument):
        compiled = instrument
        if overrides:
            compiled = compile_instrument(compiled.instrument, overrides)
    elif overrides:
        compiled = compile_instrument(instrument, overrides)
    else:
        compiled = compiled_for(instrument)
    errors = validate_answers(compiled.instrument, answers)
    if errors:
        raise AnswersInvalid(errors)
    return compiled.evaluate(answers)


def applicable_evidence(instrument: Instrument, fields: Mapping[str, Any]) -> list[EvidenceSlot]:
    """The evidence slots whose ``applies_when`` holds for these form answers, in form order.

    Uses the same condition compiler as fields and indicators, so "which evidence does this
    submitter owe" (e.g. KPI 10's student-intake plan, asked only of secondary ESAs) has exactly
    the semantics the scoring has.
    """
    compiler = ConditionCompiler(instrument)
    context: Ctx = (dict(fields), {}, {}, {})
    applicable: list[EvidenceSlot] = []
    for slot in instrument.form.evidence:
        if slot.applies_when is None:
            applicable.append(slot)
            continue
        holds = compiler.condition(slot.applies_when, f"evidence.{slot.id}", set())
        if compiler.problems:
            raise CompileError(compiler.problems)
        if holds(context):
            applicable.append(slot)
    return applicable
