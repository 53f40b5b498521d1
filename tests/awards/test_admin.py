from __future__ import annotations

import pytest
from django.urls import reverse

from pramoen.awards.admin import CampaignCategoryForm
from pramoen.awards.models import CampaignCategory
from pramoen.awards.pins import resolve_pin

pytestmark = pytest.mark.django_db


def _data(**overrides: str) -> dict[str, str]:
    data = {
        "category": "director",
        "domain": "management",
        "size_class": "medium",
        "teacher_level": "",
        "learning_area": "",
        "eligibility_instrument_id": "nara2-director-preliminary",
        "scoring_instrument_id": "nara2-director-management",
        "position": "5",
    }
    data.update(overrides)
    return data


def test_admin_category_form_pins_the_engine_hash(campaign):
    form = CampaignCategoryForm(_data(), instance=CampaignCategory(campaign=campaign))
    assert form.is_valid(), form.errors
    category = form.save()
    assert category.scoring_instrument_hash == resolve_pin("nara2-director-management").version_hash


def test_admin_category_form_refuses_an_unknown_instrument_in_thai(campaign):
    form = CampaignCategoryForm(
        _data(scoring_instrument_id="nara2-director-typo"),
        instance=CampaignCategory(campaign=campaign),
    )
    assert form.errors["scoring_instrument_id"] == [
        "ไม่พบแบบประเมินรหัส “nara2-director-typo” ในคลังแบบประเมินของระบบ"
    ]


def test_admin_campaign_and_entry_pages_open(client, make_user, campaign):
    client.force_login(make_user(is_superuser=True, is_staff=True, password=None))
    for url in (
        reverse("admin:awards_campaign_changelist"),
        reverse("admin:awards_campaign_change", args=[campaign.pk]),
        reverse("admin:awards_entry_changelist"),
    ):
        assert client.get(url).status_code == 200
