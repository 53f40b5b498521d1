"""Reads for the KPI app: querysets with their joins already applied, and the dashboard rows."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from pramoen.core.models import AuditEvent
from pramoen.documents.kpi_report import change_text, percentage
from pramoen.kpi.enums import SCORED_STATUSES, SENT_STATUSES, ReportStatus, RoundKind
from pramoen.kpi.models import (
    KpiCampaign,
    KpiEvidence,
    KpiIssueReview,
    KpiReport,
    KpiReportingUnit,
    KpiRound,
)
from pramoen.kpi.rules import REVIEWER_ROLES, VIEWER_ROLES, EsaScope, esa_scope, reporter_esa_ids
from pramoen.thai import thai_sort_key


def _reports() -> QuerySet[KpiReport]:
    return KpiReport.objects.select_related("round__campaign", "indicator", "esa", "approved_by")


def _in_scope(qs: QuerySet, scope: EsaScope, field: str = "esa_id") -> QuerySet:
    return qs if scope.all else qs.filter(**{f"{field}__in": scope.esa_ids})


def reports_for_user(*, user) -> QuerySet[KpiReport]:
    """Reports the user may open: his ESAs' as a reporter or as ESA staff/reviewer; all of them
    at OBEC level or as system admin."""
    scope = esa_scope(user, VIEWER_ROLES)
    if scope.all:
        return _reports()
    return _reports().filter(esa_id__in=scope.esa_ids | reporter_esa_ids(user))


def report_for_user(*, user, pk: int) -> KpiReport:
    """The report, or 404 when it does not exist or the user may not see it."""
    report = _reports().filter(pk=pk).first()
    if report is None or not user.has_perm("pramoen.view_kpi_report", report):
        raise Http404("ไม่พบรายงาน")
    return report


def evidence_for_user(*, user, pk: int) -> KpiEvidence:
    evidence = (
        KpiEvidence.objects.select_related("report__esa", "report__round").filter(pk=pk).first()
    )
    if evidence is None or not user.has_perm("pramoen.view_kpi_report", evidence.report):
        raise Http404("ไม่พบไฟล์")
    return evidence


def report_evidence(*, report: KpiReport) -> dict[str, list[KpiEvidence]]:
    by_slot: dict[str, list[KpiEvidence]] = {}
    for item in report.evidence.select_related("carried_from").order_by("uploaded_at", "id"):
        by_slot.setdefault(item.slot_id, []).append(item)
    return by_slot


def report_marks(*, report: KpiReport) -> dict[str, KpiIssueReview]:
    return {row.issue_id: row for row in report.issue_reviews.all()}


def report_history(*, report: KpiReport, limit: int = 50) -> QuerySet[AuditEvent]:
    """What happened to the report (from the append-only audit log), newest first."""
    return AuditEvent.objects.filter(
        target_type=report._meta.label_lower, target_id=str(report.pk)
    ).order_by("-occurred_at", "-id")[:limit]


def review_queue(*, user) -> QuerySet[KpiReport]:
    """Submitted reports of the ESAs ``user`` reviews (all at OBEC level), oldest first."""
    return (
        _in_scope(_reports(), esa_scope(user, REVIEWER_ROLES))
        .filter(status=ReportStatus.SUBMITTED)
        .prefetch_related(
            Prefetch("issue_reviews", queryset=KpiIssueReview.objects.only("report_id", "clear"))
        )
        .order_by("submitted_at", "id")
    )


def acceptance_queue() -> QuerySet[KpiReport]:
    """Reports approved at the first level and waiting for OBEC's acceptance, oldest first."""
    return _reports().filter(status=ReportStatus.APPROVED).order_by("approved_at", "id")


def campaign_list() -> QuerySet[KpiCampaign]:
    return KpiCampaign.objects.prefetch_related("rounds", "indicators").order_by("-fiscal_year")


def campaigns_with_counts() -> QuerySet[KpiCampaign]:
    """Fiscal years, newest first, with their ESA and report counts (two subqueries, not a
    query per row) and rounds."""
    units = KpiReportingUnit.objects.filter(campaign=OuterRef("pk")).values("campaign")
    reports = KpiReport.objects.filter(round__campaign=OuterRef("pk")).values("round__campaign")
    return (
        KpiCampaign.objects.select_related("cloned_from")
        .prefetch_related("rounds")
        .annotate(
            esa_count=Subquery(units.annotate(n=Count("id")).values("n")[:1]),
            report_count=Subquery(reports.annotate(n=Count("id")).values("n")[:1]),
        )
        .order_by("-fiscal_year")
    )


def current_campaign() -> KpiCampaign | None:
    return campaign_list().first()


def round_by_kind(*, fiscal_year: int, kind: str) -> KpiRound | None:
    return (
        KpiRound.objects.select_related("campaign")
        .filter(campaign__fiscal_year=fiscal_year, kind=kind)
        .first()
    )


@dataclass(frozen=True, slots=True)
class DashboardRow:
    esa_id: int
    esa_code: str
    esa_name: str
    report: KpiReport | None
    status: str
    status_label: str
    submitted_at: datetime | None
    late: bool
    score: Decimal | None
    # 12-month round: 1.3.2.1 "คิดเป็นร้อยละ" of the report as entered (None when not computable).
    network_percent: Decimal | None = None

    @property
    def timing_label(self) -> str:
        if self.late:
            return "ล่าช้า"
        if self.submitted_at is not None:
            return "ตรงเวลา"
        if self.status == ReportStatus.RETURNED:
            return "รอแก้ไขและส่งใหม่"
        return "ยังไม่ถึงกำหนด"


