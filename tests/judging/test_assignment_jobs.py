"""The chair's automatic assignment runs as a job: the click queues it (one per group at a
time), a worker writes the assignments and the Thai outcome, the committee page polls it."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from pramoen.core.enums import JobStatus
from pramoen.core.jobs import job_execute
from pramoen.core.models import AuditEvent, Job
from pramoen.judging import services
from pramoen.judging.models import Assignment
from pramoen.judging.services import assignment_jobs


def _click(client, committee):
    return client.post(reverse("judging:committee_action", args=[committee.pk, "auto_assign"]))


def test_click_queues_a_job_and_returns_without_assigning(client, committee, chair, make_entry):
    make_entry()
    client.force_login(chair)
    response = _click(client, committee)
    assert response.status_code == 302
    job = Job.objects.get()
    assert (job.kind, job.status, job.params["committee"]) == (
        assignment_jobs.AUTO_ASSIGN.path,
        JobStatus.QUEUED,
        committee.pk,
    )
    assert job.created_by == chair
    assert not Assignment.objects.exists()
    assert not AuditEvent.objects.filter(action="judging.assignments_auto").exists()
    page = client.get(reverse("judging:committee", args=[committee.pk])).content.decode()
    assert "กำลังจัดกรรมการ…" in page and "(รอคิว)" in page
    assert "disabled>มอบหมายกรรมการอัตโนมัติ" in page
    assert 'hx-trigger="every 1s"' in page


def test_running_the_job_writes_assignments_and_a_thai_outcome(
    client, committee, chair, judges, make_entry
):
    entries = [make_entry() for _ in range(2)]
    # Three judges per entry (the campaign default) from three members, one conflicted.
    services.conflict_declare(entry=entries[0], judge=judges[0], reason="ญาติ")
    client.force_login(chair)
    _click(client, committee)
    job = Job.objects.get()
    assert job_execute(job.pk) == "done"
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert Assignment.objects.filter(entry=entries[0]).count() == 2
    assert Assignment.objects.filter(entry=entries[1]).count() == 3
    assert not Assignment.objects.filter(entry=entries[0], judge=judges[0]).exists()
    assert job.result["created"] == 5
    assert job.result["message"] == "มอบหมายกรรมการแล้ว (เพิ่ม ๕ รายการ)"
    assert job.result["warnings"] == [f"{entries[0]}: มีกรรมการที่ไม่มีส่วนได้เสียไม่พอ (ได้ ๒ จาก ๓ คน)"]
    assert (job.done, job.total) == (2, 2)
    event = AuditEvent.objects.get(action="judging.assignments_auto")
    assert event.actor_id == chair.pk
    # The poll shows the outcome, stops polling and reloads the page once.
    poll = client.get(
        reverse("judging:committee_auto_assign", args=[committee.pk]), HTTP_HX_REQUEST="true"
    )
    body = poll.content.decode()
    assert poll["HX-Refresh"] == "true"
    assert "มอบหมายกรรมการแล้ว (เพิ่ม ๕ รายการ)" in body and "(ได้ ๒ จาก ๓ คน)" in body
    assert "every 1s" not in body


def test_the_job_runs_when_the_click_commits(
    client, committee, chair, make_entry, django_capture_on_commit_callbacks
):
    entry = make_entry()
    client.force_login(chair)
    with django_capture_on_commit_callbacks(execute=True):
        _click(client, committee)
    assert Job.objects.get().status == JobStatus.DONE
    assert Assignment.objects.filter(entry=entry, automatic=True).count() == 3


def test_a_second_click_while_one_runs_is_refused_in_thai(client, committee, chair, make_entry):
    make_entry()
    client.force_login(chair)
    _click(client, committee)
    response = _click(client, committee)
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert assignment_jobs.ALREADY_RUNNING in shown
    assert Job.objects.count() == 1
    # Once it has finished, the chair may run it again (new entries since).
    job_execute(Job.objects.get().pk)
    _click(client, committee)
    assert Job.objects.count() == 2


def test_another_groups_job_does_not_block(committee, chair, make_entry):
    job = assignment_jobs.assignments_auto_queue(committee=committee, actor=chair)
    Job.objects.filter(pk=job.pk).update(params={"committee": committee.pk + 1000})
    assert assignment_jobs.assignments_auto_queue(committee=committee, actor=chair).pk != job.pk


def test_a_job_whose_committee_is_gone_fails_in_thai(committee, chair):
    job = assignment_jobs.assignments_auto_queue(committee=committee, actor=chair)
    Job.objects.filter(pk=job.pk).update(params={"committee": committee.pk + 1000})
    assert job_execute(job.pk) == "failed"
    job.refresh_from_db()
    assert (job.status, job.error) == (JobStatus.FAILED, assignment_jobs.GONE)


def test_a_job_left_queued_past_the_stale_time_no_longer_blocks(client, committee, chair):
    client.force_login(chair)
    old = assignment_jobs.assignments_auto_queue(committee=committee, actor=chair)
    Job.objects.filter(pk=old.pk).update(
        enqueued_at=timezone.now() - assignment_jobs.STALE_AFTER * 2
    )
    page = client.get(reverse("judging:committee", args=[committee.pk])).content.decode()
    assert "ยังไม่มีเครื่องทำงานเบื้องหลังรับงานนี้" in page
    assert "disabled>มอบหมายกรรมการอัตโนมัติ" not in page
    assert assignment_jobs.assignments_auto_queue(committee=committee, actor=chair).pk != old.pk


def test_a_running_job_blocks_however_old(committee, chair):
    old = assignment_jobs.assignments_auto_queue(committee=committee, actor=chair)
    Job.objects.filter(pk=old.pk).update(
        status=JobStatus.RUNNING, enqueued_at=timezone.now() - assignment_jobs.STALE_AFTER * 2
    )
    with pytest.raises(ValidationError, match="กำลังจัดกรรมการ"):
        assignment_jobs.assignments_auto_queue(committee=committee, actor=chair)


def test_a_failed_job_is_shown_in_thai_on_the_committee_page(client, committee, chair):
    job = assignment_jobs.assignments_auto_queue(committee=committee, actor=chair)
    Job.objects.filter(pk=job.pk).update(params={"committee": committee.pk + 1000})
    job_execute(job.pk)
    Job.objects.filter(pk=job.pk).update(params={"committee": committee.pk})
    client.force_login(chair)
    page = client.get(reverse("judging:committee", args=[committee.pk])).content.decode()
    assert "จัดกรรมการอัตโนมัติไม่สำเร็จ" in page and assignment_jobs.GONE in page
    assert "every 1s" not in page
