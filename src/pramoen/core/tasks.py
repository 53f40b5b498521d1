"""The one task every job runs through (``pramoen.core.jobs``): the backend carries a job's id,
the ``Job`` row carries everything else (state, progress, lease, attempts)."""

from __future__ import annotations

from django.conf import settings
from django_tasks import task

from pramoen.core import jobs


@task(queue_name=settings.PRAMOEN_TASKS_QUEUE)
def job_execute(job_pk: int) -> str:
    return jobs.job_execute(job_pk)
