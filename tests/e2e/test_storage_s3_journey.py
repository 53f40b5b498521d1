"""The applicant's portfolio journey with every file on S3 (moto's server on 127.0.0.1): the upload
goes to the bucket, and the download link redirects the browser to a short-lived presigned URL."""

from __future__ import annotations

from playwright.sync_api import expect

from pramoen.awards.models import Campaign, Entry
from pramoen.core.demo import DEMO_PASSWORD
from tests.awards.conftest import portfolio_pdf
from tests.e2e.conftest import TEACHER_INNOVATION_TH, login, pick_group
from tests.storage import files_in


def test_school_uploads_a_portfolio_to_s3_and_downloads_it_from_the_bucket(
    page, s3_files, demo_data, tmp_path
):
    campaign = Campaign.objects.get(year_be=2570)
    login(page, "school", DEMO_PASSWORD)
    page.get_by_role("link", name="สมัครรับรางวัล").first.click()
    expect(page.get_by_role("heading", name=campaign.title_th)).to_be_visible()
    pick_group(page, TEACHER_INNOVATION_TH, "โรงเรียนขนาดเล็ก")
    page.get_by_label("ชื่อ-นามสกุลผู้ส่งผลงาน").fill("นางสาวกมลชนก สอนดี")
    page.get_by_role("button", name="เริ่มใบสมัคร").click()
    expect(page.get_by_role("status").first).to_contain_text("เริ่มใบสมัครแล้ว")

    pdf = portfolio_pdf(tmp_path, pages=2, size_pt=16)
    page.get_by_label("แฟ้มผลงาน (PDF)").set_input_files(
        {"name": "ผลงาน.pdf", "mimeType": "application/pdf", "buffer": pdf}
    )
    with page.expect_navigation():
        page.get_by_role("button", name="อัปโหลดและตรวจรูปแบบ").click()
    expect(page.get_by_test_id("portfolio")).to_contain_text("ผ่านการตรวจรูปแบบ · ๒ หน้า")
    entry = Entry.objects.filter(nominee_name="นางสาวกมลชนก สอนดี").get()
    assert entry.portfolio.name in s3_files.names()

    with page.expect_download() as download:
        page.get_by_role("link", name="ดาวน์โหลดแฟ้มผลงานที่ส่ง").click()
    assert download.value.url.startswith(s3_files.server.endpoint)  # from the bucket itself
    assert download.value.suggested_filename == f"portfolio-entry-{entry.pk}.pdf"
    saved = tmp_path / "downloaded.pdf"
    download.value.save_as(saved)
    assert saved.read_bytes() == pdf
    assert files_in(s3_files.folder) == []
