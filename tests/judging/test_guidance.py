"""Issue 20: the judge and the chair are told where they stand — unscored indicators, a
chair's return, Thai indicator names, scores on the instrument's scale, confirmations."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from pramoen.judging import services
from pramoen.judging.forms import indicators_from_post
from pramoen.judging.models import Review
from pramoen.judging.scoring import answer_shapes, pinned_scoring
from tests.judging.helpers import ITEMS, all_checked


def _shapes(entry):
    return answer_shapes(pinned_scoring(entry.category))


def test_an_untouched_checklist_is_not_yet_scored(make_entry):
    from django.http import QueryDict

    entry = make_entry()
    first, second, *_ = ITEMS
    data = QueryDict(mutable=True)
    data.setlist(f"i-{first}", ["1", "2"])  # ticked items answer it
    data[f"a-{second}"] = "1"  # "checked, none met"
    answers = indicators_from_post(_shapes(entry), data)
    assert answers == {first: {"checked": [1, 2]}, second: {"checked": []}}


def test_submit_with_untouched_indicators_is_refused_with_their_thai_names(
    client, committee, chair, judges, make_entry
):
    entry = make_entry()
    judge = judges[0]
    services.assignment_add(entry=entry, judge=judge, actor=chair)
    client.force_login(judge)
    paths = list(ITEMS)
    # the page as a browser posts it: three indicators ticked, the others untouched
    data = {"version": "-1", "action": "submit"}
    for path in paths[:3]:
        data[f"i-{path}"] = ["1"]
    response = client.post(reverse("judging:review", args=[entry.pk]), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "ยังไม่ได้ประเมิน: " in html
    assert "ด้านการบริหารจัดการ" in html  # c1.i4, by its Thai name
    assert not re.search(r"\bc\d+\.i\d+\b", _visible(html))
    review = Review.objects.get(entry=entry, judge=judge)
    assert review.status == "draft"


def test_the_page_lists_what_is_not_yet_scored_and_asks_before_submitting(
    client, committee, chair, judges, make_entry
):
    entry = make_entry()
    services.assignment_add(entry=entry, judge=judges[0], actor=chair)
    client.force_login(judges[0])
    html = client.get(reverse("judging:review", args=[entry.pk])).content.decode()
    assert 'data-testid="unscored-list"' in html
    assert f"ยังไม่ได้ประเมิน {len(ITEMS)} ตัวชี้วัด" in html
    assert html.count('data-testid="unscored-') == len(ITEMS) + 1  # badges + the list
    assert 'data-confirm="ส่งผลการประเมินผลงานนี้?' in html


def test_items_are_numbered_in_one_digits_style(client, committee, chair, judges, make_entry):
    entry = make_entry()
    services.assignment_add(entry=entry, judge=judges[0], actor=chair)
    client.force_login(judges[0])
    html = client.get(reverse("judging:review", args=[entry.pk])).content.decode()
    # the number and title are instrument content, marked lang="th" (issue 19)
    legends = re.findall(r'<legend><span lang="th">(\S+) ', html)
    assert legends and all(not re.search("[๐-๙]", n) for n in legends), legends
    assert not re.search(r'value="\d+"[^>]*> [๐-๙]+\. ', html), "items in Thai digits beside Arabic"


def test_a_returned_review_shows_the_reason_on_top_and_mails_the_judge(
    client, committee, chair, judges, make_entry, django_capture_on_commit_callbacks, mailoutbox
):
    entry = make_entry()
    judge = judges[0]
    services.assignment_add(entry=entry, judge=judge, actor=chair)
    review = services.review_open(entry=entry, judge=judge)
    services.review_submit(
        review=review, actor=judge, seen_version=review.version, indicators=all_checked()
    )
    review.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.review_return(review=review, actor=chair, reason="ตัวชี้วัดที่ ๓ ไม่ตรงกับหลักฐาน")
    [mail] = mailoutbox
    assert mail.to == [judge.email]
    assert mail.body.startswith("เหตุผล: ตัวชี้วัดที่ ๓ ไม่ตรงกับหลักฐาน")
    client.force_login(judge)
    html = client.get(reverse("judging:review", args=[entry.pk])).content.decode()
    top = html.index('data-testid="returned-reason"')
    assert top < html.index("องค์ประกอบที่"), "the reason comes before the rubric"
    assert "ตัวชี้วัดที่ ๓ ไม่ตรงกับหลักฐาน" in html[top : top + 600]
    # once the judge submits again, the return is answered and no longer shown
    review.refresh_from_db()
    services.review_submit(
        review=review, actor=judge, seen_version=review.version, indicators=all_checked()
    )
    html = client.get(reverse("judging:review", args=[entry.pk])).content.decode()
    assert 'data-testid="returned-reason"' not in html


def test_the_disagreement_flag_names_indicators_in_thai(
    client, committee, chair, judges, make_entry
):
    entry = make_entry()
    committee.max_level_gap = 0
    committee.save()
    for k, judge in enumerate(judges[:2]):
        services.assignment_add(entry=entry, judge=judge, actor=chair)
        review = services.review_open(entry=entry, judge=judge)
        services.review_submit(
            review=review,
            actor=judge,
            seen_version=review.version,
            indicators=all_checked(drop=k * 3),
        )
    client.force_login(chair)
    html = client.get(reverse("judging:committee", args=[committee.pk])).content.decode()
    flag = re.search(r'data-testid="flag">([^<]*)<', html)
    assert flag, "the two judges' levels differ"
    assert "ด้าน" in flag.group(1)
    assert not re.search(r"\bc\d+\.i\d+\b", flag.group(1))


def test_finalize_asks_first_and_actions_go_once_final(
    client, committee, chair, judges, make_entry
):
    entry = make_entry()
    services.assignment_add(entry=entry, judge=judges[0], actor=chair)
    review = services.review_open(entry=entry, judge=judges[0])
    services.review_submit(
        review=review, actor=judges[0], seen_version=review.version, indicators=all_checked()
    )
    client.force_login(chair)
    url = reverse("judging:committee", args=[committee.pk])
    html = client.get(url).content.decode()
    assert 'data-confirm="ยืนยันผลการตัดสินของกลุ่มนี้?' in html
    assert "ส่งกลับให้ทบทวน" in html
    services.group_finalize(committee=committee, actor=chair)
    html = client.get(url).content.decode()
    for action in (
        "ยืนยันผลการตัดสินของกลุ่มนี้</button>",
        "ส่งกลับให้ทบทวน",
        "มอบหมายกรรมการอัตโนมัติ",
        ">มอบหมาย</button>",
    ):
        assert action not in html, action


def _visible(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def test_submit_refusal_keeps_the_service_message_thai(committee, chair, judges, make_entry):
    entry = make_entry()
    services.assignment_add(entry=entry, judge=judges[0], actor=chair)
    review = services.review_open(entry=entry, judge=judges[0])
    answers = all_checked()
    answers.pop(next(iter(ITEMS)))
    with pytest.raises(ValidationError) as info:
        services.review_submit(
            review=review, actor=judges[0], seen_version=review.version, indicators=answers
        )
    assert info.value.messages[1] == "ยังไม่ได้ประเมิน: 1 ด้านคุณภาพผู้เรียน"
