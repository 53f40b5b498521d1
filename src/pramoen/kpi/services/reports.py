"""An ESA's report of a round: opened, edited (versioned), checked for completeness, submitted."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from pramoen.accounts.models import User
from pramoen.core.instrument_store import instrument_snapshot_store
from pramoen.core.services import audit_record
from pramoen.kpi import structure
from pramoen.kpi.enums import ReportStatus, RoundKind
from pramoen.kpi.models import (
    KpiEvidence,
    KpiIndicator,
    KpiReport,
    KpiRound,
)
from pramoen.kpi.services import carry, report_file
from pramoen.kpi.services.campaigns import registry_counts
from pramoen.kpi.services.common import (
    KpiError,
    bump_version,
    ensure_editable,
    lock_report,
    report_snapshot,
)
from pramoen.library.kpi10 import KPI10_6M
from pramoen.orgs.models import Organization


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
    assert indicator is not None  # every KPI campaign is created with its indicators
    instrument_id = indicator.instrument_for(round.kind)
    fiscal_year = round.campaign.fiscal_year
    answers: dict[str, Any] = {}
    counts: dict[str, int] = {}
    carried_answers: dict[str, Any] = {}
    previous = None
    if round.kind == RoundKind.TWELVE_MONTHS:
        counts = registry_counts(esa=esa, fiscal_year=fiscal_year)
        answers.update(counts)
        previous = KpiReport.objects.filter(
            round__campaign=round.campaign,
            round__kind=RoundKind.SIX_MONTHS,
            indicator=indicator,
            esa=esa,
        ).first()
        if previous is not None:
            six = carry.from_six_month(previous)
            answers.update(six)
            carried_answers.update(
                carry.carried(six, source=carry.SIX_MONTH_SOURCE, year=fiscal_year)
            )
        last = carry.from_last_year(
            carry.last_year_report(indicator=indicator, esa=esa, fiscal_year=fiscal_year)
        )
        answers.update(last)
        carried_answers.update(
            carry.carried(last, source=carry.LAST_YEAR_SOURCE, year=fiscal_year - 1)
        )
    # The campaign's pin when it has one (a cloned fiscal year keeps its source's versions).
    pinned = indicator.pin_for(round.kind)
    instrument_hash = (
        pinned or instrument_snapshot_store(instrument=structure.load(instrument_id)).version_hash
    )
    try:
        with transaction.atomic():
            report = KpiReport.objects.create(
                round=round,
                indicator=indicator,
                esa=esa,
                instrument_id=instrument_id,
                instrument_hash=instrument_hash,
                answers=answers,
                registry_counts=counts,
                carried_answers=carried_answers,
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
        after={
            "instrument": instrument_id,
            "hash": report.instrument_hash,
            "carried": carried,
            "carried_answers": sorted(carried_answers),
        },
    )
    return report


@transaction.atomic
def report_update(
    *, report: KpiReport, actor: User | None, expected_version: int, changes: Mapping[str, Any]
) -> KpiReport:
    """Save fields of the answers document (narratives, reporter block, 12-month data)."""
    ensure_editable(lock_report(report))
    for key in carry.locked_fields(report):
        if key in changes and changes[key] != report.answers.get(key):
            item = report.carried_answers[key]
            raise KpiError(
                f"ตัวเลขนี้มาจากรายงานรอบ 12 เดือน ปีงบประมาณ {item.get('year')} "
                "ที่ส่งแล้ว แก้ไขในรายงานนี้ไม่ได้"
            )
    before = {key: report.answers.get(key) for key in changes}
    answers = {**report.answers, **changes}
    bump_version(report, expected_version, answers=answers)
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


def slot_or_error(report: KpiReport, slot_id: str) -> structure.Slot:
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
    try:
        return structure.round_structure(
            report.instrument_id,
            esa_kind=report.esa.esa_level or "primary",
            pa_challenge=bool(report.answers.get("pa_challenge")),
            kind=report.round.kind,
            fiscal_year=report.round.campaign.fiscal_year,
            version_hash=report.instrument_hash,
        )
    except ValidationError as exc:  # the pinned version is nowhere: refuse, never use another
        raise KpiError(" ".join(exc.messages)) from exc


def review_points(report: KpiReport) -> tuple[structure.ReviewPoint, ...]:
    """What the reviewer must mark. 12-month: only the best-practice boxes the ESA ticked "มี" —
    a box the ESA left at "ไม่มี" scores nothing whatever the reviewer thinks (seed 000 lines
    89-113 read the boxes), so asking for a mark on it would only add clicks."""
    points = report_structure(report).review_points
    if report.round.kind == RoundKind.TWELVE_MONTHS:
        return tuple(p for p in points if report.answers.get(p.id))
    return points


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
        present = sum(
            1
            for slot in issue.slots
            if evidence.get(slot.id) or report_file.is_generated(report, slot.id)
        )
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
            if report_file.is_generated(report, slot.id):
                continue  # written by the system on submission (report_file)
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
        version_hash=report.instrument_hash,
    )
    answer_problems = structure.answer_problems(
        report.instrument_id,
        answers,
        fiscal_year=report.round.campaign.fiscal_year,
        version_hash=report.instrument_hash,
    )
    problems.extend(answer_problems)
    if report.round.kind == RoundKind.TWELVE_MONTHS and not answer_problems:
        # The instrument is satisfied; the Word report must be writable too (its own checks).
        generated = report_file.generated_problem(report)
        if generated:
            problems.append(generated)
    return problems


@transaction.atomic
def report_submit(*, report: KpiReport, actor: User | None, expected_version: int) -> KpiReport:
    ensure_editable(lock_report(report))
    problems = submission_problems(report)
    if problems:
        raise KpiError("ยังส่งรายงานไม่ได้: " + "; ".join(problems))
    before = report_snapshot(report)
    now = timezone.now()
    bump_version(
        report,
        expected_version,
        status=ReportStatus.SUBMITTED,
        submitted_at=now,
        first_submitted_at=report.first_submitted_at or now,
    )
    if report.round.kind == RoundKind.TWELVE_MONTHS:
        report_file.report_file_store(report=report, actor=actor)
    audit_record(
        actor=actor,
        action="kpi.report_submit",
        target=report,
        before=before,
        after={**report_snapshot(report), "late": report.is_late},
    )
    return report
