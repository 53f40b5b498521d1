"""Writes for the KPI app: keyword-only, typed, atomic, audited.

Every write to a report's answers or status bumps ``KpiReport.version`` with a conditional UPDATE;
a caller that read version N and finds the row at N+1 gets :class:`StaleReport` (two people may
edit one report). Evidence rows are added and removed one by one (htmx) and never conflict with
the answers, so they do not bump the version: an upload does not invalidate the open form.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from pramoen.accounts.enums import Role
from pramoen.accounts.models import Membership, User
from pramoen.core.services import audit_record
from pramoen.documents import uploads as files
from pramoen.instruments import AnswersInvalid
from pramoen.kpi import structure
from pramoen.kpi.enums import EvidenceKind, ReminderKind, ReportStatus, RoundKind
from pramoen.kpi.models import (
    FISCAL_YEAR_MAX,
    FISCAL_YEAR_MIN,
    KpiCampaign,
    KpiEvidence,
    KpiIndicator,
    KpiIssueReview,
    KpiReminder,
    KpiReport,
    KpiReportingUnit,
    KpiRound,
)
from pramoen.library.kpi10 import KPI10_6M, KPI10_12M
from pramoen.orgs.models import Organization
from pramoen.thai import fiscal_year_bounds, format_thai_date, format_thai_datetime

BANGKOK = ZoneInfo("Asia/Bangkok")
KPI10_TITLE = "ระดับความสำเร็จของการบริหารจัดการโรงเรียนคุณภาพและการใช้ทรัพยากรร่วมกันได้สำเร็จตามเป้าหมาย"
# Evidence files are documents and photos, not videos (those are links): 20 MB is plenty, and the
# site-wide cap (PRAMOEN_UPLOAD_MAX_BYTES) still applies when it is lower.
EVIDENCE_MAX_BYTES = 20 * 1024 * 1024
# A one-page lesson learned has no business being large.
LESSON_MAX_BYTES = 5 * 1024 * 1024


class KpiError(Exception):
    """A refused action; ``message`` is Thai and tells the user what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class StaleReport(KpiError):
    def __init__(self) -> None:
        super().__init__(
            "รายงานนี้ถูกแก้ไขโดยผู้อื่นหลังจากที่ท่านเปิดหน้า ข้อมูลของท่านยังไม่ถูกบันทึก "
            "กรุณาเปิดหน้าใหม่เพื่อดูฉบับล่าสุดแล้วบันทึกอีกครั้ง"
        )


def max_evidence_bytes() -> int:
    return min(EVIDENCE_MAX_BYTES, settings.PRAMOEN_UPLOAD_MAX_BYTES)


def bangkok_due(day: date, at: time = time(23, 59, 59)) -> datetime:
    """A due date as the last second of that day in Asia/Bangkok."""
    return datetime.combine(day, at, tzinfo=BANGKOK)


def _bump(
    report: KpiReport,
    expected_version: int | None,
    *,
    expected_status: str | None = None,
    **changes: Any,
) -> None:
    """Conditional UPDATE: the report must still be at ``expected_version`` and in
    ``expected_status`` (each when given)."""
    qs = KpiReport.objects.filter(pk=report.pk)
    if expected_version is not None:
        qs = qs.filter(version=expected_version)
    if expected_status is not None:
        qs = qs.filter(status=expected_status)
    updated = qs.update(version=F("version") + 1, updated_at=timezone.now(), **changes)
    if not updated:
        raise StaleReport()
    report.refresh_from_db()


def _lock(report: KpiReport) -> KpiReport:
    """Re-read the report's row under a row lock (inside the caller's transaction) into the
    caller's object, so status checks run on what is stored now — not on a copy a page loaded
    earlier, which a return, approval or submission may have overtaken."""
    report.refresh_from_db(from_queryset=KpiReport.objects.select_for_update())
    return report


def _snapshot(report: KpiReport) -> dict[str, Any]:
    return {
        "status": report.status,
        "version": report.version,
        "score": str(report.score) if report.score is not None else None,
    }


# --- campaigns ----------------------------------------------------------------------------------


