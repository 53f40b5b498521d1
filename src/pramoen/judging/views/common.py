"""What every judging page shares: Thai messages of a refusal, the staff's campaign lookup."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from pramoen.awards.models import Campaign
from pramoen.core.types import AuthenticatedRequest

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def error_messages(exc: ValidationError) -> list[str]:
    return list(exc.messages)


def managed_campaign(request: AuthenticatedRequest, campaign_id: int | None) -> Campaign:
    from pramoen.awards.selectors import campaigns_for_staff

    found = campaigns_for_staff(user=request.user).filter(pk=campaign_id)  # type: ignore[misc]
    campaign = found.first()  # (no id finds nothing)
    if campaign is None:
        raise Http404("ไม่พบการประกวด")
    return campaign


def bad_request(
    request: HttpRequest, form: forms.Form | None = None, *, back: str = "", summary: str = ""
) -> HttpResponse:
    """400 with the form's Thai errors: nothing was saved."""
    problems = [str(e) for errors in (form.errors.values() if form else []) for e in errors]
    return render(
        request,
        "400.html",
        {"problems": problems, "back": back, "summary": summary},
        status=400,
    )
