from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from pramoen.accounts.models import User
from pramoen.awards.enums import EntryStatus
from pramoen.awards.models import Campaign, Entry
from pramoen.core.demo import DEMO_PASSWORD
from pramoen.orgs.models import DisciplinaryRecord, Enrollment, Organization, Person
from tests.e2e.conftest import login

NOT_ELIGIBLE_TH = "ไม่ผ่านคุณสมบัติเบื้องต้น — ไม่มอบเกียรติบัตร"


def _teacher_entry(campaign, school, first_name: str, started: dt.date) -> Person:
    person = Person.objects.create(
        prefix="นางสาว",
        first_name=first_name,
        last_name="ทดสอบคัดกรอง",
        position="teacher",
        organization=school,
        position_started_on=started,
    )
    Entry.objects.create(
        campaign=campaign,
        category=campaign.categories.get(
            category="teacher", domain="innovation", size_class="small"
        ),
        school=school,
        nominee_name=f"นางสาว{first_name} ทดสอบคัดกรอง",
        nominee_key=f"person:{school.pk}:{first_name} ทดสอบคัดกรอง",
        created_by=User.objects.get(username="esa"),
        status=EntryStatus.SUBMITTED,
        submitted_at=dt.datetime(2026, 6, 10, 3, 0, tzinfo=dt.UTC),
    )
    return person


@pytest.mark.slow
def test_esa_staff_screen_entries_override_one_check_and_confirm(page, demo_data):
    campaign = Campaign.objects.get(year_be=2569)
    school = Organization.objects.create(
        kind="school", code="9999888801", name_th="โรงเรียนบ้านคัดกรอง", parent=campaign.esa
    )
    # A small school in the academic year the campaign opened in (26 มี.ค. ๒๕๖๙ → 2568).
    Enrollment.objects.create(school=school, academic_year=2568, students=80)
    # One day short of a year in post at the deadline (19 มิ.ย. ๒๕๖๙).
    _teacher_entry(campaign, school, "สมใจ", dt.date(2025, 6, 20))
    punished = _teacher_entry(campaign, school, "มานี", dt.date(2019, 5, 16))
    DisciplinaryRecord.objects.create(
        person=punished, occurred_on=dt.date(2026, 1, 15), kind="salary_cut"
    )

    login(page, "esa", DEMO_PASSWORD)
    page.get_by_role("link", name="การประกวดรางวัล").first.click()
    page.get_by_role("link", name="NARA 2 AWARDS ครั้งที่ ๕ ประจำปี ๒๕๖๙").click()
    page.get_by_role("link", name="ตรวจคุณสมบัติเบื้องต้น").click()
    page.get_by_role("button", name="ตรวจคุณสมบัติผลงานที่ส่งแล้วทั้งหมด").click()
    expect(page.get_by_role("status")).to_contain_text("ตรวจคุณสมบัติเบื้องต้นแล้ว")

    somjai = page.get_by_test_id("screening-entry").filter(has_text="นางสาวสมใจ ทดสอบคัดกรอง")
    in_post = somjai.locator('[data-code="years_in_post"]')
    expect(in_post.get_by_test_id("outcome")).to_have_text("ไม่ผ่าน")
    expect(in_post.get_by_test_id("basis")).to_contain_text("๒๐ มิถุนายน ๒๕๖๘")
    expect(in_post.get_by_test_id("basis")).to_contain_text("ครบเมื่อ ๒๐ มิถุนายน ๒๕๖๙")
    size = somjai.locator('[data-code="size_group"]')
    expect(size.get_by_test_id("outcome")).to_have_text("ผ่าน")
    expect(size.get_by_test_id("basis")).to_contain_text("มีนักเรียน ๘๐ คน (ปีการศึกษา ๒๕๖๘)")

    in_post.get_by_text("กำหนดผลเอง").click()
    in_post.get_by_label("ผลที่กำหนด").select_option(label="ผ่าน")
    in_post.get_by_label("เหตุผล").fill("คำสั่งแต่งตั้งลงวันที่ ๑๖ มิ.ย. ๒๕๖๘ (แนบท้าย)")
    in_post.get_by_role("button", name="บันทึกผลพร้อมเหตุผล").click()
    expect(page.get_by_role("status")).to_contain_text("กำหนดผล")
    expect(in_post.get_by_test_id("outcome")).to_have_text("ผ่าน")
    expect(in_post.get_by_test_id("decision")).to_contain_text(
        "คำสั่งแต่งตั้งลงวันที่ ๑๖ มิ.ย. ๒๕๖๘ (แนบท้าย)"
    )

    somjai.get_by_role("button", name="ยืนยันผลการตรวจคุณสมบัติ").click()
    expect(somjai.get_by_test_id("eligibility")).to_contain_text("ผ่านคุณสมบัติเบื้องต้น")

    manee = page.get_by_test_id("screening-entry").filter(has_text="นางสาวมานี ทดสอบคัดกรอง")
    discipline = manee.locator('[data-code="discipline"]')
    expect(discipline.get_by_test_id("outcome")).to_have_text("ไม่ผ่าน")
    expect(discipline.get_by_test_id("basis")).to_contain_text("ตัดเงินเดือน ๑๕ มกราคม ๒๕๖๙")
    manee.get_by_role("button", name="ยืนยันผลการตรวจคุณสมบัติ").click()
    expect(manee.get_by_test_id("eligibility")).to_contain_text(NOT_ELIGIBLE_TH)

    page.get_by_role("link", name="NARA 2 AWARDS ครั้งที่ ๕ ประจำปี ๒๕๖๙").click()
    page.get_by_role("link", name="ผลงานที่ส่งเข้าประกวด").click()
    rows = page.get_by_test_id("entry-row")
    expect(rows.filter(has_text="นางสาวมานี ทดสอบคัดกรอง")).to_contain_text(NOT_ELIGIBLE_TH)
    expect(rows.filter(has_text="นางสาวสมใจ ทดสอบคัดกรอง")).to_contain_text("ผ่านคุณสมบัติเบื้องต้น")
