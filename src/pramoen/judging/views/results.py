"""Results: public from the announcement day (the organizer's staff first), Excel, appeals."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_POST

from pramoen.awards.models import Campaign, Entry
from pramoen.core.types import AuthenticatedRequest
from pramoen.judging import domain, selectors, services
from pramoen.judging.exports import results_workbook
from pramoen.judging.scoring import (
    pinned_scoring,
)
from pramoen.judging.views.common import XLSX


def _results_context(campaign: Campaign) -> dict[str, Any]:
    results = list(selectors.published_results(campaign=campaign))
    groups: list[dict[str, Any]] = []
    for result in results:
        category = result.entry.category
        if not groups or groups[-1]["category"].pk != category.pk:
            groups.append({"category": category, "results": []})
        groups[-1]["results"].append(
            {"result": result, "rank_label": domain.rank_label_th(result.rank)}
        )
    rows = [
        {
            "school": r.entry.school.name_th,
            "network": r.entry.school.network.name if r.entry.school.network else "",
            "tier": r.tier,
        }
        for r in results
    ]
    legend: list[Any] = []
    tier_rules: list[str] = []
    if groups:
        compiled = pinned_scoring(groups[0]["category"])
        legend = list(compiled.instrument.tiers.bands) if compiled.instrument.tiers else []
        tier_rules = domain.tier_rules_legend_th(compiled)
    tiers = [(b.id, b.label_th) for b in legend]

    def table(key: str) -> list[tuple[str, list[int]]]:
        return [
            (name, [counts.get(t, 0) for t, _ in tiers])
            for name, counts in domain.medal_counts(rows, key)
        ]

    return {
        "campaign": campaign,
        "groups": groups,
        "legend": legend,
        "tier_rules": tier_rules,
        "tiers": tiers,
        "by_school": table("school"),
        "by_network": table("network"),
    }


def _organizer(request: HttpRequest, campaign: Campaign) -> bool:
    """ESA staff of the campaign's own office (they see results before the announcement)."""
    from pramoen.awards.selectors import campaigns_for_staff

    user = request.user
    return bool(
        user.is_authenticated
        and user.has_perm("pramoen.manage_campaigns")
        and campaigns_for_staff(user=user).filter(pk=campaign.pk).exists()
    )


def _results_campaign(request: HttpRequest, campaign_id: int) -> tuple[Campaign, bool, bool]:
    """(campaign, public, organizer); the public see results only from the announcement day."""
    campaign = get_object_or_404(Campaign.objects.select_related("esa"), pk=campaign_id)
    public = campaign.schedule().results_public(timezone.now())
    return campaign, public, _organizer(request, campaign)


@require_GET
def results(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign, public, organizer = _results_campaign(request, campaign_id)
    if not (public or organizer):
        return render(request, "judging/results_pending.html", {"campaign": campaign})
    context = {**_results_context(campaign), "public": public, "organizer": organizer}
    return render(request, "judging/results.html", context)


@require_GET
def results_xlsx(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign, public, organizer = _results_campaign(request, campaign_id)
    if not (public or organizer):
        raise Http404("ยังไม่ประกาศผล")
    data = results_workbook(
        campaign=campaign, results=list(selectors.published_results(campaign=campaign))
    )
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(
        True, f"results-{campaign.year_be}-{campaign.pk}.xlsx"
    )
    return response


@require_POST
@login_required
@permission_required("judging.appeal", raise_exception=True)
def appeal(request: AuthenticatedRequest, entry_id: int) -> HttpResponse:
    from pramoen.awards.selectors import campaigns_for_staff

    # Only the organizing ESA's entries: another ESA's id is "not found", and the redirect must
    # not tell which campaign it belongs to.
    entry = get_object_or_404(
        Entry, pk=entry_id, campaign__in=campaigns_for_staff(user=request.user)
    )
    try:
        services.entry_reopen(
            entry=entry, actor=request.user, reason=request.POST.get("reason", "")
        )
        messages.success(request, "เปิดผลงานเพื่อพิจารณาอุทธรณ์แล้ว")
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    return redirect("judging:results", campaign_id=entry.campaign_id)
