"""The KPI approval chain in Chromium (issue 18): the ESA submits; its region returns the report
with a reason; the ESA fixes and resubmits; the region approves; OBEC accepts; the ESA can no
longer edit; the national dashboard drills down nation → region → ESA → report.

The reporter's form and the reviewer's marking form have their own journey
(test_kpi_journey.py); here the answers and the marks go in through the services so this journey
stays about the chain's decisions, which are all taken in the browser.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from pramoen.core.demo import DEMO_PASSWORD
from tests.e2e.conftest import login

DEMO_ESA = "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาสมมติ เขต ๒"


def _logout(page) -> None:
    page.get_by_role("button", name="ออกจากระบบ").click()
    expect(page.get_by_role("heading", name="เข้าสู่ระบบ")).to_be_visible()


def _demo_report():
    from pramoen.accounts.models import User
    from pramoen.kpi import services
    from pramoen.kpi.models import KpiRound
    from pramoen.orgs.demo import DEMO_ESA_CODE
    from pramoen.orgs.models import Organization
    from tests.kpi.conftest import fill_6m

    esa = Organization.objects.get(kind="esa", code=DEMO_ESA_CODE)
    reporter = User.objects.get(username="kpi")
    report = services.report_get_or_create(
        round=KpiRound.objects.get(campaign__fiscal_year=2569, kind="6m"), esa=esa, actor=reporter
    )
    # Everything but the link the region will ask for (ev1_4 is added after the return).
    fill_6m(report, reporter, with_evidence=False)
    for issue in services.report_structure(report).issues:
        for slot in issue.slots:
            services.evidence_add_link(
                report=report,
                slot_id=slot.id,
                url=f"https://drive.demo.pramoen.invalid/{slot.id}",
                title=f"หลักฐาน {slot.id}",
                actor=reporter,
            )
    return report


@pytest.mark.slow
def test_kpi_approval_chain_and_national_drill_down(page, demo_data):
    report = _demo_report()
    report_url = f"/kpi/reports/{report.pk}/"

    # 1. The ESA submits.
    login(page, "kpi", DEMO_PASSWORD)
    page.goto(report_url)
    page.get_by_role("button", name="ส่งรายงาน").click()
    expect(page.get_by_test_id("report-status")).to_have_text("ส่งแล้ว รอตรวจ")
    _logout(page)

    # 2. The region (สำนักงานศึกษาธิการภาค 1) returns it with a reason.
    login(page, "region", DEMO_PASSWORD)
    page.goto("/kpi/review/")
    page.get_by_role("link", name=f"ตรวจ {DEMO_ESA}").click()
    page.get_by_label("เหตุผลที่ส่งกลับให้แก้ไข").fill("ประเด็นที่ 1 ขาดแผนพัฒนาคุณภาพฉบับลงนาม")
    page.get_by_role("button", name="ส่งกลับให้แก้ไข").click()
    expect(page.get_by_text("ส่งกลับให้แก้ไขแล้ว")).to_be_visible()
    _logout(page)

    # 3. The ESA reads the reason, fixes and resubmits.
    login(page, "kpi", DEMO_PASSWORD)
    page.goto(report_url)
    expect(page.get_by_test_id("return-reason")).to_contain_text("แผนพัฒนาคุณภาพฉบับลงนาม")
    slot = page.get_by_test_id("slot-ev1_4")
    slot.locator("summary").click()
    slot.get_by_label("ลิงก์ (เช่น Google Drive, YouTube)").fill(
        "https://drive.demo.pramoen.invalid/signed-plan"
    )
    slot.get_by_role("button", name="เพิ่มลิงก์").click()
    expect(
        page.get_by_test_id("slot-ev1_4").get_by_role(
            "link", name="https://drive.demo.pramoen.invalid/signed-plan"
        )
    ).to_be_visible()
    page.get_by_role("button", name="ส่งรายงาน").click()
    expect(page.get_by_test_id("report-status")).to_have_text("ส่งแล้ว รอตรวจ")
    _logout(page)

    # 4. The region ticks every issue and presses "อนุมัติ" without saving first: the one form
    # saves the marks and approves on them (before, the marks were dropped and approval refused).
    login(page, "region", DEMO_PASSWORD)
    page.goto(f"/kpi/review/{report.pk}/")
    from pramoen.kpi import services

    for point in services.review_points(report):
        page.get_by_test_id(f"mark-{point.id}").get_by_label("ชัดเจน", exact=True).check()
    page.get_by_role("button", name="อนุมัติและให้คะแนน").click()
    expect(page.get_by_test_id("report-status")).to_have_text("อนุมัติแล้ว รอ สพฐ. รับรอง")
    expect(page.get_by_test_id("approved-score")).to_contain_text("คะแนน 5")
    # Read-only for the one who approved: the review page leads back here, not to a 403.
    page.goto(f"/kpi/review/{report.pk}/")
    expect(page.get_by_test_id("approval-bar")).to_be_visible()
    _logout(page)

    # 5. OBEC accepts, from its queue.
    login(page, "obec", DEMO_PASSWORD)
    page.goto("/kpi/accept/")
    page.get_by_role("link", name=f"เปิด {DEMO_ESA}").click()
    page.get_by_test_id("accept").click()
    expect(page.get_by_text("สพฐ. รับรองรายงานแล้ว")).to_be_visible()
    expect(page.get_by_test_id("report-status")).to_have_text("สพฐ. รับรองแล้ว")
    _logout(page)

    # 6. The ESA can no longer edit.
    login(page, "kpi", DEMO_PASSWORD)
    page.goto(report_url)
    expect(page.get_by_test_id("locked-note")).to_be_visible()
    expect(page.get_by_role("button", name="ส่งรายงาน")).to_have_count(0)
    expect(page.get_by_role("button", name="บันทึก", exact=True)).to_have_count(0)
    expect(page.get_by_label("คำอธิบายการดำเนินงาน ประเด็นการพิจารณาที่ 1")).to_be_disabled()
    _logout(page)

    # 7. The national dashboard drills down to it: nation → region → ESA → report.
    login(page, "obec", DEMO_PASSWORD)
    page.goto("/kpi/national/?year=2569&round=6m")
    # ECharts (served from our static files) drew the charts under the CSP.
    expect(page.locator("[data-chart='chart-data-regions'][data-drawn=true]")).to_have_count(1)
    page.get_by_test_id("chart-regions").locator("summary").click()
    expect(page.get_by_test_id("table-regions")).to_contain_text("สำนักงานศึกษาธิการภาค 1")
    page.get_by_test_id("region-tiles").get_by_role("link", name="สำนักงานศึกษาธิการภาค 1").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("สำนักงานศึกษาธิการภาค 1")
    page.get_by_test_id("table-esas").get_by_role("link", name=DEMO_ESA).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(DEMO_ESA)
    page.get_by_role("link", name="เปิดรายงานรอบ 6 เดือน 2569").click()
    expect(page.get_by_test_id("report-status")).to_have_text("สพฐ. รับรองแล้ว")
    assert page.url.endswith(report_url)
