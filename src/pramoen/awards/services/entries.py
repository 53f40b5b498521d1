"""An entry's life: started (per-person-per-domain limit), saved (autosave, correction window),
submitted, withdrawn, opened by staff for correction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pramoen.accounts.enums import Role
from pramoen.accounts.models import Membership
from pramoen.awards.editing import edit_window
from pramoen.awards.enums import (
    AwardCategory,
    EntryEventKind,
    EntryStatus,
)
from pramoen.awards.models import (
    Campaign,
    CampaignCategory,
    Entry,
    EntryEvent,
)
from pramoen.awards.notifications import (
    notify_correction_requested,
    notify_submitted,
)
from pramoen.awards.pages import page_reference_errors
from pramoen.awards.prefill import answers_with, profile_values, registry_values
from pramoen.awards.receipts import receipt_format, receipt_next_seq
from pramoen.core.instrument_store import instrument_pinned
from pramoen.core.services import audit_record
from pramoen.core.types import User
from pramoen.instruments import Instrument, answers_template, validate_answers
from pramoen.orgs.models import Organization
from pramoen.thai import format_thai_datetime, strip_prefix, to_thai_digits

ANSWER_SLOTS = ("eligibility", "scoring")
ANSWER_SECTIONS = ("fields", "evidence")


def pinned_instrument(category: CampaignCategory, slot: str) -> Instrument:
    """The instrument exactly as the category pinned it — after a library correction too (the
    archive or the snapshot stored at pinning keeps that version; ``core.instrument_store``)."""
    return instrument_pinned(
        getattr(category, f"{slot}_instrument_id"), getattr(category, f"{slot}_instrument_hash")
    )


def _empty_answers(category: CampaignCategory) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for slot in ANSWER_SLOTS:
        template = answers_template(pinned_instrument(category, slot))
        answers[slot] = {section: template.get(section, {}) for section in ANSWER_SECTIONS}
    return answers


def answer_labels(instrument: Instrument) -> dict[str, str]:
    labels = {f"fields.{f.id}": f.label_th for f in instrument.form.fields}
    labels.update({f"evidence.{e.id}": e.label_th for e in instrument.form.evidence})
    return labels


def entry_problems(
    *, category: CampaignCategory, answers: dict[str, Any], partial: bool
) -> list[str]:
    """Thai messages for the applicant's part of both instruments (the judges' part is skipped)."""
    problems: list[str] = []
    if not isinstance(answers, dict):
        return ["ข้อมูลใบสมัครไม่อยู่ในรูปแบบที่ถูกต้อง"]
    for slot in ANSWER_SLOTS:
        instrument = pinned_instrument(category, slot)
        part = answers.get(slot) or {}
        document = {section: part.get(section) or {} for section in ANSWER_SECTIONS}
        labels = answer_labels(instrument)
        for error in validate_answers(instrument, document, partial=partial):
            if error.path.startswith("indicators"):
                continue  # answered by the judges, not the applicant
            key = ".".join(error.path.split(".")[:2]).split("[")[0]
            problems.append(f"{labels.get(key, error.path)}: {error.message_th}")
    return problems


def instruments_of(category: CampaignCategory) -> dict[str, Instrument]:
    return {slot: pinned_instrument(category, slot) for slot in ANSWER_SLOTS}


def registry_answers(entry: Entry) -> dict[str, Any]:
    """field id → the value the registry decides for this entry (``awards.prefill``)."""
    return registry_values(
        category=entry.category, school=entry.school, instruments=instruments_of(entry.category)
    )


def page_problems(*, answers: dict[str, Any], portfolio_pages: int | None) -> dict[str, list[str]]:
    """``slot.slot_id`` → what is wrong with its page references (backwards, past the end)."""
    found: dict[str, list[str]] = {}
    for slot in ANSWER_SLOTS:
        evidence = ((answers.get(slot) or {}).get("evidence")) or {}
        for slot_id, refs in evidence.items():
            for ref in refs if isinstance(refs, list) else []:
                text = ref.get("pages") if isinstance(ref, dict) else None
                if not isinstance(text, str):
                    continue
                if errors := page_reference_errors(text, portfolio_pages):
                    found.setdefault(f"{slot}.{slot_id}", []).extend(errors)
    return found


def portfolio_pages(entry: Entry) -> int | None:
    """The uploaded portfolio's page count (None before a portfolio is kept)."""
    pages = (entry.portfolio_report or {}).get("pages") if entry.portfolio else None
    return pages if isinstance(pages, int) else None


