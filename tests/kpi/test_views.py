"""KPI pages through the test client: permissions (404 across ESAs), htmx evidence, review flow."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pramoen.accounts.enums import Role
from pramoen.core.models import AuditEvent
from pramoen.kpi import services
from pramoen.kpi.enums import ReportStatus
from pramoen.kpi.models import KpiEvidence, KpiReport
from tests.kpi.conftest import REPORTER_BLOCK, fill_6m, pdf_bytes, pdf_upload


def _login(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def report_b(round_6m, esa_b, reporter_b):
    report = services.report_get_or_create(round=round_6m, esa=esa_b, actor=reporter_b)
    services.evidence_add_file(
        report=report, slot_id="ev1_1", upload=pdf_upload("ลับ.pdf"), actor=reporter_b
    )
    return report


def test_reporter_gets_404_for_another_esas_report_files_and_word(
    client, reporter_a, report_b, round_6m, esa_b
):
    _login(client, reporter_a)
    evidence = report_b.evidence.get()
    urls = [
        reverse("kpi:report", args=[report_b.pk]),
        reverse("kpi:evidence_download", args=[evidence.pk]),
        reverse("kpi:report_docx", args=[report_b.pk]),
    ]
    assert [client.get(url).status_code for url in urls] == [404, 404, 404]
    posts = [
        reverse("kpi:report_submit", args=[report_b.pk]),
        reverse("kpi:evidence_remove", args=[evidence.pk]),
        reverse("kpi:evidence_link", args=[report_b.pk, "ev1_2"]),
        reverse("kpi:report_open", args=[round_6m.pk, esa_b.pk]),
    ]
    assert [client.post(url, {"url": "https://x.invalid"}).status_code for url in posts] == [
        404,
        404,
        404,
        404,
    ]
    assert report_b.evidence.count() == 1


def test_evidence_download_is_an_attachment_with_nosniff_for_owner_and_obec_reviewer(
    client, reporter_b, obec_reviewer, report_b
):
    evidence = report_b.evidence.get()
    url = reverse("kpi:evidence_download", args=[evidence.pk])
    for user in (reporter_b, obec_reviewer):
        _login(client, user)
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
        assert "filename*=utf-8''%E0%B8%A5%E0%B8%B1%E0%B8%9A.pdf" in response["Content-Disposition"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content).startswith(b"%PDF-")
        client.logout()


@pytest.mark.parametrize("role", [Role.KPI_REVIEWER, Role.ESA_STAFF])
def test_staff_of_another_esa_get_404_and_cannot_review(
    client, make_user, esa_a, round_6m, esa_b, reporter_b, report_b, role
):
    fill_6m(report_b, reporter_b, with_evidence=False)
    for issue in services.report_structure(report_b).issues:
        for slot in issue.slots:
            if not report_b.evidence.filter(slot_id=slot.id).exists():
                services.evidence_add_link(
                    report=report_b, slot_id=slot.id, url="https://x.invalid", title="", actor=None
                )
    report_b = services.report_submit(
        report=report_b, actor=reporter_b, expected_version=report_b.version
    )
    for issue in ("issue1", "issue2", "issue3", "issue4"):
        services.review_mark(report=report_b, issue_id=issue, clear=True, comment="", actor=None)
    _login(client, make_user(roles=[role], organization=esa_a))
    evidence = report_b.evidence.filter(kind="file").get()
    gets = [
        reverse("kpi:report", args=[report_b.pk]),
        reverse("kpi:evidence_download", args=[evidence.pk]),
        reverse("kpi:review", args=[report_b.pk]),
    ]
    assert [client.get(url).status_code for url in gets] == [404, 404, 404]
    posts = [
        reverse("kpi:review_return", args=[report_b.pk]),
        reverse("kpi:review_approve", args=[report_b.pk]),
    ]
    assert [client.post(url, {"reason": "ไม่ครบ"}).status_code for url in posts] == [404, 404]
    report_b.refresh_from_db()
    assert (report_b.status, report_b.score) == (ReportStatus.SUBMITTED, None)
    queue = client.get(reverse("kpi:review_queue"))
    assert esa_b.name_th not in queue.content.decode()


def test_obec_reviewer_sees_and_approves_any_esas_report(
    client, obec_reviewer, reviewer, round_6m, esa_a, esa_b, reporter_a, reporter_b
):
    reports = []
    for esa, reporter in ((esa_a, reporter_a), (esa_b, reporter_b)):
        report = services.report_get_or_create(round=round_6m, esa=esa, actor=reporter)
        fill_6m(report, reporter)
        reports.append(
            services.report_submit(report=report, actor=reporter, expected_version=report.version)
        )
    _login(client, reviewer)
    queue = client.get(reverse("kpi:review_queue")).content.decode()
    assert esa_a.name_th in queue and esa_b.name_th not in queue
    _login(client, obec_reviewer)
    queue = client.get(reverse("kpi:review_queue")).content.decode()
    assert esa_a.name_th in queue and esa_b.name_th in queue
    report_b = reports[1]
    assert client.get(reverse("kpi:review", args=[report_b.pk])).status_code == 200
    marks = {f"{issue}-clear": "1" for issue in ("issue1", "issue2", "issue3", "issue4")}
    client.post(reverse("kpi:review", args=[report_b.pk]), marks)
    client.post(reverse("kpi:review_approve", args=[report_b.pk]))
    report_b.refresh_from_db()
    assert (report_b.status, report_b.score) == (ReportStatus.APPROVED, 5)


def test_report_page_saves_narrative_and_validates_thai_phone(client, reporter_a, round_6m, esa_a):
    _login(client, reporter_a)
    response = client.post(reverse("kpi:report_open", args=[round_6m.pk, esa_a.pk]))
    report = KpiReport.objects.get(esa=esa_a, round=round_6m)
    assert response.url == reverse("kpi:report", args=[report.pk])
    page = client.get(response.url)
    assert page.status_code == 200
    assert "แผนการรองรับนักเรียนของโรงเรียนคุณภาพ" not in page.content.decode()  # สพม. only
    bad = client.post(
        response.url,
        {**REPORTER_BLOCK, "reporter_phone": "12345", "issue1_narrative": "ร่าง", "version": 1},
    )
    assert bad.status_code == 400
    assert "เบอร์โทรไม่ถูกต้อง" in bad.content.decode()
    assert "ร่าง" in bad.content.decode()  # what was typed is kept
    report.refresh_from_db()
    assert report.answers == {}
    ok = client.post(response.url, {**REPORTER_BLOCK, "issue1_narrative": "มีแผน", "version": 1})
    assert ok.status_code == 302
    report.refresh_from_db()
    assert (report.answers["issue1_narrative"], report.version) == ("มีแผน", 2)
    stale = client.post(response.url, {**REPORTER_BLOCK, "issue1_narrative": "เก่า", "version": 1})
    assert "ถูกแก้ไขโดยผู้อื่น" in stale.content.decode()
    report.refresh_from_db()
    assert report.answers["issue1_narrative"] == "มีแผน"


def test_htmx_link_ticks_the_checklist_item_and_updates_completeness(
    client, reporter_a, round_6m, esa_a
):
    report = services.report_get_or_create(round=round_6m, esa=esa_a, actor=reporter_a)
    _login(client, reporter_a)
    response = client.post(
        reverse("kpi:evidence_link", args=[report.pk, "ev2_1"]),
        {"url": "https://drive.example.invalid/a", "title": "หนังสือแจ้ง"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="issue-2-evidence"')
    assert "หลักฐานครบ 1/2 รายการ" in html and "หนังสือแจ้ง" in html


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("plan.pdf", b"GIF89a not really a pdf", "ไม่ใช่ชนิดที่รับ"),
        ("plan.pdf", b"%PDF-1.7\n" + b"0" * 3000, "เกินขนาดสูงสุด"),
    ],
)
def test_bad_upload_through_the_page_shows_thai_message_and_changes_nothing(
    client, reporter_a, round_6m, esa_a, settings, name, content, message
):
    settings.PRAMOEN_UPLOAD_MAX_BYTES = 2000
    report = services.report_get_or_create(round=round_6m, esa=esa_a, actor=reporter_a)
    events = AuditEvent.objects.count()
    _login(client, reporter_a)
    response = client.post(
        reverse("kpi:evidence_upload", args=[report.pk, "ev1_1"]),
        {"file": SimpleUploadedFile(name, content)},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert message in html and 'data-testid="evidence-error"' in html
    assert (KpiEvidence.objects.count(), AuditEvent.objects.count()) == (0, events)


def test_review_flow_through_pages(client, reporter_a, reviewer, round_6m, esa_a):
    report = services.report_get_or_create(round=round_6m, esa=esa_a, actor=reporter_a)
    fill_6m(report, reporter_a)
    _login(client, reporter_a)
    client.post(reverse("kpi:report_submit", args=[report.pk]), {"version": report.version})
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    # The reporter reads his own report on the report page; he cannot decide on it.
    review_url = reverse("kpi:review", args=[report.pk])
    assert client.get(review_url).url == reverse("kpi:report", args=[report.pk])
    assert client.post(reverse("kpi:review_approve", args=[report.pk])).status_code == 403
    client.logout()
    _login(client, reviewer)
    assert report.esa.name_th in client.get(reverse("kpi:review_queue")).content.decode()
    marks = {}
    for issue, clear in (("issue1", "1"), ("issue2", "1"), ("issue3", "0"), ("issue4", "1")):
        marks.update({f"{issue}-clear": clear, f"{issue}-comment": f"ความเห็น {issue}"})
    response = client.post(reverse("kpi:review", args=[report.pk]), marks, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert 'id="score-preview"' in html and "คะแนนตามเกณฑ์: 4" in html
    # The ESA does not watch the review happen: marks show once returned or approved.
    client.force_login(reporter_a)
    page = client.get(reverse("kpi:report", args=[report.pk])).content.decode()
    assert 'data-testid="review-marks"' not in page
    client.force_login(reviewer)
    response = client.post(reverse("kpi:review_approve", args=[report.pk]))
    report.refresh_from_db()
    assert (report.status, report.score) == (ReportStatus.APPROVED, 4)
    page = client.get(reverse("kpi:report", args=[report.pk])).content.decode()
    assert "คะแนน 4" in page and "ความเห็น issue3" in page
    assert "<strong>อนุมัติ</strong>" in page.split('data-testid="history"')[1]


def test_word_report_of_the_twelve_month_round_downloads(client, reporter_a, round_12m, esa_a):
    from io import BytesIO

    from docx import Document

    from tests.kpi.conftest import best_practice_answers

    report = services.report_get_or_create(round=round_12m, esa=esa_a, actor=reporter_a)
    services.report_update(
        report=report,
        actor=reporter_a,
        expected_version=report.version,
        changes=best_practice_answers(True, True, True, False),
    )
    _login(client, reporter_a)
    response = client.get(reverse("kpi:report_docx", args=[report.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="kpi10-2569-12m-1001.docx"'
    text = "\n".join(p.text for p in Document(BytesIO(response.content)).paragraphs)
    assert "3.1 ระดับสำนักงานเขตพื้นที่การศึกษา" in text
    assert "รูปแบบ SOMMUT Model" in text
    assert "ทั้งหมดจำนวน 40 โรงเรียน" in text


def test_pdf_bytes_helper_makes_a4_pages():
    assert pdf_bytes(2).startswith(b"%PDF-")


def test_compute_preview_uses_the_counts_as_typed(client, reporter_a, round_12m, esa_a):
    report = services.report_get_or_create(round=round_12m, esa=esa_a, actor=reporter_a)
    client.force_login(reporter_a)
    response = client.post(
        reverse("kpi:report_compute", args=[report.pk]),
        {
            "network_total": "๓",
            "network_participating": "2",
            "integrated_previous_year": "5",
            "integrated_current_year": "1,002",
            "sharing_previous_year": "x",
        },
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    # 2 × 100 / 3 = 66.666… → 66.67 (half-up); 1,002 − 5 = 997; "x" is not a number: no change.
    assert "66.67" in html and "เพิ่มขึ้น 997" in html
    assert html.count("–") == 1
    report.refresh_from_db()
    assert report.answers == {}


def test_reporter_index_lists_the_six_month_round_first(client, reporter_a, round_6m, round_12m):
    # Round kinds sort "12m" < "6m" as text; the rounds are listed by due date instead.
    client.force_login(reporter_a)
    page = client.get(reverse("kpi:index")).content.decode()
    rows = page[page.index('data-testid="my-reports"') :]
    assert rows.index("รอบ 6 เดือน") < rows.index("รอบ 12 เดือน")
    heading = page[: page.index('data-testid="my-reports"')]
    assert heading.index("รอบ 6 เดือน กำหนดส่ง") < heading.index("รอบ 12 เดือน กำหนดส่ง")


def test_report_page_names_the_reported_fiscal_year_not_the_forms_2566(
    client, reporter_a, round_6m, round_12m, esa_a
):
    # Seed 000 line 11 asks for the plan "ในปีงบประมาณ พ.ศ.2566"; the instrument's resolution
    # (defect fixed_fiscal_year) reads it as the fiscal year of the campaign, here 2569.
    _login(client, reporter_a)
    for round in (round_6m, round_12m):  # the 12-month round shows the 6-month evidence carried
        response = client.post(reverse("kpi:report_open", args=[round.pk, esa_a.pk]))
        page = client.get(response.url).content.decode()
        assert "แผนงาน/โครงการ/กิจกรรม ในการขับเคลื่อนโรงเรียนคุณภาพ ในปีงบประมาณ พ.ศ.2569" in page
        assert "2566" not in page
