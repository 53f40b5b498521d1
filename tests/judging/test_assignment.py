"""Automatic assignment by min-cost flow (issue 14): the pure planner and the service."""

from __future__ import annotations

import random
from collections import Counter
from decimal import Decimal

import pytest

from pramoen.accounts.enums import Role
from pramoen.accounts.services import membership_grant
from pramoen.judging import services
from pramoen.judging.assignment import Task, judge_loads, plan_flow, plan_greedy, weight_classes
from pramoen.judging.models import Assignment


def _instance(seed: int, entries: int = 60, judges: int = 7, per_entry: int = 3):
    rnd = random.Random(seed)
    tasks = [
        Task(key=e, weight=Decimal(1) + Decimal(rnd.randint(10, 100)) / 100, need=per_entry)
        for e in range(entries)
    ]
    keys = list(range(100, 100 + judges))
    allowed = {
        e: frozenset(j for j in keys if rnd.random() > 0.3)  # 30 % conflicted pairs
        for e in range(entries)
    }
    return tasks, keys, allowed


@pytest.mark.parametrize("seed", range(6))
def test_flow_never_assigns_a_conflict_and_staffs_every_entry_it_can(seed):
    tasks, judges, allowed = _instance(seed)
    plan = plan_flow(tasks=tasks, judges=judges, allowed=allowed)
    assert all(j in allowed[e] for e, j in plan.pairs)
    assert len(set(plan.pairs)) == len(plan.pairs)
    got = Counter(e for e, _j in plan.pairs)
    for task in tasks:
        assert got[task.key] == min(task.need, len(allowed[task.key]))
        assert plan.short.get(task.key, 0) == task.need - got[task.key]


@pytest.mark.parametrize("seed", range(4))
def test_flow_balances_counts_and_pages_at_least_as_well_as_the_greedy(seed):
    tasks, judges, allowed = _instance(seed, entries=90, judges=9)
    plan = plan_flow(tasks=tasks, judges=judges, allowed=allowed)
    counts = Counter(j for _e, j in plan.pairs)
    assert max(counts.values()) - min(counts.values()) <= 1
    flow = judge_loads(plan, tasks, judges)
    greedy = judge_loads(plan_greedy(tasks=tasks, judges=judges, allowed=allowed), tasks, judges)
    # Balanced: no two judges differ by more than the heaviest portfolio.
    assert max(flow.values()) - min(flow.values()) <= max(t.weight for t in tasks)
    assert max(flow.values()) <= max(greedy.values())


def test_dense_conflicts_flow_spreads_where_the_greedy_piles_up():
    # Judges 1–2 are conflicted with the second half of the entries; the greedy, taking the
    # heaviest first, fills 1–2 up early and then has to pile the rest onto 3–4.
    tasks = [Task(key=e, weight=Decimal(2) if e < 4 else Decimal(1), need=1) for e in range(10)]
    allowed = {e: frozenset({1, 2, 3, 4} if e < 4 else {3, 4}) for e in range(10)}
    greedy = judge_loads(
        plan_greedy(tasks=tasks, judges=[1, 2, 3, 4], allowed=allowed), tasks, [1, 2, 3, 4]
    )
    flow = judge_loads(
        plan_flow(tasks=tasks, judges=[1, 2, 3, 4], allowed=allowed), tasks, [1, 2, 3, 4]
    )
    assert flow == {1: 4, 2: 4, 3: 3, 4: 3}  # 1, 2: two heavy each; 3, 4: three light each
    assert max(greedy.values()) == 5  # 3, 4: one heavy and three light each


def test_expertise_picks_among_equal_loads_but_never_unbalances():
    tasks = [Task(key=e, weight=Decimal(1), need=1) for e in range(6)]
    allowed = {e: frozenset({1, 2}) for e in range(6)}
    # Judge 1 is the expert for every entry: it gets only its fair half.
    plan = plan_flow(
        tasks=tasks, judges=[1, 2], allowed=allowed, expertise={(1, e): 2 for e in range(6)}
    )
    assert Counter(j for _e, j in plan.pairs) == {1: 3, 2: 3}
    # Judge 1 is the expert for three entries only: it gets exactly those (either three).
    for expert_on in ({0, 1, 2}, {3, 4, 5}, {0, 2, 4}):
        plan = plan_flow(
            tasks=tasks, judges=[1, 2], allowed=allowed, expertise={(1, e): 1 for e in expert_on}
        )
        assert {e for e, j in plan.pairs if j == 1} == expert_on


