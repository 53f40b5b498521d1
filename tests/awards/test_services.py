from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from pramoen.awards.models import Campaign, CampaignCategory
from pramoen.awards.pins import resolve_pin
from pramoen.awards.services import (
    CategorySpec,
    campaign_category_add,
    campaign_clone,
    campaign_create,
    campaign_update,
)
from pramoen.core.models import AuditEvent
from tests.awards.conftest import BANGKOK, SCHOOL_ACADEMIC, campaign_fields

pytestmark = pytest.mark.django_db


def test_campaign_create_pins_instruments_to_the_engine_hash(campaign):
    school = campaign.categories.get(category="school")
    expected = resolve_pin("nara2-school-academic").version_hash
    assert (school.scoring_instrument_hash, len(school.eligibility_instrument_hash)) == (
        expected,
        64,
    )
    assert campaign.title_th == "NARA 2 AWARDS ครั้งที่ ๕ ประจำปี ๒๕๖๙"
    assert AuditEvent.objects.filter(action="awards.campaign_create").count() == 1


def test_campaign_create_refuses_unknown_instrument_and_saves_nothing(esa, staff):
    bad = CategorySpec(
        category="school",
        domain="academic",
        eligibility_instrument_id="nara2-school-eligibility",
        scoring_instrument_id="nara2-school-nonexistent",
    )
    with pytest.raises(ValidationError) as info:
        campaign_create(esa=esa, actor=staff, categories=[bad], **campaign_fields())
    assert info.value.message_dict["scoring_instrument_id"] == [
        "ไม่พบแบบประเมินรหัส “nara2-school-nonexistent” ในคลังแบบประเมินของระบบ"
    ]
    assert Campaign.objects.count() == 0


def test_category_refuses_a_scoring_instrument_in_the_eligibility_slot(campaign, staff):
    spec = CategorySpec(
        category="school",
        domain="management",
        eligibility_instrument_id="nara2-school-management",
        scoring_instrument_id="nara2-school-management",
    )
    with pytest.raises(ValidationError) as info:
        campaign_category_add(campaign=campaign, spec=spec, actor=staff)
    assert list(info.value.message_dict) == ["eligibility_instrument_id"]
    assert "ใช้ในช่องแบบประเมินคุณสมบัติเบื้องต้นไม่ได้" in info.value.messages[0]


def test_category_refuses_the_same_group_twice(campaign, staff):
    with pytest.raises(ValidationError) as info:
        campaign_category_add(campaign=campaign, spec=SCHOOL_ACADEMIC, actor=staff)
    assert info.value.messages == ["ประเภทสถานศึกษา ด้านวิชาการ โรงเรียนขนาดเล็ก มีอยู่ในการประกวดนี้แล้ว"]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"deadline": dt.datetime(2026, 3, 20, 16, 30, tzinfo=BANGKOK)},
            "deadline",
            "กำหนดส่งผลงานต้องอยู่หลังวันเปิดรับผลงาน",
        ),
        (
            {"correction_starts_on": dt.date(2026, 6, 10)},
            "correction_starts_on",
            "ช่วงแก้ไขเอกสารต้องเริ่มหลังกำหนดส่งผลงาน",
        ),
        (
            {"correction_ends_on": None},
            "correction_ends_on",
            "ช่วงแก้ไขเอกสารต้องระบุทั้งวันเริ่มและวันสิ้นสุด",
        ),
        (
            {"judging_ends_on": dt.date(2026, 6, 30)},
            "judging_ends_on",
            "วันสิ้นสุดการตัดสินต้องไม่ก่อนวันเริ่มการตัดสิน",
        ),
        (
            {"announce_on": dt.date(2026, 7, 10)},
            "announce_on",
            "วันประกาศผลต้องไม่ก่อนการตัดสินเสร็จสิ้น",
        ),
        ({"allowed_fonts": []}, "allowed_fonts", "กรุณาระบุแบบอักษรที่อนุญาตอย่างน้อย ๑ แบบ"),
    ],
)
def test_campaign_create_validates_dates_in_thai(esa, staff, overrides, field, message):
    with pytest.raises(ValidationError) as info:
        campaign_create(esa=esa, actor=staff, **campaign_fields(**overrides))
    assert info.value.message_dict[field] == [message]


def test_campaign_create_refuses_a_second_edition_in_the_same_year(campaign, esa, staff):
    with pytest.raises(ValidationError) as info:
        campaign_create(esa=esa, actor=staff, **campaign_fields(edition=6))
    assert info.value.message_dict["year_be"] == [
        "สำนักงานเขตนี้มีการประกวด NARA 2 AWARDS ประจำปี ๒๕๖๙ อยู่แล้ว"
    ]


