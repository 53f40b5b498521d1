"""Robust aggregation (issue 14): the trimmed mean drops the extremes once five judges scored."""

from decimal import Decimal

import pytest

from pramoen.judging import domain

D = Decimal


@pytest.mark.parametrize(
    ("totals", "expected"),
    [
        # five judges: drop 95 and 40 → (70 + 72 + 74) / 3 = 72
        ([D(70), D(95), D(72), D(40), D(74)], D(72)),
        # four judges: too few to trim → the plain mean (70 + 95 + 72 + 40) / 4 = 69.25
        ([D(70), D(95), D(72), D(40)], D("69.25")),
        # six judges, one outlier each side: (60 + 61 + 62 + 63) / 4 = 61.5
        ([D(99), D(60), D(61), D(62), D(63), D(1)], D("61.5")),
    ],
)
def test_trimmed_mean(totals, expected) -> None:
    assert domain.aggregate(totals, domain.TRIMMED) == expected


def test_one_judge_off_by_far_moves_the_mean_not_the_trimmed_mean() -> None:
    honest = [D(80), D(81), D(79), D(80), D(80)]
    rogue = [D(80), D(80), D(80), D(80), D(20)]
    assert domain.aggregate(honest, domain.TRIMMED) == D(80)
    assert domain.aggregate(rogue, domain.TRIMMED) == D(80)
    assert domain.aggregate(rogue, domain.MEAN) == D(68)


def test_the_rule_is_named_on_the_public_results(
    client, committee, chair, judges, make_entry, category, staff
):
    from django.urls import reverse

    from pramoen.judging import services
    from pramoen.judging.models import Committee
    from tests.judging.helpers import all_checked

    Committee.objects.filter(pk=committee.pk).update(aggregation="trimmed")
    committee.refresh_from_db()
    entry = make_entry()
    for judge in judges:
        services.assignment_add(entry=entry, judge=judge, actor=chair)
        review = services.review_open(entry=entry, judge=judge)
        services.review_submit(review=review, actor=judge, seen_version=0, indicators=all_checked())
    services.group_finalize(committee=committee, actor=chair)
    client.force_login(staff)
    html = client.get(reverse("judging:results", args=[category.campaign_id])).content.decode()
    assert "คะแนนรวม: ค่าเฉลี่ยหลังตัดคะแนนสูงสุดและต่ำสุด (เมื่อมีกรรมการ ๕ คนขึ้นไป)" in html
