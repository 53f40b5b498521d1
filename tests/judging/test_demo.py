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
    assert Assignment.objects.count() == 4
    assert list(Review.objects.values_list("status", flat=True)) == [ReviewStatus.SUBMITTED] * 2


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
