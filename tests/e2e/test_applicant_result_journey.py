"""An applicant whose entry was finalized and announced sees the result and gets the certificate
(issue 20): the demo's ``winner`` account (the school account of โรงเรียนบ้านเขาแก้ว, whose entry in
the past edition ครั้งที่ ๔ ประจำปี ๒๕๖๘ won) logs in, reads the tier and the score on the form's
scale on the home page, downloads the certificate (its PDF names the school) and looks it up."""

from __future__ import annotations

import pypdfium2 as pdfium
from playwright.sync_api import expect

from pramoen.core.demo import DEMO_PASSWORD
from tests.e2e.conftest import login


def _pdf_text(path: str) -> str:
    document = pdfium.PdfDocument(path)
    try:
        return "".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def test_winner_sees_result_downloads_certificate_and_looks_it_up(page, demo_data):
    from pramoen.judging.models import Certificate, EntryResult

    result = EntryResult.objects.select_related("entry__school", "entry__campaign").get(
        entry__created_by__username="winner"
    )
    certificate = Certificate.objects.get(entry=result.entry, revoked_at__isnull=True)
    school = result.entry.school.name_th

    login(page, "winner", DEMO_PASSWORD)
    mine = page.get_by_test_id("my-results").get_by_test_id("my-result")
    expect(mine).to_have_count(1)
    expect(mine).to_contain_text(result.entry.campaign.title_th)
    expect(mine.get_by_test_id("result-tier")).to_have_text(result.tier_label_th)
    expect(mine.get_by_test_id("result-score")).to_have_text(
        f"คะแนน {result.total_display} จากคะแนนเต็ม 100"
    )

    with page.expect_download() as download:
        mine.get_by_test_id("certificate-download").click()
    path = download.value.path()
    assert download.value.suggested_filename.endswith(".pdf")
    text = _pdf_text(str(path))
    assert school in text
    assert certificate.award in text

    code = mine.get_by_test_id("certificate-code").inner_text()
    page.goto("/judging/verify/")
    page.get_by_label("เลขที่ตรวจสอบเกียรติบัตร (พิมพ์ตามที่อยู่บนเกียรติบัตร)").fill(code)
    page.get_by_role("button", name="ตรวจสอบ").click()
    expect(page.get_by_test_id("cert-status")).to_have_text("ใช้ได้")
    expect(page.get_by_test_id("certificate")).to_contain_text(school)


def test_another_applicant_sees_no_result_and_cannot_download_it(page, demo_data):
    from pramoen.judging.models import Certificate

    certificate = Certificate.objects.get(entry__created_by__username="winner")
    login(page, "school", DEMO_PASSWORD)
    expect(page.get_by_test_id("my-results")).to_have_count(0)
    response = page.goto(f"/judging/certificate/{certificate.short_code}.pdf")
    assert response is not None
    assert response.status == 404
