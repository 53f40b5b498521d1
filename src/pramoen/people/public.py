"""Reads for the public landing page and the public edition page (issue 20): what anyone may
read before applying — editions open now (dates, rules, groups and their criteria), the call
letter, announcements and published results."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from pramoen.awards.models import Campaign, CampaignCategory
from pramoen.core.instrument_store import instrument_pinned
from pramoen.instruments.schema import Instrument

LIMIT = 20


def local_today(now: datetime) -> date:
    return timezone.localtime(now, timezone.get_default_timezone()).date()


def current_editions(*, now: datetime) -> QuerySet[Campaign]:
    """Editions open for entries now or opening later, soonest deadline first, each with how
    many groups it has (one query)."""
    return (
        Campaign.objects.filter(deadline__gt=now, draft=False)
        .select_related("esa")
        .annotate(group_count=Count("categories"))
        .order_by("deadline", "pk")
    )


def announced_editions(*, now: datetime) -> QuerySet[Campaign]:
    """Editions whose results are announced (from their announcement day), newest first."""
    return (
        Campaign.objects.filter(announce_on__lte=local_today(now), draft=False)
        .select_related("esa")
        .order_by("-announce_on", "-pk")
    )


def coming_announcements(*, now: datetime) -> QuerySet[Campaign]:
    """Editions with an announcement day still to come: the dates people wait for."""
    return (
        Campaign.objects.filter(announce_on__gt=local_today(now), draft=False)
        .select_related("esa")
        .order_by("announce_on", "pk")
    )


def public_edition(*, pk: int, now: datetime) -> Campaign:
    """An edition anyone may read once it has opened (or is announced); before that, not found."""
    today = local_today(now)
    campaign = (
        Campaign.objects.select_related("esa")
        .filter(Q(opens_on__lte=today) | Q(announce_on__lte=today), pk=pk, draft=False)
        .first()
    )
    if campaign is None:
        raise Http404
    return campaign


@dataclass
class GroupCriteria:
    category: CampaignCategory
    scoring: Instrument | None


def edition_groups(*, campaign: Campaign) -> list[GroupCriteria]:
    """Each group with its pinned scoring instrument (components and indicators to read). A pin
    is loaded once however many groups share it."""
    groups = list(campaign.categories.order_by("position", "pk"))
    loaded: dict[tuple[str, str], Instrument | None] = {}
    out = []
    for group in groups:
        key = (group.scoring_instrument_id, group.scoring_instrument_hash)
        if key not in loaded:
            try:
                loaded[key] = instrument_pinned(*key)
            except ValidationError:  # a pin found nowhere: the page still lists the group
                loaded[key] = None
        out.append(GroupCriteria(category=group, scoring=loaded[key]))
    return out
