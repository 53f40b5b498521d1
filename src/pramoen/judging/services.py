"""Writes for judging: keyword-only, atomic, validated in Thai, audited before → after.

Concurrency: reviews carry a ``version``; every write is a conditional
``UPDATE … WHERE version = <seen>``, so two tabs, a double-clicked submit or a save racing a
finalization cannot overwrite each other — the loser gets a Thai message and the winner's data
stays. (On SQLite the project opens transactions IMMEDIATE, which serialises writers too.)
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from pramoen.awards.enums import EntryStatus
from pramoen.awards.models import CampaignCategory, Entry
from pramoen.core.services import audit_record
from pramoen.judging import domain
from pramoen.judging.enums import ConflictSource, ReviewStatus
from pramoen.judging.models import (
    Assignment,
    Certificate,
    Committee,
    ConflictOfInterest,
    Consensus,
    Eligibility,
    EntryResult,
    Review,
    ReviewVersion,
)
from pramoen.judging.scoring import (
    answer_shapes,
    applicant_values,
    confirmation_key,
    document,
    pinned_scoring,
    score_document,
)

STALE_MESSAGE = (
    "มีการบันทึกผลการประเมินนี้จากหน้าจออื่นหลังจากที่ท่านเปิดหน้านี้ "
    "ระบบจึงไม่บันทึกทับ ข้อมูลที่ท่านกรอกยังอยู่ในหน้านี้ กรุณาโหลดหน้าใหม่แล้วตรวจสอบอีกครั้ง"
)
LOCKED_MESSAGE = "กลุ่มนี้ประธานกรรมการยืนยันผลแล้ว จึงแก้ไขผลการประเมินไม่ได้"


class StaleReview(ValidationError):
    """A save or submit based on a version someone else has since replaced."""


# ------------------------------------------------------------------------------ committees


@transaction.atomic
def committee_create(
    *, category: CampaignCategory, chair: Any, members: Iterable[Any], actor: Any, **settings: Any
) -> Committee:
    committee = Committee.objects.create(category=category, chair=chair, **settings)
    people = list(members)
    committee.members.set(people)
    audit_record(
        actor=actor,
        action="judging.committee_create",
        target=committee,
        after={"chair": chair.pk, "members": sorted(u.pk for u in people)},
    )
    return committee


# ------------------------------------------------------------------------------- conflicts


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


# ----------------------------------------------------------------------------- assignment


def portfolio_weight(entry: Entry) -> Decimal:
    """1 + pages/100: the portfolio's page count when the format checker measured it, else the
    evidence pages the applicant named ("12-15"); 1 when unknown."""
    # ``portfolio_report`` is written by the awards format check (getattr: older entries and
    # databases without the portfolio columns still weigh by named pages).
    report = getattr(entry, "portfolio_report", None) or {}
    measured = report.get("pages") if isinstance(report, dict) else None
    if isinstance(measured, int) and measured > 0:
        return Decimal(1) + Decimal(measured) / Decimal(100)
    pages = 0
    evidence = ((entry.answers or {}).get("scoring") or {}).get("evidence") or {}
    for refs in evidence.values():
        for ref in refs if isinstance(refs, list) else []:
            text = str((ref or {}).get("pages", "")) if isinstance(ref, dict) else ""
            for part in text.split(","):
                bounds = [p.strip() for p in part.split("-")]
                if all(b.isdigit() for b in bounds) and bounds and bounds[0]:
                    pages += int(bounds[-1]) - int(bounds[0]) + 1
    return Decimal(1) + Decimal(pages) / Decimal(100)


def _marginal_cost(load: Decimal, weight: Decimal) -> Decimal:
    # Convex (quadratic) cost: each further entry costs a busy judge more than an idle one, so
    # the greedy choice spreads work; long portfolios add more load.
    return (load + weight) ** 2 - load**2


def judging_entries(category: CampaignCategory, *, include_ineligible: bool = False) -> list[Entry]:
    """Submitted entries of a group; screened-out ones only when asked (results list them)."""
    entries = Entry.objects.filter(category=category, status=EntryStatus.SUBMITTED)
    if not include_ineligible:
        entries = entries.exclude(judging_eligibility__eligible=False)
    return list(entries.select_related("school", "school__network").order_by("pk"))


@transaction.atomic
def assignments_auto(
    *, committee: Committee, actor: Any, per_entry: int | None = None
) -> list[str]:
    """Give every entry ``per_entry`` judges (campaign setting, default 3), balancing load and
    excluding conflicts. Returns Thai warnings for entries that could not be fully staffed."""
    category = committee.category
    wanted = per_entry or category.campaign.judges_per_entry
    judges = list(committee.members.order_by("pk"))
    entries = judging_entries(category)
    weights = {e.pk: portfolio_weight(e) for e in entries}
    load: dict[int, Decimal] = {j.pk: Decimal(0) for j in judges}
    assigned: dict[int, set[int]] = {e.pk: set() for e in entries}
    for a in Assignment.objects.filter(entry__category=category):
        if a.entry_id in assigned:
            assigned[a.entry_id].add(a.judge_id)
        if a.judge_id in load:
            load[a.judge_id] += weights.get(a.entry_id, Decimal(1))
    blocked = {j.pk: conflicted_entry_ids(judge=j, entries=entries) for j in judges}
    warnings: list[str] = []
    created: list[tuple[int, int]] = []
    # Heaviest portfolios first: they are the hardest to place once loads have grown.
    for entry in sorted(entries, key=lambda e: (-weights[e.pk], e.pk)):
        while len(assigned[entry.pk]) < wanted:
            options = [
                j
                for j in judges
                if j.pk not in assigned[entry.pk] and entry.pk not in blocked[j.pk]
            ]
            if not options:
                warnings.append(
                    f"{entry}: มีกรรมการที่ไม่มีส่วนได้เสียไม่พอ "
                    f"(ได้ {len(assigned[entry.pk])} จาก {wanted} คน)"
                )
                break
            best = min(options, key=lambda j: (_marginal_cost(load[j.pk], weights[entry.pk]), j.pk))
            Assignment.objects.create(entry=entry, judge=best, assigned_by=actor, automatic=True)
            assigned[entry.pk].add(best.pk)
            load[best.pk] += weights[entry.pk]
            created.append((entry.pk, best.pk))
    audit_record(
        actor=actor,
        action="judging.assignments_auto",
        target=committee,
        after={"created": created, "per_entry": wanted},
    )
    return warnings


@transaction.atomic
def assignment_add(*, entry: Entry, judge: Any, actor: Any) -> Assignment:
    if is_conflicted(judge=judge, entry=entry):
        raise ValidationError("กรรมการท่านนี้มีส่วนได้เสียกับผลงานนี้ ประธานต้องอนุญาตก่อนจึงมอบหมายได้")
    assignment, _ = Assignment.objects.get_or_create(
        entry=entry, judge=judge, defaults={"assigned_by": actor, "automatic": False}
    )
    audit_record(actor=actor, action="judging.assignment_add", target=assignment)
    return assignment


@transaction.atomic
def assignment_remove(*, assignment: Assignment, actor: Any) -> None:
    if Review.objects.filter(
        entry_id=assignment.entry_id, judge_id=assignment.judge_id, status=ReviewStatus.SUBMITTED
    ).exists():
        raise ValidationError("กรรมการส่งผลการประเมินผลงานนี้แล้ว จึงถอนการมอบหมายไม่ได้")
    audit_record(
        actor=actor,
        action="judging.assignment_remove",
        target=assignment,
        before={"entry": assignment.entry_id, "judge": assignment.judge_id},
    )
    assignment.delete()


# -------------------------------------------------------------------------------- reviews


def entry_eligible(entry: Entry) -> bool | None:
    record = Eligibility.objects.filter(entry=entry).first()
    return record.eligible if record else None


@transaction.atomic
def eligibility_record(
    *, entry: Entry, eligible: bool, actor: Any, reason: str = ""
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
    *, entry: Entry, eligible: bool, actor: Any, reason: str = ""
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
    if _entry_locked(entry.pk):
        raise ValidationError(LOCKED_MESSAGE)
    if not eligible and not reason.strip():
        raise ValidationError("กรุณาระบุเหตุผลที่ผลงานไม่ผ่านคุณสมบัติ")
    return eligibility_record(entry=entry, eligible=eligible, actor=actor, reason=reason.strip())


def _entry_locked(entry_id: int) -> bool:
    return EntryResult.objects.filter(entry_id=entry_id, reopened_at__isnull=True).exists()


@transaction.atomic
def review_open(*, entry: Entry, judge: Any) -> Review:
    """The judge's review of ``entry`` (created empty on first visit); assignment required."""
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
    return review


