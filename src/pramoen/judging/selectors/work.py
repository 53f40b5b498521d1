"""The judge's work: assigned entries with their review progress; one entry if the judge may see
it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
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


def workspace_assignments(
    *, judge: User, search: str = "", status: str = ""
) -> QuerySet[Assignment]:
    """The judge's assignments (submitted entries of groups the judge still sits on), in page
    order; ``search`` in the school's or the nominee's name, ``status`` one of ``WORK_STATUSES``."""
    assignments = Assignment.objects.filter(
        judge=judge,
        entry__status=EntryStatus.SUBMITTED,
        entry__category__committee__members=judge,
    )
    if search:
        assignments = assignments.filter(
            Q(entry__school__name_th__icontains=search) | Q(entry__nominee_name__icontains=search)
        )
    mine = Review.objects.filter(judge=judge, entry_id=OuterRef("entry_id"))
    if status == "submitted":
        assignments = assignments.filter(Exists(mine.filter(status=ReviewStatus.SUBMITTED)))
    elif status == "draft":
        assignments = assignments.filter(Exists(mine.filter(status=ReviewStatus.DRAFT)))
    elif status == "new":
        assignments = assignments.filter(~Exists(mine))
    return assignments.select_related(
        "entry", "entry__school", "entry__category", "entry__campaign"
    ).order_by("entry__campaign_id", "entry__category__position", "entry_id")


WORK_STATUSES = {"new": "ยังไม่เริ่ม", "draft": "ฉบับร่าง", "submitted": "ส่งผลการประเมินแล้ว"}


def workspace_progress(*, judge: User) -> tuple[int, int]:
    """(submitted, assigned) over all the judge's assignments: two counting queries."""
    assignments = workspace_assignments(judge=judge).order_by()
    done = Review.objects.filter(
        judge=judge,
        status=ReviewStatus.SUBMITTED,
        entry_id__in=assignments.values("entry_id"),
    ).count()
    return done, assignments.count()


def work_items(*, judge: User, assignments: Iterable[Assignment]) -> list[WorkItem]:
    """Assignments (one page of them) with the judge's review and conflict: two queries."""
    rows = list(assignments)
    entries = [a.entry for a in rows]
    reviews = {r.entry_id: r for r in Review.objects.filter(judge=judge, entry__in=entries)}
    blocked = conflicted_entry_ids(judge=judge, entries=entries)
    return [WorkItem(a, reviews.get(a.entry_id), a.entry_id in blocked) for a in rows]


def workspace_for(*, judge: User) -> list[WorkItem]:
    """Every assigned entry with its review progress (the page shows them a page at a time)."""
    return work_items(judge=judge, assignments=workspace_assignments(judge=judge))


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
