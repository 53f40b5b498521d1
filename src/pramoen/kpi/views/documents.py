"""The 12-month report as Word and PDF."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST
from pydantic import ValidationError as PydanticValidationError

from pramoen.core.generated import document_queue
from pramoen.core.types import AuthenticatedRequest
from pramoen.documents.office import OfficeConversionError
from pramoen.kpi import exports, selectors
from pramoen.kpi.enums import RoundKind


def _thai_digits(asked: str | None, report) -> bool:
    """An explicit ``digits=thai|arabic`` choice, else the ESA's own digits setting (issue 20:
    one setting for every page and document of the ESA)."""
    if asked in ("thai", "arabic"):
        return asked == "thai"
    return report.esa.thai_digits is True


def _report_document(request: AuthenticatedRequest, pk: int, fmt: str) -> HttpResponse:
    report = selectors.report_for_user(user=request.user, pk=pk)
    if report.round.kind != RoundKind.TWELVE_MONTHS:
        raise Http404("รายงาน Word มีเฉพาะรอบ 12 เดือน")
    thai_digits = _thai_digits(request.GET.get("digits"), report)
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
def report_docx(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _report_document(request, pk, "docx")


@login_required
@require_POST
def report_pdf(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The PDF goes through LibreOffice (seconds): a worker builds it; its page polls."""
    report = selectors.report_for_user(user=request.user, pk=pk)
    if report.round.kind != RoundKind.TWELVE_MONTHS:
        raise Http404("รายงาน Word มีเฉพาะรอบ 12 เดือน")
    thai_digits = _thai_digits(request.POST.get("digits"), report)
    job = document_queue(
        build="pramoen.kpi.exports.report_pdf_build",
        args={"report": report.pk, "thai_digits": thai_digits},
        title=f"รายงานตัวชี้วัด (PDF) {report.esa.name_th}",
        filename=exports.report_filename(report, "pdf"),
        content_type=exports.CONTENT_TYPES["pdf"],
        back_url=reverse("kpi:report", args=[report.pk]),
        actor=request.user,
    )
    return redirect("core:document", pk=job.pk)
