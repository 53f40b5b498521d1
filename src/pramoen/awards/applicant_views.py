"""Applicant portal: a school account (by school code) nominates the school, its director or
deputy and its teachers (permission ``pramoen.apply``)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pramoen.awards.editing import edit_window
from pramoen.awards.entry_forms import EntryAnswersForm
from pramoen.awards.enums import EntryStatus
from pramoen.awards.evidence import evidence_files_of
from pramoen.awards.models import CampaignCategory, Entry, EvidenceFile
from pramoen.awards.picker import Picker, category_picker, group_label_th
from pramoen.awards.schedule import countdown_th
from pramoen.awards.selectors import (
    entries_for_applicant,
    open_categories_for_applicant,
    school_accounts_of,
    schools_of_applicant,
)
from pramoen.awards.services import (
    PORTFOLIO_PATH,
    entry_may_withdraw,
    entry_portfolio_queue,
    entry_problems,
    entry_save,
    entry_start,
    entry_submit,
    entry_withdraw,
    evidence_add,
    evidence_remove,
    evidence_slots,
    pinned_instrument,
)
from pramoen.core.decorators import permission_required
from pramoen.core.types import AuthenticatedRequest
from pramoen.documents.uploads import ALLOWED_TYPES
from pramoen.thai import format_thai_time, to_thai_digits

applicant_required = permission_required("pramoen.apply")


class StartForm(forms.Form):
    category: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=None, label="ประเภท/ด้าน/กลุ่มที่สมัคร", empty_label=None
    )
    school: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=None, label="สถานศึกษา", empty_label=None
    )
    nominee_name = forms.CharField(
        label="ชื่อ-นามสกุลผู้ส่งผลงาน",
        max_length=255,
        required=False,
        help_text="เว้นว่างเมื่อสมัครประเภทสถานศึกษา",
    )

    def __init__(self, *args: Any, categories, schools, personal: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].error_messages["invalid_choice"] = (
            "กลุ่มนี้ไม่เปิดให้บัญชีนี้สมัคร (ขนาดโรงเรียนหรือตำแหน่งไม่ตรงกับกลุ่ม) กรุณาเลือกจากรายการ"
        )
        if personal:
            # A person applies under their own name (entry_start uses it); nothing to type.
            del self.fields["nominee_name"]
        cast(forms.ModelChoiceField, self.fields["category"]).queryset = categories
        cast(forms.ModelChoiceField, self.fields["category"]).label_from_instance = lambda c: (  # type: ignore[method-assign,assignment]
            f"{c.campaign.title_th}: {c.label_th}"
        )
        cast(forms.ModelChoiceField, self.fields["school"]).queryset = schools


def _entry(request: AuthenticatedRequest, pk: int) -> Entry:
    return get_object_or_404(entries_for_applicant(user=request.user), pk=pk)


def _answers_form(entry: Entry, data=None, now=None) -> EntryAnswersForm:
    instruments = {
        slot: pinned_instrument(entry.category, slot) for slot in ("eligibility", "scoring")
    }
    return EntryAnswersForm(
        data,
        instruments=instruments,
        answers=entry.answers,
        editable=edit_window(entry, now or timezone.now()).editable_paths,
    )


def _start_form(request: AuthenticatedRequest, data: Any = None) -> tuple[StartForm, Picker]:
    """The start form offering only the groups this account may enter (``awards.picker``)."""
    now = timezone.now()
    personal = not school_accounts_of(user=request.user).exists()
    schools = schools_of_applicant(user=request.user)
    open_groups = open_categories_for_applicant(user=request.user, now=now)
    picker = category_picker(
        user=request.user, categories=open_groups, schools=list(schools), personal=personal
    )
    form = StartForm(
        data,
        categories=open_groups.filter(pk__in=picker.allowed_ids),
        schools=schools,
        personal=personal,
    )
    return form, picker


@require_GET
@applicant_required
def entry_list(request: AuthenticatedRequest) -> HttpResponse:
    form, picker = _start_form(request)
    return render(
        request,
        "awards/entry_list.html",
        {
            "entries": entries_for_applicant(user=request.user),
            "start_form": form,
            "picker": picker,
            "school_account": "nominee_name" in form.fields,
        },
    )


@require_GET
@applicant_required
def category_criteria(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A group's criteria and rubric, read before applying (one click from the picker)."""
    group = get_object_or_404(
        open_categories_for_applicant(user=request.user, now=timezone.now()), pk=pk
    )
    return render(request, "awards/category_criteria.html", criteria_context(group))


