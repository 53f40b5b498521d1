"""Certificates for a campaign's results, rendered by ``pramoen.documents.certificates``.

A build is a ``CertificateBuild`` row: the web view queues it with a job (:func:`build_queue`,
kind :data:`CERTIFICATE_BUILD`) that a worker runs; the CLI runs the same :func:`build_run`
synchronously. A build whose worker was killed is run again by the next worker (the job's lease):
``certificates_issue`` reuses every number it issued, so the retried build prints the same
numbers. The files go through the storage API (local media or S3): rendered in a temporary
folder that is removed afterwards, then saved under ``<out_dir>/<build id>/`` (``out_dir`` is a
folder of the storage, ``certificates/<campaign id>``). The row names them only once both are
stored, so readers see the previous build's files until then; the previous build's files are
deleted after the new ones are in place. Progress is written to the row with single ``UPDATE``
statements in autocommit mode (never inside the issuing transaction), at most every
``PROGRESS_EVERY_S`` seconds, so the polling page sees it at once and SQLite is not hammered.
"""

from __future__ import annotations

import logging
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from pramoen.core.jobs import JobFailed, JobKind, job_create
from pramoen.core.models import Job
from pramoen.core.types import User
from pramoen.documents.certificates import (
    BuildResult,
    CertificateError,
    CertificateTemplate,
    render_certificates,
)
from pramoen.documents.certificates import (
    Certificate as CertificateData,
)
from pramoen.judging.enums import BuildStatus
from pramoen.judging.models import Certificate, CertificateBuild
from pramoen.judging.services import certificates_issue

logger = logging.getLogger(__name__)

PROGRESS_EVERY_S = 0.5
# A build whose row has not moved for this long died with its process (a restart kills the
# thread): it no longer blocks a new build.
STALE_AFTER = timedelta(minutes=15)
CRASH_MESSAGE = "ระบบขัดข้องระหว่างสร้างเกียรติบัตร ไฟล์ชุดก่อนหน้ายังใช้ได้ตามเดิม กรุณาลองใหม่อีกครั้ง"


def campaign_template(campaign: Any) -> CertificateTemplate:
    return CertificateTemplate(
        campaign_title=campaign.title_th,
        issuer=campaign.esa.name_th,
        signatory_name=campaign.signatory_name or "",
        # The letter keeps the position on several lines; the certificate prints the first two.
        signatory_position=" ".join(campaign.signatory_position.splitlines()[:2]),
    )


def certificate_data(cert: Certificate, verify_base: str) -> CertificateData:
    return CertificateData(
        recipient=cert.recipient,
        award=cert.award,
        number=cert.number,
        issued_on=cert.issued_on,
        verify_url=f"{verify_base.rstrip('/')}/{cert.short_code}/",
        short_code=cert.short_code,
        category=cert.category_label,
        number_year_be=cert.year_be,
    )


def build_campaign(
    *,
    campaign: Any,
    actor: User | None,
    out_dir: Path,
    verify_base: str,
    issued_on: date | None = None,
    progress: Callable[[int, int], None] | None = None,
    include_committees: bool = False,
) -> BuildResult:
    """Issue (or reuse) a certificate for every eligible tiered entry and render them all."""
    issued = certificates_issue(
        campaign=campaign,
        actor=actor,
        issued_on=issued_on,
        include_committees=include_committees,
    )
    if not issued:
        raise ValidationError("ยังไม่มีผลงานที่ได้รับรางวัลจากกลุ่มที่ยืนยันผลแล้ว")
    certs = Certificate.objects.filter(pk__in=[c.pk for c in issued]).order_by("number")
    if progress is not None:
        # The renderer reports after each chunk; say how many there will be before the first.
        progress(0, len(issued))
    try:
        return render_certificates(
            [certificate_data(c, verify_base) for c in certs],
            template=campaign_template(campaign),
            out_dir=out_dir,
            progress=progress,
        )
    except CertificateError as exc:
        raise ValidationError(exc.problems) from exc


def build_start(
    *,
    campaign: Any,
    actor: User | None,
    out_dir: str | Path,
    verify_base: str,
    include_committees: bool = False,
) -> CertificateBuild:
    """Queue a build; refuses while another build of the campaign is still moving."""
    with transaction.atomic():
        # Lock the campaign row so two clicks cannot both pass the check below.
        type(campaign).objects.select_for_update().filter(pk=campaign.pk).first()
        fresh = timezone.now() - STALE_AFTER
        busy = (
            CertificateBuild.objects.filter(
                campaign=campaign, status__in=[BuildStatus.QUEUED, BuildStatus.RUNNING]
            )
            .filter(created_at__gte=fresh)
            .exists()
            or CertificateBuild.objects.filter(
                campaign=campaign, status=BuildStatus.RUNNING, updated_at__gte=fresh
            ).exists()
        )
        if busy:
            raise ValidationError("กำลังสร้างเกียรติบัตรของการประกวดนี้อยู่ กรุณารอให้เสร็จก่อน")
        return CertificateBuild.objects.create(
            campaign=campaign,
            created_by=actor if getattr(actor, "pk", None) else None,
            out_dir=str(out_dir),
            verify_base=verify_base,
            include_committees=include_committees,
        )


