"""Pydantic v2 models of an instrument: one official evaluation form as data.

An instrument has three parts:

* ``form``: what the submitter fills in (typed fields, evidence slots with page references);
* ``rubric``: what the judge scores (components › indicators › items, each with a rule);
* how scores combine (``aggregation``), which ``gates`` must pass and which ``tiers`` a total earns.

Every node carries a stable ``id``, the ``number`` printed on the form (Thai digits as printed),
its Thai text and a ``source`` pointer, and may carry ``defects``: the faithful transcription of
what the official form says, plus the ``resolution`` (the reading we apply; an ESA decision or not;
a campaign may override it through a parameter override map keyed by stable path, see
``apply_overrides``).

Stable paths: component ``c1``; indicator ``c1.i1``; item ``c1.i1.3``; form field ``fields.<id>``;
evidence ``evidence.<id>``. An override key is ``<node path>/<attribute path>``, e.g.
``c1.i1/levels.very_good.points`` or ``/tiers.bands.gold.min`` (empty node path = the instrument).

Pure Python: no Django import (a test enforces it).
"""

from __future__ import annotations

import copy
import re
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    field_validator,
    model_validator,
)

SCHEMA_VERSION = 1

SLUG_RE = r"^[A-Za-z0-9][A-Za-z0-9_\-]*$"
INSTRUMENT_ID_RE = r"^[a-z0-9][a-z0-9_\-]*$"

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def thai_to_arabic(text: str) -> str:
    """Return ``text`` with Thai digits replaced by ASCII digits."""
    return text.translate(_THAI_DIGITS)


def _to_decimal(value: Any) -> Any:
    # YAML gives int/float/str; floats go through str() so 10.5 stays exactly 10.5.
    if value is None or isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise ValueError("a number is required, not a boolean")
    if isinstance(value, int | float | str):
        try:
            result = Decimal(thai_to_arabic(str(value)).strip())
        except InvalidOperation as exc:
            raise ValueError(f"not a number: {value!r}") from exc
        if not result.is_finite():
            raise ValueError(f"not a finite number: {value!r}")
        return result
    raise ValueError(f"not a number: {value!r}")


def _decimal_json(value: Decimal) -> str:
    # Canonical text: 15, 10.5 (no exponent, no trailing zeros): hashes ignore "15.0" vs "15".
    normal = value.normalize()
    text = format(normal, "f")
    return text


Dec = Annotated[
    Decimal,
    BeforeValidator(_to_decimal),
    PlainSerializer(_decimal_json, return_type=str, when_used="json"),
]

Slug = Annotated[str, Field(pattern=SLUG_RE, max_length=64)]
# An item reference: an int is the 1-based position of the item in the indicator's list; a string is
# the item's id (which defaults to its position as text, so 3 and "3" usually mean the same item).
ItemRef = int | Slug


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, validate_default=False)


# --------------------------------------------------------------------------- provenance, defects


class SourceRef(_Model):
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


class Resolution(_Model):
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


class Defect(_Model):
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


class _Documented(_Model):
    source: SourceRef | None = None
    defects: list[Defect] = Field(default_factory=list)


# --------------------------------------------------------------------------- conditions


_COMPARE_OPS = ("eq", "ne", "gt", "gte", "lt", "lte", "in_", "not_in", "is_set")


