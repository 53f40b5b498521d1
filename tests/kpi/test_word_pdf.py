"""The 12-month Word report, downloaded and converted by Debian's LibreOffice (slow)."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest
from django.urls import reverse

from pramoen.documents.office import convert_docx_to_pdf
from pramoen.kpi import services
from tests.kpi.conftest import best_practice_answers


def _pdf_text(pdf: bytes) -> str:
    document = pdfium.PdfDocument(pdf)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


@pytest.mark.slow
def test_downloaded_word_report_converts_with_headings_and_numbers(
    client, round_12m, esa_a, reporter_a
):
    report = services.report_get_or_create(round=round_12m, esa=esa_a, actor=reporter_a)
    answers = best_practice_answers(True, True, False, True)
    answers.update(network_total=47, network_participating=31, integrated_previous_year=13)
    services.report_update(
        report=report, actor=reporter_a, expected_version=report.version, changes=answers
    )
    client.force_login(reporter_a)
    response = client.get(reverse("kpi:report_docx", args=[report.pk]))
    assert response.status_code == 200
    text = _pdf_text(convert_docx_to_pdf(response.content))
    # Thai has no spaces between words, so a line break lands anywhere: compare without spaces.
    flat = "".join(text.split())
    for heading in (
        "1 ผลการดำเนินงานการขับเคลื่อนโครงการโรงเรียนคุณภาพ",
        "1.1 การขับเคลื่อนการดำเนินการตามแผนงาน/โครงการ/กิจกรรม",
        "1.3.2.1 เชิงปริมาณ",
        "2 ผลกระทบเชิงบวก (Impact) ของการขับเคลื่อนโครงการโรงเรียนคุณภาพ 4 ด้าน",
        "3.1 ระดับสำนักงานเขตพื้นที่การศึกษา",
        "3.2 ระดับโรงเรียน",
        "4 ปัญหาอุปสรรค และ ข้อเสนอแนะ",
    ):
        assert "".join(heading.split()) in flat, heading
    # 31 of 47 = 65.957… → 65.96 (half-up), and the two-year table 13 → 17: increase of 4.
    for number in ("ทั้งหมดจำนวน 47 โรงเรียน", "จำนวน 31 โรงเรียน", "65.96", "เพิ่มขึ้น 4"):
        assert "".join(number.split()) in flat, number


@pytest.mark.slow
def test_pdf_is_converted_by_a_job_and_handed_to_its_requester_only(
    client, round_12m, esa_a, reviewer, reporter_a, django_capture_on_commit_callbacks
):
    report = services.report_get_or_create(round=round_12m, esa=esa_a, actor=reporter_a)
    services.report_update(
        report=report,
        actor=reporter_a,
        expected_version=report.version,
        changes=best_practice_answers(False, True, False, False),
    )
    client.force_login(reviewer)
    url = reverse("kpi:report_pdf", args=[report.pk])
    assert client.get(url).status_code == 405  # a GET never makes a job
    with django_capture_on_commit_callbacks() as queued:
        page = client.post(url, follow=True)
    assert (
        "รอคิวสร้างไฟล์" in page.content.decode() and 'hx-trigger="every 1s"' in page.content.decode()
    )
    document = page.redirect_chain[-1][0]
    (enqueue,) = queued
    enqueue()  # the worker's turn (immediate backend)
    poll = client.get(document, headers={"HX-Request": "true"})
    assert poll["HX-Refresh"] == "true"
    page = client.get(document).content.decode()
    assert "สร้างไฟล์เสร็จแล้ว" in page
    response = client.get(document + "file")
    assert response["Content-Disposition"] == 'attachment; filename="kpi10-2569-12m-1001.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    pdf = b"".join(response.streaming_content)
    assert "เครือข่ายแบ่งปันครู" in "".join(_pdf_text(pdf).split())
    client.force_login(reporter_a)  # not who asked for it
    assert client.get(document).status_code == 404
    assert client.get(document + "file").status_code == 404
