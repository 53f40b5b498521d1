"""Committees copied from the ESA's previous edition of the same award: each group of this
campaign gets the chair, judges and scoring settings of the matching group (same category,
domain, size and level) of the last edition, in one transaction and one audit row."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from pramoen.awards.models import Campaign, CampaignCategory
from pramoen.core.services import audit_record
from pramoen.core.types import User
from pramoen.judging.models import Committee
from pramoen.judging.selectors.committees import committee_candidates
from pramoen.judging.services.committees import COMMITTEE_SETTINGS


@dataclass(frozen=True, slots=True)
class CopiedCommittee:
    group_th: str
    chair_th: str
    judges_th: list[str]


@dataclass(slots=True)
class CommitteeCopyResult:
    source: Campaign
    copied: list[CopiedCommittee] = field(default_factory=list)
    # Groups of this campaign that got nothing, each with the reason in Thai.
    unmatched: list[str] = field(default_factory=list)
    # People of last edition's committees left out because they no longer judge here.
    left_out: list[str] = field(default_factory=list)


def _group(category: CampaignCategory) -> tuple[str, ...]:
    return (
        category.category,
        category.domain,
        category.size_class,
        category.teacher_level,
        category.learning_area,
    )


def previous_edition(*, campaign: Campaign) -> Campaign | None:
    """The ESA's latest earlier edition of the same award (same name)."""
    return (
        Campaign.objects.filter(
            esa_id=campaign.esa_id, name=campaign.name, year_be__lt=campaign.year_be
        )
        .order_by("-year_be", "-edition")
        .first()
    )


@transaction.atomic
def committees_copy_from_previous(*, campaign: Campaign, actor: User) -> CommitteeCopyResult:
    """Seat each group without a committee as its match of last edition was seated; a chair or
    judge who is no longer an active judge of this ESA is left out (and named)."""
    source = previous_edition(campaign=campaign)
    if source is None:
        raise ValidationError("ไม่พบการประกวดครั้งก่อนของรางวัลนี้ในสำนักงานเขตพื้นที่การศึกษานี้")
    # Lock the campaign row: two clicks at once must not seat a group twice.
    Campaign.objects.select_for_update().filter(pk=campaign.pk).first()
    old_committees = {
        _group(c.category): c
        for c in Committee.objects.filter(category__campaign=source)
        .select_related("category", "chair")
        .prefetch_related("members")
    }
    active = {
        u.pk for u in committee_candidates(campaign=campaign).filter(is_active=True).only("pk")
    }
    result = CommitteeCopyResult(source=source)
    new: list[Committee] = []
    seats: list[list[User]] = []
    targets = campaign.categories.select_related("committee").order_by("position", "pk")
    for category in targets:
        if hasattr(category, "committee"):
            result.unmatched.append(f"{category.label_th}: มีคณะกรรมการอยู่แล้ว ไม่ได้เปลี่ยน")
            continue
        old = old_committees.get(_group(category))
        if old is None:
            result.unmatched.append(f"{category.label_th}: ไม่มีกลุ่มนี้หรือไม่มีคณะกรรมการในครั้งก่อน")
            continue
        if old.chair_id not in active:
            result.unmatched.append(
                f"{category.label_th}: ประธาน {old.chair.display_name} ไม่ได้เป็นกรรมการของเขตแล้ว"
            )
            result.left_out.append(old.chair.display_name)
            continue
        judges = sorted(old.members.all(), key=lambda u: (u.first_name, u.last_name, u.pk))
        kept = [u for u in judges if u.pk in active]
        result.left_out += [
            f"{u.display_name} ({category.label_th})" for u in judges if u.pk not in active
        ]
        new.append(
            Committee(
                category=category,
                chair_id=old.chair_id,
                **{name: getattr(old, name) for name in COMMITTEE_SETTINGS},
            )
        )
        seats.append(kept)
        result.copied.append(
            CopiedCommittee(
                group_th=category.label_th,
                chair_th=old.chair.display_name,
                judges_th=[u.display_name for u in kept],
            )
        )
    created = Committee.objects.bulk_create(new)
    Through = Committee.members.through
    Through.objects.bulk_create(
        [
            Through(committee_id=committee.pk, user_id=user.pk)
            for committee, people in zip(created, seats, strict=True)
            for user in people
        ]
    )
    audit_record(
        actor=actor,
        action="judging.committees_copy",
        target=campaign,
        before={"source_id": source.pk, "source": str(source)},
        after={
            "committees": [
                {
                    "category": committee.category_id,
                    "chair": committee.chair_id,
                    "members": sorted(u.pk for u in people),
                }
                for committee, people in zip(created, seats, strict=True)
            ],
            "unmatched": result.unmatched,
            "left_out": result.left_out,
        },
    )
    return result
