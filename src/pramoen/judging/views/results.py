"""Results: public from the announcement day (the organizer's staff first), Excel, appeals."""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_POST

from pramoen.awards.models import Campaign, Entry
from pramoen.core.paging import page_of
from pramoen.core.single_flight import cached_single_flight
from pramoen.core.types import AuthenticatedRequest
from pramoen.judging import domain, selectors, services
from pramoen.judging.exports import results_workbook
from pramoen.judging.forms import ResultsFilterForm, list_filters
from pramoen.judging.scoring import (
    pinned_scoring,
)
from pramoen.judging.views.common import XLSX


def _results_context(request: HttpRequest, campaign: Campaign) -> dict[str, Any]:
    """One group's results a page at a time (the group chosen, or the first), the list of
    groups, and the medal tables counted by the database."""
    groups = selectors.published_groups(campaign=campaign)
    form = ResultsFilterForm(request.GET or None, groups=groups)
    filters = list_filters(form)
    chosen = next(
        (g for g in groups if g.pk == filters.get("group")), groups[0] if groups else None
    )
    legend: list[Any] = []
    tier_rules: list[str] = []
    page = school_page = None
    query = school_query = ""
    if chosen is not None:
        compiled = pinned_scoring(chosen)
        legend = list(compiled.instrument.tiers.bands) if compiled.instrument.tiers else []
        tier_rules = domain.tier_rules_legend_th(compiled)
        rows = selectors.group_results(
            campaign=campaign, category=chosen, search=filters.get("q", "")
        )
        page, query = page_of(request, rows)
    tiers = [(b.id, b.label_th) for b in legend]
    # "รางวัลเหรียญทอง ๘๐ - ๑๐๐ คะแนน" already names the tier: its label is not said twice
    legend_lines = [
        b.printed_th
        if b.printed_th and b.printed_th.startswith(b.label_th)
        else " ".join(p for p in (b.label_th, b.printed_th) if p)
        for b in legend
    ]
    ids = [t for t, _ in tiers]
    if ids:
        school_page, school_query = page_of(
            request, selectors.school_medals(campaign=campaign, tiers=ids), param="schools"
        )
    results = [
        {"result": r, "rank_label": domain.rank_label_th(r.rank, tiered=bool(r.tier))}
        for r in (page.object_list if page else [])
    ]
    return {
        "campaign": campaign,
        "form": form,
        "groups": groups,
        "chosen": chosen,
        "results": results,
        "page": page,
        "query": query,
        "legend": legend,
        "legend_lines": legend_lines,
        "tier_rules": tier_rules,
        "tiers": tiers,
        "by_school": [
            (row["entry__school__name_th"], [row[t] for t in ids])
            for row in (school_page.object_list if school_page else [])
        ],
        "school_page": school_page,
        "school_query": school_query,
        "by_network": selectors.network_medals(campaign=campaign, tiers=ids) if ids else [],
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
    organizer = _organizer(request, campaign)
    if campaign.draft and not organizer:
        # A draft edition (campaign wizard, issue 19) does not exist for anyone but its staff.
        raise Http404
    return campaign, public, organizer


def _frozen(page: Page | None) -> dict[str, Any] | None:
    if page is None:
        return None
    paginator = page.paginator
    return {
        "number": page.number,
        "count": paginator.count,
        "size": paginator.per_page,
        "param": page.param,  # type: ignore[attr-defined]  # set by page_of
    }


def _thawed(frozen: dict[str, Any] | None) -> Page | None:
    """A page with the same numbers (for the page links), its rows kept beside it."""
    if frozen is None:
        return None
    page = Paginator(range(frozen["count"]), frozen["size"]).page(frozen["number"])
    page.param = frozen["param"]  # type: ignore[attr-defined]
    return page


def _cached_context(request: HttpRequest, campaign: Campaign) -> dict[str, Any]:
    """``_results_context`` from the cache while the campaign's results stand (the key holds
    ``selectors.results_fingerprint``: a finalization,
    a re-finalization or an appeal changes it)."""
    params = sorted((k, v) for k, v in request.GET.lists() if k in RESULT_PARAMS)
    key = (
        "judging:results:"
        + hashlib.sha256(
            repr((campaign.pk, selectors.results_fingerprint(campaign=campaign), params)).encode()
        ).hexdigest()
    )

    def compute() -> dict[str, Any]:
        context = _results_context(request, campaign)
        return {
            **{k: v for k, v in context.items() if k not in ("form", "page", "school_page")},
            "page": _frozen(context["page"]),
            "school_page": _frozen(context["school_page"]),
        }

    # Single flight: on announcement day everyone opens the results at once; one request per
    # key computes them, the others wait for its value (core.single_flight).
    cached = cached_single_flight(key, compute, seconds=PUBLIC_CACHE_SECONDS, wait_s=30)
    groups = cached["groups"]
    return {
        **cached,
        "campaign": campaign,
        "form": ResultsFilterForm(request.GET or None, groups=groups),
        "page": _thawed(cached["page"]),
        "school_page": _thawed(cached["school_page"]),
    }


RESULT_PARAMS = ("group", "q", "page", "schools")
PUBLIC_CACHE_SECONDS = 3600


@require_GET
def results(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign, public, organizer = _results_campaign(request, campaign_id)
    if not (public or organizer):
        return render(request, "judging/results_pending.html", {"campaign": campaign})
    # The organizer's page shows the same data (its appeal forms are rendered per request).
    context = {**_cached_context(request, campaign), "public": public, "organizer": organizer}
    return render(request, "judging/results.html", context)


@require_GET
def results_xlsx(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign, public, organizer = _results_campaign(request, campaign_id)
    if not (public or organizer):
        raise Http404("ยังไม่ประกาศผล")
    # Rows stream from the database into the write-only workbook (no list of every result).
    results = selectors.published_results(campaign=campaign).iterator(chunk_size=500)
    data = results_workbook(campaign=campaign, results=results)
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
