"""The chair and ESA staff see how consistently the committee scored (issue 14)."""

from __future__ import annotations

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pramoen.judging import services
from pramoen.judging.models import Review
from pramoen.judging.reliability import krippendorff_alpha
from pramoen.judging.selectors.reliability import group_reliability
from tests.judging.helpers import all_checked


def _scored(committee, chair, judges, make_entry, plans):
    entries = []
    for plan in plans:
        entry = make_entry()
        for judge, indicators in zip(judges, plan, strict=True):
            services.assignment_add(entry=entry, judge=judge, actor=chair)
            review = services.review_open(entry=entry, judge=judge)
            services.review_submit(
                review=review, actor=judge, seen_version=review.version, indicators=indicators
            )
        entries.append(entry)
    return entries


def _disagreeing(drop_c1_i1: int) -> dict:
    answers = all_checked()
    answers["c1.i1"] = {"checked": list(range(1, 9 - drop_c1_i1))}
    return answers


PLANS = [
    [all_checked(), all_checked(), all_checked(drop=1)],
    [all_checked(drop=2), all_checked(drop=2), all_checked(drop=2)],
    [_disagreeing(0), _disagreeing(4), _disagreeing(7)],
    [all_checked(drop=1), all_checked(), all_checked(drop=1)],
]


def test_group_reliability_is_alpha_of_the_submitted_totals(
    committee, chair, judges, make_entry, category
):
    entries = _scored(committee, chair, judges, make_entry, PLANS)
    totals = [
        [float(Decimal(r.total)) for r in Review.objects.filter(entry=e).order_by("judge_id")]
        for e in entries
    ]
    group = group_reliability(category=category)
    assert (group.entries, group.judges) == (4, 3)
    assert group.alpha == krippendorff_alpha(totals, "interval")
    assert group.ci is not None and group.ci[0] <= group.alpha <= group.ci[1]
    # c1.i1 is where the judges disagree (items 8, 4, 1 on one entry): it comes first
    assert group.indicators[0].path == "c1.i1"
    alphas = [i.alpha for i in group.indicators if i.alpha is not None]
    assert alphas == sorted(alphas)
    assert group.icc is not None  # every judge scored every entry


def test_chair_sees_the_panel_and_other_chairs_do_not(
    client, committee, chair, judges, make_entry, make_user, esa
):
    from pramoen.accounts.enums import Role

    _scored(committee, chair, judges, make_entry, PLANS)
    client.force_login(chair)
    page = client.get(reverse("judging:committee", args=[committee.pk])).content.decode()
    assert reverse("judging:committee_reliability", args=[committee.pk]) in page
    panel = client.get(reverse("judging:committee_reliability", args=[committee.pk]))
    html = panel.content.decode()
    assert panel.status_code == 200
    assert 'data-testid="reliability-alpha"' in html
    assert "ความสอดคล้องของกรรมการ" in html and "ตัวชี้วัดที่กรรมการให้คะแนนต่างกันมากที่สุดก่อน" in html
    stranger = make_user(roles=[Role.COMMITTEE_CHAIR], organization=esa, password=None)
    client.force_login(stranger)
    assert (
        client.get(reverse("judging:committee_reliability", args=[committee.pk])).status_code == 404
    )


def test_before_any_submission_the_panel_says_so(client, committee, chair):
    client.force_login(chair)
    html = client.get(
        reverse("judging:committee_reliability", args=[committee.pk])
    ).content.decode()
    assert "ไม่มีผลงานที่กรรมการอย่างน้อย ๒ คนให้คะแนน" in html


def test_staff_campaign_page_lists_groups_least_consistent_first(
    client, committee, chair, judges, make_entry, staff, category
):
    _scored(committee, chair, judges, make_entry, PLANS)
    client.force_login(staff)
    response = client.get(reverse("judging:campaign_reliability", args=[category.campaign_id]))
    assert response.status_code == 200
    assert category.label_th in response.content.decode()


def test_reliability_queries_do_not_grow_with_the_group(
    committee, chair, judges, make_entry, category
):
    _scored(committee, chair, judges, make_entry, PLANS[:2])
    group_reliability(category=category)  # warm the compiled-instrument cache
    with CaptureQueriesContext(connection) as small:
        group_reliability(category=category)
    _scored(committee, chair, judges, make_entry, PLANS * 2)
    with CaptureQueriesContext(connection) as large:
        group_reliability(category=category)
    assert len(small) == len(large) == 2