def campaign_check(*, fiscal_year: int, due_6m: date, due_12m: date) -> None:
    """Refuse, in Thai, a Gregorian or absurd fiscal year and due dates outside the fiscal year
    (1 Oct – 30 Sep) or out of order. ``objects.create`` skips the model's validators."""
    low, high = FISCAL_YEAR_MIN, FISCAL_YEAR_MAX
    if not isinstance(fiscal_year, int) or not low <= fiscal_year <= high:
        raise KpiError(
            f"ปีงบประมาณต้องเป็นปี พ.ศ. ระหว่าง {low} ถึง {high} (เช่น 2569) แต่ได้ {fiscal_year}"
        )
    bounds = fiscal_year_bounds(fiscal_year)

    def text(day: date) -> str:
        return format_thai_date(day, "short", thai_digits=False)

    for label, due in (("รอบ 6 เดือน", due_6m), ("รอบ 12 เดือน", due_12m)):
        if not bounds.start <= due <= bounds.end:
            raise KpiError(
                f"กำหนดส่ง{label}ต้องอยู่ในปีงบประมาณ {fiscal_year} "
                f"({text(bounds.start)} – {text(bounds.end)}) แต่ได้ {text(due)}"
            )
    if due_6m >= due_12m:
        raise KpiError(
            f"กำหนดส่งรอบ 6 เดือน ({text(due_6m)}) ต้องก่อนกำหนดส่งรอบ 12 เดือน ({text(due_12m)})"
        )


@transaction.atomic
def campaign_create(
    *,
    fiscal_year: int,
    due_6m: date,
    due_12m: date,
    esas: Iterable[Organization],
    actor: User | None,
    title_th: str = "",
) -> KpiCampaign:
    """A fiscal year of KPI 10 reporting with both rounds and its reporting ESAs."""
    campaign_check(fiscal_year=fiscal_year, due_6m=due_6m, due_12m=due_12m)
    campaign = KpiCampaign.objects.create(
        fiscal_year=fiscal_year,
        title_th=title_th or f"การรายงานตัวชี้วัด สพฐ. ปีงบประมาณ {fiscal_year}",
    )
    KpiIndicator.objects.create(
        campaign=campaign,
        number="10",
        title_th=KPI10_TITLE,
        instrument_6m=KPI10_6M,
        instrument_12m=KPI10_12M,
    )
    KpiRound.objects.create(
        campaign=campaign, kind=RoundKind.SIX_MONTHS, due_at=bangkok_due(due_6m)
    )
    KpiRound.objects.create(
        campaign=campaign, kind=RoundKind.TWELVE_MONTHS, due_at=bangkok_due(due_12m)
    )
    KpiReportingUnit.objects.bulk_create(
        [KpiReportingUnit(campaign=campaign, esa=esa) for esa in esas]
    )
    audit_record(
        actor=actor,
        action="kpi.campaign_create",
        target=campaign,
        after={"fiscal_year": fiscal_year, "due_6m": due_6m, "due_12m": due_12m},
    )
    return campaign


# --- registry prefill (12-month counts) ---------------------------------------------------------


def registry_counts(*, esa: Organization, fiscal_year: int) -> dict[str, int]:
    """Counts for 1.3.2.1 from the quality-school registry (orgs), academic years FY-1 and FY.

    The two-year table of the template is (academic year FY-1, FY) — see the instrument's
    ``fixed_academic_years`` resolution. Empty when the registry has nothing for this ESA.
    """
    from pramoen.orgs.selectors import quality_counts_by_esa

    def for_year(year: int):
        return next(
            (row for row in quality_counts_by_esa(academic_year=year) if row.esa_id == esa.pk), None
        )

    current = for_year(fiscal_year)
    previous = for_year(fiscal_year - 1)
    if current is None or current.network_schools == 0:
        return {}
    counts = {
        "network_total": current.network_schools,
        "network_participating": current.network_schools - current.not_participating,
        "integrated_current_year": current.integrated_learning,
        "sharing_current_year": current.resource_sharing,
    }
    if previous is not None and previous.network_schools:
        counts["integrated_previous_year"] = previous.integrated_learning
        counts["sharing_previous_year"] = previous.resource_sharing
    return counts


