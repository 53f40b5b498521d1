"""A supervisor or other staff member on the registry is offered their own category only."""

from __future__ import annotations

import pytest

from pramoen.awards.picker import category_picker
from pramoen.awards.services import CategorySpec, campaign_category_add
from pramoen.orgs.enums import Position
from tests.orgs.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _add(campaign, category: str, staff) -> int:
    spec = CategorySpec(
        category=category,
        domain="academic",
        eligibility_instrument_id="nara2-edstaff-preliminary",
        scoring_instrument_id="nara2-edstaff-academic",
    )
    return campaign_category_add(campaign=campaign, spec=spec, actor=staff).pk


@pytest.mark.parametrize(
    ("position", "offered"),
    [(Position.SUPERVISOR, "supervisor"), (Position.OTHER_38C2, "other_staff")],
)
def test_the_registry_position_picks_the_category(
    campaign, staff, school, teacher_account, position, offered
):
    ids = {name: _add(campaign, name, staff) for name in ("supervisor", "other_staff")}
    person = PersonFactory(organization=school, position=position)
    teacher_account.national_id = person.national_id
    teacher_account.save(update_fields=["national_id"])
    picker = category_picker(
        user=teacher_account,
        categories=campaign.categories.all(),
        schools=[school],
        personal=True,
    )
    assert picker.allowed_ids == [ids[offered]]  # not the school, teacher or the other group
