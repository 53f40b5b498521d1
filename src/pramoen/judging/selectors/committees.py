"""Committees as the chair and ESA staff see them, and who may sit on one."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from pramoen.accounts.enums import Role
from pramoen.accounts.models import User
from pramoen.awards.models import Campaign
from pramoen.judging.models import (
    Committee,
)


def committee_candidates(*, campaign: Campaign, committee: Committee | None = None) -> QuerySet:
    """Who ESA staff may put on a committee: judges and chairs of the campaign's ESA (an outside
    judge is given a judge role there), and whoever already sits on this committee."""
    esa_id = campaign.esa_id
    roles = Q(memberships__is_active=True, memberships__role__in=[Role.JUDGE, Role.COMMITTEE_CHAIR])
    here = Q(memberships__organization_id=esa_id) | Q(memberships__organization__parent_id=esa_id)
    seated = (
        Q(pk__in=[])
        if committee is None
        else (Q(chaired_committees=committee) | Q(judging_committees=committee))
    )
    return (
        User.objects.filter((roles & here) | seated)
        .distinct()
        .order_by("first_name", "last_name", "pk")
    )


def committees_chaired(*, user: User) -> QuerySet[Committee]:
    committees = Committee.objects.select_related("category", "category__campaign", "chair")
    if user.is_superuser:
        return committees.order_by("category__campaign_id", "category__position")
    return committees.filter(chair=user).order_by("category__campaign_id", "category__position")
