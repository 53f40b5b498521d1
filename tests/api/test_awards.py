"""Campaigns, entries, results and certificate verification through the API."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from pramoen.accounts.enums import Role
from pramoen.awards.models import Campaign
from pramoen.awards.services import campaign_create
from pramoen.judging.models import Certificate, EntryResult
from tests.awards.conftest import SCHOOL_ACADEMIC, campaign_fields
from tests.factories import EsaFactory
from tests.judging.test_views import _finalized_group

pytestmark = pytest.mark.django_db


def test_campaigns_list_their_categories_and_pins(client, staff, campaign, token_for):
    campaign_create(
        esa=EsaFactory(), actor=staff, categories=[SCHOOL_ACADEMIC], **campaign_fields()
    )  # another ESA's: not listed
    body = client.get("/api/v1/campaigns", **token_for(staff)).json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["year_be"] == campaign.year_be
    assert item["opens_on"] == campaign.opens_on.isoformat()
    pin = item["categories"][0]["scoring"]
    assert pin["instrument_id"] == "nara2-school-academic"
    assert pin["version_hash"] == campaign.categories.get(category="school").scoring_instrument_hash


def test_another_esas_campaign_is_not_found(client, make_user, campaign, token_for):
    other = make_user(roles=[Role.ESA_STAFF], organization=EsaFactory(), password=None)
    headers = token_for(other)
    assert client.get(f"/api/v1/campaigns/{campaign.pk}", **headers).status_code == 404
    assert client.get("/api/v1/campaigns", **headers).json()["count"] == 0


def test_results_are_public_from_the_announcement_day(
    client, committee, chair, judges, make_entry, staff, token_for
):
    entries = _finalized_group(committee, chair, judges, make_entry, n=2)
    campaign = entries[0].campaign
    url = f"/api/v1/campaigns/{campaign.pk}/results"
    body = client.get(url).json()
    assert body["count"] == 2
    stored = {r.entry_id: r for r in EntryResult.objects.filter(entry__in=entries)}
    for item in body["items"]:
        assert item["total"] == stored[item["entry_id"]].total
        assert Decimal(item["total"]) == stored[item["entry_id"]].total_decimal
    Campaign.objects.filter(pk=campaign.pk).update(announce_on=dt.date(2099, 1, 1))
    pending = client.get(url)
    assert pending.status_code == 404
    assert pending.json()["detail"] == "ยังไม่ประกาศผลการประกวดนี้"
    # the organizing ESA's staff see them first, as on the results page
    assert client.get(url, **token_for(staff)).json()["count"] == 2


def test_results_are_throttled_per_ip(client, campaign, settings):
    settings.PRAMOEN_THROTTLES = {**settings.PRAMOEN_THROTTLES, "results": (1, 60)}
    url = f"/api/v1/campaigns/{campaign.pk}/results"
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 429


def test_a_certificate_is_verified_by_its_code(client, campaign):
    Certificate.objects.create(
        campaign=campaign,
        short_code="ABCDEFGHJKLMNPQR",
        number=7,
        year_be=2569,
        recipient="โรงเรียนบ้านทดสอบ",
        award="รางวัลระดับเหรียญทอง",
        issued_on=dt.date(2026, 8, 3),
    )
    body = client.get("/api/v1/certificates/abcd-efgh-jklm-npqr").json()
    assert body["valid"] is True
    assert body["recipient"] == "โรงเรียนบ้านทดสอบ"
    assert body["issued_on"] == "2026-08-03"
    missing = client.get("/api/v1/certificates/ZZZZ")
    assert missing.status_code == 404
    assert missing.json()["detail"] == "ไม่พบเกียรติบัตรรหัสนี้"


def test_entries_applicant_sees_own_staff_sees_all(
    client, make_user, make_entry, make_school, staff, token_for
):
    school = make_school()
    own = make_entry(school=school)
    other = make_entry()
    applicant = make_user(roles=[Role.APPLICANT_SCHOOL], organization=school, password=None)
    mine = client.get("/api/v1/entries", **token_for(applicant)).json()
    assert [e["id"] for e in mine["items"]] == [own.pk]
    assert client.get(f"/api/v1/entries/{other.pk}", **token_for(applicant)).status_code == 404
    everything = client.get("/api/v1/entries", **token_for(staff)).json()
    assert sorted(e["id"] for e in everything["items"]) == sorted([own.pk, other.pk])
    judge = make_user(roles=[Role.JUDGE], password=None)
    assert client.get("/api/v1/entries", **token_for(judge)).status_code == 403
