"""A group's results: the chair's consensus, finalization (results stored from the pinned
instrument) and an appeal that reopens one entry."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from pramoen.awards.models import Entry
from pramoen.core.services import audit_record
from pramoen.core.types import User
from pramoen.judging.enums import ReviewStatus
from pramoen.judging.models import (
    Committee,
    Consensus,
    EntryResult,
    Review,
)
from pramoen.judging.scoring import (
    answer_shapes,
    document,
    pinned_scoring,
    score_document,
)
from pramoen.judging.selectors.results import entry_outcomes
from pramoen.judging.selectors.reviews import entry_eligible, entry_locked
from pramoen.judging.services.conflicts import CHAIR_CONFLICTED, is_conflicted
from pramoen.judging.services.reviews import (
    LOCKED_MESSAGE,
    StaleReview,
    clean_indicators,
    version_record,
)


@transaction.atomic
def consensus_record(
    *, entry: Entry, actor: User, indicators: dict[str, Any], reason: str
) -> Consensus:
    committee = Committee.objects.select_for_update().get(category_id=entry.category_id)
    if actor.pk != committee.chair_id:
        raise PermissionDenied("เฉพาะประธานคณะกรรมการเท่านั้นที่บันทึกมติได้")
    if is_conflicted(judge=actor, entry=entry):
        raise PermissionDenied(CHAIR_CONFLICTED)
    if entry_locked(entry.pk):
        raise ValidationError(LOCKED_MESSAGE)
    if not reason.strip():
        raise ValidationError("กรุณาระบุเหตุผลของมติคณะกรรมการ")
    compiled = pinned_scoring(entry.category)
    clean = clean_indicators(answer_shapes(compiled), indicators)
    scored = score_document(
        compiled,
        document(compiled=compiled, entry=entry, indicators=clean, eligible=entry_eligible(entry)),
        partial=False,
    )
    if scored.result is None:
        raise ValidationError(["มติยังไม่ครบทุกตัวชี้วัด", *scored.problems])
    before = Consensus.objects.filter(entry=entry).first()
    consensus, _ = Consensus.objects.update_or_create(
        entry=entry, defaults={"indicators": clean, "reason": reason.strip(), "recorded_by": actor}
    )
    audit_record(
        actor=actor,
        action="judging.consensus",
        target=entry,
        before={"indicators": before.indicators} if before else None,
        after={"indicators": clean, "total": str(scored.result.total)},
        reason=reason,
    )
    return consensus


@transaction.atomic
def group_finalize(
    *, committee: Committee, actor: User, seen_version: int | None = None
) -> list[EntryResult]:
    """Lock a group: recompute every result from stored answers + the pinned hash and store it."""
    committee = (
        Committee.objects.select_for_update().select_related("category").get(pk=committee.pk)
    )
    if actor.pk != committee.chair_id:
        raise PermissionDenied("เฉพาะประธานคณะกรรมการเท่านั้นที่ยืนยันผลได้")
    if seen_version is not None and seen_version != committee.version:
        raise StaleReview("มีการยืนยันผลกลุ่มนี้จากหน้าจออื่นแล้ว กรุณาโหลดหน้าใหม่")
    outcomes = entry_outcomes(committee.category)
    problems = []
    for o in outcomes:
        if o.eligible is None:
            # The tier depends on the eligibility gate: an unknown result cannot be published.
            problems.append(f"{o.entry}: ยังไม่ได้บันทึกผลการตรวจคุณสมบัติเบื้องต้น")
            continue
        if o.consensus or o.eligible is False:
            continue  # screened out: no tier, no rank, whatever the judges did
        if o.pending:
            problems.append(f"{o.entry}: กรรมการยังส่งผลไม่ครบ (ค้าง {o.pending} คน)")
        elif o.total is None:
            problems.append(f"{o.entry}: ยังไม่มีผลการประเมิน")
        elif o.flag is not None and o.flag.flagged:
            problems.append(f"{o.entry}: คะแนนของกรรมการต่างกันเกินเกณฑ์ ต้องปรับหรือบันทึกมติก่อน")
    if problems:
        raise ValidationError(["ยังยืนยันผลไม่ได้", *problems])
    now = timezone.now()
    compiled = pinned_scoring(committee.category)
    results = []
    for o in outcomes:
        result, _ = EntryResult.objects.update_or_create(
            entry=o.entry,
            defaults={
                "instrument_hash": committee.category.scoring_instrument_hash,
                "method": o.method,
                "total": "" if o.total is None else str(o.total),
                "total_display": "-" if o.total is None else _display(compiled, o.total),
                "eligible": o.eligible,
                "tier": o.tier or "",
                "tier_label_th": o.tier_label_th,
                "rank": o.rank,
                "judge_totals": [[j, str(t)] for j, t in o.judge_totals],
                "finalized_at": now,
                "reopened_at": None,
                "reopen_reason": "",
            },
        )
        results.append(result)
    before_state = {
        "finalized_at": committee.finalized_at.isoformat() if committee.finalized_at else None
    }
    committee.finalized_at = now
    committee.finalized_by = actor
    committee.version += 1
    committee.save(update_fields=["finalized_at", "finalized_by", "version"])
    audit_record(
        actor=actor,
        action="judging.finalize",
        target=committee,
        before=before_state,
        after={
            "finalized_at": now.isoformat(),
            "results": {str(r.entry_id): [r.total, r.tier, r.rank] for r in results},
        },
    )
    return results


def _display(compiled: Any, total: Decimal) -> str:
    from pramoen.instruments.scoring import _ROUNDING

    display = compiled.instrument.display
    quantum = Decimal(1).scaleb(-display.decimals)
    return format(total.quantize(quantum, rounding=_ROUNDING[display.rounding]), "f")


@transaction.atomic
def entry_reopen(*, entry: Entry, actor: User, reason: str) -> EntryResult:
    """An appeal: an ESA admin reopens one finalized entry; its reviews become drafts again."""
    from pramoen.awards.selectors import esas_managed_by

    if not esas_managed_by(user=actor).filter(pk=entry.campaign.esa_id).exists():
        raise PermissionDenied("เฉพาะผู้ดูแลของเขตพื้นที่การศึกษาผู้จัดเท่านั้นที่เปิดผลเพื่ออุทธรณ์ได้")
    if not reason.strip():
        raise ValidationError("กรุณาระบุเหตุผลของการอุทธรณ์")
    Committee.objects.select_for_update().filter(category_id=entry.category_id).first()
    result = EntryResult.objects.select_for_update().filter(entry=entry).first()
    if result is None or result.reopened_at is not None:
        raise ValidationError("ผลงานนี้ยังไม่ได้ยืนยันผล จึงไม่ต้องเปิดเพื่ออุทธรณ์")
    result.reopened_at = timezone.now()
    result.reopen_reason = reason.strip()
    result.save(update_fields=["reopened_at", "reopen_reason"])
    for review in Review.objects.filter(entry=entry, status=ReviewStatus.SUBMITTED):
        review_back = Review.objects.filter(pk=review.pk)
        review_back.update(status=ReviewStatus.DRAFT, version=F("version") + 1, submitted_at=None)
        review.refresh_from_db()
        version_record(review, actor=actor, note="อุทธรณ์: " + reason)
    Consensus.objects.filter(entry=entry).delete()
    audit_record(
        actor=actor,
        action="judging.appeal_reopen",
        target=entry,
        before={"total": result.total, "tier": result.tier, "rank": result.rank},
        after={"reopened": True},
        reason=reason,
    )
    return result
