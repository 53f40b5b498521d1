"""Reminders with escalation: before the due date to the reporters; after it to the reporters
and the region's reviewers (one digest per region); each step once; run by the worker's daily
schedule, not by hand."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail

from pramoen.accounts.enums import Role
from pramoen.core.models import Job
from pramoen.core.schedule import schedule_due
from pramoen.kpi import services
from pramoen.kpi.models import KpiReminder, KpiReportingUnit
from tests.factories import EsaFactory, RegionFactory


@pytest.fixture
def mailbox(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return mail.outbox


@pytest.fixture
def region_with_esas(campaign, esa_a, esa_b, make_user):
    region = RegionFactory(code="REG07")
    for esa in (esa_a, esa_b):
        esa.region = region
        esa.save(update_fields=["region"])
    return region, make_user(roles=[Role.KPI_REGION_REVIEWER], organization=region)


def test_overdue_escalates_to_the_region_once_in_one_digest(
    round_6m, reporter_a, reporter_b, region_with_esas, mailbox, django_capture_on_commit_callbacks
):
    _region, region_reviewer = region_with_esas
    after = round_6m.due_at + timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.reminders_send(now=after)
        again = services.reminders_send(now=after + timedelta(days=1))
    assert again == []
    kinds = sorted((r.esa.code, r.kind) for r in first if r.round == round_6m)
    assert kinds == [
        ("1001", "overdue"),
        ("1001", "region_overdue"),
        ("1002", "overdue"),
        ("1002", "region_overdue"),
    ]
    to_region = [m for m in mailbox if m.to == [region_reviewer.email]]
    assert len(to_region) == 1  # one digest naming both ESAs
    assert "สพป.ทดสอบ เขต ก" in to_region[0].body and "สพม.ทดสอบ เขต ข" in to_region[0].body
    assert sorted(m.to[0] for m in mailbox if m not in to_region) == sorted(
        [reporter_a.email, reporter_b.email]
    )


def test_before_due_goes_to_the_reporters_only(
    round_6m, reporter_a, region_with_esas, mailbox, django_capture_on_commit_callbacks
):
    _region, region_reviewer = region_with_esas
    with django_capture_on_commit_callbacks(execute=True):
        services.reminders_send(now=round_6m.due_at - timedelta(days=2))
    assert region_reviewer.email not in {address for m in mailbox for address in m.to}
    assert reporter_a.email in {address for m in mailbox for address in m.to}


def test_recipients_are_read_in_a_constant_number_of_queries(round_6m, campaign):
    def grow(n: int) -> None:
        for _ in range(n):
            KpiReportingUnit.objects.create(campaign=campaign, esa=EsaFactory())

    from django.db import connection
    from django.test.utils import CaptureQueriesContext as Capture

    counts = []
    for index, size in enumerate((2, 8)):
        grow(size)
        KpiReminder.objects.all().delete()
        with Capture(connection) as queries:
            services.reminders_send(now=round_6m.due_at + timedelta(days=1 + index))
        # Each ESA's step costs its own writes (reminder row, mail job, audit row); who is told
        # is read once per round, whatever the number of ESAs.
        counts.append(sum(1 for q in queries.captured_queries if "accounts_membership" in q["sql"]))
    assert counts[0] == counts[1] and counts[0] >= 1, counts


def test_the_worker_schedule_creates_the_reminder_job_once_a_day(db, settings):
    from datetime import datetime

    from pramoen.kpi.services import BANGKOK

    morning = datetime(2026, 5, 2, 8, 5, tzinfo=BANGKOK)
    created = schedule_due(now=morning)
    assert "kpi_reminders:2026-05-02" in [job.key for job in created]
    assert schedule_due(now=morning + timedelta(hours=2)) == []
    assert (
        Job.objects.filter(
            key="kpi_reminders:2026-05-02", kind="pramoen.kpi.jobs.REMINDERS"
        ).count()
        == 1
    )


def test_an_esas_own_reminder_text_goes_to_its_reporters_only(
    round_6m, reporter_a, reporter_b, esa_a, mailbox, django_capture_on_commit_callbacks
):
    from pramoen.core.mail_kinds import KPI_OVERDUE
    from pramoen.people.services.mail_templates import mail_template_save

    mail_template_save(
        actor=reporter_a,
        esa=esa_a,
        kind=KPI_OVERDUE,
        subject="ด่วน: {{ report }}",
        body="{{ esa_name }} ยังไม่ส่ง {{ report }} (กำหนด {{ due }})\n",
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.reminders_send(now=round_6m.due_at + timedelta(days=1))
    by_recipient = {m.to[0]: m for m in mailbox}
    own, default = by_recipient[reporter_a.email], by_recipient[reporter_b.email]
    assert own.subject.startswith("ด่วน: รายงานตัวชี้วัด")
    assert own.body.startswith("สพป.ทดสอบ เขต ก ยังไม่ส่ง รายงานตัวชี้วัด")
    assert default.subject.startswith("เลยกำหนดส่ง: รายงานตัวชี้วัด")
    assert default.body.startswith("เรียน ผู้รายงานตัวชี้วัด สพม.ทดสอบ เขต ข")