def _clean_indicators(shapes: dict[str, Any], given: dict[str, Any]) -> dict[str, Any]:
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
    indicator = compiled.instrument.indicator(path)
    if indicator is None:
        return path
    return f"{indicator.number or path} {indicator.title_th}".strip()


def _write(
    *,
    review: Review,
    actor: Any,
    seen_version: int,
    indicators: dict[str, Any],
    comments: dict[str, str],
    submit: bool,
    confirmed: dict[str, str] | None = None,
) -> SaveOutcome:
    if actor.pk != review.judge_id:
        raise PermissionDenied("บันทึกผลการประเมินของกรรมการท่านอื่นไม่ได้")
    entry = Entry.objects.select_related("category", "school").get(pk=review.entry_id)
    # Lock the committee row first: a finalization running now waits, or has already locked us.
    Committee.objects.select_for_update().filter(category_id=entry.category_id).first()
    if _entry_locked(entry.pk):
        raise ValidationError(LOCKED_MESSAGE)
    compiled = pinned_scoring(entry.category)
    clean = _clean_indicators(answer_shapes(compiled), indicators)
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
        raise ValidationError(["ยังส่งผลการประเมินไม่ได้ กรุณาประเมินให้ครบทุกตัวชี้วัด", *scored.problems])
    # A confirmation counts only for the values as they are now (a changed value voids it).
    supplied = applicant_values(compiled, entry)
    confirmed = {
        path: key
        for path, key in (confirmed or {}).items()
        if path in supplied and key == confirmation_key(supplied[path])
    }
    if submit:
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
    )
    if changed != 1:
        current = Review.objects.get(pk=review.pk)
        if current.status == ReviewStatus.SUBMITTED and submit:
            raise StaleReview("ส่งผลการประเมินนี้ไปแล้ว (ไม่นับซ้ำ)")
        if current.status == ReviewStatus.SUBMITTED:
            raise StaleReview("ผลการประเมินนี้ส่งแล้ว จึงแก้ไขไม่ได้ หากต้องแก้ไขกรุณาแจ้งประธานกรรมการ")
        raise StaleReview(STALE_MESSAGE)
    review.refresh_from_db()
    ReviewVersion.objects.create(
        review=review,
        version=review.version,
        status=review.status,
        indicators=review.indicators,
        comments=review.comments,
        confirmed=review.confirmed,
        total=review.total,
        saved_by=actor,
    )
    audit_record(
        actor=actor,
        action="judging.review_submit" if submit else "judging.review_save",
        target=review,
        before={"version": seen_version},
        after={"version": review.version, "status": review.status, "total": review.total},
    )
    return SaveOutcome(review, scored.problems, total)


