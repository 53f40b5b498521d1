"""``pramoen worker`` as a real process on each backend: it runs jobs, beats, reports to /healthz,
stops cleanly; and the lease rules without a worker (recovery, giving up, periodic jobs)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from pramoen.core import jobs, schedule
from pramoen.core.enums import JobStatus
from pramoen.core.models import Job, WorkerHeartbeat
from tests.workers import wait_for


@pytest.mark.slow
def test_real_worker_runs_jobs_beats_and_stops_cleanly(workers, client):
    from django.db import transaction

    worker = workers.start()
    workers.wait_alive(worker)
    with transaction.atomic():
        created = [jobs.job_create(kind=jobs.PING) for _ in range(5)]
    wait_for(
        lambda: (
            Job.objects.filter(pk__in=[j.pk for j in created], status=JobStatus.DONE).count() == 5
        ),
        timeout=20,
    )
    done = Job.objects.filter(pk__in=[j.pk for j in created])
    assert {(j.attempts, j.error, j.lease_until) for j in done} == {(1, "", None)}
    health = client.get("/healthz").json()
    assert health["queue"] == {"backend": workers.backend, "oldest_waiting_s": 0}
    assert health["worker"]["alive"] == 1 and health["worker"]["last_beat_s"] < 2
    assert workers.stop(worker) == 0
    beat = WorkerHeartbeat.objects.get(pid=worker.pid)
    assert beat.stopped_at is not None
    assert client.get("/healthz").json()["worker"]["alive"] == 0


def test_healthz_reports_the_oldest_waiting_job(db, client, settings):
    settings.PRAMOEN_TASKS = "db"
    job = jobs.job_create(kind=jobs.PING)  # the test's transaction never commits: not enqueued
    Job.objects.filter(pk=job.pk).update(enqueued_at=timezone.now() - timedelta(minutes=3))
    health = client.get("/healthz").json()
    assert health["status"] == "ok"
    assert 180 <= health["queue"]["oldest_waiting_s"] < 190
    assert health["worker"] == {"alive": 0, "last_beat_s": None}


def _running(job: Job, *, attempts: int, lease_ago_s: float) -> None:
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING,
        attempts=attempts,
        worker="gone:1",
        lease_until=timezone.now() - timedelta(seconds=lease_ago_s),
    )


def test_expired_lease_is_queued_again_then_given_up_in_thai(db):
    job = jobs.job_create(kind=jobs.PING)
    _running(job, attempts=1, lease_ago_s=-30)  # lease still valid: left alone
    assert jobs.jobs_recover() == (0, 0)
    _running(job, attempts=1, lease_ago_s=1)
    assert jobs.jobs_recover() == (1, 0)
    job.refresh_from_db()
    # Queued again and (immediate backend) run again at once: the second attempt finished.
    assert (job.status, job.attempts, job.lease_until) == (JobStatus.DONE, 2, None)
    last = jobs.job_create(kind=jobs.PING)
    _running(last, attempts=3, lease_ago_s=1)
    assert jobs.jobs_recover() == (0, 1)
    last.refresh_from_db()
    assert last.status == JobStatus.FAILED and last.finished_at is not None
    assert last.error == jobs.GAVE_UP.format(attempts=3)
    assert "หยุดกลางคัน" in last.error


def test_a_task_delivered_twice_runs_once(db):
    job = jobs.job_create(kind=jobs.PING)
    assert jobs.job_execute(job.pk) == "done"
    assert jobs.job_execute(job.pk) == "skipped"
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.DONE, 1)


def test_renew_extends_only_the_workers_own_leases(db):
    mine, theirs = jobs.job_create(kind=jobs.PING), jobs.job_create(kind=jobs.PING)
    for job, worker in ((mine, "me:1"), (theirs, "other:2")):
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.RUNNING, worker=worker, lease_until=timezone.now()
        )
    assert jobs.jobs_renew(worker="me:1") == 1
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.lease_until > timezone.now() + timedelta(seconds=30) > theirs.lease_until
    assert jobs.jobs_release(worker="me:1") == 1
    assert jobs.jobs_recover() == (2, 0)  # both leases have ended now


def test_periodic_jobs_are_created_once_a_day_from_their_hour(db, settings):
    settings.PRAMOEN_SCHEDULE = {"ping": ("08:00", "pramoen.core.jobs.PING")}
    bangkok = timezone.get_current_timezone()
    early = timezone.datetime(2026, 12, 3, 7, 59, tzinfo=bangkok)
    assert schedule.schedule_due(now=early) == []
    at = early + timedelta(minutes=1)
    (job,) = schedule.schedule_due(now=at)
    assert job.key == "ping:2026-12-03" and job.params == {"date": "2026-12-03"}
    assert schedule.schedule_due(now=at + timedelta(hours=5)) == []
    (tomorrow,) = schedule.schedule_due(now=at + timedelta(days=1))
    assert tomorrow.key == "ping:2026-12-04"


def test_prune_removes_old_finished_jobs_and_stopped_heartbeats_only(db):
    now = timezone.now()
    old, recent, running = (jobs.job_create(kind=jobs.PING) for _ in range(3))
    Job.objects.filter(pk=old.pk).update(
        status=JobStatus.DONE, finished_at=now - timedelta(days=31)
    )
    Job.objects.filter(pk=recent.pk).update(status=JobStatus.FAILED, finished_at=now)
    Job.objects.filter(pk=running.pk).update(status=JobStatus.RUNNING)
    for name, beat in (("gone", now - timedelta(days=2)), ("here", now)):
        WorkerHeartbeat.objects.create(
            name=name, host="h", pid=1, backend="db", queue="q", started_at=beat, beat_at=beat
        )
    assert jobs.jobs_prune(now=now) == 1
    assert set(Job.objects.values_list("pk", flat=True)) == {recent.pk, running.pk}
    assert list(WorkerHeartbeat.objects.values_list("name", flat=True)) == ["here"]


def test_generated_files_expire_after_a_day_with_a_thai_note(db):
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from pramoen.core import generated

    name = default_storage.save("generated/test/x.pdf", ContentFile(b"%PDF-1.7"))
    job = jobs.job_create(kind=generated.DOCUMENT, params={"filename": "x.pdf"})
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.DONE,
        result={"file": name},
        finished_at=timezone.now() - timedelta(days=2),
    )
    assert generated.files_expire() == 1
    job.refresh_from_db()
    assert not default_storage.exists(name)
    assert (job.status, job.result, job.error) == (
        JobStatus.FAILED,
        None,
        "ไฟล์นี้หมดอายุแล้ว กรุณาสั่งสร้างใหม่",
    )
