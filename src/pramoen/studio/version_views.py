"""Try it, versions (publish, diff, sharing), and YAML export/import."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pramoen.core.paging import page_of
from pramoen.core.types import AuthenticatedRequest
from pramoen.instruments import Instrument, lint
from pramoen.instruments.diff import diff_instruments
from pramoen.instruments.versions import document_instrument
from pramoen.studio import drafts
from pramoen.studio.editor_views import lint_context
from pramoen.studio.exchange import export_yaml
from pramoen.studio.models import StudioVersion
from pramoen.studio.preview import judge_view, try_score
from pramoen.studio.selectors import studio_versions
from pramoen.studio.services import (
    StudioRefused,
    studio_draft_import,
    studio_publish,
    studio_sharing_set,
)
from pramoen.studio.views import editable_instrument, studio_required, visible_instrument
from pramoen.thai import to_thai_digits

MAX_IMPORT_BYTES = 2_000_000


def version_instrument(version: StudioVersion) -> Instrument:
    return document_instrument(
        version.document, expected_hash=version.version_hash, where=version.instrument.instrument_id
    )


@require_http_methods(["GET", "POST"])
@studio_required
def studio_try(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """GET: the applicant's form and the judge's view. POST: score the sample answers (a read:
    nothing is stored)."""
    row, editable = visible_instrument(request, pk)
    instrument = drafts.validate(row.draft)
    if request.method == "POST":
        trial = try_score(instrument, request.POST)
        return render(
            request, "studio/_trial.html", {"row": row, "trial": trial, "instrument": instrument}
        )
    return render(
        request,
        "studio/try.html",
        {
            "row": row,
            "editable": editable,
            "instrument": instrument,
            "judge": judge_view(instrument),
            "trial": None,
        },
    )


@require_GET
@studio_required
def studio_versions_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    row, editable = visible_instrument(request, pk)
    versions = studio_versions(instrument=row)
    page, query = page_of(request, versions, size=20)
    draft = drafts.validate(row.draft)
    latest = versions.first()
    changes_from_latest = diff_instruments(version_instrument(latest), draft) if latest else []
    compare = None
    a, b = request.GET.get("a", ""), request.GET.get("b", "")
    if a.isdigit() and b.isdigit():
        old = get_object_or_404(row.versions, number=int(a))
        new = get_object_or_404(row.versions, number=int(b))
        compare = {
            "old": old,
            "new": new,
            "changes": diff_instruments(version_instrument(old), version_instrument(new)),
        }
    return render(
        request,
        "studio/versions.html",
        {
            "row": row,
            "editable": editable,
            "page": page,
            "query": query,
            "latest": latest,
            "draft_changes": changes_from_latest,
            "compare": compare,
            **lint_context(row, lint(draft)),
        },
    )


@require_POST
@studio_required
def studio_publish_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    row = editable_instrument(request, pk)
    try:
        version = studio_publish(
            instrument=row, actor=request.user, note_th=request.POST.get("note_th", "")
        )
    except StudioRefused as exc:
        for message in exc.messages[:20]:
            messages.error(request, message)
    else:
        messages.success(
            request, f"เผยแพร่ฉบับที่ {to_thai_digits(str(version.number))} แล้ว ฉบับนี้แก้ไขไม่ได้อีก"
        )
    return redirect("studio:versions", pk=row.pk)


@require_POST
@studio_required
def studio_share_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    row = editable_instrument(request, pk)
    shared = request.POST.get("shared") == "1"
    studio_sharing_set(instrument=row, actor=request.user, shared=shared)
    messages.success(request, "เปิดให้เขตพื้นที่อื่นเห็นและใช้แล้ว" if shared else "ปิดการแบ่งปันกับเขตพื้นที่อื่นแล้ว")
    return redirect("studio:versions", pk=row.pk)


@require_POST
@studio_required
def studio_import_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    row = editable_instrument(request, pk)
    upload = request.FILES.get("file")
    if upload is not None:
        if upload.size and upload.size > MAX_IMPORT_BYTES:
            messages.error(request, "ไฟล์มีขนาดใหญ่เกินกำหนด")
            return redirect("studio:versions", pk=row.pk)
        try:
            text = upload.read(MAX_IMPORT_BYTES + 1).decode("utf-8")
        except UnicodeDecodeError:
            messages.error(request, "อ่านไฟล์ไม่ได้ ไฟล์ต้องเป็นข้อความ UTF-8")
            return redirect("studio:versions", pk=row.pk)
    else:
        text = request.POST.get("text", "")
    if not text.strip():
        messages.error(request, "กรุณาเลือกไฟล์หรือวางเนื้อหา YAML ที่จะนำเข้า")
        return redirect("studio:versions", pk=row.pk)
    try:
        studio_draft_import(instrument=row, actor=request.user, text=text[:MAX_IMPORT_BYTES])
    except StudioRefused as exc:
        for message in exc.messages[:20]:
            messages.error(request, f"ยังไม่ได้นำเข้า: {message}")
        return redirect("studio:versions", pk=row.pk)
    messages.success(request, "นำเข้าไฟล์เป็นฉบับร่างแล้ว")
    return redirect("studio:edit", pk=row.pk)


def _yaml_response(text: str, name: str) -> HttpResponse:
    response = HttpResponse(text, content_type="application/yaml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.yaml"'
    return response


@require_GET
@studio_required
def studio_export_draft(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    row, _editable = visible_instrument(request, pk)
    return _yaml_response(export_yaml(drafts.validate(row.draft)), f"{row.instrument_id}-draft")


@require_GET
@studio_required
def studio_export_version(request: AuthenticatedRequest, pk: int, number: int) -> HttpResponse:
    row, _editable = visible_instrument(request, pk)
    version = get_object_or_404(row.versions, number=number)
    return _yaml_response(
        export_yaml(version_instrument(version)), f"{row.instrument_id}-v{number}"
    )
