"""The chair's pages: committees chaired and one group's assignment, reviews and results."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pramoen.awards.models import Entry
from pramoen.awards.selectors import ENTRY_LIST_DEFERRED
from pramoen.core import paging
from pramoen.core.types import AuthenticatedRequest
from pramoen.judging import domain, selectors, services
from pramoen.judging.committee_forms import ACTION_FORMS, OverrideForm
from pramoen.judging.forms import GroupFilterForm, list_filters
from pramoen.judging.models import (
    Assignment,
    Committee,
    ConflictOfInterest,
    Review,
    ReviewVersion,
)
from pramoen.judging.scoring import indicator_label_th, pinned_scoring
from pramoen.judging.services import assignment_jobs
from pramoen.judging.views.common import bad_request, error_messages


@require_GET
@login_required
def committees(request: AuthenticatedRequest) -> HttpResponse:
    chaired = list(selectors.committees_chaired(user=request.user))
    if not chaired and not request.user.has_perm("pramoen.chair_committee"):
        raise PermissionDenied
    return render(request, "judging/committees.html", {"committees": chaired})


def _chaired(request: AuthenticatedRequest, pk: int) -> Committee:
    committee = get_object_or_404(
        Committee.objects.select_related("category", "category__campaign"), pk=pk
    )
    if not request.user.has_perm("judging.chair", committee):
        raise Http404("ไม่พบคณะกรรมการ")
    return committee


def _conflict_to_override(form: OverrideForm) -> ConflictOfInterest:
    """The recorded conflict named by the form, or an org-chart conflict the chair's page showed
    before anything recorded it (recorded now, so the override has a row to keep)."""
    data = form.cleaned_data
    if data.get("conflict"):
        return data["conflict"]
    entry = data["entry"]
    rows = services.conflicts_derive(judge=data["judge"], entries=[entry])[entry.pk]
    for row in rows:
        if row.source == data["source"]:
            return row
    raise ValidationError("ไม่พบส่วนได้เสียนี้ กรุณาโหลดหน้าใหม่")


def _act(action: str, committee: Committee, form: Any, actor: Any) -> list[tuple[str, str]]:
    """Run one validated action; return the (level, message) pairs to show."""
    data = form.cleaned_data
    reason = data.get("reason", "")
    if action == "auto_assign":
        # Queued, not run here: a national group's flow takes longer than a request should.
        assignment_jobs.assignments_auto_queue(committee=committee, actor=actor)
        return [("success", "เริ่มจัดกรรมการอัตโนมัติแล้ว หน้านี้จะแสดงผลเมื่อเสร็จ")]
    if action == "consensus":
        review = data["review"]
        services.consensus_record(
            entry=review.entry, actor=actor, indicators=review.indicators, reason=reason
        )
        return [("success", "บันทึกมติคณะกรรมการแล้ว")]
    if action == "return":
        services.review_return(review=data["review"], actor=actor, reason=reason)
        return [("success", "ส่งกลับให้กรรมการทบทวนแล้ว")]
    if action == "assign":
        services.assignment_add(entry=data["entry"], judge=data["judge"], actor=actor)
        return [("success", f"มอบหมาย {data['judge'].display_name} แล้ว")]
    if action == "unassign":
        services.assignment_remove(assignment=data["assignment"], actor=actor)
        return [("success", "ถอนการมอบหมายแล้ว")]
    if action == "override":
        services.conflict_override(conflict=_conflict_to_override(form), actor=actor, reason=reason)
        return [("success", "อนุญาตแล้ว (บันทึกเหตุผลไว้ในประวัติการแก้ไข)")]
    if action == "eligibility":
        services.eligibility_set_by_chair(
            entry=data["entry"], eligible=data["eligible"], actor=actor, reason=reason
        )
        return [("success", "บันทึกผลการตรวจคุณสมบัติแล้ว")]
    services.group_finalize(committee=committee, actor=actor, seen_version=data["version"])
    return [("success", "ยืนยันผลการตัดสินของกลุ่มนี้แล้ว")]


class _ActionChoice(forms.Form):
    action = forms.ChoiceField(
        choices=[(name, name) for name in ACTION_FORMS],
        error_messages={
            "required": "ไม่ได้ระบุคำสั่ง",
            "invalid_choice": "ไม่รู้จักคำสั่งนี้",
        },
    )


@require_POST
@login_required
def committee_action(request: AuthenticatedRequest, pk: int, action: str) -> HttpResponse:
    """One of the chair's actions, each validated by its own form (committee_forms)."""
    committee = _chaired(request, pk)
    back = reverse("judging:committee", args=[committee.pk])
    form_class = ACTION_FORMS.get(action)
    if form_class is None:
        raise Http404("ไม่รู้จักคำสั่งนี้")
    form = form_class(request.POST, committee=committee)
    if not form.is_valid():
        return bad_request(request, form, back=back)
    try:
        for level, message in _act(action, committee, form, request.user):
            getattr(messages, level)(request, message)
    except ValidationError as exc:
        for message in error_messages(exc):
            messages.error(request, message)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    services.group_page_forget(committee)  # the page the chair returns to shows the action
    return redirect(back)


