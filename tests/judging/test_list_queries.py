"""Every judging list page runs as many queries with one row as with several
(``queries_at_two_sizes``, tests/queries.py)."""

from __future__ import annotations

import itertools

import pytest
from django.urls import reverse

from pramoen.judging import services
from tests.judging.test_views import _campaign_with_committees, _finalized_group

pytestmark = pytest.mark.django_db


def test_workspace(client, committee, chair, judges, make_entry, queries_at_two_sizes):
    def grow(n: int) -> None:
        for _ in range(n):
            services.assignment_add(entry=make_entry(), judge=judges[0], actor=chair)

    client.force_login(judges[0])
    queries_at_two_sizes(reverse("judging:workspace"), grow)


def test_chair_committee_list(client, esa, staff, chair, judges, queries_at_two_sizes):
    editions = itertools.count(5)

    def grow(n: int) -> None:
        for _ in range(n):
            _campaign_with_committees(esa, staff, chair, judges, next(editions))

    client.force_login(chair)
    queries_at_two_sizes(reverse("judging:committees"), grow)


def test_staff_campaign_list(client, esa, staff, chair, judges, queries_at_two_sizes):
    editions = itertools.count(5)

    def grow(n: int) -> None:
        for _ in range(n):
            _campaign_with_committees(esa, staff, chair, judges, next(editions))

    client.force_login(staff)
    queries_at_two_sizes(reverse("judging:staff_index"), grow)


def test_a_campaigns_committee_list(client, esa, staff, chair, judges, queries_at_two_sizes):
    from pramoen.awards.services import campaign_category_add, campaign_create
    from tests.awards.conftest import campaign_fields
    from tests.judging.test_views import _more_groups

    specs = iter(_more_groups())
    campaign = campaign_create(esa=esa, actor=staff, categories=[next(specs)], **campaign_fields())
    services.committee_create(
        category=campaign.categories.get(), chair=chair, members=judges, actor=staff
    )

    def grow(n: int) -> None:
        # The campaign was created with its first group: add the rest up to n more in total.
        for _ in range(n - campaign.categories.count() if n == 1 else n):
            group = campaign_category_add(campaign=campaign, spec=next(specs), actor=staff)
            services.committee_create(category=group, chair=chair, members=judges, actor=staff)

    client.force_login(staff)
    queries_at_two_sizes(reverse("judging:campaign_committees", args=[campaign.pk]), grow)
    assert campaign.categories.count() == 4


def test_a_groups_chair_page_and_the_results(
    client, committee, chair, judges, make_entry, category, staff, queries_at_two_sizes, settings
):
    # Every visit computes the group's scores (a cached visit runs fewer queries: see
    # test_group_page.py), so both sizes are counted alike.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}

    def grow(n: int) -> None:
        committee.finalized_at = None
        committee.save(update_fields=["finalized_at"])
        _finalized_group(committee, chair, judges, make_entry, n=n)

    client.force_login(chair)
    queries_at_two_sizes(reverse("judging:committee", args=[committee.pk]), grow)
    client.force_login(staff)
    queries_at_two_sizes(reverse("judging:results", args=[category.campaign_id]), grow)


def test_certificate_list(
    client, committee, chair, judges, make_entry, category, staff, queries_at_two_sizes
):
    campaign = category.campaign

    def grow(n: int) -> None:
        committee.finalized_at = None
        committee.save(update_fields=["finalized_at"])
        _finalized_group(committee, chair, judges, make_entry, n=n)
        services.certificates_issue(campaign=campaign, actor=staff)

    client.force_login(staff)
    queries_at_two_sizes(reverse("judging:certificates", args=[campaign.pk]), grow)


def test_the_bulk_committee_page(client, esa, staff, chair, judges, queries_at_two_sizes):
    """Issue 19: the grid reads the page's groups, their committees and the people once."""
    from pramoen.awards.group_catalog import offered_groups
    from pramoen.awards.services import campaign_category_add, campaign_create
    from tests.awards.conftest import campaign_fields

    specs = iter([g.spec for g in offered_groups() if g.spec.category == "school"])
    campaign = campaign_create(esa=esa, actor=staff, **campaign_fields())

    def grow(n: int) -> None:
        for _ in range(n):
            group = campaign_category_add(campaign=campaign, spec=next(specs), actor=staff)
            services.committee_create(category=group, chair=chair, members=judges, actor=staff)

    client.force_login(staff)
    queries_at_two_sizes(reverse("judging:committees_bulk", args=[campaign.pk]), grow)
    assert campaign.categories.count() == 4
