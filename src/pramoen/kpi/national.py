"""Reads for the national KPI dashboards: completeness and timeliness by region and ESA type, the
score distribution, year-over-year 12-month counts, and the drill-down nation → region → ESA.

Every figure is an aggregate query (``GROUP BY`` with filtered ``COUNT``/``SUM``), never a loop
over rows, so the page costs the same number of queries for 5 ESAs or 245 × several years. Only
what ESAs handed in counts: a draft's or a returned report's figures are work in progress.

The whole result is cached under a fingerprint of everything it is computed from (counts and
latest change times of the reports, the reporting units and the ESAs' regions), so any write shows
at once and the cache never serves stale figures; ``CACHE_SECONDS`` only bounds memory.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.cache import cache
from django.db.models import Count, IntegerField, Max, Q, QuerySet, Sum
from django.db.models.fields.json import KT
from django.db.models.functions import Cast

from pramoen.kpi.enums import SCORED_STATUSES, SENT_STATUSES, ReportStatus, RoundKind
from pramoen.kpi.models import KpiReport, KpiReportingUnit, KpiRound
from pramoen.kpi.rules import VIEWER_ROLES, EsaScope, esa_scope
from pramoen.orgs.enums import EsaLevel, OrganizationKind
from pramoen.orgs.models import Organization
from pramoen.thai import thai_sort_key

CACHE_SECONDS = 300
NO_REGION = "ไม่ระบุภาค"
# The 12-month counts summed per fiscal year (answers fields of kpi10-12m).
YEAR_FIELDS = (
    "network_total",
    "network_participating",
    "integrated_current_year",
    "sharing_current_year",
)


def percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class GroupFigures:
    """One region, ESA type or ESA: how many report, how many handed in, on time, decided."""

    key: str
    label: str
    units: int
    submitted: int = 0
    on_time: int = 0
    scored: int = 0
    accepted: int = 0

    @property
    def late(self) -> int:
        return self.submitted - self.on_time

    @property
    def missing(self) -> int:
        return self.units - self.submitted

    @property
    def completeness(self) -> Decimal | None:
        return percent(self.submitted, self.units)

    @property
    def timeliness(self) -> Decimal | None:
        return percent(self.on_time, self.units)

    @property
    def band(self) -> str:
        """A colour band of the tile grid (CSS class), by completeness."""
        value = self.completeness
        if value is None:
            return "none"
        return "high" if value >= 80 else ("mid" if value >= 50 else "low")


@dataclass(frozen=True, slots=True)
class YearFigures:
    fiscal_year: int
    reports: int
    network_total: int
    network_participating: int
    integrated_current_year: int
    sharing_current_year: int
    previous: YearFigures | None = None

    @property
    def participation(self) -> Decimal | None:
        return percent(self.network_participating, self.network_total)

    def change(self, name: str) -> int | None:
        if self.previous is None:
            return None
        return getattr(self, name) - getattr(self.previous, name)


@dataclass(frozen=True, slots=True)
class EsaRow:
    """An ESA of a region's page, with its report of the round when it has one."""

    figures: GroupFigures
    esa_id: int
    code: str
    level: str
    report_id: int | None
    status: str
    score: Decimal | None


@dataclass(frozen=True, slots=True)
class NationalBoard:
    round: KpiRound
    total: GroupFigures
    regions: list[GroupFigures]
    levels: list[GroupFigures]
    distribution: list[tuple[int, int]]
    years: list[YearFigures] = field(default_factory=list)


def _scoped(qs: QuerySet, scope: EsaScope, level: str, field: str = "esa") -> QuerySet:
    if not scope.all:
        qs = qs.filter(**{f"{field}_id__in": scope.esa_ids})
    if level:
        qs = qs.filter(**{f"{field}__esa_level": level})
    return qs


