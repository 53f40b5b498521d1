"""OBEC KPI 10 instruments (seed 000): ``kpi10-6m.yaml`` and ``kpi10-12m.yaml``.

Pure Python, no Django. Besides the YAML files this package holds the one question the KPI app
asks of these instruments that the engine has no public function for yet: which evidence slots
apply to an ESA (the 6-month round asks "แผนการรองรับนักเรียนของโรงเรียนคุณภาพ" only of secondary
ESAs, and the PA-challenge documents only when the ESA chose this KPI as its PA challenge).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pramoen.instruments import LIBRARY_DIR, Instrument, load_instrument
from pramoen.instruments.schema import EvidenceSlot

__all__ = [
    "KPI10_6M",
    "KPI10_12M",
    "KPI10_DIR",
    "applicable_evidence",
    "load_kpi10",
]

KPI10_DIR = LIBRARY_DIR / "kpi10"
KPI10_6M = "kpi10-6m"
KPI10_12M = "kpi10-12m"


def load_kpi10(instrument_id: str) -> Instrument:
    """Load ``kpi10-6m`` or ``kpi10-12m`` from the library."""
    if instrument_id not in (KPI10_6M, KPI10_12M):
        raise ValueError(f"not a KPI 10 instrument: {instrument_id!r}")
    return load_instrument(KPI10_DIR / f"{instrument_id}.yaml")


def applicable_evidence(instrument: Instrument, fields: Mapping[str, Any]) -> list[EvidenceSlot]:
    """The evidence slots whose ``applies_when`` holds for these form answers, in form order.

    Conditions are evaluated by the engine's own condition compiler so that the semantics are
    exactly those used for fields and indicators; the engine exposes no public evaluator for
    evidence conditions yet (reported to the lead), hence the private import.
    """
    from pramoen.instruments.scoring import _Compiler

    compiler = _Compiler(instrument)
    context = (dict(fields), {}, {})
    applicable = []
    for slot in instrument.form.evidence:
        if slot.applies_when is None:
            applicable.append(slot)
            continue
        holds = compiler.condition(slot.applies_when, f"evidence.{slot.id}", set())
        if compiler.problems:
            raise ValueError(f"evidence.{slot.id}: {compiler.problems[-1][2]}")
        if holds(context):
            applicable.append(slot)
    return applicable