# --- reports ------------------------------------------------------------------------------------


@transaction.atomic
def report_get_or_create(
    *, round: KpiRound, esa: Organization, actor: User | None, indicator: KpiIndicator | None = None
) -> KpiReport:
    """The ESA's report for the round; a new one pins the instrument version hash and, in the
    12-month round, carries the 6-month evidence forward and prefills counts from the registry."""
    indicator = indicator or round.campaign.indicators.order_by("number").first()
    existing = KpiReport.objects.filter(round=round, indicator=indicator, esa=esa).first()
    if existing is not None:
        return existing
    instrument_id = indicator.instrument_for(round.kind)
    answers: dict[str, Any] = {}
    counts: dict[str, int] = {}
    previous = None
    if round.kind == RoundKind.TWELVE_MONTHS:
        counts = registry_counts(esa=esa, fiscal_year=round.campaign.fiscal_year)
        answers.update(counts)
        previous = KpiReport.objects.filter(
            round__campaign=round.campaign,
            round__kind=RoundKind.SIX_MONTHS,
            indicator=indicator,
            esa=esa,
        ).first()
        if previous is not None:
            # The reporter block and PA choice do not change between rounds.
            for key in (
                "reporter_name",
                "reporter_position",
                "reporter_phone",
                "reporter_email",
                "pa_challenge",
            ):
                if key in previous.answers:
                    answers[key] = previous.answers[key]
    try:
        with transaction.atomic():
            report = KpiReport.objects.create(
                round=round,
                indicator=indicator,
                esa=esa,
                instrument_id=instrument_id,
                instrument_hash=structure.instrument_hash(instrument_id),
                answers=answers,
                registry_counts=counts,
            )
    except IntegrityError:
        # Two reporters of one ESA opened the round at the same moment: use the other's report.
        return KpiReport.objects.get(round=round, indicator=indicator, esa=esa)
    carried = 0
    if previous is not None:
        rows = [
            KpiEvidence(
                report=report,
                slot_id=item.slot_id,
                kind=item.kind,
                file=item.file.name,
                original_name=item.original_name,
                content_type=item.content_type,
                size=item.size,
                sha256=item.sha256,
                page_count=item.page_count,
                url=item.url,
                title=item.title,
                carried_from=item,
                uploaded_by=item.uploaded_by,
                uploaded_at=item.uploaded_at,
            )
            for item in previous.evidence.all()
            if item.slot_id not in structure.PA_SLOTS
        ]
        KpiEvidence.objects.bulk_create(rows)
        carried = len(rows)
    audit_record(
        actor=actor,
        action="kpi.report_create",
        target=report,
        after={"instrument": instrument_id, "hash": report.instrument_hash, "carried": carried},
    )
    return report


@transaction.atomic
def report_update(
    *, report: KpiReport, actor: User | None, expected_version: int, changes: Mapping[str, Any]
) -> KpiReport:
    """Save fields of the answers document (narratives, reporter block, 12-month data)."""
    _ensure_editable(_lock(report))
    before = {key: report.answers.get(key) for key in changes}
    answers = {**report.answers, **changes}
    _bump(report, expected_version, answers=answers)
    changed = {key: value for key, value in changes.items() if before.get(key) != value}
    if changed:
        audit_record(
            actor=actor,
            action="kpi.report_update",
            target=report,
            before={key: before.get(key) for key in changed},
            after=changed,
        )
    return report


def _slot_or_error(report: KpiReport, slot_id: str) -> structure.Slot:
    slot = report_structure(report).slot(slot_id)
    if slot is None:
        # Carried 6-month slots stay addressable in the 12-month report (replace a carried file).
        if report.round.kind == RoundKind.TWELVE_MONTHS:
            six = structure.round_structure(
                KPI10_6M,
                esa_kind=report.esa.esa_level or "primary",
                pa_challenge=False,
                kind=RoundKind.SIX_MONTHS,
                fiscal_year=report.round.campaign.fiscal_year,
            ).slot(slot_id)
            if six is not None:
                return six
        raise KpiError("ไม่พบรายการหลักฐานนี้ในแบบรายงาน")
    return slot