def _grouped(
    round: KpiRound, scope: EsaScope, level: str, group: str, extra: Q | None = None
) -> dict[Any, dict[str, int]]:
    """Per value of ``group`` (a path from the ESA): units and report counts, two queries."""
    units_qs = _scoped(KpiReportingUnit.objects.filter(campaign_id=round.campaign_id), scope, level)
    reports_qs = _scoped(
        KpiReport.objects.filter(round=round, esa__kpi_units__campaign_id=round.campaign_id),
        scope,
        level,
    )
    if extra is not None:
        units_qs, reports_qs = units_qs.filter(extra), reports_qs.filter(extra)
    sent = Q(status__in=SENT_STATUSES)
    out: dict[Any, dict[str, int]] = {}
    for row in units_qs.values(f"esa__{group}").annotate(units=Count("id")):
        out[row[f"esa__{group}"]] = {"units": row["units"]}
    for row in reports_qs.values(f"esa__{group}").annotate(
        submitted=Count("id", filter=sent),
        on_time=Count("id", filter=sent & Q(first_submitted_at__lte=round.due_at)),
        scored=Count("id", filter=Q(status__in=SCORED_STATUSES)),
        accepted=Count("id", filter=Q(status=ReportStatus.ACCEPTED)),
    ):
        counts = {k: v for k, v in row.items() if k != f"esa__{group}"}
        out.setdefault(row[f"esa__{group}"], {"units": 0}).update(counts)
    return out


def _region_figures(round: KpiRound, scope: EsaScope, level: str) -> list[GroupFigures]:
    counts = _grouped(round, scope, level, "region_id")
    names = dict(
        Organization.objects.filter(kind=OrganizationKind.REGION).values_list("id", "name_th")
    )
    codes = dict(
        Organization.objects.filter(kind=OrganizationKind.REGION).values_list("id", "code")
    )
    rows = [
        GroupFigures(key=str(region_id or ""), label=names.get(region_id, NO_REGION), **values)
        for region_id, values in counts.items()
    ]
    # ภาค 1 … 18 in number order, the unplaced last.
    return sorted(rows, key=lambda r: codes.get(int(r.key), "ZZZ") if r.key else "ZZZZ")


def _level_figures(round: KpiRound, scope: EsaScope, level: str) -> list[GroupFigures]:
    counts = _grouped(round, scope, level, "esa_level")
    labels = {EsaLevel.PRIMARY: "สพป.", EsaLevel.SECONDARY: "สพม."}
    return [
        GroupFigures(key=value, label=labels.get(value, "ไม่ระบุ"), **counts[value])
        for value in sorted(counts, key=lambda v: str(v))
    ]


def _distribution(round: KpiRound, scope: EsaScope, level: str) -> list[tuple[int, int]]:
    rows = (
        _scoped(KpiReport.objects.filter(round=round, status__in=SCORED_STATUSES), scope, level)
        .values("score")
        .annotate(n=Count("id"))
    )
    counts: dict[int, int] = {}
    for row in rows:
        points = int(row["score"])
        counts[points] = counts.get(points, 0) + row["n"]
    return [(points, counts.get(points, 0)) for points in (5, 4, 3, 2, 1)]


def _years(scope: EsaScope, level: str) -> list[YearFigures]:
    """The 12-month counts of every fiscal-year campaign, summed over submitted reports."""
    sums = {
        name: Sum(Cast(KT(f"answers__{name}"), IntegerField()), default=0) for name in YEAR_FIELDS
    }
    rows = (
        _scoped(
            KpiReport.objects.filter(round__kind=RoundKind.TWELVE_MONTHS, status__in=SENT_STATUSES),
            scope,
            level,
        )
        .values("round__campaign__fiscal_year")
        .annotate(reports=Count("id"), **sums)
        .order_by("round__campaign__fiscal_year")
    )
    out: list[YearFigures] = []
    for row in rows:
        out.append(
            YearFigures(
                fiscal_year=row["round__campaign__fiscal_year"],
                reports=row["reports"],
                previous=out[-1] if out else None,
                **{name: int(row[name] or 0) for name in YEAR_FIELDS},
            )
        )
    return out


