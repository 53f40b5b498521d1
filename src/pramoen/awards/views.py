"""ESA staff pages for award campaigns (permission ``pramoen.manage_campaigns``)."""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pramoen.awards import letters
from pramoen.awards.entry_forms import EntryAnswersForm
from pramoen.awards.enums import CheckOutcome, Eligibility
from pramoen.awards.evidence import evidence_response, user_may_view_entry
from pramoen.awards.forms import CampaignForm, CloneForm, EntryFilterForm, ScreeningFilterForm
from pramoen.awards.models import Campaign, EligibilityCheck, Entry, EvidenceFile
from pramoen.awards.schedule import countdown_th
from pramoen.awards.selectors import (
    ENTRY_LIST_DEFERRED,
    campaign_categories,
    campaigns_for_staff,
    category_pins,
    duplicate_pairs,
    esas_managed_by,
    screening_entries,
)
from pramoen.awards.services import (
    ANSWER_SLOTS,
    campaign_clone,
    campaign_create,
    campaign_update,
    entry_request_correction,
    evidence_slots,
    pinned_instrument,
    screening_confirm,
    screening_override,
    screening_run_campaign,
)
from pramoen.core.decorators import permission_required
from pramoen.core.files import stored_file_response
from pramoen.core.generated import document_queue
from pramoen.core.paging import page_of
from pramoen.core.types import AuthenticatedRequest
from pramoen.thai import to_thai_digits

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CONTENT_TYPES = {"docx": DOCX, "pdf": "application/pdf"}


campaign_staff_required = permission_required("pramoen.manage_campaigns")
PAIRS_PER_PAGE = 20


def _campaign(request: AuthenticatedRequest, pk: int) -> Campaign:
    # Another ESA's campaign is simply not found: its existence is not disclosed.
    return get_object_or_404(campaigns_for_staff(user=request.user), pk=pk)


@require_GET
@campaign_staff_required
def campaign_list(request: AuthenticatedRequest) -> HttpResponse:
    now = timezone.now()
    campaigns = list(campaigns_for_staff(user=request.user))
    for campaign in campaigns:
        _annotate_status(campaign, now)
    return render(request, "awards/campaign_list.html", {"campaigns": campaigns})


def _annotate_status(campaign: Campaign, now) -> None:
    schedule = campaign.schedule()
    campaign.phase = schedule.phase(now)  # type: ignore[attr-defined]  # shown
    left = schedule.time_left(now)
    campaign.countdown = countdown_th(left) if left is not None else ""  # type: ignore[attr-defined]  # shown


@require_http_methods(["GET", "POST"])
@campaign_staff_required
def campaign_new(request: AuthenticatedRequest) -> HttpResponse:
    esas = esas_managed_by(user=request.user)
    form = CampaignForm(request.POST or None, esas=esas)
    if request.method == "POST" and form.is_valid():
        values = form.campaign_values()
        esa = values.pop("esa")
        try:
            campaign = campaign_create(esa=esa, actor=request.user, **values)
        except ValidationError as exc:
            form.add_service_errors(exc.message_dict)
        else:
            messages.success(
                request,
                f"สร้างการประกวด {campaign.title_th} เรียบร้อยแล้ว ขั้นต่อไป: เลือกกลุ่มการประกวด",
            )
            # A new campaign has no groups yet; choosing them is the next step.
            return redirect("awards:campaign_groups", pk=campaign.pk)
    if request.method == "POST":
        messages.error(request, "ยังไม่ได้บันทึก กรุณาแก้ไขช่องที่มีข้อความสีแดง")
    return render(request, "awards/campaign_form.html", {"form": form, "campaign": None})