class Condition(_Model):
    """A small declarative condition tree (no eval).

    Exactly one shape per node:
    ``{all: [...]}``, ``{any: [...]}``, ``{not: {...}}``,
    ``{field: EXPR, <op>: VALUE}`` with op in eq, ne, gt, gte, lt, lte, in, not_in, is_set
    (EXPR is a field id or a whitelisted arithmetic expression over field ids),
    ``{checked: "c1.i1.3"}`` (an item is checked in the answers),
    ``{indicator: "c1.i1", level: "excellent"}`` (an indicator reached a level),
    ``{indicator: "c1.i1", passed: true}`` (a pass/fail indicator passed).
    """

    all: list[Condition] | None = None
    any: list[Condition] | None = None
    not_: Condition | None = Field(default=None, alias="not")
    field: str | None = None
    eq: Any = None
    ne: Any = None
    gt: Dec | None = None
    gte: Dec | None = None
    lt: Dec | None = None
    lte: Dec | None = None
    in_: list[Any] | None = Field(default=None, alias="in")
    not_in: list[Any] | None = None
    is_set: bool | None = None
    checked: str | None = None
    indicator: str | None = None
    level: str | None = None
    passed: bool | None = None
    label_th: str | None = None

    @model_validator(mode="after")
    def _one_shape(self) -> Condition:
        shapes = [
            self.all is not None,
            self.any is not None,
            self.not_ is not None,
            self.field is not None,
            self.checked is not None,
            self.indicator is not None,
        ]
        if sum(shapes) != 1:
            raise ValueError(
                "a condition needs exactly one of: all, any, not, field, checked, indicator"
            )
        if self.field is not None:
            ops = [op for op in _COMPARE_OPS if getattr(self, op) is not None]
            if len(ops) != 1:
                raise ValueError(
                    "a field condition needs exactly one operator: "
                    "eq, ne, gt, gte, lt, lte, in, not_in, is_set"
                )
        if self.indicator is not None and (self.level is None) == (self.passed is None):
            raise ValueError("an indicator condition needs exactly one of: level, passed")
        return self


# --------------------------------------------------------------------------- rules


class Band(_Model):
    """One band of an item-count rule: which checked items reach a level (or points).

    ``min``/``max`` bound the number of checked items (counted among ``among`` when given, else
    among all items of the indicator); ``requires`` lists items that must all be checked (the
    "items 1 and 2 plus N others" and "items 1-3" forms); ``others_min``/``others_max`` bound the
    number of checked items outside ``requires``.
    """

    level: Slug | None = None
    points: Dec | None = None
    min: int | None = Field(default=None, ge=0)
    max: int | None = Field(default=None, ge=0)
    requires: list[ItemRef] = Field(default_factory=list)
    among: list[ItemRef] | None = None
    others_min: int | None = Field(default=None, ge=0)
    others_max: int | None = Field(default=None, ge=0)
    printed_th: str | None = Field(default=None, description="the cell as printed")

    @model_validator(mode="after")
    def _target(self) -> Band:
        if self.level is None and self.points is None:
            raise ValueError("a band needs a level or points")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"band min {self.min} > max {self.max}")
        return self


class ItemCountBands(_Model):
    """Count checked items, find the first matching band → level → points."""

    kind: Literal["item_count_bands"]
    bands: list[Band] = Field(min_length=1)


class CountCase(_Model):
    """Bands used when the indicator has ``when_items`` items (None: any other number)."""

    when_items: int | None = Field(default=None, ge=0)
    bands: list[Band] = Field(min_length=1)
    printed_th: str | None = None


class CountPoints(_Model):
    """Count → points maps with cases (director notes: 4-item case 1-2→1, 3→2, 4→3 …)."""

    kind: Literal["count_points"]
    cases: list[CountCase] = Field(min_length=1)
    note_th: str | None = None


class NoneOption(_Model):
    """ "None of the printed levels/options applies" as an explicit answer (``{"none": true}``),
    distinct from "not scored yet"; the form does not print it, so it is always an ESA reading
    (declare the defect, e.g. ``gapped_bands``, next to the rule)."""

    points: Dec
    label_th: str = Field(description="what the judge reads, e.g. ไม่มีผลงาน/รางวัล")
    printed_th: str | None = None


class LevelChoice(_Model):
    """The judge picks one of the indicator's ``levels`` (ordinal descriptors)."""

    kind: Literal["level_choice"]
    none: NoneOption | None = None


class ItemChoiceOption(_Model):
    item: ItemRef
    level: Slug | None = None
    points: Dec | None = None
    printed_th: str | None = None

    @model_validator(mode="after")
    def _target(self) -> ItemChoiceOption:
        if self.level is None and self.points is None:
            raise ValueError("a choice option needs a level or points")
        return self


