"""Committees of a group: who chairs and sits on it, and how it aggregates scores."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from pramoen.awards.models import CampaignCategory
from pramoen.core.services import audit_record
from pramoen.core.types import User
from pramoen.judging.enums import ReviewStatus
from pramoen.judging.models import (
    Assignment,
    Committee,
    Review,
)


@transaction.atomic
def committee_create(
    *,
    category: CampaignCategory,
    chair: User,
    members: Iterable[User],
    actor: User,
    **settings: Any,
) -> Committee:
    committee = Committee.objects.create(category=category, chair=chair, **settings)
    people = list(members)
    committee.members.set(people)
    audit_record(
        actor=actor,
        action="judging.committee_create",
        target=committee,
        after={"chair": chair.pk, "members": sorted(u.pk for u in people)},
    )
    return committee


COMMITTEE_SETTINGS = (
    "aggregation",
    "max_spread",
    "max_level_gap",
    "hide_others_until_submitted",
    "use_calibration",
)


@transaction.atomic
def committee_update(
    *, committee: Committee, actor: User, chair: User, members: Iterable[User], **settings: Any
) -> Committee:
    """Change a committee; its settings are frozen once the group is finalized."""
    committee = Committee.objects.select_for_update().get(pk=committee.pk)
    if committee.finalized_at is not None:
        raise ValidationError("กลุ่มนี้ยืนยันผลแล้ว จึงเปลี่ยนคณะกรรมการหรือวิธีรวมคะแนนไม่ได้")
    before: dict[str, Any] = {
        "chair": committee.chair_id,
        "members": sorted(committee.members.values_list("pk", flat=True)),
        **{k: str(getattr(committee, k)) for k in COMMITTEE_SETTINGS},
    }
    people = list(members)
    removed = set(before["members"]) - {u.pk for u in people}
    if removed:
        scored = (
            Review.objects.filter(
                entry__category_id=committee.category_id,
                judge_id__in=removed,
                status=ReviewStatus.SUBMITTED,
            )
            .select_related("judge")
            .order_by("judge_id")
        )
        names = sorted({r.judge.display_name for r in scored})
        if names:
            raise ValidationError(
                f"{', '.join(names)} ส่งผลการประเมินในกลุ่มนี้แล้ว จึงถอนออกจากคณะกรรมการไม่ได้ "
                "ให้ประธานส่งผลการประเมินนั้นกลับก่อน"
            )
    committee.chair = chair
    for key in COMMITTEE_SETTINGS:
        if key in settings:
            setattr(committee, key, settings[key])
    committee.save()
    committee.members.set(people)
    # A judge off the committee loses the group's entries (selectors.entry_for_judge also checks
    # membership); their unsubmitted drafts stay in the history.
    withdrawn = Assignment.objects.filter(
        entry__category_id=committee.category_id, judge_id__in=removed
    )
    unassigned = sorted(withdrawn.values_list("entry_id", "judge_id")) if removed else []
    if unassigned:
        withdrawn.delete()
    audit_record(
        actor=actor,
        action="judging.committee_update",
        target=committee,
        before=before,
        after={
            "chair": chair.pk,
            "members": sorted(u.pk for u in people),
            **{k: str(getattr(committee, k)) for k in COMMITTEE_SETTINGS},
            **({"assignments_removed": [list(pair) for pair in unassigned]} if unassigned else {}),
        },
    )
    return committee
