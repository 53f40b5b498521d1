from __future__ import annotations

from playwright.sync_api import expect

from pramoen.awards.models import Campaign
from pramoen.core.demo import DEMO_PASSWORD
from pramoen.judging.models import Committee
from tests.e2e.conftest import login


def test_officer_creates_an_edition_ticks_its_groups_and_copies_last_years_committees(
    page, demo_data
):
    # Before this year's edition exists: last year's (2569) seats the school academic small group.
    Campaign.objects.filter(year_be=2570).delete()
    last_chair = Committee.objects.get(category__campaign__year_be=2569).chair.display_name

    login(page, "esa", DEMO_PASSWORD)
    page.get_by_role("link", name="การประกวดรางวัล").first.click()
    page.get_by_role("link", name="สร้างการประกวดใหม่").click()
    page.get_by_label("ครั้งที่").fill("๖")
    page.get_by_label("ประจำปี (พ.ศ.)").fill("๒๕๗๐")
    page.get_by_label("วันเปิดรับผลงาน").fill("26/03/2570")
    page.get_by_label("วันกำหนดส่งผลงาน").fill("19/06/2570")
    page.get_by_role("button", name="บันทึก").click()

    # The next step is the groups checklist, with what applicants will see.
    expect(page.get_by_role("heading", level=1)).to_contain_text("กลุ่มการประกวด")
    title = "NARA 2 AWARDS ครั้งที่ ๖ ประจำปี ๒๕๗๐"
    page.get_by_label(f"{title}: ประเภทสถานศึกษา ด้านวิชาการ โรงเรียนขนาดเล็ก").check()
    page.get_by_label(
        f"{title}: ประเภทครูผู้สอน ด้านนวัตกรรมและเทคโนโลยีเพื่อการเรียนการสอน โรงเรียนขนาดใหญ่"
    ).check()
    page.get_by_role("button", name="เพิ่มกลุ่มที่เลือก").click()
    expect(page.get_by_role("status")).to_contain_text("เพิ่มกลุ่มการประกวด ๒ กลุ่มแล้ว")
    expect(page.get_by_test_id("categories").get_by_role("row")).to_have_count(3)

    page.get_by_role("link", name="คณะกรรมการตัดสิน").first.click()
    page.get_by_role("button", name="คัดลอกคณะกรรมการจากครั้งก่อน").click()
    copied = page.get_by_test_id("committees-copied")
    expect(copied).to_contain_text("ประเภทสถานศึกษา ด้านวิชาการ โรงเรียนขนาดเล็ก")
    expect(copied).to_contain_text(last_chair)
    expect(page.get_by_test_id("committees-unmatched")).to_contain_text(
        "ประเภทครูผู้สอน ด้านนวัตกรรมและเทคโนโลยีเพื่อการเรียนการสอน โรงเรียนขนาดใหญ่: ไม่มีกลุ่มนี้"
    )
    page.get_by_role("link", name="กลับไปหน้าคณะกรรมการ").click()
    expect(page.get_by_test_id("campaign-committees")).to_contain_text(last_chair)
