"""The judge's page for a director entry: the real items, the applicant's figures, "none"."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pramoen.awards.enums import EntryStatus
from pramoen.awards.models import Entry
from pramoen.awards.services import campaign_create
from pramoen.judging import services
from pramoen.judging.forms import NONE, indicators_from_post
from pramoen.judging.models import Review
from pramoen.judging.services import committee_create, eligibility_record
from tests.awards.conftest import campaign_fields
from tests.judging.test_recompute_superseded_version import DIRECTOR_ACADEMIC

FIELDS = {
    "school_type": "primary",
    "reading_pct": "82.5",
    "thinking_pct": "70",
    "onet_p6_improved": 2,
    "desirable_traits_good": 6,
    "student_award_level": "province_region",
}


@pytest.fixture
def director_entry(esa, staff, chair, judges, make_school):
    campaign = campaign_create(
        esa=esa, actor=staff, categories=[DIRECTOR_ACADEMIC], **campaign_fields()
    )
    category = campaign.categories.get()
    committee_create(category=category, chair=chair, members=judges, actor=staff)
    entry = Entry.objects.create(
        campaign=campaign,
        category=category,
        school=make_school(),
        nominee_key="person:director",
        nominee_name="นางสมศรี ใจดี",
        created_by=staff,
        status=EntryStatus.SUBMITTED,
        answers={"scoring": {"fields": FIELDS, "evidence": {}}},
    )
    eligibility_record(entry=entry, eligible=True, actor=staff)
    services.assignment_add(entry=entry, judge=judges[0], actor=chair)
    return entry


def test_judge_sees_the_printed_items_and_the_applicants_figures(client, director_entry, judges):
    client.force_login(judges[0])
    html = client.get(reverse("judging:review", args=[director_entry.pk])).content.decode()
    # ๑.๑'s four printed items (seed 003 line 360), not placeholders
    assert "ดำรงตำแหน่งผู้อำนวยการสถานศึกษา/รองผู้อำนวยการ" in html
    assert "ไม่เคยถูกลงโทษทางวินัย" in html
    assert "ต้นฉบับไม่ได้พิมพ์" not in html
    # the applicant's reading percentage, labelled in Thai, and the level it gives (๘๑ - ๘๔)
    # the instrument's display: Arabic digits; instrument content is marked lang="th" (issue 19)
    assert '<dd lang="th">ร้อยละ 82.5</dd>' in html
    assert 'data-testid="supplied-c1.i1"' in html
    # the printed thresholds of the computed indicator, beside the applicant's figure
    assert 'data-testid="levels-c1.i1"' in html and "ดีมาก — ร้อยละ ๘๑ - ๘๔" in html
    # ๑.๖ offers "no award" as an answer of its own
    assert f'name="c-pre.i6" value="{NONE}"' in html and "ไม่มีผลงาน/รางวัล" in html


def test_judge_answers_no_award_and_it_scores_zero(client, director_entry, judges):
    client.force_login(judges[0])
    client.get(reverse("judging:review", args=[director_entry.pk]))
    response = client.post(
        reverse("judging:autosave", args=[director_entry.pk]),
        {"version": "0", "c-pre.i6": NONE},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    review = Review.objects.get(entry=director_entry, judge=judges[0])
    assert review.indicators["pre.i6"] == {"none": True}
    assert "ไม่มีผลงาน/รางวัล → ๐ คะแนน" in response.content.decode()


def test_parsing_none_and_levels() -> None:
    from django.http import QueryDict

    shapes = {"a.i1": {"choice": None}, "a.i2": {"level": None}, "a.i3": {"choice": None}}
    data = QueryDict(mutable=True)
    data.update({"c-a.i1": NONE, "l-a.i2": "l3", "c-a.i3": "x"})
    assert indicators_from_post(shapes, data) == {"a.i1": {"none": True}, "a.i2": {"level": "l3"}}
