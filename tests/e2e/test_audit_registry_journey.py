"""Issue 19 without /admin/: an ESA officer reads an entry's history, filters the audit log by a
person, adds a school to the quality-school network registry and sees that at the top of the log."""

from __future__ import annotations

from playwright.sync_api import expect

from pramoen.core.demo import DEMO_PASSWORD
from tests.e2e.conftest import login


def test_officer_reads_history_filters_by_person_and_adds_a_network_school(page, demo_data):
    from pramoen.awards.models import Entry
    from pramoen.orgs.demo import DEMO_ESA_CODE, DEMO_YEAR
    from pramoen.orgs.enums import QualityCoreKind
    from pramoen.orgs.models import Organization, QualityCore, QualityNetworkMember

    entry = Entry.objects.filter(campaign__esa__code=DEMO_ESA_CODE).order_by("pk").first()
    outside = (
        Organization.objects.filter(kind="school", parent__code=DEMO_ESA_CODE)
        .exclude(quality_cores__academic_year=DEMO_YEAR)
        .exclude(quality_memberships__academic_year=DEMO_YEAR)
        .order_by("name_sort")
        .first()
    )
    core = (
        QualityCore.objects.filter(academic_year=DEMO_YEAR)
        .exclude(kind=QualityCoreKind.STAND_ALONE)
        .select_related("school")
        .order_by("pk")
        .first()
    )

    login(page, "esa", DEMO_PASSWORD)
    # 1. An entry's history, from the entry's staff page.
    page.goto(f"/awards/campaigns/{entry.campaign_id}/entries/{entry.pk}/")
    page.get_by_test_id("history-link").click()
    expect(page.get_by_test_id("audit-heading")).to_contain_text("ประวัติการแก้ไข:")
    expect(page.get_by_test_id("audit-row").first).to_be_visible()
    expect(page.get_by_test_id("audit-results")).not_to_contain_text("awards.")

    # 2. The whole log, filtered by a person (the committee chair of the demo).
    page.get_by_role("link", name="ล้างตัวกรอง").click()
    page.get_by_label("ผู้ดำเนินการ (ชื่อ หรือชื่อผู้ใช้)").fill("ประเสริฐ")
    page.get_by_role("button", name="ค้นหา").click()
    rows = page.get_by_test_id("audit-row")
    expect(rows.first).to_be_visible()
    for index in range(rows.count()):
        expect(rows.nth(index)).to_contain_text("ประเสริฐ")

    # 3. The registry, from the home page's list of pages: a school joins a core school's network.
    page.goto("/")
    page.get_by_role("link", name="ทะเบียนโรงเรียนคุณภาพ").first.click()
    expect(page.get_by_test_id("quality-results")).to_contain_text(core.school.name_th)
    page.get_by_test_id("quality-add").click()
    page.get_by_label("สถานศึกษา").select_option(label=f"{outside.name_th} ({outside.code})")
    page.get_by_label("บทบาทในทะเบียน").select_option(label="โรงเรียนเครือข่าย")
    page.get_by_label("โรงเรียนหลัก (สำหรับโรงเรียนเครือข่าย)").select_option(
        label=f"{core.school.name_th} (ปีการศึกษา {DEMO_YEAR})"
    )
    page.get_by_label("ใช้ทรัพยากรร่วมกัน").check()
    with page.expect_navigation():
        page.get_by_role("button", name="บันทึก").click()
    expect(page.get_by_role("status")).to_contain_text("บันทึก")
    expect(page.get_by_test_id("quality-place")).to_contain_text(core.school.name_th)
    assert QualityNetworkMember.objects.filter(school=outside, core=core).exists()

    # 4. …and it is the newest row of the audit log, in Thai, with the school's name.
    page.goto("/")
    page.get_by_role("link", name="บันทึกการเปลี่ยนแปลง").first.click()
    first = page.get_by_test_id("audit-row").first
    expect(first.get_by_test_id("audit-action")).to_have_text("บันทึกโรงเรียนเครือข่าย")
    expect(first).to_contain_text(outside.name_th)
    expect(first).to_contain_text(core.school.name_th)
