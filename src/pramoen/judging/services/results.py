"""A group's results: the chair's consensus, finalization (results stored from the pinned
instrument) and an appeal that reopens one entry."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from pramoen.awards.enums import EntryStatus
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
from pramoen.judging.selectors.results import EntryScore, group_scores
from pramoen.judging.selectors.reviews import entry_eligible, entry_locked
from pramoen.judging.services.conflicts import CHAIR_CONFLICTED, is_conflicted
from pramoen.judging.services.result_store import results_store
from pramoen.judging.services.reviews import (
    LOCKED_MESSAGE,
    NO_PROOF,
    StaleReview,
    clean_indicators,
    version_record,
)
from pramoen.orgs.imports.engine import audit_rows


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
) -> QuerySet[EntryResult]:
    """Lock a group: recompute every result from stored answers + the pinned hash and store it.

    Set-based (issue 12): the group is scored by ``group_scores`` (one read per table), results
    are written by ``results_store`` (new rows inserted and changed rows updated in batches, the
    finalization stamped in one statement), and the audit log gets one row for the group (every
    entry's total, tier and rank, as before) plus one row per entry whose stored result changed
    (a re-finalization after an appeal), all in this transaction.
    """
    committee = (
        Committee.objects.select_for_update().select_related("category").get(pk=committee.pk)
    )
    if actor.pk != committee.chair_id:
        raise PermissionDenied("เฉพาะประธานคณะกรรมการเท่านั้นที่ยืนยันผลได้")
    if seen_version is not None and seen_version != committee.version:
        raise StaleReview("มีการยืนยันผลกลุ่มนี้จากหน้าจออื่นแล้ว กรุณาโหลดหน้าใหม่")
    category = committee.category
    scores = group_scores(category)
    problems = _finalize_problems(scores)
    if problems:
        raise ValidationError(["ยังยืนยันผลไม่ได้", *problems])
    now = timezone.now()
    compiled = pinned_scoring(category)
    changed = results_store(category=category, scores=scores, compiled=compiled, now=now)
    before_state = {
        "finalized_at": committee.finalized_at.isoformat() if committee.finalized_at else None
    }
    committee.finalized_at = now
    committee.finalized_by = actor
    committee.version += 1
    committee.save(update_fields=["finalized_at", "finalized_by", "version"])
    tiers: dict[str, int] = {}
    for score in scores:
        tiers[score.tier or ""] = tiers.get(score.tier or "", 0) + 1
    audit_record(
        actor=actor,
        action="judging.finalize",
        target=committee,
        before=before_state,
        after={
            "finalized_at": now.isoformat(),
            "entries": len(scores),
            "changed": len(changed),
            "tiers": dict(sorted(tiers.items())),
            "results": {
                str(s.entry_id): ["" if s.total is None else str(s.total), s.tier or "", s.rank]
                for s in scores
            },
        },
    )
    if changed:
        audit_rows(
            actor=actor,
            action="judging.result_change",
            target_type="awards.entry",
            items=((entry_id, f"ผลงาน {entry_id}", old, new) for entry_id, old, new in changed),
            reason=f"ยืนยันผล {committee}",
        )
    return EntryResult.objects.filter(
        entry__category=category, entry__status=EntryStatus.SUBMITTED
    ).order_by("entry_id")


def _finalize_problems(scores: list[EntryScore]) -> list[str]:
    """Why the group cannot be finalized yet, one line per entry (as the chair reads them)."""
    found: list[tuple[int, str]] = []
    for s in scores:
        if s.eligible is None:
            # The tier depends on the eligibility gate: an unknown result cannot be published.
            found.append((s.entry_id, "ยังไม่ได้บันทึกผลการตรวจคุณสมบัติเบื้องต้น"))
            continue
        if s.consensus or s.eligible is False:
            continue  # screened out: no tier, no rank, whatever the judges did
        if s.pending:
            found.append((s.entry_id, f"กรรมการยังส่งผลไม่ครบ (ค้าง {s.pending} คน)"))
        elif s.total is None:
            found.append((s.entry_id, "ยังไม่มีผลการประเมิน"))
        elif s.flag is not None and s.flag.flagged:
            found.append((s.entry_id, "คะแนนของกรรมการต่างกันเกินเกณฑ์ ต้องปรับหรือบันทึกมติก่อน"))
    if not found:
        return []
    entries = Entry.objects.filter(pk__in=[pk for pk, _ in found]).select_related(
        "school", "category"
    )
    names = {e.pk: str(e) for e in entries}
    return [f"{names[pk]}: {text}" for pk, text in found]


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
        review_back.update(
            status=ReviewStatus.DRAFT, version=F("version") + 1, submitted_at=None, **NO_PROOF
        )
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