@transaction.atomic
def review_save(
    *,
    review: Review,
    actor: Any,
    seen_version: int,
    indicators: dict[str, Any],
    comments: dict[str, str] | None = None,
    confirmed: dict[str, str] | None = None,
) -> SaveOutcome:
    """Autosave a draft (incomplete answers are kept); refused if stale or locked."""
    return _write(
        review=review,
        actor=actor,
        seen_version=seen_version,
        indicators=indicators,
        comments=comments or {},
        submit=False,
        confirmed=confirmed,
    )


@transaction.atomic
def review_submit(
    *,
    review: Review,
    actor: Any,
    seen_version: int,
    indicators: dict[str, Any],
    comments: dict[str, str] | None = None,
    confirmed: dict[str, str] | None = None,
) -> SaveOutcome:
    return _write(
        review=review,
        actor=actor,
        seen_version=seen_version,
        indicators=indicators,
        comments=comments or {},
        submit=True,
        confirmed=confirmed,
    )


@transaction.atomic
def review_return(*, review: Review, actor: Any, reason: str) -> Review:
    """The chair sends a submitted review back to its judge to revise (reconciliation)."""
    committee = Committee.objects.select_for_update().get(category_id=review.entry.category_id)
    if actor.pk != committee.chair_id:
        raise PermissionDenied("เฉพาะประธานคณะกรรมการเท่านั้น")
    if _entry_locked(review.entry_id):
        raise ValidationError(LOCKED_MESSAGE)
    if not reason.strip():
        raise ValidationError("กรุณาระบุเหตุผล")
    Review.objects.filter(pk=review.pk).update(
        status=ReviewStatus.DRAFT, version=F("version") + 1, submitted_at=None
    )
    review.refresh_from_db()
    ReviewVersion.objects.create(
        review=review,
        version=review.version,
        status=review.status,
        indicators=review.indicators,
        comments=review.comments,
        total=review.total,
        saved_by=actor,
        note=reason[:255],
    )
    audit_record(
        actor=actor,
        action="judging.review_reopen",
        target=review,
        before={"status": ReviewStatus.SUBMITTED},
        after={"status": ReviewStatus.DRAFT, "version": review.version},
        reason=reason,
    )
    return review


