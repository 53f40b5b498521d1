"""Evidence files per slot: type from the file's bytes, random stored name, per-slot limits."""

from __future__ import annotations

from datetime import datetime
from pathlib import PurePosixPath
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pramoen.awards.editing import edit_window
from pramoen.awards.enums import (
    EntryEventKind,
)
from pramoen.awards.models import (
    Entry,
    EvidenceFile,
)
from pramoen.awards.services.entries import (
    ANSWER_SLOTS,
    WITHDRAWN_MESSAGE,
    closed_error,
    entry_event,
    pinned_instrument,
)
from pramoen.core.services import audit_record
from pramoen.core.types import User
from pramoen.documents.uploads import FileRejected, check_upload
from pramoen.instruments.schema import EvidenceSlot
from pramoen.thai import to_thai_digits


def evidence_slots(entry: Entry) -> dict[tuple[str, str], EvidenceSlot]:
    """The entry's evidence slots by (part, slot id), from its two pinned instruments."""
    return {
        (part, slot.id): slot
        for part in ANSWER_SLOTS
        for slot in pinned_instrument(entry.category, part).form.evidence
    }


def _evidence_open(entry: Entry, path: str, now: datetime) -> bool:
    """Refuse in Thai unless the slot may change now (entry_save's rule for answers); returns
    whether the change is a correction-window one (True) or an edit before the deadline."""
    window = edit_window(entry, now)
    if window.withdrawn:
        raise ValidationError(WITHDRAWN_MESSAGE)
    if window.before_deadline:
        return False
    if window.corrects(path):
        return True
    raise closed_error(entry.campaign)


@transaction.atomic
def evidence_add(
    *,
    entry: Entry,
    part: str,
    slot_id: str,
    upload: Any,
    actor: User,
    now: datetime | None = None,
) -> EvidenceFile:
    """Store one evidence file in a slot, or refuse in Thai and store nothing.

    The type is read from the file's first bytes (documents.uploads.check_upload), never from the
    browser's content type; the stored name is random; the size cap and the number of files
    per slot (the slot's max_files, else the campaign's) come from the campaign.
    """
    now = now or timezone.now()
    entry = (
        Entry.objects.select_for_update(of=("self",))
        .select_related("campaign", "category")
        .get(pk=entry.pk)
    )
    slot = evidence_slots(entry).get((part, slot_id))
    if slot is None:
        raise ValidationError("ไม่มีช่องหลักฐานนี้ในแบบประเมินของผลงาน")
    path = f"{part}.evidence.{slot_id}"
    correcting = _evidence_open(entry, path, now)
    campaign = entry.campaign
    limit = slot.max_files or campaign.evidence_max_files
    count = EvidenceFile.objects.filter(entry=entry, part=part, slot_id=slot_id).count()
    if count >= limit:
        raise ValidationError(
            f"ช่อง {slot.label_th} มีไฟล์ครบ {to_thai_digits(str(limit))} ไฟล์แล้ว "
            "กรุณาลบไฟล์เดิมก่อนเพิ่มไฟล์ใหม่"
        )
    name = PurePosixPath(str(upload.name).replace("\\", "/")).name[:200] or "file"
    try:
        file_type = check_upload(
            upload,
            name=name,
            size=upload.size,
            max_bytes=campaign.evidence_max_file_mb * 1024 * 1024,
            only=campaign.evidence_types_for(part, slot_id),
        )
    except FileRejected as exc:
        raise ValidationError(exc.message, code=exc.code) from exc
    evidence = EvidenceFile(
        entry=entry,
        part=part,
        slot_id=slot_id,
        original_name=name,
        content_type=file_type.content_type,
        size=upload.size,
        uploaded_by=actor,
        uploaded_at=now,
    )
    upload.seek(0)
    evidence.file.save(name, upload, save=False)
    # The row and the stored file go together: if writing the row fails, the file goes too.
    stored = evidence.file.name
    try:
        with transaction.atomic():
            evidence.save()
            kind = EntryEventKind.CORRECTED if correcting else EntryEventKind.EVIDENCE_CHANGED
            entry_event(entry, kind, actor, now, f"เพิ่มไฟล์หลักฐาน {name} ({slot.label_th})")
            audit_record(
                actor=actor,
                action="awards.evidence_add",
                target=entry,
                after={
                    "evidence_file": evidence.pk,
                    "slot": path,
                    "name": name,
                    "size": evidence.size,
                    "content_type": evidence.content_type,
                },
            )
    except Exception:
        if stored:
            evidence.file.storage.delete(stored)
        raise
    return evidence


@transaction.atomic
def evidence_remove(*, evidence: EvidenceFile, actor: User, now: datetime | None = None) -> None:
    """Delete one evidence file; the stored file is removed once the deletion is committed."""
    now = now or timezone.now()
    entry = (
        Entry.objects.select_for_update(of=("self",))
        .select_related("campaign", "category")
        .get(pk=evidence.entry_id)
    )
    evidence = EvidenceFile.objects.get(pk=evidence.pk, entry=entry)
    correcting = _evidence_open(entry, evidence.answer_path, now)
    before = {
        "evidence_file": evidence.pk,
        "slot": evidence.answer_path,
        "name": evidence.original_name,
        "size": evidence.size,
    }
    evidence.delete()  # the stored file goes once this commits (models._evidence_file_deleted)
    kind = EntryEventKind.CORRECTED if correcting else EntryEventKind.EVIDENCE_CHANGED
    entry_event(entry, kind, actor, now, f"ลบไฟล์หลักฐาน {evidence.original_name}")
    audit_record(actor=actor, action="awards.evidence_remove", target=entry, before=before)
