"""The bridge between stored answers and the instrument engine (one place builds the document)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pramoen.core.instrument_store import instrument_pinned
from pramoen.instruments import answers_template, validate_answers
from pramoen.instruments.answers import TOP_LEVEL_KEYS, indicator_errors
from pramoen.instruments.expr import ExpressionError, compile_expression, to_decimal
from pramoen.instruments.schema import (
    Condition,
    ConditionLevels,
    FormField,
    ItemChoice,
    LevelChoice,
    NumericThresholds,
    PassFail,
    UseDefinition,
)
from pramoen.instruments.scoring import (
    CompiledInstrument,
    ScoreResult,
    compile_instrument,
    fmt_number,
)
from pramoen.thai import to_arabic_digits, to_thai_digits


@lru_cache(maxsize=64)
def _compiled(instrument_id: str, pinned_hash: str) -> CompiledInstrument:
    # The pinned version itself (library, archive or snapshot), never the current library file:
    # a campaign judged on an older version recomputes with that version.
    return compile_instrument(instrument_pinned(instrument_id, pinned_hash))


def pinned_scoring(category: Any) -> CompiledInstrument:
    """The scoring instrument a group pinned, checked against its version hash."""
    return _compiled(category.scoring_instrument_id, category.scoring_instrument_hash)


def none_label(compiled: CompiledInstrument, indicator: Any) -> str:
    """The label of a choice rule's explicit "none applies" option, or "" when it has none."""
    rule = _rule(compiled, indicator.rule)
    option = getattr(rule, "none", None) if isinstance(rule, LevelChoice | ItemChoice) else None
    return option.label_th if option is not None else ""


def answer_shapes(compiled: CompiledInstrument) -> dict[str, dict[str, Any]]:
    """Indicator path → the empty answer it takes (``{"checked": []}``, ``{"level": None}``…).

    Indicators computed from the applicant's data take no answer and are absent.
    """
    return answers_template(compiled.instrument).get("indicators", {})


@dataclass(frozen=True, slots=True)
class Scored:
    result: ScoreResult | None
    problems: tuple[str, ...]


def document(
    *, compiled: CompiledInstrument, entry: Any, indicators: dict[str, Any], eligible: bool | None
) -> dict[str, Any]:
    """The full answers document: the applicant's fields and evidence + the judge's indicators."""
    part = (entry.answers or {}).get("scoring") or {}
    doc: dict[str, Any] = {
        "instrument": compiled.instrument.id,
        "fields": part.get("fields") or {},
        "evidence": part.get("evidence") or {},
        "indicators": indicators,
    }
    for gate in compiled.gates:
        if gate.kind == "eligibility" and gate.instrument:
            doc.setdefault("eligibility", {})[gate.instrument] = eligible
    return doc


_TOP_LEVEL = frozenset(TOP_LEVEL_KEYS)


def score_document(compiled: CompiledInstrument, doc: dict[str, Any], *, partial: bool) -> Scored:
    """Score, reporting only the judges' problems (the applicant's part was checked at entry)."""
    if _TOP_LEVEL.issuperset(doc):
        # Only the judges' problems are reported, so only the indicators part is checked (the
        # same checks, in the same order: tests/instruments/test_indicator_errors.py).
        errors = indicator_errors(compiled.instrument, doc, partial=partial)
    else:
        errors = validate_answers(compiled.instrument, doc, partial=partial)
    mine = [e for e in errors if e.path.startswith("indicators")]
    if mine:
        return Scored(None, tuple(f"{e.path}: {e.message_th}" for e in mine))
    return score_validated(compiled, doc)


def score_validated(compiled: CompiledInstrument, doc: dict[str, Any]) -> Scored:
    """The engine step of ``score_document`` alone, for answers proven valid against this very
    instrument (``judging.proof``): the same result, without checking them again."""
    try:
        return Scored(compiled.evaluate(doc), ())
    except (
        TypeError,
        ValueError,
        KeyError,
        ArithmeticError,
    ) as exc:  # applicant data the engine rejects
        return Scored(None, (f"คำนวณคะแนนไม่ได้: {exc}",))


# ----------------------------------------------------------- numbers the applicant supplied
#
# Issue 6: "numbers the applicant supplied (hours, percentages) prefill their indicators and the
# judge confirms". The engine reads these numbers from the entry's ``fields`` only: a
# numeric_thresholds rule with an ``input`` expression and the field conditions of a
# condition_levels / pass_fail rule take no judge answer (``answer_shapes`` leaves them out), so
# a judge's typed value could not override the field without a second, diverging copy of the
# applicant's data. The judge therefore *confirms* the value against the evidence (a checkbox);
# a wrong number goes back to the applicant's data through the ESA, not through the review.


@dataclass(frozen=True, slots=True)
class ApplicantValue:
    label_th: str
    value_th: str


def _rule(compiled: CompiledInstrument, rule: Any) -> Any:
    if isinstance(rule, UseDefinition):
        return compiled.instrument.definitions.get(rule.name)
    return rule


def _condition_fields(cond: Condition | None, out: list[str]) -> None:
    if cond is None:
        return
    if cond.field is not None:
        out.append(cond.field)
    for part in (cond.all or []) + (cond.any or []):
        _condition_fields(part, out)
    _condition_fields(cond.not_, out)


