"""Judging in Chromium: score with checklists, disagree, reconcile, finalize, publish, verify."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest
import zxingcpp
from playwright.sync_api import expect

from pramoen.core.demo import DEMO_PASSWORD
from tests.e2e.conftest import login


def _logout(page) -> None:
    page.get_by_role("button", name="ออกจากระบบ").click()
    expect(page.get_by_role("heading", name="เข้าสู่ระบบ")).to_be_visible()


@pytest.mark.slow
def test_judging_journey(page, demo_data, tmp_path, settings, db_workers):
    from pramoen.awards.models import Entry

    settings.VAR_DIR = tmp_path / "var"
    db_workers.start()  # builds the certificates (step 5) while the page polls
    waiting = Entry.objects.select_related("school").get(
        school__code="9999000005", category__committee__isnull=False
    )
    school = waiting.school.name_th

    page.on("dialog", lambda dialog: dialog.accept())  # submit / consensus / finalize ask first
    # 1. The first judge ticks every item: each indicator shows its level, points and reason.
    login(page, "judge", DEMO_PASSWORD)
    page.goto("/judging/")
    expect(page.get_by_test_id("progress")).to_contain_text("ส่งผลแล้ว ๑ จาก ๒")
    page.get_by_role("link", name=f"ประเมิน {school}").click()
    first = page.get_by_test_id("indicator-c1.i1").get_by_role("checkbox")
    for i in range(first.count()):
        first.nth(i).check()
    expect(page.get_by_test_id("score-c1.i1")).to_contain_text("ดีเยี่ยม")
    expect(page.get_by_test_id("score-c1.i1")).to_contain_text("คะแนน")
    expect(page.get_by_test_id("autosaved")).to_be_visible()
    boxes = page.locator("#review-form input[type=checkbox]")
    for i in range(boxes.count()):
        boxes.nth(i).check()
    expect(page.get_by_test_id("total")).to_have_text("100.00")
    expect(page.get_by_test_id("tier")).to_have_text("รางวัลเหรียญทอง")
    page.get_by_role("button", name="ส่งผลการประเมิน").click()
    expect(page.get_by_test_id("review-status")).to_have_text("ส่งผลการประเมินแล้ว")
    _logout(page)

    # 2. The second judge finds no item met and says so on every indicator (an untouched one is
    # "not yet scored", not 0): 0 points, far from the first judge.
    login(page, "judge2", DEMO_PASSWORD)
    page.goto(f"/judging/entry/{waiting.pk}/")
    expect(page.get_by_test_id("other-judges")).to_have_count(0)
    none_met = page.locator("[data-testid^=none-met-]")
    for i in range(none_met.count()):
        none_met.nth(i).check()
    expect(page.get_by_test_id("total")).to_have_text("0.00")
    page.get_by_role("button", name="ส่งผลการประเมิน").click()
    expect(page.get_by_test_id("review-status")).to_have_text("ส่งผลการประเมินแล้ว")
    expect(page.get_by_test_id("other-judges")).to_contain_text("100.00")
    _logout(page)

    # 3. The chair sees the flag, records the first judge's scoring as consensus, finalizes.
    login(page, "chair", DEMO_PASSWORD)
    page.goto("/judging/committees/")
    page.get_by_role("link", name="ด้านวิชาการ โรงเรียนขนาดเล็ก").click()
    row = page.get_by_test_id(f"outcome-{waiting.pk}")
    expect(row.get_by_test_id("flag")).to_contain_text("คะแนนต่างกันเกินเกณฑ์")
    row.get_by_label("เหตุผล (นางมาลี รักเรียน)").fill("ตรวจหลักฐานร่วมกันแล้ว ครบทุกรายการ")
    row.get_by_role("button", name="ใช้เป็นมติ").first.click()
    expect(page.get_by_text("บันทึกมติคณะกรรมการแล้ว")).to_be_visible()
    expect(page.get_by_test_id(f"outcome-{waiting.pk}").get_by_test_id("flag")).to_have_count(0)
    page.get_by_role("button", name="ยืนยันผลการตัดสินของกลุ่มนี้").click()
    expect(page.get_by_test_id("finalized")).to_be_visible()
    _logout(page)

    # 4. The public results page lists the tier and the rank, without signing in.
    page.goto(f"/judging/results/{waiting.campaign_id}/")
    table = page.locator("table[data-testid^=results-]")
    expect(table.locator("tr", has_text=school)).to_contain_text("รางวัลเหรียญทอง")
    expect(table.locator("tr", has_text=school)).to_contain_text("ชนะเลิศ")

    # 5. ESA staff build the certificates; the QR code on one opens "valid".
    login(page, "esa", DEMO_PASSWORD)
    page.goto(f"/judging/results/{waiting.campaign_id}/")
    page.get_by_role("button", name="สร้างเกียรติบัตรทั้งหมด (PDF)").click()
    # The build runs in the background: the page polls its progress until the links appear.
    expect(page.get_by_test_id("certificate-build")).to_be_visible()
    expect(page.get_by_text("สร้างเกียรติบัตร 2 ใบแล้ว")).to_be_visible(timeout=60_000)
    with page.expect_download() as download:
        page.get_by_role("link", name="ดาวน์โหลด PDF รวมเล่ม").click()
    pdf_path = tmp_path / "certificates.pdf"
    download.value.save_as(pdf_path)
    document = pdfium.PdfDocument(pdf_path)
    assert len(document) == 2
    image = document[0].render(scale=3).to_pil()
    [code] = zxingcpp.read_barcodes(image)
    assert "/judging/verify/" in code.text
    page.goto(code.text)
    expect(page.get_by_test_id("cert-status")).to_have_text("ใช้ได้")
