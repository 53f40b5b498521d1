"""Writes for the KPI app: keyword-only, typed, atomic, audited.

One module per sub-domain — ``campaigns``, ``reports``, ``evidence``, ``review``,
``reminders`` (and ``common`` for the versioned UPDATE and the Thai refusal); this package names
the public API.
"""

from pramoen.kpi import structure
from pramoen.kpi.services.approval import (
    campaign_set_chain,
    report_accept,
    report_unaccept,
    report_unapprove,
)
from pramoen.kpi.services.campaigns import (
    campaign_check,
    campaign_clone,
    campaign_create,
    campaign_next_defaults,
    registry_counts,
)
from pramoen.kpi.services.common import (
    BANGKOK,
    EVIDENCE_MAX_BYTES,
    KPI10_TITLE,
    LESSON_MAX_BYTES,
    KpiError,
    StaleReport,
    bangkok_due,
    due_text,
    max_evidence_bytes,
)
from pramoen.kpi.services.evidence import evidence_add_file, evidence_add_link, evidence_remove
from pramoen.kpi.services.reminders import ReminderSent, reminders_send
from pramoen.kpi.services.reports import (
    IssueCompleteness,
    completeness,
    report_get_or_create,
    report_structure,
    report_submit,
    report_update,
    review_points,
    submission_problems,
)
from pramoen.kpi.services.review import (
    NOT_REVIEWABLE,
    report_approve,
    report_return,
    report_score_preview,
    review_mark,
)
from pramoen.kpi.services.review_marks import MarkInput, report_decide, review_marks_save

__all__ = [
    "BANGKOK",
    "EVIDENCE_MAX_BYTES",
    "KPI10_TITLE",
    "LESSON_MAX_BYTES",
    "NOT_REVIEWABLE",
    "IssueCompleteness",
    "KpiError",
    "MarkInput",
    "ReminderSent",
    "StaleReport",
    "bangkok_due",
    "campaign_check",
    "campaign_clone",
    "campaign_create",
    "campaign_next_defaults",
    "campaign_set_chain",
    "completeness",
    "due_text",
    "evidence_add_file",
    "evidence_add_link",
    "evidence_remove",
    "max_evidence_bytes",
    "registry_counts",
    "reminders_send",
    "report_accept",
    "report_approve",
    "report_decide",
    "report_get_or_create",
    "report_return",
    "report_score_preview",
    "report_structure",
    "report_submit",
    "report_unaccept",
    "report_unapprove",
    "report_update",
    "review_mark",
    "review_marks_save",
    "review_points",
    "structure",
    "submission_problems",
]
