"""Numbers the applicant supplied (hours, percentages) shown beside their indicators; the judge
confirms them before submitting (nara2-teacher-innovation: c2.i2 hours, c3.i2 methods + %)."""

from __future__ import annotations

import copy

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from pramoen.awards.enums import EntryStatus
from pramoen.awards.models import Entry
from pramoen.awards.services import campaign_create
from pramoen.instruments import get_instrument
from pramoen.judging import services
from pramoen.judging.enums import ReviewStatus
from pramoen.judging.scoring import applicant_values, confirmation_key, pinned_scoring
from tests.awards.conftest import TEACHER_INNOVATION, campaign_fields

INSTRUMENT = get_instrument("nara2-teacher-innovation")
FIELDS = {
    "self_dev_log": [
        {
            "year_be": 2568,
            "hours": "20",
            "topic": "อบรม",
            "provider": "สพป.",
            "use_of_results": "ใช้",
        },
        {
            "year_be": 2568,
            "hours": "21.5",
            "topic": "สัมมนา",
            "provider": "สพฐ.",
            "use_of_results": "ใช้",
        },
    ],
    "c3_methods": ["research", "care_system"],
    "c3_solved_pct": "85",
}


def _all_checked() -> dict:
    return {
        f"{c.id}.{i.id}": {"checked": list(range(1, len(i.items or []) + 1))}
        for c in INSTRUMENT.rubric.components
        for i in c.indicators
        if f"{c.id}.{i.id}" not in ("c2.i2", "c3.i2")
    }


@pytest.fixture
def teacher_category(esa, staff):
    campaign = campaign_create(
        esa=esa, actor=staff, categories=[TEACHER_INNOVATION], **campaign_fields()
    )
    return campaign.categories.get()


@pytest.fixture
def teacher_entry(teacher_category, staff, make_school, chair, judges):
    school = make_school()
    entry = Entry.objects.create(
        campaign=teacher_category.campaign,
        category=teacher_category,
        school=school,
        nominee_key=f"teacher:{school.pk}",
        created_by=staff,
        status=EntryStatus.SUBMITTED,
        answers={"scoring": {"fields": copy.deepcopy(FIELDS), "evidence": {}}},
    )
    services.eligibility_record(entry=entry, eligible=True, actor=staff)
    services.committee_create(category=teacher_category, chair=chair, members=judges, actor=staff)
    services.assignment_add(entry=entry, judge=judges[0], actor=chair)
    return entry


def _keys(entry) -> dict[str, str]:
    values = applicant_values(pinned_scoring(entry.category), entry)
    return {path: confirmation_key(v) for path, v in values.items()}


def test_applicant_values_name_the_hours_methods_and_percentage(teacher_entry):
    values = applicant_values(pinned_scoring(teacher_entry.category), teacher_entry)
    assert list(values) == ["c2.i2", "c3.i2"]
    [hours] = values["c2.i2"]
    assert (hours.label_th, hours.value_th) == ("รวมจำนวนชั่วโมง", "41.5 ชั่วโมง/ปี")
    methods, percent = values["c3.i2"]
    assert "วิจัยในชั้นเรียน" in methods.value_th and "ระบบดูแลช่วยเหลือ" in methods.value_th
    assert "นวัตกรรม" not in methods.value_th
    assert percent.value_th == "ร้อยละ 85"


def test_submit_requires_every_applicant_value_confirmed(teacher_entry, judges):
    judge = judges[0]
    review = services.review_open(entry=teacher_entry, judge=judge)
    keys = _keys(teacher_entry)
    with pytest.raises(ValidationError) as refused:
        services.review_submit(
            review=review,
            actor=judge,
            seen_version=review.version,
            indicators=_all_checked(),
            confirmed={"c2.i2": keys["c2.i2"]},
        )
    [message] = refused.value.messages
    assert "ยืนยัน" in message and "ข้อมูลจากผู้สมัคร" in message
    review.refresh_from_db()
    assert review.status == ReviewStatus.DRAFT
    outcome = services.review_submit(
        review=review,
        actor=judge,
        seen_version=review.version,
        indicators=_all_checked(),
        confirmed=keys,
    )
    assert outcome.review.status == ReviewStatus.SUBMITTED
    assert outcome.review.confirmed == keys
    assert outcome.review.history.get(version=outcome.review.version).confirmed == keys


def test_confirmation_of_an_old_value_does_not_count(teacher_entry, judges):
    judge = judges[0]
    review = services.review_open(entry=teacher_entry, judge=judge)
    old = _keys(teacher_entry)
    # The applicant's percentage changes after the judge confirmed what the page showed.
    teacher_entry.answers["scoring"]["fields"]["c3_solved_pct"] = "100"
    teacher_entry.save(update_fields=["answers"])
    assert _keys(teacher_entry)["c3.i2"] != old["c3.i2"]
    with pytest.raises(ValidationError, match="ยืนยัน"):
        services.review_submit(
            review=review,
            actor=judge,
            seen_version=review.version,
            indicators=_all_checked(),
            confirmed=old,
        )


def test_scoring_page_shows_values_and_refuses_unconfirmed_submit(client, teacher_entry, judges):
    judge = judges[0]
    client.force_login(judge)
    url = reverse("judging:review", args=[teacher_entry.pk])
    page = client.get(url).content.decode()
    assert 'data-testid="supplied-c2.i2"' in page and "ข้อมูลจากผู้สมัคร" in page
    assert "41.5 ชั่วโมง/ปี" in page and "ร้อยละ 85" in page
    assert 'name="k-c3.i2"' in page
    review = services.review_open(entry=teacher_entry, judge=judge)
    data = {"version": str(review.version), "action": "submit"}
    for path, answer in _all_checked().items():
        data[f"a-{path}"] = "1"
        data[f"i-{path}"] = [str(n) for n in answer["checked"]]
    response = client.post(url, data)
    assert response.status_code == 400
    assert "ยังส่งผลการประเมินไม่ได้" in response.content.decode()
    review.refresh_from_db()
    assert review.status == ReviewStatus.DRAFT
    keys = _keys(teacher_entry)
    data.update({f"k-{path}": key for path, key in keys.items()})
    # A judge may note on a computed indicator that a number does not match the evidence.
    data["n-c2.i2"] = "เกียรติบัตรแนบมา ๓๐ ชั่วโมง ไม่ตรงกับที่กรอก"
    response = client.post(url, data)
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == ReviewStatus.SUBMITTED and review.confirmed == keys
    assert review.comments["c2.i2"] == "เกียรติบัตรแนบมา ๓๐ ชั่วโมง ไม่ตรงกับที่กรอก"
    assert "checked" in client.get(url).content.decode().split('name="k-c2.i2"')[1][:200]
