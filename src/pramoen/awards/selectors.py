"""Reads for award campaigns, with their joins already applied."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from pramoen.accounts.enums import Role
from pramoen.awards.models import Campaign, CampaignCategory
from pramoen.orgs.models import Organization


def esas_managed_by(*, user) -> QuerySet[Organization]:
    """ESAs whose campaigns ``user`` manages: those where they are ESA staff (all for admins)."""
    esas = Organization.objects.filter(kind="esa")
    if user.is_superuser or Role.SYSTEM_ADMIN in user.role_set():
        return esas
    return esas.filter(
        memberships__user=user, memberships__role=Role.ESA_STAFF, memberships__is_active=True
    ).distinct()


def campaigns_for_staff(*, user) -> QuerySet[Campaign]:
    return (
        Campaign.objects.filter(esa__in=esas_managed_by(user=user))
        .select_related("esa", "cloned_from")
        .annotate(category_count=Count("categories"))
        .order_by("-year_be", "name", "pk")
    )


def campaign_categories(*, campaign: Campaign) -> QuerySet[CampaignCategory]:
    return campaign.categories.order_by("position", "pk")
