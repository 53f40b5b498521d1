"""KPI reports (as /kpi/): a reporter his own ESA's; ESA staff and reviewers the ESAs they oversee
(all at OBEC level) — ``kpi.selectors`` and the ``pramoen.view_kpi_report`` rule. Writing a
report's data goes through the page's own form and ``kpi.services.report_update``, while the round
is open and the report editable (``pramoen.edit_kpi_report``)."""

from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.pagination import paginate

from pramoen.accounts.enums import ApiScope
from pramoen.api.auth import auth
from pramoen.api.errors import ApiError, error_responses
from pramoen.api.pagination import MAX_ID, NO_NUL, Mapped, Pages
from pramoen.api.permissions import require_perm, user_of
from pramoen.kpi import selectors, services
from pramoen.kpi.forms import EvidenceLinkForm
from pramoen.kpi.models import KpiReport
from pramoen.kpi.views.report_page import form_for

router = Router(tags=["kpi"], auth=auth())


class KpiReportOut(Schema):
    id: int
    esa_id: int
    esa_name: str
    fiscal_year: int = Field(description="ปีงบประมาณ (พ.ศ.)")
    round: Literal["6m", "12m"]
    round_label_th: str
    indicator: str
    status: Literal["draft", "submitted", "returned", "approved", "accepted"]
    status_label_th: str
    version: int
    instrument_id: str
    instrument_hash: str
    score: Decimal | None = Field(description="คะแนน 1–5 แบบตรงตัว (ข้อความ)")
    score_level: str
    submitted_at: datetime | None
    approved_at: datetime | None


class KpiReportDetailOut(KpiReportOut):
    answers: dict[str, Any] = Field(description="ข้อมูลของรายงาน (รวมข้อมูลรอบ 12 เดือน)")
    computed: dict[str, Any] = Field(description="ค่าที่คำนวณจากข้อมูล เช่น ร้อยละ 1.3.2.1")
    score_explanation_th: str


class KpiReportIn(Schema):
    version: int = Field(ge=1, le=MAX_ID, description="รุ่นของรายงานที่อ่านมา (กันการเขียนทับ)")
    answers: dict[str, str | int | bool | None] = Field(
        description="ช่องที่จะบันทึก ตามชื่อช่องของแบบฟอร์มในหน้ารายงาน (ช่องที่ไม่ส่งคงค่าเดิม)"
    )


class DashboardRowOut(Schema):
    esa_id: int
    esa_code: str
    esa_name: str
    report_id: int | None
    status: str
    status_label_th: str
    submitted_at: datetime | None
    late: bool
    timing_label_th: str
    score: Decimal | None
    network_percent: Decimal | None = Field(description="รอบ 12 เดือน: ร้อยละ 1.3.2.1 ตามที่รายงาน")


class ScoreCountOut(Schema):
    score: int
    esas: int


class DashboardOut(Schema):
    fiscal_year: int
    round: Literal["6m", "12m"]
    due_at: datetime
    esas: int
    submitted: int
    late: int
    distribution: list[ScoreCountOut]
    rows: list[DashboardRowOut] = Field(description="ทุกเขตในขอบเขตของผู้ดู (ไม่เกินจำนวนเขตทั้งประเทศ)")


class DashboardFilters(Schema):
    fiscal_year: int | None = Field(None, ge=2484, le=2643, description="ไม่ระบุ = ปีปัจจุบัน")
    round: Literal["6m", "12m"] = "6m"
    level: Literal["", "primary", "secondary"] = ""


class EvidenceLinkIn(Schema):
    slot_id: str = Field(pattern=r"^[a-z0-9_]{1,64}$", description="ช่องหลักฐานของแบบประเมิน")
    url: str = Field(max_length=1000, pattern=NO_NUL)
    title: str = Field("", max_length=255, pattern=NO_NUL)


class EvidenceOut(Schema):
    id: int
    report_id: int
    slot_id: str
    kind: Literal["file", "link"]
    url: str
    title: str
    original_name: str
    uploaded_at: datetime


class KpiFilters(Schema):
    status: Literal["", "draft", "submitted", "returned", "approved", "accepted"] = ""
    fiscal_year: int | None = Field(None, ge=2484, le=2643)


def _report_out(report: KpiReport) -> dict[str, Any]:
    return {
        "id": report.pk,
        "esa_id": report.esa_id,
        "esa_name": report.esa.name_th,
        "fiscal_year": report.round.campaign.fiscal_year,
        "round": report.round.kind,
        "round_label_th": str(report.round.get_kind_display()),
        "indicator": report.indicator.number,
        "status": report.status,
        "status_label_th": str(report.get_status_display()),
        "version": report.version,
        "instrument_id": report.instrument_id,
        "instrument_hash": report.instrument_hash,
        "score": report.score,
        "score_level": report.score_level,
        "submitted_at": report.submitted_at,
        "approved_at": report.approved_at,
    }


def report_detail_out(report: KpiReport) -> dict[str, Any]:
    return {
        **_report_out(report),
        "answers": report.answers,
        "computed": selectors.report_computed(report),
        "score_explanation_th": report.score_explanation_th,
    }


@router.get(
    "/reports", response={200: list[KpiReportOut], **error_responses()}, url_name="kpi_report_list"
)
@paginate(Pages)
def kpi_report_list(request: HttpRequest, filters: Query[KpiFilters]) -> Any:
    reports = selectors.reports_for_user(user=user_of(request)).order_by(
        "-round__campaign__fiscal_year", "round__kind", "esa__name_sort", "pk"
    )
    if filters.status:
        reports = reports.filter(status=filters.status)
    if filters.fiscal_year:
        reports = reports.filter(round__campaign__fiscal_year=filters.fiscal_year)
    return Mapped(reports, _report_out)


