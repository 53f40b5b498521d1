"""The competition groups a campaign may offer: every category × domain × size/level group whose
two instruments are shipped in the library, as the campaign groups page lists them.

The list is the one the demo editions are built from (``awards.demo.demo_categories``: seed 003,
ประกาศ ข้อ ๓), kept to the groups whose eligibility and scoring forms both resolve to a pin, so a
category added to the library together with its groups (e.g. supervisors) appears here without
another list to keep in step, and a group whose form was withdrawn is not offered.
"""

from __future__ import annotations

from dataclasses import dataclass

from pramoen.awards.enums import AwardCategory, AwardDomain
from pramoen.awards.models import CampaignCategory
from pramoen.awards.pins import UnknownInstrumentError, WrongInstrumentKindError, resolve_pin
from pramoen.awards.services.campaigns import CategorySpec


@dataclass(frozen=True, slots=True)
class OfferedGroup:
    key: str  # the checkbox value: stable, never shown
    spec: CategorySpec
    label_th: str
    eligibility_title_th: str
    scoring_title_th: str


@dataclass(frozen=True, slots=True)
class DomainGroups:
    label_th: str
    groups: list[OfferedGroup]


@dataclass(frozen=True, slots=True)
class CategoryGroups:
    label_th: str
    domains: list[DomainGroups]


def group_key(
    *, category: str, domain: str, size_class: str, teacher_level: str, learning_area: str
) -> str:
    return "|".join((category, domain, teacher_level, learning_area, size_class))


def spec_key(spec: CategorySpec) -> str:
    return group_key(
        category=spec.category,
        domain=spec.domain,
        size_class=spec.size_class,
        teacher_level=spec.teacher_level,
        learning_area=spec.learning_area,
    )


def category_key(category: CampaignCategory) -> str:
    return group_key(
        category=category.category,
        domain=category.domain,
        size_class=category.size_class,
        teacher_level=category.teacher_level,
        learning_area=category.learning_area,
    )


def _title(instrument_id: str, kind: str) -> str | None:
    try:
        return resolve_pin(instrument_id, kind=kind).title_th
    except (UnknownInstrumentError, WrongInstrumentKindError):
        return None


def offered_groups() -> list[OfferedGroup]:
    """Every group with both instruments shipped, in the announcement's order."""
    from pramoen.awards.demo import demo_categories  # the demo module imports the services

    offered = []
    for spec in demo_categories():
        eligibility = _title(spec.eligibility_instrument_id, "eligibility")
        scoring = _title(spec.scoring_instrument_id, "scoring")
        if eligibility is None or scoring is None:
            continue
        label = CampaignCategory(
            category=spec.category,
            domain=spec.domain,
            size_class=spec.size_class,
            teacher_level=spec.teacher_level,
            learning_area=spec.learning_area,
        ).label_th
        offered.append(
            OfferedGroup(
                key=spec_key(spec),
                spec=spec,
                label_th=label,
                eligibility_title_th=eligibility,
                scoring_title_th=scoring,
            )
        )
    return offered


def grouped(groups: list[OfferedGroup]) -> list[CategoryGroups]:
    """Category → domain → groups, both in the enums' order (ประกาศ ข้อ ๓)."""
    out = []
    for category in AwardCategory:
        domains = []
        for domain in AwardDomain:
            here = [g for g in groups if g.spec.category == category and g.spec.domain == domain]
            if here:
                domains.append(DomainGroups(label_th=str(domain.label), groups=here))
        if domains:
            out.append(CategoryGroups(label_th=str(category.label), domains=domains))
    return out
