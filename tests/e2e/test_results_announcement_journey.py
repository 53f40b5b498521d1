"""Results stay with the organizing ESA until the announcement day; the public sees the date."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from playwright.sync_api import expect

from pramoen.awards.models import Campaign
from pramoen.core.demo import DEMO_PASSWORD
from pramoen.thai import format_thai_date
from tests.e2e.conftest import login


def test_public_sees_the_announcement_date_and_staff_see_results_first(page, demo_data):
    campaign = Campaign.objects.get(year_be=2569)
    day = timezone.localdate() + dt.timedelta(days=3)
    Campaign.objects.filter(pk=campaign.pk).update(announce_on=day)

    page.goto(f"/judging/results/{campaign.pk}/")
    expect(page.get_by_test_id("results-pending")).to_contain_text(format_thai_date(day, "long"))
    assert page.request.get(f"/judging/results/{campaign.pk}/results.xlsx").status == 404

    login(page, "esa", DEMO_PASSWORD)
    page.goto(f"/judging/results/{campaign.pk}/")
    expect(page.get_by_test_id("not-yet-public")).to_contain_text(format_thai_date(day, "long"))
    expect(page.get_by_role("button", name="สร้างเกียรติบัตรทั้งหมด (PDF)")).to_be_visible()
