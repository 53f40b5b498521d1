"""A judge's review: opened on first visit, autosaved, submitted, returned by the chair.

Concurrency: reviews carry a ``version``; every write is a conditional
``UPDATE … WHERE version = <seen>``, so two tabs, a double-clicked submit or a save racing a
finalization cannot overwrite each other — the loser gets a Thai message and the winner's data
stays. (On SQLite the project opens transactions IMMEDIATE, which serialises writers too.)
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.utils import timezone

from pramoen.awards.models import Entry
from pramoen.core.services import audit_record
from pramoen.core.types import User
from pramoen.judging.enums import ReviewStatus
from pramoen.judging.models import (
    Assignment,
    Committee,
    Review,
    ReviewVersion,
)
from pramoen.judging.proof import fields_text, review_digest
from pramoen.judging.scoring import (
    answer_shapes,
    applicant_values,
    confirmation_key,
    document,
    indicator_label_th,
    pinned_scoring,
    score_document,
)
from pramoen.judging.selectors.reviews import entry_eligible, entry_locked

STALE_MESSAGE = (
    "มีการบันทึกผลการประเมินนี้จากหน้าจออื่นหลังจากที่ท่านเปิดหน้านี้ "
    "ระบบจึงไม่บันทึกทับ ข้อมูลที่ท่านกรอกยังอยู่ในหน้านี้ กรุณาโหลดหน้าใหม่แล้วตรวจสอบอีกครั้ง"
)
LOCKED_MESSAGE = "กลุ่มนี้ประธานกรรมการยืนยันผลแล้ว จึงแก้ไขผลการประเมินไม่ได้"


# A review back in the judge's hands holds no proof of validity (its next submit writes one).
NO_PROOF: dict[str, Any] = {"validated_hash": "", "validated_digest": "", "validated_at": None}


class StaleReview(ValidationError):
    """A save or submit based on a version someone else has since replaced."""


@transaction.atomic
def review_open(*, entry: Entry, judge: User) -> Review:
    """The judge's review of ``entry``, created empty by the judge's first save; assignment
    required. (Pages show an unsaved one before that: opening the page writes nothing.)"""
    if not Assignment.objects.filter(entry=entry, judge=judge).exists():
        raise PermissionDenied("ท่านไม่ได้รับมอบหมายให้ประเมินผลงานนี้")
    compiled = pinned_scoring(entry.category)
    review, created = Review.objects.get_or_create(
        entry=entry,
        judge=judge,
        defaults={
            "instrument_id": compiled.instrument.id,
            "instrument_hash": entry.category.scoring_instrument_hash,
            "indicators": {},
        },
    )
    if created:
        ReviewVersion.objects.create(
            review=review, version=0, status=review.status, indicators={}, saved_by=judge
        )
        audit_record(
            actor=judge,
            action="judging.review_open",
            target=review,
            after={"entry": entry.pk, "instrument_hash": review.instrument_hash},
        )
    return review


def version_record(
    review: Review, *, actor: User, note: str = "", confirmed: bool = False
) -> ReviewVersion:
    """The review as it now stands, into its history (with the judge's confirmations when a
    judge saved it; a chair's return or an appeal keeps none)."""
    return ReviewVersion.objects.create(
        review=review,
        version=review.version,
        status=review.status,
        indicators=review.indicators,
        comments=review.comments,
        total=review.total,
        saved_by=actor,
        note=note[:255],
        **({"confirmed": review.confirmed} if confirmed else {}),
    )


def clean_indicators(shapes: dict[str, Any], given: dict[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(given) - set(shapes))
    if unknown:
        raise ValidationError("ไม่มีตัวชี้วัด " + ", ".join(unknown) + " ในเกณฑ์การให้คะแนนนี้")
    # Left out = "not answered yet": a draft may keep it, a submit may not.
    return {path: given[path] for path in shapes if given.get(path) is not None}


@dataclass(frozen=True, slots=True)
class SaveOutcome:
    review: Review
    problems: tuple[str, ...]
    total: Decimal | None


def _indicator_label(compiled: Any, path: str) -> str:
    return indicator_label_th(compiled.instrument, path)


@transaction.atomic
def review_write(
    *,
    review: Review,
    actor: User,
    seen_version: int,
    indicators: dict[str, Any],
    submit: bool,
    comments: dict[str, str] | None = None,
    confirmed: dict[str, str] | None = None,
) -> SaveOutcome:
    """Save (``submit=False``: a draft, incomplete answers kept) or submit a review; refused if
    stale (another tab saved since ``seen_version``) or locked (the group is finalized)."""
    comments = comments or {}
    if actor.pk != review.judge_id:
        raise PermissionDenied("บันทึกผลการประเมินของกรรมการท่านอื่นไม่ได้")
    # The applicant's fields as the database renders them, read with the answers validated below
    # (one row, one snapshot): the submit's proof is a digest of what the check read.
    entry = (
        Entry.objects.select_related("category", "school")
        .annotate(proof_fields=fields_text())
        .get(pk=review.entry_id)
    )
    # Lock the committee row first: a finalization running now waits, or has already locked us.
    Committee.objects.select_for_update().filter(category_id=entry.category_id).first()
    if entry_locked(entry.pk):
        raise ValidationError(LOCKED_MESSAGE)
    compiled = pinned_scoring(entry.category)
    clean = clean_indicators(answer_shapes(compiled), indicators)
    # Every indicator may carry a comment, including those computed from the applicant's data
    # (where a judge notes a number that does not match the evidence).
    paths = {path for path, _c, _i in compiled.instrument.iter_indicators()}
    comments = {k: str(v)[:4000] for k, v in comments.items() if k in paths and str(v).strip()}
    scored = score_document(
        compiled,
        document(compiled=compiled, entry=entry, indicators=clean, eligible=entry_eligible(entry)),
        partial=not submit,
    )
    if submit and scored.result is None:
        unscored = [
            _indicator_label(compiled, path)
            for path in answer_shapes(compiled)
            if path not in clean
        ]
        raise ValidationError(
            ["ยังส่งผลการประเมินไม่ได้ กรุณาประเมินให้ครบทุกตัวชี้วัด"]
            + (["ยังไม่ได้ประเมิน: " + ", ".join(unscored)] if unscored else list(scored.problems))
        )
    # A confirmation counts only for the values as they are now (a changed value voids it).
    supplied = applicant_values(compiled, entry)
    confirmed = {
        path: key
        for path, key in (confirmed or {}).items()
        if path in supplied and key == confirmation_key(supplied[path])
    }
    if submit:
        assert scored.result is not None  # a submit without a result was refused above
        applicable = {i.path: i.applicable for i in scored.result.indicators}
        missing = [
            path for path in supplied if applicable.get(path, True) and path not in confirmed
        ]
        if missing:
            raise ValidationError(
                [
                    f"ยังส่งผลการประเมินไม่ได้ กรุณาตรวจข้อมูลจากผู้สมัครกับหลักฐานและทำเครื่องหมายยืนยัน"
                    f" ตัวชี้วัด {_indicator_label(compiled, path)}"
                    for path in missing
                ]
            )
    total = scored.result.total if scored.result is not None else None
    new_status = ReviewStatus.SUBMITTED if submit else ReviewStatus.DRAFT
    now = timezone.now()
    changed = Review.objects.filter(
        pk=review.pk, version=seen_version, status=ReviewStatus.DRAFT
    ).update(
        indicators=clean,
        comments=comments,
        confirmed=confirmed,
        status=new_status,
        total="" if total is None else str(total),
        version=F("version") + 1,
        submitted_at=now if submit else None,
        updated_at=now,
        **NO_PROOF,
    )
    if changed != 1:
        current = Review.objects.get(pk=review.pk)
        if current.status == ReviewStatus.SUBMITTED and submit:
            raise StaleReview("ส่งผลการประเมินนี้ไปแล้ว (ไม่นับซ้ำ)")
        if current.status == ReviewStatus.SUBMITTED:
            raise StaleReview("ผลการประเมินนี้ส่งแล้ว จึงแก้ไขไม่ได้ หากต้องแก้ไขกรุณาแจ้งประธานกรรมการ")
        raise StaleReview(STALE_MESSAGE)
    if submit:
        # The proof (judging.proof): validated against this pin, on these stored indicators and
        # the fields read above. A second statement: the digest reads the indicators as stored.
        Review.objects.filter(pk=review.pk).update(
            validated_hash=entry.category.scoring_instrument_hash,
            validated_digest=review_digest(Value(entry.proof_fields)),
            validated_at=now,
        )
    review.refresh_from_db()
    version_record(review, actor=actor, confirmed=True)
    audit_record(
        actor=actor,
        action="judging.review_submit" if submit else "judging.review_save",
        target=review,
        before={"version": seen_version},
        after={"version": review.version, "status": review.status, "total": review.total},
    )
    return SaveOutcome(review, scored.problems, total)


# The two ways a judge writes a review, differing only in ``submit``.
review_save = partial(review_write, submit=False)
review_save.__doc__ = "Autosave a draft (incomplete answers are kept); refused if stale or locked."
review_submit = partial(review_write, submit=True)
review_submit.__doc__ = "Submit: every indicator answered and every applicant value confirmed."


@transaction.atomic
def review_return(*, review: Review, actor: User, reason: str) -> Review:
    """The chair sends a submitted review back to its judge to revise (reconciliation)."""
    committee = Committee.objects.select_for_update().get(category_id=review.entry.category_id)
    if actor.pk != committee.chair_id:
        raise PermissionDenied("เฉพาะประธานคณะกรรมการเท่านั้น")
    if entry_locked(review.entry_id):
        raise ValidationError(LOCKED_MESSAGE)
    if not reason.strip():
        raise ValidationError("กรุณาระบุเหตุผล")
    Review.objects.filter(pk=review.pk).update(
        status=ReviewStatus.DRAFT, version=F("version") + 1, submitted_at=None, **NO_PROOF
    )
    review.refresh_from_db()
    version_record(review, actor=actor, note=reason)
    audit_record(
        actor=actor,
        action="judging.review_reopen",
        target=review,
        before={"status": ReviewStatus.SUBMITTED},
        after={"status": ReviewStatus.DRAFT, "version": review.version},
        reason=reason,
    )
    _mail_returned(review, reason)
    return review


def _mail_returned(review: Review, reason: str) -> None:
    """Tell the judge, with the reason first (a mail job of this transaction)."""
    from pramoen.core.mail import mail_queue
    from pramoen.core.mail_kinds import REVIEW_RETURNED

    email = getattr(review.judge, "email", "")
    if not email:
        return
    entry = review.entry
    mail_queue(
        kind=REVIEW_RETURNED,
        esa_id=entry.campaign.esa_id,
        context={
            "who": entry.nominee_name or entry.school.name_th,
            "campaign_name": entry.campaign.name,
            "category": entry.category.label_th,
            "reason": reason.strip(),
        },
        recipients=[email],
    )
