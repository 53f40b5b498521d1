"""A group's results computed now from stored answers and the pinned instrument; the published
ones."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from pramoen.awards.enums import EntryStatus
from pramoen.awards.models import Campaign, CampaignCategory, Entry
from pramoen.judging import domain
from pramoen.judging.enums import ReviewStatus
from pramoen.judging.models import (
    Assignment,
    Committee,
    Consensus,
    Eligibility,
    EntryResult,
    Review,
)
from pramoen.judging.scoring import (
    document,
    pinned_scoring,
    score_document,
)


def judging_entries(category: CampaignCategory, *, include_ineligible: bool = False) -> list[Entry]:
    """Submitted entries of a group; screened-out ones only when asked (results list them)."""
    entries = Entry.objects.filter(category=category, status=EntryStatus.SUBMITTED)
    if not include_ineligible:
        entries = entries.exclude(judging_eligibility__eligible=False)
    return list(entries.select_related("school", "school__network").order_by("pk"))


@dataclass(frozen=True, slots=True)
class EntryOutcome:
    entry: Entry
    judge_totals: tuple[tuple[int, Decimal], ...]
    pending: int  # assigned reviews not yet submitted
    method: str
    total: Decimal | None
    eligible: bool | None
    tier: str | None
    tier_label_th: str
    flag: domain.Disagreement | None
    consensus: bool
    calibrated_total: Decimal | None = None
    judge_calibrated: tuple[tuple[int, Decimal], ...] = ()
    rank: int | None = None


def entry_outcomes(category: CampaignCategory) -> list[EntryOutcome]:
    """Every entry's panel result computed now from stored answers and the pinned hash."""
    committee = Committee.objects.get(category=category)
    compiled = pinned_scoring(category)
    entries = judging_entries(category, include_ineligible=True)
    ids = [e.pk for e in entries]
    reviews: dict[int, list[Review]] = {pk: [] for pk in ids}
    for review in Review.objects.filter(entry_id__in=ids).order_by("judge_id"):
        reviews[review.entry_id].append(review)
    assigned: dict[int, set[int]] = {pk: set() for pk in ids}
    for entry_id, judge_id in Assignment.objects.filter(entry_id__in=ids).values_list(
        "entry_id", "judge_id"
    ):
        assigned[entry_id].add(judge_id)
    eligibility = dict(
        Eligibility.objects.filter(entry_id__in=ids).values_list("entry_id", "eligible")
    )
    consensus = {c.entry_id: c for c in Consensus.objects.filter(entry_id__in=ids)}
    scored_by_entry: dict[int, list[tuple[int, Any]]] = {}
    for entry in entries:
        eligible = eligibility.get(entry.pk)
        results = []
        for review in reviews[entry.pk]:
            if review.status != ReviewStatus.SUBMITTED:
                continue
            scored = score_document(
                compiled,
                document(
                    compiled=compiled, entry=entry, indicators=review.indicators, eligible=eligible
                ),
                partial=False,
            )
            if scored.result is not None:
                results.append((review.judge_id, scored.result))
        scored_by_entry[entry.pk] = results
    calibrated = domain.calibrate(
        {(j, pk): r.total for pk, results in scored_by_entry.items() for j, r in results}
    )
    outcomes: list[EntryOutcome] = []
    tie_keys: dict[int, tuple[Decimal, ...]] = {}
    for entry in entries:
        eligible = eligibility.get(entry.pk)
        results = scored_by_entry[entry.pk]
        submitted = {j for j, _ in results}
        pending = len(assigned[entry.pk] - submitted)
        flag = domain.disagreement(
            compiled,
            [r for _, r in results],
            max_spread=committee.max_spread,
            max_level_gap=committee.max_level_gap,
        )
        calibrated_totals = [calibrated[(j, entry.pk)] for j, _ in results]
        calibrated_total = (
            domain.aggregate(calibrated_totals, committee.aggregation) if results else None
        )
        total: Decimal | None = None
        method = committee.aggregation
        # Tier rules and tie-breaks read the components (aggregated like the totals).
        facts = domain.panel_facts([r for _, r in results], committee.aggregation)
        if entry.pk in consensus:
            scored = score_document(
                compiled,
                document(
                    compiled=compiled,
                    entry=entry,
                    indicators=consensus[entry.pk].indicators,
                    eligible=eligible,
                ),
                partial=False,
            )
            total = scored.result.total if scored.result else None
            method = "consensus"
            if scored.result is not None:
                facts = replace(domain.panel_facts([scored.result]), judges=len(results))
        elif results and committee.use_calibration:
            # Only when the campaign turns calibration on; otherwise it is shown, not used.
            total, method = calibrated_total, f"{committee.aggregation}_calibrated"
        elif results:
            total = domain.aggregate([r.total for _, r in results], committee.aggregation)
        tier, label = (None, "")
        if total is not None:
            if eligible is False:
                label = (
                    compiled.instrument.tiers.failed_gate_label_th
                    if compiled.instrument.tiers
                    else ""
                )
            else:
                tier, label = domain.tier_for_total(compiled, total, facts)
        outcomes.append(
            EntryOutcome(
                entry=entry,
                judge_totals=tuple((j, r.total) for j, r in results),
                pending=pending,
                method=method,
                total=total,
                eligible=eligible,
                tier=tier,
                tier_label_th=label,
                flag=flag,
                consensus=entry.pk in consensus,
                calibrated_total=calibrated_total,
                judge_calibrated=tuple((j, calibrated[(j, entry.pk)]) for j, _ in results),
            )
        )
        tie_keys[entry.pk] = domain.tie_break_key(compiled, facts.components)
    ranked = [o for o in outcomes if o.total is not None and o.eligible is not False]
    ranks = domain.competition_ranks(
        [o.total for o in ranked],  # type: ignore[misc]
        [tie_keys[o.entry.pk] for o in ranked],
    )
    by_entry = {o.entry.pk: rank for o, rank in zip(ranked, ranks, strict=True)}
    return [replace(o, rank=by_entry.get(o.entry.pk)) for o in outcomes]


def published_results(*, campaign: Campaign) -> QuerySet[EntryResult]:
    """Results of finalized groups (an entry reopened for appeal is withheld until re-finalized)."""
    return (
        EntryResult.objects.filter(
            entry__campaign=campaign,
            reopened_at__isnull=True,
            entry__category__committee__finalized_at__isnull=False,
        )
        # Screened-out entries are not announced (no tier); they stay in the chair's view.
        .exclude(eligible=False)
        .filter(entry__status=EntryStatus.SUBMITTED)
        .select_related(
            "entry",
            "entry__school",
            "entry__school__network",
            "entry__category",
            "entry__category__committee",
        )
        .order_by("entry__category__position", "entry__category_id", "rank", "entry_id")
    )
