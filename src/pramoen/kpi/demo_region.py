"""Demo regional level: the demo's KPI ESAs sit in สำนักงานศึกษาธิการภาค 1, whose reviewer
(``region``) approves or returns their reports before OBEC (``obec``) accepts them.

A separate demo step (after ``kpi.demo``) so the campaign demo stays one story; safe to run again.
"""

from __future__ import annotations

from collections.abc import Callable

from pramoen.accounts.demo import demo_user
from pramoen.accounts.enums import Role
from pramoen.accounts.services import membership_grant
from pramoen.kpi.demo import DEMO_ESAS
from pramoen.orgs.enums import OrganizationKind
from pramoen.orgs.models import Organization
from pramoen.orgs.region_services import regions_ensure

REGION_REVIEWER = ("region", "นางสาว", "อรุณี", "ศึกษาธิการภาค")
DEMO_REGION = 1


def load(log: Callable[[str], None]) -> None:
    from pramoen.orgs.demo import DEMO_ESA_CODE

    region = regions_ensure(actor=None, audit=False)[DEMO_REGION]
    codes = [DEMO_ESA_CODE, *(code for code, *_rest in DEMO_ESAS)]
    # Fictional provinces have no region of their own: only ESAs nobody placed yet are moved.
    Organization.objects.filter(
        kind=OrganizationKind.ESA, code__in=codes, region__isnull=True
    ).update(region=region)
    user = demo_user(*REGION_REVIEWER)
    membership_grant(user=user, role=Role.KPI_REGION_REVIEWER, organization=region)
    log(f"  {user.username:<10} {Role.KPI_REGION_REVIEWER.label} {region.name_th}")