def report_structure(report: KpiReport) -> structure.RoundStructure:
    return structure.round_structure(
        report.instrument_id,
        esa_kind=report.esa.esa_level or "primary",
        pa_challenge=bool(report.answers.get("pa_challenge")),
        kind=report.round.kind,
        fiscal_year=report.round.campaign.fiscal_year,
    )


def review_points(report: KpiReport) -> tuple[structure.ReviewPoint, ...]:
    """What the reviewer must mark. 12-month: only the best-practice boxes the ESA ticked "มี" —
    a box the ESA left at "ไม่มี" scores nothing whatever the reviewer thinks (seed 000 lines
    89-113 read the boxes), so asking for a mark on it would only add clicks."""
    points = report_structure(report).review_points
    if report.round.kind == RoundKind.TWELVE_MONTHS:
        return tuple(p for p in points if report.answers.get(p.id))
    return points


def _ensure_editable(report: KpiReport) -> None:
    if not report.is_editable:
        raise KpiError("รายงานนี้ส่งแล้วหรืออนุมัติแล้ว แก้ไขไม่ได้")


def _check_slot_room(report: KpiReport, slot: structure.Slot) -> None:
    if slot.max_files is None:
        return
    own = report.evidence.filter(slot_id=slot.id, carried_from__isnull=True).count()
    if own >= slot.max_files:
        raise KpiError(f"รายการนี้แนบได้ไม่เกิน {slot.max_files} ไฟล์ กรุณาลบไฟล์เดิมก่อนแนบไฟล์ใหม่")


def _drop_carried(report: KpiReport, slot_id: str, actor: User | None) -> None:
    carried = list(report.evidence.filter(slot_id=slot_id, carried_from__isnull=False))
    for item in carried:
        audit_record(
            actor=actor,
            action="kpi.evidence_replace_carried",
            target=report,
            before={"slot": slot_id, "evidence": item.pk, "name": item.label},
        )
        item.delete()


@transaction.atomic
def evidence_add_file(
    *, report: KpiReport, slot_id: str, upload: UploadedFile, actor: User | None
) -> KpiEvidence:
    """Check and store one file; a refused file leaves the report exactly as it was."""
    _ensure_editable(_lock(report))
    slot = _slot_or_error(report, slot_id)
    lesson = slot_id == structure.PA_LESSON_SLOT
    limit = min(LESSON_MAX_BYTES, max_evidence_bytes()) if lesson else max_evidence_bytes()
    try:
        file_type = files.check_upload(
            upload,
            name=upload.name,
            size=upload.size,
            max_bytes=limit,
            only=("pdf",) if lesson else (),
        )
    except files.FileRejected as exc:
        raise KpiError(exc.message) from exc
    page_count = None
    if file_type.content_type == "application/pdf" and lesson:
        with tempfile.NamedTemporaryFile(suffix=".pdf") as tmp:
            for chunk in upload.chunks():
                tmp.write(chunk)
            tmp.flush()
            try:
                pages = files.count_pdf_pages(tmp.name)
                files.check_one_a4_page(pages)
            except files.FileRejected as exc:
                raise KpiError(exc.message) from exc
        page_count = pages.pages
    _check_slot_room(report, slot)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    _drop_carried(report, slot_id, actor)
    evidence = KpiEvidence(
        report=report,
        slot_id=slot_id,
        kind=EvidenceKind.FILE,
        original_name=upload.name[:255],
        content_type=file_type.content_type,
        size=upload.size,
        sha256=digest.hexdigest(),
        page_count=page_count,
        uploaded_by=actor,
    )
    evidence.file.save(upload.name, upload, save=False)
    evidence.save()
    audit_record(
        actor=actor,
        action="kpi.evidence_add",
        target=report,
        after={"slot": slot_id, "file": evidence.original_name, "sha256": evidence.sha256},
    )
    return evidence


