"""Decoding stored JSON in bulk (issue 12): after the proof of validity, parsing the reviews'
stored answers is most of a finalization's time, so bulk reads take the JSON text and decode it
here — with orjson when it is installed (a few times faster), else the standard parser. Both give
the same Python values for what the database stores (objects, arrays, strings, integers,
floats); an input orjson refuses (an integer beyond 64 bits) gets the standard parser's answer."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

_fast_loads: Callable[[str | bytes], Any] | None
try:
    from orjson import JSONDecodeError as _FastError
    from orjson import loads as _fast_loads
except ImportError:  # optional: the standard parser gives the same values, more slowly
    _fast_loads = None


def decode(text: str | bytes | None) -> Any:
    """The value of a JSON text read from the database (None for SQL NULL)."""
    if text is None:
        return None
    if _fast_loads is not None:
        try:
            return _fast_loads(text)
        except _FastError:
            pass
    return json.loads(text)