def test_campaign_update_audits_only_changed_fields(campaign, staff):
    updated = campaign_update(
        campaign=campaign, actor=staff, changes={"max_pages": 80, "judges_per_entry": 3}
    )
    event = AuditEvent.objects.get(action="awards.campaign_update")
    assert (updated.max_pages, event.before, event.after) == (
        80,
        {"max_pages": 100},
        {"max_pages": 80},
    )


def test_campaign_update_that_fails_validation_changes_nothing(campaign, staff):
    with pytest.raises(ValidationError):
        campaign_update(campaign=campaign, actor=staff, changes={"opens_on": dt.date(2026, 7, 1)})
    campaign.refresh_from_db()
    assert campaign.opens_on == dt.date(2026, 3, 26)
    assert not AuditEvent.objects.filter(action="awards.campaign_update").exists()


def test_campaign_clone_shifts_dates_and_keeps_bangkok_wall_clock(campaign, staff):
    result = campaign_clone(source=campaign, year_be=2570, actor=staff)
    clone = result.campaign
    assert (clone.edition, clone.year_be, clone.opens_on, clone.correction_ends_on) == (
        6,
        2570,
        dt.date(2027, 3, 26),
        dt.date(2027, 6, 26),
    )
    assert clone.deadline_local().replace(tzinfo=None) == dt.datetime(2027, 6, 19, 16, 30)
    assert clone.letter_number == "ศธ ๐๔๐๗๙/"
    assert clone.title_th == "NARA 2 AWARDS ครั้งที่ ๖ ประจำปี ๒๕๗๐"
    assert list(clone.categories.values_list("category", "domain", "size_class")) == [
        ("school", "academic", "small"),
        ("teacher", "innovation", "large"),
    ]
    assert result.pin_changes == []


def test_campaign_clone_reports_a_changed_pin(campaign, staff):
    # A pin recorded from an older version of the form (as after a library correction).
    CampaignCategory.objects.filter(campaign=campaign, category="teacher").update(
        scoring_instrument_hash="0" * 64
    )
    result = campaign_clone(source=campaign, year_be=2570, actor=staff)
    [change] = result.pin_changes
    current = resolve_pin("nara2-teacher-innovation").version_hash
    assert (change.slot, change.instrument_id, change.old_hash, change.new_hash) == (
        "scoring",
        "nara2-teacher-innovation",
        "0" * 64,
        current,
    )
    assert change.message_th.startswith("ประเภทครูผู้สอน ด้านนวัตกรรม")
    event = AuditEvent.objects.get(action="awards.campaign_clone")
    assert event.after["pin_changes"][0]["new_hash"] == current


def test_campaign_clone_refuses_an_instrument_that_left_the_library(campaign, staff):
    CampaignCategory.objects.filter(campaign=campaign, category="teacher").update(
        scoring_instrument_id="nara2-teacher-retired"
    )
    with pytest.raises(ValidationError) as info:
        campaign_clone(source=campaign, year_be=2570, actor=staff)
    assert "nara2-teacher-retired" in " ".join(info.value.messages)
    assert Campaign.objects.filter(year_be=2570).count() == 0


def test_campaign_clone_moves_29_february_to_28(campaign, staff):
    leap = campaign_update(
        campaign=campaign, actor=staff, changes={"letter_date": dt.date(2028, 2, 29)}
    )
    clone = campaign_clone(source=leap, year_be=2570, actor=staff).campaign
    assert clone.letter_date == dt.date(2029, 2, 28)


def test_campaign_clone_refuses_an_earlier_year(campaign, staff):
    with pytest.raises(ValidationError) as info:
        campaign_clone(source=campaign, year_be=2569, actor=staff)
    assert info.value.message_dict["year_be"] == ["ปีของการประกวดใหม่ต้องอยู่หลังปีของการประกวดต้นแบบ"]


def test_campaign_portfolio_rules_feed_the_format_checker(campaign, staff):
    changed = campaign_update(
        campaign=campaign,
        actor=staff,
        changes={"max_pages": 80, "allowed_fonts": ["TH Sarabun New"], "forbid_qr_codes": False},
    )
    rules = changed.portfolio_rules()
    assert (
        rules.max_pages,
        rules.page_size_mm,
        rules.allowed_font_families,
        rules.body_size_pt,
        rules.body_size_tolerance_pt,
        rules.qr_forbidden,
    ) == (80, (210.0, 297.0), ("TH Sarabun New",), 16.0, 0.5, False)