@transaction.atomic
def evidence_add_link(
    *, report: KpiReport, slot_id: str, url: str, title: str, actor: User | None
) -> KpiEvidence:
    _ensure_editable(_lock(report))
    slot = _slot_or_error(report, slot_id)
    if not url.lower().startswith(("https://", "http://")):
        raise KpiError("ลิงก์ต้องขึ้นต้นด้วย https:// หรือ http://")
    _check_slot_room(report, slot)
    _drop_carried(report, slot_id, actor)
    evidence = KpiEvidence.objects.create(
        report=report,
        slot_id=slot_id,
        kind=EvidenceKind.LINK,
        url=url,
        title=title,
        uploaded_by=actor,
    )
    audit_record(
        actor=actor, action="kpi.evidence_add", target=report, after={"slot": slot_id, "url": url}
    )
    return evidence


@transaction.atomic
def evidence_remove(*, evidence: KpiEvidence, actor: User | None) -> KpiReport:
    report = evidence.report
    _ensure_editable(_lock(report))
    before = {"slot": evidence.slot_id, "name": evidence.label, "carried": evidence.is_carried}
    # The stored file stays: the audit log may point at it, and a carried row shares it.
    evidence.delete()
    audit_record(actor=actor, action="kpi.evidence_remove", target=report, before=before)
    return report


# --- completeness and submission ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IssueCompleteness:
    issue: structure.Issue
    present: int
    required: int

    @property
    def complete(self) -> bool:
        return self.present >= self.required


def completeness(
    report: KpiReport, evidence: Mapping[str, list[KpiEvidence]]
) -> list[IssueCompleteness]:
    out = []
    for issue in report_structure(report).issues:
        present = sum(1 for slot in issue.slots if evidence.get(slot.id))
        out.append(IssueCompleteness(issue=issue, present=present, required=len(issue.slots)))
    return out


def submission_problems(report: KpiReport) -> list[str]:
    """Thai messages for what blocks submission: missing answers and missing evidence."""
    problems: list[str] = []
    by_slot: dict[str, list[KpiEvidence]] = {}
    for item in report.evidence.all():
        by_slot.setdefault(item.slot_id, []).append(item)
    shape = report_structure(report)
    for issue in shape.issues:
        for slot in issue.slots:
            if not by_slot.get(slot.id):
                problems.append(f"ประเด็นที่ {issue.number}: ยังไม่ได้แนบ “{slot.label_th[:80]}”")
    for slot in shape.pa_slots:
        if not by_slot.get(slot.id):
            problems.append(f"ประเด็นท้าทาย (PA): ยังไม่ได้แนบ “{slot.label_th[:80]}”")
    answers = structure.scoring_answers(
        report.instrument_id,
        kind=report.round.kind,
        fields=report.answers,
        marks={},
        esa_kind=report.esa.esa_level or "primary",
    )
    problems.extend(
        structure.answer_problems(
            report.instrument_id, answers, fiscal_year=report.round.campaign.fiscal_year
        )
    )
    return problems


@transaction.atomic
def report_submit(*, report: KpiReport, actor: User | None, expected_version: int) -> KpiReport:
    _ensure_editable(_lock(report))
    problems = submission_problems(report)
    if problems:
        raise KpiError("ยังส่งรายงานไม่ได้: " + "; ".join(problems))
    before = _snapshot(report)
    now = timezone.now()
    _bump(
        report,
        expected_version,
        status=ReportStatus.SUBMITTED,
        submitted_at=now,
        first_submitted_at=report.first_submitted_at or now,
    )
    audit_record(
        actor=actor,
        action="kpi.report_submit",
        target=report,
        before=before,
        after={**_snapshot(report), "late": report.is_late},
    )
    return report


# --- review -------------------------------------------------------------------------------------


NOT_REVIEWABLE = (
    "ตรวจได้เฉพาะรายงานที่ส่งแล้วและรอตรวจ รายงานนี้อาจถูกส่งกลับหรืออนุมัติไปแล้ว กรุณาเปิดหน้าใหม่เพื่อดูสถานะล่าสุด"
)


def _ensure_reviewable(report: KpiReport) -> None:
    if report.status != ReportStatus.SUBMITTED:
        raise KpiError(NOT_REVIEWABLE)