def criteria_context(group: CampaignCategory) -> dict[str, Any]:
    """What the criteria page shows of a group (also the campaign wizard's preview of it)."""
    scoring = pinned_instrument(group, "scoring")
    eligibility = pinned_instrument(group, "eligibility")
    return {
        "group": group,
        "scoring": scoring,
        "eligibility": eligibility,
        "group_label": group_label_th(group),
        # a tier's printed range already names it: its label is not said twice
        "tiers": [
            b.printed_th
            if b.printed_th and b.printed_th.startswith(b.label_th)
            else " ".join(p for p in (b.label_th, b.printed_th) if p)
            for b in (scoring.tiers.bands if scoring.tiers else [])
        ],
    }


@require_POST
@applicant_required
def entry_new(request: AuthenticatedRequest) -> HttpResponse:
    now = timezone.now()
    form, _picker = _start_form(request, request.POST)
    if not form.is_valid():
        problems = [e for errors in form.errors.values() for e in errors]
        messages.error(request, "เริ่มใบสมัครไม่ได้: " + " ".join(str(p) for p in problems))
        return redirect("awards:entry_list")
    try:
        entry = entry_start(
            category=form.cleaned_data["category"],
            school=form.cleaned_data["school"],
            nominee_name=form.cleaned_data.get("nominee_name", ""),
            actor=request.user,
            now=now,
        )
    except ValidationError as exc:
        messages.error(request, "เริ่มใบสมัครไม่ได้: " + " ".join(exc.messages))
        return redirect("awards:entry_list")
    messages.success(request, "เริ่มใบสมัครแล้ว กรอกข้อมูลและบันทึกร่างได้จนถึงกำหนดส่ง")
    return redirect("awards:entry_detail", pk=entry.pk)


def _portfolio_state(entry: Entry) -> dict[str, Any]:
    """The latest upload's check: running (the page polls), failed, or its report (also of a
    rejected file, which was not kept)."""
    job = entry.portfolio_job
    report = entry.portfolio_report
    if job is not None and job.result is not None:
        report = job.result
    return {
        "portfolio_report": report,
        "portfolio_checking": job is not None and job.active,
        "portfolio_check_error": job.error if job is not None and job.status == "failed" else "",
    }


