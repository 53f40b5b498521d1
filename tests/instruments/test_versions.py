"""Every shipped instrument version stays resolvable by its hash (library/archive)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pramoen.instruments import get_instrument, shipped_ids, version_hash
from pramoen.instruments.hashing import canonical_json
from pramoen.instruments.versions import (
    CorruptVersionError,
    archive_current,
    archived_versions,
    document_instrument,
    find_version,
)


@pytest.mark.parametrize("instrument_id", shipped_ids())
def test_every_current_library_version_is_archived(instrument_id: str) -> None:
    # After changing a library file, run `pramoen instrument archive`: the old version is already
    # in the archive and campaigns pinned to it keep scoring with it.
    pinned = version_hash(get_instrument(instrument_id))
    archived = {(v.instrument_id, v.version_hash) for v in archived_versions()}
    assert (instrument_id, pinned) in archived


def test_every_archived_document_hashes_to_its_file_name() -> None:
    versions = archived_versions()
    assert len(versions) >= len(shipped_ids())
    for version in versions:
        instrument = document_instrument(
            version.path.read_text(encoding="utf-8"),
            expected_hash=version.version_hash,
            where=str(version.path),
        )
        assert instrument.id == version.instrument_id


def test_a_superseded_version_is_found_in_the_archive_not_the_library() -> None:
    # The director forms were re-transcribed (issue 10): the version campaigns pinned before
    # (5370a911…) is no longer the library file, yet it resolves, and it is that exact document.
    old = "5370a9118526e9738ce70b42513acec0e1af17ac37701695e014bf31083ab1c2"
    assert version_hash(get_instrument("nara2-director-academic")) != old
    found = find_version("nara2-director-academic", old)
    assert found is not None and version_hash(found) == old
    assert found.rubric.components[0].indicators[0].items[0].text_th.startswith("ข้อปฏิบัติที่ ๑")
    assert find_version("nara2-director-academic", "0" * 64) is None
    assert find_version("nara2-school-academic", old) is None  # a hash of another instrument


def test_a_tampered_archive_document_is_refused(tmp_path: Path) -> None:
    instrument = get_instrument("nara2-school-eligibility")
    data = json.loads(canonical_json(instrument))
    data["title_th"] = "แก้ไขโดยไม่ได้รับอนุญาต"
    with pytest.raises(CorruptVersionError):
        document_instrument(data, expected_hash=version_hash(instrument), where="test")


def test_archive_current_writes_only_what_is_missing(tmp_path: Path) -> None:
    first = archive_current(archive=tmp_path)
    assert len(first) == len(shipped_ids())
    assert archive_current(archive=tmp_path) == []
