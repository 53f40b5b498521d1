"""Issue 20 in Chromium: a judge cannot submit untouched indicators unknowingly, and a review
the chair returns opens with the chair's reason on top."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from pramoen.core.demo import DEMO_PASSWORD
from tests.e2e.conftest import login


@pytest.mark.slow
def test_judge_is_stopped_on_unscored_indicators_and_sees_a_return_reason(page, demo_data):
    from pramoen.awards.models import Entry

    waiting = Entry.objects.select_related("school").get(
        school__code="9999000005", category__committee__isnull=False
    )
    asked: list[str] = []

    def answer(dialog) -> None:
        asked.append(dialog.message)
        dialog.accept()

    page.on("dialog", answer)

    # 1. Only the first indicator is scored: the page lists the rest, submit asks, and the
    # server refuses with the indicators' Thai names — nothing is submitted as 0.
    login(page, "judge", DEMO_PASSWORD)
    page.goto(f"/judging/entry/{waiting.pk}/")
    first = page.get_by_test_id("indicator-c1.i1").get_by_role(
        "checkbox", name="ตรวจแล้ว", exact=False
    )
    items = page.get_by_test_id("indicator-c1.i1").locator("input[name='i-c1.i1']")
    for i in range(items.count()):
        items.nth(i).check()
    expect(page.get_by_test_id("autosaved")).to_be_visible()
    expect(first).not_to_be_checked()
    expect(page.get_by_test_id("unscored-c1.i4")).to_have_text("ยังไม่ได้ประเมิน")
    expect(page.get_by_test_id("unscored-list")).to_contain_text("ด้านการบริหารจัดการ")
    page.get_by_test_id("submit-review").click()
    expect(page.get_by_test_id("form-errors")).to_contain_text("ยังไม่ได้ประเมิน:")
    expect(page.get_by_test_id("form-errors")).to_contain_text("ด้านการบริหารจัดการ")
    expect(page.get_by_test_id("review-status")).not_to_have_text("ส่งผลการประเมินแล้ว")
    assert asked and asked[0].startswith("ส่งผลการประเมินผลงานนี้?")

    # 2. Everything scored, submitted; the chair returns it with a reason.
    boxes = page.locator("#review-form input[name^='i-']")
    for i in range(boxes.count()):
        boxes.nth(i).check()
    page.get_by_test_id("submit-review").click()
    expect(page.get_by_test_id("review-status")).to_have_text("ส่งผลการประเมินแล้ว")
    page.get_by_role("button", name="ออกจากระบบ").click()
    login(page, "chair", DEMO_PASSWORD)
    page.goto(f"/judging/committees/{waiting.category.committee.pk}/")
    row = page.get_by_test_id(f"outcome-{waiting.pk}")
    row.get_by_label("เหตุผล (นางมาลี รักเรียน)").fill("ด้านกายภาพ ข้อ ๓ ไม่มีหลักฐานในแฟ้ม")
    row.get_by_role("button", name="ส่งกลับให้ทบทวน").click()
    expect(page.get_by_text("ส่งกลับให้กรรมการทบทวนแล้ว")).to_be_visible()
    page.get_by_role("button", name="ออกจากระบบ").click()

    # 3. The judge opens the entry: the chair's reason is the first thing on the page.
    login(page, "judge", DEMO_PASSWORD)
    page.goto(f"/judging/entry/{waiting.pk}/")
    reason = page.get_by_test_id("returned-reason")
    expect(reason).to_contain_text("ด้านกายภาพ ข้อ ๓ ไม่มีหลักฐานในแฟ้ม")
    reason_box = reason.bounding_box()
    rubric_box = page.get_by_test_id("indicator-c1.i1").bounding_box()
    assert reason_box and rubric_box and reason_box["y"] < rubric_box["y"]
