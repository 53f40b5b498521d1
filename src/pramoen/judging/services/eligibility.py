"""The eligibility gate as the judging side records it (staff screening decides first)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from pramoen.awards.models import Entry
from pramoen.core.services import audit_record
from pramoen.core.types import User
from pramoen.judging.models import (
    Eligibility,
)
from pramoen.judging.selectors.reviews import entry_eligible, entry_locked
from pramoen.judging.services.conflicts import CHAIR_CONFLICTED, is_conflicted
from pramoen.judging.services.reviews import LOCKED_MESSAGE


@transaction.atomic
def eligibility_record(
    *, entry: Entry, eligible: bool, actor: User, reason: str = ""
) -> Eligibility:
    before = entry_eligible(entry)
    record, _ = Eligibility.objects.update_or_create(
        entry=entry, defaults={"eligible": eligible, "reason": reason, "recorded_by": actor}
    )
    audit_record(
        actor=actor,
        action="judging.eligibility",
        target=entry,
        before={"eligible": before},
        after={"eligible": eligible},
        reason=reason,
    )
    return record


@transaction.atomic
def eligibility_set_by_chair(
    *, entry: Entry, eligible: bool, actor: User, reason: str = ""
) -> Eligibility:
    """The chair records eligibility for an entry ESA staff have not screened.

    Staff screening (awards.services.screening_confirm) is the audited decision, with its Thai
    basis and the applicant told: once it is made the chair cannot turn it, and a "not eligible"
    from the chair needs a reason.
    """
    entry = Entry.objects.select_for_update().get(pk=entry.pk)
    if is_conflicted(judge=actor, entry=entry):
        raise PermissionDenied(CHAIR_CONFLICTED)
    if entry.screened_at is not None:
        raise ValidationError(
            "เจ้าหน้าที่เขตพื้นที่การศึกษายืนยันผลการตรวจคุณสมบัติของผลงานนี้แล้ว ประธานจึงเปลี่ยนไม่ได้"
        )
    if entry_locked(entry.pk):
        raise ValidationError(LOCKED_MESSAGE)
    if not eligible and not reason.strip():
        raise ValidationError("กรุณาระบุเหตุผลที่ผลงานไม่ผ่านคุณสมบัติ")
    return eligibility_record(entry=entry, eligible=eligible, actor=actor, reason=reason.strip())


def on_entry_screened(
    sender: Any, *, entry: Entry, eligible: bool, actor: User, reason: str, **kwargs: Any
) -> None:
    """Staff screening (awards.services.screening_confirm) decided: the gate follows it."""
    eligibility_record(entry=entry, eligible=eligible, actor=actor, reason=reason)
