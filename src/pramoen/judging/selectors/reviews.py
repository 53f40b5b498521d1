"""Reviews and the state of an entry around them (eligibility recorded, result locked)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from pramoen.awards.models import Entry
from pramoen.judging.models import (
    Eligibility,
    EntryResult,
    Review,
    ReviewVersion,
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


def review_returned(review: Review) -> ReviewVersion | None:
    """The chair's return the judge has not answered yet (shown on top of the scoring page):
    the newest version someone else saved with a reason, unless a submission followed it."""
    from pramoen.judging.enums import ReviewStatus

    if review.status != ReviewStatus.DRAFT:
        return None
    for version in review.history.select_related("saved_by").order_by("-version")[:50]:
        if version.status == ReviewStatus.SUBMITTED:
            return None
        if version.note and version.saved_by_id != review.judge_id:
            return version
    return None