@router.get(
    "/reports/{report_id}",
    response={200: KpiReportDetailOut, **error_responses()},
    url_name="kpi_report_detail",
)
def kpi_report_detail(request: HttpRequest, report_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    return report_detail_out(selectors.report_for_user(user=user_of(request), pk=report_id))


@router.patch(
    "/reports/{report_id}",
    response={200: KpiReportDetailOut, **error_responses()},
    auth=auth(ApiScope.WRITE_KPI),
    url_name="kpi_report_update",
)
def kpi_report_update(
    request: HttpRequest, body: KpiReportIn, report_id: int = Path(..., ge=1, le=MAX_ID)
) -> Any:
    """Save fields of the report (narratives, reporter block, 12-month data) as the report page
    does; fields not sent keep their values. Refused once submitted or approved."""
    user = user_of(request)
    report = selectors.report_for_user(user=user, pk=report_id)
    if not user.has_perm("pramoen.edit_kpi_report", report):
        raise PermissionDenied
    form = form_for(report)
    data: dict[str, Any] = {}
    for name in form.fields:
        sent = name in body.answers
        value = body.answers.get(name) if sent else report.answers.get(name)
        # Fields not sent take their stored value for the form's cross-field checks when it is a
        # plain one; only the fields sent are saved.
        if value is None or value is False or not isinstance(value, str | int):
            continue  # empty, as an unticked box or a blank input posts nothing
        data[name] = "on" if value is True else str(value)
    unknown = sorted(set(body.answers) - set(form.fields) - {"version"})
    if unknown:
        raise ApiError(
            422,
            "มีช่องที่รายงานนี้ไม่มี",
            [{"loc": ["body", "answers", name], "message": "ไม่มีช่องนี้ในรายงาน"} for name in unknown],
        )
    data["version"] = str(body.version)
    form = form_for(report, data)
    if not form.is_valid():
        raise ApiError(
            422,
            "ยังบันทึกไม่ได้ กรุณาแก้ไขช่องที่ระบุ",
            [
                {"loc": ["body", "answers", name], "message": str(message)}
                for name, messages in form.errors.items()
                for message in messages
            ],
        )
    try:
        services.report_update(
            report=report,
            actor=user,
            expected_version=form.cleaned_data["version"],
            changes={k: v for k, v in form.answers().items() if k in body.answers},
        )
    except services.KpiError as exc:
        raise ApiError(422, exc.message) from exc
    return report_detail_out(selectors.report_for_user(user=user, pk=report.pk))


@router.get(
    "/dashboard", response={200: DashboardOut, **error_responses()}, url_name="kpi_dashboard"
)
def kpi_dashboard(request: HttpRequest, filters: Query[DashboardFilters]) -> Any:
    """The dashboard figures of a round, as the dashboard page: every ESA the viewer oversees
    (the country at OBEC level) with status, timing and score, and the score distribution."""
    user = require_perm(request, "pramoen.view_kpi_dashboard")
    year = filters.fiscal_year
    if year is None:
        campaign = selectors.current_campaign()
        year = campaign.fiscal_year if campaign is not None else None
    round = selectors.round_by_kind(fiscal_year=year, kind=filters.round) if year else None
    if round is None:
        raise ApiError(404, "ไม่พบรอบการรายงานนี้")
    board = selectors.dashboard(round=round, esa_level=filters.level, user=user)
    return {
        "fiscal_year": round.campaign.fiscal_year,
        "round": round.kind,
        "due_at": round.due_at,
        "esas": len(board.rows),
        "submitted": board.submitted,
        "late": board.late,
        "distribution": [{"score": s, "esas": n} for s, n in board.distribution],
        "rows": [
            {
                "esa_id": row.esa_id,
                "esa_code": row.esa_code,
                "esa_name": row.esa_name,
                "report_id": row.report.pk if row.report else None,
                "status": row.status,
                "status_label_th": row.status_label,
                "submitted_at": row.submitted_at,
                "late": row.late,
                "timing_label_th": row.timing_label,
                "score": row.score,
                "network_percent": row.network_percent,
            }
            for row in board.rows
        ],
    }


@router.post(
    "/reports/{report_id}/evidence-links",
    response={201: EvidenceOut, **error_responses()},
    auth=auth(ApiScope.WRITE_KPI),
    url_name="kpi_evidence_link",
)
def kpi_evidence_link(
    request: HttpRequest, body: EvidenceLinkIn, report_id: int = Path(..., ge=1, le=MAX_ID)
) -> Any:
    """Hand in a link as evidence for a slot, as the report page does (while editable)."""
    user = user_of(request)
    report = selectors.report_for_user(user=user, pk=report_id)
    if not user.has_perm("pramoen.edit_kpi_report", report):
        raise PermissionDenied
    form = EvidenceLinkForm({"url": body.url, "title": body.title})
    if not form.is_valid():
        raise ApiError(
            422,
            "ยังบันทึกไม่ได้ กรุณาแก้ไขช่องที่ระบุ",
            [
                {"loc": ["body", name], "message": str(message)}
                for name, messages in form.errors.items()
                for message in messages
            ],
        )
    try:
        evidence = services.evidence_add_link(
            report=report,
            slot_id=body.slot_id,
            url=form.cleaned_data["url"],
            title=form.cleaned_data["title"],
            actor=user,
        )
    except services.KpiError as exc:
        raise ApiError(422, exc.message) from exc
    return Status(
        201,
        {
            "id": evidence.pk,
            "report_id": report.pk,
            "slot_id": evidence.slot_id,
            "kind": evidence.kind,
            "url": evidence.url,
            "title": evidence.title,
            "original_name": evidence.original_name,
            "uploaded_at": evidence.uploaded_at,
        },
    )