class ItemChoice(_Model):
    """The judge picks the one item that describes the work ("ทำได้รายการที่ ๑ → ดีเยี่ยม")."""

    kind: Literal["item_choice"]
    options: list[ItemChoiceOption] = Field(min_length=1)
    none: NoneOption | None = None


class NumericRange(_Model):
    level: Slug | None = None
    points: Dec | None = None
    min: Dec | None = None
    max: Dec | None = None
    min_inclusive: bool = True
    max_inclusive: bool = False
    printed_th: str | None = None

    @model_validator(mode="after")
    def _check(self) -> NumericRange:
        if self.level is None and self.points is None:
            raise ValueError("a range needs a level or points")
        if self.min is None and self.max is None:
            raise ValueError("a range needs min or max")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"range min {self.min} > max {self.max}")
        return self


class NumericThresholds(_Model):
    """A number from submitted data (a field expression, or the indicator's own ``value`` answer)
    falls in the first matching range → level → points."""

    kind: Literal["numeric_thresholds"]
    input: str | None = Field(
        default=None,
        description="field id or whitelisted expression over fields; None = answer {'value': n}",
    )
    unit_th: str | None = None
    unit_en: str | None = None
    ranges: list[NumericRange] = Field(min_length=1)


class ConditionCase(_Model):
    when: Condition
    level: Slug | None = None
    points: Dec | None = None
    printed_th: str | None = None

    @model_validator(mode="after")
    def _target(self) -> ConditionCase:
        if self.level is None and self.points is None:
            raise ValueError("a case needs a level or points")
        return self


class Otherwise(_Model):
    level: Slug | None = None
    points: Dec | None = None
    printed_th: str | None = None


class ConditionLevels(_Model):
    """Ordered cases, first match wins: boolean logic over answers and compound levels
    (count AND percentage). ``otherwise`` applies when no case matches."""

    kind: Literal["condition_levels"]
    cases: list[ConditionCase] = Field(min_length=1)
    otherwise: Otherwise | None = None


class PassFail(_Model):
    """A pass/fail indicator: ``all`` checked items (default), ``any`` or at least ``min``;
    ``among`` restricts to some items; ``also`` adds a condition on submitted data."""

    kind: Literal["pass_fail"]
    mode: Literal["all", "any", "min"] = "all"
    min: int | None = Field(default=None, ge=1)
    among: list[ItemRef] | None = None
    also: Condition | None = None

    @model_validator(mode="after")
    def _min(self) -> PassFail:
        if (self.mode == "min") != (self.min is not None):
            raise ValueError("mode 'min' goes with a 'min' count (and only then)")
        return self


class UseDefinition(_Model):
    """Reuse a named rule from the instrument's ``definitions``."""

    kind: Literal["use"]
    name: Slug


Rule = Annotated[
    ItemCountBands
    | CountPoints
    | LevelChoice
    | ItemChoice
    | NumericThresholds
    | ConditionLevels
    | PassFail
    | UseDefinition,
    Field(discriminator="kind"),
]
RULE_KINDS = (
    "item_count_bands",
    "count_points",
    "level_choice",
    "item_choice",
    "numeric_thresholds",
    "condition_levels",
    "pass_fail",
    "use",
)


# --------------------------------------------------------------------------- rubric


# A text the form does not print (the ESA's own wording); lint requires a defect with a resolution.
EsaText = Annotated[bool | None, Field(default=None, description="text not printed on the form")]


class Level(_Documented):
    """A level of an indicator's scale (ดีเยี่ยม/ดีมาก/ดี/พอใช้, or printed ๔/๓/๒/๑)."""

    id: Slug
    number: str | None = None
    label_th: str
    label_en: str | None = None
    descriptor_th: str | None = None
    points: Dec | None = Field(default=None, description="the points applied (see defects)")
    esa_text: EsaText = None