# ------------------------------------------------------------------- aggregation & results


@dataclass(frozen=True, slots=True)
class EntryOutcome:
    entry: Entry
    judge_totals: tuple[tuple[int, Decimal], ...]
    pending: int  # assigned reviews not yet submitted
    method: str
    total: Decimal | None
    eligible: bool | None
    tier: str | None
    tier_label_th: str
    flag: domain.Disagreement | None
    consensus: bool
    calibrated_total: Decimal | None = None
    judge_calibrated: tuple[tuple[int, Decimal], ...] = ()
    rank: int | None = None


def entry_outcomes(category: CampaignCategory) -> list[EntryOutcome]:
    """Every entry's panel result computed now from stored answers and the pinned hash."""
    committee = Committee.objects.get(category=category)
    compiled = pinned_scoring(category)
    entries = judging_entries(category, include_ineligible=True)
    ids = [e.pk for e in entries]
    reviews: dict[int, list[Review]] = {pk: [] for pk in ids}
    for review in Review.objects.filter(entry_id__in=ids).order_by("judge_id"):
        reviews[review.entry_id].append(review)
    assigned: dict[int, set[int]] = {pk: set() for pk in ids}
    for entry_id, judge_id in Assignment.objects.filter(entry_id__in=ids).values_list(
        "entry_id", "judge_id"
    ):
        assigned[entry_id].add(judge_id)
    eligibility = dict(
        Eligibility.objects.filter(entry_id__in=ids).values_list("entry_id", "eligible")
    )
    consensus = {c.entry_id: c for c in Consensus.objects.filter(entry_id__in=ids)}
    scored_by_entry: dict[int, list[tuple[int, Any]]] = {}
    for entry in entries:
        eligible = eligibility.get(entry.pk)
        results = []
        for review in reviews[entry.pk]:
            if review.status != ReviewStatus.SUBMITTED:
                continue
            scored = score_document(
                compiled,
                document(
                    compiled=compiled, entry=entry, indicators=review.indicators, eligible=eligible
                ),
                partial=False,
            )
            if scored.result is not None:
                results.append((review.judge_id, scored.result))
        scored_by_entry[entry.pk] = results
    calibrated = domain.calibrate(
        {(j, pk): r.total for pk, results in scored_by_entry.items() for j, r in results}
    )
    outcomes: list[EntryOutcome] = []
    for entry in entries:
        eligible = eligibility.get(entry.pk)
        results = scored_by_entry[entry.pk]
        submitted = {j for j, _ in results}
        pending = len(assigned[entry.pk] - submitted)
        flag = domain.disagreement(
            compiled,
            [r for _, r in results],
            max_spread=committee.max_spread,
            max_level_gap=committee.max_level_gap,
        )
        calibrated_totals = [calibrated[(j, entry.pk)] for j, _ in results]
        calibrated_total = (
            domain.aggregate(calibrated_totals, committee.aggregation) if results else None
        )
        total: Decimal | None = None
        method = committee.aggregation
        if entry.pk in consensus:
            scored = score_document(
                compiled,
                document(
                    compiled=compiled,
                    entry=entry,
                    indicators=consensus[entry.pk].indicators,
                    eligible=eligible,
                ),
                partial=False,
            )
            total = scored.result.total if scored.result else None
            method = "consensus"
        elif results and committee.use_calibration:
            # Only when the campaign turns calibration on; otherwise it is shown, not used.
            total, method = calibrated_total, f"{committee.aggregation}_calibrated"
        elif results:
            total = domain.aggregate([r.total for _, r in results], committee.aggregation)
        tier, label = (None, "")
        if total is not None:
            if eligible is False:
                label = (
                    compiled.instrument.tiers.failed_gate_label_th
                    if compiled.instrument.tiers
                    else ""
                )
            else:
                tier, label = domain.tier_for_total(compiled, total)
        outcomes.append(
            EntryOutcome(
                entry=entry,
                judge_totals=tuple((j, r.total) for j, r in results),
                pending=pending,
                method=method,
                total=total,
                eligible=eligible,
                tier=tier,
                tier_label_th=label,
                flag=flag,
                consensus=entry.pk in consensus,
                calibrated_total=calibrated_total,
                judge_calibrated=tuple((j, calibrated[(j, entry.pk)]) for j, _ in results),
            )
        )
    ranked = [o for o in outcomes if o.total is not None and o.eligible is not False]
    ranks = domain.competition_ranks([o.total for o in ranked])  # type: ignore[misc]
    by_entry = {o.entry.pk: rank for o, rank in zip(ranked, ranks, strict=True)}
    return [replace(o, rank=by_entry.get(o.entry.pk)) for o in outcomes]


