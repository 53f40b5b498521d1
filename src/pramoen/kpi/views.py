"""KPI views: each validates input, calls one service and renders; refusals are Thai messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from pydantic import ValidationError as PydanticValidationError

from pramoen.documents.kpi_report import change_text, percentage
from pramoen.documents.office import OfficeConversionError
from pramoen.kpi import exports, selectors, services, structure
from pramoen.kpi.enums import ReportStatus, RoundKind
from pramoen.kpi.forms import (
    COUNT_FIELDS,
    EvidenceLinkForm,
    EvidenceUploadForm,
    ReturnForm,
    ReviewMarkForm,
    SixMonthForm,
    TwelveMonthForm,
)
from pramoen.kpi.models import KpiEvidence, KpiReport, KpiReportingUnit, KpiRound
from pramoen.kpi.rules import reporter_esa_ids
from pramoen.library.kpi10 import KPI10_6M
from pramoen.orgs.enums import EsaLevel
from pramoen.thai import ThaiNumberError, parse_int

HISTORY_LABELS = {
    "kpi.report_create": "เปิดรายงาน",
    "kpi.report_update": "บันทึกข้อมูล",
    "kpi.evidence_add": "แนบหลักฐาน",
    "kpi.evidence_remove": "นำหลักฐานออก",
    "kpi.evidence_replace_carried": "แทนที่หลักฐานที่ยกมา",
    "kpi.report_submit": "ส่งรายงาน",
    "kpi.review_mark": "พิจารณาประเด็น",
    "kpi.report_return": "ส่งกลับให้แก้ไข",
    "kpi.report_approve": "อนุมัติ",
}

# --- page structure -----------------------------------------------------------------------------


@dataclass
class SlotView:
    slot: structure.Slot
    items: list[KpiEvidence]

    @property
    def present(self) -> bool:
        return bool(self.items)


@dataclass
class Group:
    """An issue (or the PA block, or the carried 6-month evidence) as the page shows it."""

    key: str
    title: str
    number: str
    slots: list[SlotView]
    narrative: Any = None
    carried: bool = False
    pa: bool = False
    scored: bool = True
    notes: list[str] = field(default_factory=list)

    @property
    def present(self) -> int:
        return sum(1 for s in self.slots if s.present)

    @property
    def required(self) -> int:
        return len(self.slots)

    @property
    def complete(self) -> bool:
        return self.present >= self.required


def _groups(report: KpiReport, evidence: dict[str, list[KpiEvidence]], form=None) -> list[Group]:
    shape = services.report_structure(report)
    groups = []
    for issue in shape.issues:
        narrative = (
            form[issue.narrative_field] if form is not None and issue.narrative_field else None
        )
        groups.append(
            Group(
                key=f"issue-{issue.number}",
                title=issue.text_th,
                number=issue.number,
                slots=[SlotView(s, evidence.get(s.id, [])) for s in issue.slots],
                narrative=narrative,
            )
        )
    if shape.pa_slots:
        groups.append(
            Group(
                key="pa",
                title="ประเด็นท้าทาย (PA): เอกสารที่ต้องใช้ประกอบการประเมินตามระดับการปฏิบัติที่คาดหวัง",
                number="PA",
                slots=[SlotView(s, evidence.get(s.id, [])) for s in shape.pa_slots],
                pa=True,
                scored=False,
            )
        )
    if report.round.kind == RoundKind.TWELVE_MONTHS:
        six = structure.round_structure(
            KPI10_6M,
            esa_kind=report.esa.esa_level or "primary",
            pa_challenge=False,
            kind="6m",
            fiscal_year=report.round.campaign.fiscal_year,
        )
        for issue in six.issues:
            groups.append(
                Group(
                    key=f"carried-{issue.number}",
                    title=issue.text_th,
                    number=issue.number,
                    slots=[SlotView(s, evidence.get(s.id, [])) for s in issue.slots],
                    carried=True,
                    scored=False,
                )
            )
    return groups


def _group_for_slot(groups: list[Group], slot_id: str) -> Group | None:
    for group in groups:
        if any(view.slot.id == slot_id for view in group.slots):
            return group
    return None


def _can_edit(user, report: KpiReport) -> bool:
    return user.has_perm("pramoen.edit_kpi_report", report)


def _form_for(report: KpiReport, data=None, *, editable: bool = True):
    initial = {**report.answers, "version": report.version}
    if report.round.kind == RoundKind.SIX_MONTHS:
        form = SixMonthForm(data, initial=initial, shape=services.report_structure(report))
    else:
        form = TwelveMonthForm(data, initial=initial)
    for form_field in form.fields.values():
        # The fields sit beside the evidence forms on the page (forms cannot nest): they belong to
        # the main form by its id.
        form_field.widget.attrs["form"] = "report-form"
        if not editable:
            form_field.disabled = True
    return form


def _computed(report: KpiReport, answers: dict[str, Any] | None = None) -> dict[str, Any]:
    """1.3.2.1 percentage and the two-year differences, exact, as the Word report shows them."""
    answers = report.answers if answers is None else answers

    def number(key: str) -> int | None:
        value = answers.get(key)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    total, part = number("network_total"), number("network_participating")
    out: dict[str, Any] = {
        "percent": percentage(part, total) if total is not None and part is not None else None
    }
    for prefix in ("integrated", "sharing"):
        prev, cur = number(f"{prefix}_previous_year"), number(f"{prefix}_current_year")
        out[f"{prefix}_change"] = (
            change_text(cur - prev) if prev is not None and cur is not None else None
        )
    differences = []
    labels = dict(
        network_total="โรงเรียนเครือข่ายทั้งหมด",
        network_participating="โรงเรียนเครือข่ายที่เข้าร่วม",
        integrated_previous_year="เรียนรวม ปีการศึกษาก่อนหน้า",
        integrated_current_year="เรียนรวม ปีการศึกษาปัจจุบัน",
        sharing_previous_year="ใช้ทรัพยากรร่วมกัน ปีการศึกษาก่อนหน้า",
        sharing_current_year="ใช้ทรัพยากรร่วมกัน ปีการศึกษาปัจจุบัน",
    )
    for key, registry_value in (report.registry_counts or {}).items():
        if answers.get(key) != registry_value:
            differences.append(
                f"{labels.get(key, key)}: ทะเบียนโรงเรียนคุณภาพมี {registry_value} "
                f"แต่รายงานระบุ {answers.get(key, '–')}"
            )
    out["registry_differences"] = differences
    return out


def _report_context(request: HttpRequest, report: KpiReport, form=None) -> dict[str, Any]:
    evidence = selectors.report_evidence(report=report)
    can_edit = _can_edit(request.user, report)
    form = form or _form_for(report, editable=can_edit)
    groups = _groups(report, evidence, form)
    marks = selectors.report_marks(report=report)
    return {
        "report": report,
        "form": form,
        "groups": groups,
        "can_edit": can_edit,
        "can_review": request.user.has_perm("pramoen.review_kpi_report", report),
        "marks": marks,
        "review_points": [(point, marks.get(point.id)) for point in services.review_points(report)],
        "problems": services.submission_problems(report) if can_edit else [],
        "computed": _computed(report) if report.round.kind == RoundKind.TWELVE_MONTHS else None,
        "upload_form": EvidenceUploadForm(),
        "link_form": EvidenceLinkForm(),
        "is_twelve": report.round.kind == RoundKind.TWELVE_MONTHS,
        "history": [
            (event, HISTORY_LABELS.get(event.action, event.action))
            for event in selectors.report_history(report=report)
        ],
    }


# --- reporter pages -----------------------------------------------------------------------------


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The reporter's rounds with his ESAs' reports; viewers get links to dashboard and queue."""
    campaign = selectors.current_campaign()
    esa_ids = reporter_esa_ids(request.user)
    rows = []
    if campaign is not None and esa_ids:
        units = KpiReportingUnit.objects.filter(
            campaign=campaign, esa_id__in=esa_ids
        ).select_related("esa")
        reports = {
            (r.round_id, r.esa_id): r
            for r in KpiReport.objects.filter(round__campaign=campaign, esa_id__in=esa_ids)
        }
        for round in campaign.rounds.all():
            for unit in units:
                rows.append(
                    {
                        "round": round,
                        "esa": unit.esa,
                        "report": reports.get((round.id, unit.esa_id)),
                    }
                )
    return render(request, "kpi/index.html", {"campaign": campaign, "rows": rows})


