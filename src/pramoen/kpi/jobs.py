"""KPI jobs on the task queue (``pramoen.core.jobs``)."""

from __future__ import annotations

from pramoen.core.jobs import JobKind, job_progress
from pramoen.core.models import Job
from pramoen.kpi.services import reminders_send


def _remind(job: Job) -> None:
    # Idempotent by itself: each (round, ESA, kind) reminder is recorded once, so a retried or
    # repeated run mails nobody twice.
    sent = reminders_send()
    job_progress(job, len(sent), len(sent))


# Daily (settings.PRAMOEN_SCHEDULE): before the due date and after it passed.
REMINDERS = JobKind(path=f"{__name__}.REMINDERS", run=_remind)
