"""Reads: querysets with their joins and annotations already applied."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, cast

from django.db.models import (
    Count,
    F,
    IntegerField,
    Max,
    Model,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Concat

from pramoen.core.models import AuditEvent
from pramoen.core.types import User
from pramoen.orgs.enums import ONESQA_GOOD_OR_BETTER, OrganizationKind, QualityCoreKind
from pramoen.orgs.models import (
    Enrollment,
    OnesqaResult,
    OnetMean,
    Organization,
    Person,
    QualityCore,
    QualityNetworkMember,
)
from pramoen.orgs.sizes import DEFAULT_SCHEME, SCHEMES, SizeClass
from pramoen.thai import academic_year, strip_prefix, strip_school_prefix, to_arabic_digits
from pramoen.thai.digits import clean_spaces


def normalize_query(text: str) -> str:
    """What a user typed, made comparable with stored text: spaces tidied, Thai digits → Arabic."""
    return to_arabic_digits(clean_spaces(text or ""))


def latest_enrollment_year() -> int:
    """The most recent academic year with student counts, else the current academic year."""
    year = Enrollment.objects.aggregate(year=Max("academic_year"))["year"]
    return year or academic_year(date.today())


def esa_list() -> QuerySet[Organization]:
    return Organization.objects.esas().order_by("name_sort")


def school_list(
    *,
    esa: Organization | None = None,
    esa_ids: Collection[int] | None = None,
    search: str = "",
    school_type: str = "",
    network_id: int | None = None,
    size_class: str = "",
    scheme: str = DEFAULT_SCHEME,
    year: int | None = None,
) -> QuerySet[Organization]:
    """Schools with ``students`` (of ``year``) annotated, filtered, ordered by name.

    Search is a substring of the Thai or English name — with or without the leading
    "โรงเรียน" — or any of the three codes (Thai digits accepted).
    """
    students = Enrollment.objects.filter(
        school=OuterRef("pk"),
        academic_year=year,  # type: ignore[misc]  # the caller's year (None matches nothing)
    ).values("students")[:1]
    qs = (
        Organization.objects.schools()
        .select_related("parent", "network")
        .annotate(students=Subquery(students, output_field=IntegerField()))
    )
    if esa is not None:
        qs = qs.filter(parent=esa)
    if esa_ids is not None:
        qs = qs.filter(parent_id__in=esa_ids)
    query = normalize_query(search)
    if query:
        name_part = strip_school_prefix(query)
        condition = (
            Q(name_th__icontains=name_part)
            | Q(name_en__icontains=query)
            | Q(code__startswith=query)
            | Q(smis_code=query)
            | Q(obec_code=query)
        )
        qs = qs.filter(condition)
    if school_type:
        qs = qs.filter(school_type=school_type)
    if network_id:
        qs = qs.filter(network_id=network_id)
    if size_class:
        lower, upper = SCHEMES[scheme].range_for(size_class)
        qs = qs.filter(students__gte=lower)
        if upper is not None:
            qs = qs.filter(students__lte=upper)
    return cast("QuerySet[Organization]", qs.order_by("name_sort", "code"))


def school_size_class(
    *, school: Organization, year: int, scheme: str = DEFAULT_SCHEME
) -> SizeClass | None:
    """The size class of ``school`` in academic year ``year``; None when the count is missing."""
    count = (
        Enrollment.objects.filter(school=school, academic_year=year)
        .values_list("students", flat=True)
        .first()
    )
    return None if count is None else SCHEMES[scheme].classify(count)


def person_list(
    *,
    esa: Organization | None = None,
    esa_ids: Collection[int] | None = None,
    search: str = "",
    position: str = "",
    organization_id: int | None = None,
    national_id: str = "",
) -> QuerySet[Person]:
    """People with their workplace joined. Search is a substring of "first last" typed with or
    without a prefix (นางสาวสมหญิง ใจ → สมหญิง ใจ). ``national_id`` (already validated) matches
    exactly; it is a separate argument because views must take it from a POST body, never a URL."""
    qs = Person.objects.select_related("organization").annotate(
        search_name=Concat(F("first_name"), Value(" "), F("last_name"))
    )
    if esa is not None:
        qs = qs.filter(Q(organization=esa) | Q(organization__parent=esa))
    if esa_ids is not None:
        qs = qs.filter(Q(organization_id__in=esa_ids) | Q(organization__parent_id__in=esa_ids))
    query = normalize_query(search)
    if query:
        qs = qs.filter(search_name__icontains=strip_prefix(query))
    if national_id:
        qs = qs.filter(national_id=national_id)
    if position:
        qs = qs.filter(position=position)
    if organization_id:
        qs = qs.filter(organization_id=organization_id)
    return qs.order_by("name_sort", "pk")


def staff_esa_ids(user: User) -> list[int] | None:
    """The ESAs whose master data ``user`` manages; None = all (system administrators)."""
    from pramoen.accounts.enums import Role

    if getattr(user, "is_superuser", False) or Role.SYSTEM_ADMIN in user.role_set():
        return None
    return list(
        user.memberships.filter(
            is_active=True, role=Role.ESA_STAFF, organization__kind=OrganizationKind.ESA
        ).values_list("organization_id", flat=True)
    )


def audit_trail(target: Model, limit: int = 50) -> QuerySet[AuditEvent]:
    """Who changed ``target``, when, and from what to what — newest first."""
    return AuditEvent.objects.filter(
        target_type=target._meta.label_lower, target_id=str(target.pk)
    ).order_by("-occurred_at", "-id")[:limit]


@dataclass(frozen=True, slots=True)
class QualityCounts:
    esa_id: int
    esa_name: str
    academic_year: int
    primary_quality: int
    secondary_quality: int
    stand_alone: int
    network_schools: int
    integrated_learning: int
    resource_sharing: int
    not_participating: int

    @property
    def core_total(self) -> int:
        return self.primary_quality + self.secondary_quality + self.stand_alone


def quality_counts_by_esa(*, academic_year: int) -> list[QualityCounts]:
    """KPI 10: core schools by kind and network schools by flag, per ESA, for one year.

    ESAs with no quality schools that year are listed with zeros, so a report shows them.
    """
    cores = (
        QualityCore.objects.filter(academic_year=academic_year)
        .values("school__parent_id", "kind")
        .annotate(n=Count("id"))
    )
    members = (
        QualityNetworkMember.objects.filter(academic_year=academic_year)
        .values("core__school__parent_id")
        .annotate(
            n=Count("id"),
            integrated=Count("id", filter=Q(integrated_learning=True)),
            sharing=Count("id", filter=Q(resource_sharing=True)),
            absent=Count("id", filter=Q(participating=False)),
        )
    )
    core_map: dict[Any, dict[str, int]] = {}
    for row in cores:
        core_map.setdefault(row["school__parent_id"], {})[row["kind"]] = row["n"]
    member_map: dict[Any, Any] = {row["core__school__parent_id"]: row for row in members}
    out = []
    for esa in Organization.objects.esas().order_by("name_th").only("pk", "name_th"):
        kinds = core_map.get(esa.pk, {})
        member = member_map.get(esa.pk, {})
        out.append(
            QualityCounts(
                esa_id=esa.pk,
                esa_name=esa.name_th,
                academic_year=academic_year,
                primary_quality=kinds.get(QualityCoreKind.PRIMARY_QUALITY, 0),
                secondary_quality=kinds.get(QualityCoreKind.SECONDARY_QUALITY, 0),
                stand_alone=kinds.get(QualityCoreKind.STAND_ALONE, 0),
                network_schools=member.get("n", 0),
                integrated_learning=member.get("integrated", 0),
                resource_sharing=member.get("sharing", 0),
                not_participating=member.get("absent", 0),
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class OnetComparison:
    grade: str
    subject: str
    school_mean: Decimal
    esa_mean: Decimal | None

    @property
    def above_esa(self) -> bool:
        return self.esa_mean is not None and self.school_mean > self.esa_mean


def onet_comparison(*, school: Organization, academic_year: int) -> list[OnetComparison]:
    """Each O-NET mean of ``school`` in ``academic_year`` next to its ESA's mean (NARA 2 1.2:
    "higher than the ESA average in at least 2 subjects in every grade tested")."""
    esa_means = {
        (row.grade, row.subject): row.mean
        for row in OnetMean.objects.filter(
            organization_id=school.parent_id,  # type: ignore[misc]  # a school has its ESA
            academic_year=academic_year,
        )
    }
    return [
        OnetComparison(
            grade=row.grade,
            subject=row.subject,
            school_mean=row.mean,
            esa_mean=esa_means.get((row.grade, row.subject)),
        )
        for row in OnetMean.objects.filter(
            organization=school, academic_year=academic_year
        ).order_by("grade", "subject")
    ]


def onesqa_good_or_better(*, school: Organization, rounds: tuple[int, ...] = (4, 5)) -> bool:
    """NARA 2 eligibility 1.3: certified with an overall result "good" or better in round 4/5."""
    return OnesqaResult.objects.filter(
        school=school, round__in=rounds, level__in=list(ONESQA_GOOD_OR_BETTER)
    ).exists()


def organization_by_code(code: str) -> Organization | None:
    """A school by its 10-digit code or an ESA by its code."""
    return (
        Organization.objects.filter(
            code=code, kind__in=[OrganizationKind.SCHOOL, OrganizationKind.ESA]
        )
        .order_by("kind")
        .first()
    )