@transaction.atomic
def consensus_record(
    *, entry: Entry, actor: Any, indicators: dict[str, Any], reason: str
) -> Consensus:
    committee = Committee.objects.select_for_update().get(category_id=entry.category_id)
    if actor.pk != committee.chair_id:
        raise PermissionDenied("เฉพาะประธานคณะกรรมการเท่านั้นที่บันทึกมติได้")
    if is_conflicted(judge=actor, entry=entry):
        raise PermissionDenied(CHAIR_CONFLICTED)
    if _entry_locked(entry.pk):
        raise ValidationError(LOCKED_MESSAGE)
    if not reason.strip():
        raise ValidationError("กรุณาระบุเหตุผลของมติคณะกรรมการ")
    compiled = pinned_scoring(entry.category)
    clean = _clean_indicators(answer_shapes(compiled), indicators)
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
    *, committee: Committee, actor: Any, seen_version: int | None = None
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
def entry_reopen(*, entry: Entry, actor: Any, reason: str) -> EntryResult:
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
        ReviewVersion.objects.create(
            review=review,
            version=review.version,
            status=review.status,
            indicators=review.indicators,
            comments=review.comments,
            total=review.total,
            saved_by=actor,
            note=("อุทธรณ์: " + reason)[:255],
        )
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


# ---------------------------------------------------------------------------- certificates

_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud over the phone


def _new_code() -> str:
    return "".join(secrets.choice(_CODE_ALPHABET) for _ in range(8))


@transaction.atomic
def certificates_issue(
    *, campaign: Any, actor: Any, issued_on: date | None = None, include_committees: bool = False
) -> list[Certificate]:
    """One valid certificate per finalized, eligible, tiered entry — and, when asked, per chair and
    member of every finalized committee. Existing valid certificates keep their number and code."""
    issued_on = issued_on or timezone.localdate()
    results = (
        EntryResult.objects.filter(
            entry__campaign=campaign,
            entry__status=EntryStatus.SUBMITTED,
            reopened_at__isnull=True,
            eligible=True,
        )
        .exclude(tier="")
        .select_related("entry", "entry__school", "entry__category")
        .order_by("entry__category__position", "entry__category_id", "rank", "entry_id")
    )
    existing = list(Certificate.objects.filter(campaign=campaign, revoked_at__isnull=True))
    by_entry = {c.entry_id: c for c in existing if c.entry_id}
    by_member = {(c.committee_id, c.judge_id): c for c in existing if c.committee_id}
    number = (
        Certificate.objects.filter(campaign=campaign)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
        or 0
    )
    issued = []

    def create(**fields: Any) -> Certificate:
        nonlocal number
        number += 1
        return Certificate.objects.create(
            campaign=campaign,
            short_code=_new_code(),
            number=number,
            year_be=campaign.year_be,
            issued_on=issued_on,
            **fields,
        )

    for result in results:
        if result.entry_id in by_entry:
            issued.append(by_entry[result.entry_id])
            continue
        entry = result.entry
        issued.append(
            create(
                entry=entry,
                recipient=entry.nominee_name or entry.school.name_th,
                award=f"ได้รับ{result.tier_label_th}",
                category_label=entry.category.label_th,
            )
        )
    if include_committees:
        committees = (
            Committee.objects.filter(category__campaign=campaign, finalized_at__isnull=False)
            .select_related("category", "chair")
            .prefetch_related("members")
            .order_by("category__position", "category_id")
        )
        for committee in committees:
            people = [(committee.chair, "ประธานกรรมการตัดสิน")]
            people += [
                (m, "กรรมการตัดสิน")
                for m in sorted(committee.members.all(), key=lambda u: u.pk)
                if m.pk != committee.chair_id
            ]
            for person, role in people:
                if (committee.pk, person.pk) in by_member:
                    issued.append(by_member[(committee.pk, person.pk)])
                    continue
                issued.append(
                    create(
                        committee=committee,
                        judge=person,
                        recipient=person.display_name,
                        award=f"ได้ปฏิบัติหน้าที่{role}",
                        category_label=committee.category.label_th,
                    )
                )
    audit_record(
        actor=actor,
        action="judging.certificates_issue",
        target=campaign,
        after={"count": len(issued), "last_number": number, "committees": include_committees},
    )
    return issued


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, actor: Any, reason: str) -> Certificate:
    if not reason.strip():
        raise ValidationError("กรุณาระบุเหตุผลที่เพิกถอน")
    certificate.revoked_at = timezone.now()
    certificate.revoke_reason = reason.strip()
    certificate.save(update_fields=["revoked_at", "revoke_reason"])
    audit_record(
        actor=actor,
        action="judging.certificate_revoke",
        target=certificate,
        before={"valid": True},
        after={"valid": False},
        reason=reason,
    )
    return certificate