@login_required
@require_POST
def report_open(request: HttpRequest, round_id: int, esa_id: int) -> HttpResponse:
    round = get_object_or_404(KpiRound.objects.select_related("campaign"), pk=round_id)
    if esa_id not in reporter_esa_ids(request.user):
        raise Http404("ไม่พบรายงาน")
    unit = get_object_or_404(
        KpiReportingUnit.objects.select_related("esa"), campaign=round.campaign, esa_id=esa_id
    )
    report = services.report_get_or_create(round=round, esa=unit.esa, actor=request.user)
    return redirect("kpi:report", pk=report.pk)


@login_required
@require_http_methods(["GET", "POST"])
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.report_for_user(user=request.user, pk=pk)
    if request.method == "POST":
        if not _can_edit(request.user, report):
            raise PermissionDenied
        form = _form_for(report, request.POST)
        if form.is_valid():
            try:
                services.report_update(
                    report=report,
                    actor=request.user,
                    expected_version=form.cleaned_data["version"],
                    changes=form.answers(),
                )
            except services.KpiError as exc:
                messages.error(request, exc.message)
                return render(request, "kpi/report.html", _report_context(request, report, form))
            messages.success(request, "บันทึกแล้ว")
            return redirect("kpi:report", pk=report.pk)
        messages.error(request, "ยังบันทึกไม่ได้ กรุณาแก้ไขช่องที่มีข้อความสีแดง")
        return render(
            request, "kpi/report.html", _report_context(request, report, form), status=400
        )
    return render(request, "kpi/report.html", _report_context(request, report))