@dataclass(frozen=True, slots=True)
class Dashboard:
    round: KpiRound
    rows: list[DashboardRow]
    distribution: list[tuple[int, int]]  # (score 5…1, number of ESAs)

    @property
    def submitted(self) -> int:
        return sum(1 for row in self.rows if row.submitted_at is not None)

    @property
    def late(self) -> int:
        return sum(1 for row in self.rows if row.late)

    @property
    def max_count(self) -> int:
        return max((count for _score, count in self.distribution), default=0)


def _network_percent(answers: dict) -> Decimal | None:
    total, part = answers.get("network_total"), answers.get("network_participating")
    if not isinstance(total, int) or not isinstance(part, int) or part > total:
        return None
    return percentage(part, total)


def dashboard(*, round: KpiRound, esa_level: str = "", user=None) -> Dashboard:
    """Per reporting ESA: submitted or not, on time or late, score — in a few queries.

    ``esa_level`` (primary/secondary) narrows the view to สพป. or สพม.; ``user`` to the ESAs he
    oversees as ESA staff or reviewer (all of them at OBEC level). ``user=None`` is every ESA of
    the round, for commands that run without a person.

    A report counts as submitted, on time or late only while it is submitted or approved: one
    returned for revision is waiting for the ESA again. Lateness uses the first submission time.
    """
    units_qs = KpiReportingUnit.objects.filter(campaign_id=round.campaign_id).select_related("esa")
    if user is not None:
        units_qs = _in_scope(units_qs, esa_scope(user, VIEWER_ROLES))
    if esa_level:
        units_qs = units_qs.filter(esa__esa_level=esa_level)
    units = list(units_qs)
    columns = ["id", "esa_id", "status", "submitted_at", "first_submitted_at", "score", "round_id"]
    twelve = round.kind == RoundKind.TWELVE_MONTHS
    if twelve:
        columns.append("answers")
    reports = {
        report.esa_id: report
        for report in KpiReport.objects.filter(
            round=round, esa_id__in=[unit.esa_id for unit in units]
        ).only(*columns)
    }
    now = timezone.now()
    labels = dict(ReportStatus.choices)
    rows = []
    for unit in units:
        report = reports.get(unit.esa_id)
        status = report.status if report else ReportStatus.DRAFT
        sent = status in SENT_STATUSES
        first = report.first_submitted_at if report else None
        if sent:
            late = first is not None and first > round.due_at
        else:
            # Never submitted and past due is late; a returned report waits for resubmission.
            late = first is None and now > round.due_at
        rows.append(
            DashboardRow(
                esa_id=unit.esa_id,
                esa_code=unit.esa.code,
                esa_name=unit.esa.name_th,
                report=report,
                status=status,
                status_label=str(labels[status]),
                submitted_at=report.submitted_at if sent and report is not None else None,
                late=late,
                score=report.score if report and report.status in SCORED_STATUSES else None,
                # Only figures handed in: a draft's (or a returned report's) numbers are the
                # ESA's work in progress, not what it reported (issue 20).
                network_percent=_network_percent(report.answers)
                if twelve and report and sent
                else None,
            )
        )
    rows.sort(key=lambda row: thai_sort_key(row.esa_name))
    counts = Counter(int(row.score) for row in rows if row.score is not None)
    distribution = [(points, counts.get(points, 0)) for points in (5, 4, 3, 2, 1)]
    return Dashboard(round=round, rows=rows, distribution=distribution)


def report_computed(report: KpiReport, answers: dict[str, Any] | None = None) -> dict[str, Any]:
    """What the 12-month page computes from the counts: the 1.3.2.1 percentage and the two-year
    differences, exact, as the Word report shows them, and where they differ from the registry."""
    answers = report.answers if answers is None else answers

    def number(key: str) -> int | None:
        value = answers.get(key)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    total, part = number("network_total"), number("network_participating")
    out: dict[str, Any] = {
        "percent": percentage(part, total) if total is not None and part is not None else None
    }
    for prefix in ("integrated", "sharing"):
        prev, cur = number(f"{prefix}_previous_year"), number(f"{prefix}_current_year")
        out[f"{prefix}_change"] = (
            change_text(cur - prev) if prev is not None and cur is not None else None
        )
    differences = []
    labels = dict(
        network_total="โรงเรียนเครือข่ายทั้งหมด",
        network_participating="โรงเรียนเครือข่ายที่เข้าร่วม",
        integrated_previous_year="เรียนรวม ปีการศึกษาก่อนหน้า",
        integrated_current_year="เรียนรวม ปีการศึกษาปัจจุบัน",
        sharing_previous_year="ใช้ทรัพยากรร่วมกัน ปีการศึกษาก่อนหน้า",
        sharing_current_year="ใช้ทรัพยากรร่วมกัน ปีการศึกษาปัจจุบัน",
    )
    for key, registry_value in (report.registry_counts or {}).items():
        if answers.get(key) != registry_value:
            differences.append(
                f"{labels.get(key, key)}: ทะเบียนโรงเรียนคุณภาพมี {registry_value} "
                f"แต่รายงานระบุ {answers.get(key, '–')}"
            )
    out["registry_differences"] = differences
    return out