@require_http_methods(["GET", "POST"])
@campaign_staff_required
def campaign_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request, pk)
    esas = esas_managed_by(user=request.user)
    form = CampaignForm(
        request.POST or None, esas=esas, initial=CampaignForm.initial_from(campaign)
    )
    # The organizing ESA is fixed once the campaign exists (its letters carry its number).
    form.fields["esa"].disabled = True
    if request.method == "POST" and form.is_valid():
        values = form.campaign_values()
        values.pop("esa")
        try:
            campaign = campaign_update(campaign=campaign, actor=request.user, changes=values)
        except ValidationError as exc:
            form.add_service_errors(exc.message_dict)
        else:
            messages.success(request, f"บันทึกการประกวด {campaign.title_th} เรียบร้อยแล้ว")
            return redirect("awards:campaign_detail", pk=campaign.pk)
    if request.method == "POST":
        messages.error(request, "ยังไม่ได้บันทึก กรุณาแก้ไขช่องที่มีข้อความสีแดง")
    return render(request, "awards/campaign_form.html", {"form": form, "campaign": campaign})


@require_GET
@campaign_staff_required
def campaign_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request, pk)
    _annotate_status(campaign, timezone.now())
    return render(
        request,
        "awards/campaign_detail.html",
        {
            "campaign": campaign,
            "pins": category_pins(categories=list(campaign_categories(campaign=campaign))),
            "letter_kinds": letters.LETTER_KINDS,
        },
    )


@require_POST
@campaign_staff_required
def campaign_clone_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    source = _campaign(request, pk)
    form = CloneForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("year_be", []):
            messages.error(request, f"คัดลอกไม่สำเร็จ: {error}")
        return redirect("awards:campaign_list")
    try:
        result = campaign_clone(
            source=source, year_be=form.cleaned_data["year_be"], actor=request.user
        )
    except ValidationError as exc:
        messages.error(request, "คัดลอกไม่สำเร็จ: " + " ".join(exc.messages))
        return redirect("awards:campaign_list")
    clone = result.campaign
    messages.success(
        request,
        f"คัดลอก {source.title_th} เป็น {clone.title_th} เรียบร้อยแล้ว "
        f"(วันที่ทั้งหมดเลื่อนไป {to_thai_digits(str(clone.year_be - source.year_be))} ปี "
        "กรุณาตรวจสอบวันที่และเลขที่หนังสือ)",
    )
    if result.pin_changes:
        messages.warning(
            request,
            f"แบบประเมินที่เปลี่ยนรุ่น {to_thai_digits(str(len(result.pin_changes)))} รายการ: "
            + "; ".join(change.message_th for change in result.pin_changes),
        )
    else:
        messages.info(request, "แบบประเมินทุกรายการยังเป็นรุ่นเดียวกับการประกวดต้นแบบ")
    return redirect("awards:campaign_list")


@require_http_methods(["GET", "POST"])
@campaign_staff_required
def campaign_letter(request: AuthenticatedRequest, pk: int, kind: str, fmt: str) -> HttpResponse:
    """The .docx at once (GET); the PDF, which LibreOffice takes seconds to make, by a worker
    (POST: it makes a job), on a page that polls until the file is there."""
    campaign = _campaign(request, pk)
    if kind not in letters.LETTER_KINDS or fmt not in CONTENT_TYPES:
        raise Http404
    # ASCII file name: no user text reaches the header.
    filename = f"campaign-{campaign.pk}-{campaign.year_be}-{kind}.{fmt}"
    if (request.method == "POST") != (fmt == "pdf"):
        return HttpResponseNotAllowed(["POST"] if fmt == "pdf" else ["GET"])
    if fmt == "pdf":
        job = document_queue(
            build="pramoen.awards.letters.letter_pdf_build",
            args={"campaign": campaign.pk, "kind": kind},
            title=f"{letters.LETTER_KINDS[kind]} (PDF) {campaign.name}",
            filename=filename,
            content_type=CONTENT_TYPES[fmt],
            back_url=reverse("awards:campaign_detail", args=[campaign.pk]),
            actor=request.user,
        )
        return redirect("core:document", pk=job.pk)
    data = letters.letter_docx(campaign, kind)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
