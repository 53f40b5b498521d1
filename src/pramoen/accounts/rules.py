"""Permissions as ``rules`` predicates. Views ask ``request.user.has_perm("pramoen.<name>")``."""

from __future__ import annotations

import rules

from pramoen.accounts.enums import Role


def has_role(*roles: str) -> rules.Predicate:
    wanted = frozenset(roles)

    @rules.predicate(name=f"has_role({', '.join(sorted(wanted))})")
    def predicate(user) -> bool:
        if not getattr(user, "is_authenticated", False):
            return False
        return bool(wanted & user.role_set())

    return predicate


is_system_admin = has_role(Role.SYSTEM_ADMIN) | rules.is_superuser
is_esa_staff = has_role(Role.ESA_STAFF) | is_system_admin
is_committee_chair = has_role(Role.COMMITTEE_CHAIR)
is_judge = has_role(Role.JUDGE, Role.COMMITTEE_CHAIR)
is_applicant = has_role(Role.APPLICANT_SCHOOL, Role.APPLICANT_PERSON)
is_kpi_reporter = has_role(Role.KPI_REPORTER)
is_kpi_reviewer = has_role(Role.KPI_REVIEWER, Role.KPI_REGION_REVIEWER)

rules.add_perm("pramoen.use_admin_site", is_system_admin)
rules.add_perm("pramoen.manage_master_data", is_esa_staff)
rules.add_perm("pramoen.manage_campaigns", is_esa_staff)
rules.add_perm("pramoen.judge", is_judge)
rules.add_perm("pramoen.chair_committee", is_committee_chair | is_system_admin)
rules.add_perm("pramoen.apply", is_applicant)
rules.add_perm("pramoen.report_kpi", is_kpi_reporter)
rules.add_perm("pramoen.review_kpi", is_kpi_reviewer | is_system_admin)
rules.add_perm("pramoen.view_audit_log", is_esa_staff)
