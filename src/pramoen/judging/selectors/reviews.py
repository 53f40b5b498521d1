"""Reviews and the state of an entry around them (eligibility recorded, result locked)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from pramoen.awards.models import Entry
from pramoen.judging.models import (
    Eligibility,
    EntryResult,
    Review,
)


def reviews_for_entry(*, entry: Entry) -> QuerySet[Review]:
    return Review.objects.filter(entry=entry).select_related("judge").order_by("judge_id")


def review_for_page(*, entry: Entry, judge: Any) -> Review:
    """The judge's review of ``entry`` for showing: the stored one, or before the first save an
    unsaved empty one pinned to the group's instrument (reading a page must not create rows)."""
    from pramoen.judging.scoring import pinned_scoring

    review = Review.objects.filter(entry=entry, judge=judge).first()
    if review is not None:
        return review
    compiled = pinned_scoring(entry.category)
    return Review(
        entry=entry,
        judge=judge,
        instrument_id=compiled.instrument.id,
        instrument_hash=entry.category.scoring_instrument_hash,
        indicators={},
    )


def entry_eligible(entry: Entry) -> bool | None:
    record = Eligibility.objects.filter(entry=entry).first()
    return record.eligible if record else None


def entry_locked(entry_id: int) -> bool:
    return EntryResult.objects.filter(entry_id=entry_id, reopened_at__isnull=True).exists()
