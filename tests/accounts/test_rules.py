from __future__ import annotations

import pytest

from pramoen.accounts.enums import Role
from pramoen.accounts.services import membership_revoke

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "perm", "expected"),
    [
        (Role.JUDGE, "pramoen.judge", True),
        (Role.JUDGE, "pramoen.manage_campaigns", False),
        (Role.COMMITTEE_CHAIR, "pramoen.judge", True),
        (Role.COMMITTEE_CHAIR, "pramoen.chair_committee", True),
        (Role.ESA_STAFF, "pramoen.manage_master_data", True),
        (Role.ESA_STAFF, "pramoen.use_admin_site", False),
        (Role.SYSTEM_ADMIN, "pramoen.use_admin_site", True),
        (Role.SYSTEM_ADMIN, "pramoen.manage_master_data", True),
        (Role.APPLICANT_SCHOOL, "pramoen.apply", True),
        (Role.APPLICANT_PERSON, "pramoen.judge", False),
        (Role.KPI_REPORTER, "pramoen.report_kpi", True),
        (Role.KPI_REPORTER, "pramoen.review_kpi", False),
        (Role.KPI_REVIEWER, "pramoen.review_kpi", True),
    ],
)
def test_role_grants_exactly_its_permissions(make_user, role, perm, expected):
    assert make_user(roles=[role]).has_perm(perm) is expected


def test_person_may_hold_several_roles(make_user):
    user = make_user(roles=[Role.JUDGE, Role.KPI_REPORTER])
    assert user.has_perm("pramoen.judge")
    assert user.has_perm("pramoen.report_kpi")


def test_revoked_membership_no_longer_grants(make_user):
    from pramoen.accounts.models import User

    user = make_user(roles=[Role.JUDGE])
    membership_revoke(membership=user.memberships.get(), actor=None, reason="พ้นวาระ")
    fresh = User.objects.get(pk=user.pk)
    assert not fresh.has_perm("pramoen.judge")


def test_anonymous_has_no_permission():
    from django.contrib.auth.models import AnonymousUser

    assert not AnonymousUser().has_perm("pramoen.judge")