__all__ = [
    "LOCKED_MESSAGE",
    "STALE_MESSAGE",
    "EntryOutcome",
    "SaveOutcome",
    "StaleReview",
    "assignment_add",
    "assignment_remove",
    "assignments_auto",
    "certificate_revoke",
    "certificates_issue",
    "committee_create",
    "committee_update",
    "conflict_declare",
    "conflict_override",
    "conflicted_entry_ids",
    "conflicts_derive",
    "consensus_record",
    "eligibility_record",
    "entry_outcomes",
    "entry_reopen",
    "group_finalize",
    "is_conflicted",
    "portfolio_weight",
    "review_open",
    "review_return",
    "review_save",
    "review_submit",
]


COMMITTEE_SETTINGS = (
    "aggregation",
    "max_spread",
    "max_level_gap",
    "hide_others_until_submitted",
    "use_calibration",
)


@transaction.atomic
def committee_update(
    *, committee: Committee, actor: Any, chair: Any, members: Iterable[Any], **settings: Any
) -> Committee:
    """Change a committee; its settings are frozen once the group is finalized."""
    committee = Committee.objects.select_for_update().get(pk=committee.pk)
    if committee.finalized_at is not None:
        raise ValidationError("กลุ่มนี้ยืนยันผลแล้ว จึงเปลี่ยนคณะกรรมการหรือวิธีรวมคะแนนไม่ได้")
    before = {
        "chair": committee.chair_id,
        "members": sorted(committee.members.values_list("pk", flat=True)),
        **{k: str(getattr(committee, k)) for k in COMMITTEE_SETTINGS},
    }
    people = list(members)
    removed = set(before["members"]) - {u.pk for u in people}
    if removed:
        scored = (
            Review.objects.filter(
                entry__category_id=committee.category_id,
                judge_id__in=removed,
                status=ReviewStatus.SUBMITTED,
            )
            .select_related("judge")
            .order_by("judge_id")
        )
        names = sorted({r.judge.display_name for r in scored})
        if names:
            raise ValidationError(
                f"{', '.join(names)} ส่งผลการประเมินในกลุ่มนี้แล้ว จึงถอนออกจากคณะกรรมการไม่ได้ "
                "ให้ประธานส่งผลการประเมินนั้นกลับก่อน"
            )
    committee.chair = chair
    for key in COMMITTEE_SETTINGS:
        if key in settings:
            setattr(committee, key, settings[key])
    committee.save()
    committee.members.set(people)
    # A judge off the committee loses the group's entries (selectors.entry_for_judge also checks
    # membership); their unsubmitted drafts stay in the history.
    withdrawn = Assignment.objects.filter(
        entry__category_id=committee.category_id, judge_id__in=removed
    )
    unassigned = sorted(withdrawn.values_list("entry_id", "judge_id")) if removed else []
    if unassigned:
        withdrawn.delete()
    audit_record(
        actor=actor,
        action="judging.committee_update",
        target=committee,
        before=before,
        after={
            "chair": chair.pk,
            "members": sorted(u.pk for u in people),
            **{k: str(getattr(committee, k)) for k in COMMITTEE_SETTINGS},
            **({"assignments_removed": [list(pair) for pair in unassigned]} if unassigned else {}),
        },
    )
    return committee
