"""The instrument: form, rubric, named rules, and how scores combine (aggregation, gates, tiers).

Pure Python: no Django import (a test enforces it).
"""

from __future__ import annotations

from typing import Final, Literal

from pydantic import Field, model_validator

from pramoen.instruments.schema.base import INSTRUMENT_ID_RE, SCHEMA_VERSION, Dec, Model, Slug
from pramoen.instruments.schema.defects import Documented
from pramoen.instruments.schema.form import Form, FormField
from pramoen.instruments.schema.rubric import Component, Indicator, Rubric
from pramoen.instruments.schema.rules import Rule, UseDefinition

# --------------------------------------------------------------------------- totals


class Proportion(Model):
    component: Slug
    points: Dec


class Aggregation(Model):
    """Total = sum of (scaled) component points; ``stated_max`` and ``proportions`` are what the
    form prints (e.g. สัดส่วนคะแนน ๖๐ : ๔๐) and lint checks them against the computed maxima."""

    method: Literal["sum"] = "sum"
    stated_max: Dec | None = None
    proportions: list[Proportion] | None = None
    printed_th: str | None = None


class Gate(Documented):
    """A pass/fail gate. ``all_pass``: every listed pass/fail indicator (default: every pass/fail
    indicator of the instrument) must pass. ``eligibility``: the result of another (eligibility)
    instrument must be passed, supplied with the answers."""

    id: Slug
    title_th: str
    kind: Literal["all_pass", "eligibility"] = "all_pass"
    indicators: list[str] | None = None
    instrument: str | None = None
    blocks_tier: bool = True

    @model_validator(mode="after")
    def _shape(self) -> Gate:
        if self.kind == "eligibility" and not self.instrument:
            raise ValueError("an eligibility gate names the eligibility instrument")
        return self


class Tier(Model):
    id: Slug
    label_th: str
    label_en: str | None = None
    min: Dec | None = None
    max: Dec | None = None
    min_inclusive: bool = True
    max_inclusive: bool = False
    printed_th: str | None = None


class TierRule(Model):
    """What a tier needs besides its band (docs/instruments.md, "Tier rules"). An entry whose
    total falls in the band of ``tier`` but that fails a condition falls to the next band down
    (the next one listed), whose own rules apply in turn."""

    tier: Slug
    min_component_percent: Dec | None = Field(
        default=None, description="no applicable component below this % of its maximum"
    )
    all_gates_passed: bool = Field(
        default=False, description="every gate passed, none failed or still unknown"
    )
    min_judges: int | None = Field(default=None, ge=1, description="at least this many judges")
    printed_th: str | None = None


class Tiers(Documented):
    """Tiers on half-open ranges of the UNROUNDED total; first match wins. ``rules`` add
    conditions per tier; ``tie_break`` lists components whose points break a tie on the total for
    ranks, first listed first. Both default to None so instruments without them keep their hash.
    """

    basis: Literal["unrounded_total"] = "unrounded_total"
    bands: list[Tier] = Field(min_length=1)
    none_label_th: str = "ไม่ได้รับรางวัล"
    failed_gate_label_th: str = "ไม่ผ่านคุณสมบัติเบื้องต้น ไม่มอบเกียรติบัตร"
    rules: list[TierRule] | None = None
    tie_break: list[Slug] | None = None


class Display(Model):
    """Display rounding only; tiers and gates use the unrounded values."""

    decimals: int = Field(default=2, ge=0, le=6)
    rounding: Literal["half_up", "half_even", "down"] = "half_up"
    thai_digits: bool = False


# --------------------------------------------------------------------------- instrument

ESA_AUTHORED_NOTICE_TH: Final = "สพท. จัดทำขึ้นเอง — ประกาศไม่มีแบบฟอร์ม"


class EsaAuthored(Model):
    """The whole instrument is the ESA's own writing, not a transcription of a printed form (the
    announcement names the category but prints no form for it). The provenance check then treats
    every text that cites no source as the ESA's; a text that does cite a source (an eligibility
    rule quoted from the announcement) is still checked against it. ``notice_th`` is shown to
    applicants and judges wherever the instrument is shown."""

    notice_th: str = Field(min_length=1, default=ESA_AUTHORED_NOTICE_TH)
    reason_th: str = Field(min_length=1, description="why the ESA had to write it (Thai)")


class Instrument(Documented):
    schema_version: Literal[1] = SCHEMA_VERSION
    id: str = Field(pattern=INSTRUMENT_ID_RE, max_length=80)
    version: str = Field(description="version label, e.g. '2569'")
    program: str = Field(description="nara2 | kpi10 | example …")
    category: str | None = Field(default=None, description="school | director | teacher …")
    kind: Literal["eligibility", "scoring", "report"]
    title_th: str
    title_en: str | None = None
    description_th: str | None = None
    # None (dropped from the hash) for every transcribed instrument
    esa_authored: EsaAuthored | None = None
    form: Form = Field(default_factory=Form)
    rubric: Rubric = Field(default_factory=Rubric)
    definitions: dict[str, Rule] = Field(default_factory=dict)
    aggregation: Aggregation = Field(default_factory=Aggregation)
    gates: list[Gate] = Field(default_factory=list)
    tiers: Tiers | None = None
    display: Display = Field(default_factory=Display)

    # -- navigation helpers (cheap; the scorer compiles its own tuples once)

    def iter_indicators(self) -> list[tuple[str, Component, Indicator]]:
        return [(f"{c.id}.{i.id}", c, i) for c in self.rubric.components for i in c.indicators]

    def indicator(self, path: str) -> Indicator | None:
        for ipath, _component, indicator in self.iter_indicators():
            if ipath == path:
                return indicator
        return None

    def resolve_rule(self, rule: Rule) -> Rule | None:
        """``rule`` itself, or for ``{kind: use}`` the named definition (None when undefined)."""
        if isinstance(rule, UseDefinition):
            return self.definitions.get(rule.name)
        return rule

    def field(self, field_id: str) -> FormField | None:
        for f in self.form.fields:
            if f.id == field_id:
                return f
        return None


Instrument.model_rebuild()
