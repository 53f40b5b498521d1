"""The campaign wizard (issue 19): a draft edition step by step, unseen by applicants until
opened; bad dates are Thai messages at their field, never a 500; nothing typed is lost."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from pramoen.awards.models import Campaign
from pramoen.awards.selectors import open_categories_for_applicant
from pramoen.awards.services import (
    campaign_create,
    campaign_draft_create,
    campaign_open,
    campaign_step_groups,
    campaign_step_save,
    entry_start,
)
from pramoen.core.models import AuditEvent
from pramoen.thai import to_thai_digits
from tests.awards.conftest import BANGKOK, SCHOOL_ACADEMIC, TEACHER_INNOVATION, campaign_fields

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 4, 9, 0, tzinfo=BANGKOK)
DATES = {
    "opens_on": dt.date(2026, 12, 1),
    "deadline": dt.datetime(2027, 2, 19, 16, 30, tzinfo=BANGKOK),
    "judging_starts_on": dt.date(2027, 3, 1),
    "announce_on": dt.date(2027, 4, 1),
    "entries_per_person_per_domain": 2,
    "self_application_allowed": True,
}


@pytest.fixture
def draft(esa, staff):
    return campaign_draft_create(
        esa=esa, actor=staff, name="NARA 2 AWARDS", edition=6, year_be=2570, today=NOW.date()
    )


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def _step(campaign: Campaign, step: int) -> str:
    return reverse("awards:campaign_wizard", args=[campaign.pk, step])


def _ready(draft, staff) -> Campaign:
    campaign_step_groups(campaign=draft, specs=[SCHOOL_ACADEMIC, TEACHER_INNOVATION], actor=staff)
    return campaign_step_save(campaign=draft, actor=staff, step=3, changes=dict(DATES))


# ----------------------------------------------------------------------------- services


def test_draft_without_previous_edition_proposes_a_month_from_next_week(draft):
    assert draft.draft is True
    assert draft.setup_step == 1
    assert draft.opens_on == NOW.date() + dt.timedelta(days=7)
    assert draft.deadline_local().date() == draft.opens_on + dt.timedelta(days=30)
    assert (draft.deadline_local().hour, draft.deadline_local().minute) == (16, 30)
    event = AuditEvent.objects.get(action="awards.campaign_draft_create")
    assert event.target_id == str(draft.pk)


def test_draft_after_a_previous_edition_proposes_its_dates_a_year_on(esa, staff):
    previous = campaign_create(
        esa=esa, actor=staff, **campaign_fields(self_application_allowed=True)
    )
    draft = campaign_draft_create(
        esa=esa, actor=staff, name=previous.name, edition=6, year_be=2570, today=NOW.date()
    )
    assert draft.opens_on == dt.date(2027, 3, 26)
    assert draft.deadline_local() == dt.datetime(2027, 6, 19, 16, 30, tzinfo=BANGKOK)
    assert draft.announce_on == dt.date(2027, 8, 1)
    assert draft.self_application_allowed is True


def test_draft_of_an_edition_the_esa_has_is_refused_in_thai(esa, staff, draft):
    with pytest.raises(ValidationError) as caught:
        campaign_draft_create(esa=esa, actor=staff, name=draft.name, edition=7, year_be=2570)
    assert "มีการประกวด NARA 2 AWARDS ประจำปี ๒๕๗๐ อยู่แล้ว" in " ".join(caught.value.messages)
    assert Campaign.objects.count() == 1


def test_step_save_with_a_deadline_before_opening_changes_nothing(draft, staff):
    bad = {**DATES, "deadline": dt.datetime(2026, 11, 30, 16, 30, tzinfo=BANGKOK)}
    with pytest.raises(ValidationError) as caught:
        campaign_step_save(campaign=draft, actor=staff, step=3, changes=bad)
    assert caught.value.message_dict["deadline"] == ["กำหนดส่งผลงานต้องอยู่หลังวันเปิดรับผลงาน"]
    fresh = Campaign.objects.get(pk=draft.pk)
    assert (fresh.opens_on, fresh.setup_step) == (draft.opens_on, 1)


def test_step_save_refuses_fields_of_another_step(draft, staff):
    with pytest.raises(TypeError):
        campaign_step_save(campaign=draft, actor=staff, step=1, changes={"opens_on": NOW.date()})


def test_a_draft_is_not_offered_to_applicants_until_opened(draft, staff, applicant, school):
    campaign = _ready(draft, staff)
    assert list(open_categories_for_applicant(user=applicant, now=NOW)) == []
    category = campaign.categories.get(category="school")
    with pytest.raises(ValidationError) as caught:
        entry_start(category=category, school=school, actor=applicant, now=NOW)
    assert caught.value.messages == ["การประกวดนี้ยังไม่เปิดรับผลงาน"]
    campaign_open(campaign=campaign, actor=staff, now=NOW)
    offered = open_categories_for_applicant(user=applicant, now=NOW)
    assert sorted(c.category for c in offered) == ["school", "teacher"]
    assert entry_start(category=category, school=school, actor=applicant, now=NOW).pk


def test_open_refuses_without_groups_or_confirmed_dates(draft, staff):
    with pytest.raises(ValidationError) as caught:
        campaign_open(campaign=draft, actor=staff, now=NOW)
    assert caught.value.messages == [
        "ยังไม่ได้เลือกกลุ่มการประกวด (ขั้นที่ ๒)",
        "ยังไม่ได้ยืนยันกำหนดการและเงื่อนไขการสมัคร (ขั้นที่ ๓)",
    ]
    assert Campaign.objects.get(pk=draft.pk).draft is True


def test_open_is_audited_and_final(draft, staff):
    campaign = campaign_open(campaign=_ready(draft, staff), actor=staff, now=NOW)
    assert (campaign.draft, campaign.setup_step) == (False, 5)
    event = AuditEvent.objects.get(action="awards.campaign_open")
    assert (event.before, event.after) == ({"draft": True}, {"draft": False, "groups": 2})
    with pytest.raises(ValidationError):
        campaign_open(campaign=campaign, actor=staff, now=NOW)
    with pytest.raises(ValidationError):
        campaign_step_save(campaign=campaign, actor=staff, step=3, changes=dict(DATES))


# ----------------------------------------------------------------------------- views


def _dates_post(**overrides) -> dict[str, str]:
    data = {
        "opens_on": "01/12/2569",
        "deadline_date": "19/02/2570",
        "deadline_time": "16.30",
        "judging_starts_on": "01/03/2570",
        "announce_on": "01/04/2570",
        "entries_per_person_per_domain": "๒",
        "self_application_allowed": "on",
        "go": "next",
    }
    data.update(overrides)
    return data


def test_start_creates_a_draft_and_goes_to_step_two(staff_client, esa):
    response = staff_client.post(
        reverse("awards:campaign_wizard_start"),
        {"esa": esa.pk, "name": "NARA 2 AWARDS", "edition": "๖", "year_be": "๒๕๗๐", "go": "next"},
    )
    campaign = Campaign.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _step(campaign, 2)
    assert (campaign.edition, campaign.year_be, campaign.draft) == (6, 2570, True)


def test_start_with_a_year_out_of_range_is_a_thai_400(staff_client, esa):
    response = staff_client.post(
        reverse("awards:campaign_wizard_start"),
        {"esa": esa.pk, "name": "NARA 2 AWARDS", "edition": "6", "year_be": "70", "go": "next"},
    )
    assert response.status_code == 400
    assert "field-error" in response.content.decode()
    assert Campaign.objects.count() == 0


def test_step_two_adds_groups_and_marks_the_step(staff_client, draft):
    response = staff_client.post(
        _step(draft, 2), {"groups": ["school|academic|||small"], "go": "next"}
    )
    assert response.status_code == 302
    assert response["Location"] == _step(draft, 3)
    draft.refresh_from_db()
    assert (draft.categories.count(), draft.setup_step) == (1, 2)


def test_step_two_with_nothing_ticked_and_no_groups_says_so(staff_client, draft):
    response = staff_client.post(_step(draft, 2), {"go": "next"})
    assert response.status_code == 400
    assert "กรุณาเลือกกลุ่มการประกวดอย่างน้อยหนึ่งกลุ่ม" in response.content.decode()


def test_step_three_bad_order_is_a_message_at_the_field_not_a_500(staff_client, draft):
    response = staff_client.post(
        _step(draft, 3), _dates_post(deadline_date="30/11/2569", announce_on="01/01/2570")
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "กำหนดส่งผลงานต้องอยู่หลังวันเปิดรับผลงาน" in page
    assert 'value="30/11/2569"' in page  # shown again as typed
    assert Campaign.objects.get(pk=draft.pk).setup_step == 1


def test_step_three_unparseable_date_is_a_thai_message(staff_client, draft):
    response = staff_client.post(_step(draft, 3), _dates_post(opens_on="31/02/2569"))
    assert response.status_code == 400
    assert "field-error" in response.content.decode()


def test_step_three_saves_be_dates_and_caps(staff_client, draft):
    response = staff_client.post(_step(draft, 3), _dates_post())
    assert response["Location"] == _step(draft, 4)
    draft.refresh_from_db()
    assert draft.opens_on == dt.date(2026, 12, 1)
    assert draft.deadline_local() == dt.datetime(2027, 2, 19, 16, 30, tzinfo=BANGKOK)
    assert (draft.entries_per_person_per_domain, draft.self_application_allowed) == (2, True)
    assert draft.setup_step == 3


def test_back_with_invalid_input_keeps_it_for_when_the_step_is_reopened(staff_client, draft):
    response = staff_client.post(
        _step(draft, 3), _dates_post(deadline_date="99/99/2570", go="back")
    )
    assert response["Location"] == _step(draft, 2)
    again = staff_client.get(_step(draft, 3)).content.decode()
    assert 'value="99/99/2570"' in again
    assert "field-error" in again
    assert Campaign.objects.get(pk=draft.pk).setup_step == 1


def test_preview_shows_picker_criteria_links_and_countdown(staff_client, draft, staff):
    campaign = _ready(draft, staff)
    page = staff_client.get(_step(campaign, 4)).content.decode()
    assert "<h4>สถานศึกษา · ด้านวิชาการ</h4>" in page
    assert f"{campaign.title_th}: {campaign.categories.get(category='school').label_th}" in page
    days = (campaign.deadline - timezone.now()).days
    assert f"(เหลืออีก {to_thai_digits(str(days))} วัน)" in page
    criteria = reverse(
        "awards:campaign_wizard_criteria",
        args=[campaign.pk, campaign.categories.get(category="school").pk],
    )
    assert criteria in page
    shown = staff_client.get(criteria).content.decode()
    assert "ตัวอย่างหน้าที่ผู้สมัครจะเห็น" in shown
    assert "เกณฑ์การให้คะแนน:" in shown
    # The same criteria as the htmx panel of the preview: the body only.
    panel = staff_client.get(criteria, headers={"HX-Request": "true"}).content.decode()
    assert "เกณฑ์การให้คะแนน:" in panel
    assert "<html" not in panel


def test_open_step_needs_the_tick_then_opens(staff_client, draft, staff):
    campaign = _ready(draft, staff)
    refused = staff_client.post(_step(campaign, 5), {"go": "open"})
    assert refused.status_code == 400
    assert "กรุณาติ๊กยืนยัน" in refused.content.decode()
    response = staff_client.post(_step(campaign, 5), {"go": "open", "confirm": "on"})
    assert response["Location"] == reverse("awards:campaign_detail", args=[campaign.pk])
    assert Campaign.objects.get(pk=campaign.pk).draft is False
    # An opened edition is no longer set up by the wizard.
    assert staff_client.get(_step(campaign, 3))["Location"] == response["Location"]


def test_open_step_lists_what_is_missing(staff_client, draft):
    page = staff_client.get(_step(draft, 5)).content.decode()
    assert "ยังไม่ได้เลือกกลุ่มการประกวด (ขั้นที่ ๒)" in page


def test_another_esas_staff_do_not_find_the_draft(client, make_user, draft):
    from pramoen.accounts.enums import Role
    from pramoen.orgs.models import Organization

    other = Organization.objects.create(kind="esa", code="9999", name_th="เขตอื่น")
    client.force_login(make_user(roles=[Role.ESA_STAFF], organization=other))
    assert client.get(_step(draft, 1)).status_code == 404


def test_public_pages_do_not_list_a_draft(client, draft, staff):
    campaign = _ready(draft, staff)
    landing = client.get("/").content.decode()
    assert campaign.title_th not in landing
    assert client.get(reverse("people:edition", args=[campaign.pk])).status_code == 404
    assert client.get(reverse("judging:results", args=[campaign.pk])).status_code == 404
    campaign_open(campaign=campaign, actor=staff, now=NOW)
    assert client.get(reverse("judging:results", args=[campaign.pk])).status_code == 200


def test_the_results_api_does_not_answer_for_a_draft(client, draft, staff):
    # Without an announcement day an edition's results are public at once (as finalized)...
    campaign_step_groups(campaign=draft, specs=[SCHOOL_ACADEMIC], actor=staff)
    campaign = campaign_step_save(
        campaign=draft, actor=staff, step=3, changes={**DATES, "announce_on": None}
    )
    url = f"/api/v1/campaigns/{campaign.pk}/results"
    assert client.get(url).status_code == 404  # ...but not while it is a draft
    campaign_open(campaign=campaign, actor=staff, now=NOW)
    assert client.get(url).status_code == 200
