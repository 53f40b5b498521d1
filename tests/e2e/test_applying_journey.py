"""Issue 20, applying, as a school account in Chromium: only valid groups, grouped, each with
its criteria; read-only registry fields; a bad page range at its field while the draft saves;
a receipt number after submitting and in the PDF; delete a draft; withdraw asks first."""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium
from playwright.sync_api import expect

from pramoen.awards.enums import EntryStatus
from pramoen.awards.models import Entry
from pramoen.core.demo import DEMO_PASSWORD
from tests.awards.conftest import arrange_checked_portfolio
from tests.e2e.conftest import TEACHER_INNOVATION_TH, login, pick_group, picker_sections

ANSWERS = {
    "f__position": "ครู",
    "f__activities_colleagues": "๓",
    "f__activities_student_care": "2",
    "f__activities_community": "1",
    "f__leave_semester_1": "0",
    "f__leave_semester_2": "0",
    "f__c3_solved_pct": "85",
    "e__eligibility__classroom_research": "1-2",
    "e__eligibility__honours_and_invitations": "2",
}


def _start(page, nominee: str) -> Entry:
    page.get_by_role("link", name="สมัครรับรางวัล").first.click()
    pick_group(page, TEACHER_INNOVATION_TH, "โรงเรียนขนาดเล็ก")
    page.get_by_label("ชื่อ-นามสกุลผู้ส่งผลงาน").fill(nominee)
    page.get_by_role("button", name="เริ่มใบสมัคร").click()
    expect(page.get_by_role("status").first).to_contain_text("เริ่มใบสมัครแล้ว")
    return Entry.objects.get(nominee_name=nominee)


def test_school_applies_through_the_grouped_picker_to_a_receipt(page, demo_data, tmp_path):
    login(page, "school", DEMO_PASSWORD)
    page.set_viewport_size({"width": 390, "height": 844})  # a phone
    page.get_by_role("link", name="สมัครรับรางวัล").first.click()
    # Grouped category → domain → group; only the demo school's size class (small) is offered.
    sections = picker_sections(page)
    assert "ประเภทสถานศึกษา · ด้านวิชาการ" in sections and TEACHER_INNOVATION_TH in sections
    labels = page.get_by_test_id("picker-option").locator("label").all_inner_texts()
    assert labels and not any("ขนาดใหญ่" in label or "ขนาดกลาง" in label for label in labels)
    expect(page.locator("select[name=category]")).to_have_count(0)
    # Nothing is cut off on the phone: every label fits its box.
    cut = (
        page.get_by_test_id("picker-option")
        .locator("label")
        .evaluate_all("els => els.filter(e => e.scrollWidth > e.clientWidth + 1).length")
    )
    assert cut == 0
    # Each group's criteria are one click away.
    innovation = page.get_by_role("group", name=TEACHER_INNOVATION_TH, exact=True)
    innovation.get_by_role("link", name="เกณฑ์และรูบริก").first.click()
    expect(page.locator("h1")).to_contain_text("ด้านนวัตกรรมและเทคโนโลยีเพื่อการเรียนการสอน")
    page.go_back()

    entry = _start(page, "นางสาวกมลชนก สอนดี")
    # Registry values read-only, the nominee's name prefilled from the nomination.
    expect(page.locator('[name="f__school"]')).to_be_disabled()
    expect(page.locator('[name="f__school"]')).to_have_value(entry.school.name_th)
    expect(page.get_by_test_id("field-f__school").get_by_test_id("from-registry")).to_be_visible()
    expect(page.locator('[name="f__last_name"]')).to_have_value("สอนดี")
    expect(page.locator('[name="f__last_name"]')).to_have_attribute("aria-required", "true")
    # The format rules are shown before any upload.
    expect(page.get_by_test_id("format-rules")).to_contain_text("ไม่เกิน ๑๐๐ หน้า")
    expect(page.get_by_test_id("format-rules")).to_contain_text("TH Sarabun PSK")

    for name, value in ANSWERS.items():
        page.locator(f'[name="{name}"]').fill(value)
    page.locator('[name="f__level"]').select_option("primary")
    page.locator('[name="e__eligibility__classroom_research"]').fill("๗–๕")
    page.get_by_role("button", name="บันทึกร่าง").click()
    research = page.get_by_test_id("field-e__eligibility__classroom_research")
    expect(research.get_by_test_id("page-error")).to_contain_text("ช่วงหน้ากลับด้าน")
    entry.refresh_from_db()
    assert entry.answers["scoring"]["fields"]["c3_solved_pct"] == 85  # the draft saved

    # Without a portfolio the review lists it and the confirm button stays disabled.
    research.locator("input").fill("1-2")
    page.get_by_role("button", name="ตรวจสอบก่อนส่ง").click()
    expect(page.get_by_test_id("blockers")).to_contain_text("ยังไม่ได้อัปโหลดแฟ้มผลงาน")
    expect(page.get_by_role("button", name="ยืนยันส่งผลงาน")).to_be_disabled()
    arrange_checked_portfolio(entry)  # the upload and its check have their own journey
    page.reload()
    page.get_by_role("button", name="ยืนยันส่งผลงาน").click()
    entry.refresh_from_db()
    number = entry.receipt_number_th
    assert number.startswith("น๒-๒๕๗๐-")
    expect(page.get_by_test_id("receipt-number")).to_have_text(number)
    with page.expect_download() as download:
        page.get_by_role("link", name="ดาวน์โหลดใบรับผลงาน (PDF) สำหรับพิมพ์").click()
    pdf = pdfium.PdfDocument(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert number in pdf[0].get_textpage().get_text_range()

    # Withdraw is apart from the upload and asks first, saying what it means.
    page.get_by_role("link", name="กลับไปที่ใบสมัคร").click()
    page.get_by_test_id("entry-actions").get_by_role("link", name="ถอนผลงาน").click()
    expect(page.get_by_test_id("consequences")).to_contain_text("แก้ไขหรือส่งใหม่ไม่ได้อีก")
    assert Entry.objects.get(pk=entry.pk).status == EntryStatus.SUBMITTED
    page.get_by_role("button", name="ยืนยันถอนผลงาน").click()
    expect(page.get_by_test_id("entry-status")).to_contain_text("ถอนผลงานแล้ว")
    page.get_by_role("link", name="สมัครรับรางวัล").first.click()
    withdrawn = page.get_by_test_id("withdrawn")
    expect(withdrawn.get_by_test_id("withdrawn-entries")).to_be_hidden()  # collapsed
    withdrawn.locator("summary").click()
    expect(withdrawn.get_by_test_id("withdrawn-entries")).to_contain_text("นางสาวกมลชนก สอนดี")
    expect(page.get_by_test_id("entries")).not_to_contain_text("นางสาวกมลชนก สอนดี")


def test_school_deletes_a_draft_after_confirming(page, demo_data):
    login(page, "school", DEMO_PASSWORD)
    entry = _start(page, "นายผิดกลุ่ม ใจดี")
    page.get_by_role("link", name="ลบใบสมัครฉบับร่างนี้").click()
    expect(page.get_by_test_id("consequences")).to_contain_text("กู้คืนเองไม่ได้")
    page.get_by_role("button", name="ยืนยันลบฉบับร่าง").click()
    expect(page.get_by_role("status").first).to_contain_text("ลบใบสมัครฉบับร่างของ นายผิดกลุ่ม ใจดี แล้ว")
    expect(page.get_by_test_id("entries")).not_to_contain_text("นายผิดกลุ่ม ใจดี")
    assert page.goto(f"/awards/entries/{entry.pk}/").status == 404
