"""The chair's pages: committees chaired and one group's assignment, reviews and results."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from pramoen.accounts.models import User
from pramoen.awards.models import Entry
from pramoen.core.types import AuthenticatedRequest
from pramoen.judging import domain, selectors, services
from pramoen.judging.enums import ReviewStatus
from pramoen.judging.models import (
    Assignment,
    Committee,
    ConflictOfInterest,
    Review,
    ReviewVersion,
)
from pramoen.judging.views.common import error_messages


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


def _conflict_to_override(
    request: AuthenticatedRequest, committee: Committee
) -> ConflictOfInterest:
    """The recorded conflict named by the form, or an org-chart conflict the chair's page showed
    before anything recorded it (recorded now, so the override has a row to keep)."""
    if request.POST.get("conflict"):
        return get_object_or_404(
            ConflictOfInterest,
            pk=int(request.POST.get("conflict", "0") or 0),
            entry__category=committee.category,
        )
    entry = get_object_or_404(
        Entry.objects.select_related("school"),
        pk=int(request.POST.get("entry", "0") or 0),
        category=committee.category,
    )
    seated = Q(pk=committee.chair_id) | Q(judging_committees=committee)
    judge = get_object_or_404(
        User.objects.filter(seated).distinct(), pk=int(request.POST.get("judge", "0") or 0)
    )
    rows = services.conflicts_derive(judge=judge, entries=[entry])[entry.pk]
    source = request.POST.get("source", "")
    for row in rows:
        if row.source == source:
            return row
    raise Http404("ไม่พบส่วนได้เสียนี้")


@require_http_methods(["GET", "POST"])
@login_required
def committee_page(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    committee = _chaired(request, pk)
    if request.method == "POST":
        action = request.POST.get("action", "")
        reason = request.POST.get("reason", "")
        try:
            if action == "auto_assign":
                for warning in services.assignments_auto(committee=committee, actor=request.user):
                    messages.warning(request, warning)
                messages.success(request, "มอบหมายกรรมการแล้ว")
            elif action == "consensus":
                source = get_object_or_404(
                    Review,
                    pk=int(request.POST.get("review", "0") or 0),
                    entry__category=committee.category,
                    status=ReviewStatus.SUBMITTED,
                )
                services.consensus_record(
                    entry=source.entry,
                    actor=request.user,
                    indicators=source.indicators,
                    reason=reason,
                )
                messages.success(request, "บันทึกมติคณะกรรมการแล้ว")
            elif action == "return":
                source = get_object_or_404(
                    Review,
                    pk=int(request.POST.get("review", "0") or 0),
                    entry__category=committee.category,
                )
                services.review_return(review=source, actor=request.user, reason=reason)
                messages.success(request, "ส่งกลับให้กรรมการทบทวนแล้ว")
            elif action == "assign":
                entry = get_object_or_404(
                    Entry, pk=int(request.POST.get("entry", "0") or 0), category=committee.category
                )
                judge = get_object_or_404(
                    committee.members, pk=int(request.POST.get("judge", "0") or 0)
                )
                services.assignment_add(entry=entry, judge=judge, actor=request.user)
                messages.success(request, f"มอบหมาย {judge.display_name} แล้ว")
            elif action == "unassign":
                assignment = get_object_or_404(
                    Assignment,
                    pk=int(request.POST.get("assignment", "0") or 0),
                    entry__category=committee.category,
                )
                services.assignment_remove(assignment=assignment, actor=request.user)
                messages.success(request, "ถอนการมอบหมายแล้ว")
            elif action == "override":
                conflict = _conflict_to_override(request, committee)
                services.conflict_override(conflict=conflict, actor=request.user, reason=reason)
                messages.success(request, "อนุญาตแล้ว (บันทึกเหตุผลไว้ในประวัติการแก้ไข)")
            elif action == "eligibility":
                entry = get_object_or_404(
                    Entry, pk=int(request.POST.get("entry", "0") or 0), category=committee.category
                )
                services.eligibility_set_by_chair(
                    entry=entry,
                    eligible=request.POST.get("eligible") == "1",
                    actor=request.user,
                    reason=reason,
                )
                messages.success(request, "บันทึกผลการตรวจคุณสมบัติแล้ว")
            elif action == "finalize":
                services.group_finalize(
                    committee=committee,
                    actor=request.user,
                    seen_version=int(request.POST.get("version", "-1") or -1),
                )
                messages.success(request, "ยืนยันผลการตัดสินของกลุ่มนี้แล้ว")
            else:
                messages.error(request, "ไม่รู้จักคำสั่งนี้")
        except ValidationError as exc:
            for message in error_messages(exc):
                messages.error(request, message)
        except PermissionDenied as exc:
            messages.error(request, str(exc))
        return redirect("judging:committee", pk=committee.pk)
    outcomes = selectors.entry_outcomes(committee.category)
    ids = [o.entry.pk for o in outcomes]
    reviews: dict[int, list[Review]] = {pk: [] for pk in ids}
    for review in (
        Review.objects.filter(entry_id__in=ids)
        .select_related("judge")
        .prefetch_related(
            Prefetch(
                "history",
                queryset=ReviewVersion.objects.select_related("saved_by").order_by("-version"),
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
    workload = []
    for pk, member in members.items():
        mine = [a for rows in assignments.values() for a in rows if a.judge_id == pk]
        done = sum(
            1
            for rows in reviews.values()
            for r in rows
            if r.judge_id == pk and r.status == ReviewStatus.SUBMITTED
        )
        workload.append({"judge": member, "assigned": len(mine), "submitted": done})
    judges = {**members, committee.chair_id: committee.chair}
    conflicts = selectors.group_conflicts(
        entries=[o.entry for o in outcomes], judges=judges.values()
    )
    for o in outcomes:
        adjusted = dict(o.judge_calibrated)
        for review in reviews[o.entry.pk]:
            review.calibrated = adjusted.get(review.judge_id)
    rows = [
        {
            "outcome": o,
            "reviews": reviews[o.entry.pk],
            "assignments": assignments[o.entry.pk],
            "rank_label": domain.rank_label_th(o.rank),
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
        },
    )