def _fingerprint(scope: EsaScope, level: str, *parts: object) -> str:
    """Counts and latest change times of what the figures come from: any write changes it."""
    reports = KpiReport.objects.aggregate(n=Count("id"), at=Max("updated_at"), v=Sum("version"))
    units = KpiReportingUnit.objects.aggregate(n=Count("id"), m=Max("id"))
    esas = Organization.objects.filter(kind=OrganizationKind.ESA).aggregate(
        n=Count("id"), at=Max("updated_at"), r=Sum("region_id")
    )
    scope_key = "all" if scope.all else ",".join(map(str, sorted(scope.esa_ids)))
    raw = repr((reports, units, esas, scope_key, level, parts))
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def national_board(*, round: KpiRound, user, level: str = "") -> NationalBoard:
    """The nation (or the part of it ``user`` oversees) for one round."""
    scope = esa_scope(user, VIEWER_ROLES)
    key = f"kpi:national:{round.pk}:{_fingerprint(scope, level, 'board')}"
    board = cache.get(key)
    if board is None:
        regions = _region_figures(round, scope, level)
        board = NationalBoard(
            round=round,
            total=GroupFigures(
                key="",
                label="ทั้งประเทศ" if scope.all else "ทุกเขตที่ท่านดูแล",
                units=sum(r.units for r in regions),
                submitted=sum(r.submitted for r in regions),
                on_time=sum(r.on_time for r in regions),
                scored=sum(r.scored for r in regions),
                accepted=sum(r.accepted for r in regions),
            ),
            regions=regions,
            levels=_level_figures(round, scope, level),
            distribution=_distribution(round, scope, level),
            years=_years(scope, level),
        )
        cache.set(key, board, CACHE_SECONDS)
    return board


def region_rows(
    *, round: KpiRound, user, region: Organization | None, level: str = ""
) -> list[EsaRow]:
    """The ESAs of one region (``None``: the ESAs without a region) with their figures and
    their report of the round, sorted by Thai name: three queries whatever the region's size."""
    scope = esa_scope(user, VIEWER_ROLES)
    where = Q(esa__region=region) if region is not None else Q(esa__region__isnull=True)
    counts = _grouped(round, scope, level, "id", where)
    esas = {
        row["id"]: row
        for row in Organization.objects.filter(pk__in=list(counts)).values(
            "id", "code", "name_th", "esa_level"
        )
    }
    reports = {
        row["esa_id"]: row
        for row in KpiReport.objects.filter(round=round, esa_id__in=list(counts)).values(
            "id", "esa_id", "status", "score"
        )
    }
    rows = []
    for esa_id, values in counts.items():
        esa = esas[esa_id]
        report = reports.get(esa_id)
        status = report["status"] if report else ReportStatus.DRAFT
        rows.append(
            EsaRow(
                figures=GroupFigures(key=str(esa_id), label=esa["name_th"], **values),
                esa_id=esa_id,
                code=esa["code"],
                level=esa["esa_level"],
                report_id=report["id"] if report else None,
                status=status,
                score=report["score"] if report and status in SCORED_STATUSES else None,
            )
        )
    return sorted(rows, key=lambda row: thai_sort_key(row.figures.label))


def province_figures(
    *, round: KpiRound, user, region: Organization | None, level: str = ""
) -> list[GroupFigures]:
    """The provinces of one region (the region page's tile grid), by Thai name: two queries."""
    scope = esa_scope(user, VIEWER_ROLES)
    where = Q(esa__region=region) if region is not None else Q(esa__region__isnull=True)
    counts = _grouped(round, scope, level, "province", where)
    rows = [
        GroupFigures(key=province or "", label=province or "ไม่ระบุจังหวัด", **values)
        for province, values in counts.items()
    ]
    return sorted(rows, key=lambda row: thai_sort_key(row.label))


def esa_reports(*, esa: Organization) -> QuerySet[KpiReport]:
    """Every report of one ESA, newest fiscal year first (the ESA step of the drill-down)."""
    return (
        KpiReport.objects.filter(esa=esa)
        .select_related("round__campaign", "indicator")
        .order_by("-round__campaign__fiscal_year", "round__due_at", "indicator__number")
    )
