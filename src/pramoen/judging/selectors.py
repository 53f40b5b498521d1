"""Reads for judging, with their joins already applied (constant query counts per page)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from pramoen.awards.enums import EntryStatus
from pramoen.awards.models import Campaign, Entry
from pramoen.judging.enums import ReviewStatus
from pramoen.judging.models import Assignment, Committee, EntryResult, Review
from pramoen.judging.services import conflicted_entry_ids


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


def workspace_for(*, judge: Any) -> list[WorkItem]:
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


def entry_for_judge(*, judge: Any, entry_id: int) -> Entry:
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


def committee_candidates(*, campaign: Campaign, committee: Committee | None = None) -> QuerySet:
    """Who ESA staff may put on a committee: judges and chairs of the campaign's ESA (an outside
    judge is given a judge role there), and whoever already sits on this committee."""
    from django.db.models import Q

    from pramoen.accounts.enums import Role
    from pramoen.accounts.models import User

    esa_id = campaign.esa_id
    roles = Q(memberships__is_active=True, memberships__role__in=[Role.JUDGE, Role.COMMITTEE_CHAIR])
    here = Q(memberships__organization_id=esa_id) | Q(memberships__organization__parent_id=esa_id)
    seated = (
        Q(pk__in=[])
        if committee is None
        else (Q(chaired_committees=committee) | Q(judging_committees=committee))
    )
    return (
        User.objects.filter((roles & here) | seated)
        .distinct()
        .order_by("first_name", "last_name", "pk")
    )


def committees_chaired(*, user: Any) -> QuerySet[Committee]:
    committees = Committee.objects.select_related("category", "category__campaign", "chair")
    if user.is_superuser:
        return committees.order_by("category__campaign_id", "category__position")
    return committees.filter(chair=user).order_by("category__campaign_id", "category__position")


def reviews_for_entry(*, entry: Entry) -> QuerySet[Review]:
    return Review.objects.filter(entry=entry).select_related("judge").order_by("judge_id")


def published_results(*, campaign: Campaign) -> QuerySet[EntryResult]:
    """Results of finalized groups (an entry reopened for appeal is withheld until re-finalized)."""
    return (
        EntryResult.objects.filter(
            entry__campaign=campaign,
            reopened_at__isnull=True,
            entry__category__committee__finalized_at__isnull=False,
        )
        # Screened-out entries are not announced (no tier); they stay in the chair's view.
        .exclude(eligible=False)
        .filter(entry__status=EntryStatus.SUBMITTED)
        .select_related("entry", "entry__school", "entry__school__network", "entry__category")
        .order_by("entry__category__position", "entry__category_id", "rank", "entry_id")
    )
