"""A teacher applies for herself: only the personal groups, under her own name, only her entries."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from pramoen.accounts.models import User
from pramoen.awards.models import Campaign, Entry
from pramoen.core.demo import DEMO_PASSWORD
from tests.e2e.conftest import TEACHER_INNOVATION_TH, login, picker_sections


def test_teacher_applies_for_herself_and_sees_only_her_own_entry(page, demo_data):
    campaign = Campaign.objects.get(year_be=2570)  # the demo's open edition allows it
    teacher = User.objects.get(username="teacher")
    # The school account has nominated the school itself: the teacher must not see that entry.
    school_entry = Entry.objects.create(
        campaign=campaign,
        category=campaign.categories.filter(category="school").first(),
        school=teacher.memberships.get(role="applicant_person").organization,
        nominee_key="school:demo",
        created_by=User.objects.get(username="school"),
    )

    login(page, "teacher", DEMO_PASSWORD)
    page.get_by_role("link", name="สมัครรับรางวัล").first.click()
    expect(page.get_by_role("heading", name="ใบสมัครของฉัน")).to_be_visible()
    expect(page.get_by_test_id("entry-row")).to_have_count(0)
    sections = picker_sections(page)
    assert sections and not any("ประเภทสถานศึกษา" in s for s in sections)
    expect(page.get_by_label("ชื่อ-นามสกุลผู้ส่งผลงาน")).to_have_count(0)
    # Only the groups of her school's size class (from the registry) are offered (issue 20).
    labels = page.get_by_test_id("picker-option").locator("label").all_inner_texts()
    sizes = {m for label in labels for m in re.findall(r"โรงเรียนขนาด(\S+)", label)}
    assert TEACHER_INNOVATION_TH in sections and len(sizes) == 1
    innovation = page.get_by_role("group", name=TEACHER_INNOVATION_TH, exact=True)
    innovation.get_by_role("radio").first.check()
    page.get_by_role("button", name="เริ่มใบสมัคร").click()
    expect(page.get_by_role("status").first).to_contain_text("เริ่มใบสมัครแล้ว")

    page.get_by_role("link", name="สมัครรับรางวัล").first.click()
    rows = page.get_by_test_id("entry-row")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text(teacher.display_name)
    assert page.goto(f"/awards/entries/{school_entry.pk}/").status == 404
