"""Reviews and the state of an entry around them (eligibility recorded, result locked)."""

from __future__ import annotations

from django.db.models import QuerySet

from pramoen.awards.models import Entry
from pramoen.judging.models import (
    Eligibility,
    EntryResult,
    Review,
)


def reviews_for_entry(*, entry: Entry) -> QuerySet[Review]:
    return Review.objects.filter(entry=entry).select_related("judge").order_by("judge_id")


def entry_eligible(entry: Entry) -> bool | None:
    record = Eligibility.objects.filter(entry=entry).first()
    return record.eligible if record else None


def entry_locked(entry_id: int) -> bool:
    return EntryResult.objects.filter(entry_id=entry_id, reopened_at__isnull=True).exists()
