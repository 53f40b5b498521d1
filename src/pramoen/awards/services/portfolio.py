"""The portfolio PDF: checked in a child process with the campaign's rules, kept unless rejected.

From the web the check is a job (kind :data:`PORTFOLIO_CHECK`): the upload is kept under a
pending name and the request returns at once; a worker checks it and applies the outcome, and the
entry page polls the job until its report is there. ``entry_attach_portfolio`` does both in place
(the CLI, the demo, tests).
"""

from __future__ import annotations

import secrets
import tempfile
from datetime import datetime
from typing import IO, Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from pramoen.awards.editing import edit_window
from pramoen.awards.enums import (
    EntryEventKind,
    EntryStatus,
)
from pramoen.awards.models import (
    Entry,
)
from pramoen.awards.services.duplicates import portfolio_duplicates_check
from pramoen.awards.services.entries import (
    PORTFOLIO_PATH,
    WITHDRAWN_MESSAGE,
    closed_error,
    entry_event,
)
from pramoen.core.files import stored_on_disk
from pramoen.core.jobs import JobFailed, JobKind, job_create
from pramoen.core.models import Job
from pramoen.core.services import audit_record
from pramoen.core.types import User
from pramoen.documents.pdfcheck import run_check_subprocess
from pramoen.documents.pdfcheck.findings import make_result, too_large_finding

PENDING_DIR = "portfolio-pending"
PENDING_GONE = "ไม่พบไฟล์แฟ้มผลงานที่อัปโหลดไว้สำหรับการตรวจครั้งนี้ กรุณาอัปโหลดใหม่"


def _editable(entry: Entry, now: datetime) -> tuple[Entry, bool]:
    """The entry, fresh, and whether this upload is a correction; refuses outside the window."""
    entry = Entry.objects.select_related("campaign").get(pk=entry.pk)
    window = edit_window(entry, now)
    if window.withdrawn:
        raise ValidationError(WITHDRAWN_MESSAGE)
    if not window.allows(PORTFOLIO_PATH):
        raise closed_error(entry.campaign)
    return entry, window.corrects(PORTFOLIO_PATH)


def _check(entry: Entry, upload: Any, temporary: IO[bytes]) -> tuple[dict[str, Any], Any]:
    """Check ``upload`` in a child process; the report and the file to keep it from.

    A large upload that Django spooled to its own temporary file is checked where it lies and
    stored from there (moved on disk, streamed to S3): no second copy in a deadline rush. Any
    other upload is copied (capped) into ``temporary`` first.
    """
    rules = entry.campaign.portfolio_rules()
    spooled = getattr(upload, "temporary_file_path", None)
    if callable(spooled) and upload.size <= rules.max_file_bytes:
        return run_check_subprocess(spooled(), rules), upload
    written = 0
    for chunk in upload.chunks():
        written += len(chunk)
        if written > rules.max_file_bytes:
            break  # the checker reports the size; no need to copy the rest
        temporary.write(chunk)
    temporary.flush()
    if written > rules.max_file_bytes:
        return make_result([too_large_finding(upload.size, rules.max_file_mb)], None), temporary
    return run_check_subprocess(temporary.name, rules), temporary