def submission_blockers(entry: Entry) -> list[str]:
    """Everything that still stops ``entry_submit``, in Thai (the review step lists them)."""
    problems = entry_problems(category=entry.category, answers=entry.answers, partial=False)
    labels: dict[str, str] = {}
    for slot, instrument in instruments_of(entry.category).items():
        labels.update({f"{slot}.{e.id}": e.label_th for e in instrument.form.evidence})
    for key, errors in page_problems(
        answers=entry.answers, portfolio_pages=portfolio_pages(entry)
    ).items():
        problems += [f"หน้าในแฟ้มผลงาน {labels.get(key, key)}: {e}" for e in errors]
    return problems + portfolio_problems(entry)


def _nominee_key(category: CampaignCategory, school: Organization, nominee_name: str) -> str:
    if category.category == AwardCategory.SCHOOL:
        return f"school:{school.pk}"
    name = " ".join(strip_prefix(nominee_name.strip()).split())
    if not name:
        raise ValidationError({"nominee_name": "กรุณากรอกชื่อผู้ส่งผลงาน"})
    return f"person:{school.pk}:{name}"


def entry_event(entry: Entry, kind: str, actor: User, at: datetime, note: str = "") -> None:
    EntryEvent.objects.create(
        entry=entry,
        kind=kind,
        at=at,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        note=note,
    )


WITHDRAWN_MESSAGE = "ผลงานนี้ถอนแล้ว จึงแก้ไขไม่ได้"
DELETED_MESSAGE = "ใบสมัครนี้ลบแล้ว"


def closed_error(campaign: Campaign) -> ValidationError:
    deadline = format_thai_datetime(campaign.deadline, "long", time_sep=".")
    return ValidationError(f"ปิดรับผลงานแล้ว (กำหนดส่ง {deadline}) จึงแก้ไขหรือส่งผลงานไม่ได้")


