"""The judge's pages: workspace, scoring page (htmx autosave), portfolio, scores, conflicts.

A judge who is not assigned to an entry, or is conflicted, gets 404 on the entry, its evidence
and its scores — the page does not even confirm the entry exists.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import quote_etag
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pramoen.awards.entry_forms import PORTFOLIO
from pramoen.awards.models import Entry
from pramoen.awards.pages import first_page
from pramoen.core.files import stored_file_response
from pramoen.core.paging import page_of
from pramoen.core.types import AuthenticatedRequest
from pramoen.judging import selectors, services
from pramoen.judging.enums import ReviewStatus
from pramoen.judging.forms import (
    NONE,
    ReviewPostForm,
    WorkspaceFilterForm,
    comments_from_post,
    confirmed_from_post,
    indicators_from_post,
    list_filters,
)
from pramoen.judging.models import (
    Committee,
    Review,
)
from pramoen.judging.scoring import (
    answer_shapes,
    applicant_values,
    confirmation_key,
    document,
    none_label,
    pinned_scoring,
    printed_number,
    score_document,
)
from pramoen.judging.views.common import bad_request, error_messages


@require_GET
@login_required
@permission_required("judging.judge", raise_exception=True)
def workspace(request: AuthenticatedRequest) -> HttpResponse:
    form = WorkspaceFilterForm(request.GET or None, statuses=selectors.WORK_STATUSES)
    filters = list_filters(form)
    assignments = selectors.workspace_assignments(
        judge=request.user, search=filters.get("q", ""), status=filters.get("status", "")
    )
    page, query = page_of(request, assignments)
    done, total = selectors.workspace_progress(judge=request.user)
    items = selectors.work_items(judge=request.user, assignments=page.object_list)
    context = {"items": items, "done": done, "total": total, "form": form}
    return render(request, "judging/workspace.html", {**context, "page": page, "query": query})


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
                    name = str(ref.get("file", ""))
                    slots.setdefault(slot.indicator, []).append(
                        {
                            "file": "แฟ้มผลงาน" if name == PORTFOLIO else name,
                            "pages": pages,
                            "first_page": first_page(pages),
                        }
                    )
    instrument = compiled.instrument
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
            kind = next(iter(shape), "computed") if shape else "computed"
            indicators.append(
                {
                    "path": path,
                    "number": printed_number(instrument, ind.number),
                    "title_th": ind.title_th,
                    "kind": kind,
                    # "not yet scored" (no answer) is not "no items met" (an empty checklist)
                    "scorable": kind != "computed",
                    "answered": path in review.indicators,
                    "ticked_any": bool(ticked),
                    "items": [
                        {
                            "position": n,
                            # one numbering style per list: the instrument's digits setting
                            # also for items without a printed number
                            # its position when the seed prints no number
                            "number": printed_number(instrument, it.number or n),
                            "text_th": it.text_th,
                            "ticked": n in ticked,
                        }
                        for n, it in enumerate(ind.items, start=1)
                    ],
                    "levels": ind.levels,
                    "none_label": none_label(compiled, ind),
                    "none_value": NONE,
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
            {
                "number": printed_number(instrument, comp.number),
                "title_th": comp.title_th,
                "indicators": indicators,
            }
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
        compiled=compiled, entry=entry, indicators=given, eligible=selectors.entry_eligible(entry)
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
def review_page(request: AuthenticatedRequest, entry_id: int) -> HttpResponse:
    entry = selectors.entry_for_judge(judge=request.user, entry_id=entry_id)
    form = ReviewPostForm(request.POST if request.method == "POST" else request.GET)
    if not form.is_valid():
        return bad_request(request, form, back=reverse("judging:review", args=[entry.pk]))
    try:
        if request.method == "POST":
            review = services.review_open(entry=entry, judge=request.user)
        else:
            # A GET writes nothing: before the judge's first save the page shows an unsaved one.
            review = selectors.review_for_page(entry=entry, judge=request.user)
    except ValidationError as exc:
        # e.g. the library's version of the rubric no longer matches the group's pinned hash
        for message in error_messages(exc):
            messages.error(request, message)
        return redirect("judging:workspace")
    problems: list[str] = []
    if request.method == "POST":
        shapes = answer_shapes(pinned_scoring(entry.category))
        indicators = indicators_from_post(shapes, request.POST)
        comments = comments_from_post(_indicator_paths(entry), request.POST)
        confirmed = confirmed_from_post(request.POST)
        seen = form.cleaned_data["version"]
        submit = form.cleaned_data["action"] == "submit"
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
            problems = error_messages(exc)
            # Nothing is lost: the page is shown again with what the judge typed.
            review.indicators, review.comments = indicators, comments
            review.confirmed = confirmed
        else:
            messages.success(request, "ส่งผลการประเมินแล้ว" if submit else "บันทึกฉบับร่างแล้ว")
            return redirect("judging:review", entry_id=entry.pk)
    compiled, scored = _score(entry, review.indicators)
    committee = Committee.objects.filter(category_id=entry.category_id).first()
    components = _rubric(compiled, entry, review, scored.result)
    context = {
        "entry": entry,
        "review": review,
        "components": components,
        "unscored": [
            f"{ind['number']} {ind['title_th']}".strip()
            for comp in components
            for ind in comp["indicators"]
            if ind["scorable"] and not ind["answered"]
        ],
        "returned": selectors.review_returned(review) if review.pk else None,
        "result": scored.result,
        "problems": problems,
        "others": _others(entry, review, committee),
        "history": (
            review.history.select_related("saved_by").order_by("-version")[:20] if review.pk else []
        ),
        "locked": review.status == ReviewStatus.SUBMITTED,
        "has_portfolio": bool(getattr(entry, "portfolio", None)),
        # an instrument the ESA wrote itself says so to the judge too
        "esa_notice": (
            compiled.instrument.esa_authored.notice_th if compiled.instrument.esa_authored else ""
        ),
    }
    return render(request, "judging/review.html", context, status=400 if problems else 200)


@require_POST
@login_required
@permission_required("judging.judge", raise_exception=True)
def review_autosave(request: AuthenticatedRequest, entry_id: int) -> HttpResponse:
    """htmx: save the draft and return the points, level and Thai explanation per indicator."""
    entry = selectors.entry_for_judge(judge=request.user, entry_id=entry_id)
    form = ReviewPostForm(request.POST)
    if not form.is_valid():
        return bad_request(request, form)
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
            seen_version=form.cleaned_data["version"],
            indicators=indicators,
            comments=comments,
            confirmed=confirmed_from_post(request.POST),
        )
        review = outcome.review
        saved = True
    except ValidationError as exc:
        problems = error_messages(exc)
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
def portfolio(request: AuthenticatedRequest, entry_id: int) -> HttpResponseBase:
    """The entry's portfolio PDF, inline, for the in-page viewer — 404 when conflicted."""
    entry = selectors.entry_for_judge(judge=request.user, entry_id=entry_id)
    stored = getattr(entry, "portfolio", None)
    if not stored:
        raise Http404("ไม่มีแฟ้มผลงาน")
    # Each upload is stored under a new random name (awards.models.entry_portfolio_path), so the
    # name identifies the content: a judge coming back to the entry revalidates (304) instead of
    # fetching a 100-page PDF again, and a corrected portfolio is fetched anew.
    etag = quote_etag(hashlib.sha256(stored.name.encode()).hexdigest()[:32])
    response: HttpResponseBase | None = get_conditional_response(request, etag=etag)
    if response is None:
        # inline: the page's PDF viewer fetches it from our own origin (the CSP's connect-src), so
        # on S3 too it is streamed, not redirected.
        response = stored_file_response(
            stored.name,
            content_type="application/pdf",
            filename=f"entry-{entry.pk}.pdf",
            as_attachment=False,
            inline=True,
        )
    response["ETag"] = etag
    response["Cache-Control"] = "private, no-cache"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
