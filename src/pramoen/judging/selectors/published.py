"""The announced results at national scale: the groups that have them, one group's rows a page
at a time, and the medal tables counted by the database (issue 12)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Min, Q, QuerySet

from pramoen.awards.models import Campaign, CampaignCategory
from pramoen.judging.models import EntryResult
from pramoen.judging.selectors.results import published_results
from pramoen.thai import thai_sort_key


def published_groups(*, campaign: Campaign) -> list[CampaignCategory]:
    """The campaign's finalized groups that announce at least one result, in campaign order,
    each with ``announced`` (how many): one query."""
    counts = dict(
        published_results(campaign=campaign)
        .order_by()
        .values("entry__category_id")
        .annotate(n=Count("pk"))
        .values_list("entry__category_id", "n")
    )
    groups = list(
        CampaignCategory.objects.filter(pk__in=counts)
        .select_related("committee")
        .order_by("position", "pk")
    )
    for group in groups:
        group.announced = counts[group.pk]  # type: ignore[attr-defined]  # shown
    return groups


def group_results(
    *, campaign: Campaign, category: CampaignCategory, search: str = ""
) -> QuerySet[EntryResult]:
    """One group's announced results in rank order; ``search`` in the school or nominee name."""
    rows = published_results(campaign=campaign).filter(entry__category=category)
    if search:
        rows = rows.filter(
            Q(entry__school__name_th__icontains=search) | Q(entry__nominee_name__icontains=search)
        )
    return rows


def school_medals(*, campaign: Campaign, tiers: list[str]) -> QuerySet[Any]:
    """Per school name: how many of each tier, most golds first (then silvers…), then the
    name in Thai order — counted by the database, for paging."""
    counts = {tier: Count("pk", filter=Q(tier=tier)) for tier in tiers}
    return (
        published_results(campaign=campaign)
        .filter(tier__in=tiers)
        .order_by()
        .values("entry__school__name_th")
        .annotate(sort=Min("entry__school__name_sort"), **counts)
        .order_by(*(f"-{tier}" for tier in tiers), "sort", "entry__school__name_th")
    )


def network_medals(*, campaign: Campaign, tiers: list[str]) -> list[tuple[str, list[int]]]:
    """Per school network: the tier counts, in the order of ``school_medals`` (a campaign's
    networks are few: they are sorted here, in Thai order)."""
    counts = {tier: Count("pk", filter=Q(tier=tier)) for tier in tiers}
    rows = (
        published_results(campaign=campaign)
        .filter(tier__in=tiers, entry__school__network__isnull=False)
        .order_by()
        .values("entry__school__network__name")
        .annotate(**counts)
    )
    table = [
        (str(row["entry__school__network__name"]), [int(row[t]) for t in tiers])  # type: ignore[literal-required]
        for row in rows
    ]
    return sorted(table, key=lambda r: (tuple(-n for n in r[1]), thai_sort_key(r[0])))


def results_fingerprint(*, campaign: Campaign) -> tuple[Any, ...]:
    """What the announced results of ``campaign`` depend on, in two small aggregate queries:
    every finalization bumps its committee's version; an appeal stamps ``reopened_at`` (and the
    re-finalization clears it, bumping the version again)."""
    from django.db.models import Max, Sum

    from pramoen.judging.models import Committee

    committees = Committee.objects.filter(category__campaign=campaign).aggregate(
        n=Count("pk"), versions=Sum("version"), last=Max("finalized_at")
    )
    reopened = EntryResult.objects.filter(
        entry__campaign=campaign, reopened_at__isnull=False
    ).aggregate(n=Count("pk"), last=Max("reopened_at"))
    return (*committees.values(), *reopened.values())
