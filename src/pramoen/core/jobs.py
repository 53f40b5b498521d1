"""Long work on the task queue: one ``Job`` row per piece of work, run by a worker.

The web creates a job (:func:`job_create`) and, once its transaction commits, enqueues the task
``pramoen.core.tasks.job_execute`` on the configured backend (``TASKS``: the database, RQ or — in
unit tests — immediate). Whichever worker picks it up claims the row with a conditional UPDATE
(only a queued job starts, so a task delivered twice runs once), takes a lease and runs the
job's kind. The page polls the row (or the domain row the kind updates).

Restart-safety. Each ``pramoen worker`` renews the leases of the jobs its backend worker is
running, every tick; every worker also looks for running jobs whose lease ran out — their worker
was killed (SIGKILL, a machine lost) — and queues them again, up to ``max_attempts``, after which
they fail with a Thai message (the kind's ``failed`` hook tells its domain row). Kinds must
therefore be idempotent: a certificate build reuses the numbers it issued, an import commits in one
transaction (a killed one rolled back).
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Max, Min
from django.utils import timezone
from django.utils.module_loading import import_string

from pramoen.core.enums import JobStatus
from pramoen.core.models import Job, WorkerHeartbeat
from pramoen.core.types import User

logger = logging.getLogger(__name__)

CRASHED = "ระบบขัดข้องระหว่างทำงานนี้ กรุณาลองใหม่อีกครั้ง"
GAVE_UP = (
    "เครื่องทำงานเบื้องหลังหยุดกลางคันระหว่างทำงานนี้ {attempts} ครั้ง ระบบจึงหยุดลองใหม่ "
    "กรุณาสั่งใหม่อีกครั้ง หรือแจ้งผู้ดูแลระบบ"
)
# Recovery looks at this many expired jobs per tick: a burst is worked through over a few ticks.
RECOVER_BATCH = 100


class JobFailed(Exception):
    """Raised by a kind's ``run`` with the Thai message people see: failed, not retried."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class JobKind:
    """What a job does: ``run(job)`` does the work (idempotently); ``failed(job, message)``, when
    given, tells the domain row that the job failed for good. ``path`` is this object's import
    path, stored on the row so any worker can find it."""

    path: str
    run: Callable[[Job], None]
    failed: Callable[[Job, str], None] | None = None
    max_attempts: int = 3


def kind_of(job: Job) -> JobKind:
    kind = import_string(job.kind)
    if not isinstance(kind, JobKind):
        raise TypeError(f"{job.kind} is not a JobKind")
    return kind


def worker_name() -> str:
    """This process's worker name: given by ``pramoen worker`` to its backend worker, else the
    host and pid (the immediate backend runs jobs in the web process)."""
    return os.environ.get("PRAMOEN_WORKER_ID") or f"{socket.gethostname()}:{os.getpid()}"[:100]


def lease() -> timedelta:
    return timedelta(seconds=settings.PRAMOEN_JOB_LEASE_S)


def _enqueue(job_pk: int) -> None:
    from pramoen.core.tasks import job_execute

    try:
        job_execute.using(queue_name=settings.PRAMOEN_TASKS_QUEUE).enqueue(job_pk)
    except Exception:
        # The row stays queued and says so on its page; the request that made it is done and
        # must not fail now (its transaction has committed).
        logger.exception("job %s could not be enqueued", job_pk)


