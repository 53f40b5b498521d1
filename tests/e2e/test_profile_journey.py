from __future__ import annotations

from playwright.sync_api import expect

from pramoen.core.demo import DEMO_PASSWORD
from tests.e2e.conftest import login


def test_teacher_fixes_a_bad_be_date_and_id_in_her_profile(page, demo_data):
    login(page, "teacher", DEMO_PASSWORD)
    page.get_by_role("link", name="ข้อมูลของฉัน").first.click()
    page.get_by_label("เลขประจำตัวประชาชน").fill("1101700230701")
    page.get_by_label("วันที่บรรจุแต่งตั้ง").fill("01/10/2012")
    page.get_by_role("button", name="บันทึก").click()
    expect(page.get_by_role("status")).to_contain_text("ยังไม่ได้บันทึก")
    expect(page.locator(".field-error").first).to_be_visible()
    expect(page.get_by_label("วันที่บรรจุแต่งตั้ง")).to_have_value("01/10/2012")

    page.get_by_label("เลขประจำตัวประชาชน").fill("๑-๑๐๑๗-๐๐๒๓๐-๗๐-๘")
    page.get_by_label("วันที่บรรจุแต่งตั้ง").fill("๑/๑๐/๒๕๕๕")
    page.get_by_role("button", name="บันทึก").click()
    expect(page.get_by_role("status")).to_contain_text("บันทึกข้อมูลของท่านเรียบร้อยแล้ว")
    expect(page.get_by_test_id("appointed-on")).to_contain_text("๑ ตุลาคม ๒๕๕๕")
