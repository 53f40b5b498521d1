"""Instrument pins: an instrument id resolved to the shipped file and its version hash.

Pure Python (no Django). A campaign category stores the hash computed here, so a score can always
be reproduced with the exact version of the form it was judged with, even after the library file
is corrected (docs/instruments.md: the version hash identifies an exact version).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pramoen.instruments.hashing import version_hash
from pramoen.instruments.loader import LIBRARY_DIR, library_files, load_instrument

__all__ = ["Pin", "UnknownInstrumentError", "WrongInstrumentKindError", "resolve_pin"]


class UnknownInstrumentError(ValueError):
    def __init__(self, instrument_id: str) -> None:
        self.instrument_id = instrument_id
        super().__init__(f"ไม่พบแบบประเมินรหัส “{instrument_id}” ในคลังแบบประเมินของระบบ")


class WrongInstrumentKindError(ValueError):
    def __init__(self, instrument_id: str, kind: str, expected: str) -> None:
        self.instrument_id = instrument_id
        names = {"eligibility": "แบบประเมินคุณสมบัติเบื้องต้น", "scoring": "เกณฑ์การให้คะแนน"}
        super().__init__(
            f"แบบประเมิน “{instrument_id}” เป็น{names.get(kind, kind)} "
            f"ใช้ในช่อง{names.get(expected, expected)}ไม่ได้"
        )


@dataclass(frozen=True, slots=True)
class Pin:
    instrument_id: str
    version_hash: str
    kind: str
    title_th: str
    version: str


def _index(root: Path) -> dict[str, Path]:
    # File stem == instrument id (docs/instruments.md); the loaded id is checked below.
    index: dict[str, Path] = {}
    for path in library_files(root):
        index.setdefault(path.stem, path)
    return index


@lru_cache(maxsize=256)
def _pin_of(path: str, mtime_ns: int) -> Pin:
    instrument = load_instrument(path)
    return Pin(
        instrument_id=instrument.id,
        version_hash=version_hash(instrument),
        kind=str(getattr(instrument.kind, "value", instrument.kind)),
        title_th=instrument.title_th,
        version=str(instrument.version),
    )


def resolve_pin(instrument_id: str, *, kind: str | None = None, root: Path = LIBRARY_DIR) -> Pin:
    """The current pin of a shipped instrument; refuses an unknown id or the wrong kind."""
    path = _index(root).get(instrument_id)
    if path is None:
        raise UnknownInstrumentError(instrument_id)
    pin = _pin_of(str(path), path.stat().st_mtime_ns)
    if pin.instrument_id != instrument_id:
        raise UnknownInstrumentError(instrument_id)
    if kind is not None and pin.kind != kind:
        raise WrongInstrumentKindError(instrument_id, pin.kind, kind)
    return pin