def _ensure_not_own(report: KpiReport, actor: User | None) -> None:
    # Separation of duties: an account that reports for this ESA does not decide on its report,
    # even if it also holds a reviewer role.
    from pramoen.kpi.rules import reporter_esa_ids

    if actor is not None and report.esa_id in reporter_esa_ids(actor):
        raise KpiError("ผู้รายงานของสำนักงานเขตพื้นที่นี้ตรวจหรืออนุมัติรายงานของเขตตนเองไม่ได้")


def _bump_reviewed(report: KpiReport, **changes: Any) -> None:
    # The row is locked and was checked, but the UPDATE still names the status it expects: a
    # database without row locks (SQLite ignores FOR UPDATE) cannot let a second decision through.
    try:
        _bump(report, None, expected_status=ReportStatus.SUBMITTED, **changes)
    except StaleReport as exc:
        raise KpiError(NOT_REVIEWABLE) from exc


@transaction.atomic
def review_mark(
    *, report: KpiReport, issue_id: str, clear: bool | None, comment: str, actor: User | None
) -> KpiIssueReview:
    # Locked: a mark may not slip in after approval, or the stored score would not follow from
    # the stored marks.
    _ensure_reviewable(_lock(report))
    _ensure_not_own(report, actor)
    if issue_id not in {p.id for p in review_points(report)}:
        raise KpiError("ไม่พบประเด็นการพิจารณานี้")
    row = KpiIssueReview.objects.filter(report=report, issue_id=issue_id).first()
    before = {"clear": row.clear, "comment": row.comment} if row else None
    if row is None:
        row = KpiIssueReview(report=report, issue_id=issue_id)
    row.clear = clear
    row.comment = comment
    row.reviewer = actor
    row.save()
    audit_record(
        actor=actor,
        action="kpi.review_mark",
        target=report,
        before={"issue": issue_id, **(before or {})},
        after={"issue": issue_id, "clear": clear, "comment": comment},
    )
    return row


def report_score_preview(report: KpiReport) -> structure.ReportScore:
    """The score the instrument gives for the current marks (unmarked = not clear)."""
    if structure.instrument_hash(report.instrument_id) != report.instrument_hash:
        raise KpiError(
            "เครื่องมือประเมินเปลี่ยนฉบับหลังจากเปิดรายงานนี้ คะแนนต้องคำนวณด้วยฉบับเดิม "
            f"({report.instrument_hash[:12]}) กรุณาแจ้งผู้ดูแลระบบ"
        )
    marks = {row.issue_id: row.clear for row in report.issue_reviews.all()}
    answers = structure.scoring_answers(
        report.instrument_id,
        kind=report.round.kind,
        fields=report.answers,
        marks=marks,
        esa_kind=report.esa.esa_level or "primary",
    )
    try:
        return structure.score_report(report.instrument_id, answers)
    except AnswersInvalid as exc:
        raise KpiError(f"คำนวณคะแนนไม่ได้: {exc}") from exc


@transaction.atomic
def report_return(*, report: KpiReport, actor: User | None, reason: str) -> KpiReport:
    _ensure_reviewable(_lock(report))
    _ensure_not_own(report, actor)
    reason = reason.strip()
    if not reason:
        raise KpiError("กรุณาระบุเหตุผลที่ส่งกลับให้แก้ไข")
    before = _snapshot(report)
    _bump_reviewed(report, status=ReportStatus.RETURNED, return_reason=reason)
    audit_record(
        actor=actor,
        action="kpi.report_return",
        target=report,
        before=before,
        after=_snapshot(report),
        reason=reason,
    )
    return report


@transaction.atomic
def report_approve(*, report: KpiReport, actor: User | None) -> KpiReport:
    """Score through the pinned instrument and lock the report."""
    _ensure_reviewable(_lock(report))
    _ensure_not_own(report, actor)
    points = {p.id for p in review_points(report)}
    marked = {row.issue_id for row in report.issue_reviews.all() if row.clear is not None}
    if points - marked:
        raise KpiError("กรุณาพิจารณาให้ครบทุกประเด็น (ชัดเจน / ไม่ชัดเจน) ก่อนอนุมัติ")
    result = report_score_preview(report)
    before = _snapshot(report)
    _bump_reviewed(
        report,
        status=ReportStatus.APPROVED,
        approved_at=timezone.now(),
        approved_by=actor,
        score=Decimal(result.points),
        score_level=result.level or "",
        score_explanation_th=f"{result.explanation_th} — {result.descriptor_th}",
        return_reason="",
    )
    audit_record(
        actor=actor,
        action="kpi.report_approve",
        target=report,
        before=before,
        after={**_snapshot(report), "hash": result.version_hash, "level": result.level},
    )
    return report


