"""The approval chain above the first review (like DHIS2's data approval).

ESA submits → the first level (สำนักงานศึกษาธิการภาค, or the ESA's own reviewer) marks the issues
and approves (``review.report_approve``) or returns with a reason → OBEC accepts. A campaign whose
``approval_chain`` skips the region has OBEC make the first decision, which is then final.

Each level locks the report against the levels below it: once submitted the ESA cannot edit; once
approved nobody can mark; once OBEC accepted, the region cannot unapprove. Undoing a decision
needs a reason and goes back one step. Every step is one conditional UPDATE (the status it
expects) and one audit row, in the same transaction.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from pramoen.accounts.models import User
from pramoen.core.services import audit_record
from pramoen.kpi.enums import ApprovalChain, ReportStatus
from pramoen.kpi.models import KpiCampaign, KpiReport
from pramoen.kpi.services.common import (
    KpiError,
    StaleReport,
    bump_version,
    lock_report,
    report_snapshot,
)

NOT_APPROVED = "รายงานนี้ไม่ได้อยู่ในสถานะรอ สพฐ. รับรอง อาจมีผู้ดำเนินการไปแล้ว กรุณาเปิดหน้าใหม่"
NOT_ACCEPTED = "รายงานนี้ยังไม่ได้รับการรับรองจาก สพฐ. กรุณาเปิดหน้าใหม่เพื่อดูสถานะล่าสุด"
REASON_NEEDED = "กรุณาระบุเหตุผลที่ยกเลิกการอนุมัติ (ผู้รายงานและผู้ตรวจจะเห็นเหตุผลนี้)"


def _step(report: KpiReport, expected: str, message: str, **changes: Any) -> None:
    # The row is locked, but the UPDATE still names the status it expects: without row locks
    # (SQLite) a second decision taken at the same moment finds nothing to update.
    if report.status != expected:
        raise KpiError(message)
    try:
        bump_version(report, None, expected_status=expected, **changes)
    except StaleReport as exc:
        raise KpiError(message) from exc


def _reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise KpiError(REASON_NEEDED)
    return reason


@transaction.atomic
def campaign_set_chain(*, campaign: KpiCampaign, chain: str, actor: User | None) -> KpiCampaign:
    """Choose who decides after submission (with or without the region). Refused once any
    report of the campaign has been decided: its place in the chain would lose its meaning."""
    if chain not in ApprovalChain.values:
        raise KpiError("ไม่รู้จักลำดับการอนุมัตินี้")
    campaign = KpiCampaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.approval_chain == chain:
        return campaign
    decided = KpiReport.objects.filter(
        round__campaign=campaign, status__in=(ReportStatus.APPROVED, ReportStatus.ACCEPTED)
    ).exists()
    if decided:
        raise KpiError("เปลี่ยนลำดับการอนุมัติไม่ได้ เพราะมีรายงานที่อนุมัติแล้ว กรุณายกเลิกการอนุมัติก่อน")
    before = campaign.approval_chain
    campaign.approval_chain = chain
    campaign.save(update_fields=["approval_chain"])
    audit_record(
        actor=actor,
        action="kpi.campaign_set_chain",
        target=campaign,
        before={"chain": before},
        after={"chain": chain},
    )
    return campaign


def approval_final_status(report: KpiReport) -> str:
    """The status the first level's approval gives: final when the campaign skips the region."""
    if report.round.campaign.approval_chain == ApprovalChain.OBEC_ONLY:
        return ReportStatus.ACCEPTED
    return ReportStatus.APPROVED


@transaction.atomic
def report_accept(*, report: KpiReport, actor: User | None) -> KpiReport:
    """OBEC accepts a report the region approved: final, and locked against the region."""
    lock_report(report)
    before = report_snapshot(report)
    _step(
        report,
        ReportStatus.APPROVED,
        NOT_APPROVED,
        status=ReportStatus.ACCEPTED,
        accepted_at=timezone.now(),
        accepted_by=actor,
    )
    audit_record(
        actor=actor,
        action="kpi.report_accept",
        target=report,
        before=before,
        after=report_snapshot(report),
    )
    return report


@transaction.atomic
def report_unapprove(*, report: KpiReport, actor: User | None, reason: str) -> KpiReport:
    """The first level withdraws its approval (before OBEC accepted): the report is submitted
    again, its marks kept for the reviewer to change, its score cleared."""
    reason = _reason(reason)
    lock_report(report)
    before = report_snapshot(report)
    _step(
        report,
        ReportStatus.APPROVED,
        NOT_APPROVED,
        status=ReportStatus.SUBMITTED,
        approved_at=None,
        approved_by=None,
        score=None,
        score_level="",
        score_explanation_th="",
    )
    audit_record(
        actor=actor,
        action="kpi.report_unapprove",
        target=report,
        before=before,
        after=report_snapshot(report),
        reason=reason,
    )
    return report


@transaction.atomic
def report_unaccept(*, report: KpiReport, actor: User | None, reason: str) -> KpiReport:
    """OBEC withdraws its acceptance: back to the region's approval, or — in a campaign without
    the region, where OBEC's approval was the acceptance — back to submitted, unscored."""
    reason = _reason(reason)
    lock_report(report)
    before = report_snapshot(report)
    changes: dict[str, Any] = {"accepted_at": None, "accepted_by": None}
    if report.round.campaign.approval_chain == ApprovalChain.OBEC_ONLY:
        changes.update(
            status=ReportStatus.SUBMITTED,
            approved_at=None,
            approved_by=None,
            score=None,
            score_level="",
            score_explanation_th="",
        )
    else:
        changes["status"] = ReportStatus.APPROVED
    _step(report, ReportStatus.ACCEPTED, NOT_ACCEPTED, **changes)
    audit_record(
        actor=actor,
        action="kpi.report_unaccept",
        target=report,
        before=before,
        after=report_snapshot(report),
        reason=reason,
    )
    return report
