"""The reviewer's pages: the queue, marks per issue with the score preview, return, approval."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pramoen.core.paging import page_of
from pramoen.core.types import AuthenticatedRequest
from pramoen.kpi import selectors, services
from pramoen.kpi.enums import RoundKind
from pramoen.kpi.forms import ReturnForm
from pramoen.kpi.forms_review import ReviewMarksForm
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


def _marks_form(report: KpiReport, data: Any = None) -> ReviewMarksForm:
    return ReviewMarksForm(
        data, points=services.review_points(report), marks=selectors.report_marks(report=report)
    )


def _marks_context(report: KpiReport, form: ReviewMarksForm, **extra: Any) -> dict[str, Any]:
    preview, preview_error = _score_preview(report)
    return {
        "report": report,
        "marks_form": form,
        "preview": preview,
        "preview_error": preview_error,
        "is_twelve": report.round.kind == RoundKind.TWELVE_MONTHS,
        **extra,
    }


@login_required
@require_http_methods(["GET", "POST"])
def review(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The review page; its one marks form posts every consideration issue at once (issue 20)."""
    if request.method == "GET":
        # Decided (or returned) reports: whoever took part reads them on the report page, with
        # the marks and the approval chain — not a 403 (issue 20).
        seen = selectors.report_for_user(user=request.user, pk=pk)
        if not request.user.has_perm("pramoen.review_kpi_report", seen):
            return redirect("kpi:report", pk=seen.pk)
    report = _reviewable(request, pk)
    if request.method == "POST":
        form = _marks_form(report, request.POST)
        form.is_valid()
        error = ""
        try:
            services.review_marks_save(report=report, marks=form.valid_marks(), actor=request.user)
        except services.KpiError as exc:
            error = exc.message
        if form.errors or error:
            # Re-shown as typed: the valid issues are saved, the wrong field says why in Thai.
            status = 400
            if request.htmx:
                context = _marks_context(report, form, marks_error=error)
                return render(request, "kpi/_marks_form.html", context, status=status)
            context = {
                **report_context(request, report),
                **_marks_context(report, form, marks_error=error),
                "return_form": ReturnForm(),
            }
            return render(request, "kpi/review.html", context, status=status)
        if request.htmx:
            context = _marks_context(report, _marks_form(report), saved=True)
            return render(request, "kpi/_marks_form.html", context)
        messages.success(request, "บันทึกผลการพิจารณาทุกประเด็นแล้ว")
        return redirect("kpi:review", pk=report.pk)
    context = {
        **report_context(request, report),
        **_marks_context(report, _marks_form(report)),
        "return_form": ReturnForm(),
    }
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
