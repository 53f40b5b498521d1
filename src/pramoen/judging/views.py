"""Judging views: validate input, call one service, render; refusals are Thai messages.

A judge who is not assigned to an entry, or is conflicted, gets 404 on the entry, its evidence
and its scores — the page does not even confirm the entry exists.
"""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import content_disposition_header, quote_etag
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pramoen.awards.entry_forms import PORTFOLIO
from pramoen.awards.models import Campaign, Entry
from pramoen.judging import certificates as cert_build
from pramoen.judging import domain, selectors, services
from pramoen.judging.enums import ReviewStatus
from pramoen.judging.exports import results_workbook
from pramoen.judging.forms import (
    CommitteeForm,
    comments_from_post,
    confirmed_from_post,
    indicators_from_post,
)
from pramoen.judging.models import (
    Assignment,
    Certificate,
    CertificateBuild,
    Committee,
    ConflictOfInterest,
    Review,
    ReviewVersion,
)
from pramoen.judging.scoring import (
    answer_shapes,
    applicant_values,
    confirmation_key,
    document,
    pinned_scoring,
    score_document,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _errors(exc: ValidationError) -> list[str]:
    return list(exc.messages)


# ------------------------------------------------------------------------------- the judge


@require_GET
@login_required
@permission_required("judging.judge", raise_exception=True)
def workspace(request: HttpRequest) -> HttpResponse:
    items = selectors.workspace_for(judge=request.user)
    done = sum(1 for i in items if i.done)
    return render(
        request, "judging/workspace.html", {"items": items, "done": done, "total": len(items)}
    )


def _rubric(compiled: Any, entry: Entry, review: Review, result: Any) -> list[dict[str, Any]]:
    """The rubric as the page shows it: items ticked, chosen level, points and explanation."""
    shapes = answer_shapes(compiled)
    supplied = applicant_values(compiled, entry)
    by_path = {i.path: i for i in result.indicators} if result is not None else {}
    evidence = ((entry.answers or {}).get("scoring") or {}).get("evidence") or {}
    slots: dict[str, list[dict[str, str]]] = {}
    for slot in compiled.instrument.form.evidence:
        if slot.indicator:
            for ref in evidence.get(slot.id) or []:
                if isinstance(ref, dict):
                    pages = str(ref.get("pages", ""))
                    first = pages.split(",")[0].split("-")[0].strip()
                    name = str(ref.get("file", ""))
                    slots.setdefault(slot.indicator, []).append(
                        {
                            "file": "แฟ้มผลงาน" if name == PORTFOLIO else name,
                            "pages": pages,
                            "first_page": first if first.isdigit() else "",
                        }
                    )
    components = []
    for comp in compiled.instrument.rubric.components:
        indicators = []
        for ind in comp.indicators:
            path = f"{comp.id}.{ind.id}"
            answer = review.indicators.get(path) or {}
            shape = shapes.get(path)
            values = supplied.get(path, ())
            key = confirmation_key(values) if values else ""
            ticked = set(answer.get("checked") or []) if isinstance(answer, dict) else set()
            indicators.append(
                {
                    "path": path,
                    "number": ind.number,
                    "title_th": ind.title_th,
                    "kind": next(iter(shape), "computed") if shape else "computed",
                    "items": [
                        {
                            "position": n,
                            "number": it.number,
                            "text_th": it.text_th,
                            "ticked": n in ticked,
                        }
                        for n, it in enumerate(ind.items, start=1)
                    ],
                    "levels": ind.levels,
                    "answer": answer,
                    "comment": review.comments.get(path, ""),
                    "outcome": by_path.get(path),
                    "evidence": slots.get(path, []),
                    "supplied": values,
                    "confirm_key": key,
                    "confirmed": bool(key) and review.confirmed.get(path) == key,
                }
            )
        components.append(
            {"number": comp.number, "title_th": comp.title_th, "indicators": indicators}
        )
    return components


def _indicator_paths(entry: Entry) -> dict[str, None]:
    """Every indicator of the pinned rubric (comments are allowed on computed ones too)."""
    instrument = pinned_scoring(entry.category).instrument
    return {path: None for path, _c, _i in instrument.iter_indicators()}


def _score(entry: Entry, indicators: dict[str, Any]) -> Any:
    compiled = pinned_scoring(entry.category)
    shapes = answer_shapes(compiled)
    given = {p: a for p, a in indicators.items() if p in shapes and a is not None}
    doc = document(
        compiled=compiled, entry=entry, indicators=given, eligible=services.entry_eligible(entry)
    )
    return compiled, score_document(compiled, doc, partial=True)


def _others(entry: Entry, review: Review, committee: Committee | None) -> list[Review] | None:
    """Other judges' submitted reviews — only once the judge's own is submitted (setting)."""
    hide = committee is None or committee.hide_others_until_submitted
    if hide and review.status != ReviewStatus.SUBMITTED:
        return None
    return [
        r
        for r in selectors.reviews_for_entry(entry=entry)
        if r.pk != review.pk and r.status == ReviewStatus.SUBMITTED
    ]


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("judging.judge", raise_exception=True)
def review_page(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = selectors.entry_for_judge(judge=request.user, entry_id=entry_id)
    try:
        review = services.review_open(entry=entry, judge=request.user)
    except ValidationError as exc:
        # e.g. the library's version of the rubric no longer matches the group's pinned hash
        for message in _errors(exc):
            messages.error(request, message)
        return redirect("judging:workspace")
    problems: list[str] = []
    if request.method == "POST":
        shapes = answer_shapes(pinned_scoring(entry.category))
        indicators = indicators_from_post(shapes, request.POST)
        comments = comments_from_post(_indicator_paths(entry), request.POST)
        confirmed = confirmed_from_post(request.POST)
        seen = int(request.POST.get("version", "-1") or -1)
        submit = request.POST.get("action") == "submit"
        save = services.review_submit if submit else services.review_save
        try:
            save(
                review=review,
                actor=request.user,
                seen_version=seen,
                indicators=indicators,
                comments=comments,
                confirmed=confirmed,
            )
        except ValidationError as exc:
            problems = _errors(exc)
            # Nothing is lost: the page is shown again with what the judge typed.
            review.indicators, review.comments = indicators, comments
            review.confirmed = confirmed
        else:
            messages.success(request, "ส่งผลการประเมินแล้ว" if submit else "บันทึกฉบับร่างแล้ว")
            return redirect("judging:review", entry_id=entry.pk)
    compiled, scored = _score(entry, review.indicators)
    committee = Committee.objects.filter(category_id=entry.category_id).first()
    context = {
        "entry": entry,
        "review": review,
        "components": _rubric(compiled, entry, review, scored.result),
        "result": scored.result,
        "problems": problems,
        "others": _others(entry, review, committee),
        "history": review.history.select_related("saved_by").order_by("-version")[:20],
        "locked": review.status == ReviewStatus.SUBMITTED,
        "has_portfolio": bool(getattr(entry, "portfolio", None)),
    }
    return render(request, "judging/review.html", context, status=400 if problems else 200)


@require_POST
@login_required
@permission_required("judging.judge", raise_exception=True)
def review_autosave(request: HttpRequest, entry_id: int) -> HttpResponse:
    """htmx: save the draft and return the points, level and Thai explanation per indicator."""
    entry = selectors.entry_for_judge(judge=request.user, entry_id=entry_id)
    review = services.review_open(entry=entry, judge=request.user)
    shapes = answer_shapes(pinned_scoring(entry.category))
    indicators = indicators_from_post(shapes, request.POST)
    comments = comments_from_post(_indicator_paths(entry), request.POST)
    problems: list[str] = []
    saved = False
    try:
        outcome = services.review_save(
            review=review,
            actor=request.user,
            seen_version=int(request.POST.get("version", "-1") or -1),
            indicators=indicators,
            comments=comments,
            confirmed=confirmed_from_post(request.POST),
        )
        review = outcome.review
        saved = True
    except ValidationError as exc:
        problems = _errors(exc)
    _compiled, scored = _score(entry, indicators)
    return render(
        request,
        "judging/_scores.html",
        {
            "result": scored.result,
            "review": review,
            "problems": problems,
            "saved": saved,
            "oob": True,
        },
    )


@require_GET
@login_required
@permission_required("judging.judge", raise_exception=True)
def portfolio(request: HttpRequest, entry_id: int) -> HttpResponse:
    """The entry's portfolio PDF, inline, for the in-page viewer — 404 when conflicted."""
    entry = selectors.entry_for_judge(judge=request.user, entry_id=entry_id)
    stored = getattr(entry, "portfolio", None)
    if not stored:
        raise Http404("ไม่มีแฟ้มผลงาน")
    # Each upload is stored under a new random name (awards.models.entry_portfolio_path), so the
    # name identifies the content: a judge coming back to the entry revalidates (304) instead of
    # fetching a 100-page PDF again, and a corrected portfolio is fetched anew.
    etag = quote_etag(hashlib.sha256(stored.name.encode()).hexdigest()[:32])
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = FileResponse(stored.open("rb"), content_type="application/pdf")
        response["Content-Disposition"] = content_disposition_header(False, f"entry-{entry.pk}.pdf")
    response["ETag"] = etag
    response["Cache-Control"] = "private, no-cache"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
@login_required
@permission_required("judging.judge", raise_exception=True)
def entry_scores(request: HttpRequest, entry_id: int) -> HttpResponse:
    """The panel's scores of one entry: a judge sees them after submitting their own."""
    entry = selectors.entry_for_judge(judge=request.user, entry_id=entry_id)
    review = Review.objects.filter(entry=entry, judge=request.user).first()
    committee = Committee.objects.filter(category_id=entry.category_id).first()
    others = _others(entry, review, committee) if review is not None else None
    return render(request, "judging/scores.html", {"entry": entry, "others": others})


@require_POST
@login_required
@permission_required("judging.judge", raise_exception=True)
def declare_conflict(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = selectors.entry_for_judge(judge=request.user, entry_id=entry_id)
    try:
        services.conflict_declare(
            entry=entry, judge=request.user, reason=request.POST.get("reason", "")
        )
    except ValidationError as exc:
        for message in _errors(exc):
            messages.error(request, message)
        return redirect("judging:review", entry_id=entry.pk)
    messages.success(request, "แจ้งส่วนได้เสียแล้ว ท่านจะไม่เห็นผลงานนี้อีก ประธานกรรมการจะมอบหมายผู้อื่นแทน")
    return redirect("judging:workspace")


# ------------------------------------------------------------------------------- the chair


@require_GET
@login_required
def committees(request: HttpRequest) -> HttpResponse:
    chaired = list(selectors.committees_chaired(user=request.user))
    if not chaired and not request.user.has_perm("pramoen.chair_committee"):
        raise PermissionDenied
    return render(request, "judging/committees.html", {"committees": chaired})


def _chaired(request: HttpRequest, pk: int) -> Committee:
    committee = get_object_or_404(
        Committee.objects.select_related("category", "category__campaign"), pk=pk
    )
    if not request.user.has_perm("judging.chair", committee):
        raise Http404("ไม่พบคณะกรรมการ")
    return committee


@require_http_methods(["GET", "POST"])
@login_required
def committee_page(request: HttpRequest, pk: int) -> HttpResponse:
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
                conflict = get_object_or_404(
                    ConflictOfInterest,
                    pk=int(request.POST.get("conflict", "0") or 0),
                    entry__category=committee.category,
                )
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
            for message in _errors(exc):
                messages.error(request, message)
        except PermissionDenied as exc:
            messages.error(request, str(exc))
        return redirect("judging:committee", pk=committee.pk)
    outcomes = services.entry_outcomes(committee.category)
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
    conflicts = list(
        ConflictOfInterest.objects.filter(entry_id__in=ids)
        .select_related("judge", "entry", "entry__school")
        .order_by("entry_id", "judge_id")
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


# ------------------------------------------------------------------------------- ESA staff


def _managed_campaign(request: HttpRequest, campaign_id: int) -> Campaign:
    from pramoen.awards.selectors import campaigns_for_staff

    campaign = campaigns_for_staff(user=request.user).filter(pk=campaign_id).first()
    if campaign is None:
        raise Http404("ไม่พบการประกวด")
    return campaign


@require_GET
@login_required
@permission_required("pramoen.manage_campaigns", raise_exception=True)
def staff_index(request: HttpRequest) -> HttpResponse:
    from pramoen.awards.selectors import campaigns_for_staff

    return render(
        request, "judging/staff_index.html", {"campaigns": campaigns_for_staff(user=request.user)}
    )


@require_GET
@login_required
@permission_required("pramoen.manage_campaigns", raise_exception=True)
def campaign_committees(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = _managed_campaign(request, campaign_id)
    categories = list(
        campaign.categories.select_related("committee", "committee__chair")
        .annotate(member_count=Count("committee__members"))
        .order_by("position", "pk")
    )
    return render(
        request,
        "judging/campaign_committees.html",
        {"campaign": campaign, "categories": categories},
    )


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("pramoen.manage_campaigns", raise_exception=True)
def committee_edit(request: HttpRequest, campaign_id: int, category_id: int) -> HttpResponse:
    campaign = _managed_campaign(request, campaign_id)
    category = get_object_or_404(campaign.categories, pk=category_id)
    committee = Committee.objects.filter(category=category).first()
    initial: dict[str, Any] = {
        "aggregation": "mean",
        "max_spread": "10",
        "max_level_gap": 1,
        "hide_others_until_submitted": True,
    }
    if committee is not None:
        initial = {
            "chair": committee.chair_id,
            "members": list(committee.members.values_list("pk", flat=True)),
            **{k: getattr(committee, k) for k in services.COMMITTEE_SETTINGS},
        }
    form = CommitteeForm(
        request.POST or None,
        initial=initial,
        people=selectors.committee_candidates(campaign=campaign, committee=committee),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        chair, members = data.pop("chair"), data.pop("members")
        try:
            if committee is None:
                services.committee_create(
                    category=category, chair=chair, members=members, actor=request.user, **data
                )
            else:
                services.committee_update(
                    committee=committee, chair=chair, members=members, actor=request.user, **data
                )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "บันทึกคณะกรรมการแล้ว")
            return redirect("judging:campaign_committees", campaign_id=campaign.pk)
    return render(
        request,
        "judging/committee_edit.html",
        {"campaign": campaign, "category": category, "form": form, "committee": committee},
        status=400 if form.errors else 200,
    )


# ------------------------------------------------------------------------------- public


def _results_context(campaign: Campaign) -> dict[str, Any]:
    results = list(selectors.published_results(campaign=campaign))
    groups: list[dict[str, Any]] = []
    for result in results:
        category = result.entry.category
        if not groups or groups[-1]["category"].pk != category.pk:
            groups.append({"category": category, "results": []})
        groups[-1]["results"].append(
            {"result": result, "rank_label": domain.rank_label_th(result.rank)}
        )
    rows = [
        {
            "school": r.entry.school.name_th,
            "network": r.entry.school.network.name if r.entry.school.network else "",
            "tier": r.tier,
        }
        for r in results
    ]
    legend: list[Any] = []
    if groups:
        compiled = pinned_scoring(groups[0]["category"])
        legend = list(compiled.instrument.tiers.bands) if compiled.instrument.tiers else []
    tiers = [(b.id, b.label_th) for b in legend]

    def table(key: str) -> list[tuple[str, list[int]]]:
        return [
            (name, [counts.get(t, 0) for t, _ in tiers])
            for name, counts in domain.medal_counts(rows, key)
        ]

    return {
        "campaign": campaign,
        "groups": groups,
        "legend": legend,
        "tiers": tiers,
        "by_school": table("school"),
        "by_network": table("network"),
    }


def _organizer(request: HttpRequest, campaign: Campaign) -> bool:
    """ESA staff of the campaign's own office (they see results before the announcement)."""
    from pramoen.awards.selectors import campaigns_for_staff

    user = request.user
    return bool(
        user.is_authenticated
        and user.has_perm("pramoen.manage_campaigns")
        and campaigns_for_staff(user=user).filter(pk=campaign.pk).exists()
    )


def _results_campaign(request: HttpRequest, campaign_id: int) -> tuple[Campaign, bool, bool]:
    """(campaign, public, organizer); the public see results only from the announcement day."""
    campaign = get_object_or_404(Campaign.objects.select_related("esa"), pk=campaign_id)
    public = campaign.schedule().results_public(timezone.now())
    return campaign, public, _organizer(request, campaign)


@require_GET
def results(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign, public, organizer = _results_campaign(request, campaign_id)
    if not (public or organizer):
        return render(request, "judging/results_pending.html", {"campaign": campaign})
    context = {**_results_context(campaign), "public": public, "organizer": organizer}
    return render(request, "judging/results.html", context)


@require_GET
def results_xlsx(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign, public, organizer = _results_campaign(request, campaign_id)
    if not (public or organizer):
        raise Http404("ยังไม่ประกาศผล")
    data = results_workbook(
        campaign=campaign, results=list(selectors.published_results(campaign=campaign))
    )
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(
        True, f"results-{campaign.year_be}-{campaign.pk}.xlsx"
    )
    return response


@require_GET
def verify(request: HttpRequest, code: str) -> HttpResponse:
    certificate = (
        Certificate.objects.select_related("campaign").filter(short_code=code.upper()).first()
    )
    status = 200 if certificate else 404
    return render(
        request, "judging/verify.html", {"certificate": certificate, "code": code}, status=status
    )


def _certificates_dir(campaign: Campaign) -> Path:
    # Under VAR_DIR, not MEDIA_ROOT (a web server may serve that): files are handed out only by
    # ``certificates_file`` (staff only).
    return Path(settings.VAR_DIR) / "certificates" / str(campaign.pk)


@require_POST
@login_required
@permission_required("pramoen.manage_campaigns", raise_exception=True)
def certificates_build(request: HttpRequest, campaign_id: int) -> HttpResponse:
    """Queue a build and run it in a thread of this process; the page polls its progress.

    The merged PDF and the zip replace the last build only when complete.
    """
    campaign = _managed_campaign(request, campaign_id)
    base = request.build_absolute_uri(reverse("judging:verify", args=["CODE"]))
    base = base.removesuffix("CODE/")
    try:
        build = cert_build.build_start(
            campaign=campaign,
            actor=request.user,
            out_dir=_certificates_dir(campaign),
            verify_base=base,
            include_committees=request.POST.get("committees") == "1",
        )
    except ValidationError as exc:
        for message in _errors(exc):
            messages.error(request, message)
        return redirect("judging:certificates", campaign_id=campaign.pk)
    # Started after the row is committed, so the thread (its own connection) can read it.
    transaction.on_commit(
        lambda: threading.Thread(
            target=cert_build.build_in_background,
            args=(build.pk,),
            name=f"pramoen-certificates-{build.pk}",
            daemon=True,
        ).start()
    )
    return redirect("judging:certificates", campaign_id=campaign.pk)


def _built(campaign: Campaign) -> bool:
    folder = _certificates_dir(campaign)
    return (folder / "certificates.pdf").exists() and (folder / "certificates.zip").exists()


@require_GET
@login_required
@permission_required("pramoen.manage_campaigns", raise_exception=True)
def certificates_page(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign = _managed_campaign(request, campaign_id)
    certificates = Certificate.objects.filter(campaign=campaign).order_by("number")
    return render(
        request,
        "judging/certificates.html",
        {
            "campaign": campaign,
            "certificates": certificates,
            "build": cert_build.latest_build(campaign),
            "built": _built(campaign),
        },
    )


@require_GET
@login_required
@permission_required("pramoen.manage_campaigns", raise_exception=True)
def certificates_progress(request: HttpRequest, campaign_id: int, build_id: int) -> HttpResponse:
    """The progress partial, polled every second by htmx until the build ends."""
    campaign = _managed_campaign(request, campaign_id)
    build = get_object_or_404(CertificateBuild, pk=build_id, campaign=campaign)
    response = render(
        request,
        "judging/_certificate_build.html",
        {"campaign": campaign, "build": build, "built": _built(campaign)},
    )
    if request.htmx and not build.active:
        # Reload once at the end so the list shows the numbers the build just issued.
        response["HX-Refresh"] = "true"
    return response


@require_GET
@login_required
@permission_required("pramoen.manage_campaigns", raise_exception=True)
def certificates_file(request: HttpRequest, campaign_id: int, kind: str) -> HttpResponse:
    campaign = _managed_campaign(request, campaign_id)
    names = {
        "pdf": ("certificates.pdf", "application/pdf"),
        "zip": ("certificates.zip", "application/zip"),
    }
    if kind not in names:
        raise Http404
    name, content_type = names[kind]
    path = _certificates_dir(campaign) / name
    if not path.exists():
        raise Http404("ยังไม่ได้สร้างเกียรติบัตร")
    return FileResponse(
        path.open("rb"),
        content_type=content_type,
        as_attachment=True,
        filename=f"certificates-{campaign.year_be}-{campaign.pk}.{kind}",
    )


@require_POST
@login_required
@permission_required("pramoen.manage_campaigns", raise_exception=True)
def revoke(request: HttpRequest, code: str) -> HttpResponse:
    certificate = get_object_or_404(Certificate, short_code=code.upper(), revoked_at__isnull=True)
    _managed_campaign(request, certificate.campaign_id)
    try:
        services.certificate_revoke(
            certificate=certificate, actor=request.user, reason=request.POST.get("reason", "")
        )
        messages.success(request, "เพิกถอนเกียรติบัตรแล้ว")
    except ValidationError as exc:
        for message in _errors(exc):
            messages.error(request, message)
    return redirect("judging:verify", code=certificate.short_code)


@require_POST
@login_required
@permission_required("judging.appeal", raise_exception=True)
def appeal(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = get_object_or_404(Entry, pk=entry_id)
    try:
        services.entry_reopen(
            entry=entry, actor=request.user, reason=request.POST.get("reason", "")
        )
        messages.success(request, "เปิดผลงานเพื่อพิจารณาอุทธรณ์แล้ว")
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    return redirect("judging:results", campaign_id=entry.campaign_id)
