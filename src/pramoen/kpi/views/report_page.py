"""What the report page is built from: groups of evidence slots beside their form fields, the
round's form, the history labels."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pramoen.core.types import AuthenticatedRequest
from pramoen.kpi import selectors, services, structure
from pramoen.kpi.enums import RoundKind
from pramoen.kpi.forms import (
    EvidenceLinkForm,
    EvidenceUploadForm,
    SixMonthForm,
    TwelveMonthForm,
)
from pramoen.kpi.models import KpiEvidence, KpiReport
from pramoen.kpi.services import carry, report_file
from pramoen.kpi.views.approval import approval_actions
from pramoen.library.kpi10 import KPI10_6M

HISTORY_LABELS = {
    "kpi.report_create": "เปิดรายงาน",
    "kpi.report_update": "บันทึกข้อมูล",
    "kpi.evidence_add": "แนบหลักฐาน",
    "kpi.evidence_remove": "นำหลักฐานออก",
    "kpi.evidence_replace_carried": "แทนที่หลักฐานที่ยกมา",
    "kpi.report_submit": "ส่งรายงาน",
    "kpi.review_mark": "พิจารณาประเด็น",
    "kpi.report_return": "ส่งกลับให้แก้ไข",
    "kpi.report_approve": "อนุมัติ",
    "kpi.report_accept": "สพฐ. รับรอง",
    "kpi.report_unapprove": "ยกเลิกการอนุมัติ",
    "kpi.report_unaccept": "ยกเลิกการรับรองของ สพฐ.",
}


@dataclass
class SlotView:
    slot: structure.Slot
    items: list[KpiEvidence]
    # The 12-month report file: written by the system, never uploaded (services.report_file).
    generated: bool = False

    @property
    def present(self) -> bool:
        return bool(self.items) or self.generated


@dataclass
class Group:
    """An issue (or the PA block, or the carried 6-month evidence) as the page shows it."""

    key: str
    title: str
    number: str
    slots: list[SlotView]
    narrative: Any = None
    carried: bool = False
    pa: bool = False
    scored: bool = True
    notes: list[str] = field(default_factory=list)

    @property
    def present(self) -> int:
        return sum(1 for s in self.slots if s.present)

    @property
    def required(self) -> int:
        return len(self.slots)

    @property
    def complete(self) -> bool:
        return self.present >= self.required


def slot_groups(
    report: KpiReport, evidence: dict[str, list[KpiEvidence]], form=None
) -> list[Group]:
    shape = services.report_structure(report)
    groups = []
    for issue in shape.issues:
        narrative = (
            form[issue.narrative_field] if form is not None and issue.narrative_field else None
        )
        groups.append(
            Group(
                key=f"issue-{issue.number}",
                title=issue.text_th,
                number=issue.number,
                slots=[
                    SlotView(s, evidence.get(s.id, []), report_file.is_generated(report, s.id))
                    for s in issue.slots
                ],
                narrative=narrative,
            )
        )
    if shape.pa_slots:
        groups.append(
            Group(
                key="pa",
                title="ประเด็นท้าทาย (PA): เอกสารที่ต้องใช้ประกอบการประเมินตามระดับการปฏิบัติที่คาดหวัง",
                number="PA",
                slots=[SlotView(s, evidence.get(s.id, [])) for s in shape.pa_slots],
                pa=True,
                scored=False,
            )
        )
    if report.round.kind == RoundKind.TWELVE_MONTHS:
        six = structure.round_structure(
            KPI10_6M,
            esa_kind=report.esa.esa_level or "primary",
            pa_challenge=False,
            kind="6m",
            fiscal_year=report.round.campaign.fiscal_year,
        )
        six_answers = six_month_answers(report)
        for issue in six.issues:
            text = six_answers.get(issue.narrative_field or "") or ""
            groups.append(
                Group(
                    key=f"carried-{issue.number}",
                    title=issue.text_th,
                    number=issue.number,
                    slots=[SlotView(s, evidence.get(s.id, [])) for s in issue.slots],
                    carried=True,
                    scored=False,
                    notes=[text] if text else [],
                )
            )
    return groups


def six_month_answers(report: KpiReport) -> dict[str, Any]:
    """This fiscal year's 6-month answers of the same ESA (shown beside the carried evidence)."""
    previous = (
        KpiReport.objects.filter(
            round__campaign_id=report.round.campaign_id,
            round__kind=RoundKind.SIX_MONTHS,
            indicator_id=report.indicator_id,
            esa_id=report.esa_id,
        )
        .only("answers")
        .first()
    )
    return previous.answers if previous is not None else {}


def group_for_slot(groups: list[Group], slot_id: str) -> Group | None:
    for group in groups:
        if any(view.slot.id == slot_id for view in group.slots):
            return group
    return None


def user_can_edit(user, report: KpiReport) -> bool:
    return user.has_perm("pramoen.edit_kpi_report", report)


def form_for(report: KpiReport, data=None, *, editable: bool = True):
    initial = {**report.answers, "version": report.version}
    form: SixMonthForm | TwelveMonthForm
    if report.round.kind == RoundKind.SIX_MONTHS:
        form = SixMonthForm(data, initial=initial, shape=services.report_structure(report))
    else:
        form = TwelveMonthForm(data, initial=initial)
    locked = carry.locked_fields(report)
    for name, form_field in form.fields.items():
        # The fields sit beside the evidence forms on the page (forms cannot nest): they belong to
        # the main form by its id.
        form_field.widget.attrs["form"] = "report-form"
        if not editable or name in locked:
            form_field.disabled = True
        # Marked while it still holds what the report opened with (issue 18).
        note = carry.carried_note(report, name)
        if note:
            form_field.help_text = note
            form_field.widget.attrs["data-carried"] = "1"
    return form


def report_context(request: AuthenticatedRequest, report: KpiReport, form=None) -> dict[str, Any]:
    evidence = selectors.report_evidence(report=report)
    can_edit = user_can_edit(request.user, report)
    form = form or form_for(report, editable=can_edit)
    groups = slot_groups(report, evidence, form)
    marks = selectors.report_marks(report=report)
    return {
        "report": report,
        "form": form,
        "groups": groups,
        "can_edit": can_edit,
        "can_review": request.user.has_perm("pramoen.review_kpi_report", report),
        **approval_actions(request.user, report),
        "marks": marks,
        "review_points": [(point, marks.get(point.id)) for point in services.review_points(report)],
        "problems": services.submission_problems(report) if can_edit else [],
        "computed": selectors.report_computed(report)
        if report.round.kind == RoundKind.TWELVE_MONTHS
        else None,
        "upload_form": EvidenceUploadForm(),
        "link_form": EvidenceLinkForm(),
        "is_twelve": report.round.kind == RoundKind.TWELVE_MONTHS,
        "history": [
            (event, HISTORY_LABELS.get(event.action, event.action))
            for event in selectors.report_history(report=report)
        ],
    }
