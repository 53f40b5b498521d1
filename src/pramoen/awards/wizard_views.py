"""The campaign wizard (issue 19): ESA staff set up an edition in five steps — edition, groups,
dates and rules, a preview of what applicants will see, open — without the admin site.

Each step is an ordinary form POST (works without JavaScript). "Next" saves the step and moves
on; "Back" saves it too when it is valid, and otherwise keeps what was typed in the session and
shows it again, with its messages, when the step is reopened: nothing typed is lost. The edition
is a draft (``Campaign.draft``) until step 5, so applicants never see a half-made one.
"""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from pramoen.awards.applicant_views import StartForm, criteria_context
from pramoen.awards.group_views import groups_page
from pramoen.awards.models import Campaign
from pramoen.awards.picker import group_label_th
from pramoen.awards.schedule import countdown_th
from pramoen.awards.selectors import campaign_categories, esas_managed_by
from pramoen.awards.services import (
    campaign_draft_create,
    campaign_open,
    campaign_step_groups,
    campaign_step_save,
    open_problems,
)
from pramoen.awards.services.wizard import STEP_DATES, STEP_EDITION, STEP_GROUPS, STEP_OPEN
from pramoen.awards.views import _campaign, campaign_staff_required
from pramoen.awards.wizard_forms import DatesStepForm, EditionStepForm, OpenForm
from pramoen.core.types import AuthenticatedRequest
from pramoen.orgs.models import Organization
from pramoen.thai import to_thai_digits

STEPS = (
    (1, "การประกวดครั้งนี้"),
    (2, "ประเภท ด้าน และกลุ่ม"),
    (3, "กำหนดการและเงื่อนไขการสมัคร"),
    (4, "ตัวอย่างหน้าผู้สมัคร"),
    (5, "เปิดรับผลงาน"),
)
_KEPT = "campaign_wizard_kept"


def _progress(campaign: Campaign | None, current: int) -> list[dict[str, Any]]:
    done = campaign.setup_step if campaign else 0
    return [
        {"number": n, "title": _(title), "done": n <= done, "current": n == current}
        for n, title in STEPS
    ]


def _kept_key(campaign: Campaign, step: int) -> str:
    return f"{campaign.pk}:{step}"


def _kept(request: AuthenticatedRequest, campaign: Campaign, step: int) -> QueryDict | None:
    """The input of a step left by "Back" while it was not valid (read, never written, on GET)."""
    raw = request.session.get(_KEPT, {}).get(_kept_key(campaign, step))
    if raw is None:
        return None
    data = QueryDict(mutable=True)
    for key, values in raw.items():
        data.setlist(key, values)
    return data


def _keep(request: AuthenticatedRequest, campaign: Campaign, step: int) -> None:
    kept = dict(request.session.get(_KEPT, {}))
    kept[_kept_key(campaign, step)] = {
        k: v for k, v in request.POST.lists() if k not in {"csrfmiddlewaretoken", "go"}
    }
    request.session[_KEPT] = kept


def _forget(request: AuthenticatedRequest, campaign: Campaign, step: int) -> None:
    kept = dict(request.session.get(_KEPT, {}))
    if kept.pop(_kept_key(campaign, step), None) is not None:
        request.session[_KEPT] = kept


def _render(
    request: AuthenticatedRequest,
    campaign: Campaign | None,
    step: int,
    context: dict[str, Any],
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        f"awards/wizard_step{step}.html",
        {"campaign": campaign, "step": step, "progress": _progress(campaign, step), **context},
        status=status,
    )


def _after_save(request: AuthenticatedRequest, campaign: Campaign, step: int) -> HttpResponse:
    _forget(request, campaign, step)
    target = step - 1 if request.POST.get("go") == "back" else step + 1
    return redirect("awards:campaign_wizard", pk=campaign.pk, step=max(1, target))


