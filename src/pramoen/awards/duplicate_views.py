"""Staff views of near-duplicate portfolios: one entry's pairs, page beside page."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from pramoen.awards.models import PortfolioMatch
from pramoen.awards.selectors import campaigns_for_staff, entry_duplicates
from pramoen.core.decorators import permission_required
from pramoen.core.types import AuthenticatedRequest

PAIRS_PER_PAGE = 10


@require_GET
@permission_required("pramoen.manage_campaigns")
def entry_duplicates_view(request: AuthenticatedRequest, pk: int, entry_pk: int) -> HttpResponse:
    campaign = get_object_or_404(campaigns_for_staff(user=request.user), pk=pk)
    entry = get_object_or_404(campaign.entries.select_related("school"), pk=entry_pk)
    matches = (
        PortfolioMatch.objects.filter(entry_a=entry) | PortfolioMatch.objects.filter(entry_b=entry)
    ).select_related("entry_a__school", "entry_a__campaign", "entry_b__school", "entry_b__campaign")
    page = Paginator(matches.order_by("-similarity", "pk"), PAIRS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "awards/entry_duplicates.html",
        {
            "campaign": campaign,
            "entry": entry,
            "page": page,
            "pairs": entry_duplicates(entry=entry, matches=list(page.object_list)),
        },
    )
