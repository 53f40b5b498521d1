import pytest

from pramoen.core import demo
from pramoen.judging.enums import ReviewStatus
from pramoen.judging.models import Assignment, Committee, Review


@pytest.mark.slow
def test_demo_loads_a_committee_once(db):
    demo.load(lambda line: None)
    demo.load(lambda line: None)
    committee = Committee.objects.get()
    assert (
        committee.chair.username,
        sorted(committee.members.values_list("username", flat=True)),
    ) == (
        "chair",
        ["judge", "judge2"],
    )
    assert Assignment.objects.count() == 4
    assert list(Review.objects.values_list("status", flat=True)) == [ReviewStatus.SUBMITTED] * 2
