"""ESA staff's bulk committee page (issue 19): every group of an edition × chair and judges on one
page, a page per award category; "the same committee for these groups"; last edition's
committees copied (``staff.committees_copy``). One form, two buttons, no JavaScript needed."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from pramoen.accounts.models import User
from pramoen.awards.enums import AwardCategory
from pramoen.awards.models import Campaign, CampaignCategory
from pramoen.core.paging import page_of
from pramoen.core.types import AuthenticatedRequest
from pramoen.judging import selectors, services
from pramoen.judging.committee_bulk_forms import (
    CommitteeGridForm,
    SameCommitteeForm,
    people_choices,
)
from pramoen.judging.services.committee_bulk import SeatResult, committees_seat
from pramoen.judging.views.common import managed_campaign
from pramoen.thai import to_thai_digits

GROUPS_PER_PAGE = 20


def _categories(campaign: Campaign) -> list[tuple[str, str]]:
    """The award categories the edition has, in the announcement's order (the page tabs)."""
    present = set(campaign.categories.values_list("category", flat=True))
    return [(c.value, str(c.label)) for c in AwardCategory if c.value in present]


def _groups(campaign: Campaign, category: str) -> Any:
    return (
        campaign.categories.filter(category=category)
        .select_related("committee", "committee__chair")
        .prefetch_related(Prefetch("committee__members", queryset=User.objects.order_by("pk")))
        .order_by("position", "pk")
    )


def _people(campaign: Campaign, groups: list[CampaignCategory], q: str = "") -> dict[str, User]:
    """The ESA's judges and chairs (those whose name has ``q``, the page's search), and anyone
    already seated on these groups (read from the page's committees, so a judge no longer
    listed — or not matching the search — is not dropped by saving the row)."""
    candidates = selectors.committee_candidates(campaign=campaign)
    for word in q.split():
        candidates = candidates.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    people = people_choices(candidates)
    for group in groups:
        committee = getattr(group, "committee", None)
        if committee is not None:
            for user in (committee.chair, *committee.members.all()):
                people.setdefault(str(user.pk), user)
    return people


def _initial(groups: list[CampaignCategory]) -> dict[str, Any]:
    initial: dict[str, Any] = {}
    for group in groups:
        committee = getattr(group, "committee", None)
        if committee is not None:
            initial[f"chair-{group.pk}"] = str(committee.chair_id)
            initial[f"members-{group.pk}"] = [str(u.pk) for u in committee.members.all()]
    return initial


def _posted(request: AuthenticatedRequest, pks: list[int]) -> dict[str, Any]:
    posted: dict[str, Any] = {}
    for pk in pks:
        posted[f"chair-{pk}"] = request.POST.get(f"chair-{pk}", "")
        posted[f"members-{pk}"] = request.POST.getlist(f"members-{pk}")
    return posted


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("pramoen.manage_campaigns", raise_exception=True)
def committees_bulk(request: AuthenticatedRequest, campaign_id: int) -> HttpResponse:
    campaign = managed_campaign(request, campaign_id)
    tabs = _categories(campaign)
    wanted = request.GET.get("category", "")
    category = wanted if wanted in dict(tabs) else (tabs[0][0] if tabs else "")
    page, query = page_of(request, _groups(campaign, category), size=GROUPS_PER_PAGE)
    groups: list[CampaignCategory] = list(page.object_list)
    q = request.GET.get("q", "").strip()[:100]
    people = _people(campaign, groups, q)
    go = request.POST.get("go", "grid") if request.method == "POST" else ""
    data = request.POST if request.method == "POST" else None
    grid = CommitteeGridForm(
        data if go == "grid" else None, groups=groups, people=people, initial=_initial(groups)
    )
    same = SameCommitteeForm(data if go == "same" else None, groups=groups, people=people)
    outcomes: dict[int, Any] = {}
    status = 200
    if request.method == "POST":
        form = grid if go == "grid" else same
        if form.is_valid():
            try:
                results = committees_seat(campaign=campaign, seats=form.seats(), actor=request.user)
            except ValidationError as exc:
                form.add_error(None, exc)
                status = 400
            else:
                outcomes = {o.category.pk: o for o in results}
                saved = sum(o.result in (SeatResult.CREATED, SeatResult.UPDATED) for o in results)
                refused = sum(o.result == SeatResult.REFUSED for o in results)
                messages.success(request, f"บันทึกคณะกรรมการ {to_thai_digits(str(saved))} กลุ่มแล้ว")
                if refused:
                    messages.error(
                        request,
                        f"ไม่ได้บันทึก {to_thai_digits(str(refused))} กลุ่ม ดูเหตุผลที่แถวของกลุ่มนั้น",
                    )
                # Show what is stored now: re-read the page's groups and their committees.
                groups = list(_groups(campaign, category).filter(pk__in=[g.pk for g in groups]))
                people = _people(campaign, groups, q)
                refused_pks = [pk for pk, o in outcomes.items() if o.result == SeatResult.REFUSED]
                # A refused row shows what was asked again, beside its reason.
                initial = {**_initial(groups), **_posted(request, refused_pks)}
                grid = CommitteeGridForm(None, groups=groups, people=people, initial=initial)
                same = SameCommitteeForm(None, groups=groups, people=people)
        else:
            status = 400
    return render(
        request,
        "judging/committees_bulk.html",
        {
            "campaign": campaign,
            "tabs": tabs,
            "category": category,
            "q": q,
            "here": request.GET.urlencode(),
            "page": page,
            "query": query,
            "rows": [{**row, "outcome": outcomes.get(row["group"].pk)} for row in grid.rows()],
            "grid": grid,
            "same": same,
            "outcomes": outcomes,
            "ticked": set(request.POST.getlist("groups")) if status == 400 else set(),
            "previous": services.previous_edition(campaign=campaign),
        },
        status=status,
    )
