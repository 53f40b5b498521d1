import pytest

from pramoen.core import demo
from pramoen.judging.enums import ReviewStatus
from pramoen.judging.models import Assignment, Committee, Review


@pytest.mark.slow
def test_demo_loads_a_committee_once(db):
    demo.load(lambda line: None)
    demo.load(lambda line: None)
    committee = Committee.objects.get(category__campaign__year_be=2569)
    assert (
        committee.chair.username,
        sorted(committee.members.values_list("username", flat=True)),
    ) == (
        "chair",
        ["judge", "judge2"],
    )
    assert Assignment.objects.filter(entry__campaign__year_be=2569).count() == 4
    reviews = Review.objects.filter(entry__campaign__year_be=2569)
    assert list(reviews.values_list("status", flat=True)) == [ReviewStatus.SUBMITTED] * 2


@pytest.mark.slow
def test_demo_past_edition_is_final_announced_and_certified_once(db):
    from django.utils import timezone

    from pramoen.judging.models import Certificate, EntryResult

    demo.load(lambda line: None)
    demo.load(lambda line: None)
    committee = Committee.objects.get(category__campaign__year_be=2568)
    result = EntryResult.objects.get(entry__campaign__year_be=2568)
    assert committee.finalized_at is not None
    assert result.entry.campaign.announce_on < timezone.localdate()
    assert result.entry.created_by.username == "winner"
    assert (result.tier, result.eligible, result.reopened_at) == ("gold", True, None)
    certificates = Certificate.objects.filter(entry=result.entry)
    assert [(c.recipient, c.revoked_at) for c in certificates] == [
        (result.entry.school.name_th, None)
    ]


@pytest.mark.slow
def test_demo_gives_every_supervisor_and_other_staff_group_a_committee_once(db):
    demo.load(lambda line: None)
    demo.load(lambda line: None)
    committees = Committee.objects.filter(category__campaign__year_be=2570)
    assert sorted(committees.values_list("category__category", "category__domain")) == sorted(
        (category, domain)
        for category in ("supervisor", "other_staff")
        for domain in ("academic", "management", "innovation")
    )
    for committee in committees:
        assert committee.chair.username == "chair"
        assert sorted(committee.members.values_list("username", flat=True)) == ["judge", "judge2"]
