"""Issue 14 in Chromium: the chair reads the committee's reliability panel and assigns judges
automatically around a conflict; ESA staff find a near-duplicate portfolio pair at screening and
compare it page beside page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from pramoen.core.demo import DEMO_PASSWORD
from tests.e2e.conftest import login


def _score_more_entries() -> None:
    """Three more entries of the demo committee, scored by both judges — alike on some
    indicators, apart on others — so agreement can be computed."""
    from pramoen.accounts.models import User
    from pramoen.judging import services
    from pramoen.judging.models import Committee
    from tests.judging.helpers import ITEMS

    committee = Committee.objects.select_related("category__campaign").get(
        category__campaign__year_be=2569,
        category__category="school",
        category__domain="academic",
        category__size_class="small",
    )
    staff = User.objects.get(username="esa")
    judges = [User.objects.get(username=n) for n in ("judge", "judge2")]
    for n, (drop_a, drop_b) in enumerate(((0, 1), (2, 2), (4, 1))):
        entry = _eligible_entry(committee, staff, f"99997700{n:02d}", f"โรงเรียนบ้านความสอดคล้อง{n}")
        for judge, drop in zip(judges, (drop_a, drop_b), strict=True):
            services.assignment_add(entry=entry, judge=judge, actor=staff)
            review = services.review_open(entry=entry, judge=judge)
            services.review_submit(
                review=review,
                actor=judge,
                seen_version=review.version,
                indicators={
                    path: {"checked": list(range(1, max(k - drop, 0) + 1))}
                    for path, k in ITEMS.items()
                },
            )


def _eligible_entry(committee, staff, code: str, name: str):
    """A submitted, eligible entry of a new school in the demo committee's group."""
    from pramoen.awards.enums import EntryStatus
    from pramoen.awards.models import Entry
    from pramoen.judging import services
    from pramoen.orgs.models import Organization

    school = Organization.objects.create(
        kind="school", code=code, name_th=name, parent=committee.category.campaign.esa
    )
    entry = Entry.objects.create(
        campaign=committee.category.campaign,
        category=committee.category,
        school=school,
        nominee_key=f"school:{school.pk}",
        created_by=staff,
        status=EntryStatus.SUBMITTED,
        answers={"scoring": {"fields": {}, "evidence": {}}},
    )
    services.eligibility_record(entry=entry, eligible=True, actor=staff)
    return entry


def _conflicted_new_entry():
    """A new entry of the demo committee whose school one judge declared a conflict with."""
    from pramoen.accounts.models import User
    from pramoen.judging import services
    from pramoen.judging.models import Committee

    committee = Committee.objects.select_related("category__campaign").get(
        category__campaign__year_be=2569,
        category__category="school",
        category__domain="academic",
        category__size_class="small",
    )
    staff = User.objects.get(username="esa")
    entry = _eligible_entry(committee, staff, "9999550001", "โรงเรียนบ้านมอบหมาย")
    conflicted = User.objects.get(username="judge2")
    services.conflict_declare(entry=entry, judge=conflicted, reason="เป็นศิษย์เก่าของโรงเรียน")
    return entry, conflicted


