"""Reads of the quality-school registry pages: the registry of one academic year as a list of
schools (each with its role, annotated in the same query), and one school's place in it."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Exists, Max, OuterRef, Q, QuerySet, Subquery

from pramoen.orgs.models import Organization, QualityCore, QualityNetworkMember
from pramoen.orgs.selectors import normalize_query
from pramoen.thai import academic_year as academic_year_of
from pramoen.thai import strip_school_prefix

# The role of a network school in the registry filters and forms (core schools use their kind).
NETWORK = "network"


def registry_years() -> list[int]:
    """Academic years that have a registry, newest first (one query over both tables)."""
    cores = QualityCore.objects.values_list("academic_year", flat=True)
    members = QualityNetworkMember.objects.values_list("academic_year", flat=True)
    return sorted(set(cores.union(members)), reverse=True)


def current_registry_year() -> int:
    year = QualityCore.objects.aggregate(year=Max("academic_year"))["year"]
    return year or academic_year_of(date.today())


def registry_list(
    *,
    esa_ids: Collection[int] | None,
    academic_year: int,
    search: str = "",
    role: str = "",
) -> QuerySet[Organization]:
    """The schools in the registry of ``academic_year`` (of ``esa_ids``; None: every ESA), with
    ``core_kind`` (a core school's kind) or ``member_core_name`` (a network school's core school),
    ordered by name. ``role`` is a core kind or ``"network"``."""
    cores = QualityCore.objects.filter(school=OuterRef("pk"), academic_year=academic_year)
    members = QualityNetworkMember.objects.filter(
        school=OuterRef("pk"), academic_year=academic_year
    )
    # Any: the stubs cannot see the annotations the filters below use.
    schools: Any = (
        Organization.objects.schools()
        .select_related("parent")
        .annotate(
            in_core=Exists(cores),
            in_network=Exists(members),
            core_kind=Subquery(cores.values("kind")[:1]),
            member_core_name=Subquery(members.values("core__school__name_th")[:1]),
            member_participating=Subquery(members.values("participating")[:1]),
        )
        .filter(Q(in_core=True) | Q(in_network=True))
    )
    if esa_ids is not None:
        schools = schools.filter(parent_id__in=list(esa_ids))
    if role == NETWORK:
        schools = schools.filter(in_network=True)
    elif role:
        schools = schools.filter(core_kind=role)
    text = normalize_query(search)
    if text:
        bare = strip_school_prefix(text)
        schools = schools.filter(
            Q(name_th__icontains=bare) | Q(code__icontains=text) | Q(name_en__icontains=text)
        )
    return schools.order_by("name_sort", "pk")


@dataclass
class RegistryPlace:
    school: Organization
    academic_year: int
    core: QualityCore | None = None
    member: QualityNetworkMember | None = None
    network: list[QualityNetworkMember] = field(default_factory=list)

    @property
    def in_registry(self) -> bool:
        return self.core is not None or self.member is not None


NETWORK_LIMIT = 200


def registry_place(*, school: Organization, academic_year: int) -> RegistryPlace:
    """``school``'s place in the registry of ``academic_year``: its core row with its network
    schools, or its network row with its core school (a bounded number of queries)."""
    place = RegistryPlace(school=school, academic_year=academic_year)
    place.core = QualityCore.objects.filter(school=school, academic_year=academic_year).first()
    place.member = (
        QualityNetworkMember.objects.select_related("core__school")
        .filter(school=school, academic_year=academic_year)
        .first()
    )
    if place.core is not None:
        place.network = list(
            place.core.members.select_related("school").order_by("school__name_sort")[
                :NETWORK_LIMIT
            ]
        )
    return place


def core_choices(*, esa_ids: Collection[int] | None, academic_year: int | None = None):
    """Core schools a network school may join (not stand-alone ones), with their school."""
    from pramoen.orgs.enums import QualityCoreKind

    cores = (
        QualityCore.objects.select_related("school")
        .exclude(kind=QualityCoreKind.STAND_ALONE)
        .order_by("-academic_year", "school__name_sort")
    )
    if esa_ids is not None:
        cores = cores.filter(school__parent_id__in=list(esa_ids))
    if academic_year is not None:
        cores = cores.filter(academic_year=academic_year)
    return cores