def _back_unsaved(request: AuthenticatedRequest, campaign: Campaign, step: int) -> HttpResponse:
    _keep(request, campaign, step)
    messages.warning(
        request,
        _("ขั้นที่ %(step)s ยังมีข้อมูลที่ไม่ถูกต้อง จึงยังไม่ได้บันทึก แต่เก็บสิ่งที่กรอกไว้ให้แล้ว")
        % {"step": to_thai_digits(str(step))},
    )
    return redirect("awards:campaign_wizard", pk=campaign.pk, step=max(1, step - 1))


@require_http_methods(["GET", "POST"])
@campaign_staff_required
def campaign_wizard_start(request: AuthenticatedRequest) -> HttpResponse:
    """Step 1 of a new edition: the draft is created when this step is saved."""
    form = EditionStepForm(request.POST or None, esas=esas_managed_by(user=request.user))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        esa: Organization = data.pop("esa")
        try:
            campaign = campaign_draft_create(esa=esa, actor=request.user, **data)
        except ValidationError as exc:
            form.add_service_errors(exc.message_dict)
        else:
            messages.success(
                request,
                _("บันทึกฉบับร่าง %(title)s แล้ว ผู้สมัครยังไม่เห็นจนกว่าจะเปิดรับผลงาน")
                % {"title": campaign.title_th},
            )
            return redirect("awards:campaign_wizard", pk=campaign.pk, step=STEP_GROUPS)
    return _render(request, None, STEP_EDITION, {"form": form}, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@campaign_staff_required
def campaign_wizard(request: AuthenticatedRequest, pk: int, step: int) -> HttpResponse:
    campaign = _campaign(request, pk)
    if step not in dict(STEPS):
        raise Http404
    if not campaign.draft:
        # An opened edition is changed on its edit pages; the wizard is for drafts only.
        return redirect("awards:campaign_detail", pk=campaign.pk)
    handler = {1: _edition, 2: _groups, 3: _dates, 4: _preview, 5: _open}[step]
    return handler(request, campaign)


def _edition(request: AuthenticatedRequest, campaign: Campaign) -> HttpResponse:
    initial = {"name": campaign.name, "edition": campaign.edition, "year_be": campaign.year_be}
    data = request.POST if request.method == "POST" else _kept(request, campaign, STEP_EDITION)
    form = EditionStepForm(data, esas=None, initial=initial)
    if request.method == "POST":
        if not form.is_valid():
            if request.POST.get("go") == "back":
                return _back_unsaved(request, campaign, STEP_EDITION)
        else:
            try:
                campaign_step_save(
                    campaign=campaign,
                    actor=request.user,
                    step=STEP_EDITION,
                    changes=form.cleaned_data,
                )
            except ValidationError as exc:
                form.add_service_errors(exc.message_dict)
            else:
                return _after_save(request, campaign, STEP_EDITION)
    return _render(
        request, campaign, STEP_EDITION, {"form": form}, status=400 if form.errors else 200
    )


def _groups(request: AuthenticatedRequest, campaign: Campaign) -> HttpResponse:
    has_groups = campaign.categories.exists()
    data = request.POST if request.method == "POST" else None
    page = groups_page(campaign, data, required=not has_groups)
    form = page.form
    if request.method == "POST" and form.is_valid():
        specs = [page.by_key[key].spec for key in form.cleaned_data["groups"]]
        try:
            created = campaign_step_groups(campaign=campaign, specs=specs, actor=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if created:
                messages.success(
                    request,
                    _("เพิ่มกลุ่มการประกวด %(n)s กลุ่มแล้ว") % {"n": to_thai_digits(str(len(created)))},
                )
            return _after_save(request, campaign, STEP_GROUPS)
    if request.method == "POST" and request.POST.get("go") == "back" and not has_groups:
        # Nothing ticked and nothing to lose: going back needs no groups yet.
        return redirect("awards:campaign_wizard", pk=campaign.pk, step=STEP_EDITION)
    return _render(
        request,
        campaign,
        STEP_GROUPS,
        {**page.context, "group_count": campaign.categories.count()},
        status=400 if form.errors else 200,
    )


def _dates(request: AuthenticatedRequest, campaign: Campaign) -> HttpResponse:
    data = request.POST if request.method == "POST" else _kept(request, campaign, STEP_DATES)
    form = DatesStepForm(data, initial=DatesStepForm.initial_from(campaign))
    if request.method == "POST":
        if not form.is_valid():
            if request.POST.get("go") == "back":
                return _back_unsaved(request, campaign, STEP_DATES)
        else:
            try:
                campaign_step_save(
                    campaign=campaign,
                    actor=request.user,
                    step=STEP_DATES,
                    changes=form.campaign_values(),
                )
            except ValidationError as exc:
                form.add_service_errors(exc.message_dict)
                if request.POST.get("go") == "back":
                    return _back_unsaved(request, campaign, STEP_DATES)
            else:
                return _after_save(request, campaign, STEP_DATES)
    return _render(
        request,
        campaign,
        STEP_DATES,
        {"form": form, "proposed": campaign.setup_step < STEP_DATES},
        status=400 if form.errors else 200,
    )


def _countdowns(campaign: Campaign, now: datetime) -> list[dict[str, Any]]:
    """The home page's countdown line, as applicants will read it on the opening day and, when
    the edition would already be open, today."""
    opening = datetime.combine(
        campaign.opens_on, time(8, 0), tzinfo=timezone.get_default_timezone()
    )
    moments = [("วันเปิดรับผลงาน (เวลา ๘.๐๐ น.)", opening)]
    if opening < now < campaign.deadline:
        moments.append(("ถ้าเปิดวันนี้", now))
    return [
        {
            "when": _(when),
            "days_left": to_thai_digits(str(max(0, (campaign.deadline - at).days))),
            "last_day": (campaign.deadline - at).days <= 0,
            "countdown": countdown_th(campaign.deadline - at),
        }
        for when, at in moments
    ]


@require_GET
def _preview(request: AuthenticatedRequest, campaign: Campaign) -> HttpResponse:
    groups = list(campaign_categories(campaign=campaign).select_related("campaign"))
    picker: dict[str, list[dict[str, Any]]] = {}
    for group in groups:
        heading = f"{group.get_category_display()} · {group.get_domain_display()}"
        picker.setdefault(heading, []).append({"group": group, "label": group_label_th(group)})
    # The applicant's own start form, offered exactly these groups (a school account's view).
    start_form = StartForm(
        categories=campaign_categories(campaign=campaign).select_related("campaign"),
        schools=Organization.objects.none(),
        personal=False,
    )
    return _render(
        request,
        campaign,
        4,
        {
            "picker": picker,
            "start_form": start_form,
            "countdowns": _countdowns(campaign, timezone.now()),
            "group_count": len(groups),
        },
    )


def _open(request: AuthenticatedRequest, campaign: Campaign) -> HttpResponse:
    form = OpenForm(request.POST or None)
    if request.method == "POST" and request.POST.get("go") == "back":
        return redirect("awards:campaign_wizard", pk=campaign.pk, step=4)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = campaign_open(campaign=campaign, actor=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("เปิดรับผลงาน %(title)s แล้ว ผู้สมัครเห็นการประกวดนี้ตั้งแต่วันเปิดรับผลงาน")
                % {"title": campaign.title_th},
            )
            return redirect("awards:campaign_detail", pk=campaign.pk)
    return _render(
        request,
        campaign,
        STEP_OPEN,
        {
            "form": form,
            "problems": open_problems(campaign=campaign, now=timezone.now()),
            "group_count": campaign.categories.count(),
        },
        status=400 if form.errors else 200,
    )


@require_GET
@campaign_staff_required
def campaign_wizard_criteria(
    request: AuthenticatedRequest, pk: int, category_pk: int
) -> HttpResponse:
    """The criteria page of one group, as an applicant will read it, for the draft's staff."""
    campaign = _campaign(request, pk)
    group = get_object_or_404(campaign.categories.select_related("campaign"), pk=category_pk)
    # With htmx the preview page shows it in place (its panel); without, as the applicant's page.
    template = "awards/_criteria_body.html" if request.htmx else "awards/category_criteria.html"
    return render(request, template, {**criteria_context(group), "preview": True})