# --- reminders ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReminderSent:
    round: KpiRound
    esa: Organization
    kind: str
    recipients: list[str]


def _reporter_emails(esa_id: int) -> list[str]:
    return sorted(
        set(
            Membership.objects.filter(
                role=Role.KPI_REPORTER, organization_id=esa_id, is_active=True, user__is_active=True
            )
            .exclude(user__email="")
            .values_list("user__email", flat=True)
        )
    )


def reminders_send(*, now: datetime | None = None, days_before: int = 7) -> list[ReminderSent]:
    """E-mail the reporters of every ESA that has not submitted: once ``days_before`` days before
    the due moment, once after it passed. Each (round, ESA, kind) is sent at most once ever."""
    now = now or timezone.now()
    sent: list[ReminderSent] = []
    rounds = KpiRound.objects.select_related("campaign").filter(
        due_at__gte=now - timedelta(days=365)
    )
    for round in rounds:
        if now > round.due_at:
            kind = ReminderKind.OVERDUE
        elif now >= round.due_at - timedelta(days=days_before):
            kind = ReminderKind.BEFORE_DUE
        else:
            continue
        done = set(
            KpiReport.objects.filter(round=round, first_submitted_at__isnull=False).values_list(
                "esa_id", flat=True
            )
        )
        already = set(
            KpiReminder.objects.filter(round=round, kind=kind).values_list("esa_id", flat=True)
        )
        units = KpiReportingUnit.objects.filter(campaign=round.campaign).select_related("esa")
        for unit in units:
            if unit.esa_id in done or unit.esa_id in already:
                continue
            recipients = _reporter_emails(unit.esa_id)
            sent.append(_send_one(round=round, esa=unit.esa, kind=kind, recipients=recipients))
    return sent


@transaction.atomic
def _send_one(
    *, round: KpiRound, esa: Organization, kind: str, recipients: list[str]
) -> ReminderSent:
    # The row is written first inside the transaction: a second run (or a concurrent one) hits the
    # unique constraint instead of mailing twice; the mail goes out only once the row is committed.
    KpiReminder.objects.create(round=round, esa=esa, kind=kind, recipients=", ".join(recipients))
    due = format_thai_datetime(timezone.localtime(round.due_at), thai_digits=False)
    label = round.get_kind_display()
    if kind == ReminderKind.BEFORE_DUE:
        subject = (
            f"แจ้งเตือน: รายงานตัวชี้วัด {label} ปีงบประมาณ {round.campaign.fiscal_year} ครบกำหนดส่ง {due}"
        )
    else:
        subject = f"เลยกำหนดส่ง: รายงานตัวชี้วัด {label} ปีงบประมาณ {round.campaign.fiscal_year}"
    body = (
        f"เรียน ผู้รายงานตัวชี้วัด {esa.name_th}\n\n"
        f"รายงานตัวชี้วัด {label} ปีงบประมาณ {round.campaign.fiscal_year} "
        f"กำหนดส่ง {due} ยังไม่ได้ส่งในระบบ กรุณาเข้าสู่ระบบเพื่อรายงานผลพร้อมแนบหลักฐาน\n"
    )
    if recipients:
        transaction.on_commit(
            lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
        )
    audit_record(
        actor=None,
        action="kpi.reminder_send",
        target=round,
        after={"esa": esa.code, "kind": kind, "recipients": recipients},
    )
    return ReminderSent(round=round, esa=esa, kind=kind, recipients=recipients)


def due_text(round: KpiRound) -> str:
    return format_thai_date(timezone.localtime(round.due_at).date(), "long", thai_digits=False)