@require_http_methods(["GET", "POST"])
@applicant_required
def entry_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    now = timezone.now()
    entry = _entry(request, pk)
    if request.htmx and request.GET.get("portfolio") == "1":
        # The poll of a portfolio check in progress; the page reloads once it has ended.
        state = _portfolio_state(entry)
        response = render(request, "awards/_portfolio_state.html", {"entry": entry, **state})
        if not state["portfolio_checking"]:
            response["HX-Refresh"] = "true"
        return response
    try:
        form = _answers_form(entry, request.POST or None, now)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("awards:entry_list")
    action = request.POST.get("action", "save")
    if request.method == "POST" and form.is_valid():
        try:
            problems = entry_save(
                entry=entry, actor=request.user, answers=form.to_answers(), now=now
            )
        except ValidationError as exc:
            if request.htmx:
                # 200 so htmx shows it: the autosave line is where the applicant looks.
                return HttpResponse("ยังไม่ได้บันทึก: " + " ".join(exc.messages))
            messages.error(request, "ยังไม่ได้บันทึก: " + " ".join(exc.messages))
        else:
            if request.htmx:
                stamp = format_thai_time(timezone.localtime(now))
                return HttpResponse(f"บันทึกร่างอัตโนมัติแล้ว เวลา {stamp}")
            if action == "review" and entry.status == EntryStatus.DRAFT:
                # The confirmation step needs a complete entry, not just a valid draft.
                problems = entry_problems(
                    category=entry.category, answers=form.to_answers(), partial=False
                )
                if not problems:
                    return redirect("awards:entry_confirm", pk=entry.pk)
            if problems:
                messages.warning(request, "บันทึกแล้ว แต่ยังต้องแก้ไขก่อนส่ง: " + "; ".join(problems))
            else:
                messages.success(request, "บันทึกแล้ว")
            return redirect("awards:entry_detail", pk=entry.pk)
    elif request.method == "POST":
        if request.htmx:
            return HttpResponse("ยังบันทึกอัตโนมัติไม่ได้ กรุณาตรวจสอบช่องที่กรอก แล้วกดบันทึกร่าง")
        messages.error(request, "ยังไม่ได้บันทึก กรุณาแก้ไขช่องที่มีข้อความสีแดง")
    schedule = entry.campaign.schedule()
    left = schedule.time_left(now)
    return render(
        request,
        "awards/entry_detail.html",
        {
            "entry": entry,
            "form": form,
            "read_only": edit_window(entry, now).editable_paths == set(),
            "may_withdraw": entry_may_withdraw(entry, now),
            "phase": schedule.phase(now),
            "countdown": countdown_th(left) if left is not None else "",
            "events": entry.events.select_related("actor"),
            **_portfolio_state(entry),
            "portfolio_form": PortfolioForm(),
            "portfolio_open": edit_window(entry, now).allows(PORTFOLIO_PATH),
            "evidence_slots": _evidence_rows(entry, now),
        },
    )


def _evidence_rows(entry: Entry, now) -> list[dict[str, Any]]:
    """Per evidence slot: its files, what it accepts, and whether the applicant may change it."""
    window = edit_window(entry, now)
    files = evidence_files_of(entry)
    campaign = entry.campaign
    rows = []
    for (part, slot_id), slot in evidence_slots(entry).items():
        path = f"{part}.evidence.{slot_id}"
        limit = slot.max_files or campaign.evidence_max_files
        kinds = campaign.evidence_types_for(part, slot_id)
        stored = files.get((part, slot_id), [])
        rows.append(
            {
                "part": part,
                "slot_id": slot_id,
                "label_th": slot.label_th,
                "files": stored,
                "open": window.allows(path),
                "full": len(stored) >= limit,
                "accepts_th": ", ".join(ALLOWED_TYPES[k].label_th for k in kinds),
                "accept_attr": ",".join(ALLOWED_TYPES[k].content_type for k in kinds),
                "limit_th": to_thai_digits(str(limit)),
                "max_mb_th": to_thai_digits(str(campaign.evidence_max_file_mb)),
            }
        )
    return rows


def _evidence_reply(
    request: AuthenticatedRequest, entry: Entry, part: str, slot_id: str, level: str, text: str
) -> HttpResponse:
    """htmx: the slot again with the message (typed answers elsewhere on the page stay as
    they are); without JavaScript: back to the page with the message."""
    if request.htmx:
        rows = [
            r
            for r in _evidence_rows(entry, timezone.now())
            if (r["part"], r["slot_id"]) == (part, slot_id)
        ]
        if rows:
            return render(
                request,
                "awards/_evidence_slot.html",
                {"entry": entry, "slot": rows[0], "slot_message": {"level": level, "text": text}},
            )
    getattr(messages, level)(request, text)
    return redirect("awards:entry_detail", pk=entry.pk)


@require_POST
@applicant_required
def entry_evidence_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    entry = _entry(request, pk)
    part, slot_id = request.POST.get("part", ""), request.POST.get("slot_id", "")
    upload = request.FILES.get("file")
    if upload is None:
        return _evidence_reply(request, entry, part, slot_id, "error", "กรุณาเลือกไฟล์หลักฐาน")
    try:
        evidence = evidence_add(
            entry=entry, part=part, slot_id=slot_id, upload=upload, actor=request.user
        )
    except ValidationError as exc:
        text = "ยังไม่ได้เพิ่มไฟล์หลักฐาน: " + " ".join(exc.messages)
        return _evidence_reply(request, entry, part, slot_id, "error", text)
    text = f"เพิ่มไฟล์หลักฐาน {evidence.original_name} แล้ว"
    return _evidence_reply(request, entry, part, slot_id, "success", text)


