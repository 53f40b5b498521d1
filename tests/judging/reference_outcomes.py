"""The per-row implementation of ``entry_outcomes`` and ``group_finalize`` as it was before the
set-based rewrite (issue 12; with the tier rules and tie-breaks of issue 14), kept verbatim in its
arithmetic as the reference the new code must
match on a varied group (tests/judging/test_bulk_finalize.py)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

from pramoen.judging import domain
from pramoen.judging.enums import ReviewStatus
from pramoen.judging.models import Assignment, Committee, Consensus, Eligibility, Review
from pramoen.judging.scoring import document, pinned_scoring, score_document
from pramoen.judging.selectors.results import judging_entries


def _old_disagreement(compiled, results, *, max_spread, max_level_gap):
    if len(results) < 2:
        return domain.Disagreement(Decimal(0), False, ())
    totals = [r.total for r in results]
    spread = max(totals) - min(totals)
    wide: list[str] = []
    by_path: dict[str, list[int]] = {}
    for result in results:
        for ind in result.indicators:
            if not ind.applicable:
                continue
            index = domain.level_index(compiled, ind.path, ind.level)
            if index is not None:
                by_path.setdefault(ind.path, []).append(index)
    for path, indexes in by_path.items():
        if max(indexes) - min(indexes) > max_level_gap:
            wide.append(path)
    return domain.Disagreement(spread, spread > max_spread, tuple(wide))


def reference_outcomes(category) -> list[dict[str, Any]]:
    """One dict per entry (entry id, every EntryOutcome field), computed row by row."""
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
        {(j, pk): r.total for pk, results in scored_by_entry.items() for j, r in results},
        # on the instrument's scale (issue 20): every result has the same full marks
        maximum=next((r.maximum for rs in scored_by_entry.values() for _j, r in rs), None),
    )
    outcomes: list[dict[str, Any]] = []
    tie_keys: dict[int, tuple[Decimal, ...]] = {}
    for entry in entries:
        eligible = eligibility.get(entry.pk)
        results = scored_by_entry[entry.pk]
        submitted = {j for j, _ in results}
        pending = len(assigned[entry.pk] - submitted)
        flag = _old_disagreement(
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
            {
                "entry_id": entry.pk,
                "judge_totals": tuple((j, r.total) for j, r in results),
                "pending": pending,
                "method": method,
                "total": total,
                "eligible": eligible,
                "tier": tier,
                "tier_label_th": label,
                "flag": flag,
                "consensus": entry.pk in consensus,
                "calibrated_total": calibrated_total,
                "judge_calibrated": tuple((j, calibrated[(j, entry.pk)]) for j, _ in results),
            }
        )
        tie_keys[entry.pk] = domain.tie_break_key(compiled, facts.components)
    ranked = [o for o in outcomes if o["total"] is not None and o["eligible"] is not False]
    ranks = domain.competition_ranks(
        [o["total"] for o in ranked], [tie_keys[o["entry_id"]] for o in ranked]
    )
    by_entry = {o["entry_id"]: rank for o, rank in zip(ranked, ranks, strict=True)}
    for o in outcomes:
        o["rank"] = by_entry.get(o["entry_id"])
    return outcomes


def reference_results(category) -> dict[int, dict[str, Any]]:
    """What the per-row ``group_finalize`` stored for each entry (``EntryResult`` fields)."""
    from pramoen.judging.services.result_store import _display

    compiled = pinned_scoring(category)
    return {
        o["entry_id"]: {
            "instrument_hash": category.scoring_instrument_hash,
            "method": o["method"],
            "total": "" if o["total"] is None else str(o["total"]),
            "total_display": "-" if o["total"] is None else _display(compiled, o["total"]),
            "eligible": o["eligible"],
            "tier": o["tier"] or "",
            "tier_label_th": o["tier_label_th"],
            "rank": o["rank"],
            "judge_totals": [[j, str(t)] for j, t in o["judge_totals"]],
            "reopened_at": None,
            "reopen_reason": "",
        }
        for o in reference_outcomes(category)
    }
