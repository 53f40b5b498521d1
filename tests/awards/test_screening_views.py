"""Staff screening page: run, override with a reason, confirm; permission; query count."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from pramoen.accounts.enums import Role
from pramoen.awards.models import EligibilityCheck
from pramoen.awards.services import screening_run
from pramoen.orgs.models import DisciplinaryRecord, Person
from tests.awards.test_screening_services import NOT_ELIGIBLE_TH, enrol, submitted_entry
from tests.factories import EsaFactory
from tests.queries import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def teacher_entry(campaign, school, applicant):
    person = Person.objects.create(
        first_name="สมใจ",
        last_name="ใจดี",
        position="teacher",
        organization=school,
        position_started_on=dt.date(2025, 6, 20),  # one day short of a year at the deadline
    )
    DisciplinaryRecord.objects.create(
        person=person, occurred_on=dt.date(2019, 1, 1), kind="probation"
    )
    enrol(school, 400)  # a large school, as the teacher's group
    return submitted_entry(campaign, school, applicant, "teacher", "นางสาวสมใจ ใจดี")


def test_staff_run_override_and_confirm(client, staff, campaign, teacher_entry):
    client.force_login(staff)
    page_url = reverse("awards:campaign_screening", args=[campaign.pk])
    response = client.post(reverse("awards:campaign_screening_run", args=[campaign.pk]))
    assert response.status_code == 302
    page = client.get(page_url).content.decode()
    assert page.count('data-testid="check-row"') == 6
    assert "ครบเมื่อ ๒๐ มิถุนายน ๒๕๖๙" in page
    check = EligibilityCheck.objects.get(entry=teacher_entry, code="years_in_post")
    assert check.outcome == "fail"
    override_url = reverse("awards:screening_check_override", args=[campaign.pk, check.pk])
    refused = client.post(override_url, {"outcome": "pass", "reason": ""}, follow=True)
    assert "กรุณาเลือกผลและระบุเหตุผล" in refused.content.decode()
    client.post(override_url, {"outcome": "pass", "reason": "คำสั่งแต่งตั้งลงวันที่ ๑ มิ.ย. ๒๕๖๘"})
    confirm_url = reverse("awards:screening_entry_confirm", args=[campaign.pk, teacher_entry.pk])
    page = client.post(confirm_url, follow=True).content.decode()
    assert "ยืนยันผลแล้ว: ผ่านคุณสมบัติเบื้องต้น" in page
    assert "คำสั่งแต่งตั้งลงวันที่ ๑ มิ.ย. ๒๕๖๘" in page
    teacher_entry.refresh_from_db()
    assert teacher_entry.eligibility == "eligible"
    assert "ผลงานที่ส่งแล้ว ๑ ผลงาน: ผ่าน ๑ · ไม่ผ่าน ๐ · ยังไม่ยืนยันผล ๐" in page
    assert NOT_ELIGIBLE_TH not in page


def test_staff_of_another_esa_cannot_screen(client, make_user, campaign, teacher_entry):
    other = make_user(roles=[Role.ESA_STAFF], organization=EsaFactory(), password=None)
    client.force_login(other)
    assert client.get(reverse("awards:campaign_screening", args=[campaign.pk])).status_code == 404
    run = client.post(reverse("awards:campaign_screening_run", args=[campaign.pk]))
    assert run.status_code == 404
    assert not EligibilityCheck.objects.exists()


def test_applicant_cannot_open_the_screening_page(client, applicant, campaign):
    client.force_login(applicant)
    assert client.get(reverse("awards:campaign_screening", args=[campaign.pk])).status_code == 403


def test_screening_page_query_count_does_not_grow_with_entries(
    client, staff, campaign, school, applicant, teacher_entry
):
    client.force_login(staff)
    url = reverse("awards:campaign_screening", args=[campaign.pk])
    screening_run(entry=teacher_entry, actor=staff)
    one = count_queries(client, url)
    for name in ("นายหนึ่ง ใจดี", "นายสอง ใจดี", "นางสาม ใจดี"):
        entry = submitted_entry(campaign, school, applicant, "teacher", name)
        screening_run(entry=entry, actor=staff)
    assert EligibilityCheck.objects.count() == 24
    assert count_queries(client, url) == one


def test_applicant_sees_the_screening_mark_on_their_entry(client, staff, applicant, teacher_entry):
    from pramoen.awards.services import screening_confirm

    screening_run(entry=teacher_entry, actor=staff)  # years in post fails (one day short)
    screening_confirm(entry=teacher_entry, actor=staff)
    client.force_login(applicant)
    page = client.get(reverse("awards:entry_detail", args=[teacher_entry.pk])).content.decode()
    assert NOT_ELIGIBLE_TH in page
    assert "ตรวจคุณสมบัติเบื้องต้นแล้ว" in page  # the timeline event
