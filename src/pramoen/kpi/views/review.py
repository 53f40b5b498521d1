"""The reviewer's pages: the queue, marks per issue with the score preview, return, approval."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pramoen.core.paging import page_of
from pramoen.core.types import AuthenticatedRequest
from pramoen.kpi import selectors, services
from pramoen.kpi.forms import (
    ReturnForm,
    ReviewMarkForm,
)
from pramoen.kpi.models import KpiReport
from pramoen.kpi.views.report_page import report_context


@login_required
@permission_required("pramoen.review_kpi", raise_exception=True)
@require_GET
def review_queue(request: AuthenticatedRequest) -> HttpResponse:
    page, query = page_of(request, selectors.review_queue(user=request.user))
    context = {"reports": page.object_list, "page": page, "query": query}
    return render(request, "kpi/review_queue.html", context)


def _reviewable(request: AuthenticatedRequest, pk: int) -> KpiReport:
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
def review(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    if request.method == "GET":
        # Decided (or returned) reports: whoever took part reads them on the report page, with
        # the marks and the approval chain — not a 403 (issue 20).
        seen = selectors.report_for_user(user=request.user, pk=pk)
        if not request.user.has_perm("pramoen.review_kpi_report", seen):
            return redirect("kpi:report", pk=seen.pk)
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
            error = " ".join(str(e) for errs in form.errors.values() for e in errs)
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
    context = report_context(request, report)
    context["preview"], context["preview_error"] = _score_preview(report)
    context["return_form"] = ReturnForm()
    return render(request, "kpi/review.html", context)


@login_required
@require_POST
def review_return(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    report = _reviewable(request, pk)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for e in form.errors["reason"]))
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
def review_approve(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    report = _reviewable(request, pk)
    try:
        report = services.report_approve(report=report, actor=request.user)
    except services.KpiError as exc:
        messages.error(request, exc.message)
        return redirect("kpi:review", pk=report.pk)
    messages.success(request, f"อนุมัติแล้ว ได้ {report.score:.0f} คะแนน")
    return redirect("kpi:report", pk=report.pk)
