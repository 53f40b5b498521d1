"""A group's results computed now from stored answers and the pinned instrument; the published
ones."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet, TextField
from django.db.models.fields.json import KeyTransform
from django.db.models.functions import Cast

from pramoen.awards.enums import EntryStatus
from pramoen.awards.models import Campaign, CampaignCategory, Entry
from pramoen.judging import domain
from pramoen.judging.enums import ReviewStatus
from pramoen.judging.fastjson import decode
from pramoen.judging.models import (
    Assignment,
    Committee,
    Consensus,
    Eligibility,
    EntryResult,
    Review,
)
from pramoen.judging.proof import proof_holds
from pramoen.judging.scoring import (
    document,
    pinned_scoring,
    score_document,
    score_validated,
)

BATCH = 5000  # rows per round trip when a group's rows are streamed


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


@dataclass(frozen=True, slots=True)
class EntryScore:
    """``EntryOutcome`` by entry id, without the entry (bulk finalization loads no entries)."""

    entry_id: int
    judge_totals: tuple[tuple[int, Decimal], ...]
    pending: int
    method: str
    total: Decimal | None
    eligible: bool | None
    tier: str | None
    tier_label_th: str
    flag: domain.Disagreement | None
    consensus: bool
    calibrated_total: Decimal | None
    judge_calibrated: tuple[tuple[int, Decimal], ...]
    rank: int | None = None


def entry_outcomes(category: CampaignCategory) -> list[EntryOutcome]:
    """Every entry's panel result computed now from stored answers and the pinned hash."""
    entries = judging_entries(category, include_ineligible=True)
    parts = {e.pk: (e.answers or {}).get("scoring") or {} for e in entries}
    scores = group_scores(category, parts=parts)
    return [
        EntryOutcome(entry=entry, **outcome_fields(score))
        for entry, score in zip(entries, scores, strict=True)
    ]


def outcome_fields(score: EntryScore) -> dict[str, Any]:
    """An ``EntryScore``'s fields as ``EntryOutcome`` takes them (with the entry beside)."""
    return {f: getattr(score, f) for f in _OUTCOME_FIELDS}


_OUTCOME_FIELDS = tuple(f.name for f in fields(EntryScore) if f.name != "entry_id")


class _Entry:
    """What ``scoring.document`` reads of an entry, for entries not loaded as models."""

    __slots__ = ("answers",)

    def __init__(self, scoring: dict[str, Any]) -> None:
        self.answers = {"scoring": scoring}


def _judge(scored: tuple[int, Any]) -> int:
    return scored[0]


