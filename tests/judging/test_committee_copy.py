from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pramoen.accounts.enums import Role
from pramoen.awards.group_catalog import offered_groups
from pramoen.awards.services import campaign_clone, campaign_groups_add
from pramoen.core.models import AuditEvent
from pramoen.judging.models import Committee
from pramoen.judging.services import committee_create, committees_copy_from_previous
from tests.awards.conftest import TEACHER_INNOVATION

pytestmark = pytest.mark.django_db


@pytest.fixture
def last_year(campaign, staff):
    """Edition ๕ (2569) with two groups: school academic small and teacher innovation large."""
    campaign_groups_add(campaign=campaign, specs=[TEACHER_INNOVATION], actor=staff)
    return campaign


@pytest.fixture
def this_year(last_year, staff):
    return campaign_clone(source=last_year, year_be=2570, actor=staff).campaign


def _group(campaign, category: str):
    return campaign.categories.get(category=category)


def _names(committee: Committee) -> list[str]:
    return sorted(u.display_name for u in committee.members.all())


def test_copy_seats_each_matching_group_as_last_edition_did(
    client, staff, last_year, this_year, chair, judges, make_user, esa
):
    committee_create(category=_group(last_year, "school"), chair=chair, members=judges, actor=staff)
    retired_chair = make_user(roles=[Role.COMMITTEE_CHAIR], organization=esa, password=None)
    committee_create(
        category=_group(last_year, "teacher"), chair=retired_chair, members=judges, actor=staff
    )
    retired_chair.is_active = False
    retired_chair.save()
    gone = judges[0]
    gone.is_active = False
    gone.save()
    # A group new this year has nothing to copy from.
    director = next(g.spec for g in offered_groups() if g.spec.category == "director")
    campaign_groups_add(campaign=this_year, specs=[director], actor=staff)

    client.force_login(staff)
    response = client.post(reverse("judging:committees_copy", args=[this_year.pk]))

    assert response.status_code == 200
    copied = Committee.objects.get(category=_group(this_year, "school"))
    assert copied.chair == chair
    assert _names(copied) == sorted(j.display_name for j in judges[1:])
    assert not Committee.objects.filter(
        category__campaign=this_year, category__category__in=["teacher", "director"]
    ).exists()
    page = response.content.decode()
    assert "คัดลอกคณะกรรมการจาก" in page
    assert chair.display_name in page
    assert f"{_group(this_year, 'teacher').label_th}: ประธาน {retired_chair.display_name}" in page
    assert f"{_group(this_year, 'director').label_th}: ไม่มีกลุ่มนี้หรือไม่มีคณะกรรมการในครั้งก่อน" in page
    assert gone.display_name in page
    event = AuditEvent.objects.get(action="judging.committees_copy")
    assert event.after["committees"] == [
        {
            "category": copied.category_id,
            "chair": chair.pk,
            "members": sorted(j.pk for j in judges[1:]),
        }
    ]


def test_copy_leaves_out_a_judge_whose_role_was_revoked(staff, last_year, this_year, chair, judges):
    from pramoen.accounts.services import membership_revoke

    committee_create(category=_group(last_year, "school"), chair=chair, members=judges, actor=staff)
    membership = judges[2].memberships.get(role=Role.JUDGE)
    membership_revoke(membership=membership, actor=staff)
    result = committees_copy_from_previous(campaign=this_year, actor=staff)
    assert _names(Committee.objects.get(category=_group(this_year, "school"))) == sorted(
        j.display_name for j in judges[:2]
    )
    assert result.left_out == [f"{judges[2].display_name} ({_group(this_year, 'school').label_th})"]


def test_copy_keeps_a_committee_already_set(staff, last_year, this_year, chair, judges):
    committee_create(category=_group(last_year, "school"), chair=chair, members=judges, actor=staff)
    mine = committee_create(
        category=_group(this_year, "school"), chair=judges[0], members=judges[1:2], actor=staff
    )
    result = committees_copy_from_previous(campaign=this_year, actor=staff)
    assert result.copied == []
    mine.refresh_from_db()
    assert (mine.chair, _names(mine)) == (judges[0], [judges[1].display_name])


def test_copy_without_a_previous_edition_says_so(client, staff, last_year):
    client.force_login(staff)
    response = client.post(reverse("judging:committees_copy", args=[last_year.pk]), follow=True)
    assert "ไม่พบการประกวดครั้งก่อนของรางวัลนี้" in response.content.decode()
    assert not Committee.objects.exists()


def test_copy_button_shows_on_the_committees_page_only_with_a_previous_edition(
    client, staff, last_year, this_year
):
    client.force_login(staff)
    url = "judging:campaign_committees"
    assert (
        "คัดลอกคณะกรรมการจากครั้งก่อน" in client.get(reverse(url, args=[this_year.pk])).content.decode()
    )
    assert (
        "คัดลอกคณะกรรมการจากครั้งก่อน"
        not in client.get(reverse(url, args=[last_year.pk])).content.decode()
    )


def test_copy_runs_as_many_queries_for_more_groups(staff, last_year, chair, judges, esa):
    def copy_queries(year_be: int) -> int:
        target = campaign_clone(source=last_year, year_be=year_be, actor=staff).campaign
        with CaptureQueriesContext(connection) as queries:
            committees_copy_from_previous(campaign=target, actor=staff)
        # Gone again, so the next edition copies from last_year too.
        Committee.objects.filter(category__campaign=target).delete()
        target.delete()
        return len(queries)

    committee_create(category=_group(last_year, "school"), chair=chair, members=judges, actor=staff)
    one = copy_queries(2570)
    committee_create(
        category=_group(last_year, "teacher"), chair=chair, members=judges, actor=staff
    )
    more = [g.spec for g in offered_groups() if g.spec.category == "director"][:3]
    campaign_groups_add(campaign=last_year, specs=more, actor=staff)
    for category in last_year.categories.filter(category="director"):
        committee_create(category=category, chair=chair, members=judges[:1], actor=staff)
    assert copy_queries(2570) == one