@require_POST
@applicant_required
def entry_evidence_remove(request: AuthenticatedRequest, pk: int, file_pk: int) -> HttpResponse:
    entry = _entry(request, pk)
    evidence = get_object_or_404(EvidenceFile, pk=file_pk, entry=entry)
    part, slot_id = evidence.part, evidence.slot_id
    try:
        evidence_remove(evidence=evidence, actor=request.user)
    except ValidationError as exc:
        text = "ลบไฟล์หลักฐานไม่ได้: " + " ".join(exc.messages)
        return _evidence_reply(request, entry, part, slot_id, "error", text)
    text = f"ลบไฟล์หลักฐาน {evidence.original_name} แล้ว"
    return _evidence_reply(request, entry, part, slot_id, "success", text)


@require_http_methods(["GET", "POST"])
@applicant_required
def entry_confirm(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    entry = _entry(request, pk)
    if request.method == "POST":
        try:
            entry_submit(entry=entry, actor=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("awards:entry_detail", pk=entry.pk)
        messages.success(request, "ส่งผลงานเรียบร้อยแล้ว แก้ไขได้จนถึงกำหนดส่ง")
        return redirect("awards:entry_detail", pk=entry.pk)
    form = _answers_form(entry)
    return render(
        request,
        "awards/entry_confirm.html",
        {
            "entry": entry,
            "rows": form.summary(),
            "evidence_slots": [r for r in _evidence_rows(entry, timezone.now()) if r["files"]],
        },
    )


@require_POST
@applicant_required
def entry_withdraw_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    entry = _entry(request, pk)
    try:
        entry_withdraw(entry=entry, actor=request.user, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "ถอนผลงานแล้ว")
    return redirect("awards:entry_detail", pk=entry.pk)


class PortfolioForm(forms.Form):
    file = forms.FileField(label="แฟ้มผลงาน (PDF)", help_text="ไฟล์ PDF เดียว ขนาดไม่เกิน 50 MB")


@require_POST
@applicant_required
def entry_portfolio(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    entry = _entry(request, pk)
    form = PortfolioForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "กรุณาเลือกไฟล์ PDF ของแฟ้มผลงาน")
        return _after_upload(request, entry)
    try:
        job = entry_portfolio_queue(
            entry=entry, actor=request.user, upload=form.cleaned_data["file"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _after_upload(request, entry)
    job.refresh_from_db()
    report = job.result
    if report is None:  # still queued or being checked: the page polls it
        if job.active:
            messages.info(request, "อัปโหลดแล้ว ระบบกำลังตรวจรูปแบบแฟ้มผลงาน ผลจะแสดงในหน้านี้เมื่อตรวจเสร็จ")
    elif report.get("ok") is True:
        messages.success(request, f"แฟ้มผลงานผ่านการตรวจรูปแบบ ({report.get('pages')} หน้า)")
    elif report.get("ok") is None:
        messages.warning(request, "ระบบตรวจรูปแบบแฟ้มผลงานบางส่วนไม่ได้ คณะกรรมการจะตรวจเอง")
    else:
        messages.error(request, "แฟ้มผลงานไม่ผ่านการตรวจรูปแบบ ดูรายละเอียดด้านล่าง แก้ไขแล้วอัปโหลดใหม่")
    return _after_upload(request, entry)


def _after_upload(request: AuthenticatedRequest, entry: Entry) -> HttpResponse:
    """Back to the entry page; the progress script (upload-progress.js) is told where instead,
    because a redirect followed inside its request would use up the messages and the report."""
    url = reverse("awards:entry_detail", args=[entry.pk])
    if request.headers.get("X-Upload-Progress") == "1":
        return JsonResponse({"location": url})
    return redirect(url)


@require_GET
@applicant_required
def entry_portfolio_download(request: AuthenticatedRequest, pk: int) -> HttpResponseBase:
    from pramoen.awards.views import portfolio_response

    return portfolio_response(_entry(request, pk))
