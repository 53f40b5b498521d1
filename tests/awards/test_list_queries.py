"""Every awards list page runs as many queries with one row as with several
(``queries_at_two_sizes``, tests/queries.py)."""

from __future__ import annotations

import itertools

import pytest
from django.urls import reverse

from pramoen.awards.services import screening_run
from tests.awards.test_screening_services import submitted_entry
from tests.awards.test_views import _add_campaigns

pytestmark = pytest.mark.django_db


def test_campaign_list(client, staff, esa, queries_at_two_sizes):
    years = itertools.count(2560)
    client.force_login(staff)
    queries_at_two_sizes(
        reverse("awards:campaign_list"),
        lambda n: _add_campaigns(esa, staff, [next(years) for _ in range(n)]),
    )


def _grow_entries(campaign, school, applicant, *, screen_by=None):
    numbers = itertools.count(1)

    def grow(n: int) -> None:
        for _ in range(n):
            entry = submitted_entry(
                campaign, school, applicant, "teacher", f"นายทดสอบ{next(numbers)} ใจดี"
            )
            if screen_by is not None:
                screening_run(entry=entry, actor=screen_by)

    return grow


def test_applicant_entry_list(client, campaign, school, applicant, queries_at_two_sizes):
    client.force_login(applicant)
    queries_at_two_sizes(reverse("awards:entry_list"), _grow_entries(campaign, school, applicant))


def test_staff_entry_list(client, staff, campaign, school, applicant, queries_at_two_sizes):
    client.force_login(staff)
    queries_at_two_sizes(
        reverse("awards:campaign_entries", args=[campaign.pk]),
        _grow_entries(campaign, school, applicant),
    )


def test_screening_list(client, staff, campaign, school, applicant, queries_at_two_sizes):
    client.force_login(staff)
    queries_at_two_sizes(
        reverse("awards:campaign_screening", args=[campaign.pk]),
        _grow_entries(campaign, school, applicant, screen_by=staff),
    )
