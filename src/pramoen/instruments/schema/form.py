"""The form part: what the submitter fills in (typed fields, tables, evidence slots).

Pure Python: no Django import (a test enforces it).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field, model_validator

from pramoen.instruments.schema.base import Dec, Model, Slug
from pramoen.instruments.schema.defects import Documented
from pramoen.instruments.schema.rules import Condition

FieldType = Literal["integer", "decimal", "percent", "text", "choice", "boolean", "date", "table"]


class Choice(Model):
    value: Slug
    label_th: str
    label_en: str | None = None


class FormField(Documented):
    id: Slug
    number: str | None = None
    label_th: str
    label_en: str | None = None
    type: FieldType
    required: bool = True
    multiple: bool = Field(default=False, description="choice: several values allowed")
    choices: list[Choice] | None = None
    min: Dec | None = None
    max: Dec | None = None
    max_length: int | None = Field(default=None, ge=1)
    unit_th: str | None = None
    help_th: str | None = None
    computed: str | None = Field(
        default=None, description="whitelisted arithmetic expression over other field ids"
    )
    columns: list[FormField] | None = Field(default=None, description="table: column fields")
    min_rows: int | None = Field(default=None, ge=0)
    max_rows: int | None = Field(default=None, ge=0)
    applies_when: Condition | None = None

    @model_validator(mode="after")
    def _shape(self) -> FormField:
        if self.type == "choice" and not self.choices:
            raise ValueError("a choice field needs choices")
        if self.type != "choice" and self.choices:
            raise ValueError("only choice fields have choices")
        if self.type == "table" and not self.columns:
            raise ValueError("a table field needs columns")
        if self.type != "table" and self.columns:
            raise ValueError("only table fields have columns")
        if self.type == "percent":
            if self.min is None:
                self.min = Decimal(0)
            if self.max is None:
                self.max = Decimal(100)
        return self


class EvidenceSlot(Documented):
    id: Slug
    number: str | None = None
    label_th: str
    label_en: str | None = None
    indicator: str | None = Field(default=None, description="stable path of the indicator")
    required: bool = True
    page_refs: bool = Field(default=True, description="the submitter gives page numbers")
    max_files: int | None = Field(default=None, ge=1)
    applies_when: Condition | None = None


class Form(Documented):
    fields: list[FormField] = Field(default_factory=list)
    evidence: list[EvidenceSlot] = Field(default_factory=list)


FormField.model_rebuild()
