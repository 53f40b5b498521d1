"""What a new 12-month report opens with from other reports (issue 18).

* From this fiscal year's 6-month report: its evidence (rows that reference the same stored file —
  nothing is copied in storage; see ``reports.report_get_or_create``), the reporter block, the PA
  choice, and the narratives of the two issues the 12-month template repeats word for word:
  6-month issue 2 "ขับเคลื่อนการดำเนินการตามแผนงาน/โครงการ/กิจกรรม …" is 12-month 1.1, and issue 4
  "นิเทศ กำกับ ติดตาม …" is 1.5 (seed 000 lines 14/144 and 26/180). They start the 1.x.1
  "การดำเนินงาน (ความก้าวหน้ารอบ 12 เดือน)" text, marked as carried and editable. Issues 1 and 3 have
  no single 12-month section (3 is split over 1.2–1.4), so their narratives are shown beside the
  carried evidence, not copied into a field.
* From last fiscal year's 12-month report (submitted or approved): the two-year tables' "previous
  academic year" columns are last year's "current academic year" figures. They are last year's
  record, so they are shown marked and not edited here; without such a report the ESA types them
  (the registry may prefill them).
"""

from __future__ import annotations

from typing import Any

from pramoen.kpi.enums import ReportStatus, RoundKind
from pramoen.kpi.models import KpiIndicator, KpiReport
from pramoen.orgs.models import Organization

SIX_MONTH_SOURCE = "6m"
LAST_YEAR_SOURCE = "last_year"
CARRIED_FROM_6M = ("reporter_name", "reporter_position", "reporter_phone", "reporter_email")
# 6-month field → 12-month field, for the issues the 12-month template repeats.
NARRATIVES_6M_TO_12M = {
    "issue2_narrative": "s1_1_operations",
    "issue4_narrative": "s1_5_operations",
}
# Last year's current-year figure → this year's previous-year figure.
LAST_YEAR_FIGURES = {
    "integrated_current_year": "integrated_previous_year",
    "sharing_current_year": "sharing_previous_year",
}


def from_six_month(previous: KpiReport) -> dict[str, Any]:
    """Answers the 12-month report starts with, from this year's 6-month report."""
    out: dict[str, Any] = {}
    for key in CARRIED_FROM_6M:
        if previous.answers.get(key):
            out[key] = previous.answers[key]
    if "pa_challenge" in previous.answers:
        out["pa_challenge"] = previous.answers["pa_challenge"]
    for source, target in NARRATIVES_6M_TO_12M.items():
        text = (previous.answers.get(source) or "").strip()
        if text:
            out[target] = text
    return out


def last_year_report(
    *, indicator: KpiIndicator, esa: Organization, fiscal_year: int
) -> KpiReport | None:
    """Last fiscal year's 12-month report of the same indicator, once it was handed in."""
    return (
        KpiReport.objects.filter(
            round__campaign__fiscal_year=fiscal_year - 1,
            round__kind=RoundKind.TWELVE_MONTHS,
            indicator__number=indicator.number,
            esa=esa,
            status__in=(ReportStatus.SUBMITTED, ReportStatus.APPROVED),
        )
        .only("id", "answers")
        .first()
    )


def from_last_year(report: KpiReport | None) -> dict[str, int]:
    if report is None:
        return {}
    out = {}
    for source, target in LAST_YEAR_FIGURES.items():
        value = report.answers.get(source)
        if isinstance(value, int) and not isinstance(value, bool):
            out[target] = value
    return out


def carried(values: dict[str, Any], *, source: str, year: int) -> dict[str, dict[str, Any]]:
    return {key: {"value": value, "source": source, "year": year} for key, value in values.items()}


def locked_fields(report: KpiReport) -> frozenset[str]:
    """Fields taken from last year's report: not edited in this one."""
    return frozenset(
        key
        for key, item in (report.carried_answers or {}).items()
        if item.get("source") == LAST_YEAR_SOURCE
    )


def carried_note(report: KpiReport, key: str) -> str:
    """The Thai mark shown at a field while it still holds what was carried into it."""
    item = (report.carried_answers or {}).get(key)
    if not item or report.answers.get(key) != item.get("value"):
        return ""
    if item.get("source") == LAST_YEAR_SOURCE:
        return f"จากรายงานรอบ 12 เดือน ปีงบประมาณ {item.get('year')} (แก้ไขในรายงานนี้ไม่ได้)"
    return "ยกมาจากรอบ 6 เดือน (แก้ไขได้)"