def _changed_paths(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    changed = []
    for slot in ANSWER_SLOTS:
        for section in ANSWER_SECTIONS:
            old = ((before.get(slot) or {}).get(section)) or {}
            new = ((after.get(slot) or {}).get(section)) or {}
            for key in sorted(set(old) | set(new)):
                if old.get(key) != new.get(key):
                    changed.append(f"{slot}.{section}.{key}")
    return changed


def _is_school_account(actor: User, school: Organization) -> bool:
    return Membership.objects.filter(
        user=actor, organization=school, role=Role.APPLICANT_SCHOOL, is_active=True
    ).exists()


@transaction.atomic
def entry_start(
    *,
    category: CampaignCategory,
    school: Organization,
    actor: User,
    nominee_name: str = "",
    now: datetime | None = None,
) -> Entry:
    """A draft entry; enforces the deadline and the campaign's entries-per-person-per-domain."""
    now = now or timezone.now()
    # Locks the campaign row: two tabs starting the same nominee cannot both pass the limit.
    campaign = Campaign.objects.select_for_update().get(pk=category.campaign_id)
    if campaign.draft:
        # A draft edition is not open to anyone, whatever its dates say (issue 19).
        raise ValidationError("การประกวดนี้ยังไม่เปิดรับผลงาน")
    if not campaign.schedule().accepts_submissions(now):
        raise closed_error(campaign)
    if school.kind != "school" or school.parent_id != campaign.esa_id:
        raise ValidationError(f"สถานศึกษานี้ไม่ได้สังกัด{campaign.esa.name_th}")
    personal = not _is_school_account(actor, school)
    if personal:
        # A person applying for themselves: only where the campaign allows it, only in a
        # personal category, and always under their own name.
        if not campaign.self_application_allowed:
            raise ValidationError("การประกวดนี้ให้สถานศึกษาเป็นผู้เสนอชื่อเท่านั้น กรุณาติดต่อบัญชีของสถานศึกษา")
        if category.category == AwardCategory.SCHOOL:
            raise ValidationError("ประเภทสถานศึกษาต้องสมัครโดยบัญชีของสถานศึกษา")
        nominee_name = actor.display_name
    key = _nominee_key(category, school, nominee_name)
    taken = (
        Entry.objects.filter(
            campaign=campaign,
            category__domain=category.domain,
            nominee_key=key,
            deleted_at__isnull=True,
        )
        .exclude(status=EntryStatus.WITHDRAWN)
        .count()
    )
    if taken >= campaign.entries_per_person_per_domain:
        who = nominee_name.strip() or school.name_th
        raise ValidationError(
            f"{who} มีผลงาน{category.get_domain_display()}ในการประกวดนี้แล้ว "
            f"(ส่งได้ไม่เกิน {to_thai_digits(str(campaign.entries_per_person_per_domain))} ผลงานต่อด้าน)"
        )
    instruments = instruments_of(category)
    # What the registry and the profile already know is filled in (issue 20).
    answers = answers_with(
        _empty_answers(category),
        {
            **profile_values(
                category=category,
                nominee_name=nominee_name,
                actor=actor,
                personal=personal,
                instruments=instruments,
            ),
            **registry_values(category=category, school=school, instruments=instruments),
        },
        only_blank=False,
    )
    entry = Entry.objects.create(
        campaign=campaign,
        category=category,
        school=school,
        nominee_name=nominee_name.strip(),
        nominee_key=key,
        created_by=actor,
        answers=answers,
    )
    entry_event(entry, EntryEventKind.CREATED, actor, now)
    audit_record(actor=actor, action="awards.entry_start", target=entry, after={"key": key})
    return entry


@transaction.atomic
def entry_save(
    *, entry: Entry, actor: User, answers: dict[str, Any], now: datetime | None = None
) -> list[str]:
    """Save the applicant's answers; returns the problems still to fix (drafts keep everything).

    * draft, before the deadline: stored as typed (autosave), problems returned;
    * submitted, before the deadline: must stay complete — refused (nothing stored) otherwise;
    * submitted, in the correction window: only the paths staff opened may change;
    * anything else: refused in Thai.
    """
    now = now or timezone.now()
    entry = (
        Entry.objects.select_for_update(of=("self",))
        .select_related("campaign", "category")
        .get(pk=entry.pk)
    )
    window = edit_window(entry, now)
    if window.withdrawn:
        raise ValidationError(WITHDRAWN_MESSAGE)
    if entry.deleted_at is not None:
        raise ValidationError(DELETED_MESSAGE)
    if window.before_deadline:
        # Registry facts are not the applicant's to change: whatever was posted, they stay.
        # (In the correction window only the opened paths may change at all, checked below.)
        answers = answers_with(answers, registry_answers(entry), only_blank=False)
        kind = EntryEventKind.RESUBMITTED if entry.status == EntryStatus.SUBMITTED else None
    elif window.correcting:
        outside = [p for p in _changed_paths(entry.answers, answers) if not window.allows(p)]
        if outside:
            raise ValidationError(
                "ช่วงแก้ไขเอกสารแก้ได้เฉพาะรายการที่เจ้าหน้าที่เปิดให้แก้ไข: ไม่อนุญาตให้แก้ " + ", ".join(outside)
            )
        kind = EntryEventKind.CORRECTED
    else:
        raise closed_error(entry.campaign)
    if entry.status == EntryStatus.DRAFT:
        problems = entry_problems(category=entry.category, answers=answers, partial=True)
    else:
        problems = entry_problems(category=entry.category, answers=answers, partial=False)
        if problems:
            raise ValidationError(["ผลงานที่ส่งแล้วต้องมีข้อมูลครบถ้วน", *problems])
    changed = _changed_paths(entry.answers, answers)
    entry.answers = answers
    entry.save(update_fields=["answers", "updated_at"])
    if kind is not None and changed:
        entry_event(entry, kind, actor, now, ", ".join(changed))
        # A submitted entry is what the committee scores: every change to it is in the audit log.
        # (A draft's autosaves are the applicant's work in progress, not a decision.)
        audit_record(
            actor=actor,
            action="awards.entry_change",
            target=entry,
            after={"kind": str(kind), "paths": changed},
        )
    return problems


@transaction.atomic
def entry_submit(*, entry: Entry, actor: User, now: datetime | None = None) -> Entry:
    now = now or timezone.now()
    entry = (
        Entry.objects.select_for_update(of=("self",))
        .select_related("campaign", "category")
        .get(pk=entry.pk)
    )
    if entry.status != EntryStatus.DRAFT:
        raise ValidationError(f"ผลงานนี้อยู่ในสถานะ{entry.get_status_display()} จึงส่งซ้ำไม่ได้")
    if entry.deleted_at is not None:
        raise ValidationError(DELETED_MESSAGE)
    if not entry.campaign.schedule().accepts_submissions(now):
        raise closed_error(entry.campaign)
    problems = submission_blockers(entry)
    if problems:
        raise ValidationError(["ยังส่งผลงานไม่ได้ กรุณากรอกข้อมูลให้ครบ", *problems])
    entry.status = EntryStatus.SUBMITTED
    entry.submitted_at = now
    fields = ["status", "submitted_at", "updated_at"]
    if entry.receipt_seq is None:
        # The campaign row's lock keeps two submissions from taking the same number.
        campaign = Campaign.objects.select_for_update().get(pk=entry.campaign_id)
        entry.receipt_seq = receipt_next_seq(campaign)
        entry.receipt_number = receipt_format(campaign=campaign, seq=entry.receipt_seq)
        fields += ["receipt_seq", "receipt_number"]
    entry.save(update_fields=fields)
    entry_event(entry, EntryEventKind.SUBMITTED, actor, now)
    notify_submitted(entry)
    audit_record(
        actor=actor,
        action="awards.entry_submit",
        target=entry,
        before={"status": EntryStatus.DRAFT},
        after={"status": EntryStatus.SUBMITTED, "receipt": entry.receipt_number},
    )
    return entry


def entry_may_withdraw(entry: Entry, now: datetime) -> bool:
    """A draft any time; a submitted entry until the deadline (then it is screened and judged,
    and pulling it out would leave results and certificates that contradict it)."""
    if entry.status == EntryStatus.WITHDRAWN:
        return False
    return entry.status != EntryStatus.SUBMITTED or entry.campaign.schedule().accepts_submissions(
        now
    )


@transaction.atomic
def entry_withdraw(
    *, entry: Entry, actor: User, reason: str = "", now: datetime | None = None
) -> Entry:
    now = now or timezone.now()
    entry = Entry.objects.select_for_update().select_related("campaign").get(pk=entry.pk)
    if entry.status == EntryStatus.WITHDRAWN:
        raise ValidationError("ผลงานนี้ถอนแล้ว")
    if not entry_may_withdraw(entry, now):
        raise ValidationError("พ้นกำหนดส่งผลงานแล้ว จึงถอนผลงานที่ส่งแล้วไม่ได้ กรุณาติดต่อเจ้าหน้าที่เขตพื้นที่การศึกษา")
    before = entry.status
    entry.status = EntryStatus.WITHDRAWN
    entry.save(update_fields=["status", "updated_at"])
    entry_event(entry, EntryEventKind.WITHDRAWN, actor, now, reason)
    audit_record(
        actor=actor,
        action="awards.entry_withdraw",
        target=entry,
        before={"status": before},
        after={"status": EntryStatus.WITHDRAWN},
        reason=reason,
    )
    return entry


@transaction.atomic
def entry_request_correction(
    *, entry: Entry, actor: User, paths: list[str], note: str, now: datetime | None = None
) -> Entry:
    """ESA staff open some answers of a submitted entry for the campaign's correction window."""
    now = now or timezone.now()
    entry = (
        Entry.objects.select_for_update(of=("self",))
        .select_related("campaign", "category")
        .get(pk=entry.pk)
    )
    if entry.status != EntryStatus.SUBMITTED:
        raise ValidationError("ขอให้แก้ไขได้เฉพาะผลงานที่ส่งแล้ว")
    if entry.campaign.correction_window is None:
        raise ValidationError("การประกวดนี้ไม่ได้กำหนดช่วงแก้ไขเอกสาร")
    known = {
        f"{slot}.{key}"
        for slot in ANSWER_SLOTS
        for key in answer_labels(pinned_instrument(entry.category, slot))
    }
    unknown = [p for p in paths if p not in known]
    if unknown or not paths:
        raise ValidationError(
            "กรุณาเลือกรายการที่ให้แก้ไข" if not paths else "ไม่มีรายการ " + ", ".join(unknown)
        )
    if not note.strip():
        raise ValidationError("กรุณาระบุสิ่งที่ต้องแก้ไข")
    before = list(entry.correction_paths)
    entry.correction_paths = sorted(set(before) | set(paths))
    entry.save(update_fields=["correction_paths", "updated_at"])
    entry_event(entry, EntryEventKind.CORRECTION_REQUESTED, actor, now, note)
    notify_correction_requested(entry, note)
    audit_record(
        actor=actor,
        action="awards.entry_request_correction",
        target=entry,
        before={"correction_paths": before},
        after={"correction_paths": entry.correction_paths},
        reason=note,
    )
    return entry


PORTFOLIO_PATH = "portfolio"


def portfolio_problems(entry: Entry) -> list[str]:
    report = entry.portfolio_report or {}
    if not entry.portfolio:
        return ["ยังไม่ได้อัปโหลดแฟ้มผลงาน (PDF)"]
    if report.get("ok") is False:
        return ["แฟ้มผลงานไม่ผ่านการตรวจรูปแบบ กรุณาแก้ไขแล้วอัปโหลดใหม่"]
    return []
