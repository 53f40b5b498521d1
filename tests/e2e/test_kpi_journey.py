"""KPI 10 in Chromium: report, return, fix, approve, the 12-month Word file, the dashboard."""

from __future__ import annotations

import io

import pytest
from playwright.sync_api import expect

from pramoen.core.demo import DEMO_PASSWORD
from tests.e2e.conftest import login

SIX_MONTH_SLOTS = (
    "ev1_1",
    "ev1_2",
    "ev1_4",
    "ev2_1",
    "ev2_2",
    "ev3_1",
    "ev3_2",
    "ev3_3",
    "ev4_1",
    "ev4_2",
)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media"), "base_url": "/media/"},
        },
    }


def _one_page_pdf() -> bytes:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument.new()
    document.new_page(595.28, 841.89)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _logout(page) -> None:
    page.get_by_role("button", name="ออกจากระบบ").click()
    expect(page.get_by_role("heading", name="เข้าสู่ระบบ")).to_be_visible()


def _add_link(page, slot_id: str, url: str) -> None:
    slot = page.get_by_test_id(f"slot-{slot_id}")
    slot.locator("summary").click()
    slot.get_by_label("ลิงก์ (เช่น Google Drive, YouTube)").fill(url)
    slot.get_by_role("button", name="เพิ่มลิงก์").click()
    expect(page.get_by_test_id(f"slot-{slot_id}").get_by_role("link", name=url)).to_be_visible()


def _review_all(page, marks: dict[str, bool]) -> None:
    # One press saves every issue (issue 20).
    for issue_id, clear in marks.items():
        mark = page.get_by_test_id(f"mark-{issue_id}")
        mark.get_by_label("ชัดเจน", exact=True).check() if clear else mark.get_by_label(
            "ไม่ชัดเจน"
        ).check()
    page.get_by_test_id("save-marks").click()
    for issue_id, clear in marks.items():
        expect(page.get_by_test_id(f"mark-state-{issue_id}")).to_have_text(
            "ชัดเจน" if clear else "ไม่ชัดเจน"
        )


