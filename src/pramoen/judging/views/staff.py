"""ESA staff's pages: committees of a campaign, and setting one up."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pramoen.core.types import AuthenticatedRequest
from pramoen.judging import selectors, services
from pramoen.judging.forms import (
    CommitteeForm,
)
from pramoen.judging.models import (
    Committee,
)
from pramoen.judging.views.common import managed_campaign
from pramoen.thai import to_thai_digits


@require_GET
@login_required
@permission_required("pramoen.manage_campaigns", raise_exception=True)
def staff_index(request: AuthenticatedRequest) -> HttpResponse:
    from pramoen.awards.selectors import campaigns_for_staff

    return render(
        request, "judging/staff_index.html", {"campaigns": campaigns_for_staff(user=request.user)}
    )


@require_GET
@login_required
@permission_required("pramoen.manage_campaigns", raise_exception=True)
def campaign_committees(request: AuthenticatedRequest, campaign_id: int) -> HttpResponse:
    campaign = managed_campaign(request, campaign_id)
    categories = list(
        campaign.categories.select_related("committee", "committee__chair")
        .annotate(member_count=Count("committee__members"))
        .order_by("position", "pk")
    )
    return render(
        request,
        "judging/campaign_committees.html",
        {
            "campaign": campaign,
            "categories": categories,
            "previous": services.previous_edition(campaign=campaign),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("pramoen.manage_campaigns", raise_exception=True)
def committee_edit(
    request: AuthenticatedRequest, campaign_id: int, category_id: int
) -> HttpResponse:
    campaign = managed_campaign(request, campaign_id)
    category = get_object_or_404(campaign.categories, pk=category_id)
    committee = Committee.objects.filter(category=category).first()
    initial: dict[str, Any] = {
        "aggregation": "mean",
        "max_spread": "10",
        "max_level_gap": 1,
        "hide_others_until_submitted": True,
    }
    if committee is not None:
        initial = {
            "chair": committee.chair_id,
            "members": list(committee.members.values_list("pk", flat=True)),
            **{k: getattr(committee, k) for k in services.COMMITTEE_SETTINGS},
        }
    form = CommitteeForm(
        request.POST or None,
        initial=initial,
        people=selectors.committee_candidates(campaign=campaign, committee=committee),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        chair, members = data.pop("chair"), data.pop("members")
        try:
            if committee is None:
                services.committee_create(
                    category=category, chair=chair, members=members, actor=request.user, **data
                )
            else:
                services.committee_update(
                    committee=committee, chair=chair, members=members, actor=request.user, **data
                )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "บันทึกคณะกรรมการแล้ว")
            return redirect("judging:campaign_committees", campaign_id=campaign.pk)
    return render(
        request,
        "judging/committee_edit.html",
        {"campaign": campaign, "category": category, "form": form, "committee": committee},
        status=400 if form.errors else 200,
    )


@require_POST
@login_required
@permission_required("pramoen.manage_campaigns", raise_exception=True)
def committees_copy(request: AuthenticatedRequest, campaign_id: int) -> HttpResponse:
    """Seat this campaign's groups as last edition's were, then show what was copied."""
    campaign = managed_campaign(request, campaign_id)
    try:
        result = services.committees_copy_from_previous(campaign=campaign, actor=request.user)
    except ValidationError as exc:
        messages.error(request, "คัดลอกคณะกรรมการไม่สำเร็จ: " + " ".join(exc.messages))
        return redirect("judging:campaign_committees", campaign_id=campaign.pk)
    messages.success(
        request,
        f"คัดลอกคณะกรรมการจาก {result.source.title_th} "
        f"{to_thai_digits(str(len(result.copied)))} กลุ่มแล้ว",
    )
    return render(
        request,
        "judging/committees_copied.html",
        {"campaign": campaign, "result": result},
    )
