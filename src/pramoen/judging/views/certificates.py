"""Certificates: build (progress polled), files, verification page and revocation."""

from __future__ import annotations

import threading
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from pramoen.awards.models import Campaign
from pramoen.core.paging import page_of
from pramoen.core.types import AuthenticatedRequest
from pramoen.judging import certificates as cert_build
from pramoen.judging import services
from pramoen.judging.forms import ListSearchForm, list_filters
from pramoen.judging.models import (
    Certificate,
    CertificateBuild,
)
from pramoen.judging.views.common import error_messages, managed_campaign


def normalize_code(code: str) -> str:
    """A code as read aloud or copied: groups with dashes or spaces, any case."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


@require_GET
def verify(request: HttpRequest, code: str) -> HttpResponse:
    certificate = (
        Certificate.objects.select_related("campaign")
        .filter(short_code=normalize_code(code))
        .first()
    )
    status = 200 if certificate else 404
    return render(
        request, "judging/verify.html", {"certificate": certificate, "code": code}, status=status
    )


def _certificates_dir(campaign: Campaign) -> Path:
    # Under VAR_DIR, not MEDIA_ROOT (a web server may serve that): files are handed out only by
    # ``certificates_file`` (staff only).
    return Path(settings.VAR_DIR) / "certificates" / str(campaign.pk)


@require_POST
@login_required
@permission_required("pramoen.manage_campaigns", raise_exception=True)
def certificates_build(request: AuthenticatedRequest, campaign_id: int) -> HttpResponse:
    """Queue a build and run it in a thread of this process; the page polls its progress.

    The merged PDF and the zip replace the last build only when complete.
    """
    campaign = managed_campaign(request, campaign_id)
    base = request.build_absolute_uri(reverse("judging:verify", args=["CODE"]))
    base = base.removesuffix("CODE/")
    try:
        build = cert_build.build_start(
            campaign=campaign,
            actor=request.user,
            out_dir=_certificates_dir(campaign),
            verify_base=base,
            include_committees=request.POST.get("committees") == "1",
        )
    except ValidationError as exc:
        for message in error_messages(exc):
            messages.error(request, message)
        return redirect("judging:certificates", campaign_id=campaign.pk)
    # Started after the row is committed, so the thread (its own connection) can read it.
    transaction.on_commit(
        lambda: threading.Thread(
            target=cert_build.build_in_background,
            args=(build.pk,),
            name=f"pramoen-certificates-{build.pk}",
            daemon=True,
        ).start()
    )
    return redirect("judging:certificates", campaign_id=campaign.pk)


def _built(campaign: Campaign) -> bool:
    folder = _certificates_dir(campaign)
    return (folder / "certificates.pdf").exists() and (folder / "certificates.zip").exists()


@require_GET
@login_required
@permission_required("pramoen.manage_campaigns", raise_exception=True)
def certificates_page(request: AuthenticatedRequest, campaign_id: int) -> HttpResponse:
    campaign = managed_campaign(request, campaign_id)
    form = ListSearchForm(request.GET or None)
    search = list_filters(form).get("q", "")
    certificates = Certificate.objects.filter(campaign=campaign).order_by("number")
    if search:
        certificates = certificates.filter(recipient__icontains=search)
    page, query = page_of(request, certificates)
    return render(
        request,
        "judging/certificates.html",
        {
            "campaign": campaign,
            "certificates": page.object_list,
            "form": form,
            "page": page,
            "query": query,
            "build": cert_build.latest_build(campaign),
            "built": _built(campaign),
        },
    )


@require_GET
@login_required
@permission_required("pramoen.manage_campaigns", raise_exception=True)
def certificates_progress(
    request: AuthenticatedRequest, campaign_id: int, build_id: int
) -> HttpResponse:
    """The progress partial, polled every second by htmx until the build ends."""
    campaign = managed_campaign(request, campaign_id)
    build = get_object_or_404(CertificateBuild, pk=build_id, campaign=campaign)
    response = render(
        request,
        "judging/_certificate_build.html",
        {"campaign": campaign, "build": build, "built": _built(campaign)},
    )
    if request.htmx and not build.active:
        # Reload once at the end so the list shows the numbers the build just issued.
        response["HX-Refresh"] = "true"
    return response


@require_GET
@login_required
@permission_required("pramoen.manage_campaigns", raise_exception=True)
def certificates_file(
    request: AuthenticatedRequest, campaign_id: int, kind: str
) -> HttpResponseBase:
    campaign = managed_campaign(request, campaign_id)
    names = {
        "pdf": ("certificates.pdf", "application/pdf"),
        "zip": ("certificates.zip", "application/zip"),
    }
    if kind not in names:
        raise Http404
    name, content_type = names[kind]
    path = _certificates_dir(campaign) / name
    if not path.exists():
        raise Http404("ยังไม่ได้สร้างเกียรติบัตร")
    return FileResponse(
        path.open("rb"),
        content_type=content_type,
        as_attachment=True,
        filename=f"certificates-{campaign.year_be}-{campaign.pk}.{kind}",
    )


@require_POST
@login_required
@permission_required("pramoen.manage_campaigns", raise_exception=True)
def revoke(request: AuthenticatedRequest, code: str) -> HttpResponse:
    certificate = get_object_or_404(
        Certificate, short_code=normalize_code(code), revoked_at__isnull=True
    )
    managed_campaign(request, certificate.campaign_id)
    try:
        services.certificate_revoke(
            certificate=certificate, actor=request.user, reason=request.POST.get("reason", "")
        )
        messages.success(request, "เพิกถอนเกียรติบัตรแล้ว")
    except ValidationError as exc:
        for message in error_messages(exc):
            messages.error(request, message)
    return redirect("judging:verify", code=certificate.short_code)
