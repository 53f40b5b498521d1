"""Re-pinning a competition group to the current version of its instrument (issue 10).

A category keeps scoring with the version it pinned, however the library file changes
(``core.instrument_store``). When the library corrects a form, staff may move an open group to
the new version after reading what changed (``instruments.diff``); once any judge has opened an
entry of the group, its version is fixed — a group is never judged on two versions.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from pramoen.awards.models import CampaignCategory
from pramoen.awards.selectors import category_repin_preview
from pramoen.core.instrument_store import instrument_snapshot_store
from pramoen.core.services import audit_record


@transaction.atomic
def category_repin(
    *, category: CampaignCategory, slot: str, expected_hash: str, actor: Any
) -> CampaignCategory:
    """Pin ``slot`` of ``category`` to the current library version the person was shown."""
    category = CampaignCategory.objects.select_for_update().get(pk=category.pk)
    preview = category_repin_preview(category=category, slot=slot)
    if preview.blocked_th:
        raise ValidationError(preview.blocked_th)
    if preview.current_hash != expected_hash:
        # The library changed between the confirmation page and the click: show the new diff.
        raise ValidationError("แบบประเมินในระบบเปลี่ยนอีกครั้งหลังจากที่ท่านเปิดหน้านี้ กรุณาตรวจสอบอีกครั้ง")
    instrument_snapshot_store(instrument=preview.current)
    field = f"{slot}_instrument_hash"
    before = getattr(category, field)
    setattr(category, field, preview.current_hash)
    category.save(update_fields=[field])
    audit_record(
        actor=actor,
        action="awards.category_repin",
        target=category,
        before={"slot": slot, "instrument_hash": before},
        after={
            "slot": slot,
            "instrument_hash": preview.current_hash,
            "changes": [c.text_th for c in preview.changes],
        },
    )
    return category
