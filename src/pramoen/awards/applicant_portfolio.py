"""The applicant's portfolio upload: queued for the format check (``PORTFOLIO_CHECK``), the
report shown on the entry page; and the download of the kept file."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from pramoen.awards.models import Entry
from pramoen.awards.selectors import entries_for_applicant
from pramoen.awards.services import entry_portfolio_queue
from pramoen.core.decorators import permission_required
from pramoen.core.types import AuthenticatedRequest

applicant_required = permission_required("pramoen.apply")


def _entry(request: AuthenticatedRequest, pk: int) -> Entry:
    return get_object_or_404(entries_for_applicant(user=request.user), pk=pk)


class PortfolioForm(forms.Form):
    file = forms.FileField(label="แฟ้มผลงาน (PDF)", help_text="ไฟล์ PDF เดียว ขนาดไม่เกิน 50 MB")


@require_POST
@applicant_required
def entry_portfolio(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    entry = _entry(request, pk)
    form = PortfolioForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "กรุณาเลือกไฟล์ PDF ของแฟ้มผลงาน")
        return _after_upload(request, entry)
    try:
        job = entry_portfolio_queue(
            entry=entry, actor=request.user, upload=form.cleaned_data["file"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _after_upload(request, entry)
    job.refresh_from_db()
    report = job.result
    if report is None:  # still queued or being checked: the page polls it
        if job.active:
            messages.info(request, "อัปโหลดแล้ว ระบบกำลังตรวจรูปแบบแฟ้มผลงาน ผลจะแสดงในหน้านี้เมื่อตรวจเสร็จ")
    elif report.get("ok") is True:
        messages.success(request, f"แฟ้มผลงานผ่านการตรวจรูปแบบ ({report.get('pages')} หน้า)")
    elif report.get("ok") is None:
        messages.warning(request, "ระบบตรวจรูปแบบแฟ้มผลงานบางส่วนไม่ได้ คณะกรรมการจะตรวจเอง")
    else:
        messages.error(request, "แฟ้มผลงานไม่ผ่านการตรวจรูปแบบ ดูรายละเอียดด้านล่าง แก้ไขแล้วอัปโหลดใหม่")
    return _after_upload(request, entry)


def _after_upload(request: AuthenticatedRequest, entry: Entry) -> HttpResponse:
    """Back to the entry page; the progress script (upload-progress.js) is told where instead,
    because a redirect followed inside its request would use up the messages and the report."""
    url = reverse("awards:entry_detail", args=[entry.pk])
    if request.headers.get("X-Upload-Progress") == "1":
        return JsonResponse({"location": url})
    return redirect(url)


@require_GET
@applicant_required
def entry_portfolio_download(request: AuthenticatedRequest, pk: int) -> HttpResponseBase:
    from pramoen.awards.views import portfolio_response

    return portfolio_response(_entry(request, pk))
