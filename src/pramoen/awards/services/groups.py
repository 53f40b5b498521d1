"""Competition groups added to a campaign in one go (the campaign groups page): every group pinned
to the current version of its two instruments, all saved or none, one audit row."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction

from pramoen.awards.models import Campaign, CampaignCategory
from pramoen.awards.services.campaigns import CategorySpec, _pins
from pramoen.core.services import audit_record, model_snapshot
from pramoen.core.types import User


def _key(category: str, domain: str, size: str, level: str, area: str) -> tuple[str, ...]:
    return (category, domain, size, level, area)


@transaction.atomic
def campaign_groups_add(
    *, campaign: Campaign, specs: Sequence[CategorySpec], actor: User | None
) -> list[CampaignCategory]:
    """Add ``specs`` as groups of ``campaign``; a group it already has, or an instrument that is
    not in the library, is a Thai ``ValidationError`` and nothing is saved."""
    if not specs:
        raise ValidationError("กรุณาเลือกกลุ่มการประกวดอย่างน้อยหนึ่งกลุ่ม")
    # Serialise concurrent additions to one campaign: positions and the unique group stay sound.
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    existing = {
        _key(*row)
        for row in campaign.categories.values_list(
            "category", "domain", "size_class", "teacher_level", "learning_area"
        )
    }
    position = campaign.categories.count()
    pins: dict[tuple[str, str], tuple[str, str]] = {}
    problems: list[str] = []
    new: list[CampaignCategory] = []
    seen: set[tuple[str, ...]] = set()
    for spec in specs:
        key = _key(
            spec.category, spec.domain, spec.size_class, spec.teacher_level, spec.learning_area
        )
        category = CampaignCategory(
            campaign=campaign,
            category=spec.category,
            domain=spec.domain,
            size_class=spec.size_class,
            teacher_level=spec.teacher_level,
            learning_area=spec.learning_area,
            eligibility_instrument_id=spec.eligibility_instrument_id,
            scoring_instrument_id=spec.scoring_instrument_id,
        )
        if key in existing:
            problems.append(f"{category.label_th} มีอยู่ในการประกวดนี้แล้ว")
            continue
        if key in seen:
            continue
        seen.add(key)
        instruments = (spec.eligibility_instrument_id, spec.scoring_instrument_id)
        if instruments not in pins:
            try:
                pins[instruments] = _pins(spec)
            except ValidationError as exc:
                problems.append(f"{category.label_th}: {' '.join(exc.messages)}")
                continue
        category.eligibility_instrument_hash, category.scoring_instrument_hash = pins[instruments]
        category.position = position + len(new)
        try:
            category.full_clean(
                exclude=["campaign"], validate_unique=False, validate_constraints=False
            )
        except ValidationError as exc:
            problems.append(f"{category.label_th}: {' '.join(exc.messages)}")
            continue
        new.append(category)
    if problems:
        raise ValidationError(problems)
    created = CampaignCategory.objects.bulk_create(new)
    audit_record(
        actor=actor,
        action="awards.campaign_groups_add",
        target=campaign,
        after={"categories": [model_snapshot(c) for c in created]},
    )
    return created
