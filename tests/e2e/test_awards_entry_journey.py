from __future__ import annotations

import datetime as dt

from django.utils import timezone
from playwright.sync_api import expect

from pramoen.awards.models import Campaign
from pramoen.core.demo import DEMO_PASSWORD
from tests.awards.conftest import portfolio_pdf
from tests.awards.test_evidence_files import png_bytes
from tests.e2e.conftest import TEACHER_INNOVATION_TH, login, pick_group


def _open_demo_campaign() -> Campaign:
    # The demo opens next year's edition for entries from the day it is loaded.
    campaign = Campaign.objects.get(year_be=2570)
    assert campaign.schedule().accepts_submissions(timezone.now())
    return campaign


def test_school_nominates_a_teacher_submits_and_cannot_edit_after_the_deadline(
    page, demo_data, settings, tmp_path, db_workers
):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }
    # A real worker checks the portfolios: the upload returns at once and the page polls.
    db_workers.start()
    campaign = _open_demo_campaign()
    login(page, "school", DEMO_PASSWORD)
    page.get_by_role("link", name="สมัครรับรางวัล").first.click()
    pick_group(page, TEACHER_INNOVATION_TH, "โรงเรียนขนาดเล็ก")
    page.get_by_label("ชื่อ-นามสกุลผู้ส่งผลงาน").fill("นางสาวกมลชนก สอนดี")
    page.get_by_role("button", name="เริ่มใบสมัคร").click()
    expect(page.get_by_role("status").first).to_contain_text("เริ่มใบสมัครแล้ว")

    # The nominee's name comes from the nomination, the school and domain from the registry
    # and the group (read-only); the applicant clears the last name to see the review catch it.
    expect(page.locator('[name="f__first_name"]')).to_have_value("กมลชนก")
    expect(page.locator('[name="f__school"]')).to_be_disabled()
    expect(page.locator('[name="f__domain"]')).to_be_disabled()
    page.locator('[name="f__last_name"]').fill("")
    page.locator('[name="f__position"]').fill("ครู")
    page.locator('[name="f__level"]').select_option("primary")
    for name, value in {
        "f__activities_colleagues": "๓",
        "f__activities_student_care": "2",
        "f__activities_community": "1",
        "f__leave_semester_1": "0",
        "f__leave_semester_2": "0",
        "f__c3_solved_pct": "85",
        # within the two-page portfolio uploaded below (issue 20 checks the pages exist)
        "e__eligibility__classroom_research": "1",
        "e__eligibility__honours_and_invitations": "2",
    }.items():
        page.locator(f'[name="{name}"]').fill(value)
    expect(page.locator("#autosave-status")).to_contain_text("บันทึกร่างอัตโนมัติแล้ว")

    # One image of evidence per slot, beside the page references.
    slots = page.locator("[data-testid^='evidence-']")
    for index in range(slots.count()):
        slot = page.locator("[data-testid^='evidence-']").nth(index)
        slot.locator("input[type=file]").set_input_files(
            {"name": "ภาพกิจกรรม.png", "mimeType": "image/png", "buffer": png_bytes()}
        )
        slot.get_by_role("button", name="อัปโหลด").click()
        expect(page.locator("[data-testid^='evidence-']").nth(index)).to_contain_text(
            "ภาพกิจกรรม.png"
        )
    download = page.request.get(
        page.get_by_role("link", name="ภาพกิจกรรม.png").first.get_attribute("href")
    )
    assert download.status == 200 and download.headers["x-content-type-options"] == "nosniff"

    # A portfolio set in 12 pt is refused with its pages; the 16 pt one passes.
    def upload(size_pt: float) -> None:
        pdf = portfolio_pdf(tmp_path, pages=2, size_pt=size_pt)
        page.get_by_label("แฟ้มผลงาน (PDF)").set_input_files(
            {"name": "ผลงาน.pdf", "mimeType": "application/pdf", "buffer": pdf}
        )
        # The upload goes through upload-progress.js (a progress bar, then the report page).
        posted = page.expect_request(lambda r: r.method == "POST" and "portfolio" in r.url)
        with posted as sent, page.expect_navigation():
            page.get_by_role("button", name="อัปโหลดและตรวจรูปแบบ").click()
        assert sent.value.headers.get("x-upload-progress") == "1"

    upload(12)
    # Until the worker has checked the file the page says so; it then shows the report itself.
    expect(page.get_by_test_id("portfolio")).to_contain_text("ไม่ผ่านการตรวจรูปแบบ", timeout=30_000)
    expect(page.get_by_test_id("portfolio")).to_contain_text("12 pt ไม่ตรงตามที่กำหนด 16 pt")
    expect(page.get_by_test_id("portfolio")).to_contain_text("ในหน้า 1–2")
    upload(16)
    expect(page.get_by_test_id("portfolio")).to_contain_text(
        "ผ่านการตรวจรูปแบบ · ๒ หน้า", timeout=30_000
    )

    # The last name is empty: the review lists it and keeps the confirm button disabled.
    page.get_by_role("button", name="ตรวจสอบก่อนส่ง").click()
    expect(page.get_by_test_id("blockers")).to_contain_text("นามสกุล: ยังไม่ได้กรอกข้อมูลที่จำเป็น")
    expect(page.get_by_role("button", name="ยืนยันส่งผลงาน")).to_be_disabled()
    page.get_by_role("link", name="กลับไปแก้ไขใบสมัคร").click()
    page.locator('[name="f__last_name"]').fill("สอนดี")
    page.get_by_role("button", name="ตรวจสอบก่อนส่ง").click()
    expect(page.get_by_test_id("summary")).to_contain_text("กมลชนก")
    page.get_by_role("button", name="ยืนยันส่งผลงาน").click()
    expect(page.get_by_test_id("receipt-number")).to_contain_text("น๒-๒๕๗๐-")
    page.get_by_role("link", name="กลับไปที่ใบสมัคร").click()
    expect(page.get_by_test_id("entry-status")).to_contain_text("ส่งผลงานแล้ว")
    expect(page.get_by_test_id("timeline")).to_contain_text("ส่งผลงาน")

    Campaign.objects.filter(pk=campaign.pk).update(
        deadline=timezone.now() - dt.timedelta(minutes=1)
    )
    page.reload()
    expect(page.get_by_test_id("read-only")).to_be_visible()
    expect(page.locator('[name="f__c3_solved_pct"]')).to_be_disabled()
    expect(page.get_by_role("button", name="บันทึกร่าง")).to_have_count(0)
    expect(page.get_by_role("link", name="ถอนผลงาน")).to_have_count(0)
    expect(page.locator("input[type=file]")).to_have_count(0)
