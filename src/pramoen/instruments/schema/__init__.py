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

Modules: ``base`` (decimals, slugs, the base model), ``rules`` (conditions and rule kinds),
``defects`` (sources, defects, resolutions), ``rubric``, ``form``, ``instrument`` (with
aggregation, gates, tiers, display) and ``overrides``. Import from this package.

Pure Python: no Django import (a test enforces it).
"""

from __future__ import annotations

from pramoen.instruments.schema.base import (
    INSTRUMENT_ID_RE,
    SCHEMA_VERSION,
    SLUG_RE,
    Dec,
    ItemRef,
    Slug,
)
from pramoen.instruments.schema.defects import (
    Defect,
    Resolution,
    SourceRef,
)
from pramoen.instruments.schema.form import (
    Choice,
    EvidenceSlot,
    FieldType,
    Form,
    FormField,
)
from pramoen.instruments.schema.instrument import (
    ESA_AUTHORED_NOTICE_TH,
    Aggregation,
    Display,
    EsaAuthored,
    Gate,
    Instrument,
    Proportion,
    Tier,
    TierRule,
    Tiers,
)
from pramoen.instruments.schema.overrides import (
    OverrideError,
    apply_overrides,
    check_override_key,
)
from pramoen.instruments.schema.rubric import (
    Component,
    EsaText,
    Indicator,
    Item,
    Level,
    Rubric,
    Scale,
)
from pramoen.instruments.schema.rules import (
    RULE_KINDS,
    Band,
    Condition,
    ConditionCase,
    ConditionLevels,
    CountCase,
    CountPoints,
    ItemChoice,
    ItemChoiceOption,
    ItemCountBands,
    LevelChoice,
    NoneOption,
    NumericRange,
    NumericThresholds,
    Otherwise,
    PassFail,
    Rule,
    UseDefinition,
)

__all__ = [
    "ESA_AUTHORED_NOTICE_TH",
    "INSTRUMENT_ID_RE",
    "RULE_KINDS",
    "SCHEMA_VERSION",
    "SLUG_RE",
    "Aggregation",
    "Band",
    "Choice",
    "Component",
    "Condition",
    "ConditionCase",
    "ConditionLevels",
    "CountCase",
    "CountPoints",
    "Dec",
    "Defect",
    "Display",
    "EsaAuthored",
    "EsaText",
    "EvidenceSlot",
    "FieldType",
    "Form",
    "FormField",
    "Gate",
    "Indicator",
    "Instrument",
    "Item",
    "ItemChoice",
    "ItemChoiceOption",
    "ItemCountBands",
    "ItemRef",
    "Level",
    "LevelChoice",
    "NoneOption",
    "NumericRange",
    "NumericThresholds",
    "Otherwise",
    "OverrideError",
    "PassFail",
    "Proportion",
    "Resolution",
    "Rubric",
    "Rule",
    "Scale",
    "Slug",
    "SourceRef",
    "Tier",
    "TierRule",
    "Tiers",
    "UseDefinition",
    "apply_overrides",
    "check_override_key",
]