def job_create(
    *,
    kind: JobKind,
    params: dict[str, Any] | None = None,
    actor: User | None = None,
    key: str | None = None,
) -> Job:
    """Create a queued job; it is enqueued when the surrounding transaction commits (so the
    worker, on its own connection, can read the row)."""
    job = Job.objects.create(
        kind=kind.path,
        params=params or {},
        key=key,
        max_attempts=kind.max_attempts,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    transaction.on_commit(partial(_enqueue, job.pk))
    return job


def job_progress(job: Job, done: int, total: int) -> None:
    """Record progress (one UPDATE, autocommit) and renew the lease; callers throttle."""
    now = timezone.now()
    Job.objects.filter(pk=job.pk).update(
        done=done, total=total, updated_at=now, lease_until=now + lease()
    )
    job.done, job.total = done, total


def _finish(job_pk: int, *, status: str, error: str = "") -> int:
    now = timezone.now()
    return Job.objects.filter(pk=job_pk, status=JobStatus.RUNNING).update(
        status=status, error=error, finished_at=now, updated_at=now, lease_until=None
    )


def _fail(job: Job, kind: JobKind, message: str) -> None:
    if _finish(job.pk, status=JobStatus.FAILED, error=message) and kind.failed is not None:
        try:
            kind.failed(job, message)
        except Exception:
            logger.exception("job %s: the failure hook failed", job.pk)


def _requeue(job_pk: int, *, expired_before: datetime | None = None) -> bool:
    rows = Job.objects.filter(pk=job_pk, status=JobStatus.RUNNING)
    if expired_before is not None:
        rows = rows.filter(lease_until__lte=expired_before)
    now = timezone.now()
    if not rows.update(status=JobStatus.QUEUED, worker="", lease_until=None, enqueued_at=now):
        return False
    _enqueue(job_pk)
    return True


def job_execute(job_pk: int) -> str:
    """The task body: claim the job, run its kind, record the outcome. Returns the outcome."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_pk, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING,
        attempts=F("attempts") + 1,
        worker=worker_name(),
        lease_until=now + lease(),
        started_at=now,
        updated_at=now,
        error="",
    )
    if not claimed:
        return "skipped"  # done already, or another worker has it (a task delivered twice)
    job = Job.objects.get(pk=job_pk)
    kind = kind_of(job)
    try:
        kind.run(job)
    except JobFailed as exc:
        _fail(job, kind, exc.message)
        return "failed"
    except Exception:
        logger.exception("job %s (%s) failed on attempt %s", job_pk, job.kind, job.attempts)
        if job.attempts < job.max_attempts and _requeue(job_pk):
            return "retried"
        _fail(job, kind, CRASHED)
        return "failed"
    _finish(job_pk, status=JobStatus.DONE)
    return "done"


def jobs_renew(*, worker: str) -> int:
    """Renew the leases of the jobs ``worker`` is running (called every tick while it lives)."""
    now = timezone.now()
    return Job.objects.filter(status=JobStatus.RUNNING, worker=worker).update(
        lease_until=now + lease()
    )


def jobs_release(*, worker: str) -> int:
    """``worker`` died: end its leases now, so :func:`jobs_recover` takes its jobs at once."""
    return Job.objects.filter(status=JobStatus.RUNNING, worker=worker).update(
        lease_until=timezone.now()
    )


def jobs_recover(*, now: datetime | None = None) -> tuple[int, int]:
    """Queue again (or fail, after ``max_attempts``) the running jobs whose lease ran out.

    Safe with many workers doing it at once: each change is a conditional UPDATE on the row.
    Returns (queued again, failed).
    """
    now = now or timezone.now()
    expired = list(
        Job.objects.filter(status=JobStatus.RUNNING, lease_until__lte=now).order_by("lease_until")[
            :RECOVER_BATCH
        ]
    )
    requeued = failed = 0
    for job in expired:
        if job.attempts < job.max_attempts:
            if _requeue(job.pk, expired_before=now):
                logger.warning("job %s lost its worker; queued again", job.pk)
                requeued += 1
            continue
        message = GAVE_UP.format(attempts=job.attempts)
        updated = Job.objects.filter(
            pk=job.pk, status=JobStatus.RUNNING, lease_until__lte=now
        ).update(
            status=JobStatus.FAILED,
            error=message,
            finished_at=now,
            updated_at=now,
            lease_until=None,
        )
        if updated:
            failed += 1
            try:
                kind = kind_of(job)
                if kind.failed is not None:
                    kind.failed(job, message)
            except Exception:  # one bad row must not stop the recovery of the others
                logger.exception("job %s: the failure hook failed", job.pk)
    return requeued, failed


def queue_health(*, now: datetime | None = None) -> dict[str, Any]:
    """For /healthz: the backend, the oldest waiting job's age and the workers' heartbeats."""
    now = now or timezone.now()
    waiting = Job.objects.filter(status=JobStatus.QUEUED).aggregate(oldest=Min("enqueued_at"))
    oldest = waiting["oldest"]
    queue: dict[str, Any] = {
        "backend": settings.PRAMOEN_TASKS,
        "oldest_waiting_s": round((now - oldest).total_seconds(), 1) if oldest else 0,
    }
    if settings.PRAMOEN_TASKS == "immediate":
        return {"queue": queue, "worker": "not needed"}
    recent = now - timedelta(seconds=3 * settings.PRAMOEN_WORKER_TICK_S)
    running = WorkerHeartbeat.objects.filter(stopped_at__isnull=True)
    last = running.aggregate(last=Max("beat_at"))["last"]
    return {
        "queue": queue,
        "worker": {
            "alive": running.filter(beat_at__gte=recent).count(),
            "last_beat_s": round((now - last).total_seconds(), 1) if last else None,
        },
    }


# Finished jobs are kept this long (their pages and results), then removed by JOBS_PRUNE.
KEEP_FINISHED = timedelta(days=30)


def jobs_prune(*, now: datetime | None = None) -> int:
    """Remove finished jobs past ``KEEP_FINISHED`` (and the database backend's task rows), and
    stopped workers' heartbeats past a day. Returns the jobs removed."""
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    removed, _ = Job.objects.filter(
        status__in=[JobStatus.DONE, JobStatus.FAILED], finished_at__lt=now - KEEP_FINISHED
    ).delete()
    DBTaskResult.objects.filter(
        status__in=["SUCCESSFUL", "FAILED"], finished_at__lt=now - KEEP_FINISHED
    ).delete()
    WorkerHeartbeat.objects.filter(beat_at__lt=now - timedelta(days=1)).delete()
    return removed


def _prune(job: Job) -> None:
    removed = jobs_prune()
    job_progress(job, removed, removed)


# Daily (settings.PRAMOEN_SCHEDULE).
JOBS_PRUNE = JobKind(path=f"{__name__}.JOBS_PRUNE", run=_prune)


def _ping(job: Job) -> None:
    """Nothing: measures the queue itself (bench/jobs.py) and proves a worker answers."""


PING = JobKind(path=f"{__name__}.PING", run=_ping)
