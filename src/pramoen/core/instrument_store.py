"""The exact instrument version a campaign category or KPI report pinned, found by its hash.

Scores must stay reproducible from the stored answers and the pinned instrument (see
docs/architecture.md), also after the library file is corrected. A pin resolves, in order, to:

1. the library file, while it still has that hash;
2. the shipped archive of every earlier library version (``pramoen.instruments.versions``);
3. the database snapshot stored when the pin was made (``core.InstrumentSnapshot``), which also
   covers instruments that never were library files.

Each document is checked against its hash before it is used; a pin that resolves nowhere raises a
Thai ``ValidationError`` instead of scoring with another version.
"""

from __future__ import annotations

import json
import logging
from functools import lru_cache

from django.core.exceptions import ValidationError

from pramoen.core.models import InstrumentSnapshot
from pramoen.instruments import Instrument, canonical_json, version_hash
from pramoen.instruments.versions import CorruptVersionError, document_instrument, find_version

__all__ = ["MISSING_TH", "instrument_pinned", "instrument_snapshot_store"]

log = logging.getLogger(__name__)
MISSING_TH = "ไม่พบแบบประเมินฉบับที่กำหนดไว้สำหรับกลุ่มหรือรายงานนี้ จึงใช้งานหรือคำนวณคะแนนไม่ได้ กรุณาแจ้งผู้ดูแลระบบ"


@lru_cache(maxsize=128)
def _pinned(instrument_id: str, pinned_hash: str) -> Instrument:
    found = find_version(instrument_id, pinned_hash)
    if found is not None:
        return found
    row = (
        InstrumentSnapshot.objects.filter(version_hash=pinned_hash, instrument_id=instrument_id)
        .only("document")
        .first()
    )
    if row is None:
        # People read the Thai message; the ids are for whoever answers "กรุณาแจ้งผู้ดูแลระบบ".
        log.warning(
            "pinned instrument %s %s is in no library, archive or snapshot",
            instrument_id,
            pinned_hash,
        )
        raise ValidationError(MISSING_TH)
    try:
        return document_instrument(row.document, expected_hash=pinned_hash, where=instrument_id)
    except CorruptVersionError as exc:
        log.error("snapshot of %s does not hash to %s: %s", instrument_id, pinned_hash, exc)
        raise ValidationError(MISSING_TH) from exc


def instrument_pinned(instrument_id: str, pinned_hash: str) -> Instrument:
    """The instrument exactly as pinned (instruments are immutable, so the result is cached)."""
    return _pinned(instrument_id, pinned_hash)


def instrument_snapshot_store(*, instrument: Instrument) -> InstrumentSnapshot:
    """Keep the canonical document of ``instrument`` under its hash (idempotent; never updates).

    Not audited: it records no decision, only the content a pin (which is audited) refers to.
    """
    pinned_hash = version_hash(instrument)
    snapshot, _created = InstrumentSnapshot.objects.get_or_create(
        version_hash=pinned_hash,
        defaults={
            "instrument_id": instrument.id,
            "version": str(instrument.version)[:40],
            "title_th": instrument.title_th[:500],
            "document": json.loads(canonical_json(instrument)),
        },
    )
    return snapshot
