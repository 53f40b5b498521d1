"""Review of a submitted report: marks per issue, score preview, return with a reason, approval."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pramoen.accounts.models import User
from pramoen.core.services import audit_record
from pramoen.instruments import AnswersInvalid
from pramoen.kpi import structure
from pramoen.kpi.enums import ReportStatus
from pramoen.kpi.models import (
    KpiIssueReview,
    KpiReport,
)
from pramoen.kpi.services.approval import approval_final_status
from pramoen.kpi.services.common import (
    KpiError,
    StaleReport,
    bump_version,
    lock_report,
    report_snapshot,
)
from pramoen.kpi.services.reports import review_points

NOT_REVIEWABLE = (
    "ตรวจได้เฉพาะรายงานที่ส่งแล้วและรอตรวจ รายงานนี้อาจถูกส่งกลับหรืออนุมัติไปแล้ว กรุณาเปิดหน้าใหม่เพื่อดูสถานะล่าสุด"
)


def ensure_reviewable(report: KpiReport) -> None:
    if report.status != ReportStatus.SUBMITTED:
        raise KpiError(NOT_REVIEWABLE)


def ensure_not_own(report: KpiReport, actor: User | None) -> None:
    # Separation of duties: an account that reports for this ESA does not decide on its report,
    # even if it also holds a reviewer role.
    from pramoen.kpi.rules import reporter_esa_ids

    if actor is not None and report.esa_id in reporter_esa_ids(actor):
        raise KpiError("ผู้รายงานของสำนักงานเขตพื้นที่นี้ตรวจหรืออนุมัติรายงานของเขตตนเองไม่ได้")


def _bump_reviewed(report: KpiReport, **changes: Any) -> None:
    # The row is locked and was checked, but the UPDATE still names the status it expects: a
    # database without row locks (SQLite ignores FOR UPDATE) cannot let a second decision through.
    try:
        bump_version(report, None, expected_status=ReportStatus.SUBMITTED, **changes)
    except StaleReport as exc:
        raise KpiError(NOT_REVIEWABLE) from exc


@transaction.atomic
def review_mark(
    *, report: KpiReport, issue_id: str, clear: bool | None, comment: str, actor: User | None
) -> KpiIssueReview:
    # Locked: a mark may not slip in after approval, or the stored score would not follow from
    # the stored marks.
    ensure_reviewable(lock_report(report))
    ensure_not_own(report, actor)
    if issue_id not in {p.id for p in review_points(report)}:
        raise KpiError("ไม่พบประเด็นการพิจารณานี้")
    row = KpiIssueReview.objects.filter(report=report, issue_id=issue_id).first()
    before = {"clear": row.clear, "comment": row.comment} if row else None
    if row is None:
        row = KpiIssueReview(report=report, issue_id=issue_id)
    row.clear = clear
    row.comment = comment
    row.reviewer = actor
    row.save()
    audit_record(
        actor=actor,
        action="kpi.review_mark",
        target=report,
        before={"issue": issue_id, **(before or {})},
        after={"issue": issue_id, "clear": clear, "comment": comment},
    )
    return row


def report_score_preview(report: KpiReport) -> structure.ReportScore:
    """The score the instrument gives for the current marks (unmarked = not clear)."""
    marks = {row.issue_id: row.clear for row in report.issue_reviews.all()}
    try:
        structure.load(report.instrument_id, report.instrument_hash)
    except ValidationError as exc:  # the pinned version is nowhere: refuse, never rescore
        raise KpiError(" ".join(exc.messages)) from exc
    answers = structure.scoring_answers(
        report.instrument_id,
        kind=report.round.kind,
        fields=report.answers,
        marks=marks,
        esa_kind=report.esa.esa_level or "primary",
        version_hash=report.instrument_hash,
    )
    try:
        return structure.score_report(
            report.instrument_id, answers, version_hash=report.instrument_hash
        )
    except AnswersInvalid as exc:
        raise KpiError(f"คำนวณคะแนนไม่ได้: {exc}") from exc


@transaction.atomic
def report_return(*, report: KpiReport, actor: User | None, reason: str) -> KpiReport:
    ensure_reviewable(lock_report(report))
    ensure_not_own(report, actor)
    reason = reason.strip()
    if not reason:
        raise KpiError("กรุณาระบุเหตุผลที่ส่งกลับให้แก้ไข")
    before = report_snapshot(report)
    _bump_reviewed(report, status=ReportStatus.RETURNED, return_reason=reason)
    audit_record(
        actor=actor,
        action="kpi.report_return",
        target=report,
        before=before,
        after=report_snapshot(report),
        reason=reason,
    )
    return report


@transaction.atomic
def report_approve(*, report: KpiReport, actor: User | None) -> KpiReport:
    """Score through the pinned instrument and lock the report."""
    ensure_reviewable(lock_report(report))
    ensure_not_own(report, actor)
    points = {p.id for p in review_points(report)}
    marked = {row.issue_id for row in report.issue_reviews.all() if row.clear is not None}
    if points - marked:
        raise KpiError("กรุณาพิจารณาให้ครบทุกประเด็น (ชัดเจน / ไม่ชัดเจน) ก่อนอนุมัติ")
    result = report_score_preview(report)
    before = report_snapshot(report)
    now = timezone.now()
    status = approval_final_status(report)
    final = {"accepted_at": now, "accepted_by": actor} if status == ReportStatus.ACCEPTED else {}
    _bump_reviewed(
        report,
        status=status,
        approved_at=now,
        approved_by=actor,
        **final,
        score=Decimal(result.points),
        score_level=result.level or "",
        score_explanation_th=f"{result.explanation_th} — {result.descriptor_th}",
        return_reason="",
    )
    audit_record(
        actor=actor,
        action="kpi.report_approve",
        target=report,
        before=before,
        after={**report_snapshot(report), "hash": result.version_hash, "level": result.level},
    )
    return report
