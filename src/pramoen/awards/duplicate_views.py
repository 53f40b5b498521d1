"""Staff views of near-duplicate portfolios: one entry's pairs, page beside page."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from pramoen.awards.selectors import campaigns_for_staff, entry_duplicates, entry_matches
from pramoen.core.decorators import permission_required
from pramoen.core.types import AuthenticatedRequest

PAIRS_PER_PAGE = 10


@require_GET
@permission_required("pramoen.manage_campaigns")
def entry_duplicates_view(request: AuthenticatedRequest, pk: int, entry_pk: int) -> HttpResponse:
    campaign = get_object_or_404(campaigns_for_staff(user=request.user), pk=pk)
    entry = get_object_or_404(campaign.entries.select_related("school"), pk=entry_pk)
    page = Paginator(entry_matches(entry=entry), PAIRS_PER_PAGE).get_page(request.GET.get("page"))
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
