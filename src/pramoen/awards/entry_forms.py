"""The applicant's entry form, rendered from the form part of the two pinned instruments.

A field id present in both instruments (the teacher forms both ask for name, school, level…) is
asked once and written to both. Evidence slots ask for the portfolio pages that support the
indicator (``"12-15, 20"``); each reference points into the entry's portfolio (file key
:data:`PORTFOLIO`). Files uploaded into a slot are kept apart (awards.models.EvidenceFile).
Table fields are not rendered yet: their stored rows are kept untouched and named on the page as
still to be filled outside this form.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django import forms

from pramoen.core.fields import BEDateField, ThaiDecimalField, ThaiIntegerField
from pramoen.instruments import Instrument
from pramoen.instruments.schema import EvidenceSlot, FormField

PORTFOLIO = "portfolio"
SLOTS = ("eligibility", "scoring")


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
        return ThaiIntegerField(min_value=spec.min, max_value=spec.max, **common)
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
        **kwargs: Any,
    ) -> None:
        """``editable``: answer paths that may change (``None`` = all, empty = read-only)."""
        super().__init__(*args, **kwargs)
        self.answers = answers
        self.questions: list[Question] = []
        self.tables: list[str] = []
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
        for key, (spec, slots) in specs.items():
            if spec.type == "table":
                self.tables.append(spec.label_th)
                continue
            name = f"f__{key}"
            field = _field_for(spec)
            stored = (answers.get(slots[0]) or {}).get("fields", {}).get(key)
            field.initial = _from_answer(spec, stored)
            paths = {f"{s}.fields.{key}" for s in slots}
            if editable is not None and not paths & editable:
                field.disabled = True
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
            self.fields[name] = field
            self.questions.append(Question(name, "evidence", slot_id, (slot,), evidence.label_th))

    def to_answers(self) -> dict[str, Any]:
        """The stored answers with this form's cleaned values written in (tables kept)."""
        answers = copy.deepcopy(self.answers)
        for question in self.questions:
            if self.fields[question.name].disabled:
                continue  # not open to the applicant now: the stored answer stays exactly as is
            value = self.cleaned_data.get(question.name)
            for slot in question.slots:
                part = answers.setdefault(slot, {"fields": {}, "evidence": {}})
                section = part.setdefault(question.kind, {})
                if question.kind == "fields":
                    section[question.key] = _to_answer(value)
                else:
                    pages = (value or "").strip()
                    section[question.key] = [{"file": PORTFOLIO, "pages": pages}] if pages else []
        return answers

    def summary(self) -> list[tuple[str, str]]:
        """(label, value as shown) for the confirmation page."""
        rows = []
        for question in self.questions:
            field = self.fields[question.name]
            value = field.initial
            if isinstance(field, forms.ChoiceField) and not isinstance(value, list):
                value = dict(field.choices).get(value, value)
            elif isinstance(field, forms.MultipleChoiceField):
                value = ", ".join(str(dict(field.choices).get(v, v)) for v in value or [])
            rows.append((str(field.label), "" if value in (None, "") else str(value)))
        return rows