def group_scores(
    category: CampaignCategory, *, parts: dict[int, dict[str, Any]] | None = None
) -> list[EntryScore]:
    """Every submitted entry's result, by entry id in id order, with set-based reads.

    ``parts`` (entry id → the entry's ``answers["scoring"]``) when the caller has loaded the
    entries; otherwise they are read here, the scoring part only. One query per table (reviews,
    assignments, screening, consensus), each joined on the group rather than listing ids, so the
    cost is linear in the group's size; the engine scores every submitted review once.
    """
    committee = Committee.objects.get(category=category)
    compiled = pinned_scoring(category)
    in_group = {"entry__category": category, "entry__status": EntryStatus.SUBMITTED}
    if parts is None:
        parts = {
            pk: decode(scoring) or {}
            for pk, scoring in Entry.objects.filter(category=category, status=EntryStatus.SUBMITTED)
            .annotate(scoring=Cast(KeyTransform("scoring", "answers"), TextField()))
            .order_by("pk")
            .values_list("pk", "scoring")
            .iterator(chunk_size=BATCH)
        }
    ids = list(parts)
    eligibility = dict(Eligibility.objects.filter(**in_group).values_list("entry_id", "eligible"))
    consensus = dict(Consensus.objects.filter(**in_group).values_list("entry_id", "indicators"))
    assigned: dict[int, set[int]] = {pk: set() for pk in ids}
    for entry_id, judge_id in (
        Assignment.objects.filter(**in_group)
        .values_list("entry_id", "judge_id")
        .iterator(chunk_size=BATCH)
    ):
        if entry_id in assigned:
            assigned[entry_id].add(judge_id)
    scored_by_entry: dict[int, list[tuple[int, Any]]] = {pk: [] for pk in ids}
    shells = {pk: _Entry(part) for pk, part in parts.items()}
    for entry_id, judge_id, text, proved in (
        Review.objects.filter(**in_group, status=ReviewStatus.SUBMITTED)
        .annotate(
            proved=proof_holds(category.scoring_instrument_hash),
            text=Cast("indicators", TextField()),
        )
        # Unordered: sorting every review row in the database cost more than the query
        # (it spilled to disk at 30,000 rows); each entry's few are put in judge order below.
        .order_by()
        .values_list("entry_id", "judge_id", "text", "proved")
        .iterator(chunk_size=BATCH)
    ):
        if entry_id not in shells:
            continue
        doc = document(
            compiled=compiled,
            entry=shells[entry_id],
            indicators=decode(text),
            eligible=eligibility.get(entry_id),
        )
        # A review proven valid against this pin, on these very rows, passes the check again:
        # only the engine runs (judging.proof); any other is validated as a submit would.
        scored = (
            score_validated(compiled, doc)
            if proved
            else score_document(compiled, doc, partial=False)
        )
        if scored.result is not None:
            scored_by_entry[entry_id].append((judge_id, scored.result))
    for results in scored_by_entry.values():
        results.sort(key=_judge)  # the judges' order, as every total list and audit shows it
    full_marks = next((r.maximum for rs in scored_by_entry.values() for _j, r in rs), None)
    calibrated = domain.calibrate(
        {(j, pk): r.total for pk, results in scored_by_entry.items() for j, r in results},
        maximum=full_marks,
    )
    plan = domain.level_plan(compiled)
    failed_gate_label = (
        compiled.instrument.tiers.failed_gate_label_th if compiled.instrument.tiers else ""
    )
    scores: list[dict[str, Any]] = []
    tie_keys: dict[int, tuple[Decimal, ...]] = {}
    for pk in ids:
        eligible = eligibility.get(pk)
        results = scored_by_entry[pk]
        submitted = {j for j, _ in results}
        pending = len(assigned[pk] - submitted)
        flag = domain.disagreement(
            compiled,
            [r for _, r in results],
            max_spread=committee.max_spread,
            max_level_gap=committee.max_level_gap,
            plan=plan,
        )
        calibrated_totals = [calibrated[(j, pk)] for j, _ in results]
        calibrated_total = (
            domain.aggregate(calibrated_totals, committee.aggregation) if results else None
        )
        total: Decimal | None = None
        method = committee.aggregation
        # Tier rules and tie-breaks read the components (aggregated like the totals).
        facts = domain.panel_facts([r for _, r in results], committee.aggregation)
        if pk in consensus:
            scored = score_document(
                compiled,
                document(
                    compiled=compiled,
                    entry=shells[pk],
                    indicators=consensus[pk],
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
                label = failed_gate_label
            else:
                tier, label = domain.tier_for_total(compiled, total, facts)
        scores.append(
            dict(
                entry_id=pk,
                judge_totals=tuple((j, r.total) for j, r in results),
                pending=pending,
                method=method,
                total=total,
                eligible=eligible,
                tier=tier,
                tier_label_th=label,
                flag=flag,
                consensus=pk in consensus,
                calibrated_total=calibrated_total,
                judge_calibrated=tuple((j, calibrated[(j, pk)]) for j, _ in results),
            )
        )
        tie_keys[pk] = domain.tie_break_key(compiled, facts.components)
    ranked = [s for s in scores if s["total"] is not None and s["eligible"] is not False]
    ranks = domain.competition_ranks(
        [s["total"] for s in ranked],
        [tie_keys[s["entry_id"]] for s in ranked],
    )
    by_entry = {s["entry_id"]: rank for s, rank in zip(ranked, ranks, strict=True)}
    # Built once the ranks are known (a frozen dataclass copied per entry costs more).
    return [EntryScore(**s, rank=by_entry.get(s["entry_id"])) for s in scores]


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
