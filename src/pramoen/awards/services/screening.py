"""Eligibility screening: checks computed from master data, staff overrides, confirmation (which
keeps the judging gate in step)."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pramoen.awards import screening
from pramoen.awards.enums import (
    AwardCategory,
    CheckDecision,
    CheckOutcome,
    Eligibility,
    EntryEventKind,
    EntryStatus,
)
from pramoen.awards.models import (
    Campaign,
    EligibilityCheck,
    Entry,
)
from pramoen.awards.notifications import (
    notify_screened,
)
from pramoen.awards.selectors import (
    person_facts,
    person_for_entry,
    school_facts,
    screening_parameters,
    size_facts,
)
from pramoen.awards.services.entries import entry_event
from pramoen.awards.signals import entry_screened
from pramoen.core.services import audit_record
from pramoen.core.types import User


def _compute_checks(entry: Entry) -> list[screening.CheckResult]:
    params = screening_parameters(entry)
    size = size_facts(entry)
    if entry.category.category == AwardCategory.SCHOOL:
        return screening.screen_school(school_facts(entry, params), params, size)
    person, why_not = person_for_entry(entry)
    if person is not None and entry.person_id != person.pk:
        entry.person = person
        entry.save(update_fields=["person", "updated_at"])
    return screening.screen_person(person_facts(entry, person, why_not), params, size)


@transaction.atomic
def screening_run(
    *, entry: Entry, actor: User, now: datetime | None = None
) -> list[EligibilityCheck]:
    """Compute the entry's checks from master data. Idempotent: a re-run rewrites the computed
    outcome and basis, resets a confirmation whose computed outcome changed, and never touches a
    staff override."""
    now = now or timezone.now()
    entry = (
        Entry.objects.select_for_update(of=("self",))
        .select_related("campaign", "campaign__esa", "category", "school", "person")
        .get(pk=entry.pk)
    )
    if entry.status != EntryStatus.SUBMITTED:
        raise ValidationError("ตรวจคุณสมบัติได้เฉพาะผลงานที่ส่งแล้ว")
    existing = {check.code: check for check in entry.eligibility_checks.all()}
    checks = []
    reset: list[dict[str, object]] = []
    for position, result in enumerate(_compute_checks(entry)):
        check = existing.pop(str(result.code), None) or EligibilityCheck(
            entry=entry, code=str(result.code)
        )
        if check.decision == CheckDecision.CONFIRMED and check.computed_outcome != result.outcome:
            # A staff decision undone by new master data is a change of a decision: audited.
            reset.append(
                {
                    "code": check.code,
                    "confirmed_by": check.decided_by_id,
                    "confirmed_at": check.decided_at,
                    "was": check.computed_outcome,
                    "now": str(result.outcome),
                }
            )
            check.decision, check.decided_by, check.decided_at = "", None, None
        check.position = position
        check.title_th = result.title_th
        check.rule_th = result.rule_th
        check.computed_outcome = str(result.outcome)
        check.basis_th = result.basis_th
        check.computed_at = now
        check.save()
        checks.append(check)
    # Checks no longer computed (the category changed) are dropped unless staff decided them.
    for stale in existing.values():
        if not stale.decision:
            stale.delete()
    if reset:
        audit_record(
            actor=actor,
            action="awards.screening_confirmation_reset",
            target=entry,
            before={"confirmed": reset},
            reason="ข้อมูลพื้นฐานเปลี่ยน ผลการตรวจที่คำนวณใหม่ต่างจากที่เจ้าหน้าที่ยืนยันไว้",
        )
    return checks


@transaction.atomic
def screening_run_campaign(*, campaign: Campaign, actor: User) -> int:
    entries = list(campaign.entries.filter(status=EntryStatus.SUBMITTED).only("pk"))
    for entry in entries:
        screening_run(entry=entry, actor=actor)
    audit_record(
        actor=actor,
        action="awards.screening_run",
        target=campaign,
        after={"entries": [entry.pk for entry in entries]},
    )
    return len(entries)


@transaction.atomic
def screening_override(
    *, check: EligibilityCheck, actor: User, outcome: str, reason: str, now: datetime | None = None
) -> EligibilityCheck:
    """ESA staff set one check's outcome themselves; the reason is required and audited."""
    now = now or timezone.now()
    if outcome not in CheckOutcome.values:
        raise ValidationError("ผลการตรวจไม่ถูกต้อง")
    reason = reason.strip()
    if not reason:
        raise ValidationError("กรุณาระบุเหตุผลที่กำหนดผลต่างจากที่ระบบคำนวณ")
    check = EligibilityCheck.objects.select_for_update().get(pk=check.pk)
    before = {"outcome": check.outcome, "decision": check.decision, "reason": check.reason}
    check.decision = CheckDecision.OVERRIDDEN
    check.override_outcome = outcome
    check.reason = reason
    check.decided_by = actor if getattr(actor, "is_authenticated", False) else None
    check.decided_at = now
    check.save()
    audit_record(
        actor=actor,
        action="awards.screening_override",
        target=check,
        before=before,
        after={"outcome": outcome, "decision": check.decision, "reason": reason},
        reason=reason,
    )
    return check