@require_GET
@login_required
def committee_auto_assign(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The automatic assignment's partial, polled every second by htmx while its job runs."""
    committee = _chaired(request, pk)
    job = assignment_jobs.auto_assign_latest(committee)
    response = render(request, "judging/_auto_assign.html", {"committee": committee, "job": job})
    if request.htmx and not (job and job.active):
        # Reload once at the end so the rows show the assignments the job just wrote.
        response["HX-Refresh"] = "true"
    return response


ROW_DEFERRED = {
    "entry": ENTRY_LIST_DEFERRED,
    "review": ("indicators", "comments", "confirmed"),
}


@require_http_methods(["GET", "POST"])
@login_required
def committee_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    committee = _chaired(request, pk)
    if request.method == "POST":
        # Older pages (and bookmarks of them) post here with an ``action`` field.
        choice = _ActionChoice(request.POST)
        if not choice.is_valid():
            return bad_request(
                request, choice, back=reverse("judging:committee", args=[committee.pk])
            )
        return committee_action(request, pk=pk, action=choice.cleaned_data["action"])
    category = committee.category
    form = GroupFilterForm(request.GET or None)
    filters = list_filters(form)
    page, shown, entries_total = selectors.group_page_scores(
        category,
        committee,
        search=filters.get("q", ""),
        show=filters.get("show", ""),
        page=request.GET.get("page"),
        size=paging.PAGE_SIZE,
    )
    page.param = "page"  # type: ignore[attr-defined]  # read by includes/pagination.html
    query = request.GET.copy()
    query.pop("page", None)
    ids = [s.entry_id for s in shown]
    # The rows show names, totals and versions: the answer documents (JSON, tens of KB a review
    # and a version) are left in the database — decoding them was most of this page's time.
    entries = (
        Entry.objects.select_related("school", "school__network", "category")
        .defer(*ROW_DEFERRED["entry"])
        .in_bulk(ids)
    )
    outcomes = [  # an entry deleted since the scores were cached is simply not shown
        selectors.EntryOutcome(entry=entries[s.entry_id], **selectors.outcome_fields(s))
        for s in shown
        if s.entry_id in entries
    ]
    reviews: dict[int, list[Review]] = {pk: [] for pk in ids}
    for review in (
        Review.objects.filter(entry_id__in=ids)
        .select_related("judge")
        .defer(*ROW_DEFERRED["review"])
        .prefetch_related(
            Prefetch(
                "history",
                queryset=ReviewVersion.objects.select_related("saved_by")
                .defer(*ROW_DEFERRED["review"])
                .order_by("-version"),
            )
        )
        .order_by("judge_id")
    ):
        reviews[review.entry_id].append(review)
    members = {m.pk: m for m in committee.members.order_by("pk")}
    assignments: dict[int, list[Assignment]] = {pk: [] for pk in ids}
    for a in Assignment.objects.filter(entry_id__in=ids).order_by("judge_id"):
        a.judge = members.get(a.judge_id) or a.judge
        assignments[a.entry_id].append(a)
    workload = selectors.group_workload(category=category, members=members, committee=committee)
    judges = {**members, committee.chair_id: committee.chair}
    conflicts = selectors.group_conflicts(
        entries=[o.entry for o in outcomes], judges=judges.values()
    )
    for o in outcomes:
        adjusted = dict(o.judge_calibrated)
        for review in reviews[o.entry.pk]:
            review.calibrated = adjusted.get(review.judge_id)  # type: ignore[attr-defined]  # shown
    instrument = pinned_scoring(category).instrument
    rows = [
        {
            "outcome": o,
            "reviews": reviews[o.entry.pk],
            "assignments": assignments[o.entry.pk],
            "rank_label": domain.rank_label_th(o.rank, tiered=bool(o.tier)),
            # Thai indicator names, not rubric paths ("c1.i4")
            "flag_indicators": [
                indicator_label_th(instrument, path)
                for path in (o.flag.indicators if o.flag else ())
            ],
        }
        for o in outcomes
    ]
    return render(
        request,
        "judging/committee.html",
        {
            "committee": committee,
            "rows": rows,
            "workload": workload,
            "members": list(members.values()),
            "conflicts": conflicts,
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "entries_total": entries_total,
            "auto_assign": assignment_jobs.auto_assign_latest(committee),
        },
    )