class Item(_Documented):
    id: Slug | None = Field(default=None, description="defaults to the 1-based position")
    number: str | None = Field(default=None, description="as printed, Thai digits allowed")
    text_th: str
    text_en: str | None = None
    esa_text: EsaText = None


class Indicator(_Documented):
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


class Scale(_Model):
    """Formula scaling of a component: ``to × raw / full`` (e.g. 50 × คะแนนที่ได้ / คะแนนเต็ม)."""

    to: Dec
    full: Dec | Literal["computed"] = "computed"
    stated_full: Dec | None = Field(default=None, description="the full score printed on the form")
    printed_th: str | None = None

    @field_validator("full", mode="before")
    @classmethod
    def _full(cls, value: Any) -> Any:
        return value if value == "computed" else _to_decimal(value)


class Component(_Documented):
    id: Slug
    number: str | None = None
    title_th: str
    title_en: str | None = None
    stated_max: Dec | None = None
    indicators: list[Indicator] = Field(min_length=1)
    scale: Scale | None = None
    applies_when: Condition | None = None
    esa_text: EsaText = None


class Rubric(_Documented):
    components: list[Component] = Field(default_factory=list)


# --------------------------------------------------------------------------- form


FieldType = Literal["integer", "decimal", "percent", "text", "choice", "boolean", "date", "table"]


class Choice(_Model):
    value: Slug
    label_th: str
    label_en: str | None = None


class FormField(_Documented):
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


class EvidenceSlot(_Documented):
    id: Slug
    number: str | None = None
    label_th: str
    label_en: str | None = None
    indicator: str | None = Field(default=None, description="stable path of the indicator")
    required: bool = True
    page_refs: bool = Field(default=True, description="the submitter gives page numbers")
    max_files: int | None = Field(default=None, ge=1)
    applies_when: Condition | None = None


class Form(_Documented):
    fields: list[FormField] = Field(default_factory=list)
    evidence: list[EvidenceSlot] = Field(default_factory=list)


# --------------------------------------------------------------------------- totals


class Proportion(_Model):
    component: Slug
    points: Dec


class Aggregation(_Model):
    """Total = sum of (scaled) component points; ``stated_max`` and ``proportions`` are what the
    form prints (e.g. สัดส่วนคะแนน ๖๐ : ๔๐) and lint checks them against the computed maxima."""

    method: Literal["sum"] = "sum"
    stated_max: Dec | None = None
    proportions: list[Proportion] | None = None
    printed_th: str | None = None


class Gate(_Documented):
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


class Tier(_Model):
    id: Slug
    label_th: str
    label_en: str | None = None
    min: Dec | None = None
    max: Dec | None = None
    min_inclusive: bool = True
    max_inclusive: bool = False
    printed_th: str | None = None


class Tiers(_Documented):
    """Tiers on half-open ranges of the UNROUNDED total; first match wins."""

    basis: Literal["unrounded_total"] = "unrounded_total"
    bands: list[Tier] = Field(min_length=1)
    none_label_th: str = "ไม่ได้รับรางวัล"
    failed_gate_label_th: str = "ไม่ผ่านคุณสมบัติเบื้องต้น ไม่มอบเกียรติบัตร"


class Display(_Model):
    """Display rounding only; tiers and gates use the unrounded values."""

    decimals: int = Field(default=2, ge=0, le=6)
    rounding: Literal["half_up", "half_even", "down"] = "half_up"
    thai_digits: bool = False


# --------------------------------------------------------------------------- instrument


class Instrument(_Documented):
    schema_version: Literal[1] = SCHEMA_VERSION
    id: str = Field(pattern=INSTRUMENT_ID_RE, max_length=80)
    version: str = Field(description="version label, e.g. '2569'")
    program: str = Field(description="nara2 | kpi10 | example …")
    category: str | None = Field(default=None, description="school | director | teacher …")
    kind: Literal["eligibility", "scoring", "report"]
    title_th: str
    title_en: str | None = None
    description_th: str | None = None
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

    def field(self, field_id: str) -> FormField | None:
        for f in self.form.fields:
            if f.id == field_id:
                return f
        return None


