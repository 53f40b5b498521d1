from __future__ import annotations

import pytest

from pramoen.awards import demo
from pramoen.awards.models import Campaign
from pramoen.awards.pins import resolve_pin
from pramoen.orgs import demo as orgs_demo

pytestmark = pytest.mark.django_db


@pytest.mark.slow
def test_demo_campaign_binds_every_group_to_shipped_instruments_and_reloads():
    orgs_demo.load(lambda line: None)
    demo.load(lambda line: None)
    demo.load(lambda line: None)  # idempotent
    campaign = Campaign.objects.get(year_be=2569)
    categories = list(campaign.categories.all())
    assert campaign.title_th == "NARA 2 AWARDS ครั้งที่ ๕ ประจำปี ๒๕๖๙"
    assert len(categories) == 36
    for category in categories:
        assert (
            category.scoring_instrument_hash
            == resolve_pin(category.scoring_instrument_id, kind="scoring").version_hash
        )
        assert (
            category.eligibility_instrument_hash
            == resolve_pin(category.eligibility_instrument_id, kind="eligibility").version_hash
        )
    assert {c.category for c in categories} == {"school", "director", "teacher"}


@pytest.mark.slow
def test_demo_opens_next_years_edition_for_entries_now():
    from django.utils import timezone

    orgs_demo.load(lambda line: None)
    demo.load(lambda line: None)
    demo.load(lambda line: None)  # idempotent: one edition a year
    last, upcoming = Campaign.objects.order_by("year_be")
    assert upcoming.title_th == "NARA 2 AWARDS ครั้งที่ ๖ ประจำปี ๒๕๗๐"
    assert upcoming.cloned_from == last
    assert upcoming.categories.count() == last.categories.count() == 36
    now = timezone.now()
    assert upcoming.schedule().accepts_submissions(now)
    assert not last.schedule().accepts_submissions(now)
    assert (upcoming.deadline - now).days >= 44
