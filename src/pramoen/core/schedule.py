"""Periodic jobs, created by the workers themselves (``settings.PRAMOEN_SCHEDULE``).

Why not a separate ``pramoen scheduler`` process or cron: every ``pramoen worker`` already wakes
every few seconds and has the database; a periodic job is a ``Job`` with the unique key
``name:date``, so however many workers run on however many machines, each day's job is created
exactly once (the unique constraint decides), and a worker that was down at the hour creates it
when it comes back. There is no second process to deploy, watch or keep single.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from pramoen.core.jobs import job_create
from pramoen.core.models import Job


def schedule_due(*, now: datetime | None = None) -> list[Job]:
    """Create today's periodic jobs whose time has come and that no worker has created yet."""
    local = timezone.localtime(now or timezone.now())
    created = []
    for name, (at, kind_path) in settings.PRAMOEN_SCHEDULE.items():
        hour, minute = (int(part) for part in at.split(":"))
        if (local.hour, local.minute) < (hour, minute):
            continue
        key = f"{name}:{local.date().isoformat()}"
        if Job.objects.filter(key=key).exists():
            continue
        try:
            with transaction.atomic():
                created.append(
                    job_create(
                        kind=import_string(kind_path),
                        key=key,
                        params={"date": local.date().isoformat()},
                    )
                )
        except IntegrityError:  # another worker created it a moment ago
            continue
    return created
