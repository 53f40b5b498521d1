"""Conflicts of interest as they stand now: the rows recorded, plus the org-chart conflicts that
nobody has recorded yet (own school, same school network). Reading them never writes: a page
shows an unrecorded conflict as an unsaved row, and a write records it
(:func:`pramoen.judging.services.conflicts_derive`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pramoen.awards.models import Entry
from pramoen.core.types import User
from pramoen.judging.enums import ConflictSource
from pramoen.judging.models import ConflictOfInterest

DERIVED_REASONS: dict[str, str] = {
    ConflictSource.OWN_SCHOOL: "กรรมการสังกัดสถานศึกษาของผู้ส่งผลงาน",
    ConflictSource.SAME_NETWORK: "กรรมการสังกัดกลุ่มโรงเรียนเดียวกัน",
}


def judge_schools(judge: User) -> tuple[set[int], set[int]]:
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


def _derived_source(entry: Entry, schools: set[int], networks: set[int]) -> str | None:
    if entry.school_id in schools:
        return ConflictSource.OWN_SCHOOL
    if entry.school.network_id and entry.school.network_id in networks:
        return ConflictSource.SAME_NETWORK
    return None


def conflicts_for(*, judge: User, entries: Sequence[Entry]) -> dict[int, list[ConflictOfInterest]]:
    """Every conflict of ``judge`` with ``entries``, per entry: the recorded rows, then an unsaved
    (active) row for each org-chart conflict not recorded yet. Overridden rows stay."""
    schools, networks = judge_schools(judge)
    entry_ids = [e.pk for e in entries]
    existing: dict[tuple[int, str], ConflictOfInterest] = {
        (c.entry_id, c.source): c
        for c in ConflictOfInterest.objects.filter(judge=judge, entry_id__in=entry_ids)
    }
    for entry in entries:
        source = _derived_source(entry, schools, networks)
        if source is not None and (entry.pk, source) not in existing:
            existing[(entry.pk, source)] = ConflictOfInterest(
                entry=entry, judge=judge, source=source, reason=DERIVED_REASONS[source]
            )
    rows: dict[int, list[ConflictOfInterest]] = {pk: [] for pk in entry_ids}
    for (entry_id, _source), row in existing.items():
        rows[entry_id].append(row)
    return rows


def active_entry_ids(rows: dict[int, list[ConflictOfInterest]]) -> set[int]:
    return {pk for pk, found in rows.items() if any(c.active for c in found)}


def conflicted_entry_ids(*, judge: User, entries: Sequence[Entry]) -> set[int]:
    """The entries ``judge`` may not judge now (an active conflict, recorded or not)."""
    return active_entry_ids(conflicts_for(judge=judge, entries=entries))


def group_conflicts(
    *, entries: Sequence[Entry], judges: Iterable[User]
) -> list[ConflictOfInterest]:
    """The conflicts a chair sees for a group: every recorded row for its entries and the
    unrecorded org-chart conflicts of its judges, by entry then judge."""
    entry_ids = [e.pk for e in entries]
    recorded = list(
        ConflictOfInterest.objects.filter(entry_id__in=entry_ids).select_related(
            "judge", "entry", "entry__school"
        )
    )
    seen = {(c.entry_id, c.judge_id, c.source) for c in recorded}
    unrecorded = []
    for judge in judges:
        schools, networks = judge_schools(judge)
        for entry in entries:
            source = _derived_source(entry, schools, networks)
            if source is not None and (entry.pk, judge.pk, source) not in seen:
                unrecorded.append(
                    ConflictOfInterest(
                        entry=entry, judge=judge, source=source, reason=DERIVED_REASONS[source]
                    )
                )
    return sorted([*recorded, *unrecorded], key=lambda c: (c.entry_id, c.judge_id, c.pk or 0))
