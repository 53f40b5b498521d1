"""The chair's group page at national scale: the group's scores cached against a fingerprint of
everything they are computed from, and one page of rows read for the entries shown.

``group_scores`` reads and scores the whole group (ranks need every total); a page view must not
pay that on every visit, so its result is kept in the cache under a key that changes whenever an
input changes: counts, version sums and latest times of the group's entries, reviews (every
review write bumps its version), assignments, screening and consensus rows, plus the committee's
settings and the pinned instrument. Finalization never reads this cache: it always recomputes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import Count, Max, Q, Sum

from pramoen.awards.enums import EntryStatus
from pramoen.awards.models import CampaignCategory, Entry
from pramoen.core.single_flight import cached_single_flight
from pramoen.judging.enums import ReviewStatus
from pramoen.judging.models import Assignment, Committee, Consensus, Eligibility, Review
from pramoen.judging.selectors.results import EntryScore, group_scores

CACHE_SECONDS = 600  # a bound on staleness should a write ever bypass the fingerprint
# The fingerprint itself reads the whole group (five aggregates); it is reused for a few seconds
# and forgotten at once when the chair acts (``services.group_page_forget``): others' changes
# (a judge's submission) show within this many seconds.
FINGERPRINT_SECONDS = 10
# How long a request waits for another process scoring the same group before scoring it itself.
WAIT_S = 30.0


def fingerprint_memo_key(committee: Committee) -> str:
    """The cache key of the group's reused fingerprint (``services.group_page_forget``)."""
    # The committee's own state is read with the page anyway: a finalization (its version) or a
    # change of settings is never hidden by the memo.
    settings = (
        committee.version,
        committee.aggregation,
        committee.max_spread,
        committee.max_level_gap,
        committee.use_calibration,
    )
    digest = hashlib.sha256(repr(settings).encode()).hexdigest()[:16]
    return f"judging:group-fingerprint:{committee.pk}:{digest}"


def _fingerprint(category: CampaignCategory, committee: Committee) -> str:
    if not FINGERPRINT_SECONDS:
        return _read_fingerprint(category, committee)
    return cached_single_flight(
        fingerprint_memo_key(committee),
        lambda: _read_fingerprint(category, committee),
        seconds=FINGERPRINT_SECONDS,
        wait_s=WAIT_S,
    )


def _read_fingerprint(category: CampaignCategory, committee: Committee) -> str:
    in_group = {"entry__category": category}
    parts: list[Any] = [
        category.pk,
        category.scoring_instrument_hash,
        committee.aggregation,
        committee.max_spread,
        committee.max_level_gap,
        committee.use_calibration,
        committee.version,
    ]
    parts += (
        Entry.objects.filter(category=category)
        .aggregate(
            n=Count("pk"),
            submitted=Count("pk", filter=Q(status=EntryStatus.SUBMITTED)),
            latest=Max("updated_at"),
        )
        .values()
    )
    parts += (
        Review.objects.filter(**in_group)
        .aggregate(n=Count("pk"), versions=Sum("version"), latest=Max("updated_at"))
        .values()
    )
    parts += Assignment.objects.filter(**in_group).aggregate(n=Count("pk"), last=Max("pk")).values()
    parts += (
        Eligibility.objects.filter(**in_group)
        .aggregate(
            n=Count("pk"), yes=Count("pk", filter=Q(eligible=True)), latest=Max("recorded_at")
        )
        .values()
    )
    parts += (
        Consensus.objects.filter(**in_group)
        .aggregate(n=Count("pk"), latest=Max("recorded_at"))
        .values()
    )
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def cached_group_scores(
    category: CampaignCategory, committee: Committee, *, fingerprint: str | None = None
) -> list[EntryScore]:
    """``group_scores(category)``, from the cache while none of its inputs changed."""
    key = f"judging:group-scores:{fingerprint or _fingerprint(category, committee)}"
    # Single flight: when a judge's submission changes the fingerprint, the chairs and staff
    # watching the group wait for one scoring of it instead of each scoring it at once.
    return cached_single_flight(
        key, lambda: group_scores(category), seconds=CACHE_SECONDS, wait_s=WAIT_S
    )


def group_page_scores(
    category: CampaignCategory,
    committee: Committee,
    *,
    search: str,
    show: str,
    page: str | None,
    size: int,
) -> tuple[Page, list[EntryScore], int]:
    """One page of the group's rows (a ``Page`` for the links; its scores; the group's size).

    The page itself is cached too, under the same fingerprint: reading back every score of a
    10,000-entry group to show 50 would cost more than the page's queries."""
    fingerprint = _fingerprint(category, committee)
    key = (
        "judging:group-page:"
        + hashlib.sha256(repr((fingerprint, search, show, page, size)).encode()).hexdigest()
    )
    found = cache.get(key)
    if found is None:
        scores = cached_group_scores(category, committee, fingerprint=fingerprint)
        shown = filter_scores(scores, category=category, search=search, show=show)
        cut = Paginator(shown, size).get_page(page)
        found = (cut.number, len(shown), list(cut.object_list), len(scores))
        cache.set(key, found, CACHE_SECONDS)
    number, count, rows, total = found
    return Paginator(range(count), size).page(number), rows, total


NEEDS_ACTION = "action"


def filter_scores(
    scores: Sequence[EntryScore], *, category: CampaignCategory, search: str, show: str
) -> list[EntryScore]:
    """The rows a chair asked for: a school or nominee name (one query), or only the entries
    that still need something (not screened, reviews pending, judges disagreeing)."""
    rows = list(scores)
    if search:
        ids = set(
            Entry.objects.filter(category=category, status=EntryStatus.SUBMITTED)
            .filter(Q(school__name_th__icontains=search) | Q(nominee_name__icontains=search))
            .values_list("pk", flat=True)
        )
        rows = [s for s in rows if s.entry_id in ids]
    if show == NEEDS_ACTION:
        rows = [
            s
            for s in rows
            if s.eligible is None
            or (
                s.eligible is not False
                and not s.consensus
                and (s.pending or s.total is None or (s.flag is not None and s.flag.flagged))
            )
        ]
    return rows


def _workload_counts(category: CampaignCategory) -> tuple[dict[int, int], dict[int, int]]:
    in_group = {"entry__category": category, "entry__status": EntryStatus.SUBMITTED}
    assigned = dict(
        Assignment.objects.filter(**in_group)
        .values("judge_id")
        .annotate(n=Count("pk"))
        .values_list("judge_id", "n")
    )
    submitted = dict(
        Review.objects.filter(**in_group, status=ReviewStatus.SUBMITTED)
        .values("judge_id")
        .annotate(n=Count("pk"))
        .values_list("judge_id", "n")
    )
    return assigned, submitted


def group_workload(
    *, category: CampaignCategory, members: dict[int, Any], committee: Committee | None = None
) -> list[dict[str, Any]]:
    """Each member's assigned and submitted count over the group's submitted entries: two
    aggregate queries over the whole group, whatever its size — with ``committee``, read once
    per fingerprint of the group (every assignment and review write changes it)."""
    if committee is None:
        assigned, submitted = _workload_counts(category)
    else:
        assigned, submitted = cached_single_flight(
            f"judging:group-workload:{_fingerprint(category, committee)}",
            lambda: _workload_counts(category),
            seconds=CACHE_SECONDS,
            wait_s=WAIT_S,
        )
    return [
        {"judge": m, "assigned": assigned.get(pk, 0), "submitted": submitted.get(pk, 0)}
        for pk, m in members.items()
    ]
