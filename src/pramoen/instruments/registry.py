"""The instruments shipped under src/pramoen/library/, found by id."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pramoen.instruments.loader import LIBRARY_DIR, library_files, load_instrument
from pramoen.instruments.schema import Instrument


class UnknownInstrument(KeyError):
    """No shipped instrument has this id."""


@lru_cache(maxsize=8)
def _index(root: str) -> dict[str, Path]:
    # File stem == instrument id by convention (docs/instruments.md); the loaded id is checked.
    index: dict[str, Path] = {}
    for path in library_files(Path(root)):
        index.setdefault(path.stem, path)
    return index


def shipped_ids(root: Path = LIBRARY_DIR) -> list[str]:
    """Ids of every shipped instrument file, sorted."""
    return sorted(_index(str(root)))


def instrument_path(instrument_id: str, root: Path = LIBRARY_DIR) -> Path:
    try:
        return _index(str(root))[instrument_id]
    except KeyError:
        raise UnknownInstrument(instrument_id) from None


@lru_cache(maxsize=128)
def _load(path: str, mtime_ns: int) -> Instrument:
    return load_instrument(path)


def get_instrument(instrument_id: str, root: Path = LIBRARY_DIR) -> Instrument:
    """Load (and cache) a shipped instrument by id."""
    path = instrument_path(instrument_id, root)
    instrument = _load(str(path), path.stat().st_mtime_ns)
    if instrument.id != instrument_id:
        raise UnknownInstrument(
            f"{path} declares id {instrument.id!r}; the file must be named {instrument.id}.yaml"
        )
    return instrument
