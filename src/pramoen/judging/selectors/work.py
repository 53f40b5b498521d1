"""The judge's work: assigned entries with their review progress; one entry if the judge may see
it."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404

from pramoen.awards.enums import EntryStatus
from pramoen.awards.models import Entry
from pramoen.core.types import User
from pramoen.judging.enums import ReviewStatus
from pramoen.judging.models import (
    Assignment,
    Review,
)
from pramoen.judging.selectors.conflicts import conflicted_entry_ids


@dataclass(frozen=True, slots=True)
class WorkItem:
    assignment: Assignment
    review: Review | None
    conflicted: bool

    @property
    def status_th(self) -> str:
        if self.conflicted:
            return "มีส่วนได้เสีย"
        if self.review is None:
            return "ยังไม่เริ่ม"
        return str(self.review.get_status_display())

    @property
    def done(self) -> bool:
        return self.review is not None and self.review.status == ReviewStatus.SUBMITTED


def workspace_for(*, judge: User) -> list[WorkItem]:
    """The judge's assigned entries with their review progress."""
    assignments = list(
        Assignment.objects.filter(
            judge=judge,
            entry__status=EntryStatus.SUBMITTED,
            entry__category__committee__members=judge,
        )
        .select_related("entry", "entry__school", "entry__category", "entry__campaign")
        .order_by("entry__campaign_id", "entry__category__position", "entry_id")
    )
    entries = [a.entry for a in assignments]
    reviews = {r.entry_id: r for r in Review.objects.filter(judge=judge, entry__in=entries)}
    blocked = conflicted_entry_ids(judge=judge, entries=entries)
    return [WorkItem(a, reviews.get(a.entry_id), a.entry_id in blocked) for a in assignments]


def entry_for_judge(*, judge: User, entry_id: int) -> Entry:
    """The entry if ``judge`` is assigned and not conflicted — otherwise 404 (existence hidden)."""
    entry = (
        Entry.objects.select_related("school", "school__network", "category", "campaign")
        .filter(
            pk=entry_id,
            status=EntryStatus.SUBMITTED,
            assignments__judge=judge,
            # Assigned AND still on the group's committee: removal ends access at once.
            category__committee__members=judge,
        )
        .first()
    )
    if entry is None or entry.pk in conflicted_entry_ids(judge=judge, entries=[entry]):
        raise Http404("ไม่พบผลงาน")
    return entry
