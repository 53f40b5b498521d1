"""Issue 10: a campaign pinned before the director forms were re-transcribed keeps its scores.

The category below is pinned to the director academic version every campaign pinned before the
re-transcription (5370a911…, now only in ``library/archive``): its answers use that version's
placeholder items (three per preliminary row, six rows). Finalizing and recomputing must use that
version — the current library file would not even accept these answers (๑.๖ is now a choice).
"""

from __future__ import annotations

import importlib
from decimal import Decimal

import pytest

from pramoen.awards.models import CampaignCategory, Entry
from pramoen.awards.services import CategorySpec, campaign_create
from pramoen.core.models import InstrumentSnapshot
from pramoen.instruments import AnswersInvalid, get_instrument, score, version_hash
from pramoen.instruments.versions import find_version
from pramoen.judging import selectors, services
from pramoen.judging.models import EntryResult
from tests.awards.conftest import campaign_fields

OLD_ACADEMIC = "5370a9118526e9738ce70b42513acec0e1af17ac37701695e014bf31083ab1c2"
OLD_PRELIMINARY = "d97a4797556d79d31f3ba892b595581ea60fddcd2e150707a83c5520b554b7dd"
DIRECTOR_ACADEMIC = CategorySpec(
    category="director",
    domain="academic",
    size_class="small",
    eligibility_instrument_id="nara2-director-preliminary",
    scoring_instrument_id="nara2-director-academic",
)


def _old_answers(pre: list[int], c1: list[int], c2: list[int]) -> dict:
    """The old version's shape: pre.i1-i6 (3 items, ๑.๕ 4), c1.i1-i5 and c2.i1-i6 (4 items)."""
    rows = {f"pre.i{k}": n for k, n in enumerate(pre, start=1)}
    rows |= {f"c1.i{k}": n for k, n in enumerate(c1, start=1)}
    rows |= {f"c2.i{k}": n for k, n in enumerate(c2, start=1)}
    return {path: {"checked": list(range(1, n + 1))} for path, n in rows.items()}


@pytest.fixture
def old_category(esa, staff):
    campaign = campaign_create(
        esa=esa, actor=staff, categories=[DIRECTOR_ACADEMIC], **campaign_fields()
    )
    category = campaign.categories.get()
    # What a campaign created before issue 10 holds: the old hashes, and no snapshot rows (the
    # migration that copies them from the archive is tested below).
    CampaignCategory.objects.filter(pk=category.pk).update(
        scoring_instrument_hash=OLD_ACADEMIC, eligibility_instrument_hash=OLD_PRELIMINARY
    )
    InstrumentSnapshot.objects.all().delete()
    category.refresh_from_db()
    return category


def test_a_group_pinned_to_the_superseded_version_finalizes_and_recomputes_with_it(
    old_category, staff, chair, judges, make_school
):
    from pramoen.awards.enums import EntryStatus
    from pramoen.judging.services import committee_create, eligibility_record

    committee = committee_create(category=old_category, chair=chair, members=judges, actor=staff)
    # Hand-computed on the old version (its preliminary rescaled 30 × raw / 18, c2 50 × raw / 24):
    plans = {
        # pre 3,3,3,3,(4→3),3 = 18 → 30; c1 4 × 5 = 20; c2 4 × 6 = 24 → 50: total 100
        "full": _old_answers([3, 3, 3, 3, 4, 3], [4] * 5, [4] * 6),
        # pre 3,2,1,0,(3→2),3 = 11 → 18.333…; c1 10; c2 4+4+3+3+2+1 = 17 → 35.41666…: 63.75
        "mixed": _old_answers([3, 2, 1, 0, 3, 3], [4, 3, 2, 1, 0], [4, 4, 3, 3, 2, 1]),
    }
    entries = {}
    for name, indicators in plans.items():
        entry = Entry.objects.create(
            campaign=old_category.campaign,
            category=old_category,
            school=make_school(),
            nominee_key=f"person:{name}",
            nominee_name=f"ผู้อำนวยการ {name}",
            created_by=staff,
            status=EntryStatus.SUBMITTED,
            answers={"scoring": {"fields": {}, "evidence": {}}},
        )
        eligibility_record(entry=entry, eligible=True, actor=staff)
        for judge in judges:
            services.assignment_add(entry=entry, judge=judge, actor=chair)
            review = services.review_open(entry=entry, judge=judge)
            services.review_submit(
                review=review, actor=judge, seen_version=review.version, indicators=indicators
            )
        entries[name] = entry
    services.group_finalize(committee=committee, actor=chair)
    stored = {r.entry_id: (r.total, r.tier) for r in EntryResult.objects.all()}

    full, mixed = entries["full"].pk, entries["mixed"].pk
    assert stored[full] == ("100", "gold")
    assert Decimal(stored[mixed][0]).quantize(Decimal("0.0001")) == Decimal("63.7500")
    assert stored[mixed][1] == "bronze"

    # Recomputed independently from the pinned version, and by the service, identically.
    old = find_version("nara2-director-academic", OLD_ACADEMIC)
    assert old is not None and version_hash(old) == OLD_ACADEMIC
    again = {
        o.entry.pk: (str(o.total), o.tier or "") for o in selectors.entry_outcomes(old_category)
    }
    assert again == stored
    answers = {"eligibility": {"nara2-director-preliminary": True}, "indicators": plans["mixed"]}
    assert score(old, answers).total == Decimal(stored[mixed][0])  # all three judges agree

    # The current library version is another form: these answers are not even valid there.
    current = get_instrument("nara2-director-academic")
    assert version_hash(current) != OLD_ACADEMIC
    with pytest.raises(AnswersInvalid):
        score(current, answers)


def test_the_pin_migration_snapshots_pins_made_before_snapshots(old_category):
    migration = importlib.import_module(
        "pramoen.awards.migrations.0007_snapshot_pinned_instruments"
    )
    from django.apps import apps

    assert not InstrumentSnapshot.objects.exists()
    migration.forwards(apps, None)
    stored = dict(InstrumentSnapshot.objects.values_list("version_hash", "instrument_id"))
    assert stored == {
        OLD_ACADEMIC: "nara2-director-academic",
        OLD_PRELIMINARY: "nara2-director-preliminary",
    }
    # idempotent, and a snapshot is the exact pinned document
    migration.forwards(apps, None)
    assert InstrumentSnapshot.objects.count() == 2
    row = InstrumentSnapshot.objects.get(version_hash=OLD_ACADEMIC)
    from pramoen.instruments.versions import document_instrument

    assert version_hash(document_instrument(row.document, expected_hash=OLD_ACADEMIC, where="t"))


def test_a_pin_found_only_in_the_database_snapshot_still_scores(
    old_category, monkeypatch, tmp_path
):
    # An instrument that was never a library file (or an archive lost in a deployment): the
    # snapshot stored at pinning is enough.
    from pramoen.core import instrument_store
    from pramoen.core.instrument_store import instrument_pinned, instrument_snapshot_store
    from pramoen.instruments import versions

    instrument_snapshot_store(instrument=find_version("nara2-director-academic", OLD_ACADEMIC))
    monkeypatch.setattr(versions, "ARCHIVE_DIR", tmp_path)  # an empty archive
    monkeypatch.setattr(instrument_store, "find_version", lambda *a, **k: None)
    instrument_store._pinned.cache_clear()
    try:
        found = instrument_pinned("nara2-director-academic", OLD_ACADEMIC)
        assert version_hash(found) == OLD_ACADEMIC
    finally:
        instrument_store._pinned.cache_clear()