def _render_group(
    request: HttpRequest, report: KpiReport, slot_id: str, error: str = ""
) -> HttpResponse:
    evidence = selectors.report_evidence(report=report)
    group = _group_for_slot(_groups(report, evidence), slot_id)
    if group is None:
        raise Http404
    return render(
        request,
        "kpi/_group.html",
        {
            "group": group,
            "report": report,
            "can_edit": _can_edit(request.user, report),
            "upload_form": EvidenceUploadForm(),
            "link_form": EvidenceLinkForm(),
            "error": error,
            "error_slot": slot_id if error else "",
        },
        status=200,
    )


def _after_evidence(
    request: HttpRequest, report: KpiReport, slot_id: str, error: str = ""
) -> HttpResponse:
    if request.htmx:
        return _render_group(request, report, slot_id, error)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, "บันทึกหลักฐานแล้ว")
    return redirect(reverse("kpi:report", args=[report.pk]) + f"#slot-{slot_id}")


def _editable_report(request: HttpRequest, pk: int) -> KpiReport:
    report = selectors.report_for_user(user=request.user, pk=pk)
    if not _can_edit(request.user, report):
        raise PermissionDenied
    return report


@login_required
@require_POST
def evidence_upload(request: HttpRequest, pk: int, slot_id: str) -> HttpResponse:
    report = _editable_report(request, pk)
    form = EvidenceUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _after_evidence(request, report, slot_id, " ".join(form.errors.get("file", [])))
    try:
        services.evidence_add_file(
            report=report, slot_id=slot_id, upload=form.cleaned_data["file"], actor=request.user
        )
    except services.KpiError as exc:
        return _after_evidence(request, report, slot_id, exc.message)
    return _after_evidence(request, report, slot_id)


@login_required
@require_POST
def evidence_link(request: HttpRequest, pk: int, slot_id: str) -> HttpResponse:
    report = _editable_report(request, pk)
    form = EvidenceLinkForm(request.POST)
    if not form.is_valid():
        errors = [e for errs in form.errors.values() for e in errs]
        return _after_evidence(request, report, slot_id, " ".join(errors))
    try:
        services.evidence_add_link(
            report=report,
            slot_id=slot_id,
            url=form.cleaned_data["url"],
            title=form.cleaned_data["title"],
            actor=request.user,
        )
    except services.KpiError as exc:
        return _after_evidence(request, report, slot_id, exc.message)
    return _after_evidence(request, report, slot_id)