def build_run(
    build_pk: int,
    *,
    issued_on: date | None = None,
    echo: Callable[[int, int], None] | None = None,
    resume: bool = False,
) -> CertificateBuild:
    """Run a queued build to the end; the row ends ``done`` or ``failed`` (Thai ``error``).

    ``resume``: the job's retry after its worker died — the row is still ``running`` from then.
    """
    build = CertificateBuild.objects.select_related("campaign__esa", "created_by").get(pk=build_pk)
    rows = CertificateBuild.objects.filter(pk=build_pk)
    now = timezone.now()
    # Only a queued build starts (a second call for the same row does nothing).
    startable = [BuildStatus.QUEUED, BuildStatus.RUNNING] if resume else [BuildStatus.QUEUED]
    claimed = rows.filter(status__in=startable).update(
        status=BuildStatus.RUNNING, started_at=now, updated_at=now, error=""
    )
    if claimed != 1:
        return build
    last = 0.0

    def progress(done: int, total: int) -> None:
        nonlocal last
        if echo is not None:
            echo(done, total)
        tick = time.monotonic()
        if done in (0, total) or tick - last >= PROGRESS_EVERY_S:
            last = tick
            rows.update(done=done, total=total, updated_at=timezone.now())

    try:
        with tempfile.TemporaryDirectory(prefix="pramoen-certificates-") as scratch:
            result = build_campaign(
                campaign=build.campaign,
                actor=build.created_by,
                out_dir=Path(scratch),
                verify_base=build.verify_base,
                issued_on=issued_on,
                progress=progress,
                include_committees=build.include_committees,
            )
            folder = f"{str(build.out_dir).strip('/')}/{build.pk}"
            merged_pdf = _store(result.merged_pdf, f"{folder}/certificates.pdf")
            zip_path = _store(result.zip_path, f"{folder}/certificates.zip")
    except ValidationError as exc:
        rows.update(
            status=BuildStatus.FAILED,
            error="\n".join(exc.messages),
            finished_at=timezone.now(),
            updated_at=timezone.now(),
        )
    except Exception:
        logger.exception("certificate build %s failed", build_pk)
        rows.update(
            status=BuildStatus.FAILED,
            error=CRASH_MESSAGE,
            finished_at=timezone.now(),
            updated_at=timezone.now(),
        )
    else:
        earlier = list(
            CertificateBuild.objects.filter(campaign_id=build.campaign_id, status=BuildStatus.DONE)
            .exclude(pk=build_pk)
            .values_list("merged_pdf", "zip_path")
        )
        rows.update(
            status=BuildStatus.DONE,
            done=result.count,
            total=result.count,
            merged_pdf=merged_pdf,
            zip_path=zip_path,
            seconds=result.seconds,
            finished_at=timezone.now(),
            updated_at=timezone.now(),
        )
        _delete_stored(name for pair in earlier for name in pair)
    build.refresh_from_db()
    return build


def build_queue(
    *,
    campaign: Any,
    actor: User | None,
    out_dir: str | Path,
    verify_base: str,
    include_committees: bool = False,
) -> CertificateBuild:
    """Queue a build (see :func:`build_start`) and the job that runs it on a worker."""
    with transaction.atomic():
        build = build_start(
            campaign=campaign,
            actor=actor,
            out_dir=out_dir,
            verify_base=verify_base,
            include_committees=include_committees,
        )
        build.job = job_create(kind=CERTIFICATE_BUILD, params={"build": build.pk}, actor=actor)
        build.save(update_fields=["job"])
    return build


def _job_run(job: Job) -> None:
    build = build_run(job.params["build"], resume=job.attempts > 1)
    if build.status == BuildStatus.FAILED:
        raise JobFailed(build.error)


def _job_failed(job: Job, message: str) -> None:
    now = timezone.now()
    CertificateBuild.objects.filter(
        pk=job.params["build"], status__in=[BuildStatus.QUEUED, BuildStatus.RUNNING]
    ).update(status=BuildStatus.FAILED, error=message, finished_at=now, updated_at=now)


CERTIFICATE_BUILD = JobKind(
    path=f"{__name__}.CERTIFICATE_BUILD", run=_job_run, failed=_job_failed, max_attempts=3
)


def _store(path: Path, name: str) -> str:
    """Save a rendered file under ``name`` in the storage (streamed from disk); its stored name."""
    with path.open("rb") as handle:
        return default_storage.save(name, File(handle, name=path.name))


def _delete_stored(names: Any) -> None:
    # Best effort: an earlier build's files that cannot be deleted only take space.
    for name in names:
        if not name or name.startswith("/"):
            continue  # absolute paths: files of builds made before the storage kept them
        try:
            default_storage.delete(name)
        except Exception:
            logger.warning("could not delete the earlier certificate file %s", name)


def stored_files(campaign: Any) -> CertificateBuild | None:
    """The latest completed build whose files are stored (what the download links serve)."""
    return (
        CertificateBuild.objects.filter(campaign=campaign, status=BuildStatus.DONE)
        .exclude(merged_pdf="")
        .exclude(merged_pdf__startswith="/")
        .order_by("-finished_at", "-pk")
        .first()
    )


def latest_build(campaign: Any) -> CertificateBuild | None:
    return (
        CertificateBuild.objects.filter(campaign=campaign)
        .select_related("job")
        .order_by("-created_at", "-pk")
        .first()
    )
