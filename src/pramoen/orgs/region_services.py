"""Writes for the regional level: the 18 สำนักงานศึกษาธิการภาค and each ESA's region.

Kept apart from ``orgs.services`` (the registry's writes) because only the KPI approval chain
needs it; the table it starts from is :mod:`pramoen.orgs.regions`.
"""

from __future__ import annotations

from django.db import transaction

from pramoen.core.services import audit_record
from pramoen.core.types import User
from pramoen.orgs.enums import OrganizationKind
from pramoen.orgs.models import Organization
from pramoen.orgs.regions import REGIONS, region_for_province


@transaction.atomic
def regions_ensure(*, actor: User | None, audit: bool = True) -> dict[int, Organization]:
    """The 18 region organisations (created when missing), by region number."""
    have = {org.code: org for org in Organization.objects.filter(kind=OrganizationKind.REGION)}
    missing = [spec for spec in REGIONS if spec.code not in have]
    if missing:
        Organization.objects.bulk_create(
            [
                Organization(kind=OrganizationKind.REGION, code=spec.code, name_th=spec.name_th)
                for spec in missing
            ]
        )
        have = {org.code: org for org in Organization.objects.filter(kind=OrganizationKind.REGION)}
        if audit:
            audit_record(
                actor=actor,
                action="orgs.regions_create",
                target_type="orgs.organization",
                after={"regions": [spec.code for spec in missing]},
            )
    return {spec.number: have[spec.code] for spec in REGIONS}


@transaction.atomic
def esas_assign_regions(*, actor: User | None, audit: bool = True) -> int:
    """Give every ESA without a region the region of its province (real province names only);
    an ESA already placed keeps its region (it may have been corrected by hand). One UPDATE per
    region, not per ESA."""
    regions = regions_ensure(actor=actor, audit=audit)
    by_region: dict[int, list[int]] = {}
    for esa_id, province in Organization.objects.filter(
        kind=OrganizationKind.ESA, region__isnull=True
    ).values_list("id", "province"):
        spec = region_for_province(province)
        if spec is not None:
            by_region.setdefault(spec.number, []).append(esa_id)
    placed = 0
    for number, ids in by_region.items():
        placed += Organization.objects.filter(pk__in=ids).update(region=regions[number])
    if placed and audit:
        audit_record(
            actor=actor,
            action="orgs.esas_assign_regions",
            target_type="orgs.organization",
            after={"placed": placed},
        )
    return placed
