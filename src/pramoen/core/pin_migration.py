"""Shared body of the data migrations that snapshot pins made before snapshots existed.

Campaign categories and KPI reports pinned instrument hashes before ``core.InstrumentSnapshot``
existed; the library files they pinned may since have changed (issue 10 re-transcribed the
director forms). This copies each pinned document — from the library or the shipped archive of
earlier versions — into the snapshot table, so those pins keep scoring with the exact version.
A hash found nowhere is left as it is and reported; scoring it is refused in Thai.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from pramoen.instruments import canonical_json, version_hash
from pramoen.instruments.versions import find_version


def snapshot_pins(snapshot_model: Any, pins: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Store a snapshot for every (instrument id, hash); return the pins found nowhere."""
    missing = []
    existing = set(snapshot_model.objects.values_list("version_hash", flat=True))
    for instrument_id, pinned_hash in sorted(set(pins)):
        if not pinned_hash or pinned_hash in existing:
            continue
        instrument = find_version(instrument_id, pinned_hash)
        if instrument is None:
            missing.append((instrument_id, pinned_hash))
            continue
        assert version_hash(instrument) == pinned_hash
        snapshot_model.objects.create(
            version_hash=pinned_hash,
            instrument_id=instrument_id,
            version=str(instrument.version)[:40],
            title_th=instrument.title_th[:500],
            document=json.loads(canonical_json(instrument)),
        )
        existing.add(pinned_hash)
    return missing
