from __future__ import annotations

from docx import Document
from playwright.sync_api import expect

from pramoen.awards.models import Campaign, CampaignCategory
from pramoen.core.demo import DEMO_PASSWORD
from tests.e2e.conftest import login


def test_esa_staff_clone_last_years_campaign_and_download_its_call_letter(page, demo_data):
    # As before this year's edition exists (the demo opens one), and after a correction of the
    # shipped school academic form since last year's campaign.
    Campaign.objects.filter(year_be=2570).delete()
    last_year = Campaign.objects.get(year_be=2569)
    CampaignCategory.objects.filter(
        campaign=last_year, category="school", domain="academic", size_class="small"
    ).update(scoring_instrument_hash="a" * 64)

    login(page, "esa", DEMO_PASSWORD)
    page.get_by_role("link", name="การประกวดรางวัล").first.click()
    row = page.get_by_test_id("campaign-row").filter(has_text="ครั้งที่ ๕ ประจำปี ๒๕๖๙")
    row.get_by_label("ปี พ.ศ. ของการประกวดใหม่").fill("๒๕๗๐")
    row.get_by_role("button", name="คัดลอก").click()

    status = page.get_by_role("status")
    expect(status).to_contain_text("เป็น NARA 2 AWARDS ครั้งที่ ๖ ประจำปี ๒๕๗๐ เรียบร้อยแล้ว")
    expect(status).to_contain_text("แบบประเมินที่เปลี่ยนรุ่น ๑ รายการ")
    expect(status).to_contain_text("เกณฑ์การให้คะแนน “")
    expect(status).to_contain_text("ใช้ฉบับล่าสุด ซึ่งต่างจากฉบับที่ครั้งก่อนใช้")
    expect(status).not_to_contain_text("aaaaaaaaaaaa")  # no version hash in what people read
    expect(status).not_to_contain_text("nara2-school-academic")
    # the demo's past edition (๒๕๖๘), last year's (๒๕๖๙) and the copy
    expect(page.get_by_test_id("campaign-row")).to_have_count(3)

    page.get_by_role("link", name="NARA 2 AWARDS ครั้งที่ ๖ ประจำปี ๒๕๗๐").click()
    expect(page.get_by_test_id("deadline")).to_contain_text("๑๙ มิถุนายน ๒๕๗๐ เวลา ๑๖.๓๐ น.")
    with page.expect_download() as info:
        page.get_by_role("listitem").filter(has_text="หนังสือเชิญส่งผลงาน").get_by_role(
            "link", name="ดาวน์โหลด .docx"
        ).click()
    download = info.value
    assert download.suggested_filename.endswith("-2570-call.docx")
    letter = Document(download.path())
    text = "\n".join(p.text for p in letter.paragraphs)
    assert "“NARA 2 AWARDS” ครั้งที่ ๖ ประจำปี ๒๕๗๐" in text
    assert "ภายในวันที่ ๑๙ เดือนมิถุนายน พ.ศ. ๒๕๗๐" in text


def test_esa_staff_have_the_call_letter_made_as_pdf_by_a_worker(page, demo_data, db_workers):
    import pypdfium2 as pdfium

    db_workers.start()
    login(page, "esa", DEMO_PASSWORD)
    page.get_by_role("link", name="การประกวดรางวัล").first.click()
    page.get_by_role("link", name="NARA 2 AWARDS ครั้งที่ ๕ ประจำปี ๒๕๖๙").click()
    page.get_by_role("listitem").filter(has_text="หนังสือเชิญส่งผลงาน").get_by_role(
        "button", name="สร้างไฟล์ .pdf"
    ).click()
    # LibreOffice takes seconds: the page says the file is being made, then offers it.
    expect(page.get_by_role("heading", level=1)).to_contain_text("หนังสือเชิญส่งผลงาน (PDF)")
    link = page.get_by_test_id("document-download")
    expect(link).to_be_visible(timeout=60_000)
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename.endswith("-2569-call.pdf")
    pdf = pdfium.PdfDocument(download.path())
    assert len(pdf) >= 1
    assert "NARA" in pdf[0].get_textpage().get_text_bounded()
