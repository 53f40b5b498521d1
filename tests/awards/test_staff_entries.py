from __future__ import annotations

import pytest
from django.urls import reverse

from pramoen.accounts.enums import Role
from pramoen.awards.models import CampaignCategory
from pramoen.awards.services import entry_save, entry_start, entry_submit
from pramoen.orgs.models import Organization
from tests.awards.conftest import arrange_checked_portfolio
from tests.awards.test_entries import COMPLETE, OPEN
from tests.factories import EsaFactory
from tests.queries import count_queries

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
    arrange_checked_portfolio(entry)
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


def test_entry_lists_query_count_does_not_grow_with_entries(client, staff, campaign, submitted):
    applicant = submitted.created_by
    staff_url = reverse("awards:campaign_entries", args=[campaign.pk])
    applicant_url = reverse("awards:entry_list")
    client.force_login(staff)
    staff_one = count_queries(client, staff_url)
    client.force_login(applicant)
    applicant_one = count_queries(client, applicant_url)
    for name in ("นายหนึ่ง ใจดี", "นายสอง ใจดี", "นางสาม ใจดี"):
        entry_start(
            category=submitted.category,
            school=submitted.school,
            actor=applicant,
            nominee_name=name,
            now=OPEN,
        )
    assert count_queries(client, applicant_url) == applicant_one
    client.force_login(staff)
    assert count_queries(client, staff_url) == staff_one


def test_staff_download_the_portfolio_of_their_esa_only(
    client, staff, make_user, campaign, submitted, settings, tmp_path, file_storage
):
    from django.core.files.base import ContentFile

    submitted.portfolio.save("ignored.pdf", ContentFile(b"%PDF-1.7 stored"), save=True)
    url = reverse("awards:staff_entry_portfolio", args=[campaign.pk, submitted.pk])
    client.force_login(staff)
    response = client.get(url)
    assert (response.status_code, response["X-Content-Type-Options"]) == (200, "nosniff")
    assert b"".join(response.streaming_content) == b"%PDF-1.7 stored"
    client.force_login(make_user(roles=[Role.ESA_STAFF], organization=EsaFactory(), password=None))
    assert client.get(url).status_code == 404
