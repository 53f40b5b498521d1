"""The reviewer's marks on every consideration issue of a report, saved together in one write.

Issue 20: each issue had its own save button, so a reviewer who ticked all four and pressed the
last kept one mark and silently lost three. The review page now posts every issue at once and
this service writes all of them in one transaction (one audit row per changed issue).

The approve and return buttons post the same form: ``report_decide`` saves what was typed first,
so pressing "อนุมัติ" with marks not yet saved neither loses them nor approves on stale marks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.db import transaction

from pramoen.accounts.models import User
from pramoen.core.services import audit_record
from pramoen.kpi.models import KpiIssueReview, KpiReport
from pramoen.kpi.services.common import KpiError, lock_report
from pramoen.kpi.services.reports import review_points
from pramoen.kpi.services.review import (
    ensure_not_own,
    ensure_reviewable,
    report_approve,
    report_return,
)


@dataclass(frozen=True, slots=True)
class MarkInput:
    """One issue as the reviewer left it: ``clear`` None = not decided yet."""

    clear: bool | None
    comment: str


@transaction.atomic
def review_marks_save(
    *, report: KpiReport, marks: Mapping[str, MarkInput], actor: User | None
) -> list[str]:
    """Write every given mark; returns the ids of the issues whose mark changed.

    Unchanged issues write nothing (no audit noise); an issue never marked and left blank creates
    no row. Locked: a mark may not slip in after approval.
    """
    ensure_reviewable(lock_report(report))
    ensure_not_own(report, actor)
    known = {point.id for point in review_points(report)}
    unknown = set(marks) - known
    if unknown:
        raise KpiError("ไม่พบประเด็นการพิจารณานี้")
    rows = {row.issue_id: row for row in KpiIssueReview.objects.filter(report=report)}
    changed: list[str] = []
    for issue_id, mark in marks.items():
        row = rows.get(issue_id)
        comment = mark.comment.strip()
        if row is None and mark.clear is None and not comment:
            continue
        if row is not None and (row.clear, row.comment) == (mark.clear, comment):
            continue
        before = {"clear": row.clear, "comment": row.comment} if row is not None else {}
        if row is None:
            row = KpiIssueReview(report=report, issue_id=issue_id)
        row.clear = mark.clear
        row.comment = comment
        row.reviewer = actor
        row.save()
        audit_record(
            actor=actor,
            action="kpi.review_mark",
            target=report,
            before={"issue": issue_id, **before},
            after={"issue": issue_id, "clear": mark.clear, "comment": comment},
        )
        changed.append(issue_id)
    return changed


def report_decide(
    *,
    report: KpiReport,
    marks: Mapping[str, MarkInput] | None,
    actor: User | None,
    approve: bool,
    reason: str = "",
) -> KpiReport:
    """Save the marks the page posted (if any), then approve or return the report.

    Two transactions on purpose: the marks are kept even when the decision is refused (an issue
    left undecided, a missing reason), so what the reviewer typed is never dropped; the decision
    re-reads the report under its row lock, so it sees the marks just written.
    """
    if marks:
        review_marks_save(report=report, marks=marks, actor=actor)
    if approve:
        return report_approve(report=report, actor=actor)
    return report_return(report=report, actor=actor, reason=reason)
