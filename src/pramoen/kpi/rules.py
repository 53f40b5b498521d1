"""Object-level KPI permissions (``rules``): a reporter works only on his own ESA's reports; ESA
staff and reviewers see only the ESAs they belong to, unless they belong to OBEC.

Views ask ``user.has_perm("pramoen.<name>", report)``; a report the user may not see is a 404,
never a 403, so nobody can probe which ESAs have reports.
"""

from __future__ import annotations

from dataclasses import dataclass

import rules

from pramoen.accounts.enums import Role
from pramoen.accounts.rules import is_esa_staff, is_kpi_reporter, is_kpi_reviewer, is_system_admin
from pramoen.kpi.enums import ApprovalChain, ReportStatus
from pramoen.orgs.enums import OrganizationKind
from pramoen.orgs.models import Organization


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
    return report is not None and report.status == ReportStatus.SUBMITTED


# Dashboard viewers: ESA staff, reviewers and system admins (issue 7: ESA, regional, OBEC viewers).
is_kpi_viewer = is_esa_staff | is_kpi_reviewer | is_system_admin

VIEWER_ROLES = (Role.ESA_STAFF, Role.KPI_REVIEWER, Role.KPI_REGION_REVIEWER)
REVIEWER_ROLES = (Role.KPI_REVIEWER, Role.KPI_REGION_REVIEWER)
# Only these decide at OBEC level (acceptance): a regional role never covers the country.
NATIONAL_ROLES = (Role.KPI_REVIEWER,)


@dataclass(frozen=True, slots=True)
class EsaScope:
    """The ESAs a staff member or reviewer oversees: ``all`` at OBEC level or as system admin."""

    all: bool
    esa_ids: frozenset[int]

    def covers(self, esa_id: int) -> bool:
        return self.all or esa_id in self.esa_ids


NO_ESA = EsaScope(all=False, esa_ids=frozenset())


def esa_scope(user, roles: tuple[str, ...] = VIEWER_ROLES) -> EsaScope:
    """Where ``user`` holds one of ``roles``: a membership on an ESA covers that ESA, one on the
    OBEC organisation (the national level that oversees every ESA) covers all of them, and so does
    being a system admin. Cached on the user object per set of roles."""
    if not getattr(user, "is_authenticated", False):
        return NO_ESA
    cache = getattr(user, "_pramoen_kpi_scopes", None)
    if cache is None:
        cache = user._pramoen_kpi_scopes = {}
    key = tuple(sorted(roles))
    if key not in cache:
        if is_system_admin(user):
            cache[key] = EsaScope(all=True, esa_ids=frozenset())
        elif not set(roles) & user.role_set():
            # The menu asks on every page: a user without any of these roles costs no query
            # beyond the (cached) role set.
            cache[key] = NO_ESA
        else:
            rows = list(
                user.memberships.filter(
                    is_active=True, role__in=roles, organization__isnull=False
                ).values_list("organization_id", "organization__kind")
            )
            # A membership on a สำนักงานศึกษาธิการภาค covers the ESAs of that region.
            regions = [org_id for org_id, kind in rows if kind == OrganizationKind.REGION]
            in_regions = (
                frozenset(
                    Organization.objects.filter(
                        kind=OrganizationKind.ESA, region_id__in=regions
                    ).values_list("id", flat=True)
                )
                if regions
                else frozenset()
            )
            cache[key] = EsaScope(
                all=any(kind == OrganizationKind.OBEC for _id, kind in rows),
                esa_ids=frozenset(org_id for org_id, _kind in rows) | in_regions,
            )
    return cache[key]


def is_national(user) -> bool:
    """An OBEC-level KPI reviewer or a system admin: decides at the top of every chain."""
    return esa_scope(user, NATIONAL_ROLES).all


@rules.predicate
def oversees_report_esa(user, report) -> bool:
    """ESA staff or reviewer of the report's ESA or of OBEC, or a system admin."""
    return report is not None and esa_scope(user, VIEWER_ROLES).covers(report.esa_id)


@rules.predicate
def reviews_report_esa(user, report) -> bool:
    """The first decision on a submitted report: a reviewer of the report's ESA or of its region
    (or OBEC, or a system admin); in a campaign that skips the region, OBEC level only."""
    if report is None:
        return False
    if report.round.campaign.approval_chain == ApprovalChain.OBEC_ONLY:
        return is_national(user)
    return esa_scope(user, REVIEWER_ROLES).covers(report.esa_id)


@rules.predicate
def decides_nationally(user, report) -> bool:
    return report is not None and is_national(user)


def _status_is(status: str) -> rules.Predicate:
    @rules.predicate(name=f"report_is_{status}")
    def predicate(user, report) -> bool:
        return report is not None and report.status == status

    return predicate


@rules.predicate
def chain_has_region(user, report) -> bool:
    return (
        report is not None
        and report.round.campaign.approval_chain == ApprovalChain.REGION_THEN_OBEC
    )


rules.add_perm("pramoen.view_kpi_dashboard", is_kpi_viewer)
rules.add_perm("pramoen.accept_kpi", rules.predicate(is_national))
rules.add_perm("pramoen.view_kpi_report", (is_kpi_reporter & reports_for_esa) | oversees_report_esa)
rules.add_perm("pramoen.edit_kpi_report", is_kpi_reporter & reports_for_esa & report_is_editable)
rules.add_perm("pramoen.review_kpi_report", reviews_report_esa & report_is_submitted)
# The approval chain (kpi/services/approval.py): each level undoes only its own decision, and only
# while the level above has not decided (OBEC's acceptance locks the region's approval).
rules.add_perm(
    "pramoen.unapprove_kpi_report", reviews_report_esa & _status_is(ReportStatus.APPROVED)
)
rules.add_perm(
    "pramoen.accept_kpi_report",
    decides_nationally & chain_has_region & _status_is(ReportStatus.APPROVED),
)
rules.add_perm(
    "pramoen.unaccept_kpi_report", decides_nationally & _status_is(ReportStatus.ACCEPTED)
)


@rules.predicate
def oversees_every_esa(user) -> bool:
    """A member at the national level (OBEC) as ESA staff or reviewer, or a system admin."""
    return esa_scope(user, VIEWER_ROLES).all


# Opening a fiscal year (issues 18/19): it covers every reporting ESA, so OBEC-level staff and
# system admins — and ESA staff, who run a season from the pages (issue 19); a year is opened only
# by copying the last one (same indicators, pinned versions and ESAs), and only once.
rules.add_perm("pramoen.open_kpi_campaign", is_esa_staff | oversees_every_esa)

# Whether the regions approve before OBEC is a national choice per fiscal year: OBEC-level members
# and system admins only (an ESA does not decide who reviews it).
rules.add_perm("pramoen.set_kpi_chain", oversees_every_esa)
