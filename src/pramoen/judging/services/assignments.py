"""Assignment of judges to entries: automatic (min-cost flow: balanced, conflict-free, expertise
preferred) and by hand."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from pramoen.awards.models import Entry
from pramoen.awards.pages import page_count
from pramoen.core.services import audit_record
from pramoen.core.types import User
from pramoen.judging.assignment import Task, plan_flow
from pramoen.judging.enums import ReviewStatus
from pramoen.judging.models import (
    Assignment,
    Committee,
    Review,
)
from pramoen.judging.selectors.expertise import assignment_expertise
from pramoen.judging.selectors.results import judging_entries
from pramoen.judging.services.conflicts import conflicted_entry_ids, is_conflicted
from pramoen.thai import to_thai_digits


def portfolio_weight(entry: Entry) -> Decimal:
    """1 + pages/100: the portfolio's page count when the format checker measured it, else the
    evidence pages the applicant named ("12-15"); 1 when unknown."""
    # ``portfolio_report`` is written by the awards format check (getattr: older entries and
    # databases without the portfolio columns still weigh by named pages).
    report = getattr(entry, "portfolio_report", None) or {}
    measured = report.get("pages") if isinstance(report, dict) else None
    if isinstance(measured, int) and measured > 0:
        return Decimal(1) + Decimal(measured) / Decimal(100)
    pages = 0
    evidence = ((entry.answers or {}).get("scoring") or {}).get("evidence") or {}
    for refs in evidence.values():
        for ref in refs if isinstance(refs, list) else []:
            text = str((ref or {}).get("pages", "")) if isinstance(ref, dict) else ""
            pages += page_count(text)
    return Decimal(1) + Decimal(pages) / Decimal(100)


@transaction.atomic
def assignments_auto(
    *, committee: Committee, actor: User, per_entry: int | None = None
) -> list[str]:
    """Give every entry ``per_entry`` judges (campaign setting, default 3) by a min-cost flow
    (:mod:`pramoen.judging.assignment`): conflicts are forbidden, loads balanced by portfolio
    pages, expertise preferred. Existing assignments stay and count as load. Returns Thai
    warnings for entries that could not be fully staffed."""
    category = committee.category
    wanted = per_entry or category.campaign.judges_per_entry
    judges = list(committee.members.order_by("pk"))
    entries = judging_entries(category)
    weights = {e.pk: portfolio_weight(e) for e in entries}
    load: dict[int, Decimal] = {j.pk: Decimal(0) for j in judges}
    assigned: dict[int, set[int]] = {e.pk: set() for e in entries}
    for a in Assignment.objects.filter(entry__category=category):
        if a.entry_id in assigned:
            assigned[a.entry_id].add(a.judge_id)
        if a.judge_id in load:
            load[a.judge_id] += weights.get(a.entry_id, Decimal(1))
    blocked = {j.pk: conflicted_entry_ids(judge=j, entries=entries) for j in judges}
    allowed = {
        e.pk: frozenset(
            j.pk for j in judges if e.pk not in blocked[j.pk] and j.pk not in assigned[e.pk]
        )
        for e in entries
    }
    tasks = [
        Task(key=e.pk, weight=weights[e.pk], need=wanted - len(assigned[e.pk]))
        for e in entries
        if len(assigned[e.pk]) < wanted
    ]
    plan = plan_flow(
        tasks=tasks,
        judges=[j.pk for j in judges],
        allowed=allowed,
        load=load,
        expertise=assignment_expertise(category=category, judges=judges, entries=entries),
    )
    Assignment.objects.bulk_create(
        [
            Assignment(entry_id=e, judge_id=j, assigned_by=actor, automatic=True)
            for e, j in plan.pairs
        ]
    )
    by_pk = {e.pk: e for e in entries}
    warnings = [
        # Numbers in Thai digits, as the committee page shows every other count.
        f"{by_pk[pk]}: มีกรรมการที่ไม่มีส่วนได้เสียไม่พอ"
        f" (ได้ {to_thai_digits(str(wanted - lacking))} จาก {to_thai_digits(str(wanted))} คน)"
        for pk, lacking in sorted(plan.short.items())
    ]
    audit_record(
        actor=actor,
        action="judging.assignments_auto",
        target=committee,
        after={"created": plan.pairs, "per_entry": wanted, "method": "min_cost_flow"},
    )
    return warnings


@transaction.atomic
def assignment_add(*, entry: Entry, judge: User, actor: User) -> Assignment:
    if is_conflicted(judge=judge, entry=entry):
        raise ValidationError("กรรมการท่านนี้มีส่วนได้เสียกับผลงานนี้ ประธานต้องอนุญาตก่อนจึงมอบหมายได้")
    assignment, _ = Assignment.objects.get_or_create(
        entry=entry, judge=judge, defaults={"assigned_by": actor, "automatic": False}
    )
    audit_record(actor=actor, action="judging.assignment_add", target=assignment)
    return assignment


@transaction.atomic
def assignment_remove(*, assignment: Assignment, actor: User) -> None:
    if Review.objects.filter(
        entry_id=assignment.entry_id, judge_id=assignment.judge_id, status=ReviewStatus.SUBMITTED
    ).exists():
        raise ValidationError("กรรมการส่งผลการประเมินผลงานนี้แล้ว จึงถอนการมอบหมายไม่ได้")
    audit_record(
        actor=actor,
        action="judging.assignment_remove",
        target=assignment,
        before={"entry": assignment.entry_id, "judge": assignment.judge_id},
    )
    assignment.delete()