@campaign_staff_required
def campaign_entries(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request, pk)
    form = EntryFilterForm(request.GET or None, campaign=campaign)
    entries = form.filter(
        # a draft its applicant deleted is no entry (its row stays for the audit trail)
        campaign.entries.filter(deleted_at__isnull=True)
        .select_related("school", "category")
        .defer(*ENTRY_LIST_DEFERRED)
        .order_by("category__position", "pk")
    )
    page, query = page_of(request, entries)
    context = {"campaign": campaign, "entries": page.object_list, "form": form}
    return render(
        request, "awards/campaign_entries.html", {**context, "page": page, "query": query}
    )


class CorrectionForm(forms.Form):
    paths = forms.MultipleChoiceField(
        label="รายการที่เปิดให้แก้ไข", widget=forms.CheckboxSelectMultiple, choices=()
    )
    note = forms.CharField(label="สิ่งที่ต้องแก้ไข", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, answers_form: EntryAnswersForm, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = []
        for question in answers_form.questions:
            value = ",".join(f"{slot}.{question.kind}.{question.key}" for slot in question.slots)
            choices.append((value, question.label_th))
        cast(forms.ChoiceField, self.fields["paths"]).choices = choices

    def selected_paths(self) -> list[str]:
        return [path for value in self.cleaned_data["paths"] for path in value.split(",")]


@require_http_methods(["GET", "POST"])
@campaign_staff_required
def staff_entry_detail(request: AuthenticatedRequest, pk: int, entry_pk: int) -> HttpResponse:
    campaign = _campaign(request, pk)
    entry = get_object_or_404(
        campaign.entries.select_related("school", "category", "campaign"), pk=entry_pk
    )
    instruments = {slot: pinned_instrument(entry.category, slot) for slot in ANSWER_SLOTS}
    answers_form = EntryAnswersForm(instruments=instruments, answers=entry.answers, editable=set())
    form = CorrectionForm(request.POST or None, answers_form=answers_form)
    if request.method == "POST" and form.is_valid():
        try:
            entry_request_correction(
                entry=entry,
                actor=request.user,
                paths=form.selected_paths(),
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            messages.error(request, "ส่งคำขอแก้ไขไม่ได้: " + " ".join(exc.messages))
        else:
            messages.success(request, "ส่งคำขอให้แก้ไขเอกสารแล้ว (แจ้งทางอีเมลแล้ว)")
            return redirect("awards:staff_entry_detail", pk=campaign.pk, entry_pk=entry.pk)
    return render(
        request,
        "awards/staff_entry_detail.html",
        {
            "campaign": campaign,
            "entry": entry,
            "rows": answers_form.summary(),
            "form": form,
            "events": entry.events.select_related("actor"),
            "evidence_files": _evidence_with_labels(entry),
        },
    )


def _evidence_with_labels(entry) -> list[tuple[str, EvidenceFile]]:
    labels = {key: slot.label_th for key, slot in evidence_slots(entry).items()}
    return [
        (labels.get((f.part, f.slot_id), f.slot_id), f)
        for f in entry.evidence_files.order_by("part", "slot_id", "uploaded_at", "pk")
    ]


def portfolio_response(entry: Entry) -> HttpResponseBase:
    """The stored portfolio as a download: fixed ASCII name, PDF type, ``nosniff``."""
    if not entry.portfolio:
        raise Http404
    return stored_file_response(
        entry.portfolio.name,
        content_type="application/pdf",
        filename=f"portfolio-entry-{entry.pk}.pdf",
    )


@require_GET
@campaign_staff_required
def staff_entry_portfolio(
    request: AuthenticatedRequest, pk: int, entry_pk: int
) -> HttpResponseBase:
    campaign = _campaign(request, pk)
    return portfolio_response(get_object_or_404(campaign.entries.all(), pk=entry_pk))


@require_GET
@login_required
def evidence_download(request: AuthenticatedRequest, pk: int) -> HttpResponseBase:
    """An evidence file for its entry's owner, the campaign's ESA staff or an assigned judge;
    404 for everyone else (a file's existence is not disclosed)."""
    evidence = get_object_or_404(EvidenceFile.objects.select_related("entry"), pk=pk)
    if not user_may_view_entry(request.user, evidence.entry):
        raise Http404("ไม่พบไฟล์")
    return evidence_response(evidence)


# ------------------------------------------------------------------------------ screening


class OverrideForm(forms.Form):
    outcome = forms.ChoiceField(label="ผลที่กำหนด", choices=CheckOutcome.choices)
    reason = forms.CharField(label="เหตุผล", widget=forms.Textarea(attrs={"rows": 2}))


@require_GET
@campaign_staff_required
def campaign_screening(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request, pk)
    form = ScreeningFilterForm(request.GET or None, campaign=campaign)
    listed = screening_entries(campaign=campaign).defer(*ENTRY_LIST_DEFERRED)
    page, query = page_of(request, form.filter(listed))
    entries = page.object_list
    summary = campaign.entries.filter(status="submitted").aggregate(
        total=Count("pk"),
        eligible=Count("pk", filter=Q(eligibility=Eligibility.ELIGIBLE)),
        not_eligible=Count("pk", filter=Q(eligibility=Eligibility.NOT_ELIGIBLE)),
        pending=Count("pk", filter=Q(eligibility="")),
    )
    pairs = Paginator(duplicate_pairs(campaign=campaign), PAIRS_PER_PAGE).get_page(
        request.GET.get("pairs")
    )
    return render(
        request,
        "awards/campaign_screening.html",
        {
            "campaign": campaign,
            "entries": entries,
            "summary": summary,
            "outcomes": CheckOutcome.choices,
            "form": form,
            "page": page,
            "query": query,
            "pairs": pairs,
        },
    )


@require_POST
@campaign_staff_required
def campaign_screening_run(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request, pk)
    count = screening_run_campaign(campaign=campaign, actor=request.user)
    messages.success(request, f"ตรวจคุณสมบัติเบื้องต้นแล้ว {to_thai_digits(str(count))} ผลงาน")
    return redirect("awards:campaign_screening", pk=campaign.pk)


@require_POST
@campaign_staff_required
def screening_check_override(request: AuthenticatedRequest, pk: int, check_pk: int) -> HttpResponse:
    campaign = _campaign(request, pk)
    check = get_object_or_404(EligibilityCheck, pk=check_pk, entry__campaign=campaign)
    form = OverrideForm(request.POST)
    if not form.is_valid():
        messages.error(request, "กำหนดผลไม่ได้: กรุณาเลือกผลและระบุเหตุผล")
    else:
        try:
            screening_override(
                check=check,
                actor=request.user,
                outcome=form.cleaned_data["outcome"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            messages.error(request, "กำหนดผลไม่ได้: " + " ".join(exc.messages))
        else:
            messages.success(request, f"กำหนดผล “{check.title_th}” แล้ว")
    return redirect(
        f"{reverse('awards:campaign_screening', args=[campaign.pk])}#entry-{check.entry_id}"
    )


@require_POST
@campaign_staff_required
def screening_entry_confirm(request: AuthenticatedRequest, pk: int, entry_pk: int) -> HttpResponse:
    campaign = _campaign(request, pk)
    entry = get_object_or_404(campaign.entries.all(), pk=entry_pk)
    try:
        entry = screening_confirm(entry=entry, actor=request.user)
    except ValidationError as exc:
        messages.error(request, "ยืนยันผลไม่ได้: " + " ".join(exc.messages))
    else:
        messages.success(request, f"ยืนยันผลแล้ว: {entry.get_eligibility_display()}")
    return redirect(f"{reverse('awards:campaign_screening', args=[campaign.pk])}#entry-{entry.pk}")
