"""Demo data, the `pramoen kpi report` and `pramoen kpi remind` commands."""

from __future__ import annotations

from io import BytesIO, StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from docx import Document

from pramoen.kpi import selectors, services
from pramoen.kpi.models import KpiReminder, KpiReport
from pramoen.kpi.services import BANGKOK
from tests.kpi.conftest import best_practice_answers


@pytest.mark.slow
def test_demo_loads_twice_with_late_and_on_time_esas(db):
    from pramoen.core import demo

    demo.load(lambda line: None)
    demo.load(lambda line: None)
    round_6m = selectors.round_by_kind(fiscal_year=2569, kind="6m")
    board = selectors.dashboard(round=round_6m)
    late = {row.esa_code: row.late for row in board.rows}
    assert late == {"9999": True, "9001": False, "9002": True, "9003": False, "9004": True}
    assert dict(board.distribution) == {5: 1, 4: 1, 3: 0, 2: 0, 1: 0}
    # 3.1.1, 3.1.2 and 3.2.1 but not 3.2.2 (seed 000 line 99-101): score 4.
    assert KpiReport.objects.filter(round__kind="12m", status="approved").get().score == 4
    # The demo ESA's reviewer sees his ESA only; the OBEC-level demo reviewer sees all five.
    from pramoen.accounts.models import User

    seen = {
        name: [row.esa_code for row in selectors.dashboard(round=round_6m, user=user).rows]
        for name, user in (
            (u.username, u) for u in User.objects.filter(username__in=["reviewer", "obec"])
        )
    }
    assert (seen["reviewer"], len(seen["obec"])) == (["9999"], 5)
    # The regional demo reviewer (ภาค 1) oversees the five demo ESAs and can open their reports.
    region = User.objects.get(username="region")
    assert len(selectors.dashboard(round=round_6m, user=region).rows) == 5
    approved = KpiReport.objects.filter(round__kind="12m", status="approved").get()
    assert region.has_perm("pramoen.unapprove_kpi_report", approved)


def test_report_command_writes_the_docx(round_12m, esa_a, reporter_a, tmp_path):
    report = services.report_get_or_create(round=round_12m, esa=esa_a, actor=reporter_a)
    services.report_update(
        report=report,
        actor=reporter_a,
        expected_version=report.version,
        changes=best_practice_answers(True, False, False, False),
    )
    out = tmp_path / "kpi.docx"
    stdout = StringIO()
    call_command(
        "kpi",
        "report",
        "--esa",
        "1001",
        "--year",
        "๒๕๖๙",
        "--round",
        "12m",
        "--out",
        str(out),
        stdout=stdout,
    )
    text = "\n".join(p.text for p in Document(BytesIO(out.read_bytes())).paragraphs)
    assert "รอบ 12 เดือน ปีงบประมาณ พ.ศ. 2569" in text
    assert "เขียน" in stdout.getvalue()
    thai = tmp_path / "kpi-thai.docx"
    call_command(
        "kpi",
        "report",
        "--esa",
        "1001",
        "--year",
        "2569",
        "--out",
        str(thai),
        "--thai-digits",
        stdout=StringIO(),
    )
    thai_text = "\n".join(p.text for p in Document(BytesIO(thai.read_bytes())).paragraphs)
    assert "รอบ ๑๒ เดือน ปีงบประมาณ พ.ศ. ๒๕๖๙" in thai_text


def test_report_command_explains_a_missing_report_in_thai(campaign, tmp_path):
    with pytest.raises(CommandError) as exc:
        call_command(
            "kpi", "report", "--esa", "1002", "--year", "2569", "--out", str(tmp_path / "x.docx")
        )
    assert "ไม่พบรายงานตัวชี้วัดที่ 10 รอบ 12 เดือน" in str(exc.value)
    with pytest.raises(CommandError):
        call_command(
            "kpi", "report", "--esa", "0000", "--year", "2569", "--out", str(tmp_path / "x.docx")
        )


def test_remind_command_is_idempotent(
    campaign, reporter_a, reporter_b, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Both due dates of fiscal year 2569 are in the past relative to the test run: overdue.
    first, again = StringIO(), StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("kpi", "remind", stdout=first)
        call_command("kpi", "remind", stdout=again)
    # 2 ESAs × 2 rounds, overdue: to the reporters and (escalation) to the region, which these
    # ESAs have none of — recorded, nobody mailed.
    assert KpiReminder.objects.count() == 8
    assert "ส่งการแจ้งเตือน 8 รายการ" in first.getvalue()
    assert "ส่งการแจ้งเตือน 0 รายการ" in again.getvalue()
    assert len(mail.outbox) == 4


def test_campaign_command_opens_a_year_with_bangkok_due_dates(esa_a, esa_b):
    from pramoen.kpi.models import KpiCampaign

    out = StringIO()
    call_command(
        "kpi",
        "campaign",
        "--year",
        "2570",
        "--due-6m",
        "31/03/2570",
        "--due-12m",
        "๑๕ ก.ย. ๒๕๗๐",
        "--esa",
        "1001",
        stdout=out,
    )
    campaign = KpiCampaign.objects.get(fiscal_year=2570)
    due = campaign.rounds.get(kind="6m").due_at.astimezone(BANGKOK)
    assert (due.isoformat(), list(campaign.units.values_list("esa__code", flat=True))) == (
        "2027-03-31T23:59:59+07:00",
        ["1001"],
    )
    with pytest.raises(CommandError) as exc:
        call_command(
            "kpi", "campaign", "--year", "2571", "--due-6m", "31/02/2571", "--due-12m", "1/9/2571"
        )
    assert str(exc.value) == "ไม่มีวันที่ 31 ในเดือนกุมภาพันธ์ 2571 (เดือนนี้มี 29 วัน)"


def test_campaign_command_refuses_a_due_date_outside_the_fiscal_year(esa_a):
    from pramoen.kpi.models import KpiCampaign

    with pytest.raises(CommandError) as exc:
        call_command(
            "kpi", "campaign", "--year", "2570", "--due-6m", "31/03/2570", "--due-12m", "1/10/2570"
        )
    assert str(exc.value) == (
        "กำหนดส่งรอบ 12 เดือนต้องอยู่ในปีงบประมาณ 2570 (1 ต.ค. 2569 – 30 ก.ย. 2570) แต่ได้ 1 ต.ค. 2570"
    )
    assert not KpiCampaign.objects.exists()
