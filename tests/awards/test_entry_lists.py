"""The staff entry lists at scale (issue 12): a page of rows, search by name, filter by group
and screening outcome, the screening summary counted over the whole campaign."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pramoen.awards.enums import Eligibility
from pramoen.awards.models import Entry
from tests.awards.test_list_queries import _grow_entries

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr("pramoen.core.paging.PAGE_SIZE", 2)


def _rows(client, url, marker):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode().count(marker)


def test_entry_list_pages_and_searches(client, staff, campaign, school, applicant, small_pages):
    _grow_entries(campaign, school, applicant)(5)
    client.force_login(staff)
    url = reverse("awards:campaign_entries", args=[campaign.pk])
    row = 'data-testid="entry-row"'
    assert _rows(client, url, row) == 2
    assert _rows(client, url + "?page=3", row) == 1
    assert _rows(client, url + "?q=นายทดสอบ3", row) == 1
    assert _rows(client, url + "?q=ไม่มีชื่อนี้", row) == 0
    group = campaign.categories.first()
    assert _rows(client, url + f"?group={group.pk + 1000}", row) == 2, "a bad group lists all"


def test_screening_list_filters_and_counts_the_whole_campaign(
    client, staff, campaign, school, applicant, small_pages
):
    _grow_entries(campaign, school, applicant, screen_by=staff)(5)
    first = Entry.objects.order_by("pk").first()
    Entry.objects.filter(pk=first.pk).update(eligibility=Eligibility.ELIGIBLE)
    client.force_login(staff)
    url = reverse("awards:campaign_screening", args=[campaign.pk])
    row = 'data-testid="screening-entry"'
    page = client.get(url).content.decode()
    assert page.count(row) == 2
    assert "ผลงานที่ส่งแล้ว ๕ ผลงาน: ผ่าน ๑ · ไม่ผ่าน ๐ · ยังไม่ยืนยันผล ๔" in page
    assert _rows(client, url + "?eligibility=eligible", row) == 1
    assert _rows(client, url + "?eligibility=pending&page=2", row) == 2