@login_required
@permission_required("judging.judge", raise_exception=True)
def entry_scores(request: AuthenticatedRequest, entry_id: int) -> HttpResponse:
    """The panel's scores of one entry: a judge sees them after submitting their own."""
    entry = selectors.entry_for_judge(judge=request.user, entry_id=entry_id)
    review = Review.objects.filter(entry=entry, judge=request.user).first()
    committee = Committee.objects.filter(category_id=entry.category_id).first()
    others = _others(entry, review, committee) if review is not None else None
    return render(request, "judging/scores.html", {"entry": entry, "others": others})


@require_POST
@login_required
@permission_required("judging.judge", raise_exception=True)
def declare_conflict(request: AuthenticatedRequest, entry_id: int) -> HttpResponse:
    entry = selectors.entry_for_judge(judge=request.user, entry_id=entry_id)
    try:
        services.conflict_declare(
            entry=entry, judge=request.user, reason=request.POST.get("reason", "")
        )
    except ValidationError as exc:
        for message in error_messages(exc):
            messages.error(request, message)
        return redirect("judging:review", entry_id=entry.pk)
    messages.success(request, "แจ้งส่วนได้เสียแล้ว ท่านจะไม่เห็นผลงานนี้อีก ประธานกรรมการจะมอบหมายผู้อื่นแทน")
    return redirect("judging:workspace")
