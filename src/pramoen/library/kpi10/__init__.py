"""OBEC KPI 10 instruments (seed 000): ``kpi10-6m.yaml`` and ``kpi10-12m.yaml``.

Pure Python, no Django. ``applicable_evidence`` (the engine's) answers which evidence slots apply
to an ESA: the 6-month round asks "แผนการรองรับนักเรียนของโรงเรียนคุณภาพ" only of secondary ESAs,
and the PA-challenge documents only when the ESA chose this KPI as its PA challenge.
"""

from __future__ import annotations

from pramoen.instruments import LIBRARY_DIR, Instrument, applicable_evidence, load_instrument

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
