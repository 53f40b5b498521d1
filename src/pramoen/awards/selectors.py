"""Reads for award campaigns, with their joins already applied."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from pramoen.accounts.enums import Role
from pramoen.awards.models import Campaign, CampaignCategory, Entry
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


APPLICANT_ROLES = (Role.APPLICANT_SCHOOL, Role.APPLICANT_PERSON)


def schools_of_applicant(*, user) -> QuerySet[Organization]:
    """Schools the user applies for: those where they hold an applicant role (by school code)."""
    return Organization.objects.filter(
        kind="school",
        memberships__user=user,
        memberships__role__in=APPLICANT_ROLES,
        memberships__is_active=True,
    ).distinct()


def entries_for_applicant(*, user) -> QuerySet[Entry]:
    return (
        Entry.objects.filter(Q(school__in=schools_of_applicant(user=user)) | Q(created_by=user))
        .select_related("campaign", "campaign__esa", "category", "school")
        .order_by("-created_at", "-pk")
    )


def open_categories_for_applicant(*, user, now: datetime) -> QuerySet[CampaignCategory]:
    """Groups of campaigns accepting entries now, run by the ESAs of the user's schools."""
    esa_ids = schools_of_applicant(user=user).values("parent_id")
    local_today = timezone.localtime(now, timezone.get_default_timezone()).date()
    return (
        CampaignCategory.objects.filter(
            campaign__esa_id__in=esa_ids,
            campaign__opens_on__lte=local_today,
            campaign__deadline__gt=now,
        )
        .select_related("campaign")
        .order_by("campaign__year_be", "position", "pk")
    )
