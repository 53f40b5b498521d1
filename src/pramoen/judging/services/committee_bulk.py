"""Committees of many groups set at once (issue 19): the bulk committee page's grid, and "the
same committee for these groups".

Each group is seated through ``committee_create`` / ``committee_update`` — so every rule they
hold still applies (a finalized group is frozen; a judge who submitted a review cannot be
taken off) — each in its own savepoint: a group refused is named with its Thai reason and the
others are still saved. Conflicts of interest do not bar a seat (the assignment refuses a
conflicted judge the entry, ``services.assignments``); the outcome names every active one among
the group's entries, so staff see at once who will not judge what.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from django.core.exceptions import ValidationError
from django.db import transaction

from pramoen.awards.models import Campaign, CampaignCategory, Entry
from pramoen.core.services import audit_record
from pramoen.core.types import User
from pramoen.judging.models import Committee
from pramoen.judging.selectors.conflicts import group_conflicts
from pramoen.judging.services.committees import committee_create, committee_update


class SeatResult(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    REFUSED = "refused"

    @property
    def label_th(self) -> str:
        return {
            SeatResult.CREATED: "ตั้งคณะกรรมการแล้ว",
            SeatResult.UPDATED: "เปลี่ยนคณะกรรมการแล้ว",
            SeatResult.UNCHANGED: "ไม่มีการเปลี่ยนแปลง",
            SeatResult.REFUSED: "ไม่ได้บันทึก",
        }[self]


@dataclass(frozen=True, slots=True)
class Seat:
    category: CampaignCategory
    chair: User
    members: tuple[User, ...]


@dataclass(slots=True)
class SeatOutcome:
    category: CampaignCategory
    result: SeatResult
    problems: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)


def _conflict_lines(category: CampaignCategory, people: Sequence[User]) -> list[str]:
    entries = list(Entry.objects.filter(category=category).select_related("school"))
    if not entries:
        return []
    found = group_conflicts(entries=entries, judges=people)
    names = {u.pk: u.display_name for u in people}
    return [
        f"{names[c.judge_id]}: {c.reason} ({c.entry.nominee_name or c.entry.school.name_th}) "
        "จึงไม่ได้รับมอบหมายผลงานนี้"
        for c in found
        if c.active and c.judge_id in names
    ]


@transaction.atomic
def committees_seat(*, campaign: Campaign, seats: Sequence[Seat], actor: User) -> list[SeatOutcome]:
    """Seat each group of ``seats`` (all of ``campaign``); one outcome per seat, in order."""
    foreign = [s.category.label_th for s in seats if s.category.campaign_id != campaign.pk]
    if foreign:
        raise ValidationError(f"กลุ่มเหล่านี้ไม่ได้อยู่ในการประกวดนี้: {', '.join(foreign)}")
    # Lock the campaign row: two staff saving the grid at once do not interleave.
    Campaign.objects.select_for_update().filter(pk=campaign.pk).first()
    existing = {
        c.category_id: c
        for c in Committee.objects.filter(
            category_id__in=[s.category.pk for s in seats]
        ).prefetch_related("members")
    }
    outcomes: list[SeatOutcome] = []
    for seat in seats:
        committee = existing.get(seat.category.pk)
        wanted = sorted({u.pk for u in seat.members})
        if (
            committee is not None
            and committee.chair_id == seat.chair.pk
            and sorted(u.pk for u in committee.members.all()) == wanted
        ):
            outcomes.append(SeatOutcome(seat.category, SeatResult.UNCHANGED))
            continue
        try:
            with transaction.atomic():
                if committee is None:
                    committee_create(
                        category=seat.category, chair=seat.chair, members=seat.members, actor=actor
                    )
                    result = SeatResult.CREATED
                else:
                    committee_update(
                        committee=committee, chair=seat.chair, members=seat.members, actor=actor
                    )
                    result = SeatResult.UPDATED
        except ValidationError as exc:
            outcomes.append(SeatOutcome(seat.category, SeatResult.REFUSED, list(exc.messages)))
            continue
        people = [seat.chair, *(u for u in seat.members if u.pk != seat.chair.pk)]
        outcomes.append(
            SeatOutcome(seat.category, result, conflicts=_conflict_lines(seat.category, people))
        )
    audit_record(
        actor=actor,
        action="judging.committees_seat",
        target=campaign,
        after={
            "groups": [
                {"category": o.category.pk, "result": str(o.result), "problems": o.problems}
                for o in outcomes
            ]
        },
    )
    return outcomes
