"""The page of a generated document (``core.generated``): polled while a worker builds it, then
the download. Only the person who asked for the file sees it (others get a 404)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from pramoen.core.enums import JobStatus
from pramoen.core.generated import DOCUMENT
from pramoen.core.models import Job
from pramoen.core.types import AuthenticatedRequest


def _own_document(request: AuthenticatedRequest, pk: int) -> Job:
    return get_object_or_404(Job, pk=pk, kind=DOCUMENT.path, created_by=request.user)


@require_GET
@login_required
def document_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    job = _own_document(request, pk)
    template = "core/_document.html" if request.htmx else "core/document.html"
    response = render(request, template, {"job": job})
    if request.htmx and not job.active:
        response["HX-Refresh"] = "true"
    return response


@require_GET
@login_required
def document_file(request: AuthenticatedRequest, pk: int) -> HttpResponseBase:
    job = _own_document(request, pk)
    if job.status != JobStatus.DONE or not job.result:
        raise Http404("ไฟล์ยังไม่พร้อม")
    response = FileResponse(
        default_storage.open(job.result["file"], "rb"),
        content_type=job.params["content_type"],
        as_attachment=True,
        filename=job.params["filename"],
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
