"""The reporter's pages: the ESA's rounds, one report (form, evidence per slot, submission)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pramoen.core.files import stored_file_response
from pramoen.core.types import AuthenticatedRequest
from pramoen.kpi import selectors, services
from pramoen.kpi.forms import (
    COUNT_FIELDS,
    EvidenceLinkForm,
    EvidenceUploadForm,
)
from pramoen.kpi.models import KpiReport, KpiReportingUnit, KpiRound
from pramoen.kpi.rules import reporter_esa_ids
from pramoen.kpi.views.report_page import (
    form_for,
    group_for_slot,
    report_context,
    slot_groups,
    user_can_edit,
)
from pramoen.thai import ThaiNumberError, parse_int


@login_required
@require_GET
def index(request: AuthenticatedRequest) -> HttpResponse:
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
def report_open(request: AuthenticatedRequest, round_id: int, esa_id: int) -> HttpResponse:
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
def report_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    report = selectors.report_for_user(user=request.user, pk=pk)
    if request.method == "POST":
        if not user_can_edit(request.user, report):
            raise PermissionDenied
        form = form_for(report, request.POST)
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
                return render(request, "kpi/report.html", report_context(request, report, form))
            messages.success(request, "บันทึกแล้ว")
            return redirect("kpi:report", pk=report.pk)
        messages.error(request, "ยังบันทึกไม่ได้ กรุณาแก้ไขช่องที่มีข้อความสีแดง")
        return render(request, "kpi/report.html", report_context(request, report, form), status=400)
    return render(request, "kpi/report.html", report_context(request, report))


def _render_group(
    request: AuthenticatedRequest, report: KpiReport, slot_id: str, error: str = ""
) -> HttpResponse:
    evidence = selectors.report_evidence(report=report)
    group = group_for_slot(slot_groups(report, evidence), slot_id)
    if group is None:
        raise Http404
    return render(
        request,
        "kpi/_group.html",
        {
            "group": group,
            "report": report,
            "can_edit": user_can_edit(request.user, report),
            "upload_form": EvidenceUploadForm(),
            "link_form": EvidenceLinkForm(),
            "error": error,
            "error_slot": slot_id if error else "",
        },
        status=200,
    )


def _after_evidence(
    request: AuthenticatedRequest, report: KpiReport, slot_id: str, error: str = ""
) -> HttpResponse:
    if request.htmx:
        return _render_group(request, report, slot_id, error)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, "บันทึกหลักฐานแล้ว")
    return redirect(reverse("kpi:report", args=[report.pk]) + f"#slot-{slot_id}")


def _editable_report(request: AuthenticatedRequest, pk: int) -> KpiReport:
    report = selectors.report_for_user(user=request.user, pk=pk)
    if not user_can_edit(request.user, report):
        raise PermissionDenied
    return report


@login_required
@require_POST
def evidence_upload(request: AuthenticatedRequest, pk: int, slot_id: str) -> HttpResponse:
    report = _editable_report(request, pk)
    form = EvidenceUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _after_evidence(
            request, report, slot_id, " ".join(str(e) for e in form.errors.get("file", []))
        )
    try:
        services.evidence_add_file(
            report=report, slot_id=slot_id, upload=form.cleaned_data["file"], actor=request.user
        )
    except services.KpiError as exc:
        return _after_evidence(request, report, slot_id, exc.message)
    return _after_evidence(request, report, slot_id)


@login_required
@require_POST
def evidence_link(request: AuthenticatedRequest, pk: int, slot_id: str) -> HttpResponse:
    report = _editable_report(request, pk)
    form = EvidenceLinkForm(request.POST)
    if not form.is_valid():
        errors = [str(e) for errs in form.errors.values() for e in errs]
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
def evidence_remove(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    evidence = selectors.evidence_for_user(user=request.user, pk=pk)
    report = evidence.report
    if not user_can_edit(request.user, report):
        raise PermissionDenied
    slot_id = evidence.slot_id
    try:
        services.evidence_remove(evidence=evidence, actor=request.user)
    except services.KpiError as exc:
        return _after_evidence(request, report, slot_id, exc.message)
    return _after_evidence(request, report, slot_id)


@login_required
@require_GET
def evidence_download(request: AuthenticatedRequest, pk: int) -> HttpResponseBase:
    """Serve a stored file only to those who may see the report, always as a download."""
    evidence = selectors.evidence_for_user(user=request.user, pk=pk)
    if not evidence.file:
        raise Http404("ไม่พบไฟล์")
    response = stored_file_response(
        evidence.file.name,
        filename=evidence.original_name or "evidence",
        content_type=evidence.content_type or "application/octet-stream",
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
@require_POST
def report_submit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
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
def report_compute(request: AuthenticatedRequest, pk: int) -> HttpResponse:
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
    computed = selectors.report_computed(report, typed)
    return render(request, "kpi/_computed.html", {"computed": computed, "report": report})
