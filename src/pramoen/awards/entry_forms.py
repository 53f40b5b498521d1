"""The applicant's entry form, rendered from the form part of the two pinned instruments.

A field id present in both instruments (the teacher forms both ask for name, school, level…) is
asked once and written to both. Evidence slots ask for the portfolio pages that support the
indicator (``"12-15, 20"``); each reference points into the entry's portfolio (file key
:data:`PORTFOLIO`). Files uploaded into a slot are kept apart (awards.models.EvidenceFile).
Table fields (the teacher's self-development log…) are asked as an HTML table without JavaScript:
the stored rows plus three blank ones (never more than ``max_rows``), inputs named
``<field>__<row>__<column>``; all-blank rows are dropped and each cell is cleaned by the same Thai
field class as a scalar field of its column's type.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field as dc_field
from datetime import date
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError

from pramoen.awards.pages import normalise_dashes, page_reference_errors
from pramoen.core.fields import BEDateField, ThaiDecimalField, ThaiIntegerField
from pramoen.instruments import Instrument
from pramoen.instruments.schema import EvidenceSlot, FormField
from pramoen.thai.digits import to_thai_digits

PORTFOLIO = "portfolio"
SLOTS = ("eligibility", "scoring")
BLANK_ROWS = 3


@dataclass(frozen=True, slots=True)
class Question:
    name: str  # form field name
    kind: str  # "fields" | "evidence"
    key: str  # field or slot id
    slots: tuple[str, ...]  # which instruments store it
    label_th: str


def _field_for(spec: FormField) -> forms.Field:
    common: dict[str, Any] = {"label": spec.label_th, "required": False}
    help_parts = [p for p in (spec.help_th, spec.unit_th and f"หน่วย: {spec.unit_th}") if p]
    if help_parts:
        common["help_text"] = " · ".join(help_parts)
    if spec.type == "integer":
        # Integer questions have whole bounds; Django compares them with the Decimal as given.
        return ThaiIntegerField(min_value=spec.min, max_value=spec.max, **common)  # type: ignore[arg-type]
    if spec.type in ("decimal", "percent"):
        return ThaiDecimalField(min_value=spec.min, max_value=spec.max, **common)
    if spec.type == "choice":
        choices = [(c.value, c.label_th) for c in spec.choices or []]
        if spec.multiple:
            return forms.MultipleChoiceField(
                choices=choices, widget=forms.CheckboxSelectMultiple, **common
            )
        return forms.ChoiceField(choices=[("", "— เลือก —"), *choices], **common)
    if spec.type == "boolean":
        return forms.NullBooleanField(
            widget=forms.Select(choices=[("", "— เลือก —"), ("true", "ใช่"), ("false", "ไม่ใช่")]),
            **common,
        )
    if spec.type == "date":
        return BEDateField(**common)
    return forms.CharField(max_length=spec.max_length, **common)


@dataclass(slots=True)
class TableCell:
    name: str  # input name: <field>__<row>__<column>
    column_label: str
    aria_label: str
    value: str


@dataclass(slots=True)
class TableQuestion:
    """A table field: its columns, the rows shown, and the rows cleaned from the post."""

    key: str
    spec: FormField
    slots: tuple[str, ...]
    disabled: bool
    rows: list[list[TableCell]] = dc_field(default_factory=list)
    errors: list[str] = dc_field(default_factory=list)
    posted: bool = False  # a post without this table's inputs leaves its stored rows alone
    cleaned: list[dict[str, Any]] | None = None

    @property
    def label_th(self) -> str:
        return self.spec.label_th

    @property
    def columns(self) -> list[FormField]:
        return list(self.spec.columns or [])


def _show(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ใช่" if value else "ไม่ใช่"
    return str(value)


def _to_answer(value: Any) -> Any:
    if value in (None, ""):
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _from_answer(spec: FormField, value: Any) -> Any:
    if value is None:
        return None
    if spec.type == "date" and isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return value


class EntryAnswersForm(forms.Form):
    def __init__(
        self,
        *args: Any,
        instruments: dict[str, Instrument],
        answers: dict[str, Any],
        editable: set[str] | None = None,
        locked: dict[str, Any] | None = None,
        portfolio_pages: int | None = None,
        **kwargs: Any,
    ) -> None:
        """``editable``: answer paths that may change (``None`` = all, empty = read-only).
        ``locked``: field id → the registry's value, shown read-only whatever is posted (a
        disabled field's posted value is ignored by Django, and ``entry_save`` writes the
        registry's value again). ``portfolio_pages``: the uploaded portfolio's page count, which
        page references must stay within."""
        super().__init__(*args, **kwargs)
        self.answers = answers
        self.portfolio_pages = portfolio_pages
        locked = locked or {}
        # "สพท. จัดทำขึ้นเอง — ประกาศไม่มีแบบฟอร์ม": people must see an instrument is not a printed form
        self.esa_notices = list(
            dict.fromkeys(
                i.esa_authored.notice_th for i in instruments.values() if i.esa_authored is not None
            )
        )
        self.questions: list[Question] = []
        specs: dict[str, tuple[FormField, list[str]]] = {}
        slots_of_evidence: dict[str, EvidenceSlot] = {}
        for slot in SLOTS:
            for spec in instruments[slot].form.fields:
                if spec.computed:
                    continue
                if spec.id in specs and specs[spec.id][0].type == spec.type:
                    specs[spec.id][1].append(slot)
                else:
                    specs.setdefault(spec.id, (spec, [slot]))
            for evidence in instruments[slot].form.evidence:
                slots_of_evidence.setdefault(f"{slot}.{evidence.id}", evidence)
        self.table_questions: list[TableQuestion] = []
        for key, (spec, slots) in specs.items():
            if spec.type == "table":
                paths = {f"{s}.fields.{key}" for s in slots}
                self.table_questions.append(
                    self._table(
                        key, spec, tuple(slots), editable is not None and not paths & editable
                    )
                )
                continue
            name = f"f__{key}"
            field = _field_for(spec)
            stored = (answers.get(slots[0]) or {}).get("fields", {}).get(key)
            field.initial = _from_answer(spec, stored)
            paths = {f"{s}.fields.{key}" for s in slots}
            if editable is not None and not paths & editable:
                field.disabled = True
            if key in locked:
                field.initial = locked[key]
                field.disabled = True
                field.from_registry = True  # type: ignore[attr-defined]  # read by the template
            if spec.required and not field.disabled:
                # Drafts may leave it blank; submission may not: marked, not enforced here.
                field.submission_required = True  # type: ignore[attr-defined]
                field.widget.attrs["aria-required"] = "true"
            self.fields[name] = field
            self.questions.append(Question(name, "fields", key, tuple(slots), spec.label_th))
        for key, evidence in slots_of_evidence.items():
            slot, slot_id = key.split(".", 1)
            name = f"e__{slot}__{slot_id}"
            refs = (answers.get(slot) or {}).get("evidence", {}).get(slot_id) or []
            field = forms.CharField(
                label=f"หน้าในแฟ้มผลงานที่เป็นหลักฐาน: {evidence.label_th}",
                required=False,
                help_text="เช่น 12-15, 20",
                initial=", ".join(r.get("pages", "") for r in refs if r.get("pages")),
            )
            if editable is not None and f"{slot}.evidence.{slot_id}" not in editable:
                field.disabled = True
            field.page_errors = self._page_errors(field.initial)  # type: ignore[attr-defined]
            self.fields[name] = field
            self.questions.append(Question(name, "evidence", slot_id, (slot,), evidence.label_th))

    def _page_errors(self, text: Any) -> list[str]:
        return page_reference_errors(str(text or ""), self.portfolio_pages)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for question in self.questions:
            if question.kind == "evidence" and question.name in cleaned:
                text = normalise_dashes(cleaned[question.name] or "")
                cleaned[question.name] = text
                # Shown at the field; the draft still saves the reference as typed (issue 20).
                self.fields[question.name].page_errors = self._page_errors(text)  # type: ignore[attr-defined]
        for table in self.table_questions:
            if not table.disabled:
                self._clean_table(table)
        return cleaned

    def _table(
        self, key: str, spec: FormField, slots: tuple[str, ...], disabled: bool
    ) -> TableQuestion:
        table = TableQuestion(key, spec, slots, disabled)
        stored = (self.answers.get(slots[0]) or {}).get("fields", {}).get(key)
        stored_rows = [r for r in stored if isinstance(r, dict)] if isinstance(stored, list) else []
        values: list[dict[str, str]] = [
            {c.id: _show(row.get(c.id)) for c in table.columns} for row in stored_rows
        ]
        if self.is_bound and not disabled and self._posted_row_numbers(key):
            # Redisplay what was posted, so a rejected post loses nothing the applicant typed.
            values = [
                {c.id: str(self.data.get(f"{key}__{n}__{c.id}", "")) for c in table.columns}
                for n in self._posted_row_numbers(key)
            ]
        if not disabled:
            total = len(values) + BLANK_ROWS
            if spec.max_rows is not None:
                total = min(total, max(spec.max_rows, len(values)))
            values += [{c.id: "" for c in table.columns}] * (total - len(values))
        for n, row in enumerate(values, start=1):
            table.rows.append(
                [
                    TableCell(
                        name=f"{key}__{n}__{c.id}",
                        column_label=c.label_th,
                        aria_label=f"{c.label_th} แถวที่ {to_thai_digits(str(n))}",
                        value=row[c.id],
                    )
                    for c in table.columns
                ]
            )
        return table

    def _posted_row_numbers(self, key: str) -> list[int]:
        pattern = re.compile(rf"^{re.escape(key)}__(\d{{1,4}})__[A-Za-z0-9_]+$")
        numbers = {int(m.group(1)) for name in self.data if (m := pattern.match(name))}
        return sorted(numbers)

    @property
    def tables(self) -> list[TableQuestion]:
        return self.table_questions

    def _clean_table(self, table: TableQuestion) -> None:
        rows: list[dict[str, Any]] = []
        numbers = self._posted_row_numbers(table.key)
        table.posted = bool(numbers)
        for n in numbers:
            raw = {
                c.id: str(self.data.get(f"{table.key}__{n}__{c.id}", "")).strip()
                for c in table.columns
            }
            if not any(raw.values()):
                continue  # a blank row: the spare rows the page offers
            # The row number printed on the page, so the message points at the row to fix.
            where = f"แถวที่ {to_thai_digits(str(n))}"
            row: dict[str, Any] = {}
            for column in table.columns:
                cell_field = _field_for(column)
                cell_field.required = column.required
                try:
                    value = _to_answer(cell_field.clean(raw[column.id]))
                except ValidationError as exc:
                    for message in exc.messages:
                        table.errors.append(f"{where} {column.label_th}: {message}")
                    continue
                if value is not None:
                    row[column.id] = value
            rows.append(row)
        spec = table.spec
        if spec.max_rows is not None and len(rows) > spec.max_rows:
            table.errors.append(
                f"{spec.label_th}: กรอกได้ไม่เกิน {to_thai_digits(str(spec.max_rows))} แถว"
                f" (กรอกมา {to_thai_digits(str(len(rows)))} แถว)"
            )
        if rows and spec.min_rows is not None and len(rows) < spec.min_rows:
            table.errors.append(
                f"{spec.label_th}: ต้องกรอกอย่างน้อย {to_thai_digits(str(spec.min_rows))} แถว"
            )
        # Also on the form, so it is not valid; the page shows them at the table only
        # (awards/_entry_fields.html prints no banner of non-field errors: issue 20).
        for message in table.errors:
            self.add_error(None, message)
        # No rows = not answered yet (a draft); an empty list would break min_rows on validation.
        table.cleaned = rows or None

    @property
    def has_problems(self) -> bool:
        """A field refused (a number that is not one) or a table with a wrong cell."""
        return bool(self.errors) or any(t.errors for t in self.table_questions)

    def to_answers(self) -> dict[str, Any]:
        """The stored answers with this form's cleaned values written in.

        Also of a form with errors (issue 20: one bad number must not block saving the draft):
        a field that did not clean keeps its stored answer and shows the typed text with its
        message; a table with a wrong cell keeps its stored rows."""
        answers = copy.deepcopy(self.answers)
        cleaned = getattr(self, "cleaned_data", {})
        for question in self.questions:
            if self.fields[question.name].disabled or question.name not in cleaned:
                # not open to the applicant now, or refused: the stored answer stays as is
                continue
            value = cleaned.get(question.name)
            for slot in question.slots:
                part = answers.setdefault(slot, {"fields": {}, "evidence": {}})
                section = part.setdefault(question.kind, {})
                if question.kind == "fields":
                    section[question.key] = _to_answer(value)
                else:
                    pages = (value or "").strip()
                    section[question.key] = [{"file": PORTFOLIO, "pages": pages}] if pages else []
        for table in self.table_questions:
            if table.disabled or not table.posted or table.errors:
                continue
            for slot in table.slots:
                part = answers.setdefault(slot, {"fields": {}, "evidence": {}})
                part.setdefault("fields", {})[table.key] = copy.deepcopy(table.cleaned)
        return answers

    def summary(self) -> list[tuple[str, str]]:
        """(label, value as shown) for the confirmation page."""
        rows = []
        for question in self.questions:
            field = self.fields[question.name]
            value = field.initial
            if isinstance(field, forms.ChoiceField) and not isinstance(value, list):
                value = dict(cast(Iterable[tuple[Any, Any]], field.choices)).get(value, value)
            elif isinstance(field, forms.MultipleChoiceField):
                labels = dict(cast(Iterable[tuple[Any, Any]], field.choices))
                value = ", ".join(str(labels.get(v, v)) for v in value or [])
            rows.append((str(field.label), "" if value in (None, "") else str(value)))
        for table in self.table_questions:
            lines = [
                " · ".join(f"{c.column_label} {c.value}" for c in row if c.value)
                for row in table.rows
            ]
            rows.append((table.label_th, "; ".join(line for line in lines if line)))
        return rows
