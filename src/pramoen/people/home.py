"""Reads for each person's home: what to do next (issue 20). Every part is a bounded query over
sets (no query per row), so the page costs the same with one entry or fifty."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from pramoen.accounts.enums import Role
from pramoen.awards.enums import EntryEventKind, EntryStatus
from pramoen.awards.models import Campaign, Entry, EntryEvent
from pramoen.awards.selectors import entries_for_applicant, open_categories_for_applicant
from pramoen.core.types import User
from pramoen.judging.enums import ReviewStatus
from pramoen.judging.models import Certificate, EntryResult, Review, ReviewVersion
from pramoen.judging.scoring import pinned_scoring
from pramoen.judging.selectors.work import workspace_progress
from pramoen.kpi.enums import ReportStatus
from pramoen.kpi.models import KpiReport
from pramoen.kpi.selectors import reports_for_user

LIMIT = 20
APPLICANT_ROLES = {Role.APPLICANT_SCHOOL, Role.APPLICANT_PERSON}
REPORTER_ROLES = {Role.KPI_REPORTER}


def days_left(deadline: datetime, now: datetime) -> int:
    """Whole days until ``deadline`` (0 on its last day)."""
    return max(0, (deadline - now).days)


@dataclass
class EntryTodo:
    entry: Entry
    lacks: list[str]
    returned_reason: str = ""


@dataclass
class Home:
    returned_entries: list[EntryTodo] = field(default_factory=list)
    returned_reports: list[KpiReport] = field(default_factory=list)
    returned_reviews: list[Review] = field(default_factory=list)
    open_campaigns: list[Campaign] = field(default_factory=list)
    results: list[EntryResult] = field(default_factory=list)
    entries: list[EntryTodo] = field(default_factory=list)
    assignments: tuple[int, int] | None = None
    kpi_reports: list[KpiReport] = field(default_factory=list)
    now: datetime = field(default_factory=timezone.now)

    @property
    def assignments_left(self) -> int:
        return self.assignments[1] - self.assignments[0] if self.assignments else 0

    @property
    def has_anything(self) -> bool:
        return bool(
            self.returned_entries
            or self.returned_reports
            or self.returned_reviews
            or self.open_campaigns
            or self.results
            or self.entries
            or self.assignments
            or self.kpi_reports
        )


def _entry_lacks(entry: Entry) -> list[str]:
    """What still stands between this entry and a complete submission (from its own row)."""
    lacks: list[str] = []
    if not entry.portfolio:
        lacks.append("ยังไม่ได้อัปโหลดแฟ้มผลงาน")
    elif (entry.portfolio_report or {}).get("ok") is False:
        lacks.append("แฟ้มผลงานยังไม่ผ่านการตรวจรูปแบบ")
    if entry.status == EntryStatus.DRAFT:
        lacks.append("ยังไม่ได้ยืนยันส่งผลงาน")
    if entry.correction_paths:
        lacks.append("เจ้าหน้าที่ขอให้แก้ไขเอกสาร")
    return lacks


def applicant_entries(*, user: User) -> QuerySet[Entry]:
    """The applicant's live entries, each with the note of its latest correction request."""
    latest_request = (
        EntryEvent.objects.filter(entry=OuterRef("pk"), kind=EntryEventKind.CORRECTION_REQUESTED)
        .order_by("-at", "-pk")
        .values("note")[:1]
    )
    return (
        entries_for_applicant(user=user)
        .exclude(status=EntryStatus.WITHDRAWN)
        .annotate(correction_note=Subquery(latest_request))
        .order_by("campaign__deadline", "pk")
    )


def applicant_results(*, user: User, now: datetime) -> list[EntryResult]:
    """The finalized results of the applicant's entries whose campaign has announced them, each
    with its valid certificate's code (``certificate_code``, or None) and the form's full marks
    (``full_marks``: the score is shown on the instrument's own scale). A result reopened for an
    appeal is not final, so it is not shown until finalized again."""
    today = timezone.localtime(now, timezone.get_default_timezone()).date()
    certificate = Certificate.objects.filter(entry=OuterRef("entry"), revoked_at__isnull=True)
    results: list[EntryResult] = list(
        EntryResult.objects.filter(
            entry__in=entries_for_applicant(user=user).exclude(status=EntryStatus.WITHDRAWN),
            reopened_at__isnull=True,
            entry__campaign__announce_on__lte=today,
        )
        .annotate(certificate_code=Subquery(certificate.values("short_code")[:1]))
        .select_related("entry", "entry__campaign", "entry__category", "entry__school")
        .order_by("-entry__campaign__year_be", "entry_id")[:LIMIT]
    )
    for result in results:
        # The pinned instrument is compiled once per version (cached), never per row.
        maximum = pinned_scoring(result.entry.category).static_maximum
        result.full_marks = format(maximum.normalize(), "f")  # type: ignore[attr-defined]
    return results


def returned_reviews(*, judge: User) -> QuerySet[Review]:
    """The judge's reviews sent back to draft with a reason by someone else (the chair's
    "return for review", an appeal's reopening), each with that latest reason."""
    reason = (
        ReviewVersion.objects.filter(review=OuterRef("pk"), note__gt="")
        .exclude(saved_by=judge)
        .order_by("-version")
        .values("note")[:1]
    )
    return (
        Review.objects.filter(judge=judge, status=ReviewStatus.DRAFT)
        .annotate(return_reason=Subquery(reason))
        .filter(return_reason__isnull=False)
        .select_related("entry", "entry__school", "entry__category")
        .order_by("entry_id")
    )


def home_for(*, user: User, now: datetime | None = None) -> Home:
    now = now or timezone.now()
    roles = user.role_set()
    home = Home(now=now)
    if roles & APPLICANT_ROLES:
        categories = open_categories_for_applicant(user=user, now=now)
        home.open_campaigns = list(
            Campaign.objects.filter(pk__in=categories.values("campaign_id"))
            .select_related("esa")
            .order_by("deadline", "pk")[:LIMIT]
        )
        for campaign in home.open_campaigns:
            campaign.days_left = days_left(campaign.deadline, now)  # type: ignore[attr-defined]
        home.results = applicant_results(user=user, now=now)
        for entry in applicant_entries(user=user)[:LIMIT]:
            note: Any = getattr(entry, "correction_note", "") or ""
            todo = EntryTodo(entry=entry, lacks=_entry_lacks(entry), returned_reason=note)
            if entry.correction_paths:
                home.returned_entries.append(todo)
            else:
                home.entries.append(todo)
    if roles & {Role.JUDGE, Role.COMMITTEE_CHAIR}:
        home.assignments = workspace_progress(judge=user)
        home.returned_reviews = list(returned_reviews(judge=user)[:LIMIT])
    if roles & REPORTER_ROLES:
        open_reports = (
            reports_for_user(user=user)
            .filter(status__in=[ReportStatus.DRAFT, ReportStatus.RETURNED])
            .select_related("round", "round__campaign", "indicator", "esa")
            .order_by("round__due_at", "pk")[:LIMIT]
        )
        for report in open_reports:
            report.days_left = days_left(report.round.due_at, now)  # type: ignore[attr-defined]
            if report.status == ReportStatus.RETURNED:
                home.returned_reports.append(report)
            else:
                home.kpi_reports.append(report)
    return home
