"""Must show (issue 6): a finalized group recomputed from stored answers gives identical results."""

from decimal import Decimal

from pramoen.instruments import get_instrument, score, version_hash
from pramoen.judging import domain, selectors, services
from pramoen.judging.models import EntryResult, Review
from tests.judging.helpers import all_checked


def test_finalized_group_recomputes_identically(committee, chair, judges, make_entry, category):
    # Five entries, two tied, one screened out; answers differ per judge.
    plans = [
        [all_checked(), all_checked(), all_checked(drop=1)],
        [all_checked(drop=1)] * 3,
        [all_checked(drop=1)] * 3,  # ties with the previous one
        [all_checked(drop=2)] * 3,
        [all_checked()] * 3,
    ]
    entries = [make_entry() for _ in plans]
    screened = make_entry(eligible=False)
    for entry, answers in zip(entries, plans, strict=True):
        for judge, indicators in zip(judges, answers, strict=True):
            services.assignment_add(entry=entry, judge=judge, actor=chair)
            review = services.review_open(entry=entry, judge=judge)
            services.review_submit(
                review=review, actor=judge, seen_version=review.version, indicators=indicators
            )
    services.group_finalize(committee=committee, actor=chair)
    stored = {
        r.entry_id: (r.total, r.tier, r.rank)
        for r in EntryResult.objects.filter(entry__category=category)
    }

    # 1. Independently, with the public engine API and the pinned hash only.
    instrument = get_instrument(category.scoring_instrument_id)
    assert version_hash(instrument) == category.scoring_instrument_hash
    totals = {}
    for entry in entries:
        per_judge = [
            score(
                instrument,
                {
                    "instrument": instrument.id,
                    "fields": {},
                    "evidence": {},
                    "indicators": review.indicators,
                    "eligibility": {category.eligibility_instrument_id: True},
                },
            ).total
            for review in Review.objects.filter(entry=entry).order_by("judge_id")
        ]
        totals[entry.pk] = sum(per_judge, Decimal(0)) / len(per_judge)
    ranks = dict(zip(totals, domain.competition_ranks(list(totals.values())), strict=True))
    from pramoen.instruments.scoring import compile_instrument

    compiled = compile_instrument(instrument)
    expected = {
        pk: (str(total), domain.tier_for_total(compiled, total)[0] or "", ranks[pk])
        for pk, total in totals.items()
    }
    expected[screened.pk] = ("", "", None)
    assert stored == expected

    # 2. The service's own recomputation (what a re-finalization would write).
    again = {
        o.entry.pk: ("" if o.total is None else str(o.total), o.tier or "", o.rank)
        for o in selectors.entry_outcomes(category)
    }
    assert again == stored
    assert sorted(r for _, _, r in stored.values() if r) == [1, 2, 3, 3, 5]
