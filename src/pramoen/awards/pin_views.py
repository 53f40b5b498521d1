"""Staff pages for moving a competition group to a corrected version of its instrument."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from pramoen.awards.selectors import SLOTS, category_repin_preview
from pramoen.awards.services import category_repin
from pramoen.awards.views import _campaign, campaign_staff_required
from pramoen.core.types import AuthenticatedRequest


@require_http_methods(["GET", "POST"])
@campaign_staff_required
def category_repin_view(
    request: AuthenticatedRequest, pk: int, category_pk: int, slot: str
) -> HttpResponse:
    if slot not in SLOTS:
        raise Http404
    campaign = _campaign(request, pk)
    category = get_object_or_404(campaign.categories, pk=category_pk)
    problems: list[str] = []
    if request.method == "POST":
        try:
            category_repin(
                category=category,
                slot=slot,
                expected_hash=request.POST.get("expected", ""),
                actor=request.user,
            )
        except ValidationError as exc:
            problems = exc.messages
        else:
            messages.success(request, f"{category.label_th}: เปลี่ยนเป็น{SLOTS[slot]}ฉบับล่าสุดแล้ว")
            return redirect("awards:campaign_detail", campaign.pk)
    try:
        preview = category_repin_preview(category=category, slot=slot)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("awards:campaign_detail", campaign.pk)
    return render(
        request,
        "awards/category_repin.html",
        {"campaign": campaign, "preview": preview, "problems": problems},
        status=400 if problems else 200,
    )
