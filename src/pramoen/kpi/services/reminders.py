"""Reminders to ESAs whose report of a round is due soon or overdue (one per kind and round)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from pramoen.accounts.enums import Role
from pramoen.accounts.models import Membership
from pramoen.core.mail import mail_queue
from pramoen.core.services import audit_record
from pramoen.kpi.enums import ReminderKind
from pramoen.kpi.models import (
    KpiReminder,
    KpiReport,
    KpiReportingUnit,
    KpiRound,
)
from pramoen.orgs.models import Organization
from pramoen.thai import format_thai_datetime


@dataclass(frozen=True, slots=True)
class ReminderSent:
    round: KpiRound
    esa: Organization
    kind: str
    recipients: list[str]


def _reporter_emails(esa_id: int) -> list[str]:
    return sorted(
        set(
            Membership.objects.filter(
                role=Role.KPI_REPORTER, organization_id=esa_id, is_active=True, user__is_active=True
            )
            .exclude(user__email="")
            .values_list("user__email", flat=True)
        )
    )


def reminders_send(*, now: datetime | None = None, days_before: int = 7) -> list[ReminderSent]:
    """E-mail the reporters of every ESA that has not submitted: once ``days_before`` days before
    the due moment, once after it passed. Each (round, ESA, kind) is sent at most once ever."""
    now = now or timezone.now()
    sent: list[ReminderSent] = []
    rounds = KpiRound.objects.select_related("campaign").filter(
        due_at__gte=now - timedelta(days=365)
    )
    for round in rounds:
        if now > round.due_at:
            kind = ReminderKind.OVERDUE
        elif now >= round.due_at - timedelta(days=days_before):
            kind = ReminderKind.BEFORE_DUE
        else:
            continue
        done = set(
            KpiReport.objects.filter(round=round, first_submitted_at__isnull=False).values_list(
                "esa_id", flat=True
            )
        )
        already = set(
            KpiReminder.objects.filter(round=round, kind=kind).values_list("esa_id", flat=True)
        )
        units = KpiReportingUnit.objects.filter(campaign=round.campaign).select_related("esa")
        for unit in units:
            if unit.esa_id in done or unit.esa_id in already:
                continue
            recipients = _reporter_emails(unit.esa_id)
            sent.append(_send_one(round=round, esa=unit.esa, kind=kind, recipients=recipients))
    return sent


@transaction.atomic
def _send_one(
    *, round: KpiRound, esa: Organization, kind: str, recipients: list[str]
) -> ReminderSent:
    # The row is written first inside the transaction: a second run (or a concurrent one) hits the
    # unique constraint instead of mailing twice; the mail job is created in the same
    # transaction, so a worker sends it only once the row is committed.
    KpiReminder.objects.create(round=round, esa=esa, kind=kind, recipients=", ".join(recipients))
    due = format_thai_datetime(timezone.localtime(round.due_at), thai_digits=False)
    label = round.get_kind_display()
    if kind == ReminderKind.BEFORE_DUE:
        subject = (
            f"แจ้งเตือน: รายงานตัวชี้วัด {label} ปีงบประมาณ {round.campaign.fiscal_year} ครบกำหนดส่ง {due}"
        )
    else:
        subject = f"เลยกำหนดส่ง: รายงานตัวชี้วัด {label} ปีงบประมาณ {round.campaign.fiscal_year}"
    body = (
        f"เรียน ผู้รายงานตัวชี้วัด {esa.name_th}\n\n"
        f"รายงานตัวชี้วัด {label} ปีงบประมาณ {round.campaign.fiscal_year} "
        f"กำหนดส่ง {due} ยังไม่ได้ส่งในระบบ กรุณาเข้าสู่ระบบเพื่อรายงานผลพร้อมแนบหลักฐาน\n"
    )
    mail_queue(subject=subject, body=body, recipients=recipients)
    audit_record(
        actor=None,
        action="kpi.reminder_send",
        target=round,
        after={"esa": esa.code, "kind": kind, "recipients": recipients},
    )
    return ReminderSent(round=round, esa=esa, kind=kind, recipients=recipients)
