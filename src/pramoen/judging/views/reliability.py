"""How consistently committees scored: a panel on the chair's page and a campaign overview."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from pramoen.core.types import AuthenticatedRequest
from pramoen.judging.selectors.reliability import campaign_reliability, group_reliability
from pramoen.judging.views.chair import _chaired
from pramoen.judging.views.common import managed_campaign


@require_GET
@login_required
def committee_reliability(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The chair's panel (an htmx fragment of the committee page)."""
    committee = _chaired(request, pk)
    return render(
        request,
        "judging/_reliability.html",
        {"group": group_reliability(category=committee.category), "standalone": False},
    )


@require_GET
@login_required
@permission_required("pramoen.manage_campaigns", raise_exception=True)
def campaign_reliability_page(request: AuthenticatedRequest, campaign_id: int) -> HttpResponse:
    campaign = managed_campaign(request, campaign_id)
    return render(
        request,
        "judging/campaign_reliability.html",
        {"campaign": campaign, "groups": campaign_reliability(campaign=campaign)},
    )
