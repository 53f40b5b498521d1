from __future__ import annotations

import pytest

from pramoen.awards import demo
from pramoen.awards.models import Campaign
from pramoen.awards.pins import resolve_pin
from pramoen.instruments import get_instrument
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
    assert last.categories.count() == 36
    # the open edition adds the six supervisor / other-staff groups (ESA-authored instruments)
    assert upcoming.categories.count() == 36 + 6
    now = timezone.now()
    assert upcoming.schedule().accepts_submissions(now)
    assert not last.schedule().accepts_submissions(now)
    assert (upcoming.deadline - now).days >= 44


@pytest.mark.slow
def test_the_open_edition_offers_supervisors_and_other_staff_on_the_esa_authored_instruments():
    orgs_demo.load(lambda line: None)
    demo.load(lambda line: None)
    demo.load(lambda line: None)  # idempotent: the groups are added once
    upcoming = Campaign.objects.get(year_be=2570)
    groups = upcoming.categories.filter(category__in=("supervisor", "other_staff"))
    assert sorted(groups.values_list("category", "domain")) == sorted(
        (category, domain)
        for category in ("supervisor", "other_staff")
        for domain in ("academic", "management", "innovation")
    )
    for group in groups:
        assert group.size_class == ""  # ข้อ ๓.๔ / ๓.๕ print no school sizes
        assert group.eligibility_instrument_id == "nara2-edstaff-preliminary"
        assert group.scoring_instrument_id == f"nara2-edstaff-{group.domain}"
        scoring = resolve_pin(group.scoring_instrument_id, kind="scoring")
        assert group.scoring_instrument_hash == scoring.version_hash
        assert get_instrument(group.scoring_instrument_id).esa_authored is not None
    labels = {g.label_th for g in groups}
    assert "ประเภทศึกษานิเทศก์ ด้านวิชาการ" in labels
    # the seed's own edition stays as printed: no group without a form
    assert (
        not Campaign.objects.get(year_be=2569)
        .categories.filter(category__in=("supervisor", "other_staff"))
        .exists()
    )
