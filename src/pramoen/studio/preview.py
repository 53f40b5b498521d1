"""Try it: the applicant's form and the judge's view of a draft, and sample answers scored by the
engine (total, tier and the Thai explanation of each indicator).

The form's required marks are relaxed for trying (an author tries the rubric without typing a
name and a school first); indicators are scored exactly as a campaign would.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pramoen.instruments import AnswersInvalid, CompileError, Instrument, ScoreResult, score
from pramoen.instruments.answers import answer_key
from pramoen.thai import to_arabic_digits


@dataclass
class JudgeRow:
    path: str
    number: str
    title_th: str
    key: str | None  # checked | level | choice | value | None (computed)
    options: list[tuple[str, str]] = field(default_factory=list)
    none_label: str = ""


@dataclass
class ComponentRows:
    title_th: str
    rows: list[JudgeRow]


def judge_view(instrument: Instrument) -> list[ComponentRows]:
    found = []
    for comp in instrument.rubric.components:
        rows = []
        for ind in comp.indicators:
            path = f"{comp.id}.{ind.id}"
            key = answer_key(instrument, ind)
            rule = instrument.resolve_rule(ind.rule)
            options: list[tuple[str, str]] = []
            if key == "checked":
                options = [
                    (str(n), f"{item.number or n} {item.text_th}")
                    for n, item in enumerate(ind.items, start=1)
                ]
            elif key == "level":
                options = [
                    (
                        lv.id,
                        f"{lv.label_th}"
                        + (f" ({lv.points} คะแนน)" if lv.points is not None else ""),
                    )
                    for lv in ind.levels
                ]
            elif key == "choice":
                allowed = {str(o.item) for o in getattr(rule, "options", [])}
                options = [
                    (str(n), f"{item.number or n} {item.text_th}")
                    for n, item in enumerate(ind.items, start=1)
                    if str(n) in allowed or item.id in allowed
                ]
            none = getattr(rule, "none", None)
            rows.append(
                JudgeRow(
                    path,
                    ind.number or "",
                    ind.title_th,
                    key,
                    options,
                    none.label_th if none else "",
                )
            )
        found.append(ComponentRows(comp.title_th, rows))
    return found


def for_trying(instrument: Instrument) -> Instrument:
    """The instrument with every form field and evidence slot optional."""
    data = instrument.model_dump(mode="json", by_alias=True, exclude_none=True)
    data = copy.deepcopy(data)
    for f in data.get("form", {}).get("fields", []):
        f["required"] = False
    for e in data.get("form", {}).get("evidence", []):
        e["required"] = False
    return Instrument.model_validate(data)


def _number(text: str) -> str | None:
    plain = to_arabic_digits(text).strip()
    return plain or None


def answers_from(instrument: Instrument, data: Mapping[str, Any]) -> dict[str, Any]:
    """The answers document of the try-it form (``data`` is a QueryDict-like mapping)."""
    fields: dict[str, Any] = {}
    for f in instrument.form.fields:
        name = f"field-{f.id}"
        if f.type == "table":
            continue
        if f.type == "choice" and f.multiple:
            values = data.getlist(name) if hasattr(data, "getlist") else []
            if values:
                fields[f.id] = values
            continue
        raw = str(data.get(name, "")).strip()
        if not raw:
            continue
        if f.type in ("integer", "decimal", "percent"):
            fields[f.id] = _number(raw)
        elif f.type == "boolean":
            fields[f.id] = raw == "1"
        else:
            fields[f.id] = raw
    indicators: dict[str, Any] = {}
    for comp in instrument.rubric.components:
        for ind in comp.indicators:
            path = f"{comp.id}.{ind.id}"
            key = answer_key(instrument, ind)
            name = f"ind-{path}"
            if key == "checked":
                values = data.getlist(name) if hasattr(data, "getlist") else []
                indicators[path] = {"checked": sorted({int(v) for v in values if v.isdigit()})}
            elif key in ("level", "choice", "value"):
                raw = str(data.get(name, "")).strip()
                if raw == "__none__":
                    indicators[path] = {"none": True}
                elif raw:
                    if key == "choice":
                        indicators[path] = {"choice": int(raw) if raw.isdigit() else raw}
                    elif key == "value":
                        indicators[path] = {"value": _number(raw)}
                    else:
                        indicators[path] = {"level": raw}
    eligibility = {
        gate.instrument: data.get(f"gate-{gate.id}") == "1"
        for gate in instrument.gates
        if gate.kind == "eligibility" and gate.instrument
    }
    answers: dict[str, Any] = {"fields": fields, "indicators": indicators}
    if eligibility:
        answers["eligibility"] = eligibility
    return answers


@dataclass
class Trial:
    result: ScoreResult | None
    errors: list[str]


def try_score(instrument: Instrument, data: Mapping[str, Any]) -> Trial:
    trying = for_trying(instrument)
    try:
        return Trial(score(trying, answers_from(trying, data)), [])
    except AnswersInvalid as exc:
        return Trial(None, [getattr(e, "message_th", str(e)) for e in exc.errors])
    except CompileError:
        return Trial(None, ["แบบประเมินนี้ยังมีข้อผิดพลาด จึงคำนวณคะแนนไม่ได้ กรุณาแก้ตามผลการตรวจ"])
