"""Answers documents: validation with precise, bilingual errors, and empty templates.

An answers document is JSON keyed by stable ids (see docs/instruments.md)::

    {"instrument": "...", "fields": {...}, "indicators": {"c1.i1": {"checked": [1, 2]}},
     "eligibility": {"<instrument id>": true}, "evidence": {"<slot>": [{"file": .., "pages": ..}]}}

Every error names the answer path (``indicators.c1.i1.checked[2]``) and says what is wrong in
Thai and English: unknown id, wrong type, item number out of range, level outside the scale,
missing required answer.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pramoen.instruments.conditions import ConditionCompiler
from pramoen.instruments.expr import to_decimal
from pramoen.instruments.schema import (
    FormField,
    Indicator,
    Instrument,
    ItemChoice,
    LevelChoice,
    NumericThresholds,
    UseDefinition,
)

TOP_LEVEL_KEYS = ("instrument", "version_hash", "fields", "indicators", "eligibility", "evidence")
_PAGES_RE = re.compile(r"^\s*\d+(\s*-\s*\d+)?(\s*,\s*\d+(\s*-\s*\d+)?)*\s*$")
_INTEGER_RE = re.compile(r"^\s*-?\d+\s*$")

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


@dataclass(frozen=True)
class AnswerError:
    path: str
    code: str
    message_th: str
    message_en: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message_en} / {self.message_th}"

    def to_dict(self) -> dict[str, str]:
        return {
            "path": self.path,
            "code": self.code,
            "message_th": self.message_th,
            "message_en": self.message_en,
        }


def _th(number: int) -> str:
    return str(number).translate(_TO_THAI)


_TO_THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def _type_name(value: Any) -> str:
    return type(value).__name__


def effective_rule_kind(instrument: Instrument, indicator: Indicator) -> str:
    rule = indicator.rule
    if isinstance(rule, UseDefinition):
        resolved = instrument.definitions.get(rule.name)
        return resolved.kind if resolved is not None else "use"
    return rule.kind


def answer_key(instrument: Instrument, indicator: Indicator) -> str | None:
    kind = effective_rule_kind(instrument, indicator)
    if kind == "numeric_thresholds":
        rule = indicator.rule
        if isinstance(rule, UseDefinition):
            rule = instrument.definitions[rule.name]
        assert isinstance(rule, NumericThresholds)
        return "value" if rule.input is None else None
    return ANSWER_KEY.get(kind)


@dataclass(frozen=True)
class _IndicatorSpec:
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


def _indicator_spec(instrument: Instrument, indicator: Indicator) -> _IndicatorSpec:
    kind = effective_rule_kind(instrument, indicator)
    key = answer_key(instrument, indicator)
    allowed = {"note"}
    if key is not None:
        allowed.add(key)
    if kind == "pass_fail":
        allowed.add("pass")
    positions = {item.id: n for n, item in enumerate(indicator.items, start=1)}
    rule = indicator.rule
    if isinstance(rule, UseDefinition):
        rule = instrument.definitions.get(rule.name, rule)
    options = None
    if isinstance(rule, ItemChoice):
        options = frozenset(
            o.item if isinstance(o.item, int) else positions.get(o.item) for o in rule.options
        )
    allows_none = isinstance(rule, ItemChoice | LevelChoice) and rule.none is not None
    if allows_none:
        allowed.add("none")
    return _IndicatorSpec(
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


class _Validator:
    def __init__(self, instrument: Instrument, partial: bool) -> None:
        self.instrument = instrument
        self.partial = partial
        self.errors: list[AnswerError] = []

    def error(self, path: str, code: str, th: str, en: str) -> None:
        self.errors.append(AnswerError(path, code, th, en))

    # -- fields

    def value(self, path: str, spec: FormField, value: Any) -> None:
        kind = spec.type
        if kind in ("integer", "decimal", "percent"):
            if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
                self.error(
                    path,
                    "wrong_type",
                    f"ต้องเป็นตัวเลข (ได้ {_type_name(value)})",
                    f"expected a number, got {_type_name(value)}",
                )
                return
            number = to_decimal(value)
            if number is None:
                self.error(path, "wrong_type", "ต้องเป็นตัวเลข", f"not a number: {value!r}")
                return
            if kind == "integer" and (
                number != number.to_integral_value()
                or (isinstance(value, str) and not _INTEGER_RE.match(value))
            ):
                self.error(path, "wrong_type", "ต้องเป็นจำนวนเต็ม", f"expected an integer: {value!r}")
                return
            if spec.min is not None and number < spec.min:
                self.error(
                    path,
                    "out_of_range",
                    f"ต้องไม่น้อยกว่า {spec.min}",
                    f"{number} is below the minimum {spec.min}",
                )
            if spec.max is not None and number > spec.max:
                self.error(
                    path,
                    "out_of_range",
                    f"ต้องไม่เกิน {spec.max}",
                    f"{number} is above the maximum {spec.max}",
                )
        elif kind == "text":
            if not isinstance(value, str):
                self.error(
                    path, "wrong_type", "ต้องเป็นข้อความ", f"expected text, got {_type_name(value)}"
                )
            elif spec.max_length is not None and len(value) > spec.max_length:
                self.error(
                    path,
                    "too_long",
                    f"ข้อความยาวเกิน {spec.max_length} ตัวอักษร",
                    f"text longer than {spec.max_length} characters",
                )
        elif kind == "boolean":
            if not isinstance(value, bool):
                self.error(
                    path,
                    "wrong_type",
                    "ต้องเป็นจริง/เท็จ",
                    f"expected true/false, got {_type_name(value)}",
                )
        elif kind == "date":
            try:
                if not isinstance(value, str):
                    raise ValueError
                dt.date.fromisoformat(value)
            except ValueError:
                self.error(
                    path,
                    "wrong_type",
                    "วันที่ต้องอยู่ในรูปแบบ ปปปป-ดด-วว (ค.ศ.)",
                    f"expected an ISO date: {value!r}",
                )
        elif kind == "choice":
            allowed = {c.value for c in spec.choices or []}
            values = value if spec.multiple and isinstance(value, list) else [value]
            if spec.multiple and not isinstance(value, list):
                self.error(path, "wrong_type", "ต้องเป็นรายการตัวเลือก", "expected a list of choices")
                return
            for n, choice in enumerate(values):
                where = f"{path}[{n}]" if spec.multiple else path
                if not isinstance(choice, str) or choice not in allowed:
                    self.error(
                        where,
                        "unknown_choice",
                        f"ไม่มีตัวเลือก {choice!r}",
                        f"{choice!r} is not one of {sorted(allowed)}",
                    )
        elif kind == "table":
            self.table(path, spec, value)

    def table(self, path: str, spec: FormField, rows: Any) -> None:
        if not isinstance(rows, list):
            self.error(path, "wrong_type", "ต้องเป็นตาราง (รายการแถว)", "expected a list of rows")
            return
        if spec.min_rows is not None and len(rows) < spec.min_rows:
            self.error(path, "too_few_rows", f"ต้องมีอย่างน้อย {spec.min_rows} แถว", "too few rows")
        if spec.max_rows is not None and len(rows) > spec.max_rows:
            self.error(path, "too_many_rows", f"มีได้ไม่เกิน {spec.max_rows} แถว", "too many rows")
        columns = {c.id: c for c in spec.columns or []}
        for n, row in enumerate(rows):
            where = f"{path}[{n}]"
            if not isinstance(row, dict):
                self.error(
                    where, "wrong_type", "แต่ละแถวต้องเป็น object", "each row must be an object"
                )
                continue
            for key, cell in row.items():
                column = columns.get(key)
                if column is None:
                    self.error(
                        f"{where}.{key}", "unknown_id", f"ไม่มีคอลัมน์ {key}", f"unknown column {key!r}"
                    )
                elif cell is not None:
                    self.value(f"{where}.{key}", column, cell)
            for key, column in columns.items():
                if column.required and row.get(key) in (None, ""):
                    self.error(
                        f"{where}.{key}",
                        "missing",
                        "ยังไม่ได้กรอกข้อมูลที่จำเป็น",
                        "missing required answer",
                    )

    def fields(self, given: Any) -> dict[str, Any]:
        if given is None:
            given = {}
        if not isinstance(given, dict):
            self.error("fields", "wrong_type", "fields ต้องเป็น object", "fields must be an object")
            return {}
        specs = {f.id: f for f in self.instrument.form.fields}
        for key, value in given.items():
            spec = specs.get(key)
            if spec is None:
                self.error(
                    f"fields.{key}", "unknown_id", f"ไม่มีช่องข้อมูล {key}", f"unknown field id {key!r}"
                )
            elif spec.computed:
                self.error(
                    f"fields.{key}",
                    "computed",
                    "ช่องนี้คำนวณอัตโนมัติ ไม่ต้องกรอก",
                    "computed field: do not answer it",
                )
            elif value is not None:
                self.value(f"fields.{key}", spec, value)
        return given

    def required_fields(self, given: Mapping[str, Any], conditions: Any) -> None:
        if self.partial:
            return
        for spec in self.instrument.form.fields:
            if not spec.required or spec.computed:
                continue
            if spec.applies_when is not None and not conditions(spec.applies_when):
                continue
            value = given.get(spec.id)
            # False is an answer for a boolean; an empty string or list is not an answer
            if value is None or (spec.type != "boolean" and value in ("", [])):
                self.error(
                    f"fields.{spec.id}",
                    "missing",
                    "ยังไม่ได้กรอกข้อมูลที่จำเป็น",
                    "missing required answer",
                )

    # -- indicators

    def item_ref(self, path: str, ref: Any, spec: _IndicatorSpec) -> int | None:
        count = spec.count
        if isinstance(ref, bool) or not isinstance(ref, int | str):
            self.error(
                path,
                "wrong_type",
                "รายการต้องเป็นลำดับ (ตัวเลข) หรือรหัสรายการ",
                f"an item is a position (integer) or an item id, got {_type_name(ref)}",
            )
            return None
        if isinstance(ref, int):
            if not 1 <= ref <= count:
                self.error(
                    path,
                    "item_out_of_range",
                    f"รายการที่ {_th(ref)} ไม่มีอยู่ (มี ๑-{_th(count)} รายการ)",
                    f"item number {ref} out of range 1..{count}",
                )
                return None
            return ref
        position = spec.positions.get(ref)
        if position is None:
            self.error(path, "unknown_item", f"ไม่มีรายการรหัส {ref!r}", f"unknown item id {ref!r}")
        return position

    def indicator(self, path: str, spec: _IndicatorSpec, answer: Any) -> None:
        key, kind = spec.key, spec.kind
        if not isinstance(answer, dict):
            self.error(
                path,
                "wrong_type",
                "คำตอบของตัวชี้วัดต้องเป็น object",
                f"expected an object, got {_type_name(answer)}",
            )
            return
        if not spec.allowed.issuperset(answer):
            for extra in sorted(set(answer) - spec.allowed):
                self.error(
                    f"{path}.{extra}",
                    "unknown_id",
                    f"ตัวชี้วัดนี้ไม่รับคำตอบ {extra!r}",
                    f"{extra!r} is not an answer for a {kind} indicator"
                    + (f" (expected {key!r})" if key else " (it is computed)"),
                )
        if "note" in answer and not isinstance(answer["note"], str):
            self.error(f"{path}.note", "wrong_type", "หมายเหตุต้องเป็นข้อความ", "note must be text")
        if "pass" in answer and not isinstance(answer["pass"], bool):
            self.error(f"{path}.pass", "wrong_type", "ต้องเป็นจริง/เท็จ", "pass must be true/false")
        if "none" in answer:
            if answer["none"] is not True:
                self.error(f"{path}.none", "wrong_type", "ต้องเป็นจริง (true)", "none must be true")
            elif key is not None and answer.get(key) is not None:
                self.error(
                    f"{path}.none",
                    "conflicting_answer",
                    "เลือก “ไม่ถึงเกณฑ์” พร้อมกับระดับหรือรายการไม่ได้",
                    f"'none' and {key!r} cannot both be given",
                )
            return
        if key is not None and answer.get(key) is None:
            return  # not answered yet: the required-answer check reports it
        if key == "checked" and "checked" in answer:
            checked = answer["checked"]
            if not isinstance(checked, list):
                self.error(
                    f"{path}.checked", "wrong_type", "ต้องเป็นรายการ", "checked must be a list"
                )
                return
            seen: set[int] = set()
            for n, ref in enumerate(checked):
                # The common case (a new, in-range position) needs no error path built.
                if type(ref) is int and 1 <= ref <= spec.count and ref not in seen:
                    seen.add(ref)
                    continue
                position = self.item_ref(f"{path}.checked[{n}]", ref, spec)
                if position is not None:
                    if position in seen:
                        self.error(
                            f"{path}.checked[{n}]",
                            "duplicate",
                            f"รายการที่ {position} ซ้ำ",
                            f"item {position} given twice",
                        )
                    seen.add(position)
        elif key == "level" and "level" in answer:
            if answer["level"] not in spec.levels:
                levels = list(spec.levels)
                self.error(
                    f"{path}.level",
                    "level_out_of_scale",
                    f"ระดับ {answer['level']!r} ไม่อยู่ในมาตรวัด ({', '.join(levels)})",
                    f"level {answer['level']!r} is outside the scale {levels}",
                )
        elif key == "choice" and "choice" in answer:
            position = self.item_ref(f"{path}.choice", answer["choice"], spec)
            if position is not None and spec.options is not None and position not in spec.options:
                self.error(
                    f"{path}.choice",
                    "level_out_of_scale",
                    f"รายการที่ {position} ไม่ใช่ตัวเลือกของเกณฑ์",
                    f"item {position} is not one of the rule's options",
                )
        elif key == "value" and "value" in answer:
            value = answer["value"]
            if isinstance(value, bool) or to_decimal(value) is None:
                self.error(
                    f"{path}.value", "wrong_type", "ต้องเป็นตัวเลข", f"expected a number: {value!r}"
                )


@dataclass
class _Plan:
    """Per-instrument data the validator reuses across calls (instruments are immutable)."""

    instrument: Instrument
    compiler: Any
    indicators: dict[str, tuple[Any, _IndicatorSpec]]
    conditions: dict[int, Any]


_PLANS: dict[int, _Plan] = {}


def _plan(instrument: Instrument) -> _Plan:
    plan = _PLANS.get(id(instrument))
    if plan is not None and plan.instrument is instrument:
        return plan
    plan = _Plan(
        instrument,
        ConditionCompiler(instrument),
        {
            path: (comp, _indicator_spec(instrument, ind))
            for path, comp, ind in instrument.iter_indicators()
        },
        {},
    )
    if len(_PLANS) > 64:
        _PLANS.clear()
    _PLANS[id(instrument)] = plan
    return plan


def validate_answers(
    instrument: Instrument, answers: Any, *, partial: bool = False
) -> list[AnswerError]:
    """Every problem with ``answers`` for ``instrument`` (empty list = valid).

    ``partial=True`` accepts unanswered indicators and fields (a judge saving work in progress).
    """
    check = _Validator(instrument, partial)
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
    given = answers.get("indicators") or {}
    plan = _plan(instrument)

    def holds(condition: Any) -> bool:
        test = plan.conditions.get(id(condition))
        if test is None:
            test = plan.compiler.condition(condition, "", set())
            plan.conditions[id(condition)] = test
        try:
            return bool(test((fields, given, {}, {})))
        except (KeyError, TypeError, AttributeError):
            return True

    check.required_fields(fields, holds)
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
    if not partial:
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
        _validate_evidence(check, instrument, evidence)
    return check.errors


def _validate_evidence(check: _Validator, instrument: Instrument, evidence: Any) -> None:
    if not isinstance(evidence, dict):
        check.error("evidence", "wrong_type", "ต้องเป็น object", "evidence must be an object")
        return
    slots = {e.id: e for e in instrument.form.evidence}
    for key, files in evidence.items():
        slot = slots.get(key)
        if slot is None:
            check.error(
                f"evidence.{key}",
                "unknown_id",
                f"ไม่มีช่องหลักฐาน {key}",
                f"unknown evidence slot {key!r}",
            )
            continue
        if not isinstance(files, list):
            check.error(
                f"evidence.{key}", "wrong_type", "ต้องเป็นรายการไฟล์", "expected a list of files"
            )
            continue
        if slot.max_files is not None and len(files) > slot.max_files:
            check.error(
                f"evidence.{key}",
                "too_many_files",
                f"แนบได้ไม่เกิน {slot.max_files} ไฟล์",
                "too many files",
            )
        for n, entry in enumerate(files):
            where = f"evidence.{key}[{n}]"
            if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
                check.error(where, "wrong_type", "ต้องระบุไฟล์", "each entry needs a 'file'")
                continue
            pages = entry.get("pages")
            if pages is not None and (not isinstance(pages, str) or not _PAGES_RE.match(pages)):
                check.error(
                    f"{where}.pages",
                    "bad_pages",
                    "เลขหน้าต้องเป็นรูปแบบ 12-15, 20",
                    f"page references look like '12-15, 20', got {pages!r}",
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
