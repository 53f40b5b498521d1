"""The public landing page (issue 20): a visitor sees the current edition with its criteria and
call letter, the published results and a certificate look-up; a signed-in school sees its next
step on its home."""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import expect

from pramoen.core.demo import DEMO_PASSWORD
from tests.e2e.conftest import login


def test_visitor_reads_editions_results_and_looks_up_a_certificate(page, demo_data):
    from pramoen.awards.models import Campaign
    from pramoen.judging.models import Certificate

    announced = Campaign.objects.get(year_be=2569)
    Campaign.objects.filter(pk=announced.pk).update(announce_on=dt.date(2026, 8, 1))
    Certificate.objects.create(
        campaign=announced,
        short_code="JOURNEY2569CERT",
        number=1,
        year_be=2569,
        recipient="โรงเรียนบ้านทดสอบเกียรติบัตร",
        award="รางวัลเหรียญทอง",
        issued_on=dt.date(2026, 8, 1),
    )
    open_edition = Campaign.objects.get(year_be=2570)

    page.goto("/")
    assert "/accounts/login/" not in page.url  # the visitor stays on the landing page
    editions = page.get_by_test_id("current-editions")
    editions.get_by_role("link", name=open_edition.title_th).click()
    expect(page.get_by_test_id("edition-groups")).to_contain_text("ประเภท")
    page.get_by_test_id("edition-groups").locator("summary").first.click()
    expect(
        page.get_by_test_id("edition-groups").locator("details").first.locator("ol")
    ).to_be_visible()
    with page.expect_download() as download:
        page.get_by_test_id("call-letter").click()
    assert download.value.suggested_filename.endswith("-call.docx")

    page.goto("/")
    page.get_by_test_id("published-results").get_by_role("link", name=announced.title_th).click()
    page.wait_for_url(f"**/judging/results/{announced.pk}/")

    page.goto("/")
    page.get_by_test_id("certificate-lookup").get_by_label(
        "เลขที่ตรวจสอบเกียรติบัตร (พิมพ์ตามที่อยู่บนเกียรติบัตร)"
    ).fill("journey-2569-cert")
    page.get_by_test_id("certificate-lookup").get_by_role("button", name="ตรวจสอบ").click()
    expect(page.get_by_test_id("cert-status")).to_have_text("ใช้ได้")
    expect(page.get_by_test_id("certificate")).to_contain_text("โรงเรียนบ้านทดสอบเกียรติบัตร")

    page.goto("/judging/verify/")
    page.get_by_label("เลขที่ตรวจสอบเกียรติบัตร (พิมพ์ตามที่อยู่บนเกียรติบัตร)").fill("NOSUCHCODE")
    page.get_by_role("button", name="ตรวจสอบ").click()
    expect(page.get_by_test_id("cert-status")).to_contain_text("ไม่พบเกียรติบัตร")


def test_school_home_shows_the_open_edition_and_its_countdown(page, demo_data):
    login(page, "school", DEMO_PASSWORD)

    expect(page.get_by_test_id("open-editions")).to_contain_text("ส่งได้ถึง")
    expect(page.get_by_test_id("countdown").first).to_contain_text("เหลืออีก")
    page.get_by_test_id("open-editions").get_by_role("link").first.click()
    expect(page.get_by_test_id("edition-rules")).to_contain_text("ไม่เกิน")
