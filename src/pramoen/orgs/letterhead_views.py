"""The ESA's letterhead page: upload the Garuda and a Word template, download the default one."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from pramoen.core.decorators import permission_required
from pramoen.core.types import AuthenticatedRequest
from pramoen.documents.letter_template import (
    MAX_IMAGE_BYTES,
    MAX_TEMPLATE_BYTES,
    VARIABLES,
    LetterTemplateError,
    default_template,
)
from pramoen.orgs import selectors
from pramoen.orgs.enums import OrganizationKind
from pramoen.orgs.forms import LetterheadForm
from pramoen.orgs.letterhead import esa_letterhead_get, esa_letterhead_update
from pramoen.orgs.models import Organization

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

staff_required = permission_required("pramoen.manage_master_data")


def _esas(request: AuthenticatedRequest) -> list[Organization]:
    esa_ids = selectors.staff_esa_ids(request.user)
    esas = Organization.objects.filter(kind=OrganizationKind.ESA).order_by("name_sort")
    if esa_ids is not None:
        esas = esas.filter(pk__in=esa_ids)
    # A system administrator picks the office; the page shows one office at a time.
    return list(esas[:500])


def _read_upload(upload, cap: int) -> bytes:
    if upload.size > cap:
        raise LetterTemplateError(f"ไฟล์ใหญ่เกิน {cap // (1024 * 1024)} MB")
    return upload.read()


@staff_required
@require_http_methods(["GET", "POST"])
def letterhead_edit(request: AuthenticatedRequest) -> HttpResponse:
    esas = _esas(request)
    if not esas:
        raise Http404("ท่านยังไม่ได้สังกัดสำนักงานเขตพื้นที่การศึกษา")
    wanted = request.GET.get("esa") or request.POST.get("esa")
    esa = next((e for e in esas if str(e.pk) == wanted), esas[0])
    form = LetterheadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            garuda = _read_upload(data["garuda"], MAX_IMAGE_BYTES) if data["garuda"] else None
            template = (
                _read_upload(data["template"], MAX_TEMPLATE_BYTES) if data["template"] else None
            )
            esa_letterhead_update(
                actor=request.user,
                esa=esa,
                garuda=garuda,
                template=template,
                template_filename=data["template"].name if data["template"] else "",
                remove_garuda=data["remove_garuda"] and garuda is None,
                remove_template=data["remove_template"] and template is None,
            )
        except LetterTemplateError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "บันทึกหัวหนังสือแล้ว หนังสือที่สร้างต่อจากนี้ใช้ค่าใหม่")
            return redirect(f"{request.path}?esa={esa.pk}")
    return render(
        request,
        "orgs/letterhead.html",
        {
            "form": form,
            "esa": esa,
            "esas": esas if len(esas) > 1 else [],
            "letterhead": esa_letterhead_get(esa),
            "variables": VARIABLES,
        },
    )


@staff_required
@require_GET
def letterhead_default_template(request: AuthenticatedRequest) -> HttpResponse:
    response = HttpResponse(default_template(), content_type=DOCX)
    response["Content-Disposition"] = 'attachment; filename="pramoen-letter-template.docx"'
    return response