def _applicant_expressions(compiled: CompiledInstrument, rule: Any) -> list[tuple[str, str]]:
    """(expression, unit) pairs of applicant data a rule reads, in rule order, no repeats."""
    rule = _rule(compiled, rule)
    found: list[tuple[str, str]] = []
    if isinstance(rule, NumericThresholds) and rule.input:
        found.append((rule.input, rule.unit_th or ""))
    elif isinstance(rule, ConditionLevels | PassFail):
        exprs: list[str] = []
        if isinstance(rule, ConditionLevels):
            for case in rule.cases:
                _condition_fields(case.when, exprs)
        else:
            _condition_fields(rule.also, exprs)
        found.extend((e, "") for e in exprs)
    seen: set[str] = set()
    return [(e, u) for e, u in found if not (e in seen or seen.add(e))]


_COLUMN = re.compile(r"\b([A-Za-z_]\w*)\.([A-Za-z_]\w*)\b")


def _number_th(value: Any, thai: bool) -> str | None:
    number = to_decimal(value)
    return None if number is None else fmt_number(number, thai=thai)


def _field_value(field: FormField, raw: Any, thai: bool) -> str:
    if raw is None or raw == "" or raw == []:
        return "ไม่ได้กรอก"
    if field.type == "choice":
        labels = {c.value: c.label_th for c in field.choices or []}
        values = raw if isinstance(raw, list) else [raw]
        return ", ".join(labels.get(str(v), str(v)) for v in values)
    if field.type == "table":
        return f"{fmt_number(len(raw), thai=thai) if isinstance(raw, list) else raw} แถว"
    if field.type in ("integer", "decimal", "percent"):
        text = _number_th(raw, thai) or str(raw)
        if field.type == "percent":
            return f"ร้อยละ {text}"
        return f"{text} {field.unit_th}".strip() if field.unit_th else text
    if field.type == "boolean":
        return "ใช่" if raw is True else "ไม่ใช่"
    return str(raw)


def _with_computed(compiled: CompiledInstrument, fields: dict[str, Any]) -> dict[str, Any]:
    # The same derivation the engine applies before scoring (CompiledInstrument.evaluate).
    out = dict(fields)
    for name, fn in compiled.computed:
        try:
            value = fn(out)
        except (ExpressionError, TypeError, ValueError, ArithmeticError):
            value = None
        if value is not None:
            out[name] = value
    return out


def applicant_values(
    compiled: CompiledInstrument, entry: Any
) -> dict[str, tuple[ApplicantValue, ...]]:
    """Indicator path → the applicant's values its rule reads, as the scoring page shows them."""
    instrument = compiled.instrument
    thai = compiled.instrument.display.thai_digits
    part = (entry.answers or {}).get("scoring") or {}
    fields = _with_computed(compiled, part.get("fields") or {})
    found: dict[str, tuple[ApplicantValue, ...]] = {}
    for comp in compiled.instrument.rubric.components:
        for ind in comp.indicators:
            values = []
            for expression, unit in _applicant_expressions(compiled, ind.rule):
                field = instrument.field(expression)
                if field is not None:
                    values.append(
                        ApplicantValue(
                            field.label_th, _field_value(field, fields.get(expression), thai)
                        )
                    )
                    continue
                try:
                    number = compile_expression(expression)(fields)
                except (ExpressionError, TypeError, ValueError, ArithmeticError):
                    number = None
                text = "ไม่ได้กรอก" if number is None else fmt_number(number, thai=thai)
                if number is not None and unit:
                    text = f"{text} {unit}"
                values.append(ApplicantValue(_expression_label(compiled, expression), text))
            if values:
                found[f"{comp.id}.{ind.id}"] = tuple(values)
    return found


def _expression_label(compiled: CompiledInstrument, expression: str) -> str:
    """ "รวมจำนวนชั่วโมง" for ``sum(self_dev_log.hours)``; the field labels otherwise."""
    instrument = compiled.instrument
    labels = []
    for table_id, column_id in _COLUMN.findall(expression):
        table = instrument.field(table_id)
        column = (
            next((c for c in (table.columns or []) if c.id == column_id), None) if table else None
        )
        if column is not None:
            labels.append(f"รวม{column.label_th}")
    if labels:
        return ", ".join(labels)
    return expression


def confirmation_key(values: tuple[ApplicantValue, ...]) -> str:
    """What a judge confirmed: the values as shown, so a later change to the applicant's data
    voids the confirmation."""
    return "; ".join(f"{v.label_th}: {v.value_th}" for v in values)


def printed_number(instrument: Any, number: Any) -> str:
    """A printed number (component, indicator, item) in the instrument's digits setting, so a
    page never mixes "๑. ๕. 3. ๖." (issue 20); the seeds print some in Thai, some in Arabic."""
    text = "" if number is None else str(number)
    return to_thai_digits(text) if instrument.display.thai_digits else to_arabic_digits(text)


def indicator_label_th(instrument: Any, path: str) -> str:
    """ "4 ด้านการบริหารจัดการ" for ``c1.i4`` — what people read instead of the path."""
    indicator = instrument.indicator(path)
    if indicator is None:
        return "ตัวชี้วัดที่ไม่มีในเกณฑ์ฉบับนี้"
    return f"{printed_number(instrument, indicator.number)} {indicator.title_th}".strip()