@pytest.mark.slow
def test_chair_reads_the_reliability_panel_and_assigns_around_a_conflict(
    page, demo_data, db_workers
):
    from pramoen.judging.models import Assignment

    _score_more_entries()
    login(page, "chair", DEMO_PASSWORD)
    page.goto("/judging/committees/")
    page.get_by_role("link", name="ด้านวิชาการ โรงเรียนขนาดเล็ก").click()
    panel = page.get_by_test_id("reliability")  # loaded by htmx after the page
    expect(panel.get_by_role("heading", name="ความสอดคล้องของกรรมการ")).to_be_visible()
    expect(panel.get_by_test_id("reliability-alpha")).to_have_text(
        re.compile(r"^-?[๐-๙]\.[๐-๙]{3}$")
    )
    expect(panel.get_by_test_id("reliability-reading")).to_contain_text("ความสอดคล้องของกรรมการ")
    expect(panel.get_by_text("จากผลงาน ๔ รายการ กรรมการ ๒ คน")).to_be_visible()
    expect(panel.get_by_test_id("reliability-indicators").locator("tbody tr").first).to_be_visible()

    # The chair assigns automatically: a conflict is never assigned, the shortfall is told.
    entry, conflicted = _conflicted_new_entry()
    page.reload()
    page.get_by_role("button", name="มอบหมายกรรมการอัตโนมัติ").click()
    # The click queues a job (no worker yet: it waits), the page polls it; a worker runs it and
    # the page shows its outcome when it ends. A second click meanwhile is not offered.
    panel = page.get_by_test_id("auto-assign")
    expect(panel.get_by_role("status")).to_contain_text("กำลังจัดกรรมการ…")
    expect(panel.get_by_role("button", name="มอบหมายกรรมการอัตโนมัติ")).to_be_disabled()
    db_workers.start()
    status = page.get_by_test_id("auto-assign-result")
    expect(status).to_contain_text("มอบหมายกรรมการแล้ว (เพิ่ม ๑ รายการ)", timeout=20_000)
    # Three judges per entry (the campaign's setting) from a committee of two, one conflicted.
    expect(status).to_contain_text(
        re.compile(r"โรงเรียนบ้านมอบหมาย — .+: มีกรรมการที่ไม่มีส่วนได้เสียไม่พอ \(ได้ ๑ จาก ๓ คน\)")
    )
    row = page.get_by_test_id(f"outcome-{entry.pk}")
    row.get_by_text("กรรมการที่ได้รับมอบหมาย").click()
    assigned = row.locator("details ul li")
    expect(assigned).to_have_count(1)
    expect(assigned).not_to_contain_text(conflicted.display_name)
    assert list(
        Assignment.objects.filter(entry=entry).values_list("judge__username", flat=True)
    ) == ["judge"]


@pytest.mark.slow
def test_staff_see_a_duplicate_pair_at_screening_side_by_side(page, demo_data, tmp_path):
    from pramoen.accounts.models import User
    from pramoen.awards.models import Campaign
    from pramoen.awards.services import portfolio_duplicates_check
    from pramoen.orgs.models import Organization
    from tests.awards.duplicates_helpers import entry_with_portfolio, thai_paragraphs, thai_pdf

    campaign = Campaign.objects.get(year_be=2569)
    category = campaign.categories.get(category="school", domain="academic", size_class="small")
    staff = User.objects.get(username="esa")
    shared = thai_paragraphs(11, 21)
    names = ("โรงเรียนบ้านต้นฉบับ", "โรงเรียนบ้านสำเนา")
    for n, name in enumerate(names):
        school = Organization.objects.create(
            kind="school", code=f"99996600{n:02d}", name_th=name, parent=campaign.esa
        )
        pdf = thai_pdf(tmp_path, shared + thai_paragraphs(20 + n, 9), f"dup{n}")
        entry = entry_with_portfolio(category, school, staff, pdf)
        portfolio_duplicates_check(entry=entry)

    login(page, "esa", DEMO_PASSWORD)
    page.get_by_role("link", name="การประกวดรางวัล").first.click()
    page.get_by_role("link", name="NARA 2 AWARDS ครั้งที่ ๕ ประจำปี ๒๕๖๙").click()
    page.get_by_role("link", name="ตรวจคุณสมบัติเบื้องต้น").click()
    pairs = page.get_by_test_id("duplicate-pairs")
    expect(pairs.get_by_role("heading", name="แฟ้มผลงานที่อาจซ้ำกัน")).to_be_visible()
    row = pairs.get_by_test_id("duplicate-pair")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(names[0])
    expect(row).to_contain_text(names[1])
    expect(row.get_by_test_id("similarity")).to_have_text(re.compile(r"^[๖๗๘][๐-๙]%$"))
    expect(row).to_contain_text("หน้า ๑ ↔ ๑")

    row.get_by_role("link", name="ดูเทียบหน้า").click()
    expect(page.get_by_role("heading", name="เทียบแฟ้มผลงานที่อาจซ้ำกัน")).to_be_visible()
    side = page.get_by_test_id("side-by-side")
    expect(side.get_by_role("heading")).to_contain_text(names[1])
    first = side.get_by_test_id("page-pair").first
    expect(first.locator("td").nth(0)).to_contain_text("หน้า ๑")
    expect(first.locator("td").nth(1)).to_contain_text("หน้า ๑")
    # The two excerpts are the same shared text, shown side by side.
    assert (
        first.locator("td").nth(0).inner_text().split("\n", 1)[1][:60]
        == (first.locator("td").nth(1).inner_text().split("\n", 1)[1][:60])
    )
