"""The two operations on a whole answers document: validate it, or make an empty one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pramoen.instruments.answers.specs import TOP_LEVEL_KEYS, Plan, answer_key, plan_for
from pramoen.instruments.answers.validator import AnswerError, Validator, validate_evidence
from pramoen.instruments.schema import Condition, Instrument


def validate_answers(
    instrument: Instrument, answers: Any, *, partial: bool = False
) -> list[AnswerError]:
    """Every problem with ``answers`` for ``instrument`` (empty list = valid).

    ``partial=True`` accepts unanswered indicators and fields (a judge saving work in progress).
    """
    check = Validator(instrument, partial)
    if not isinstance(answers, dict):
        check.error(
            "", "wrong_type", "เอกสารคำตอบต้องเป็น JSON object", "answers must be a JSON object"
        )
        return check.errors
    for key in answers:
        if key not in TOP_LEVEL_KEYS:
            check.error(key, "unknown_id", f"ไม่รู้จักคีย์ {key!r}", f"unknown top-level key {key!r}")
    named = answers.get("instrument")
    if named is not None and named != instrument.id:
        check.error(
            "instrument",
            "wrong_instrument",
            f"คำตอบนี้เป็นของแบบประเมิน {named!r} ไม่ใช่ {instrument.id!r}",
            f"answers are for {named!r}, not {instrument.id!r}",
        )
    fields = check.fields(answers.get("fields"))
    check.required_fields(
        fields, _holds(plan_for(instrument), fields, answers.get("indicators") or {})
    )
    _check_indicators(check, instrument, fields, answers.get("indicators"))
    eligibility = answers.get("eligibility")
    if eligibility is not None:
        if not isinstance(eligibility, dict):
            check.error(
                "eligibility", "wrong_type", "ต้องเป็น object", "eligibility must be an object"
            )
        else:
            for key, value in eligibility.items():
                if value is not None and not isinstance(value, bool):
                    check.error(
                        f"eligibility.{key}", "wrong_type", "ต้องเป็นจริง/เท็จ", "expected true/false"
                    )
    evidence = answers.get("evidence")
    if evidence is not None:
        validate_evidence(check, instrument, evidence)
    return check.errors


def indicator_errors(
    instrument: Instrument, answers: dict[str, Any], *, partial: bool = False
) -> list[AnswerError]:
    """Exactly the errors of :func:`validate_answers` whose path starts with ``indicators``,
    without checking the fields, evidence and eligibility parts (bulk rescoring re-reads
    applicant data that was checked when it was entered; the judges' answers are what it
    reports). ``answers`` must be a dict whose keys are all ``TOP_LEVEL_KEYS``."""
    check = Validator(instrument, partial)
    fields = answers.get("fields")
    # What Validator.fields hands on: the dict itself, or {} when missing or not a dict.
    fields = fields if isinstance(fields, dict) else {}
    _check_indicators(check, instrument, fields, answers.get("indicators"))
    return check.errors


def _holds(plan: Plan, fields: Any, given: Any) -> Callable[[Condition], bool]:
    def holds(condition: Condition) -> bool:
        return plan.holds(condition, fields, given)

    return holds


def _check_indicators(check: Validator, instrument: Instrument, fields: Any, given: Any) -> None:
    """The ``indicators`` part: each answer's shape and, unless partial, the required ones."""
    given = given or {}
    plan = plan_for(instrument)

    def holds(condition: Condition) -> bool:
        return plan.holds(condition, fields, given)

    if not isinstance(given, dict):
        check.error(
            "indicators", "wrong_type", "indicators ต้องเป็น object", "indicators must be an object"
        )
        given = {}
    indicators = plan.indicators
    for path, answer in given.items():
        if path not in indicators:
            check.error(
                f"indicators.{path}",
                "unknown_id",
                f"ไม่มีตัวชี้วัด {path}",
                f"unknown indicator id {path!r}",
            )
            continue
        check.indicator(f"indicators.{path}", indicators[path][1], answer)
    if not check.partial:
        for path, (comp, spec) in indicators.items():
            key, ind = spec.key, spec.indicator
            if key is None:
                continue
            if comp.applies_when is not None and not holds(comp.applies_when):
                continue
            if ind.applies_when is not None and not holds(ind.applies_when):
                continue
            answer = given.get(path)
            has = isinstance(answer, dict) and (
                answer.get(key) is not None
                or (key == "checked" and answer.get("pass") is not None)
                or (spec.allows_none and answer.get("none") is True)
            )
            if not has:
                check.error(
                    f"indicators.{path}",
                    "missing",
                    f"ยังไม่ได้ประเมินตัวชี้วัด {ind.number or path}",
                    f"missing required answer for indicator {path}",
                )


def answers_template(instrument: Instrument) -> dict[str, Any]:
    """An empty answers skeleton: every field and judge-answered indicator, with empty values."""
    fields: dict[str, Any] = {}
    for spec in instrument.form.fields:
        if spec.computed:
            continue
        if spec.type == "table" or (spec.type == "choice" and spec.multiple):
            fields[spec.id] = []
        else:
            fields[spec.id] = None
    indicators: dict[str, Any] = {}
    for path, _comp, ind in instrument.iter_indicators():
        key = answer_key(instrument, ind)
        if key == "checked":
            indicators[path] = {"checked": []}
        elif key is not None:
            indicators[path] = {key: None}
    document: dict[str, Any] = {
        "instrument": instrument.id,
        "fields": fields,
        "indicators": indicators,
    }
    eligibility = [g.instrument for g in instrument.gates if g.kind == "eligibility"]
    if eligibility:
        document["eligibility"] = dict.fromkeys(eligibility)
    if instrument.form.evidence:
        document["evidence"] = {e.id: [] for e in instrument.form.evidence}
    return document
