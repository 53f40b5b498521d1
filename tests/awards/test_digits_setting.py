"""The ESA's one digits setting rules its award pages too (issue 20): the campaign page, written
mostly in Thai digits, reads all-Thai for an ESA that chose Thai and all-Arabic for one that
chose Arabic."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.security.test_visible_text import visible_text

pytestmark = pytest.mark.django_db


def _campaign_text(client, staff, campaign) -> str:
    client.force_login(staff)
    response = client.get(reverse("awards:campaign_detail", args=[campaign.pk]))
    assert response.status_code == 200
    return visible_text(response.content.decode())


@pytest.mark.parametrize(
    ("thai", "wrong", "edition"),
    [(True, r"[0-9]", "ครั้งที่ ๕"), (False, r"[๐-๙]", "ครั้งที่ 5")],
)
def test_the_campaign_page_follows_the_esa_digits_setting(
    client, staff, esa, campaign, thai, wrong, edition
):
    esa.thai_digits = thai
    esa.save(update_fields=["thai_digits"])
    text = _campaign_text(client, staff, campaign)
    assert edition in text
    # Words people copy exactly keep their digits (e-mail addresses, URLs, codes): leave them out.
    words = re.sub(r"\S*[A-Za-z@/]\S*", " ", text)
    assert re.findall(wrong, words) == []


def test_an_esa_that_has_not_chosen_sees_the_page_as_written(client, staff, esa, campaign):
    assert esa.thai_digits is None
    text = _campaign_text(client, staff, campaign)
    assert "ครั้งที่ ๕" in text
