"""A ศึกษานิเทศก์ applies in the supervisor category (ประกาศ ข้อ ๓.๔), whose instruments the ESA
wrote itself: the entry page says so ("สพท. จัดทำขึ้นเอง — ประกาศไม่มีแบบฟอร์ม")."""

from __future__ import annotations

from playwright.sync_api import expect

from pramoen.awards.models import Campaign, Entry
from pramoen.core.demo import DEMO_PASSWORD
from tests.e2e.conftest import login, pick_group, picker_sections


def test_supervisor_applicant_starts_an_entry_in_the_supervisor_category(page, demo_data):
    campaign = Campaign.objects.get(year_be=2570)  # the demo's open edition
    login(page, "supervisor", DEMO_PASSWORD)
    page.get_by_role("link", name="สมัครรับรางวัล").first.click()
    expect(page.get_by_role("heading", name="ใบสมัครของฉัน")).to_be_visible()
    expect(page.get_by_role("heading", name=campaign.title_th)).to_be_visible()
    sections = picker_sections(page)
    supervisor_groups = [s for s in sections if s.startswith("ประเภทศึกษานิเทศก์")]
    assert len(supervisor_groups) == 3  # ด้านวิชาการ / ด้านบริหารจัดการ / ด้านนวัตกรรมฯ, no sizes
    pick_group(page, "ประเภทศึกษานิเทศก์ · ด้านวิชาการ", "กลุ่มเดียว")
    page.get_by_role("button", name="เริ่มใบสมัคร").click()
    expect(page.get_by_role("status").first).to_contain_text("เริ่มใบสมัครแล้ว")

    expect(page.get_by_test_id("esa-authored-notice").first).to_have_text(
        "สพท. จัดทำขึ้นเอง — ประกาศไม่มีแบบฟอร์ม"
    )
    # by its accessible name: the required mark beside the label is aria-hidden
    expect(page.get_by_role("combobox", name="ตำแหน่ง", exact=True)).to_be_visible()
    entry = Entry.objects.get(created_by__username="supervisor")
    assert (entry.category.category, entry.category.domain) == ("supervisor", "academic")
    assert entry.category.scoring_instrument_id == "nara2-edstaff-academic"
