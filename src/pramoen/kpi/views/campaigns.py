"""KPI campaigns per fiscal year: the list, and opening the next year from the last one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pramoen.core.decorators import permission_required
from pramoen.core.paging import page_of
from pramoen.core.types import AuthenticatedRequest
from pramoen.kpi import selectors, services
from pramoen.kpi.enums import ApprovalChain
from pramoen.kpi.forms_campaign import CampaignNextForm, ChainForm
from pramoen.kpi.models import KpiCampaign


@login_required
@permission_required("pramoen.open_kpi_campaign")
@require_GET
def campaign_list(request: AuthenticatedRequest) -> HttpResponse:
    page, query = page_of(request, selectors.campaigns_with_counts())
    context = {
        "campaigns": page.object_list,
        "page": page,
        "query": query,
        "can_set_chain": request.user.has_perm("pramoen.set_kpi_chain"),
        "chains": ApprovalChain.choices,
    }
    return render(request, "kpi/campaigns.html", context)


@login_required
@require_POST
@permission_required("pramoen.set_kpi_chain")
def campaign_chain(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Choose whether the regions approve before OBEC (refused once a report is decided)."""
    campaign = get_object_or_404(KpiCampaign, pk=pk)
    form = ChainForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for e in form.errors["chain"]))
        return redirect("kpi:campaigns")
    try:
        campaign = services.campaign_set_chain(
            campaign=campaign, chain=form.cleaned_data["chain"], actor=request.user
        )
    except services.KpiError as exc:
        messages.error(request, exc.message)
    else:
        label = ApprovalChain(campaign.approval_chain).label
        messages.success(request, f"{campaign.title_th}: {label}")
    return redirect("kpi:campaigns")


@login_required
@permission_required("pramoen.open_kpi_campaign")
@require_http_methods(["GET", "POST"])
def campaign_new(request: AuthenticatedRequest) -> HttpResponse:
    latest = selectors.current_campaign()
    if latest is None:
        messages.error(
            request,
            "ยังไม่มีปีงบประมาณต้นแบบให้คัดลอก กรุณาติดต่อผู้ดูแลระบบเพื่อเปิดปีงบประมาณแรก",
        )
        return redirect("kpi:campaigns")
    if request.method == "POST":
        form = CampaignNextForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                campaign = services.campaign_clone(
                    source=data["source"],
                    fiscal_year=data["fiscal_year"],
                    due_6m=data["due_6m"],
                    due_12m=data["due_12m"],
                    actor=request.user,
                )
            except services.KpiError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request,
                    f"เปิด{campaign.title_th}แล้ว ({campaign.units.count()} เขต) "
                    f"ใช้ตัวชี้วัดและเครื่องมือฉบับเดียวกับปีงบประมาณ {data['source'].fiscal_year}",
                )
                return redirect("kpi:campaigns")
        return render(request, "kpi/campaign_new.html", {"form": form}, status=400)
    form = CampaignNextForm(
        initial={"source": latest.pk, **services.campaign_next_defaults(latest)}
    )
    return render(request, "kpi/campaign_new.html", {"form": form})
