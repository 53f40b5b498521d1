"""Reminders with escalation to ESAs whose report of a round is due soon or overdue.

Steps, each sent at most once per (round, ESA) — the unique ``KpiReminder`` row decides:

1. ``before_due`` — ``days_before`` days before the due moment, to the ESA's reporters;
2. ``overdue`` — once the due moment passed, to the reporters again;
3. ``region_overdue`` — at the same time, to the reviewers of the ESA's สำนักงานศึกษาธิการภาค:
   one digest per region listing its overdue ESAs (an ESA without a region, or a region without
   a reviewer, is recorded all the same, so nobody is told twice when one is added later).

The worker's daily schedule runs this (``settings.PRAMOEN_SCHEDULE`` → ``kpi.jobs.REMINDERS``);
``pramoen kpi remind`` is the same call by hand. Recipients are read in one query per round, not
per ESA. A report handed in once (even if returned since) is not reminded.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from pramoen.accounts.enums import Role
from pramoen.accounts.models import Membership
from pramoen.core import mail_kinds
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


def _emails(role: str, organization_ids: set[int]) -> dict[int, list[str]]:
    """Active holders of ``role`` per organisation, in one query."""
    out: dict[int, set[str]] = defaultdict(set)
    rows = (
        Membership.objects.filter(
            role=role,
            organization_id__in=organization_ids,
            is_active=True,
            user__is_active=True,
        )
        .exclude(user__email="")
        .values_list("organization_id", "user__email")
    )
    for org_id, email in rows:
        out[org_id].add(email)
    return {org_id: sorted(emails) for org_id, emails in out.items()}


def reminders_send(*, now: datetime | None = None, days_before: int = 7) -> list[ReminderSent]:
    """Send every step whose time has come and that was not sent before (see the module)."""
    now = now or timezone.now()
    sent: list[ReminderSent] = []
    rounds = KpiRound.objects.select_related("campaign").filter(
        due_at__gte=now - timedelta(days=365)
    )
    for round in rounds:
        if now > round.due_at:
            steps = [ReminderKind.OVERDUE, ReminderKind.REGION_OVERDUE]
        elif now >= round.due_at - timedelta(days=days_before):
            steps = [ReminderKind.BEFORE_DUE]
        else:
            continue
        done = set(
            KpiReport.objects.filter(round=round, first_submitted_at__isnull=False).values_list(
                "esa_id", flat=True
            )
        )
        already: dict[str, set[int]] = defaultdict(set)
        for kind, esa_id in KpiReminder.objects.filter(round=round, kind__in=steps).values_list(
            "kind", "esa_id"
        ):
            already[kind].add(esa_id)
        pending = [
            unit.esa
            for unit in KpiReportingUnit.objects.filter(campaign=round.campaign)
            .select_related("esa__region")
            .order_by("esa__code")
            if unit.esa_id not in done
        ]
        reporter_step = steps[0]
        to_remind = [esa for esa in pending if esa.pk not in already[reporter_step]]
        if to_remind:
            reporters = _emails(Role.KPI_REPORTER, {esa.pk for esa in to_remind})
            for esa in to_remind:
                sent.append(
                    _send_reporter(
                        round=round,
                        esa=esa,
                        kind=reporter_step,
                        recipients=reporters.get(esa.pk, []),
                    )
                )
        if ReminderKind.REGION_OVERDUE in steps:
            to_escalate = [
                esa for esa in pending if esa.pk not in already[ReminderKind.REGION_OVERDUE]
            ]
            if to_escalate:
                sent.extend(_send_regions(round=round, esas=to_escalate))
    return sent


def _round_text(round: KpiRound) -> tuple[str, str]:
    due = format_thai_datetime(timezone.localtime(round.due_at), thai_digits=False)
    return f"รายงานตัวชี้วัด {round.get_kind_display()} ปีงบประมาณ {round.campaign.fiscal_year}", due


@transaction.atomic
def _send_reporter(
    *, round: KpiRound, esa: Organization, kind: str, recipients: list[str]
) -> ReminderSent:
    # The row is written first inside the transaction: a second run (or a concurrent one) hits the
    # unique constraint instead of mailing twice; the mail job is created in the same
    # transaction, so a worker sends it only once the row is committed.
    KpiReminder.objects.create(round=round, esa=esa, kind=kind, recipients=", ".join(recipients))
    what, due = _round_text(round)
    overdue = kind != ReminderKind.BEFORE_DUE
    if recipients:
        mail_queue(
            kind=mail_kinds.KPI_OVERDUE if overdue else mail_kinds.KPI_BEFORE_DUE,
            esa_id=esa.pk,
            context={
                "esa_name": esa.name_th,
                "report": what,
                "due": due,
                "region_name": esa.region.name_th if overdue and esa.region is not None else "",
            },
            recipients=recipients,
        )
    audit_record(
        actor=None,
        action="kpi.reminder_send",
        target=round,
        after={"esa": esa.code, "kind": kind, "recipients": recipients},
    )
    return ReminderSent(round=round, esa=esa, kind=kind, recipients=recipients)


@transaction.atomic
def _send_regions(*, round: KpiRound, esas: list[Organization]) -> list[ReminderSent]:
    """One digest per region of its overdue ESAs; every ESA's step recorded in the same
    transaction as the mail job."""
    by_region: dict[int | None, list[Organization]] = defaultdict(list)
    for esa in esas:
        by_region[esa.region_id].append(esa)
    reviewers = _emails(Role.KPI_REGION_REVIEWER, {r for r in by_region if r is not None})
    what, due = _round_text(round)
    out: list[ReminderSent] = []
    for region_id, members in by_region.items():
        recipients = reviewers.get(region_id, []) if region_id is not None else []
        KpiReminder.objects.bulk_create(
            [
                KpiReminder(
                    round=round,
                    esa=esa,
                    kind=ReminderKind.REGION_OVERDUE,
                    recipients=", ".join(recipients),
                )
                for esa in members
            ]
        )
        if recipients:
            region = members[0].region
            # A region's digest covers several ESAs, so no single ESA's template applies.
            mail_queue(
                kind=mail_kinds.KPI_REGION,
                esa_id=None,
                context={
                    "region_name": region.name_th if region else "",
                    "report": what,
                    "due": due,
                    "esa_list": "\n".join(f"- {esa.name_th}" for esa in members),
                },
                recipients=recipients,
            )
        audit_record(
            actor=None,
            action="kpi.reminder_escalate",
            target=round,
            after={
                "region": members[0].region.code if members[0].region else "",
                "esas": [esa.code for esa in members],
                "recipients": recipients,
            },
        )
        out.extend(
            ReminderSent(
                round=round, esa=esa, kind=ReminderKind.REGION_OVERDUE, recipients=recipients
            )
            for esa in members
        )
    return out
