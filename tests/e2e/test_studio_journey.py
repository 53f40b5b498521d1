"""An ESA officer clones the teacher instrument in the studio, changes a band, sees the lint
finding appear and clear, tries sample answers, publishes, and pins it in a campaign group."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from pramoen.awards.models import Campaign, CampaignCategory
from pramoen.core.demo import DEMO_PASSWORD
from pramoen.studio.models import StudioInstrument
from tests.e2e.conftest import login

# The common component ๓, indicator ๑: ๔–๕ items → ระดับ ๓, ๒–๓ → ระดับ ๒, ๑ → ระดับ ๑.
RULE = "rubric.components.3.indicators.0.rule"
GAP = "ไม่มีเกณฑ์รองรับบางกรณีที่ทำได้ ๒ รายการ"


def test_esa_officer_authors_tries_publishes_and_pins_a_teacher_instrument(page, demo_data):
    login(page, "esa", DEMO_PASSWORD)
    page.goto("/studio/")
    page.get_by_test_id("clone-nara2-teacher-innovation").click()
    expect(page.get_by_test_id("studio-title")).to_have_text(
        "แบบประเมินผลงานครูผู้สอน ด้านนวัตกรรมและเทคโนโลยีเพื่อการเรียนการสอน"
    )
    row = StudioInstrument.objects.get()

    # Open the indicator's rule, then its second band, through the editor's own links.
    page.goto(f"/studio/{row.pk}/?at={RULE}")
    expect(page.get_by_test_id("element-location")).to_have_text(
        "องค์ประกอบ ๓ › ตัวชี้วัด ๑ › เกณฑ์การให้คะแนน"
    )
    page.get_by_test_id("section-bands").get_by_role("link").nth(1).click()
    expect(page.get_by_test_id("element-location")).to_have_text(
        "องค์ประกอบ ๓ › ตัวชี้วัด ๑ › เกณฑ์การให้คะแนน › ช่วงที่ ๒"
    )
    band = page.get_by_label("ช่วงจำนวนรายการที่ทำได้ (เช่น ๔–๕ หรือ ๓ ขึ้นไป)")
    expect(band).to_have_value("๒–๓")

    # A reversed range is refused where it was typed; the text stays in the box.
    band.fill("๗–๕")
    expect(page.get_by_test_id("error-range")).to_contain_text("ช่วง “๗–๕” ค่าแรกมากกว่าค่าหลัง")
    expect(band).to_have_value("๗–๕")

    # ๓ only: two checked items now reach no band — the lint panel says so, on this indicator.
    band.fill("๓")
    expect(page.get_by_test_id("save-status")).to_have_text("บันทึกแล้ว")
    lint = page.get_by_test_id("lint")
    expect(lint).to_contain_text(GAP)
    expect(lint.locator(".is-here")).to_contain_text(GAP)

    # The third band takes ๑–๒: the gap closes and the finding clears.
    page.get_by_test_id("crumbs").get_by_role("link", name="เกณฑ์การให้คะแนน").click()
    page.get_by_test_id("section-bands").get_by_role("link").nth(2).click()
    page.get_by_label("ช่วงจำนวนรายการที่ทำได้ (เช่น ๔–๕ หรือ ๓ ขึ้นไป)").fill("๑–๒")
    expect(page.get_by_test_id("save-status")).to_have_text("บันทึกแล้ว")
    expect(lint).not_to_contain_text(GAP)

    # Try it: two items of the indicator now give ระดับ ๑ (๕ points).
    page.get_by_test_id("try-link").click()
    judge = page.get_by_test_id("judge-c3.i1")
    judge.get_by_role("checkbox").nth(0).check()
    judge.get_by_role("checkbox").nth(1).check()
    page.get_by_test_id("try-score").click()
    expect(page.get_by_test_id("trial-total")).to_contain_text("คะแนนรวม 5.00")
    expect(page.get_by_test_id("trial-explanations")).to_contain_text("ทำได้ ๒ รายการ")
    expect(page.get_by_test_id("trial-tier")).to_contain_text("ไม่ได้รับรางวัล")

    # Publish: the version is frozen with its hash.
    page.goto(f"/studio/{row.pk}/versions/")
    expect(page.get_by_test_id("readiness")).to_contain_text("พร้อมเผยแพร่")
    page.get_by_label("บันทึกของฉบับนี้ (ไม่บังคับ)").fill("ปรับช่วงคะแนนตัวชี้วัดการนำองค์ความรู้ไปใช้")
    page.get_by_test_id("publish").click()
    expect(page.get_by_role("status").first).to_contain_text("เผยแพร่ฉบับที่ ๑ แล้ว")
    version = row.versions.get()

    # Pin it in the open campaign's small-school teacher innovation group.
    campaign = Campaign.objects.get(year_be=2570)
    group = CampaignCategory.objects.get(
        campaign=campaign, category="teacher", domain="innovation", size_class="small"
    )
    page.get_by_test_id("pin-link").click()
    page.get_by_label("กลุ่มการประกวดที่จะใช้แบบประเมินฉบับนี้").select_option(str(group.pk))
    page.get_by_test_id("studio-pin-confirm").click()
    expect(page).to_have_url(re.compile(rf"/awards/campaigns/{campaign.pk}/$"))
    expect(page.get_by_role("status")).to_contain_text("ฉบับที่ ๑ แล้ว")
    group.refresh_from_db()
    assert (group.scoring_instrument_id, group.scoring_instrument_hash) == (
        row.instrument_id,
        version.version_hash,
    )
