"""The reviewer's pages: the queue, marks per issue with the score preview, return, approval."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

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


# The marks form carries this hidden field; the approve/return buttons post that same form, so a
# decision also saves what was typed. A POST without it (an old page, a script) decides only.
MARKS_POSTED = "marks-posted"


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
        "return_form": ReturnForm(),
        "marks_posted": MARKS_POSTED,
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
    }
    return render(request, "kpi/review.html", context)


def _decide(request: AuthenticatedRequest, pk: int, *, approve: bool) -> HttpResponse:
    report = _reviewable(request, pk)
    form = _marks_form(report, request.POST) if request.POST.get(MARKS_POSTED) else None
    marks = None
    if form is not None:
        form.is_valid()
        marks = form.valid_marks()
    return_form = ReturnForm(None if approve else request.POST)
    problem = ""
    try:
        if form is not None and form.errors:
            # Keep the valid issues; decide nothing until the wrong field is fixed.
            services.review_marks_save(report=report, marks=marks or {}, actor=request.user)
            verb = "อนุมัติ" if approve else "ส่งกลับ"
            problem = f"บันทึกประเด็นที่ถูกต้องแล้ว แต่ยังไม่ได้{verb} กรุณาแก้ไขช่องที่มีข้อความสีแดงก่อน"
        elif not approve and not return_form.is_valid():
            services.review_marks_save(report=report, marks=marks or {}, actor=request.user)
            problem = " ".join(str(e) for e in return_form.errors["reason"])
        else:
            reason = return_form.cleaned_data["reason"] if not approve else ""
            report = services.report_decide(
                report=report, marks=marks, actor=request.user, approve=approve, reason=reason
            )
    except services.KpiError as exc:
        problem = exc.message
    if problem:
        report.refresh_from_db()
        shown = form if form is not None else _marks_form(report)
        extra = {"marks_error": problem, "return_form": return_form}
        if request.htmx:
            context = _marks_context(report, shown, **extra)
            return render(request, "kpi/_marks_form.html", context, status=400)
        context = {**report_context(request, report), **_marks_context(report, shown, **extra)}
        return render(request, "kpi/review.html", context, status=400)
    if approve:
        messages.success(request, f"อนุมัติแล้ว ได้ {report.score:.0f} คะแนน")
        target = reverse("kpi:report", args=[report.pk])
    else:
        messages.success(request, "ส่งกลับให้แก้ไขแล้ว")
        target = reverse("kpi:review_queue")
    return HttpResponseClientRedirect(target) if request.htmx else redirect(target)


@login_required
@require_POST
def review_return(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, approve=False)


@login_required
@require_POST
def review_approve(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, approve=True)
