"""A campaign group pins a published studio version (issue 13): only published versions, only
the ESA's own or shared ones, and the group then scores with exactly that document."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from pramoen.awards.selectors import category_pins
from pramoen.awards.studio_pins import category_pin_studio_version
from pramoen.core.instrument_store import instrument_pinned
from pramoen.core.models import AuditEvent
from pramoen.instruments import lint
from pramoen.studio import drafts
from pramoen.studio.services import (
    finding_key,
    studio_draft_edit,
    studio_instrument_clone,
    studio_publish,
    studio_resolution_record,
    unresolved_warnings,
)
from tests.factories import EsaFactory

pytestmark = pytest.mark.django_db

TEACHER = "nara2-teacher-innovation"


@pytest.fixture
def version(esa, staff):
    row = studio_instrument_clone(esa=esa, actor=staff, source_id=TEACHER)
    row = studio_draft_edit(
        instrument=row,
        actor=staff,
        pointer=drafts.parse_pointer("rubric.components.3.indicators.0.levels.0"),
        data={"points": "๑๒"},
    )
    # Higher points than printed: the stated maxima warnings get the author's reason.
    for finding in unresolved_warnings(row, lint(drafts.validate(row.draft))):
        row = studio_resolution_record(
            instrument=row, actor=staff, key=finding_key(finding), text="เขตเพิ่มคะแนนระดับสูงสุด"
        )
    return studio_publish(instrument=row, actor=staff)


def test_pinning_a_published_version_scores_the_group_with_it(teacher_category, version, staff):
    category = category_pin_studio_version(category=teacher_category, version=version, actor=staff)
    assert category.scoring_instrument_id == version.instrument.instrument_id
    assert category.scoring_instrument_hash == version.version_hash
    pinned = instrument_pinned(category.scoring_instrument_id, category.scoring_instrument_hash)
    assert pinned.rubric.components[3].indicators[0].levels[0].points == 12
    event = AuditEvent.objects.get(action="awards.category_pin_studio")
    assert event.after["studio_version"] == 1
    (row,) = category_pins(categories=[category])
    scoring = next(s for s in row["slots"] if s["slot"] == "scoring")
    assert scoring["title_th"] == version.instrument.title_th
    assert scoring["newer"] is False


def test_a_later_draft_edit_does_not_change_the_pinned_group(teacher_category, version, staff):
    category = category_pin_studio_version(category=teacher_category, version=version, actor=staff)
    studio_draft_edit(
        instrument=version.instrument,
        actor=staff,
        pointer=drafts.parse_pointer("rubric.components.3.indicators.0.levels.0"),
        data={"points": "๑"},
    )
    pinned = instrument_pinned(category.scoring_instrument_id, category.scoring_instrument_hash)
    assert pinned.rubric.components[3].indicators[0].levels[0].points == 12


def test_another_esas_unshared_version_is_refused(campaign, make_user):
    from pramoen.accounts.enums import Role

    other_esa = EsaFactory()
    other = make_user(roles=[Role.ESA_STAFF], organization=other_esa, password=None)
    row = studio_instrument_clone(esa=other_esa, actor=other, source_id=TEACHER)
    version = studio_publish(instrument=row, actor=other)
    category = campaign.categories.filter(category="teacher").first()
    with pytest.raises(ValidationError) as refused:
        category_pin_studio_version(category=category, version=version, actor=other)
    assert refused.value.messages == ["แบบประเมินนี้เป็นของเขตพื้นที่อื่นและไม่ได้แบ่งปัน"]


def test_the_pin_page_lists_the_groups_and_pins_one(client, staff, teacher_category, version):
    client.force_login(staff)
    url = reverse("awards:studio_pin", args=[version.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert teacher_category.label_th in page.content.decode()
    response = client.post(url, {"category": teacher_category.pk})
    assert response.status_code == 302
    teacher_category.refresh_from_db()
    assert teacher_category.scoring_instrument_hash == version.version_hash
    assert client.post(url, {"category": "nope"}).status_code == 400
