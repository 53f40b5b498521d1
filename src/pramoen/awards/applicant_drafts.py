"""Applicant pages around the entry form (issue 20): delete a draft, move it to another group,
withdraw (a page that says what it means before anything happens), and the receipt of a
submission with its printable PDF."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pramoen.awards.enums import EntryStatus
from pramoen.awards.models import Entry
from pramoen.awards.receipts import receipt_th
from pramoen.awards.selectors import entries_for_applicant
from pramoen.awards.services import (
    entry_change_category,
    entry_delete,
    entry_may_withdraw,
    entry_withdraw,
)
from pramoen.core.decorators import permission_required
from pramoen.core.types import AuthenticatedRequest
from pramoen.documents.receipt import Receipt, render_receipt_pdf
from pramoen.thai import format_thai_datetime

applicant_required = permission_required("pramoen.apply")


def _entry(request: AuthenticatedRequest, pk: int) -> Entry:
    return get_object_or_404(entries_for_applicant(user=request.user), pk=pk)


def _confirm_page(
    request: AuthenticatedRequest, entry: Entry, *, kind: str, consequences: list[str]
) -> HttpResponse:
    return render(
        request,
        "awards/entry_action_confirm.html",
        {"entry": entry, "kind": kind, "consequences": consequences},
    )


@require_http_methods(["GET", "POST"])
@applicant_required
def entry_delete_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    entry = _entry(request, pk)
    if entry.status != EntryStatus.DRAFT:
        messages.error(request, "ลบได้เฉพาะใบสมัครฉบับร่าง ผลงานที่ส่งแล้วใช้การถอนผลงาน")
        return redirect("awards:entry_detail", pk=entry.pk)
    if request.method == "GET":
        return _confirm_page(
            request,
            entry,
            kind="delete",
            consequences=[
                "ใบสมัครฉบับร่างนี้และข้อมูลที่กรอกไว้จะหายไปจากรายการของท่าน กู้คืนเองไม่ได้",
                "ท่านเริ่มใบสมัครใหม่ในด้านเดียวกันได้ทันที",
            ],
        )
    try:
        entry_delete(entry=entry, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("awards:entry_detail", pk=entry.pk)
    messages.success(request, f"ลบใบสมัครฉบับร่างของ {entry.nominee_name or entry.school.name_th} แล้ว")
    return redirect("awards:entry_list")


@require_http_methods(["GET", "POST"])
@applicant_required
def entry_withdraw_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    entry = _entry(request, pk)
    if not entry_may_withdraw(entry, timezone.now()):
        messages.error(request, "ถอนผลงานนี้ไม่ได้แล้ว")
        return redirect("awards:entry_detail", pk=entry.pk)
    if request.method == "GET":
        consequences = [
            "ผลงานจะไม่เข้ารับการตรวจคุณสมบัติและการตัดสิน และแก้ไขหรือส่งใหม่ไม่ได้อีก",
            "ผลงานที่ถอนแล้วจะแสดงแยกไว้ในหัวข้อ “ถอนแล้ว” ของรายการใบสมัคร",
        ]
        if entry.status == EntryStatus.DRAFT:
            consequences.append("หากเพียงเลือกกลุ่มผิด ให้เปลี่ยนกลุ่มหรือลบฉบับร่างแทนการถอน")
        return _confirm_page(request, entry, kind="withdraw", consequences=consequences)
    reason = request.POST.get("reason", "").strip()[:500]
    try:
        entry_withdraw(entry=entry, actor=request.user, reason=reason)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "ถอนผลงานแล้ว")
    return redirect("awards:entry_detail", pk=entry.pk)


@require_POST
@applicant_required
def entry_change_category_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    from pramoen.awards.applicant_views import start_form_for

    entry = _entry(request, pk)
    form, picker = start_form_for(request)
    raw = str(request.POST.get("category", ""))
    # only the groups the picker offers this account (a tampered id finds nothing)
    offered = cast(forms.ModelChoiceField, form.fields["category"]).queryset
    chosen = offered.filter(pk=int(raw)).first() if raw.isdigit() and offered is not None else None
    if chosen is None:
        messages.error(request, "กรุณาเลือกกลุ่มที่จะย้ายไปจากรายการ")
        return redirect("awards:entry_detail", pk=entry.pk)
    try:
        entry_change_category(
            entry=entry, category=chosen, actor=request.user, allowed_ids=picker.allowed_ids
        )
    except ValidationError as exc:
        messages.error(request, "เปลี่ยนกลุ่มไม่ได้: " + " ".join(exc.messages))
    else:
        messages.success(
            request, f"ย้ายใบสมัครไปกลุ่ม {chosen.label_th} แล้ว ข้อมูลที่กรอกไว้ซึ่งตรงกันยกมาให้แล้ว"
        )
    return redirect("awards:entry_detail", pk=entry.pk)


def _receipt(entry: Entry) -> Receipt:
    if not entry.receipt_number or entry.submitted_at is None:
        raise Http404
    rows: list[tuple[str, str]] = [
        ("การประกวด", entry.campaign.title_th),
        ("กลุ่มที่สมัคร", entry.category.label_th),
        ("ผู้ส่งผลงาน", entry.nominee_name or entry.school.name_th),
        ("สถานศึกษา", entry.school.name_th),
        ("สำนักงานเขตพื้นที่การศึกษา", entry.campaign.esa.name_th),
        ("ส่งผลงานเมื่อ", format_thai_datetime(entry.submitted_at, "long", time_sep=".")),
        ("สถานะ", str(entry.get_status_display())),
    ]
    deadline = format_thai_datetime(entry.campaign.deadline, "long", time_sep=".")
    return Receipt(
        title=f"ใบรับผลงาน {entry.campaign.name}",
        number_label="เลขที่รับผลงาน",
        number=receipt_th(entry.receipt_number),
        rows=tuple(rows),
        note=f"แก้ไขผลงานได้จนถึง {deadline} โปรดอ้างเลขที่รับผลงานเมื่อติดต่อสำนักงานเขตพื้นที่การศึกษา",
    )


@require_GET
@applicant_required
def entry_receipt(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    entry = _entry(request, pk)
    context: dict[str, Any] = {"entry": entry, "receipt": _receipt(entry)}
    return render(request, "awards/entry_receipt.html", context)


@require_GET
@applicant_required
def entry_receipt_pdf(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    entry = _entry(request, pk)
    response = HttpResponse(render_receipt_pdf(_receipt(entry)), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="receipt-{entry.campaign.year_be}-{entry.receipt_seq:06d}.pdf"'
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