@pytest.mark.slow
def test_kpi_report_review_approve_word_and_dashboard(page, demo_data, db_workers):
    db_workers.start()  # makes the report's PDF (step 5)
    # 1. The ESA reporter fills the 6-month round and submits.
    login(page, "kpi", DEMO_PASSWORD)
    page.goto("/kpi/")
    page.get_by_role("button", name="เปิดรายงาน รอบ 6 เดือน").click()
    expect(page.get_by_test_id("report-status")).to_have_text("ยังไม่ส่ง")
    page.get_by_label("คำอธิบายการดำเนินงาน ประเด็นการพิจารณาที่ 1").fill("มีแผนงานโรงเรียนคุณภาพ")
    page.get_by_label("ผู้รายงานข้อมูล").fill("นายอนุชา รายงานผล")
    page.get_by_label("ตำแหน่ง").fill("ศึกษานิเทศก์")
    page.get_by_label("เบอร์โทร").fill("๐๘๑-๒๓๔-๕๖๗๘")
    page.get_by_label("e-mail").fill("anucha@demo.pramoen.invalid")
    page.get_by_role("button", name="บันทึก", exact=True).click()
    expect(page.get_by_text("บันทึกแล้ว")).to_be_visible()

    slot = page.get_by_test_id("slot-ev1_1")
    slot.locator("summary").click()
    slot.locator("input[type=file]").set_input_files(
        {"name": "แผนงาน.pdf", "mimeType": "application/pdf", "buffer": _one_page_pdf()}
    )
    slot.get_by_role("button", name="อัปโหลด").click()
    expect(page.get_by_test_id("slot-ev1_1").get_by_role("link", name="แผนงาน.pdf")).to_be_visible()
    for slot_id in SIX_MONTH_SLOTS[1:]:
        _add_link(page, slot_id, f"https://drive.demo.pramoen.invalid/{slot_id}")
    expect(page.get_by_test_id("issue-1-completeness")).to_contain_text("หลักฐานครบ 3/3")
    page.reload()
    page.get_by_role("button", name="ส่งรายงาน").click()
    expect(page.get_by_test_id("report-status")).to_have_text("ส่งแล้ว รอตรวจ")
    _logout(page)

    # 2. The reviewer returns it with a reason.
    login(page, "reviewer", DEMO_PASSWORD)
    page.goto("/kpi/review/")
    page.get_by_role("link", name="ตรวจ สำนักงานเขตพื้นที่การศึกษาประถมศึกษาสมมติ เขต ๒").click()
    _review_all(page, {"issue1": False})
    page.get_by_label("เหตุผลที่ส่งกลับให้แก้ไข").fill("ประเด็นที่ 1 ยังไม่มีแผนพัฒนาคุณภาพ Stand Alone")
    page.get_by_role("button", name="ส่งกลับให้แก้ไข").click()
    expect(page.get_by_text("ส่งกลับให้แก้ไขแล้ว")).to_be_visible()
    _logout(page)

    # 3. The reporter fixes and resubmits.
    login(page, "kpi", DEMO_PASSWORD)
    page.goto("/kpi/")
    page.get_by_role("link", name="เปิดรายงาน รอบ 6 เดือน").click()
    expect(page.get_by_test_id("return-reason")).to_contain_text("แผนพัฒนาคุณภาพ Stand Alone")
    _add_link(page, "ev1_4", "https://drive.demo.pramoen.invalid/stand-alone-plan")
    page.get_by_role("button", name="ส่งรายงาน").click()
    expect(page.get_by_test_id("report-status")).to_have_text("ส่งแล้ว รอตรวจ")
    _logout(page)

    # 4. The reviewer approves: 4 clear issues → 5.
    login(page, "reviewer", DEMO_PASSWORD)
    page.goto("/kpi/review/")
    page.get_by_role("link", name="ตรวจ สำนักงานเขตพื้นที่การศึกษาประถมศึกษาสมมติ เขต ๒").click()
    _review_all(page, {"issue1": True, "issue2": True, "issue3": True, "issue4": True})
    expect(page.get_by_test_id("score-preview")).to_contain_text("คะแนนตามเกณฑ์: 5")
    page.get_by_role("button", name="อนุมัติและให้คะแนน").click()
    expect(page.get_by_test_id("approved-score")).to_contain_text("คะแนน 5")
    _logout(page)

    # 5. The 12-month report: carried evidence, the report data, the Word download.
    login(page, "kpi", DEMO_PASSWORD)
    page.goto("/kpi/")
    page.get_by_role("button", name="เปิดรายงาน รอบ 12 เดือน").click()
    expect(page.get_by_test_id("slot-ev1_1")).to_contain_text("ยกมาจากรอบ 6 เดือน")
    counts = {
        "network_total": "๒๔",
        "network_participating": "18",
        "integrated_previous_year": "9",
        "integrated_current_year": "12",
        "sharing_previous_year": "10",
        "sharing_current_year": "15",
    }
    for name, value in counts.items():
        page.locator(f"input[name={name}]").fill(value)
    # The percentage is previewed (htmx) before anything is saved: 18 of 24 = 75.00.
    expect(page.get_by_test_id("computed")).to_contain_text("75.00")
    page.locator("[data-field=esa_bp_management]").get_by_label("มี", exact=True).check()
    page.locator("input[name=esa_bp_management_title]").fill("รูปแบบการบริหารแบบเครือข่าย")
    page.get_by_role("button", name="บันทึก", exact=True).click()
    expect(page.get_by_test_id("computed")).to_contain_text("75.00")
    expect(page.get_by_test_id("computed")).to_contain_text("เพิ่มขึ้น 3")
    with page.expect_download() as download_info:
        page.get_by_test_id("download-docx").click()
    download = download_info.value
    assert download.suggested_filename == "kpi10-2569-12m-9999.docx"
    from docx import Document

    text = "\n".join(p.text for p in Document(download.path()).paragraphs)
    assert "ทั้งหมดจำนวน 24 โรงเรียน" in text and "รูปแบบการบริหารแบบเครือข่าย" in text
    # The PDF goes through LibreOffice on a worker; its page offers the file when it is made.
    page.get_by_test_id("make-pdf").click()
    expect(page.get_by_test_id("document")).to_contain_text("สร้างไฟล์")
    expect(page.get_by_test_id("document-download")).to_be_visible(timeout=60_000)
    with page.expect_download() as download_info:
        page.get_by_test_id("document-download").click()
    assert download_info.value.suggested_filename == "kpi10-2569-12m-9999.pdf"
    page.get_by_role("link", name="กลับ").click()
    _logout(page)

    # 6. The ESA's own staff see their ESA only.
    login(page, "esa", DEMO_PASSWORD)
    page.goto("/kpi/dashboard/?year=2569&round=6m")
    expect(page.get_by_test_id("esa-row-9999")).to_contain_text("ล่าช้า")
    expect(page.get_by_test_id("esa-row-9001")).to_have_count(0)
    _logout(page)

    # 7. The OBEC-level reviewer's dashboard shows which ESAs are late.
    login(page, "obec", DEMO_PASSWORD)
    page.goto("/kpi/dashboard/?year=2569&round=6m")
    expect(page.get_by_test_id("esa-row-9004")).to_contain_text("ล่าช้า")
    expect(page.get_by_test_id("esa-row-9002")).to_contain_text("ล่าช้า")
    expect(page.get_by_test_id("esa-row-9001")).to_contain_text("ตรงเวลา")
    # The demo ESA first submitted today, after the due date of 30 April 2569.
    expect(page.get_by_test_id("esa-row-9999")).to_contain_text("ล่าช้า")
    expect(page.get_by_test_id("esa-row-9999")).to_contain_text("5")
