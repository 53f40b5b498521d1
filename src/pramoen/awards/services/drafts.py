"""Before submission an applicant may throw a draft away or move it to another group (issue 20:
a wrong pick could only be withdrawn, and the withdrawn row stayed in the list forever)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pramoen.awards.enums import EntryEventKind, EntryStatus
from pramoen.awards.models import Campaign, CampaignCategory, Entry
from pramoen.awards.prefill import answers_with
from pramoen.awards.services.entries import (
    DELETED_MESSAGE,
    _empty_answers,
    entry_event,
    registry_answers,
)
from pramoen.core.services import audit_record
from pramoen.core.types import User

NOT_DRAFT = "ลบหรือเปลี่ยนกลุ่มได้เฉพาะใบสมัครฉบับร่างที่ยังไม่ได้ส่ง (ผลงานที่ส่งแล้วใช้การถอนผลงาน)"


def _draft_locked(entry: Entry) -> Entry:
    entry = (
        Entry.objects.select_for_update(of=("self",))
        .select_related("campaign", "category", "school")
        .get(pk=entry.pk)
    )
    if entry.deleted_at is not None:
        raise ValidationError(DELETED_MESSAGE)
    if entry.status != EntryStatus.DRAFT:
        raise ValidationError(NOT_DRAFT)
    return entry


@transaction.atomic
def entry_delete(*, entry: Entry, actor: User, now: datetime | None = None) -> Entry:
    """Delete a draft: it leaves the applicant's lists and frees its place in the domain limit.
    The row stays (soft delete) so the audit log's target still resolves."""
    now = now or timezone.now()
    entry = _draft_locked(entry)
    entry.deleted_at = now
    entry.save(update_fields=["deleted_at", "updated_at"])
    entry_event(entry, EntryEventKind.DELETED, actor, now)
    audit_record(
        actor=actor,
        action="awards.entry_delete",
        target=entry,
        before={"status": EntryStatus.DRAFT},
        after={"deleted": True},
    )
    return entry


def _carry(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """The new group's empty answers with every answer the old ones share (same slot, same
    field or evidence id) carried over: a name typed once is not typed again."""
    for slot, part in new.items():
        for section, values in part.items():
            before = ((old.get(slot) or {}).get(section)) or {}
            for key in values:
                if key in before:
                    values[key] = before[key]
    return new


@transaction.atomic
def entry_change_category(
    *,
    entry: Entry,
    category: CampaignCategory,
    actor: User,
    allowed_ids: list[int],
    now: datetime | None = None,
) -> Entry:
    """Move a draft to another group of the same campaign, one the picker offers this account
    (``allowed_ids``: ``awards.picker``); the per-domain limit is checked as at start."""
    now = now or timezone.now()
    entry = _draft_locked(entry)
    if category.pk == entry.category_id:
        raise ValidationError("ใบสมัครนี้อยู่ในกลุ่มนี้แล้ว")
    if category.campaign_id != entry.campaign_id or category.pk not in allowed_ids:
        raise ValidationError("กลุ่มนี้ไม่เปิดให้บัญชีนี้สมัคร (ขนาดโรงเรียนหรือตำแหน่งไม่ตรงกับกลุ่ม)")
    campaign = Campaign.objects.select_for_update().get(pk=entry.campaign_id)
    if not campaign.schedule().accepts_submissions(now):
        raise ValidationError("ปิดรับผลงานแล้ว จึงเปลี่ยนกลุ่มไม่ได้")
    if category.domain != entry.category.domain:
        taken = (
            Entry.objects.filter(
                campaign=campaign,
                category__domain=category.domain,
                nominee_key=entry.nominee_key,
                deleted_at__isnull=True,
            )
            .exclude(status=EntryStatus.WITHDRAWN)
            .exclude(pk=entry.pk)
            .count()
        )
        if taken >= campaign.entries_per_person_per_domain:
            raise ValidationError(
                f"{entry.nominee_name or entry.school.name_th} มีผลงาน"
                f"{category.get_domain_display()}ในการประกวดนี้แล้ว"
            )
    before = entry.category
    entry.category = category
    entry.answers = answers_with(
        _carry(entry.answers, _empty_answers(category)),
        registry_answers(entry),
        only_blank=False,
    )
    entry.save(update_fields=["category", "answers", "updated_at"])
    entry_event(entry, EntryEventKind.CATEGORY_CHANGED, actor, now, category.label_th)
    audit_record(
        actor=actor,
        action="awards.entry_change_category",
        target=entry,
        before={"category": before.pk},
        after={"category": category.pk},
    )
    return entry