Defect.model_rebuild()
Condition.model_rebuild()
FormField.model_rebuild()
Instrument.model_rebuild()


# --------------------------------------------------------------------------- overrides


class OverrideError(ValueError):
    """An override key that does not name an existing attribute."""


def _node_dict(data: dict[str, Any], node_path: str) -> dict[str, Any]:
    if node_path == "":
        return data
    parts = node_path.split(".")
    if parts[0] == "fields" and len(parts) == 2:
        return _find_by_id(data.get("form", {}).get("fields", []), parts[1], node_path)
    if parts[0] == "evidence" and len(parts) == 2:
        return _find_by_id(data.get("form", {}).get("evidence", []), parts[1], node_path)
    node = _find_by_id(data.get("rubric", {}).get("components", []), parts[0], node_path)
    if len(parts) >= 2:
        node = _find_by_id(node.get("indicators", []), parts[1], node_path)
    if len(parts) == 3:
        items = node.get("items", [])
        for position, item in enumerate(items, start=1):
            if str(item.get("id") or position) == parts[2]:
                return item
        raise OverrideError(f"no item {parts[2]!r} in {node_path}")
    if len(parts) > 3:
        raise OverrideError(f"not a node path: {node_path!r}")
    return node


def _find_by_id(nodes: list[dict[str, Any]], node_id: str, path: str) -> dict[str, Any]:
    for node in nodes:
        if str(node.get("id")) == node_id:
            return node
    raise OverrideError(f"no node {node_id!r} (in {path!r})")


def _list_key(element: Any) -> str | None:
    if isinstance(element, dict):
        for key in ("id", "level", "component", "when_items", "item"):
            if element.get(key) is not None:
                return str(element[key])
    return None


def _list_index(elements: list[Any], part: str) -> int | None:
    """The one element of a list that ``part`` names (by id-like key, or ``[index]``), if any."""
    matches = [i for i, element in enumerate(elements) if _list_key(element) == part]
    if not matches and re.fullmatch(r"\[\d+\]", part) and int(part[1:-1]) < len(elements):
        matches = [int(part[1:-1])]
    return matches[0] if len(matches) == 1 else None


def _set_attr(node: dict[str, Any], attr_path: str, value: Any, key: str) -> None:
    parts = [p for p in attr_path.split(".") if p]
    if not parts:
        raise OverrideError(f"{key!r}: empty attribute path")
    target: Any = node
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        if isinstance(target, dict):
            if last:
                target[part] = value
                return
            if part not in target or target[part] is None:
                raise OverrideError(f"{key!r}: no attribute {part!r}")
            target = target[part]
        elif isinstance(target, list):
            position = _list_index(target, part)
            if position is None:
                raise OverrideError(f"{key!r}: {part!r} does not name exactly one element")
            if last:
                target[position] = value
                return
            target = target[position]
        else:
            raise OverrideError(f"{key!r}: cannot descend into {part!r}")


def apply_overrides(instrument: Instrument, overrides: dict[str, Any]) -> Instrument:
    """Return a copy of ``instrument`` with campaign parameters applied, re-validated.

    Keys are ``<node path>/<attribute path>``; list elements are addressed by their ``id`` (or
    ``level``, ``component``, ``when_items``, ``item``) or by ``[index]``. Example:
    ``{"c1.i1/levels.very_good.points": 10, "/tiers.bands.gold.min": 85}``.
    """
    if not overrides:
        return instrument
    data = copy.deepcopy(instrument.model_dump(mode="json", by_alias=True, exclude_none=True))
    for key, value in sorted(overrides.items()):
        node_path, sep, attr_path = key.partition("/")
        if not sep:
            raise OverrideError(f"{key!r}: expected '<node path>/<attribute path>'")
        node = _node_dict(data, node_path)
        _set_attr(node, attr_path, value, key)
    return Instrument.model_validate(data)
