"""Canonical version hash of an instrument.

sha256 of the canonical JSON of the validated model: keys sorted, no whitespace, UTF-8, decimals
normalised ("15.0" and "15" agree), nulls dropped, defaults filled in (an omitted default and the
same value written out agree). Comments, key order and YAML formatting therefore never change it;
any change of meaning does.
"""

from __future__ import annotations

import hashlib
import json

from pramoen.instruments.schema import Instrument


def canonical_json(instrument: Instrument) -> str:
    """The canonical JSON text the version hash is computed from."""
    data = instrument.model_dump(mode="json", by_alias=True, exclude_none=True)
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def version_hash(instrument: Instrument) -> str:
    """Hex sha256 of :func:`canonical_json`; stored with every score so it can be recomputed."""
    return hashlib.sha256(canonical_json(instrument).encode("utf-8")).hexdigest()
