from __future__ import annotations

import pytest
from django.urls import reverse

from pramoen.accounts.enums import Role
from pramoen.awards.models import CampaignCategory
from pramoen.awards.services import entry_save, entry_start, entry_submit
from pramoen.orgs.models import Organization
from tests.awards.test_entries import COMPLETE, OPEN
from tests.factories import EsaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(campaign, esa, make_user):
    school = Organization.objects.create(
        kind="school", code="1234567890", name_th="โรงเรียนบ้านทดสอบ", parent=esa
    )
    applicant = make_user(roles=[Role.APPLICANT_SCHOOL], organization=school, password=None)
    entry = entry_start(
        category=CampaignCategory.objects.get(campaign=campaign, category="teacher"),
        school=school,
        actor=applicant,
        nominee_name="นางสาวกมลชนก สอนดี",
        now=OPEN,
    )
    entry_save(entry=entry, actor=applicant, answers=COMPLETE, now=OPEN)
    return entry_submit(entry=entry, actor=applicant, now=OPEN)


def test_staff_list_entries_and_request_a_correction(
    client, staff, campaign, submitted, mailoutbox
):
    client.force_login(staff)
    listing = client.get(reverse("awards:campaign_entries", args=[campaign.pk])).content.decode()
    assert listing.count('data-testid="entry-row"') == 1
    url = reverse("awards:staff_entry_detail", args=[campaign.pk, submitted.pk])
    page = client.get(url).content.decode()
    assert "กมลชนก" in page and 'value="scoring.fields.c3_solved_pct"' in page
    # A field both forms ask opens in both.
    assert 'value="eligibility.fields.first_name,scoring.fields.first_name"' in page
    response = client.post(
        url,
        {
            "paths": ["eligibility.evidence.classroom_research"],
            "note": "แนบรายงานวิจัยฉบับเต็ม",
        },
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.correction_paths == ["eligibility.evidence.classroom_research"]


def test_staff_of_another_esa_cannot_open_the_entry(client, make_user, campaign, submitted):
    client.force_login(make_user(roles=[Role.ESA_STAFF], organization=EsaFactory(), password=None))
    url = reverse("awards:staff_entry_detail", args=[campaign.pk, submitted.pk])
    assert client.get(url).status_code == 404
