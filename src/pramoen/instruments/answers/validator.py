"""Checks of each part of an answers document; every problem becomes an :class:`AnswerError`
with its answer path (``indicators.c1.i1.checked[2]``) and a Thai and an English message."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pramoen.instruments.answers.specs import IndicatorSpec
from pramoen.instruments.expr import to_decimal
from pramoen.instruments.messages import Message
from pramoen.instruments.schema import FormField, Instrument
from pramoen.thai.digits import to_thai_digits

_PAGES_RE = re.compile(r"^\s*\d+(\s*-\s*\d+)?(\s*,\s*\d+(\s*-\s*\d+)?)*\s*$")
_INTEGER_RE = re.compile(r"^\s*-?\d+\s*$")


@dataclass(frozen=True)
class AnswerError(Message):
    """One problem of an answers document (``path``, ``code``, ``message_th``, ``message_en``)."""

    def __str__(self) -> str:
        return f"{self.path}: {self.message_en} / {self.message_th}"


def _th(number: int) -> str:
    return to_thai_digits(str(number))


def _type_name(value: Any) -> str:
    return type(value).__name__


class Validator:
    """Collects every problem of one answers document (fields, tables, indicator answers)."""

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

    def item_ref(self, path: str, ref: Any, spec: IndicatorSpec) -> int | None:
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

    def indicator(self, path: str, spec: IndicatorSpec, answer: Any) -> None:
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


def validate_evidence(check: Validator, instrument: Instrument, evidence: Any) -> None:
    """The ``evidence`` part: known slots, lists of files, file counts, page references."""
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
