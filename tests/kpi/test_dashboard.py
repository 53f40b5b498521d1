"""Dashboard and review queue: constant query counts, Excel export, the SVG chart, who may view."""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from pramoen.accounts.enums import Role
from pramoen.kpi import services
from pramoen.kpi.models import KpiReport, KpiReportingUnit
from pramoen.orgs.enums import EsaLevel
from tests.factories import EsaFactory
from tests.kpi.conftest import fill_6m
from tests.queries import count_queries


def _submitted_reports(round_6m, count: int, actor) -> list[KpiReport]:
    reports = []
    for _ in range(count):
        esa = EsaFactory(esa_level=EsaLevel.PRIMARY)
        KpiReportingUnit.objects.create(campaign=round_6m.campaign, esa=esa)
        report = services.report_get_or_create(round=round_6m, esa=esa, actor=None)
        fill_6m(report, actor)
        reports.append(
            services.report_submit(report=report, actor=actor, expected_version=report.version)
        )
    return reports


@pytest.mark.parametrize("url_name", ["kpi:dashboard", "kpi:review_queue"])
def test_list_views_run_a_constant_number_of_queries(
    client, round_6m, obec_reviewer, reporter_a, url_name
):
    client.force_login(obec_reviewer)
    url = reverse(url_name)
    counts = []
    for batch in (1, 4):
        _submitted_reports(round_6m, batch, reporter_a)
        counts.append(count_queries(client, url))
    assert counts[0] == counts[1], counts


def test_dashboard_marks_late_and_on_time_and_links_to_the_report(
    client, round_6m, esa_a, esa_b, reporter_a, obec_reviewer
):
    report = services.report_get_or_create(round=round_6m, esa=esa_a, actor=reporter_a)
    fill_6m(report, reporter_a)
    services.report_submit(report=report, actor=reporter_a, expected_version=report.version)
    KpiReport.objects.filter(pk=report.pk).update(
        first_submitted_at=round_6m.due_at - timedelta(days=1)
    )
    client.force_login(obec_reviewer)
    html = client.get(reverse("kpi:dashboard") + "?year=2569&round=6m").content.decode()
    row_a = html.split('data-testid="esa-row-1001"')[1].split("</tr>")[0]
    row_b = html.split('data-testid="esa-row-1002"')[1].split("</tr>")[0]
    assert "ตรงเวลา" in row_a and reverse("kpi:report", args=[report.pk]) in row_a
    assert "ล่าช้า" in row_b  # never submitted and the due date of FY 2569 has passed
    assert 'data-testid="score-chart"' in html and "<svg" in html


def test_dashboard_filters_by_esa_level(client, round_6m, obec_reviewer):
    client.force_login(obec_reviewer)
    html = client.get(reverse("kpi:dashboard") + "?round=6m&level=secondary").content.decode()
    assert 'data-testid="esa-row-1002"' in html and 'data-testid="esa-row-1001"' not in html


@pytest.mark.parametrize("role", [Role.KPI_REVIEWER, Role.ESA_STAFF])
def test_dashboard_of_an_esas_staff_shows_only_that_esa(client, round_6m, make_user, esa_a, role):
    client.force_login(make_user(roles=[role], organization=esa_a))
    html = client.get(reverse("kpi:dashboard") + "?year=2569&round=6m").content.decode()
    assert 'data-testid="esa-row-1001"' in html and 'data-testid="esa-row-1002"' not in html
    response = client.get(reverse("kpi:dashboard_xlsx") + "?year=2569&round=6m")
    sheet = load_workbook(BytesIO(response.content)).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["1001"]


