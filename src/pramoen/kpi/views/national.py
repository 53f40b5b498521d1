"""National dashboards: nation → region → ESA → report, each chart with its table and Excel file.

The figures are the scope of the person asking: OBEC sees the country, a regional reviewer his
region, ESA staff their ESA (``kpi.rules.esa_scope``); an ESA outside it is a 404.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from pramoen.core.paging import page_of
from pramoen.core.types import AuthenticatedRequest
from pramoen.kpi import exports, national, selectors
from pramoen.kpi.enums import ReportStatus
from pramoen.kpi.national_tables import Table, board_tables, esa_table, table_xlsx
from pramoen.kpi.rules import VIEWER_ROLES, esa_scope
from pramoen.kpi.views.dashboard import _dashboard_round, _esa_level
from pramoen.orgs.enums import EsaLevel, OrganizationKind
from pramoen.orgs.models import Organization

_STATUS_LABELS = {value: str(label) for value, label in ReportStatus.choices}


def _query(request: AuthenticatedRequest) -> str:
    keep = {k: request.GET.get(k, "") for k in ("year", "round", "level")}
    return "&".join(f"{k}={v}" for k, v in keep.items() if v and v.isascii() and v.isalnum())


def _region(region_id: int) -> Organization | None:
    """0 is the bucket of ESAs without a region."""
    if region_id == 0:
        return None
    return get_object_or_404(Organization, pk=region_id, kind=OrganizationKind.REGION)


def _round_or_404(request: AuthenticatedRequest):
    round = _dashboard_round(request)
    if round is None:
        raise Http404("ยังไม่มีรอบการรายงาน")
    return round


def _board_tables(request: AuthenticatedRequest) -> tuple[object, list[Table]]:
    round = _round_or_404(request)
    board = national.national_board(round=round, user=request.user, level=_esa_level(request))
    tables = board_tables(board)
    query = _query(request)
    tables[0].links = [
        reverse("kpi:national_region", args=[int(g.key or 0)]) + f"?{query}" for g in board.regions
    ]
    for table in tables:
        table.xlsx_url = reverse("kpi:national_xlsx", args=[table.key]) + f"?{query}"
    return board, tables


def _region_table(
    request: AuthenticatedRequest, region_id: int
) -> tuple[Organization | None, Table, list[national.EsaRow]]:
    round = _round_or_404(request)
    region = _region(region_id)
    rows = national.region_rows(
        round=round, user=request.user, region=region, level=_esa_level(request)
    )
    title = f"{region.name_th if region else national.NO_REGION}: รายเขตพื้นที่"
    table = esa_table(title, rows, _STATUS_LABELS)
    return region, table, rows


def _context(request: AuthenticatedRequest, **extra) -> dict:
    return {
        "campaigns": selectors.campaign_list(),
        "level": _esa_level(request),
        "levels": EsaLevel.choices,
        "query": _query(request),
        **extra,
    }


@login_required
@permission_required("pramoen.view_kpi_dashboard", raise_exception=True)
@require_GET
def national_dashboard(request: AuthenticatedRequest) -> HttpResponse:
    if _dashboard_round(request) is None:  # a new installation: no campaign yet
        return render(request, "kpi/national.html", _context(request, board=None, round=None))
    board, tables = _board_tables(request)
    return render(
        request,
        "kpi/national.html",
        _context(request, board=board, round=board.round, tables=tables),  # type: ignore[attr-defined]
    )


@login_required
@permission_required("pramoen.view_kpi_dashboard", raise_exception=True)
@require_GET
def national_region(request: AuthenticatedRequest, region_id: int) -> HttpResponse:
    round = _round_or_404(request)
    region, table, rows = _region_table(request, region_id)
    page, _query_string = page_of(request, rows)
    table = esa_table(table.title, list(page.object_list), _STATUS_LABELS)
    table.links = [
        reverse("kpi:national_esa", args=[row.esa_id]) + f"?{_query(request)}"
        for row in page.object_list
    ]
    table.xlsx_url = (
        reverse("kpi:national_xlsx", args=["esas"]) + f"?{_query(request)}&region={region_id}"
    )
    return render(
        request,
        "kpi/national_region.html",
        _context(
            request,
            region=region,
            region_id=region_id,
            table=table,
            page=page,
            round=round,
            provinces=national.province_figures(
                round=round,
                user=request.user,
                region=region,
                level=_esa_level(request),
            ),
        ),
    )


@login_required
@permission_required("pramoen.view_kpi_dashboard", raise_exception=True)
@require_GET
def national_esa(request: AuthenticatedRequest, esa_id: int) -> HttpResponse:
    esa = get_object_or_404(
        Organization.objects.select_related("region"), pk=esa_id, kind=OrganizationKind.ESA
    )
    if not esa_scope(request.user, VIEWER_ROLES).covers(esa.pk):
        raise Http404("ไม่พบเขตพื้นที่")
    page, _query_string = page_of(request, national.esa_reports(esa=esa))
    return render(
        request,
        "kpi/national_esa.html",
        _context(request, esa=esa, reports=page.object_list, page=page),
    )


@login_required
@permission_required("pramoen.view_kpi_dashboard", raise_exception=True)
@require_GET
def national_xlsx(request: AuthenticatedRequest, key: str) -> HttpResponse:
    """One chart's table as a workbook (``key``: regions, levels, scores, years, or esas with
    ``?region=``)."""
    round = _round_or_404(request)
    if key == "esas":
        region_id = request.GET.get("region", "")
        if not region_id.isdigit():
            raise Http404
        _region_obj, table, _rows = _region_table(request, int(region_id))
    else:
        _board, tables = _board_tables(request)
        table = next((t for t in tables if t.key == key), None)  # type: ignore[assignment]
        if table is None:
            raise Http404
    heading = f"ตัวชี้วัด {round.get_kind_display()} ปีงบประมาณ {round.campaign.fiscal_year}"
    response = HttpResponse(table_xlsx(table, heading), content_type=exports.CONTENT_TYPES["xlsx"])
    response["Content-Disposition"] = exports.content_disposition(
        f"kpi-national-{key}-{round.campaign.fiscal_year}-{round.kind}.xlsx"
    )
    return response
