"""The rubric: components › indicators › items and levels, and a component's formula scaling.

Pure Python: no Django import (a test enforces it).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, field_validator, model_validator

from pramoen.instruments.schema.base import Dec, Model, Slug, coerce_decimal
from pramoen.instruments.schema.defects import Documented
from pramoen.instruments.schema.rules import Condition, Rule

# A text the form does not print (the ESA's own wording); lint requires a defect with a resolution.
EsaText = Annotated[bool | None, Field(default=None, description="text not printed on the form")]


class Level(Documented):
    """A level of an indicator's scale (ดีเยี่ยม/ดีมาก/ดี/พอใช้, or printed ๔/๓/๒/๑)."""

    id: Slug
    number: str | None = None
    label_th: str
    label_en: str | None = None
    descriptor_th: str | None = None
    points: Dec | None = Field(default=None, description="the points applied (see defects)")
    esa_text: EsaText = None


class Item(Documented):
    id: Slug | None = Field(default=None, description="defaults to the 1-based position")
    number: str | None = Field(default=None, description="as printed, Thai digits allowed")
    text_th: str
    text_en: str | None = None
    esa_text: EsaText = None


class Indicator(Documented):
    id: Slug
    number: str | None = None
    title_th: str
    title_en: str | None = None
    stated_max: Dec | None = Field(default=None, description="the maximum printed on the form")
    items: list[Item] = Field(default_factory=list)
    levels: list[Level] = Field(default_factory=list)
    rule: Rule
    applies_when: Condition | None = None
    note_th: str | None = None
    esa_text: EsaText = None

    @model_validator(mode="after")
    def _default_item_ids(self) -> Indicator:
        for position, item in enumerate(self.items, start=1):
            if item.id is None:
                item.id = str(position)
        return self


class Scale(Model):
    """Formula scaling of a component: ``to × raw / full`` (e.g. 50 × คะแนนที่ได้ / คะแนนเต็ม)."""

    to: Dec
    full: Dec | Literal["computed"] = "computed"
    stated_full: Dec | None = Field(default=None, description="the full score printed on the form")
    printed_th: str | None = None

    @field_validator("full", mode="before")
    @classmethod
    def _full(cls, value: Any) -> Any:
        return value if value == "computed" else coerce_decimal(value)


class Component(Documented):
    id: Slug
    number: str | None = None
    title_th: str
    title_en: str | None = None
    stated_max: Dec | None = None
    indicators: list[Indicator] = Field(min_length=1)
    scale: Scale | None = None
    applies_when: Condition | None = None
    esa_text: EsaText = None


class Rubric(Documented):
    components: list[Component] = Field(default_factory=list)
