"""The dashboard of a round: every ESA's report status and score (OBEC sees the country)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from pramoen.core.types import AuthenticatedRequest
from pramoen.kpi import exports, selectors
from pramoen.kpi.enums import ReportStatus, RoundKind
from pramoen.kpi.models import KpiRound
from pramoen.orgs.enums import EsaLevel


def _dashboard_round(request: AuthenticatedRequest) -> KpiRound | None:
    campaign = selectors.current_campaign()
    year = request.GET.get("year")
    kind = request.GET.get("round") or RoundKind.SIX_MONTHS
    if kind not in RoundKind.values:
        kind = RoundKind.SIX_MONTHS
    if year and year.isdigit():
        return selectors.round_by_kind(fiscal_year=int(year), kind=kind)
    if campaign is None:
        return None
    return selectors.round_by_kind(fiscal_year=campaign.fiscal_year, kind=kind)


def _esa_level(request: AuthenticatedRequest) -> str:
    level = request.GET.get("level", "")
    return level if level in EsaLevel.values else ""


@login_required
@permission_required("pramoen.view_kpi_dashboard", raise_exception=True)
@require_GET
def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    round = _dashboard_round(request)
    level = _esa_level(request)
    board = selectors.dashboard(round=round, esa_level=level, user=request.user) if round else None
    return render(
        request,
        "kpi/dashboard.html",
        {
            "board": board,
            "round": round,
            "campaigns": selectors.campaign_list(),
            "chart": exports.distribution_chart(board) if board else None,
            "statuses": ReportStatus,
            "level": level,
            "levels": EsaLevel.choices,
        },
    )


@login_required
@permission_required("pramoen.view_kpi_dashboard", raise_exception=True)
@require_GET
def dashboard_xlsx(request: AuthenticatedRequest) -> HttpResponse:
    round = _dashboard_round(request)
    if round is None:
        raise Http404
    content = exports.dashboard_xlsx(
        selectors.dashboard(round=round, esa_level=_esa_level(request), user=request.user)
    )
    response = HttpResponse(content, content_type=exports.CONTENT_TYPES["xlsx"])
    response["Content-Disposition"] = exports.content_disposition(
        f"kpi-{round.campaign.fiscal_year}-{round.kind}.xlsx"
    )
    return response
