"""Evidence per consideration issue: files (type from their bytes, size caps) and links."""

from __future__ import annotations

import hashlib
from typing import BinaryIO, cast

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from pramoen.accounts.models import User
from pramoen.core.files import upload_on_disk
from pramoen.core.services import audit_record
from pramoen.documents import uploads as files
from pramoen.kpi import structure
from pramoen.kpi.enums import EvidenceKind
from pramoen.kpi.models import (
    KpiEvidence,
    KpiReport,
)
from pramoen.kpi.services.common import (
    LESSON_MAX_BYTES,
    KpiError,
    ensure_editable,
    lock_report,
    max_evidence_bytes,
)
from pramoen.kpi.services.reports import slot_or_error


def _check_slot_room(report: KpiReport, slot: structure.Slot) -> None:
    if slot.max_files is None:
        return
    own = report.evidence.filter(slot_id=slot.id, carried_from__isnull=True).count()
    if own >= slot.max_files:
        raise KpiError(f"รายการนี้แนบได้ไม่เกิน {slot.max_files} ไฟล์ กรุณาลบไฟล์เดิมก่อนแนบไฟล์ใหม่")


def _drop_carried(report: KpiReport, slot_id: str, actor: User | None) -> None:
    carried = list(report.evidence.filter(slot_id=slot_id, carried_from__isnull=False))
    for item in carried:
        audit_record(
            actor=actor,
            action="kpi.evidence_replace_carried",
            target=report,
            before={"slot": slot_id, "evidence": item.pk, "name": item.label},
        )
        item.delete()


@transaction.atomic
def evidence_add_file(
    *, report: KpiReport, slot_id: str, upload: UploadedFile, actor: User | None
) -> KpiEvidence:
    """Check and store one file; a refused file leaves the report exactly as it was."""
    ensure_editable(lock_report(report))
    slot = slot_or_error(report, slot_id)
    lesson = slot_id == structure.PA_LESSON_SLOT
    limit = min(LESSON_MAX_BYTES, max_evidence_bytes()) if lesson else max_evidence_bytes()
    try:
        file_type = files.check_upload(
            cast(BinaryIO, upload),
            name=upload.name or "",
            size=upload.size or 0,
            max_bytes=limit,
            only=("pdf",) if lesson else (),
        )
    except files.FileRejected as exc:
        raise KpiError(exc.message) from exc
    page_count = None
    if file_type.content_type == "application/pdf" and lesson:
        with upload_on_disk(upload, max_bytes=limit, suffix=".pdf") as (path, _size):
            try:
                pages = files.count_pdf_pages(path)
                files.check_one_a4_page(pages)
            except files.FileRejected as exc:
                raise KpiError(exc.message) from exc
        page_count = pages.pages
    _check_slot_room(report, slot)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    _drop_carried(report, slot_id, actor)
    evidence = KpiEvidence(
        report=report,
        slot_id=slot_id,
        kind=EvidenceKind.FILE,
        original_name=(upload.name or "")[:255],
        content_type=file_type.content_type,
        size=upload.size or 0,
        sha256=digest.hexdigest(),
        page_count=page_count,
        uploaded_by=actor,
    )
    evidence.file.save(upload.name or "evidence", upload, save=False)
    evidence.save()
    audit_record(
        actor=actor,
        action="kpi.evidence_add",
        target=report,
        after={"slot": slot_id, "file": evidence.original_name, "sha256": evidence.sha256},
    )
    return evidence


@transaction.atomic
def evidence_add_link(
    *, report: KpiReport, slot_id: str, url: str, title: str, actor: User | None
) -> KpiEvidence:
    ensure_editable(lock_report(report))
    slot = slot_or_error(report, slot_id)
    if not url.lower().startswith(("https://", "http://")):
        raise KpiError("ลิงก์ต้องขึ้นต้นด้วย https:// หรือ http://")
    _check_slot_room(report, slot)
    _drop_carried(report, slot_id, actor)
    evidence = KpiEvidence.objects.create(
        report=report,
        slot_id=slot_id,
        kind=EvidenceKind.LINK,
        url=url,
        title=title,
        uploaded_by=actor,
    )
    audit_record(
        actor=actor, action="kpi.evidence_add", target=report, after={"slot": slot_id, "url": url}
    )
    return evidence


@transaction.atomic
def evidence_remove(*, evidence: KpiEvidence, actor: User | None) -> KpiReport:
    report = evidence.report
    ensure_editable(lock_report(report))
    before = {"slot": evidence.slot_id, "name": evidence.label, "carried": evidence.is_carried}
    # The stored file stays: the audit log may point at it, and a carried row shares it.
    evidence.delete()
    audit_record(actor=actor, action="kpi.evidence_remove", target=report, before=before)
    return report
