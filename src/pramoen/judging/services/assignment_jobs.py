"""The chair's automatic assignment as a job on the queue (``core.jobs``).

A national group's min-cost flow takes 10–24 s, too long for the chair's request: the click
queues an ``AUTO_ASSIGN`` job (one per group at a time) and the committee page polls it. The
job runs :func:`~pramoen.judging.services.assignments.assignments_auto` (audited as before) and
stores its outcome on the job row, in the same transaction as the assignments it writes — so a
worker killed half-way leaves nothing, and the retry starts clean (existing assignments count).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pramoen.core.enums import JobStatus
from pramoen.core.jobs import JobFailed, JobKind, job_create, job_progress
from pramoen.core.models import Job
from pramoen.core.types import User
from pramoen.judging.models import Assignment, Committee
from pramoen.judging.selectors.results import judging_entries
from pramoen.judging.services.assignments import assignments_auto
from pramoen.judging.services.page_cache import group_page_forget
from pramoen.thai import to_thai_digits

ALREADY_RUNNING = "กำลังจัดกรรมการของกลุ่มนี้อยู่ กรุณารอให้เสร็จก่อนจึงสั่งใหม่"
GONE = "ไม่พบคณะกรรมการหรือผู้สั่งจัดกรรมการแล้ว จึงจัดกรรมการไม่ได้"
_PATH = f"{__name__}.AUTO_ASSIGN"
STALE_AFTER = timedelta(minutes=15)


def done_message(created: int) -> str:
    """What the chair reads when the job ends (counts in Thai digits, like the shortfall)."""
    if not created:
        return "มอบหมายกรรมการแล้ว (ไม่มีคู่ผลงาน–กรรมการที่ต้องเพิ่ม)"
    return f"มอบหมายกรรมการแล้ว (เพิ่ม {to_thai_digits(str(created))} รายการ)"


def auto_assign_jobs(committee: Committee) -> Any:
    """This group's automatic-assignment jobs, newest first."""
    return Job.objects.filter(kind=_PATH, params__committee=committee.pk).order_by("-pk")


def auto_assign_latest(committee: Committee) -> Job | None:
    job = auto_assign_jobs(committee).first()
    if job is not None:
        # Read by the page: a job left queued past STALE_AFTER no longer holds the button.
        job.stale = job.status == JobStatus.QUEUED and (
            job.enqueued_at < timezone.now() - STALE_AFTER
        )
    return job


@transaction.atomic
def assignments_auto_queue(
    *, committee: Committee, actor: User, per_entry: int | None = None
) -> Job:
    """Queue the automatic assignment of ``committee``'s group; refused (Thai) while one of this
    group's is queued or running. The committee row is locked so two clicks at once queue one."""
    Committee.objects.select_for_update().filter(pk=committee.pk).first()
    jobs = auto_assign_jobs(committee)
    # A running job is watched by its lease (a dead worker's is queued again or failed); one
    # left queued past STALE_AFTER (no worker came) stops blocking, so the chair can ask again.
    if (
        jobs.filter(status=JobStatus.RUNNING).exists()
        or jobs.filter(
            status=JobStatus.QUEUED, enqueued_at__gte=timezone.now() - STALE_AFTER
        ).exists()
    ):
        raise ValidationError(ALREADY_RUNNING)
    return job_create(
        kind=AUTO_ASSIGN,
        params={"committee": committee.pk, "per_entry": per_entry},
        actor=actor,
    )


def _run(job: Job) -> None:
    committee = (
        Committee.objects.select_related("category", "category__campaign")
        .filter(pk=job.params.get("committee"))
        .first()
    )
    actor = job.created_by
    if committee is None or actor is None:
        raise JobFailed(GONE)
    # Progress: the flow itself has no steps to count; the page shows how many entries.
    job_progress(job, 0, len(judging_entries(committee.category)))
    with transaction.atomic():
        # Two jobs of one group (a stale one woken late) run one after the other: the second
        # sees the first's assignments as existing load and adds only what is still missing.
        Committee.objects.select_for_update().filter(pk=committee.pk).first()
        assignments = Assignment.objects.filter(entry__category=committee.category)
        before = assignments.count()
        warnings = assignments_auto(
            committee=committee, actor=actor, per_entry=job.params.get("per_entry")
        )
        created = assignments.count() - before
        Job.objects.filter(pk=job.pk).update(
            result={"created": created, "message": done_message(created), "warnings": warnings},
            done=job.total,
        )
    group_page_forget(committee)  # the page the chair comes back to shows the new assignments


AUTO_ASSIGN = JobKind(path=_PATH, run=_run, max_attempts=3)
