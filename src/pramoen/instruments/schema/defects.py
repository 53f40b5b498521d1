"""Provenance and defects: where a node comes from, and what the official form gets wrong.

``Documented`` is the base of every node that may carry a ``source`` and ``defects``.
Pure Python: no Django import (a test enforces it).
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, model_validator

from pramoen.instruments.schema.base import Model, Slug
from pramoen.instruments.schema.rules import Rule


class SourceRef(Model):
    """Where in the official document this node comes from."""

    document: str = Field(description="document key, e.g. 'seed:003_be8cf020a0793ad8'")
    lines: str | None = Field(default=None, description="line range in the seed, e.g. '186-190'")
    page: int | None = None
    section_th: str | None = None
    note: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, data: Any) -> Any:
        # Shorthand: `source: "seed:003_be8cf020a0793ad8#186-190"`.
        if isinstance(data, str):
            document, _, lines = data.partition("#")
            return {"document": document, "lines": lines or None}
        return data


class Resolution(Model):
    """The reading we apply to a defect of the official form."""

    reading_th: str
    reading_en: str | None = None
    esa_decision: bool = Field(
        default=False, description="true when the value is our ESA's decision, not the form's"
    )
    overridable: bool = Field(default=True, description="a campaign may override it")
    parameters: list[str] = Field(
        default_factory=list,
        description="override keys ('<node path>/<attribute path>') a campaign may set",
    )


class Defect(Model):
    """A defect of the official form, transcribed as it is, with the reading applied."""

    id: Slug
    code: Slug = Field(
        description=(
            "missing_points | identical_bands | overlapping_bands | gapped_bands | "
            "band_exceeds_items | numbering | merged_items | stated_max_mismatch | "
            "proportion_mismatch | scale_mismatch | text_inconsistency | ambiguous | other"
        )
    )
    form_says_th: str = Field(description="faithful transcription of what the form prints")
    note_en: str | None = None
    printed_rule: Rule | None = Field(
        default=None, description="the rule exactly as printed (lint analyses it too)"
    )
    resolution: Resolution | None = None


class Documented(Model):
    source: SourceRef | None = None
    defects: list[Defect] = Field(default_factory=list)
