"""Applicant portal: a school account (by school code) nominates the school, its director or
deputy and its teachers (permission ``pramoen.apply``)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pramoen.awards.applicant_portfolio import PortfolioForm
from pramoen.awards.editing import edit_window
from pramoen.awards.entry_forms import EntryAnswersForm
from pramoen.awards.enums import EntryStatus
from pramoen.awards.evidence import evidence_files_of
from pramoen.awards.models import CampaignCategory, Entry, EvidenceFile
from pramoen.awards.picker import Picker, category_picker, group_label_th, picker_rows
from pramoen.awards.receipts import receipt_th
from pramoen.awards.rules_display import format_rules
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
    entry_save,
    entry_start,
    entry_submit,
    evidence_add,
    evidence_remove,
    evidence_slots,
    pinned_instrument,
    portfolio_pages,
    registry_answers,
    submission_blockers,
)
from pramoen.core.decorators import permission_required
from pramoen.core.paging import page_of
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
        locked=registry_answers(entry),
        portfolio_pages=portfolio_pages(entry),
    )


def start_form_for(request: AuthenticatedRequest, data: Any = None) -> tuple[StartForm, Picker]:
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
    form, picker = start_form_for(request)
    entries = entries_for_applicant(user=request.user)
    active, _query = page_of(request, entries.exclude(status=EntryStatus.WITHDRAWN))
    withdrawn, _query = page_of(
        request, entries.filter(status=EntryStatus.WITHDRAWN), param="withdrawn_page"
    )
    return render(
        request,
        "awards/entry_list.html",
        {
            "entries": active,
            "withdrawn": withdrawn,
            "query": request.GET.copy().urlencode(),
            "start_form": form,
            "picker": picker,
            "picker_rows": picker_rows(picker),
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
    form, _picker = start_form_for(request, request.POST)
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
    if request.method == "POST":
        # Drafts always save (issue 20): the fields that clean are stored, a refused one keeps
        # its stored answer and is shown again as typed, with its message at the field.
        form.is_valid()
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
            stamp = format_thai_time(timezone.localtime(now))
            if request.htmx:
                if form.has_problems:
                    return HttpResponse(
                        f"บันทึกร่างแล้ว เวลา {stamp} ยกเว้นช่องที่กรอกไม่ถูกต้อง กดบันทึกร่างเพื่อดูข้อความที่ช่องนั้น"
                    )
                return HttpResponse(f"บันทึกร่างอัตโนมัติแล้ว เวลา {stamp}")
            if form.has_problems:
                messages.warning(
                    request, "บันทึกร่างแล้ว ยกเว้นช่องที่มีข้อความสีแดง (ค่าที่พิมพ์ยังแสดงอยู่ แก้แล้วบันทึกอีกครั้ง)"
                )
                entry.refresh_from_db()
            elif action == "review" and entry.status == EntryStatus.DRAFT:
                # The review step lists whatever still blocks submission.
                return redirect("awards:entry_confirm", pk=entry.pk)
            else:
                if problems:
                    count = to_thai_digits(str(len(problems)))
                    messages.warning(
                        request,
                        f"บันทึกแล้ว ยังมี {count} รายการที่ต้องแก้ไขก่อนส่ง กด “ตรวจสอบก่อนส่ง” เพื่อดูรายการ",
                    )
                else:
                    messages.success(request, "บันทึกแล้ว")
                return redirect("awards:entry_detail", pk=entry.pk)
    schedule = entry.campaign.schedule()
    left = schedule.time_left(now)
    _change_form, picker = start_form_for(request)
    read_only_now = edit_window(entry, now).editable_paths == set()
    return render(
        request,
        "awards/entry_detail.html",
        {
            "entry": entry,
            "form": form,
            "read_only": read_only_now,
            "may_withdraw": entry_may_withdraw(entry, now),
            "phase": schedule.phase(now),
            "countdown": countdown_th(left) if left is not None else "",
            "events": entry.events.select_related("actor"),
            **_portfolio_state(entry),
            "portfolio_form": PortfolioForm(),  # awards.applicant_portfolio
            "portfolio_open": edit_window(entry, now).allows(PORTFOLIO_PATH),
            "evidence_slots": _evidence_rows(entry, now),
            "format_rules": format_rules(entry.campaign),
            "other_groups": [
                r
                for r in picker_rows(picker)
                if r["campaign"].pk == entry.campaign_id
                and entry.status == EntryStatus.DRAFT
                and not read_only_now
            ],
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
            entry = entry_submit(entry=entry, actor=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("awards:entry_confirm", pk=entry.pk)
        messages.success(
            request,
            f"ส่งผลงานเรียบร้อยแล้ว เลขที่รับผลงาน {receipt_th(entry.receipt_number)} แก้ไขได้จนถึงกำหนดส่ง",
        )
        return redirect("awards:entry_receipt", pk=entry.pk)
    form = _answers_form(entry)
    return render(
        request,
        "awards/entry_confirm.html",
        {
            "entry": entry,
            "blockers": submission_blockers(entry) if entry.status == EntryStatus.DRAFT else [],
            "rows": form.summary(),
            "evidence_slots": [r for r in _evidence_rows(entry, timezone.now()) if r["files"]],
        },
    )
