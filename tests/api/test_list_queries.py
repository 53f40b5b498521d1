"""Every API list runs as many queries with more rows (issue 15; the list pages' rule)."""

from __future__ import annotations

import pytest

from pramoen.accounts.enums import Role
from pramoen.awards.services import campaign_create
from tests.awards.conftest import SCHOOL_ACADEMIC, campaign_fields
from tests.orgs.factories import EnrollmentFactory, NetworkFactory, PersonFactory, SchoolFactory

pytestmark = pytest.mark.django_db


def test_schools(client, staff, esa, queries_at_two_sizes):
    client.force_login(staff)

    def grow(n):
        for _ in range(n):
            EnrollmentFactory(school=SchoolFactory(parent=esa, network=NetworkFactory(esa=esa)))

    queries_at_two_sizes("/api/v1/organizations/schools", grow)


def test_people(client, staff, esa, queries_at_two_sizes):
    client.force_login(staff)
    school = SchoolFactory(parent=esa)
    queries_at_two_sizes(
        "/api/v1/people", lambda n: [PersonFactory(organization=school) for _ in range(n)]
    )


def test_networks_and_esas(client, staff, esa, queries_at_two_sizes):
    client.force_login(staff)
    queries_at_two_sizes(
        "/api/v1/organizations/networks", lambda n: [NetworkFactory(esa=esa) for _ in range(n)]
    )


def test_campaigns_with_their_categories(client, staff, esa, queries_at_two_sizes):
    client.force_login(staff)

    years = iter(range(2569, 2600))

    def grow(n):
        for _ in range(n):
            fields = {**campaign_fields(), "year_be": next(years)}
            campaign_create(esa=esa, actor=staff, categories=[SCHOOL_ACADEMIC], **fields)

    queries_at_two_sizes("/api/v1/campaigns", grow)


def test_entries(client, staff, make_entry, queries_at_two_sizes):
    client.force_login(staff)
    queries_at_two_sizes("/api/v1/entries", lambda n: [make_entry() for _ in range(n)])


def test_kpi_reports(client, make_user, queries_at_two_sizes):
    from datetime import date

    from pramoen.kpi.services import campaign_create as kpi_campaign_create
    from pramoen.kpi.services import report_get_or_create
    from tests.factories import EsaFactory, ObecFactory

    viewer = make_user(roles=[Role.KPI_REVIEWER], organization=ObecFactory(), password=None)
    client.force_login(viewer)
    esas = [EsaFactory() for _ in range(4)]
    campaign = kpi_campaign_create(
        fiscal_year=2569,
        due_6m=date(2026, 3, 31),
        due_12m=date(2026, 9, 15),
        esas=esas,
        actor=None,
    )
    round_12m = campaign.rounds.get(kind="12m")
    left = list(esas)

    def grow(n):
        for _ in range(n):
            report_get_or_create(round=round_12m, esa=left.pop(), actor=None)

    queries_at_two_sizes("/api/v1/kpi/reports", grow)