def _apply(
    *,
    entry: Entry,
    actor: User,
    report: dict[str, Any],
    source: Any,
    now: datetime,
    correcting: bool,
    job: Job | None = None,
) -> None:
    with transaction.atomic():
        locked = Entry.objects.select_for_update().get(pk=entry.pk)
        if locked.status == EntryStatus.SUBMITTED and report.get("ok") is False:
            # A submitted entry keeps its accepted file and report; the rejection is only
            # reported back, so a failed replacement cannot un-submit an entry.
            pass
        else:
            locked.portfolio_report = report
            if report.get("ok") is not False:
                source.seek(0)
                # Django's upload itself when it is on disk, so the storage can move it
                content = source if hasattr(source, "temporary_file_path") else File(source)
                locked.portfolio.save("portfolio.pdf", content, save=False)
        locked.portfolio_checked_at = now
        locked.save()
        verdict = {True: "ผ่าน", False: "ไม่ผ่าน", None: "ตรวจสอบไม่ได้"}[report.get("ok")]
        kind = EntryEventKind.CORRECTED if correcting else EntryEventKind.PORTFOLIO_CHECKED
        entry_event(
            locked, kind, actor, now, f"แฟ้มผลงาน {report.get('pages') or '-'} หน้า: {verdict}"
        )
        audit_record(
            actor=actor,
            action="awards.entry_portfolio",
            target=locked,
            after={"ok": report.get("ok"), "pages": report.get("pages")},
        )
        if job is not None:
            # In the same transaction: a retried job sees it was applied and does not apply twice.
            Job.objects.filter(pk=job.pk).update(result=report)


def entry_attach_portfolio(
    *, entry: Entry, actor: User, upload: Any, now: datetime | None = None
) -> dict[str, Any]:
    """Check an uploaded portfolio PDF with the campaign's rules and keep it unless rejected.

    The check runs in a child process with time and memory caps (documents.pdfcheck), so a
    hostile file cannot take the worker down. The report of the latest upload is stored
    either way, so the applicant sees the pages and reasons; a rejected file is not kept.
    """
    now = now or timezone.now()
    entry, correcting = _editable(entry, now)
    with tempfile.NamedTemporaryFile(suffix=".pdf") as temporary:
        report, source = _check(entry, upload, temporary)
        _apply(
            entry=entry,
            actor=actor,
            report=report,
            source=source,
            now=now,
            correcting=correcting,
        )
    portfolio_duplicates_check(entry=entry)
    return report


def entry_portfolio_queue(
    *, entry: Entry, actor: User, upload: Any, now: datetime | None = None
) -> Job:
    """Keep the upload under a pending name and queue its check; returns the job the page polls.

    The upload's time is what counts for the deadline: a check that ends after it still applies.
    """
    now = now or timezone.now()
    entry, correcting = _editable(entry, now)
    with transaction.atomic():
        name = default_storage.save(f"{PENDING_DIR}/{entry.pk}/{secrets.token_hex(8)}.pdf", upload)
        job = job_create(
            kind=PORTFOLIO_CHECK,
            params={
                "entry": entry.pk,
                "actor": actor.pk,
                "pending": name,
                "uploaded_at": now.isoformat(),
                "correcting": correcting,
                "size": upload.size,
            },
            actor=actor,
        )
        Entry.objects.filter(pk=entry.pk).update(portfolio_job=job)
    return job


def _job_run(job: Job) -> None:
    if job.result is not None:
        return  # applied before its worker died
    params = job.params
    entry = Entry.objects.select_related("campaign").get(pk=params["entry"])
    actor = get_user_model().objects.get(pk=params["actor"])
    if not default_storage.exists(params["pending"]):
        raise JobFailed(PENDING_GONE)
    # On local disk the pending file is checked where it lies and copied once, into its kept
    # name; from a bucket it is fetched once to a scratch file (core.files.stored_on_disk).
    with (
        stored_on_disk(params["pending"], suffix=".pdf") as path,
        open(path, "rb") as source,
    ):
        report = run_check_subprocess(path, entry.campaign.portfolio_rules())
        _apply(
            entry=entry,
            actor=actor,
            report=report,
            source=source,
            now=datetime.fromisoformat(params["uploaded_at"]),
            correcting=params["correcting"],
            job=job,
        )
    default_storage.delete(params["pending"])
    portfolio_duplicates_check(entry=entry)


def _job_failed(job: Job, message: str) -> None:
    pending = job.params.get("pending")
    if pending and default_storage.exists(pending):
        default_storage.delete(pending)


PORTFOLIO_CHECK = JobKind(path=f"{__name__}.PORTFOLIO_CHECK", run=_job_run, failed=_job_failed)