@transaction.atomic
def screening_confirm(*, entry: Entry, actor: User, now: datetime | None = None) -> Entry:
    """Staff confirm the screening: any failing check makes the entry not eligible (ประกาศ ข้อ ๔:
    ไม่มอบเกียรติบัตร). A check still "needs evidence" must be decided (overridden) first."""
    now = now or timezone.now()
    entry = (
        Entry.objects.select_for_update(of=("self",))
        .select_related("campaign", "category", "school", "created_by")
        .get(pk=entry.pk)
    )
    if entry.status != EntryStatus.SUBMITTED:
        raise ValidationError("ยืนยันผลได้เฉพาะผลงานที่ส่งแล้ว")
    checks = list(entry.eligibility_checks.order_by("position"))
    if not checks:
        raise ValidationError("ยังไม่ได้ตรวจคุณสมบัติ กรุณากดตรวจคุณสมบัติก่อน")
    pending = [c for c in checks if c.outcome == CheckOutcome.NEEDS_EVIDENCE]
    if pending:
        raise ValidationError(
            "ยังมีรายการที่ต้องมีหลักฐานเพิ่ม กรุณาตรวจหลักฐานแล้วกำหนดผลพร้อมเหตุผล: "
            + ", ".join(c.title_th for c in pending)
        )
    decided_by = actor if getattr(actor, "is_authenticated", False) else None
    for check in checks:
        if not check.decision:
            check.decision, check.decided_by, check.decided_at = (
                CheckDecision.CONFIRMED,
                decided_by,
                now,
            )
            check.save(update_fields=["decision", "decided_by", "decided_at"])
    failed = [c for c in checks if c.outcome == CheckOutcome.FAIL]
    before = entry.eligibility
    entry.eligibility = Eligibility.NOT_ELIGIBLE if failed else Eligibility.ELIGIBLE
    entry.screened_at, entry.screened_by = now, decided_by
    entry.save(update_fields=["eligibility", "screened_at", "screened_by", "updated_at"])
    note = str(entry.get_eligibility_display())
    if failed:
        note += ": " + ", ".join(c.title_th for c in failed)
    entry_event(entry, EntryEventKind.SCREENED, actor, now, note)
    audit_record(
        actor=actor,
        action="awards.screening_confirm",
        target=entry,
        before={"eligibility": before},
        after={"eligibility": entry.eligibility, "failed": [c.code for c in failed]},
    )
    # The judging app's eligibility gate reads its own record; it keeps it in step on this
    # signal (judging depends on awards, not the other way round).
    entry_screened.send(
        sender=Entry, entry=entry, eligible=not failed, actor=actor, reason=note if failed else ""
    )
    notify_screened(entry, failed)
    return entry
