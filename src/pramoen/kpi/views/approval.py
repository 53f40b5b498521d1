"""The approval chain's actions above the first review: OBEC accepts, each level undoes its own
decision with a reason (services in ``kpi/services/approval.py``), and OBEC's acceptance queue.

Every action is a POST that calls one service; a refusal is a Thai message on the report page.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from pramoen.core.paging import page_of
from pramoen.core.types import AuthenticatedRequest
from pramoen.kpi import selectors, services
from pramoen.kpi.models import KpiReport
from pramoen.kpi.services.approval import REASON_NEEDED


class UndoForm(forms.Form):
    reason = forms.CharField(
        label="เหตุผลที่ยกเลิก",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": REASON_NEEDED},
    )


def approval_actions(user, report: KpiReport) -> dict[str, bool]:
    """What the action bar offers this user on this report (``kpi/_approval_bar.html``)."""
    return {
        "can_accept": user.has_perm("pramoen.accept_kpi_report", report),
        "can_unapprove": user.has_perm("pramoen.unapprove_kpi_report", report),
        "can_unaccept": user.has_perm("pramoen.unaccept_kpi_report", report),
    }


def _act(
    request: AuthenticatedRequest,
    pk: int,
    perm: str,
    action: Callable[[KpiReport], KpiReport],
    done: str,
) -> HttpResponse:
    report = selectors.report_for_user(user=request.user, pk=pk)
    if not request.user.has_perm(perm, report):
        raise PermissionDenied
    try:
        action(report)
    except services.KpiError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect("kpi:report", pk=report.pk)


def _reason(request: AuthenticatedRequest) -> str | None:
    form = UndoForm(request.POST)
    if form.is_valid():
        return form.cleaned_data["reason"]
    messages.error(request, " ".join(str(e) for e in form.errors["reason"]))
    return None


@login_required
@require_POST
def report_accept(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        "pramoen.accept_kpi_report",
        lambda report: services.report_accept(report=report, actor=request.user),
        "สพฐ. รับรองรายงานแล้ว",
    )


@login_required
@require_POST
def report_unapprove(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    reason = _reason(request)
    if reason is None:
        return redirect("kpi:report", pk=pk)
    return _act(
        request,
        pk,
        "pramoen.unapprove_kpi_report",
        lambda report: services.report_unapprove(report=report, actor=request.user, reason=reason),
        "ยกเลิกการอนุมัติแล้ว รายงานกลับไปรอตรวจ",
    )


@login_required
@require_POST
def report_unaccept(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    reason = _reason(request)
    if reason is None:
        return redirect("kpi:report", pk=pk)
    return _act(
        request,
        pk,
        "pramoen.unaccept_kpi_report",
        lambda report: services.report_unaccept(report=report, actor=request.user, reason=reason),
        "ยกเลิกการรับรองแล้ว",
    )


@login_required
@require_GET
def acceptance_queue(request: AuthenticatedRequest) -> HttpResponse:
    """Reports the regions approved, waiting for OBEC (national reviewers only)."""
    if not request.user.has_perm("pramoen.accept_kpi"):
        raise PermissionDenied
    page, query = page_of(request, selectors.acceptance_queue())
    context = {"reports": page.object_list, "page": page, "query": query}
    return render(request, "kpi/acceptance_queue.html", context)
