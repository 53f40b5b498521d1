"""Reviewing KPI reports through the API (as the review and approval pages do): the marks on each
consideration issue, and the decisions of the approval chain — approve or return (the first level:
the region, or the ESA's own reviewer), accept (OBEC), and undoing either with a reason.

Each operation asks the page's own ``rules`` permission on the report and calls the page's service,
so the locks, the separation of duties (a reporter never decides on his own ESA's report) and the
audit rows are the same whichever way the decision comes in. Scope ``review:kpi``."""

from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Field, Path, Router, Schema

from pramoen.accounts.enums import ApiScope
from pramoen.api.auth import auth
from pramoen.api.errors import ApiError, error_responses
from pramoen.api.pagination import MAX_ID, NO_NUL
from pramoen.api.permissions import user_of
from pramoen.api.routers.kpi import KpiReportDetailOut, report_detail_out
from pramoen.kpi import selectors, services
from pramoen.kpi.models import KpiReport

router = Router(tags=["kpi"], auth=auth(ApiScope.REVIEW_KPI))

# As the review form: the same cap on a comment and on a reason (kpi/forms*.py).
TEXT_MAX = 5000

DecisionAction = Literal["approve", "return", "accept", "unapprove", "unaccept"]

# The permission each decision needs on the report (kpi/rules.py), as its page asks.
PERMISSION: dict[str, str] = {
    "approve": "pramoen.review_kpi_report",
    "return": "pramoen.review_kpi_report",
    "accept": "pramoen.accept_kpi_report",
    "unapprove": "pramoen.unapprove_kpi_report",
    "unaccept": "pramoen.unaccept_kpi_report",
}


class MarkIn(Schema):
    clear: bool | None = Field(description="true = ชัดเจน, false = ไม่ชัดเจน, null = ยังไม่พิจารณา")
    comment: str = Field("", max_length=TEXT_MAX, pattern=NO_NUL)


class MarksIn(Schema):
    marks: dict[str, MarkIn] = Field(
        description="ผลการพิจารณารายประเด็น ตามรหัสประเด็นของรายงาน (ประเด็นที่ไม่ส่งคงค่าเดิม)"
    )


class DecisionIn(Schema):
    action: DecisionAction = Field(
        description="approve = อนุมัติ, return = ส่งกลับให้แก้ไข, accept = สพฐ. รับรอง, "
        "unapprove = ยกเลิกการอนุมัติ, unaccept = ยกเลิกการรับรอง"
    )
    reason: str = Field(
        "", max_length=TEXT_MAX, pattern=NO_NUL, description="จำเป็นเมื่อส่งกลับหรือยกเลิก"
    )
    marks: dict[str, MarkIn] | None = Field(
        None, description="approve/return: บันทึกผลรายประเด็นเหล่านี้ก่อนตัดสิน (เหมือนปุ่มในหน้าตรวจ)"
    )


def _report(request: HttpRequest, report_id: int, perm: str) -> KpiReport:
    user = user_of(request)
    report = selectors.report_for_user(user=user, pk=report_id)  # 404 outside the caller's scope
    if not user.has_perm(perm, report):
        raise PermissionDenied
    return report


def _mark_inputs(marks: dict[str, MarkIn]) -> dict[str, services.MarkInput]:
    return {
        issue: services.MarkInput(clear=mark.clear, comment=mark.comment)
        for issue, mark in marks.items()
    }


@router.put(
    "/reports/{report_id}/marks",
    response={200: KpiReportDetailOut, **error_responses()},
    url_name="kpi_report_marks",
)
def kpi_report_marks(
    request: HttpRequest, body: MarksIn, report_id: int = Path(..., ge=1, le=MAX_ID)
) -> Any:
    """Save the reviewer's marks (as the review page's one save button); the report must be
    submitted and waiting for review."""
    report = _report(request, report_id, "pramoen.review_kpi_report")
    try:
        services.review_marks_save(
            report=report, marks=_mark_inputs(body.marks), actor=user_of(request)
        )
    except services.KpiError as exc:
        raise ApiError(422, exc.message) from exc
    return report_detail_out(selectors.report_for_user(user=user_of(request), pk=report.pk))


@router.post(
    "/reports/{report_id}/decisions",
    response={200: KpiReportDetailOut, **error_responses()},
    url_name="kpi_report_decision",
)
def kpi_report_decision(
    request: HttpRequest, body: DecisionIn, report_id: int = Path(..., ge=1, le=MAX_ID)
) -> Any:
    """One step of the approval chain. Approving scores the report through its pinned instrument
    and locks it; returning, unapproving and unaccepting need a reason."""
    user = user_of(request)
    report = _report(request, report_id, PERMISSION[body.action])
    if body.marks is not None and body.action not in ("approve", "return"):
        raise ApiError(422, "ส่งผลรายประเด็นได้เฉพาะเมื่ออนุมัติหรือส่งกลับ")
    reason = body.reason.strip()
    try:
        if body.action in ("approve", "return"):
            marks = _mark_inputs(body.marks) if body.marks is not None else None
            report = services.report_decide(
                report=report,
                marks=marks,
                actor=user,
                approve=body.action == "approve",
                reason=reason,
            )
        elif body.action == "accept":
            report = services.report_accept(report=report, actor=user)
        elif body.action == "unapprove":
            report = services.report_unapprove(report=report, actor=user, reason=reason)
        else:
            report = services.report_unaccept(report=report, actor=user, reason=reason)
    except services.KpiError as exc:
        raise ApiError(422, exc.message) from exc
    return report_detail_out(selectors.report_for_user(user=user, pk=report.pk))
