"""Award campaigns with their categories and pinned instruments (ESA staff, their ESAs' campaigns
as on /awards/), and the published results (public from the announcement day; the organizing
ESA's staff see them first — as the results page)."""

from datetime import date, datetime
from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Path, Router, Schema
from ninja.pagination import paginate

from pramoen.api.auth import auth
from pramoen.api.errors import ApiError, error_responses
from pramoen.api.pagination import MAX_ID, Mapped, Pages
from pramoen.api.permissions import require_perm
from pramoen.api.public import public_auth, throttle_ip
from pramoen.awards.models import Campaign, CampaignCategory
from pramoen.awards.selectors import campaigns_for_staff
from pramoen.judging import selectors as judging_selectors

router = Router(tags=["campaigns"], auth=auth())

NOT_ANNOUNCED = "ยังไม่ประกาศผลการประกวดนี้"


class PinOut(Schema):
    instrument_id: str
    version_hash: str


class CategoryOut(Schema):
    id: int
    category: str
    category_label_th: str
    domain: str
    size_class: str
    teacher_level: str
    learning_area: str
    eligibility: PinOut
    scoring: PinOut


class CampaignOut(Schema):
    id: int
    esa_id: int
    name: str
    title_th: str
    edition: int
    year_be: int
    opens_on: date
    deadline: datetime
    announce_on: date | None
    categories: list[CategoryOut]


class ResultOut(Schema):
    entry_id: int
    category_id: int
    school_id: int | None
    school_name: str
    nominee_name: str
    total: str
    total_display: str
    tier: str
    tier_label_th: str
    rank: int | None


def _campaign_out(campaign: Campaign) -> dict[str, Any]:
    return {
        "id": campaign.pk,
        "esa_id": campaign.esa_id,
        "name": campaign.name,
        "title_th": campaign.title_th,
        "edition": campaign.edition,
        "year_be": campaign.year_be,
        "opens_on": campaign.opens_on,
        "deadline": campaign.deadline,
        "announce_on": campaign.announce_on,
        "categories": [
            {
                "id": c.pk,
                "category": c.category,
                "category_label_th": str(c.get_category_display()),
                "domain": c.domain,
                "size_class": c.size_class,
                "teacher_level": c.teacher_level,
                "learning_area": c.learning_area,
                "eligibility": {
                    "instrument_id": c.eligibility_instrument_id,
                    "version_hash": c.eligibility_instrument_hash,
                },
                "scoring": {
                    "instrument_id": c.scoring_instrument_id,
                    "version_hash": c.scoring_instrument_hash,
                },
            }
            # prefetched: one query for every campaign of the page
            for c in campaign.categories.all()
        ],
    }


def _staff_campaigns(request: HttpRequest) -> Any:
    user = require_perm(request, "pramoen.manage_campaigns")
    # The categories in the order the campaign page lists them (awards.selectors).
    ordered = CampaignCategory.objects.order_by("position", "pk")
    return campaigns_for_staff(user=user).prefetch_related(Prefetch("categories", ordered))


@router.get("", response={200: list[CampaignOut], **error_responses()}, url_name="campaign_list")
@paginate(Pages)
def campaign_list(request: HttpRequest) -> Any:
    return Mapped(_staff_campaigns(request), _campaign_out)


@router.get(
    "/{campaign_id}",
    response={200: CampaignOut, **error_responses()},
    url_name="campaign_detail",
)
def campaign_detail(request: HttpRequest, campaign_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    campaign = get_object_or_404(_staff_campaigns(request), pk=campaign_id)
    return _campaign_out(campaign)


@router.get(
    "/{campaign_id}/results",
    response={200: list[ResultOut], **error_responses()},
    auth=public_auth(),
    url_name="campaign_results",
)
@paginate(Pages)
def campaign_results(request: HttpRequest, campaign_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    """Published results: from the announcement day for everyone (before it, the organizing
    ESA's staff only, as on the results page)."""
    throttle_ip(request, "results")
    campaign = get_object_or_404(Campaign, pk=campaign_id)
    user = request.user
    organizer = bool(
        user.is_authenticated
        and user.has_perm("pramoen.manage_campaigns")
        and campaigns_for_staff(user=user).filter(pk=campaign.pk).exists()
    )
    # A draft edition (the campaign wizard) is its staff's alone, as on the results page.
    if campaign.draft and not organizer:
        raise ApiError(404, NOT_ANNOUNCED)
    if not (campaign.schedule().results_public(timezone.now()) or organizer):
        raise ApiError(404, NOT_ANNOUNCED)
    return Mapped(judging_selectors.published_results(campaign=campaign), _result_out)


def _result_out(result: Any) -> dict[str, Any]:
    entry = result.entry
    return {
        "entry_id": entry.pk,
        "category_id": entry.category_id,
        "school_id": entry.school_id,
        "school_name": entry.school.name_th if entry.school else "",
        "nominee_name": entry.nominee_name,
        "total": result.total,
        "total_display": result.total_display,
        "tier": result.tier,
        "tier_label_th": result.tier_label_th,
        "rank": result.rank,
    }
