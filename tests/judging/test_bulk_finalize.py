"""The set-based ``entry_outcomes`` / ``group_finalize`` (issue 12) give exactly what the per-row
implementation gave (tests/judging/reference_outcomes.py) on a group with ties, screened-out and
unscreened entries, missing and draft reviews, an invalid stored review, a consensus, a withdrawn
entry, under each aggregation with and without calibration; a re-finalization audits only the
entries whose result changed."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pramoen.awards.enums import EntryStatus
from pramoen.awards.models import Entry
from pramoen.core.models import AuditEvent
from pramoen.judging import selectors, services
from pramoen.judging.models import Committee, EntryResult, Review
from tests.judging.helpers import all_checked
from tests.judging.reference_outcomes import reference_outcomes, reference_results

FIELDS = (
    "judge_totals",
    "pending",
    "method",
    "total",
    "eligible",
    "tier",
    "tier_label_th",
    "flag",
    "consensus",
    "calibrated_total",
    "judge_calibrated",
    "rank",
)


def _submit(entry, judge, indicators):
    services.assignment_add(entry=entry, judge=judge, actor=judge)
    review = services.review_open(entry=entry, judge=judge)
    services.review_submit(
        review=review, actor=judge, seen_version=review.version, indicators=indicators
    )


def _panel(entry, judges, drops):
    for judge, drop in zip(judges, drops, strict=True):
        _submit(entry, judge, all_checked(drop=drop))


@pytest.fixture
def finalizable(committee, chair, judges, make_entry):
    """A group that can be finalized: ties, spread, a screened-out entry, a consensus, a
    withdrawn entry. Wide disagreement limits, so the spread does not block it."""
    Committee.objects.filter(pk=committee.pk).update(max_spread=100, max_level_gap=10)
    tie_a, tie_b, spread = make_entry(), make_entry(), make_entry()
    _panel(tie_a, judges, (1, 1, 1))
    _panel(tie_b, judges, (1, 1, 1))
    _panel(spread, judges, (0, 1, 3))
    _panel(make_entry(), judges, (2, 2, 0))
    _panel(make_entry(eligible=False), judges, (0, 0, 0))
    agreed = make_entry()
    _panel(agreed, judges, (0, 4, 4))
    services.consensus_record(entry=agreed, actor=chair, indicators=all_checked(1), reason="มติ")
    gone = make_entry()
    _panel(gone, judges, (0, 0, 0))
    Entry.objects.filter(pk=gone.pk).update(status=EntryStatus.WITHDRAWN)
    return committee


@pytest.fixture
def varied(finalizable, chair, judges, make_entry):
    """``finalizable`` plus what blocks finalization: unscreened, pending, draft, invalid."""
    Committee.objects.filter(pk=finalizable.pk).update(max_spread=10, max_level_gap=1)
    _panel(make_entry(eligible=None), judges, (0, 1, 1))
    pending = make_entry()
    _panel(pending, judges[:2], (1, 2))
    services.assignment_add(entry=pending, judge=judges[2], actor=chair)
    draft = make_entry()
    _panel(draft, judges[:2], (0, 0))
    services.assignment_add(entry=draft, judge=judges[2], actor=chair)
    review = services.review_open(entry=draft, judge=judges[2])
    services.review_save(
        review=review, actor=judges[2], seen_version=review.version, indicators=all_checked()
    )
    broken = make_entry()
    _panel(broken, judges, (0, 0, 0))
    Review.objects.filter(entry=broken, judge=judges[1]).update(indicators={"x.y": {"no": 1}})
    make_entry()  # nobody scored it
    return finalizable


SETTINGS = [
    {"aggregation": "mean", "use_calibration": False},
    {"aggregation": "median", "use_calibration": False},
    {"aggregation": "trimmed", "use_calibration": True},
    {"aggregation": "mean", "use_calibration": True},
]


def test_outcomes_match_the_per_row_implementation(varied):
    for settings in SETTINGS:  # one set-up (it is the slow part), every way to aggregate
        Committee.objects.filter(pk=varied.pk).update(**settings)
        expected = reference_outcomes(varied.category)
        got = selectors.entry_outcomes(varied.category)
        assert [o.entry.pk for o in got] == [o["entry_id"] for o in expected]
        assert [{f: getattr(o, f) for f in FIELDS} for o in got] == [
            {f: o[f] for f in FIELDS} for o in expected
        ], settings
    methods = {o["method"] for o in expected}
    assert "consensus" in methods and any(o["flag"].flagged for o in expected)
    assert {o["pending"] for o in expected} >= {0, 1}
    assert {o["eligible"] for o in expected} == {True, False, None}
    ranks = [o["rank"] for o in expected if o["rank"] is not None]
    assert len(ranks) > len(set(ranks)), "the fixture has a tie"


@pytest.mark.parametrize("settings", SETTINGS)
def test_finalize_stores_what_the_per_row_implementation_stored(finalizable, chair, settings):
    Committee.objects.filter(pk=finalizable.pk).update(**settings)
    expected = reference_results(finalizable.category)
    returned = services.group_finalize(committee=finalizable, actor=chair)
    stored = {
        r.entry_id: {f: getattr(r, f) for f in expected[r.entry_id]}
        for r in EntryResult.objects.all()
    }
    assert stored == expected
    assert {r.entry_id: r.total for r in returned} == {
        pk: row["total"] for pk, row in expected.items()
    }
    assert all(r.pk for r in returned)
    [event] = AuditEvent.objects.filter(action="judging.finalize")
    assert event.after["results"] == {
        str(pk): [row["total"], row["tier"], row["rank"]] for pk, row in expected.items()
    }
    assert event.after["entries"] == len(expected) and event.after["changed"] == 0
    assert not AuditEvent.objects.filter(action="judging.result_change").exists()
    assert event.after["tiers"] == {
        t: sum(1 for row in expected.values() if row["tier"] == t)
        for t in sorted({row["tier"] for row in expected.values()})
    }


def test_refinalize_audits_the_entries_that_changed(finalizable, chair, judges, staff):
    services.group_finalize(committee=finalizable, actor=chair)
    results = {r.entry_id: r for r in EntryResult.objects.all()}
    appealed = Entry.objects.get(pk=min(r for r in results if results[r].rank == 1))
    services.entry_reopen(entry=appealed, actor=staff, reason="อุทธรณ์")
    for review in Review.objects.filter(entry=appealed).order_by("judge_id"):
        services.review_submit(
            review=review,
            actor=review.judge,
            seen_version=review.version,
            indicators=all_checked(drop=6),
        )
    finalizable.refresh_from_db()
    expected = reference_results(finalizable.category)
    services.group_finalize(committee=finalizable, actor=chair)
    stored = {
        r.entry_id: {f: getattr(r, f) for f in expected[r.entry_id]}
        for r in EntryResult.objects.all()
    }
    assert stored == expected
    moved = {
        pk
        for pk, row in expected.items()
        if (row["total"], row["tier"], row["rank"], row["eligible"])
        != (
            results[pk].total,
            results[pk].tier,
            results[pk].rank,
            results[pk].eligible,
        )
    }
    assert appealed.pk in moved and len(moved) > 1, "its rank and the others' ranks moved"
    events = AuditEvent.objects.filter(action="judging.result_change")
    assert {int(e.target_id) for e in events} == moved
    one = events.get(target_id=str(appealed.pk))
    assert one.before["total"] == results[appealed.pk].total
    assert one.after["total"] == expected[appealed.pk]["total"]
    last = AuditEvent.objects.filter(action="judging.finalize").order_by("pk").last()
    assert last.after["changed"] == len(moved)


def _finalize_queries(committee, chair):
    committee.refresh_from_db()
    with CaptureQueriesContext(connection) as queries:
        services.group_finalize(committee=committee, actor=chair)
    return len(queries)


def test_finalize_runs_as_many_queries_for_more_entries(committee, chair, judges, make_entry):
    for _ in range(2):
        _panel(make_entry(), judges, (1, 1, 1))
    small = _finalize_queries(committee, chair)
    for _ in range(6):
        _panel(make_entry(), judges, (1, 1, 1))
    assert _finalize_queries(committee, chair) == small
