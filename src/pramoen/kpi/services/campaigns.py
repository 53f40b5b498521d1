"""KPI campaigns per fiscal year with their two rounds, and the registry counts that prefill
the 12-month report."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction

from pramoen.accounts.models import User
from pramoen.core.services import audit_record
from pramoen.kpi.enums import RoundKind
from pramoen.kpi.models import (
    FISCAL_YEAR_MAX,
    FISCAL_YEAR_MIN,
    KpiCampaign,
    KpiIndicator,
    KpiReportingUnit,
    KpiRound,
)
from pramoen.kpi.services.common import KPI10_TITLE, KpiError, bangkok_due
from pramoen.library.kpi10 import KPI10_6M, KPI10_12M
from pramoen.orgs.models import Organization
from pramoen.thai import fiscal_year_bounds, format_thai_date


def campaign_check(*, fiscal_year: int, due_6m: date, due_12m: date) -> None:
    """Refuse, in Thai, a Gregorian or absurd fiscal year and due dates outside the fiscal year
    (1 Oct – 30 Sep) or out of order. ``objects.create`` skips the model's validators."""
    low, high = FISCAL_YEAR_MIN, FISCAL_YEAR_MAX
    if not isinstance(fiscal_year, int) or not low <= fiscal_year <= high:
        raise KpiError(
            f"ปีงบประมาณต้องเป็นปี พ.ศ. ระหว่าง {low} ถึง {high} (เช่น 2569) แต่ได้ {fiscal_year}"
        )
    bounds = fiscal_year_bounds(fiscal_year)

    def text(day: date) -> str:
        return format_thai_date(day, "short", thai_digits=False)

    for label, due in (("รอบ 6 เดือน", due_6m), ("รอบ 12 เดือน", due_12m)):
        if not bounds.start <= due <= bounds.end:
            raise KpiError(
                f"กำหนดส่ง{label}ต้องอยู่ในปีงบประมาณ {fiscal_year} "
                f"({text(bounds.start)} – {text(bounds.end)}) แต่ได้ {text(due)}"
            )
    if due_6m >= due_12m:
        raise KpiError(
            f"กำหนดส่งรอบ 6 เดือน ({text(due_6m)}) ต้องก่อนกำหนดส่งรอบ 12 เดือน ({text(due_12m)})"
        )


@transaction.atomic
def campaign_create(
    *,
    fiscal_year: int,
    due_6m: date,
    due_12m: date,
    esas: Iterable[Organization],
    actor: User | None,
    title_th: str = "",
) -> KpiCampaign:
    """A fiscal year of KPI 10 reporting with both rounds and its reporting ESAs."""
    campaign_check(fiscal_year=fiscal_year, due_6m=due_6m, due_12m=due_12m)
    campaign = KpiCampaign.objects.create(
        fiscal_year=fiscal_year,
        title_th=title_th or f"การรายงานตัวชี้วัด สพฐ. ปีงบประมาณ {fiscal_year}",
    )
    KpiIndicator.objects.create(
        campaign=campaign,
        number="10",
        title_th=KPI10_TITLE,
        instrument_6m=KPI10_6M,
        instrument_12m=KPI10_12M,
    )
    KpiRound.objects.create(
        campaign=campaign, kind=RoundKind.SIX_MONTHS, due_at=bangkok_due(due_6m)
    )
    KpiRound.objects.create(
        campaign=campaign, kind=RoundKind.TWELVE_MONTHS, due_at=bangkok_due(due_12m)
    )
    KpiReportingUnit.objects.bulk_create(
        [KpiReportingUnit(campaign=campaign, esa=esa) for esa in esas]
    )
    audit_record(
        actor=actor,
        action="kpi.campaign_create",
        target=campaign,
        after={"fiscal_year": fiscal_year, "due_6m": due_6m, "due_12m": due_12m},
    )
    return campaign


# --- registry prefill (12-month counts) ---------------------------------------------------------


def registry_counts(*, esa: Organization, fiscal_year: int) -> dict[str, int]:
    """Counts for 1.3.2.1 from the quality-school registry (orgs), academic years FY-1 and FY.

    The two-year table of the template is (academic year FY-1, FY) — see the instrument's
    ``fixed_academic_years`` resolution. Empty when the registry has nothing for this ESA.
    """
    from pramoen.orgs.selectors import quality_counts_by_esa

    def for_year(year: int):
        return next(
            (row for row in quality_counts_by_esa(academic_year=year) if row.esa_id == esa.pk), None
        )

    current = for_year(fiscal_year)
    previous = for_year(fiscal_year - 1)
    if current is None or current.network_schools == 0:
        return {}
    counts = {
        "network_total": current.network_schools,
        "network_participating": current.network_schools - current.not_participating,
        "integrated_current_year": current.integrated_learning,
        "sharing_current_year": current.resource_sharing,
    }
    if previous is not None and previous.network_schools:
        counts["integrated_previous_year"] = previous.integrated_learning
        counts["sharing_previous_year"] = previous.resource_sharing
    return counts
