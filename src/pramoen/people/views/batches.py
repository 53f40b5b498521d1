"""Accounts from the registry in one go (a job), and the officer's list of one-time links."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from pramoen.core.decorators import permission_required
from pramoen.core.paging import page_of
from pramoen.core.types import AuthenticatedRequest
from pramoen.documents.spreadsheets import safe_cell
from pramoen.people import selectors
from pramoen.people.forms import BatchForm
from pramoen.people.services.batches import batch_queue
from pramoen.people.tokens import invite_path
from pramoen.people.views.accounts import PERM, site_of


@permission_required(PERM)
def batch_list(request: AuthenticatedRequest) -> HttpResponse:
    esas = list(selectors.esas_in_scope(actor=request.user)[:200])
    form = BatchForm(request.POST or None, esas=selectors.esas_in_scope(actor=request.user))
    if len(esas) == 1:
        form.fields["esa"].initial = esas[0].pk
    if request.method == "POST":
        if form.is_valid():
            batch = batch_queue(
                actor=request.user, esa=form.cleaned_data["esa"], kind=form.cleaned_data["kind"]
            )
            messages.success(request, "เริ่มสร้างบัญชีแล้ว ระบบทำงานเบื้องหลัง หน้านี้จะแสดงผลเมื่อเสร็จ")
            return redirect("people:batch_detail", pk=batch.pk)
        messages.error(request, "ยังไม่ได้เริ่มสร้างบัญชี กรุณาแก้ไขช่องที่มีข้อความสีแดง")
    page, query = page_of(request, selectors.batch_list(actor=request.user))
    return render(
        request,
        "people/batch_list.html",
        {"form": form, "page": page, "query": query, "batches": page.object_list},
    )


def _batch(request: AuthenticatedRequest, pk: int):
    return get_object_or_404(selectors.batch_list(actor=request.user), pk=pk)


@require_GET
@permission_required(PERM)
def batch_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    page, query = page_of(request, selectors.batch_accounts(batch=batch))
    return render(
        request,
        "people/batch_detail.html",
        {"batch": batch, "page": page, "query": query, "accounts": page.object_list},
    )


@never_cache
@require_GET
@permission_required(PERM)
def batch_links(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A CSV (Excel opens it, UTF-8 with BOM) of each waiting account's one-time link. The links
    are made now, never stored; one that is used or expired is simply not valid."""
    batch = _batch(request, pk)
    site = site_of(request)
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(["ชื่อผู้ใช้", "ชื่อ", "หน่วยงาน", "ลิงก์ตั้งรหัสผ่าน (ใช้ได้ครั้งเดียว)"])
    for user in selectors.batch_accounts(batch=batch).iterator(chunk_size=500):
        memberships = getattr(user, "all_memberships", [])  # prefetched by the selector
        places = ", ".join(str(m.organization or "") for m in memberships)
        writer.writerow(
            [
                safe_cell(user.username),
                safe_cell(user.display_name),
                safe_cell(places),
                f"{site}{invite_path(user)}",
            ]
        )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="account-links-{batch.pk}.csv"'
    return response
