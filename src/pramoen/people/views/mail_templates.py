"""An ESA's e-mail templates (issue 19): the kinds of e-mail with "default / edited", the edit
page (the variables beside the editor, a live preview with the sample values over htmx) and reset
to the default. ESA staff edit their ESA's; a system admin chooses the ESA."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pramoen.core.decorators import permission_required
from pramoen.core.mail_kinds import MAIL_KINDS, MailKind, mail_kind
from pramoen.core.mail_sandbox import newlines_normalized, subject_line, template_render
from pramoen.core.types import AuthenticatedRequest
from pramoen.orgs.models import Organization
from pramoen.people import selectors
from pramoen.people.forms import MailTemplateForm
from pramoen.people.services import mail_templates as services

PERM = "pramoen.edit_mail_templates"
# A system admin picks among every ESA; the picker lists at most this many.
MAX_ESAS = 500


def _esa(request: AuthenticatedRequest) -> tuple[Organization, list[Organization]]:
    """The ESA the page is about (``?esa=``, else the first the user manages) and, for someone
    who manages several, the ESAs to choose from."""
    esas = list(selectors.esas_in_scope(actor=request.user)[:MAX_ESAS])
    if not esas:
        raise Http404(_("ท่านยังไม่ได้สังกัดสำนักงานเขตพื้นที่การศึกษา"))
    wanted = request.GET.get("esa") or request.POST.get("esa") or ""
    esa = next((e for e in esas if str(e.pk) == wanted), None) if wanted else esas[0]
    if esa is None or not request.user.has_perm(PERM, esa):
        raise Http404(_("ไม่พบสำนักงานเขตพื้นที่นี้ในเขตที่ท่านดูแล"))
    return esa, esas if len(esas) > 1 else []


def _kind(code: str) -> MailKind:
    kind = mail_kind(code)
    if kind is None or not kind.per_esa:
        raise Http404(_("ไม่พบอีเมลประเภทนี้"))
    return kind


def _edit_url(kind: MailKind, esa: Organization) -> str:
    return f"{reverse('people:mail_template_edit', args=[kind.code])}?esa={esa.pk}"


@require_GET
@permission_required(PERM)
def mail_template_list(request: AuthenticatedRequest) -> HttpResponse:
    # The kinds are the fixed registry (core.mail_kinds, nine of them), so the list needs no
    # pages; the ESA's overrides are read in one query.
    esa, esas = _esa(request)
    overrides = selectors.mail_templates_of(esa=esa)
    rows = [
        {"kind": kind, "override": overrides.get(kind.code), "url": _edit_url(kind, esa)}
        for kind in MAIL_KINDS.values()
    ]
    return render(
        request, "people/mail_template_list.html", {"esa": esa, "esas": esas, "rows": rows}
    )


def _preview(kind: MailKind, subject: str, body: str) -> dict[str, object]:
    subject, body = newlines_normalized(subject), newlines_normalized(body)
    errors = services.mail_template_errors(kind=kind, subject=subject, body=body)
    if errors:
        return {"preview_errors": list(errors.values())}
    sample = kind.sample()
    return {
        "preview_subject": subject_line(template_render(subject, sample)),
        "preview_body": template_render(body, sample),
    }


@require_http_methods(["GET", "POST"])
@permission_required(PERM)
def mail_template_edit(request: AuthenticatedRequest, code: str) -> HttpResponse:
    kind = _kind(code)
    esa, esas = _esa(request)
    override = selectors.mail_template_get(esa=esa, kind_code=kind.code)
    initial = {
        "subject": override.subject if override else kind.default_subject,
        "body": override.body if override else kind.default_body,
    }
    form = MailTemplateForm(request.POST or None, initial=initial, kind=kind)
    if request.method == "POST" and form.is_valid():
        try:
            services.mail_template_save(
                actor=request.user,
                esa=esa,
                kind=kind,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)  # a dict of field errors lands at its fields
        else:
            messages.success(request, _("บันทึกแม่แบบอีเมลแล้ว อีเมลที่ส่งต่อจากนี้ใช้ข้อความใหม่"))
            return redirect(_edit_url(kind, esa))
    shown = form.data if form.is_bound else initial
    preview = _preview(kind, shown.get("subject", ""), shown.get("body", ""))
    return render(
        request,
        "people/mail_template_edit.html",
        {
            "kind": kind,
            "esa": esa,
            "esas": esas,
            "form": form,
            "override": override,
            "list_url": f"{reverse('people:mail_template_list')}?esa={esa.pk}",
            **preview,
        },
    )


@require_POST
@permission_required(PERM)
def mail_template_preview(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """The htmx fragment: the texts being typed, rendered with the kind's sample values."""
    kind = _kind(code)
    _esa(request)
    preview = _preview(kind, request.POST.get("subject", ""), request.POST.get("body", ""))
    return render(request, "people/_mail_preview.html", {"kind": kind, **preview})


@require_POST
@permission_required(PERM)
def mail_template_reset(request: AuthenticatedRequest, code: str) -> HttpResponse:
    kind = _kind(code)
    esa, _esas = _esa(request)
    if services.mail_template_reset(actor=request.user, esa=esa, kind=kind):
        messages.success(request, _("กลับไปใช้ข้อความเริ่มต้นของระบบแล้ว"))
    return redirect(_edit_url(kind, esa))
