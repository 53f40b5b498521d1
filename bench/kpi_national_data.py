"""National-scale KPI data for the national dashboards: ``esas`` ESAs (245 by default) in the 18
regions, one KPI campaign per fiscal year with both rounds, and a report per ESA and round in
every state of the approval chain (drafts, returned, submitted on time and late, approved,
accepted) with 12-month counts that grow from one year to the next.

Rows go in with ``bulk_create`` (a benchmark's data is not a decision anyone made); running it
again with more ESAs or years adds only what is missing. Used by bench/kpi_national.py and by
tests/kpi/test_national.py (two sizes, and the 245-ESA timing).
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction

from pramoen.kpi.enums import ReportStatus, RoundKind
from pramoen.kpi.models import KpiCampaign, KpiReport, KpiReportingUnit
from pramoen.kpi.services import campaign_create
from pramoen.orgs import national
from pramoen.orgs.models import Organization

# Report states by ESA index (mod 10): 1 draft, 1 returned, 2 on time, 1 late, 2 approved,
# 3 accepted — a completeness of 80 % with 10 % late.
STATES = (
    ReportStatus.DRAFT,
    ReportStatus.RETURNED,
    ReportStatus.SUBMITTED,
    ReportStatus.SUBMITTED,
    "late",
    ReportStatus.APPROVED,
    ReportStatus.APPROVED,
    ReportStatus.ACCEPTED,
    ReportStatus.ACCEPTED,
    ReportStatus.ACCEPTED,
)


def _answers(index: int, year: int) -> dict:
    grow = year - 2560
    total = 20 + index % 30
    return {
        "network_total": total,
        "network_participating": min(total, 10 + index % 20 + grow),
        "integrated_current_year": 5 + index % 7 + grow,
        "sharing_current_year": 8 + index % 9 + grow,
    }


@transaction.atomic
def build(*, esas: int = 245, years: tuple[int, ...] = (2568, 2569)) -> list[KpiCampaign]:
    ids = national.create_esas(national.esa_specs(esas))
    orgs = list(Organization.objects.filter(pk__in=ids.values()).order_by("code"))
    campaigns = []
    for year in years:
        campaign = KpiCampaign.objects.filter(fiscal_year=year).first()
        if campaign is None:
            # Fiscal year Y (BE) runs 1 Oct Y-1 to 30 Sep Y; due dates inside it (Gregorian).
            campaign = campaign_create(
                fiscal_year=year,
                due_6m=date(year - 543, 4, 30),
                due_12m=date(year - 543, 9, 15),
                esas=orgs,
                actor=None,
            )
        else:
            have = set(campaign.units.values_list("esa_id", flat=True))
            KpiReportingUnit.objects.bulk_create(
                [KpiReportingUnit(campaign=campaign, esa=o) for o in orgs if o.pk not in have]
            )
        campaigns.append(campaign)
        indicator = campaign.indicators.get()
        for round in campaign.rounds.all():
            have = set(round.reports.values_list("esa_id", flat=True))
            rows = []
            for index, esa in enumerate(orgs):
                if esa.pk in have:
                    continue
                state = STATES[index % len(STATES)]
                sent = state != ReportStatus.DRAFT
                first = round.due_at + (
                    timedelta(days=3) if state == "late" else -timedelta(days=2)
                )
                status = ReportStatus.SUBMITTED if state == "late" else state
                scored = status in (ReportStatus.APPROVED, ReportStatus.ACCEPTED)
                twelve = round.kind == RoundKind.TWELVE_MONTHS
                rows.append(
                    KpiReport(
                        round=round,
                        indicator=indicator,
                        esa=esa,
                        status=status,
                        instrument_id=indicator.instrument_for(round.kind),
                        instrument_hash="0" * 64,
                        answers=_answers(index, year) if twelve else {},
                        submitted_at=first if sent else None,
                        first_submitted_at=first if sent else None,
                        score=1 + index % 5 if scored else None,
                        return_reason="แก้ไขหลักฐาน" if status == ReportStatus.RETURNED else "",
                    )
                )
            KpiReport.objects.bulk_create(rows)
    return campaigns
