"""Conflicts of interest: derived from the org chart, declared by a judge, overridden by the
chair."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from pramoen.awards.models import Entry
from pramoen.core.services import audit_record
from pramoen.core.types import User
from pramoen.judging.enums import ConflictSource
from pramoen.judging.models import Committee, ConflictOfInterest
from pramoen.judging.selectors.conflicts import active_entry_ids, conflicts_for


@transaction.atomic
def conflicts_derive(
    *, judge: User, entries: Sequence[Entry]
) -> dict[int, list[ConflictOfInterest]]:
    """Record the org-chart conflicts of ``judge`` with ``entries``; return every row per entry.

    Own school and same school network (กลุ่มโรงเรียน) are derived
    (:func:`pramoen.judging.selectors.conflicts_for`); a self-declared reason is stored by
    :func:`conflict_declare`. Overridden rows stay (with the chair's reason).
    """
    rows = conflicts_for(judge=judge, entries=entries)
    for found in rows.values():
        for row in found:
            if row.pk is None:
                row.save()
                audit_record(
                    actor=None,
                    action="judging.conflict_derive",
                    target=row,
                    after={"entry": row.entry_id, "judge": row.judge_id, "source": row.source},
                )
    return rows


def conflicted_entry_ids(*, judge: User, entries: Sequence[Entry]) -> set[int]:
    """The entries ``judge`` may not judge, recording the derived conflicts on the way."""
    return active_entry_ids(conflicts_derive(judge=judge, entries=entries))


def is_conflicted(*, judge: User, entry: Entry) -> bool:
    return entry.pk in conflicted_entry_ids(judge=judge, entries=[entry])


CHAIR_CONFLICTED = "ประธานมีส่วนได้เสียกับผลงานนี้ จึงตัดสินผลงานนี้ไม่ได้ กรุณาแจ้งเจ้าหน้าที่เขตพื้นที่การศึกษาให้พิจารณา"


@transaction.atomic
def conflict_declare(*, entry: Entry, judge: User, reason: str) -> ConflictOfInterest:
    if not reason.strip():
        raise ValidationError("กรุณาระบุเหตุผลของส่วนได้เสีย")
    conflict, _ = ConflictOfInterest.objects.update_or_create(
        entry=entry,
        judge=judge,
        source=ConflictSource.DECLARED,
        defaults={"reason": reason.strip(), "overridden_at": None, "overridden_by": None},
    )
    audit_record(actor=judge, action="judging.conflict_declare", target=conflict, reason=reason)
    return conflict


@transaction.atomic
def conflict_override(
    *, conflict: ConflictOfInterest, actor: User, reason: str
) -> ConflictOfInterest:
    """Only the chair of the entry's committee may let a conflicted judge judge, with a reason."""
    committee = Committee.objects.get(category_id=conflict.entry.category_id)
    if actor.pk != committee.chair_id:
        raise PermissionDenied("เฉพาะประธานคณะกรรมการเท่านั้นที่อนุญาตได้")
    if conflict.judge_id == actor.pk:
        raise PermissionDenied(
            "ประธานอนุญาตส่วนได้เสียของตนเองไม่ได้ กรุณาแจ้งเจ้าหน้าที่เขตพื้นที่การศึกษาให้พิจารณา"
        )
    if not reason.strip():
        raise ValidationError("กรุณาระบุเหตุผลที่อนุญาต")
    conflict.overridden_at = timezone.now()
    conflict.overridden_by = actor
    conflict.override_reason = reason.strip()
    conflict.save(update_fields=["overridden_at", "overridden_by", "override_reason"])
    audit_record(
        actor=actor,
        action="judging.conflict_override",
        target=conflict,
        before={"active": True},
        after={"active": False, "source": conflict.source},
        reason=reason,
    )
    return conflict
