"""Every KPI list page runs as many queries with one row as with several
(``queries_at_two_sizes``, tests/queries.py)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pramoen.accounts.enums import Role
from pramoen.accounts.services import membership_grant
from pramoen.kpi import services
from pramoen.kpi.models import KpiReportingUnit
from pramoen.orgs.enums import EsaLevel
from tests.factories import EsaFactory
from tests.kpi.test_dashboard import _submitted_reports

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url_name", ["kpi:dashboard", "kpi:review_queue"])
def test_reviewer_lists(
    client, round_6m, obec_reviewer, reporter_a, url_name, queries_at_two_sizes
):
    client.force_login(obec_reviewer)
    queries_at_two_sizes(reverse(url_name), lambda n: _submitted_reports(round_6m, n, reporter_a))


def test_reporter_index(client, round_6m, round_12m, reporter_a, queries_at_two_sizes):
    def grow(n: int) -> None:
        for _ in range(n):
            esa = EsaFactory(esa_level=EsaLevel.PRIMARY)
            KpiReportingUnit.objects.create(campaign=round_6m.campaign, esa=esa)
            membership_grant(user=reporter_a, role=Role.KPI_REPORTER, organization=esa)
            for round in (round_6m, round_12m):
                services.report_get_or_create(round=round, esa=esa, actor=reporter_a)

    client.force_login(reporter_a)
    queries_at_two_sizes(reverse("kpi:index"), grow)


def test_acceptance_queue(client, round_6m, obec_reviewer, reporter_a, queries_at_two_sizes):
    """OBEC's queue of reports the first level approved (kpi/views/approval.py)."""

    def grow(n: int) -> None:
        for report in _submitted_reports(round_6m, n, reporter_a):
            for issue in ("issue1", "issue2", "issue3", "issue4"):
                services.review_mark(
                    report=report, issue_id=issue, clear=True, comment="", actor=obec_reviewer
                )
            services.report_approve(report=report, actor=obec_reviewer)

    client.force_login(obec_reviewer)
    queries_at_two_sizes(reverse("kpi:acceptance_queue"), grow)
