"""Issue 19: an ESA officer sets up a whole edition from the pages — the wizard (edition, groups,
dates, preview, open) and the committees of three groups at once — and a school then sees it."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from pramoen.accounts.models import User
from pramoen.awards.models import Campaign
from pramoen.core.demo import DEMO_PASSWORD
from pramoen.judging.models import Committee
from tests.e2e.conftest import login

TITLE = "NARA 2 AWARDS ครั้งที่ ๖ ประจำปี ๒๕๗๐"


def _be(day) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year + 543}"


def test_officer_walks_the_wizard_seats_three_groups_and_a_school_sees_the_edition(
    page, demo_data, browser, live_server
):
    # The demo's own 2570 edition is what this officer is about to set up.
    Campaign.objects.filter(year_be=2570).delete()
    today = timezone.localdate()
    chair = User.objects.get(username="chair").display_name
    judge = User.objects.get(username="judge").display_name

    login(page, "esa", DEMO_PASSWORD)
    page.get_by_role("link", name="การประกวดรางวัล").first.click()
    page.get_by_test_id("wizard-start").click()

    # Step 1: the edition.
    expect(page.get_by_test_id("wizard-progress")).to_contain_text("ขั้นที่ ๕ เปิดรับผลงาน")
    page.get_by_label("ครั้งที่").fill("๖")
    page.get_by_label("ประจำปี (พ.ศ.)").fill("๒๕๗๐")
    page.get_by_role("button", name="บันทึกแล้วไปขั้นต่อไป").click()
    expect(page.get_by_role("status").first).to_contain_text("บันทึกฉบับร่าง")

    # Step 2: the groups, from the pinned instruments.
    for size in ("เล็ก", "กลาง", "ใหญ่"):
        page.get_by_label(f"{TITLE}: ประเภทสถานศึกษา ด้านวิชาการ โรงเรียนขนาด{size}").check()
    page.get_by_role("button", name="บันทึกแล้วไปขั้นต่อไป").click()
    expect(page.get_by_test_id("wizard-step-3")).to_be_visible()

    # Step 3: a deadline before opening is a Thai message at its field; Back keeps the input.
    page.get_by_label("วันเปิดรับผลงาน").fill(_be(today))
    page.get_by_label("วันกำหนดส่งผลงาน").fill(_be(today - timedelta(days=1)))
    page.get_by_role("button", name="บันทึกแล้วไปขั้นต่อไป").click()
    expect(
        page.get_by_role("alert").filter(has_text="กำหนดส่งผลงานต้องอยู่หลังวันเปิดรับผลงาน")
    ).to_be_visible()
    page.get_by_label("วันกำหนดส่งผลงาน").fill(_be(today + timedelta(days=45)))
    page.get_by_label("วันเริ่มการตัดสิน").fill("99/99/2570")
    page.get_by_role("button", name="ย้อนกลับ").click()
    expect(page.get_by_test_id("wizard-step-2")).to_be_visible()
    page.get_by_role("link", name="ขั้นที่ ๓ กำหนดการและเงื่อนไขการสมัคร").click()
    expect(page.get_by_label("วันเริ่มการตัดสิน")).to_have_value("99/99/2570")
    expect(page.get_by_label("วันกำหนดส่งผลงาน")).to_have_value(_be(today + timedelta(days=45)))
    page.get_by_label("วันเริ่มการตัดสิน").fill("")
    page.get_by_label("บุคคลสมัครด้วยตนเองได้").check()
    page.get_by_role("button", name="บันทึกแล้วไปขั้นต่อไป").click()

    # Step 4: what applicants will see, before anyone sees it.
    expect(page.get_by_test_id("preview-home")).to_contain_text("(เหลืออีก ๔๕ วัน)")
    picker = page.get_by_test_id("preview-picker")
    expect(picker.locator("option")).to_have_count(3)
    expect(picker).to_contain_text("สถานศึกษา · ด้านวิชาการ")
    # The criteria page of a group opens in place (htmx; without JavaScript, as its own page).
    page.get_by_test_id("preview-criteria-link").first.click()
    expect(
        page.get_by_test_id("criteria-preview").get_by_test_id("criteria-scoring")
    ).to_contain_text("เกณฑ์การให้คะแนน")
    page.get_by_role("link", name="ไปขั้นต่อไป").click()

    # Until it is opened, a school sees nothing of the draft (its own browser, signed in).
    school = browser.new_context(
        locale="th-TH", timezone_id="Asia/Bangkok", base_url=live_server.url
    )
    school_page = school.new_page()
    login(school_page, "school", DEMO_PASSWORD)
    school_page.goto("/")
    expect(school_page.get_by_role("heading", level=1)).to_be_visible()
    expect(school_page.get_by_text(TITLE)).to_have_count(0)
    school_page.goto("/awards/entries/")
    # The demo's other edition is closed: with the draft unseen, nothing is open to enter.
    expect(school_page.get_by_text("ขณะนี้ไม่มีการประกวดที่เปิดรับผลงาน")).to_be_visible()
    school.close()

    # Step 5: open.
    page.get_by_label("ตรวจตัวอย่างแล้ว เปิดรับผลงานตามกำหนดการนี้").check()
    page.get_by_test_id("open-campaign").click()
    expect(page.get_by_role("status").first).to_contain_text("เปิดรับผลงาน")
    campaign = Campaign.objects.get(year_be=2570)
    assert campaign.draft is False

    # Committees: the same chair and judges for the three groups at once.
    page.get_by_role("link", name="คณะกรรมการตัดสิน").first.click()
    page.get_by_test_id("committees-bulk-link").click()
    for row in page.get_by_test_id("grid-row").all():
        row.get_by_role("checkbox").check()
    page.get_by_label("ประธานคณะกรรมการ", exact=True).select_option(label=chair)
    page.get_by_label("กรรมการ", exact=True).select_option(label=[judge])
    page.get_by_test_id("apply-same").click()
    expect(page.get_by_test_id("row-outcome").filter(has_text="ตั้งคณะกรรมการแล้ว")).to_have_count(3)
    seated = Committee.objects.filter(category__campaign=campaign)
    assert seated.count() == 3
    assert {c.chair.display_name for c in seated} == {chair}

    # A school account now sees the edition on its home page and in its picker.
    page.context.clear_cookies()
    login(page, "school", DEMO_PASSWORD)
    page.goto("/")
    expect(page.get_by_test_id("open-editions")).to_contain_text(TITLE)
    page.get_by_role("link", name="สมัครรับรางวัล").first.click()
    # the grouped picker (issue 20) names each edition once, as the heading of its groups
    editions = page.get_by_test_id("picker-campaign").locator("h3").all_inner_texts()
    assert TITLE in editions
