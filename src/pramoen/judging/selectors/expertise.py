"""What the stored data says about a judge's expertise for an entry (assignment's bonus).

Judges hold no declared expertise in this system; two signals are stored and used:

* **level** — a school the judge belongs to (a role there, or the staff record matched by national
  ID) teaches the entry's level: the group's teacher level when it has one, else a level the
  entry's school teaches (``Organization.levels``);
* **learning area** — the judge sat on another committee whose group had the same learning area
  (or, for groups without one, the same award category and domain): past judging of that kind.

Each is one point (0–2 per judge × entry). Set-based: a fixed number of queries per call.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Q

from pramoen.awards.models import CampaignCategory, Entry
from pramoen.core.types import User

# awards.TeacherLevel → orgs.Level (the values a school's ``levels`` lists).
_TEACHER_LEVEL_TO_SCHOOL = {
    "early_childhood": "early",
    "primary": "primary",
    "lower_secondary": "lower_secondary",
    "special_needs": "special",
}


def _levels(text: str) -> set[str]:
    return {part.strip() for part in (text or "").split(",") if part.strip()}


def _judge_school_levels(judges: Sequence[User]) -> dict[int, set[str]]:
    from pramoen.accounts.models import Membership
    from pramoen.orgs.models import Organization, Person

    schools: dict[int, set[int]] = {j.pk: set() for j in judges}
    for user_id, org_id in Membership.objects.filter(
        user__in=judges, is_active=True, organization__kind="school"
    ).values_list("user_id", "organization_id"):
        schools[user_id].add(org_id)
    by_nid = {j.national_id: j.pk for j in judges if j.national_id}
    for nid, org_id in Person.objects.filter(
        national_id__in=list(by_nid), organization__kind="school"
    ).values_list("national_id", "organization_id"):
        schools[by_nid[nid]].add(org_id)
    org_levels = dict(
        Organization.objects.filter(
            pk__in={o for ids in schools.values() for o in ids}
        ).values_list("pk", "levels")
    )
    return {
        judge: set().union(*(_levels(org_levels.get(o, "")) for o in ids)) if ids else set()
        for judge, ids in schools.items()
    }


def _experienced(category: CampaignCategory, judges: Sequence[User]) -> set[int]:
    from pramoen.judging.models import Committee

    if category.learning_area:
        same = Q(category__learning_area=category.learning_area)
    else:
        same = Q(category__category=category.category, category__domain=category.domain)
    others = Committee.objects.filter(same).exclude(category=category)
    return set(
        Committee.members.through.objects.filter(committee__in=others, user__in=judges).values_list(
            "user_id", flat=True
        )
    )


def assignment_expertise(
    *, category: CampaignCategory, judges: Sequence[User], entries: Sequence[Entry]
) -> dict[tuple[int, int], int]:
    """``{(judge_id, entry_id): points}`` for the pairs with at least one point; ``entries``
    should come with ``school`` selected (``judging_entries`` does)."""
    if not judges or not entries:
        return {}
    judge_levels = _judge_school_levels(judges)
    experienced = _experienced(category, judges) & {j.pk for j in judges}
    group_level = _TEACHER_LEVEL_TO_SCHOOL.get(category.teacher_level or "")
    points: dict[tuple[int, int], int] = {}
    for entry in entries:
        wanted = {group_level} if group_level else _levels(entry.school.levels)
        for judge in judges:
            score = (1 if wanted & judge_levels[judge.pk] else 0) + (
                1 if judge.pk in experienced else 0
            )
            if score:
                points[(judge.pk, entry.pk)] = score
    return points
