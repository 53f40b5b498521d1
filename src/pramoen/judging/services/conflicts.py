"""Conflicts of interest: derived from the org chart, declared by a judge, overridden by the
chair."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from pramoen.awards.models import Entry
from pramoen.core.services import audit_record
from pramoen.judging.enums import ConflictSource
from pramoen.judging.models import (
    Committee,
    ConflictOfInterest,
)


def _judge_schools(judge: Any) -> tuple[set[int], set[int]]:
    """Schools the judge belongs to (roles, or their staff record) and those schools' networks."""
    from pramoen.orgs.models import Organization, Person

    ids = set(
        judge.memberships.filter(is_active=True, organization__kind="school").values_list(
            "organization_id", flat=True
        )
    )
    if getattr(judge, "national_id", ""):
        ids |= set(
            Person.objects.filter(
                national_id=judge.national_id, organization__kind="school"
            ).values_list("organization_id", flat=True)
        )
    networks = set(
        Organization.objects.filter(pk__in=ids, network__isnull=False).values_list(
            "network_id", flat=True
        )
    )
    return ids, networks


def conflicts_derive(
    *, judge: Any, entries: Sequence[Entry]
) -> dict[int, list[ConflictOfInterest]]:
    """Record the org-chart conflicts of ``judge`` with ``entries``; return every row per entry.

    Own school and same school network (กลุ่มโรงเรียน) are derived; a self-declared reason is
    stored by :func:`conflict_declare`. Overridden rows stay (with the chair's reason).
    """
    schools, networks = _judge_schools(judge)
    entry_ids = [e.pk for e in entries]
    existing: dict[tuple[int, str], ConflictOfInterest] = {
        (c.entry_id, c.source): c
        for c in ConflictOfInterest.objects.filter(judge=judge, entry_id__in=entry_ids)
    }
    for entry in entries:
        found = []
        if entry.school_id in schools:
            found.append((ConflictSource.OWN_SCHOOL, "กรรมการสังกัดสถานศึกษาของผู้ส่งผลงาน"))
        elif entry.school.network_id and entry.school.network_id in networks:
            found.append((ConflictSource.SAME_NETWORK, "กรรมการสังกัดกลุ่มโรงเรียนเดียวกัน"))
        for source, reason in found:
            if (entry.pk, source) not in existing:
                existing[(entry.pk, source)] = ConflictOfInterest.objects.create(
                    entry=entry, judge=judge, source=source, reason=reason
                )
    rows: dict[int, list[ConflictOfInterest]] = {pk: [] for pk in entry_ids}
    for (entry_id, _source), row in existing.items():
        rows[entry_id].append(row)
    return rows


def conflicted_entry_ids(*, judge: Any, entries: Sequence[Entry]) -> set[int]:
    rows = conflicts_derive(judge=judge, entries=entries)
    return {pk for pk, found in rows.items() if any(c.active for c in found)}


def is_conflicted(*, judge: Any, entry: Entry) -> bool:
    return entry.pk in conflicted_entry_ids(judge=judge, entries=[entry])


CHAIR_CONFLICTED = "ประธานมีส่วนได้เสียกับผลงานนี้ จึงตัดสินผลงานนี้ไม่ได้ กรุณาแจ้งเจ้าหน้าที่เขตพื้นที่การศึกษาให้พิจารณา"


@transaction.atomic
def conflict_declare(*, entry: Entry, judge: Any, reason: str) -> ConflictOfInterest:
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
    *, conflict: ConflictOfInterest, actor: Any, reason: str
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
