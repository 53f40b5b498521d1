"""What every KPI write shares: the Thai refusal, the versioned conditional UPDATE, the row lock.

Every write to a report's answers or status bumps ``KpiReport.version`` with a conditional UPDATE;
a caller that read version N and finds the row at N+1 gets :class:`StaleReport` (two people may
edit one report). Evidence rows are added and removed one by one (htmx) and never conflict with
the answers, so they do not bump the version: an upload does not invalidate the open form.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from pramoen.kpi.models import (
    KpiReport,
    KpiRound,
)
from pramoen.thai import format_thai_date

BANGKOK = ZoneInfo("Asia/Bangkok")
KPI10_TITLE = "ระดับความสำเร็จของการบริหารจัดการโรงเรียนคุณภาพและการใช้ทรัพยากรร่วมกันได้สำเร็จตามเป้าหมาย"
# Evidence files are documents and photos, not videos (those are links): 20 MB is plenty, and the
# site-wide cap (PRAMOEN_UPLOAD_MAX_BYTES) still applies when it is lower.
EVIDENCE_MAX_BYTES = 20 * 1024 * 1024
# A one-page lesson learned has no business being large.
LESSON_MAX_BYTES = 5 * 1024 * 1024


class KpiError(Exception):
    """A refused action; ``message`` is Thai and tells the user what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class StaleReport(KpiError):
    def __init__(self) -> None:
        super().__init__(
            "รายงานนี้ถูกแก้ไขโดยผู้อื่นหลังจากที่ท่านเปิดหน้า ข้อมูลของท่านยังไม่ถูกบันทึก "
            "กรุณาเปิดหน้าใหม่เพื่อดูฉบับล่าสุดแล้วบันทึกอีกครั้ง"
        )


def max_evidence_bytes() -> int:
    return min(EVIDENCE_MAX_BYTES, settings.PRAMOEN_UPLOAD_MAX_BYTES)


def bangkok_due(day: date, at: time = time(23, 59, 59)) -> datetime:
    """A due date as the last second of that day in Asia/Bangkok."""
    return datetime.combine(day, at, tzinfo=BANGKOK)


def bump_version(
    report: KpiReport,
    expected_version: int | None,
    *,
    expected_status: str | None = None,
    **changes: Any,
) -> None:
    """Conditional UPDATE: the report must still be at ``expected_version`` and in
    ``expected_status`` (each when given)."""
    qs = KpiReport.objects.filter(pk=report.pk)
    if expected_version is not None:
        qs = qs.filter(version=expected_version)
    if expected_status is not None:
        qs = qs.filter(status=expected_status)
    updated = qs.update(version=F("version") + 1, updated_at=timezone.now(), **changes)
    if not updated:
        raise StaleReport()
    report.refresh_from_db()


def lock_report(report: KpiReport) -> KpiReport:
    """Re-read the report's row under a row lock (inside the caller's transaction) into the
    caller's object, so status checks run on what is stored now — not on a copy a page loaded
    earlier, which a return, approval or submission may have overtaken."""
    report.refresh_from_db(from_queryset=KpiReport.objects.select_for_update())
    return report


def report_snapshot(report: KpiReport) -> dict[str, Any]:
    return {
        "status": report.status,
        "version": report.version,
        "score": str(report.score) if report.score is not None else None,
    }


def ensure_editable(report: KpiReport) -> None:
    if not report.is_editable:
        raise KpiError("รายงานนี้ส่งแล้วหรืออนุมัติแล้ว แก้ไขไม่ได้")


def due_text(round: KpiRound) -> str:
    return format_thai_date(timezone.localtime(round.due_at).date(), "long", thai_digits=False)
