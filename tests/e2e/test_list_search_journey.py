"""Lists at national scale in Chromium (issue 12): the judge's workspace and the chair's group
page search and filter; the staff's entry list searches."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from pramoen.core.demo import DEMO_PASSWORD
from tests.e2e.conftest import login


def _logout(page) -> None:
    page.get_by_role("button", name="ออกจากระบบ").click()
    expect(page.get_by_role("heading", name="เข้าสู่ระบบ")).to_be_visible()


@pytest.mark.slow
def test_workspace_and_group_page_search_and_filter(page, demo_data):
    from pramoen.awards.models import Entry
    from pramoen.judging.demo import SCORED_SCHOOL, WAITING_SCHOOL

    in_group = {"category__committee__isnull": False, "campaign__year_be": 2569}
    scored = Entry.objects.select_related("school").get(school__code=SCORED_SCHOOL, **in_group)
    waiting = Entry.objects.select_related("school").get(school__code=WAITING_SCHOOL, **in_group)

    login(page, "judge", DEMO_PASSWORD)
    page.goto("/judging/")
    table = page.get_by_test_id("workspace")
    expect(table.locator("tbody tr")).to_have_count(2)
    page.get_by_label("สถานะ").select_option(label="ส่งผลการประเมินแล้ว")
    page.get_by_role("button", name="ค้นหา").click()
    expect(table.locator("tbody tr")).to_have_count(1)
    expect(table).to_contain_text(scored.school.name_th)
    page.get_by_label("สถานะ").select_option(label="ทุกสถานะ")
    page.get_by_label("ค้นหาชื่อสถานศึกษาหรือผลงาน").fill(waiting.school.name_th[-6:])
    page.get_by_role("button", name="ค้นหา").click()
    expect(table.locator("tbody tr")).to_have_count(1)
    expect(table).to_contain_text(waiting.school.name_th)
    page.get_by_label("ค้นหาชื่อสถานศึกษาหรือผลงาน").fill("ไม่มีโรงเรียนนี้")
    page.get_by_role("button", name="ค้นหา").click()
    expect(page.get_by_text("ไม่พบผลงานตามที่ค้นหา")).to_be_visible()
    _logout(page)

    login(page, "chair", DEMO_PASSWORD)
    page.goto("/judging/committees/")
    page.get_by_role("link", name="ด้านวิชาการ โรงเรียนขนาดเล็ก").click()
    expect(page.get_by_test_id(f"outcome-{scored.pk}")).to_be_visible()
    page.get_by_label("แสดง").select_option("action")
    page.get_by_role("button", name="ค้นหา").click()
    # The waiting entry still has a judge to submit; the scored one needs nothing.
    expect(page.get_by_test_id(f"outcome-{waiting.pk}")).to_be_visible()
    expect(page.get_by_test_id(f"outcome-{scored.pk}")).to_have_count(0)
    _logout(page)

    login(page, "esa", DEMO_PASSWORD)
    page.goto(f"/awards/campaigns/{scored.campaign_id}/entries/")
    page.get_by_label("ค้นหาชื่อผู้ส่งผลงานหรือสถานศึกษา").fill(scored.school.name_th)
    page.get_by_role("button", name="ค้นหา").click()
    rows = page.get_by_test_id("entry-row")
    expect(rows.first).to_contain_text(scored.school.name_th)
    for i in range(rows.count()):
        expect(rows.nth(i)).to_contain_text(scored.school.name_th)
