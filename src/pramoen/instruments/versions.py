"""Every shipped version of every instrument, found by its version hash.

A campaign category, a KPI report or a review pins the *version hash* of the instrument it was
scored with (docs/instruments.md). When a library file is corrected, its hash changes and the
pinned version is no longer the file on disk; to stay reproducible, the canonical document of every
version that was ever shipped is kept in ``library/archive/<instrument id>/<hash>.json`` — the very
JSON text the hash is computed from, so an archived file verifies itself.

``pramoen instrument archive`` adds the current versions (run it after changing a library file; a
test fails while a shipped version is missing from the archive). The Django side keeps a database
snapshot of each pinned document too (``core.InstrumentSnapshot``); this module is the pure part.

Pure Python: no Django import.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pramoen.instruments.hashing import canonical_json, version_hash
from pramoen.instruments.loader import LIBRARY_DIR, library_files, load_instrument
from pramoen.instruments.registry import UnknownInstrument, get_instrument
from pramoen.instruments.schema import Instrument

ARCHIVE_DIR = LIBRARY_DIR / "archive"

__all__ = [
    "ARCHIVE_DIR",
    "ArchivedVersion",
    "CorruptVersionError",
    "archive_current",
    "archived_versions",
    "document_instrument",
    "find_version",
]


class CorruptVersionError(ValueError):
    """A stored document does not hash to the version hash it is filed under."""

    def __init__(self, where: str, expected: str, actual: str) -> None:
        self.expected, self.actual = expected, actual
        super().__init__(f"{where}: เอกสารแบบประเมินไม่ตรงกับรหัสรุ่น {expected[:12]} (ได้ {actual[:12]})")


@dataclass(frozen=True, slots=True)
class ArchivedVersion:
    instrument_id: str
    version_hash: str
    path: Path


def document_instrument(
    document: str | dict[str, Any], *, expected_hash: str, where: str
) -> Instrument:
    """Rebuild an instrument from its canonical document and check that it is the pinned one."""
    data = json.loads(document) if isinstance(document, str) else document
    instrument = Instrument.model_validate(data)
    actual = version_hash(instrument)
    if actual != expected_hash:
        raise CorruptVersionError(where, expected_hash, actual)
    return instrument


def archived_versions(root: Path = ARCHIVE_DIR) -> list[ArchivedVersion]:
    if not root.is_dir():
        return []
    return [
        ArchivedVersion(path.parent.name, path.stem, path) for path in sorted(root.glob("*/*.json"))
    ]


@lru_cache(maxsize=256)
def _archived(instrument_id: str, pinned_hash: str, root: str) -> Instrument | None:
    path = Path(root) / instrument_id / f"{pinned_hash}.json"
    if not path.is_file():
        return None
    return document_instrument(
        path.read_text(encoding="utf-8"), expected_hash=pinned_hash, where=str(path)
    )


def find_version(
    instrument_id: str,
    pinned_hash: str,
    *,
    library: Path = LIBRARY_DIR,
    archive: Path = ARCHIVE_DIR,
) -> Instrument | None:
    """The instrument ``instrument_id`` exactly as pinned: the library file when it still has that
    hash, else the archived document; ``None`` when neither holds that version."""
    if library == LIBRARY_DIR:
        try:
            current = get_instrument(instrument_id)
        except UnknownInstrument:
            current = None
        if current is not None and version_hash(current) == pinned_hash:
            return current
    else:
        for path in library_files(library):
            if path.stem == instrument_id:
                current = load_instrument(path)
                if version_hash(current) == pinned_hash:
                    return current
    found = _archived(instrument_id, pinned_hash, str(archive))
    if found is not None and found.id != instrument_id:
        return None
    return found


def archive_current(*, library: Path = LIBRARY_DIR, archive: Path = ARCHIVE_DIR) -> list[Path]:
    """Write the canonical document of every current library instrument that the archive lacks;
    return the files written."""
    written: list[Path] = []
    for path in library_files(library):
        instrument = load_instrument(path)
        target = archive / instrument.id / f"{version_hash(instrument)}.json"
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(canonical_json(instrument) + "\n", encoding="utf-8")
        written.append(target)
    return written
