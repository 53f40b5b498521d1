"""Issue 20: the 12-month round takes the report the system writes as its report file, and an
incomplete draft downloads with its gaps marked instead of failing."""

from __future__ import annotations

from io import BytesIO

from django.urls import reverse
from docx import Document

from pramoen.kpi import services
from pramoen.kpi.enums import ReportStatus
from tests.kpi.conftest import best_practice_answers


def _text(content: bytes) -> str:
    return "\n".join(p.text for p in Document(BytesIO(content)).paragraphs)


def test_incomplete_draft_downloads_with_its_gaps_marked(client, reporter_a, round_12m, esa_a):
    report = services.report_get_or_create(round=round_12m, esa=esa_a, actor=reporter_a)
    services.report_update(
        report=report,
        actor=reporter_a,
        expected_version=report.version,
        changes={"s1_1_operations": "ประชุมชี้แจง", "network_total": 30},
    )
    client.force_login(reporter_a)
    response = client.get(reverse("kpi:report_docx", args=[report.pk]))
    assert response.status_code == 200
    text = _text(response.content)
    assert text.startswith("ฉบับร่าง (ยังไม่ได้ส่งรายงาน) — ยังไม่ได้กรอก")
    assert "previous_year" not in text and "ทั้งหมดจำนวน 30 โรงเรียน" in text
    assert "จำนวน [ยังไม่ได้กรอก] โรงเรียน" in text


def test_twelve_month_page_offers_the_generated_report_not_an_upload(
    client, reporter_a, round_12m, esa_a
):
    report = services.report_get_or_create(round=round_12m, esa=esa_a, actor=reporter_a)
    client.force_login(reporter_a)
    html = client.get(reverse("kpi:report", args=[report.pk])).content.decode()
    slot = html.split('data-testid="slot-ev_report"')[1].split("</li>\n  \n")[0]
    assert 'data-testid="generated-report"' in slot and "ดาวน์โหลดฉบับร่าง (.docx)" in slot
    assert reverse("kpi:evidence_upload", args=[report.pk, "ev_report"]) not in html
    assert "ยังไม่ได้แนบ “เอกสารแนบตัวชี้วัดที่ 10" not in html


def test_submission_keeps_the_generated_report_as_the_evidence(reporter_a, round_12m, esa_a):
    report = services.report_get_or_create(round=round_12m, esa=esa_a, actor=reporter_a)
    services.report_update(
        report=report,
        actor=reporter_a,
        expected_version=report.version,
        changes=best_practice_answers(True, True, False, False),
    )
    assert services.submission_problems(report) == []
    report = services.report_submit(
        report=report, actor=reporter_a, expected_version=report.version
    )
    assert report.status == ReportStatus.SUBMITTED
    stored = report.evidence.get(slot_id="ev_report")
    with stored.file.open("rb") as handle:
        text = _text(handle.read())
    assert "ฉบับร่าง" not in text and "รูปแบบ SOMMUT Model" in text
    assert (stored.original_name, stored.kind) == ("kpi10-2569-12m-1001.docx", "file")


def test_submission_names_what_the_word_report_still_lacks(reporter_a, round_12m, esa_a):
    report = services.report_get_or_create(round=round_12m, esa=esa_a, actor=reporter_a)
    problems = services.submission_problems(report)
    assert problems and not any("ยังไม่ได้แนบ" in problem for problem in problems)
