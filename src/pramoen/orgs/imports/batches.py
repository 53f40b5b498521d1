"""Import batches: an uploaded file is kept as an ``ImportBatch``, checked (preview) and then
committed, each time in full. Small files are handled in the request; large ones by a job on the
task queue (kind :data:`BATCH_WORK`), with the batch's progress polled by the page. A job whose
worker was killed is run again: a check writes nothing, and a commit is one transaction (the
killed one rolled back), so a retried import never doubles rows. Reading and parsing happen in a
child process with limits (``imports.reading``); the plan is applied all-or-nothing
(``imports.engine``)."""

from __future__ import annotations

import hashlib
import logging
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection
from django.utils import timezone

from pramoen.core.jobs import JobKind, job_create, job_progress
from pramoen.core.models import Job
from pramoen.core.types import User
from pramoen.orgs import selectors
from pramoen.orgs.enums import ImportStatus
from pramoen.orgs.imports.api import import_file
from pramoen.orgs.imports.engine import Progress, Report
from pramoen.orgs.models import ImportBatch

logger = logging.getLogger(__name__)
# Files from this size up are checked off the request, with a progress bar (≈ 1,500 rows).
BACKGROUND_BYTES = getattr(settings, "PRAMOEN_IMPORT_BACKGROUND_BYTES", 512 * 1024)
WEB_IMPORT_MAX_BYTES = getattr(settings, "PRAMOEN_IMPORT_MAX_BYTES", 20 * 1024 * 1024)
ERRORS_SHOWN = 500


def batch_report(batch: ImportBatch) -> dict[str, Any]:
    return {
        "errors": batch.errors[:ERRORS_SHOWN],
        # Past MAX_ERRORS_KEPT the errors are counted, not stored.
        "errors_total": batch.counts.get("errors_total", len(batch.errors)),
        "bad_lines": batch.counts.get("bad_lines", len({e["line"] for e in batch.errors})),
        "counts": batch.counts.get("labelled", []),
        "change_count": batch.counts.get("change_count", 0),
        "file_errors": batch.counts.get("file_errors", []),
        "notes": batch.counts.get("notes", []),
        "ignored": batch.counts.get("ignored", []),
        "changes": batch.counts.get("changes", []),
    }


def _store_report(batch: ImportBatch, report: Report) -> None:
    batch.total_rows = report.total_rows
    batch.errors = report.errors_json()
    batch.counts = {
        "raw": report.counts,
        "errors_total": report.error_count,
        "bad_lines": report.bad_line_count or len(report.bad_lines),
        "labelled": report.labelled_counts(),
        "change_count": report.change_count,
        "file_errors": report.file_errors,
        "notes": report.notes,
        "ignored": report.ignored_columns,
        "changes": [
            {"label": c.label, "before": c.before, "after": c.after} for c in report.changes
        ],
    }


def _run(
    batch: ImportBatch, *, commit: bool, actor: User, progress: Progress | None = None
) -> Report:
    try:
        with batch.file.open("rb") as fh:
            data = fh.read()
    except (OSError, ValueError):  # no file kept, or it was removed from storage
        report = Report(kind=batch.kind)
        report.file_errors.append("ไม่พบไฟล์ที่เก็บไว้สำหรับการนำเข้านี้แล้ว กรุณาอัปโหลดใหม่")
        return report
    if hashlib.sha256(data).hexdigest() != batch.sha256:
        report = Report(kind=batch.kind)
        report.file_errors.append("ไฟล์ที่เก็บไว้ไม่ตรงกับไฟล์ที่ตรวจสอบ กรุณาอัปโหลดใหม่")
        return report
    with tempfile.NamedTemporaryFile(suffix=Path(batch.filename).suffix) as tmp:
        tmp.write(data)
        tmp.flush()
        del data
        return import_file(
            batch.kind,
            tmp.name,
            commit=commit,
            actor=actor,
            max_bytes=WEB_IMPORT_MAX_BYTES,
            source_name=batch.filename,
            allowed_esa_ids=selectors.staff_esa_ids(actor),
            progress=progress,
        )


def _finish(batch: ImportBatch, report: Report, *, commit: bool) -> None:
    _store_report(batch, report)
    if commit and report.committed:
        batch.status = ImportStatus.COMMITTED
        batch.committed_at = timezone.now()
    elif report.ok and not commit:
        batch.status = ImportStatus.PREVIEWED
    else:
        batch.status = ImportStatus.REJECTED
    if batch.status != ImportStatus.PREVIEWED:
        _discard_file(batch)
    batch.save()


def _job_run(job: Job) -> None:
    """Check or commit a large file off the request; the page polls the batch's progress."""
    from django.contrib.auth import get_user_model

    batch_pk, commit = job.params["batch"], job.params["commit"]
    batch = ImportBatch.objects.get(pk=batch_pk)
    if not batch.running:
        return  # finished before its worker died: nothing left to do
    actor = get_user_model().objects.get(pk=job.params["actor"])
    last = 0

    def progress(stage: str, done: int, total: int) -> None:
        nonlocal last
        if connection.in_atomic_block:
            # A commit checks and writes inside one transaction: a write from here would be
            # invisible to the polling page and hold a lock on the batch row until the end.
            return
        ImportBatch.objects.filter(pk=batch_pk).update(progress_done=done, progress_total=total)
        if done - last >= 1000 or done == total:
            last = done
            job_progress(job, done, total)

    try:
        report = _run(batch, commit=commit, actor=actor, progress=progress)
    except Exception:
        logger.exception("import batch %s failed", batch_pk)
        report = Report(kind=batch.kind)
        report.file_errors.append(CRASHED)
    batch.refresh_from_db(fields=["progress_done", "progress_total"])
    _finish(batch, report, commit=commit)


