"""The 12-month round's report file is the report the system writes (issue 20).

The 12-month form asks for one piece of evidence, "เอกสารแนบตัวชี้วัดที่ 10 รายงานสรุปผล … (ไฟล์ Word)"
(seed 000 line 72, slot ``ev_report``) — the very report this system generates from the answers.
Asking the ESA to download it and upload it again was a loop: the slot is filled by the system
instead. While the ESA writes, the page offers the live Word file (a draft, gaps marked); on
submission the final file is written once and kept as the slot's evidence, so the reviewer reads
exactly what was submitted.
"""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile

from pramoen.accounts.models import User
from pramoen.core.services import audit_record
from pramoen.kpi.enums import EvidenceKind, RoundKind
from pramoen.kpi.models import KpiEvidence, KpiReport

GENERATED_SLOTS = frozenset({"ev_report"})
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def is_generated(report: KpiReport, slot_id: str) -> bool:
    return report.round.kind == RoundKind.TWELVE_MONTHS and slot_id in GENERATED_SLOTS


def generated_problem(report: KpiReport) -> str | None:
    """Thai reason the final report cannot be written yet (None when it can)."""
    from pydantic import ValidationError as PydanticValidationError

    from pramoen.kpi import exports

    try:
        exports.report_data(report, draft=False)
    except (PydanticValidationError, ValueError) as exc:
        return "รายงานสรุปผล (ไฟล์ Word) ยังสร้างไม่ได้: " + exports.validation_message(exc)
    return None


def report_file_store(*, report: KpiReport, actor: User | None) -> KpiEvidence:
    """Write the final Word report and keep it as the ``ev_report`` evidence (inside the caller's
    transaction: the submission). A file handed in earlier for the slot is replaced."""
    from pramoen.kpi import exports

    content = exports.report_document(report, fmt="docx")
    replaced = [item.label for item in report.evidence.filter(slot_id__in=GENERATED_SLOTS)]
    report.evidence.filter(slot_id__in=GENERATED_SLOTS).delete()
    name = exports.report_filename(report, "docx")
    evidence = KpiEvidence(
        report=report,
        slot_id="ev_report",
        kind=EvidenceKind.FILE,
        original_name=name,
        content_type=DOCX_TYPE,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        title="รายงานสรุปผล (ไฟล์ Word) ที่ระบบสร้างเมื่อส่งรายงาน",
        uploaded_by=actor,
    )
    evidence.file.save(name, ContentFile(content), save=False)
    evidence.save()
    audit_record(
        actor=actor,
        action="kpi.report_file",
        target=report,
        before={"replaced": replaced} if replaced else None,
        after={"slot": "ev_report", "file": name, "sha256": evidence.sha256},
    )
    return evidence
