"""Object-level KPI permissions (``rules``): a reporter works only on his own ESA's reports.

Views ask ``user.has_perm("pramoen.<name>", report)``; a report the user may not see is a 404,
never a 403, so nobody can probe which ESAs have reports.
"""

from __future__ import annotations

import rules

from pramoen.accounts.enums import Role
from pramoen.accounts.rules import is_esa_staff, is_kpi_reporter, is_kpi_reviewer, is_system_admin


def reporter_esa_ids(user) -> frozenset[int]:
    """ESAs where ``user`` holds an active KPI reporter role (cached on the user object)."""
    cached = getattr(user, "_pramoen_kpi_esas", None)
    if cached is None:
        if not getattr(user, "is_authenticated", False):
            return frozenset()
        cached = frozenset(
            user.memberships.filter(
                is_active=True, role=Role.KPI_REPORTER, organization__isnull=False
            ).values_list("organization_id", flat=True)
        )
        user._pramoen_kpi_esas = cached
    return cached


@rules.predicate
def reports_for_esa(user, report) -> bool:
    return report is not None and report.esa_id in reporter_esa_ids(user)


@rules.predicate
def report_is_editable(user, report) -> bool:
    return report is not None and report.is_editable


@rules.predicate
def report_is_submitted(user, report) -> bool:
    return report is not None and report.status == "submitted"


# Dashboard viewers: ESA staff, reviewers and system admins (issue 7: ESA, regional, OBEC viewers).
is_kpi_viewer = is_esa_staff | is_kpi_reviewer | is_system_admin

rules.add_perm("pramoen.view_kpi_dashboard", is_kpi_viewer)
rules.add_perm("pramoen.view_kpi_report", (is_kpi_reporter & reports_for_esa) | is_kpi_viewer)
rules.add_perm("pramoen.edit_kpi_report", is_kpi_reporter & reports_for_esa & report_is_editable)
rules.add_perm(
    "pramoen.review_kpi_report", (is_kpi_reviewer | is_system_admin) & report_is_submitted
)