def _job_failed(job: Job, message: str) -> None:
    batch = ImportBatch.objects.filter(pk=job.params["batch"]).first()
    if batch is None or not batch.running:
        return
    report = Report(kind=batch.kind)
    report.file_errors.append(f"{message} ไม่มีการบันทึกข้อมูลใด ๆ จากไฟล์นี้")
    _finish(batch, report, commit=False)


CRASHED = "ระบบขัดข้องระหว่างตรวจไฟล์ ไม่มีการบันทึกข้อมูลใด ๆ กรุณาลองใหม่"
BATCH_WORK = JobKind(path=f"{__name__}.BATCH_WORK", run=_job_run, failed=_job_failed)


def _dispatch(actor: User, batch: ImportBatch, *, commit: bool) -> None:
    """Small files are handled in the request; large ones by a job, with a progress bar."""
    try:
        size = batch.file.size
    except (OSError, ValueError):  # the stored file is gone: _run says so in Thai
        size = 0
    if size < BACKGROUND_BYTES:
        _finish(batch, _run(batch, commit=commit, actor=actor), commit=commit)
        return
    batch.status = ImportStatus.COMMITTING if commit else ImportStatus.CHECKING
    batch.progress_done = batch.progress_total = 0
    batch.save()
    job_create(
        kind=BATCH_WORK,
        params={"batch": batch.pk, "commit": commit, "actor": actor.pk},
        actor=actor,
    )


def _discard_file(batch: ImportBatch) -> None:
    # People files carry full national IDs: keep an upload only while it awaits confirmation.
    if batch.file:
        batch.file.delete(save=False)


def batch_start(*, kind: str, filename: str, data: bytes, actor: User) -> ImportBatch:
    """Keep an uploaded file as a batch and check it (a preview: nothing is imported yet)."""
    batch = ImportBatch(
        kind=kind,
        status=ImportStatus.PREVIEWED,
        filename=Path(filename).name[:255],
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by=actor,
    )
    batch.file.save(
        f"{batch.sha256[:16]}{Path(filename).suffix[:8]}", ContentFile(data), save=False
    )
    _dispatch(actor, batch, commit=False)
    return batch


ALREADY_COMMITTING = (
    "ไฟล์นี้กำลังถูกนำเข้าอยู่หรือนำเข้าไปแล้ว (อาจกดปุ่มนำเข้าซ้ำหรือเปิดไว้หลายหน้าจอ) "
    "ระบบจึงไม่นำเข้าซ้ำ กรุณารอสักครู่แล้วดูผลในหน้านี้"
)


def batch_commit(*, batch: ImportBatch, actor: User) -> ImportBatch:
    """Import a previewed batch; the database may have changed since, so it is checked again in
    full. The batch is claimed first with a conditional UPDATE, so of two commits at once (a
    double click, two tabs) the second is told so in Thai instead of racing the first into an
    IntegrityError."""
    claimed = ImportBatch.objects.filter(pk=batch.pk, status=ImportStatus.PREVIEWED).update(
        status=ImportStatus.COMMITTING
    )
    if not claimed:
        raise ValidationError(ALREADY_COMMITTING)
    batch.status = ImportStatus.COMMITTING
    try:
        _dispatch(actor, batch, commit=True)
    except Exception:
        ImportBatch.objects.filter(pk=batch.pk).update(status=ImportStatus.PREVIEWED)
        raise
    return batch


# A previewed file waits this long for its confirmation; then the daily clean-up removes it.
KEEP_UNCONFIRMED = timedelta(hours=getattr(settings, "PRAMOEN_IMPORT_KEEP_HOURS", 24))
EXPIRED_NOTE = "ไฟล์ที่ตรวจสอบแล้วไม่ได้รับการยืนยันนำเข้าภายในเวลาที่กำหนด ระบบจึงลบไฟล์ออก กรุณาอัปโหลดใหม่"


def batches_expire(*, now: datetime | None = None) -> int:
    """Remove the files of previews never confirmed (people files carry national IDs)."""
    cutoff = (now or timezone.now()) - KEEP_UNCONFIRMED
    expired = list(
        ImportBatch.objects.filter(status=ImportStatus.PREVIEWED, created_at__lt=cutoff)[:1000]
    )
    for batch in expired:
        _discard_file(batch)
        counts = {**batch.counts, "file_errors": [EXPIRED_NOTE]}
        ImportBatch.objects.filter(pk=batch.pk, status=ImportStatus.PREVIEWED).update(
            status=ImportStatus.REJECTED, file="", counts=counts
        )
    return len(expired)


def _expire_job(job: Job) -> None:
    removed = batches_expire()
    job_progress(job, removed, removed)


# Daily (settings.PRAMOEN_SCHEDULE).
EXPIRED_UPLOADS = JobKind(path=f"{__name__}.EXPIRED_UPLOADS", run=_expire_job)