def test_existing_load_counts():
    tasks = [Task(key=e, weight=Decimal(1), need=1) for e in range(4)]
    allowed = {e: frozenset({1, 2}) for e in range(4)}
    plan = plan_flow(tasks=tasks, judges=[1, 2], allowed=allowed, load={1: Decimal(2)})
    assert Counter(j for _e, j in plan.pairs) == {1: 1, 2: 3}


def test_weight_classes_keep_equal_weights_together():
    classes = weight_classes([100, 100, 100, 150, 200, 200, 300, 300], classes=4)
    assert classes[0] == classes[1] == classes[2]
    assert classes[4] == classes[5] and classes[6] == classes[7]
    assert classes == sorted(classes)


def test_service_never_assigns_conflicts_and_reports_infeasible_entries_in_thai(
    committee, judges, make_entry, chair, make_school, network
):
    school = make_school(network=network)
    membership_grant(user=judges[0], role=Role.JUDGE, organization=make_school(network=network))
    own = make_entry(school)  # same network as judges[0]
    declared = make_entry()
    services.conflict_declare(entry=declared, judge=judges[1], reason="เป็นญาติ")
    free = [make_entry() for _ in range(3)]
    warnings = services.assignments_auto(committee=committee, actor=chair, per_entry=3)
    pairs = set(Assignment.objects.values_list("entry_id", "judge_id"))
    assert (own.pk, judges[0].pk) not in pairs
    assert (declared.pk, judges[1].pk) not in pairs
    assert all(Assignment.objects.filter(entry=e).count() == 3 for e in free)
    assert warnings == [
        f"{own}: มีกรรมการที่ไม่มีส่วนได้เสียไม่พอ (ได้ ๒ จาก ๓ คน)",
        f"{declared}: มีกรรมการที่ไม่มีส่วนได้เสียไม่พอ (ได้ ๒ จาก ๓ คน)",
    ]


def test_service_prefers_the_judge_whose_school_teaches_the_level(
    committee, judges, make_entry, chair, make_school
):
    secondary = make_school(levels="lower_secondary,upper_secondary")
    membership_grant(
        user=judges[2], role=Role.JUDGE, organization=make_school(levels="upper_secondary")
    )
    membership_grant(user=judges[0], role=Role.JUDGE, organization=make_school(levels="primary"))
    entries = [make_entry(secondary), make_entry(make_school(levels="primary"))]
    services.assignments_auto(committee=committee, actor=chair, per_entry=1)
    assert Assignment.objects.get(entry=entries[0]).judge_id == judges[2].pk
    assert Assignment.objects.get(entry=entries[1]).judge_id == judges[0].pk


def test_service_keeps_existing_assignments_and_balances_around_them(
    committee, judges, make_entry, chair
):
    entries = [make_entry() for _ in range(3)]
    services.assignment_add(entry=entries[0], judge=judges[0], actor=chair)
    services.assignments_auto(committee=committee, actor=chair, per_entry=1)
    assert Assignment.objects.get(entry=entries[0]).judge_id == judges[0].pk
    assert sorted(Assignment.objects.values_list("judge_id", flat=True)) == sorted(
        j.pk for j in judges
    )


@pytest.mark.parametrize("expert", [0, 1, 2])  # each in turn: no default choice passes all three
def test_service_prefers_the_judge_who_judged_this_kind_of_group_before(
    committee, judges, make_entry, chair, esa, staff, expert
):
    from pramoen.awards.services import campaign_create
    from tests.awards.conftest import SCHOOL_ACADEMIC, campaign_fields

    past = campaign_create(
        esa=esa,
        actor=staff,
        categories=[SCHOOL_ACADEMIC],
        **campaign_fields(edition=4, year_be=2568),
    )
    services.committee_create(
        category=past.categories.get(), chair=chair, members=[judges[expert]], actor=staff
    )
    entry = make_entry()
    services.assignments_auto(committee=committee, actor=chair, per_entry=1)
    assert Assignment.objects.get(entry=entry).judge_id == judges[expert].pk
