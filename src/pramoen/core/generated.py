"""Generated documents as jobs: a file that takes a while to make (a LibreOffice conversion of a
letter or of the KPI report) is built by a worker, kept through the storage API, and handed to
the person who asked for it on a page that polls until it is ready (``core.job_views``).

``build`` names a function (by import path, so core depends on no app) that takes the job's
``args`` and returns the file's bytes, raising :class:`~pramoen.core.jobs.JobFailed` with a Thai
message for what people can act on.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.module_loading import import_string

from pramoen.core.enums import JobStatus
from pramoen.core.jobs import JobKind, job_create, job_progress
from pramoen.core.models import Job
from pramoen.core.types import User

FOLDER = "generated"


def document_queue(
    *,
    build: str,
    args: dict[str, Any],
    title: str,
    filename: str,
    content_type: str,
    back_url: str,
    actor: User,
) -> Job:
    """Queue the building of one file for ``actor``; ``filename`` is ASCII (it reaches a header)."""
    return job_create(
        kind=DOCUMENT,
        params={
            "build": build,
            "args": args,
            "title": title,
            "filename": filename,
            "content_type": content_type,
            "back_url": back_url,
        },
        actor=actor,
    )


def _build(job: Job) -> None:
    params = job.params
    data: bytes = import_string(params["build"])(**params["args"])
    name = default_storage.save(f"{FOLDER}/{job.pk}/{params['filename']}", ContentFile(data))
    Job.objects.filter(pk=job.pk).update(result={"file": name, "size": len(data)})


DOCUMENT = JobKind(path=f"{__name__}.DOCUMENT", run=_build, max_attempts=2)


# A generated file is fetched right after it is made; it can always be made again.
KEEP_FILES = timedelta(days=1)


def files_expire(*, now: datetime | None = None) -> int:
    """Remove the generated files of documents made more than ``KEEP_FILES`` ago."""
    cutoff = (now or timezone.now()) - KEEP_FILES
    old = Job.objects.filter(
        kind=DOCUMENT.path, status=JobStatus.DONE, finished_at__lt=cutoff, result__isnull=False
    )
    removed = 0
    for job in old[:1000]:
        name = (job.result or {}).get("file")
        if name and default_storage.exists(name):
            default_storage.delete(name)
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED, result=None, error="ไฟล์นี้หมดอายุแล้ว กรุณาสั่งสร้างใหม่"
        )
        removed += 1
    return removed


def _expire(job: Job) -> None:
    removed = files_expire()
    job_progress(job, removed, removed)


# Daily (settings.PRAMOEN_SCHEDULE).
EXPIRED_FILES = JobKind(path=f"{__name__}.EXPIRED_FILES", run=_expire)