def test_returned_report_is_not_counted_as_submitted_until_resubmitted(round_6m, esa_a, reporter_a):
    from pramoen.kpi.selectors import dashboard
    from pramoen.kpi.services import report_return, report_submit

    report = services.report_get_or_create(round=round_6m, esa=esa_a, actor=reporter_a)
    fill_6m(report, reporter_a)
    report = report_submit(report=report, actor=reporter_a, expected_version=report.version)
    on_time = round_6m.due_at - timedelta(days=1)
    KpiReport.objects.filter(pk=report.pk).update(first_submitted_at=on_time)
    report = report_return(report=report, actor=None, reason="แผนไม่ครบ")
    board = dashboard(round=round_6m)
    row = next(row for row in board.rows if row.esa_code == "1001")
    assert (board.submitted, row.submitted_at, row.late) == (0, None, False)
    assert row.timing_label == "รอแก้ไขและส่งใหม่"
    report = report_submit(report=report, actor=reporter_a, expected_version=report.version)
    board = dashboard(round=round_6m)
    row = next(row for row in board.rows if row.esa_code == "1001")
    # Resubmitted after the due date, but the first submission was on time (package design).
    assert (board.submitted, row.submitted_at, row.late) == (1, report.submitted_at, False)
    assert row.timing_label == "ตรงเวลา"


def test_dashboard_is_closed_to_reporters(client, reporter_a, campaign):
    client.force_login(reporter_a)
    assert client.get(reverse("kpi:dashboard")).status_code == 403
    assert client.get(reverse("kpi:dashboard_xlsx")).status_code == 403


def test_excel_export_opens_and_neutralises_formulas(client, round_6m, make_user, esa_a):
    esa_a.name_th = '=HYPERLINK("http://evil.invalid","x")'
    esa_a.save()
    viewer = make_user(roles=[Role.ESA_STAFF], organization=esa_a)
    client.force_login(viewer)
    response = client.get(reverse("kpi:dashboard_xlsx") + "?year=2569&round=6m")
    assert response["Content-Disposition"] == 'attachment; filename="kpi-2569-6m.xlsx"'
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    names = sorted(row[1] for row in rows)
    # Text as typed (no apostrophe), in a string cell with the quote prefix: never a formula.
    assert names[0].startswith("=HYPERLINK(")
    evil = next(c for c in sheet["B"] if str(c.value).startswith("="))
    assert evil.data_type == "s" and evil.quotePrefix
    assert sheet.cell(row=1, column=2).value == "สำนักงานเขตพื้นที่การศึกษา"
    assert sheet.freeze_panes == "A2" and sheet.column_dimensions["B"].width == 48
    assert {row[4] for row in rows} == {"ล่าช้า"}


def test_twelve_month_export_carries_the_network_percentage_of_submitted_reports_only(
    client, round_12m, esa_a, esa_b, reporter_a, reporter_b, obec_reviewer
):
    from tests.kpi.conftest import best_practice_answers

    for esa, reporter in ((esa_a, reporter_a), (esa_b, reporter_b)):
        report = services.report_get_or_create(round=round_12m, esa=esa, actor=reporter)
        services.report_update(
            report=report,
            actor=reporter,
            expected_version=report.version,
            changes=best_practice_answers(True, True, True, True),
        )
    # esa_a submits; esa_b's figures stay a draft and must not be shown as reported (issue 20).
    report = KpiReport.objects.get(round=round_12m, esa=esa_a)
    services.evidence_add_link(
        report=report,
        slot_id="ev_report",
        url="https://drive.example.invalid/report.docx",
        title="รายงาน",
        actor=reporter_a,
    )
    services.report_submit(report=report, actor=reporter_a, expected_version=report.version)
    client.force_login(obec_reviewer)
    response = client.get(reverse("kpi:dashboard_xlsx") + "?year=2569&round=12m")
    sheet = load_workbook(BytesIO(response.content)).active
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert sheet.cell(row=1, column=7).value == "ร้อยละโรงเรียนเครือข่ายที่เข้าร่วม (1.3.2.1)"
    assert (rows["1001"][6], rows["1002"][6]) == (75.0, None)  # 30 of 40; esa_b a draft