@login_required
@require_POST
def evidence_remove(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = selectors.evidence_for_user(user=request.user, pk=pk)
    report = evidence.report
    if not _can_edit(request.user, report):
        raise PermissionDenied
    slot_id = evidence.slot_id
    try:
        services.evidence_remove(evidence=evidence, actor=request.user)
    except services.KpiError as exc:
        return _after_evidence(request, report, slot_id, exc.message)
    return _after_evidence(request, report, slot_id)


@login_required
@require_GET
def evidence_download(request: HttpRequest, pk: int) -> HttpResponse:
    """Serve a stored file only to those who may see the report, always as a download."""
    evidence = selectors.evidence_for_user(user=request.user, pk=pk)
    if not evidence.file:
        raise Http404("ไม่พบไฟล์")
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.original_name or "evidence",
        content_type=evidence.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def report_submit(request: HttpRequest, pk: int) -> HttpResponse:
    report = _editable_report(request, pk)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    try:
        services.report_submit(report=report, actor=request.user, expected_version=version)
    except services.KpiError as exc:
        messages.error(request, exc.message)
        return redirect("kpi:report", pk=report.pk)
    messages.success(request, "ส่งรายงานแล้ว รอผู้ตรวจพิจารณา")
    return redirect("kpi:report", pk=report.pk)


@login_required
@require_POST
def report_compute(request: HttpRequest, pk: int) -> HttpResponse:
    """htmx: the percentage and differences for the counts as typed (nothing is saved)."""
    report = selectors.report_for_user(user=request.user, pk=pk)
    typed: dict[str, Any] = {}
    for key in COUNT_FIELDS:
        try:
            value = parse_int(request.POST.get(key, ""))
        except ThaiNumberError:
            continue
        if value is not None and value >= 0:
            typed[key] = value
    computed = _computed(report, typed)
    return render(request, "kpi/_computed.html", {"computed": computed, "report": report})


# --- Word / PDF report --------------------------------------------------------------------------


def _report_document(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    report = selectors.report_for_user(user=request.user, pk=pk)
    if report.round.kind != RoundKind.TWELVE_MONTHS:
        raise Http404("รายงาน Word มีเฉพาะรอบ 12 เดือน")
    thai_digits = request.GET.get("digits") == "thai"
    try:
        content = exports.report_document(report, fmt=fmt, thai_digits=thai_digits)
    except (PydanticValidationError, ValueError) as exc:
        messages.error(request, "สร้างรายงาน Word ไม่ได้: " + exports.validation_message(exc))
        return redirect("kpi:report", pk=report.pk)
    except OfficeConversionError as exc:
        messages.error(request, str(exc))
        return redirect("kpi:report", pk=report.pk)
    response = HttpResponse(content, content_type=exports.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = exports.content_disposition(
        exports.report_filename(report, fmt)
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def report_docx(request: HttpRequest, pk: int) -> HttpResponse:
    return _report_document(request, pk, "docx")


@login_required
@require_GET
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return _report_document(request, pk, "pdf")


# --- review -------------------------------------------------------------------------------------


@login_required
@permission_required("pramoen.review_kpi", raise_exception=True)
@require_GET
def review_queue(request: HttpRequest) -> HttpResponse:
    return render(
        request, "kpi/review_queue.html", {"reports": selectors.review_queue(user=request.user)}
    )


def _reviewable(request: HttpRequest, pk: int) -> KpiReport:
    report = selectors.report_for_user(user=request.user, pk=pk)
    if not request.user.has_perm("pramoen.review_kpi_report", report):
        raise PermissionDenied
    return report


def _score_preview(report: KpiReport) -> tuple[Any, str]:
    try:
        return services.report_score_preview(report), ""
    except services.KpiError as exc:
        return None, exc.message


@login_required
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, pk: int) -> HttpResponse:
    report = _reviewable(request, pk)
    if request.method == "POST":
        issue_id = request.POST.get("issue_id", "")
        form = ReviewMarkForm(request.POST)
        error = ""
        if form.is_valid():
            try:
                services.review_mark(
                    report=report,
                    issue_id=issue_id,
                    clear=form.cleaned_data["clear"],
                    comment=form.cleaned_data["comment"],
                    actor=request.user,
                )
            except services.KpiError as exc:
                error = exc.message
        else:
            error = " ".join(e for errs in form.errors.values() for e in errs)
        if request.htmx:
            marks = selectors.report_marks(report=report)
            point = next(
                (p for p in services.review_points(report) if p.id == issue_id),
                None,
            )
            if point is None:
                raise Http404
            preview, preview_error = _score_preview(report)
            return render(
                request,
                "kpi/_mark.html",
                {
                    "report": report,
                    "point": point,
                    "mark": marks.get(issue_id),
                    "error": error,
                    "preview": preview,
                    "preview_error": preview_error,
                    "oob": True,
                },
            )
        if error:
            messages.error(request, error)
        return redirect("kpi:review", pk=report.pk)
    context = _report_context(request, report)
    context["preview"], context["preview_error"] = _score_preview(report)
    context["return_form"] = ReturnForm()
    return render(request, "kpi/review.html", context)


@login_required
@require_POST
def review_return(request: HttpRequest, pk: int) -> HttpResponse:
    report = _reviewable(request, pk)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["reason"]))
        return redirect("kpi:review", pk=report.pk)
    try:
        services.report_return(
            report=report, actor=request.user, reason=form.cleaned_data["reason"]
        )
    except services.KpiError as exc:
        messages.error(request, exc.message)
        return redirect("kpi:review", pk=report.pk)
    messages.success(request, "ส่งกลับให้แก้ไขแล้ว")
    return redirect("kpi:review_queue")


@login_required
@require_POST
def review_approve(request: HttpRequest, pk: int) -> HttpResponse:
    report = _reviewable(request, pk)
    try:
        report = services.report_approve(report=report, actor=request.user)
    except services.KpiError as exc:
        messages.error(request, exc.message)
        return redirect("kpi:review", pk=report.pk)
    messages.success(request, f"อนุมัติแล้ว ได้ {report.score:.0f} คะแนน")
    return redirect("kpi:report", pk=report.pk)


# --- dashboard ----------------------------------------------------------------------------------


def _dashboard_round(request: HttpRequest) -> KpiRound | None:
    campaign = selectors.current_campaign()
    year = request.GET.get("year")
    kind = request.GET.get("round") or RoundKind.SIX_MONTHS
    if kind not in RoundKind.values:
        kind = RoundKind.SIX_MONTHS
    if year and year.isdigit():
        return selectors.round_by_kind(fiscal_year=int(year), kind=kind)
    if campaign is None:
        return None
    return selectors.round_by_kind(fiscal_year=campaign.fiscal_year, kind=kind)


def _esa_level(request: HttpRequest) -> str:
    level = request.GET.get("level", "")
    return level if level in EsaLevel.values else ""


@login_required
@permission_required("pramoen.view_kpi_dashboard", raise_exception=True)
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    round = _dashboard_round(request)
    level = _esa_level(request)
    board = selectors.dashboard(round=round, esa_level=level, user=request.user) if round else None
    return render(
        request,
        "kpi/dashboard.html",
        {
            "board": board,
            "round": round,
            "campaigns": selectors.campaign_list(),
            "chart": exports.distribution_chart(board) if board else None,
            "statuses": ReportStatus,
            "level": level,
            "levels": EsaLevel.choices,
        },
    )


@login_required
@permission_required("pramoen.view_kpi_dashboard", raise_exception=True)
@require_GET
def dashboard_xlsx(request: HttpRequest) -> HttpResponse:
    round = _dashboard_round(request)
    if round is None:
        raise Http404
    content = exports.dashboard_xlsx(
        selectors.dashboard(round=round, esa_level=_esa_level(request), user=request.user)
    )
    response = HttpResponse(content, content_type=exports.CONTENT_TYPES["xlsx"])
    response["Content-Disposition"] = exports.content_disposition(
        f"kpi-{round.campaign.fiscal_year}-{round.kind}.xlsx"
    )
    return response
