"""Writes for award campaigns: keyword-only, atomic, validated in Thai, audited before → after."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import PurePosixPath
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from pramoen.accounts.enums import Role
from pramoen.accounts.models import Membership
from pramoen.awards import screening
from pramoen.awards.enums import (
    AwardCategory,
    CheckDecision,
    CheckOutcome,
    Eligibility,
    EntryEventKind,
    EntryStatus,
)
from pramoen.awards.models import (
    Campaign,
    CampaignCategory,
    EligibilityCheck,
    Entry,
    EntryEvent,
    EvidenceFile,
)
from pramoen.awards.notifications import (
    notify_correction_requested,
    notify_screened,
    notify_submitted,
)
from pramoen.awards.pins import UnknownInstrumentError, WrongInstrumentKindError, resolve_pin
from pramoen.awards.selectors import (
    person_facts,
    person_for_entry,
    school_facts,
    screening_parameters,
    size_facts,
)
from pramoen.core.services import audit_record, model_snapshot
from pramoen.documents.pdfcheck import run_check_subprocess
from pramoen.documents.pdfcheck.findings import make_result, too_large_finding
from pramoen.documents.uploads import FileRejected, check_upload
from pramoen.instruments import Instrument, answers_template, get_instrument, validate_answers
from pramoen.instruments.schema import EvidenceSlot
from pramoen.orgs.models import Organization
from pramoen.thai import format_thai_datetime, strip_prefix, to_thai_digits

__all__ = [
    "ANSWER_SLOTS",
    "CategorySpec",
    "CloneResult",
    "PinChange",
    "campaign_category_add",
    "campaign_clone",
    "campaign_create",
    "campaign_update",
    "entry_attach_portfolio",
    "entry_problems",
    "entry_request_correction",
    "entry_save",
    "entry_start",
    "entry_submit",
    "entry_withdraw",
    "evidence_add",
    "evidence_remove",
    "evidence_slots",
    "pinned_instrument",
]

# Fields a clone copies as they are; dates are shifted, the letter number restarts.
_DATED_FIELDS = (
    "opens_on",
    "correction_starts_on",
    "correction_ends_on",
    "judging_starts_on",
    "judging_ends_on",
    "announce_on",
    "letter_date",
)
_COPIED_FIELDS = (
    "name",
    "min_years_in_post",
    "gold_lookback_years",
    "obec_award_lookback_years",
    "discipline_lookback_years",
    "max_pages",
    "paper_size",
    "allowed_fonts",
    "body_font_size_pt",
    "body_font_size_tolerance_pt",
    "forbid_qr_codes",
    "entries_per_person_per_domain",
    "self_application_allowed",
    "judges_per_entry",
    "evidence_file_types",
    "evidence_slot_file_types",
    "evidence_max_file_mb",
    "evidence_max_files",
    "esa_address",
    "recipient",
    "signatory_name",
    "signatory_position",
    "contact_unit",
    "contact_phone",
    "contact_fax",
)
EDITABLE_FIELDS = frozenset(
    {"edition", "year_be", "deadline", "letter_number", *_DATED_FIELDS, *_COPIED_FIELDS}
)


@dataclass(frozen=True, slots=True)
class CategorySpec:
    category: str
    domain: str
    eligibility_instrument_id: str
    scoring_instrument_id: str
    size_class: str = ""
    teacher_level: str = ""
    learning_area: str = ""


@dataclass(frozen=True, slots=True)
class PinChange:
    category_label: str
    slot: str  # "eligibility" | "scoring"
    instrument_id: str
    old_hash: str
    new_hash: str

    @property
    def message_th(self) -> str:
        slot = "แบบคุณสมบัติเบื้องต้น" if self.slot == "eligibility" else "เกณฑ์การให้คะแนน"
        return (
            f"{self.category_label}: {slot} {self.instrument_id} "
            f"เปลี่ยนรุ่นจาก {self.old_hash[:12]} เป็น {self.new_hash[:12]}"
        )


@dataclass(frozen=True, slots=True)
class CloneResult:
    campaign: Campaign
    pin_changes: list[PinChange]


def _snapshot(campaign: Campaign) -> dict[str, Any]:
    return model_snapshot(campaign)


def _check_esa(esa: Organization) -> None:
    if esa.kind != "esa":
        raise ValidationError({"esa": "ผู้จัดการประกวดต้องเป็นสำนักงานเขตพื้นที่การศึกษา"})


def _pins(spec: CategorySpec) -> tuple[str, str]:
    errors: dict[str, list[str]] = {}
    hashes = []
    for field, kind in (
        ("eligibility_instrument_id", "eligibility"),
        ("scoring_instrument_id", "scoring"),
    ):
        try:
            hashes.append(resolve_pin(getattr(spec, field), kind=kind).version_hash)
        except (UnknownInstrumentError, WrongInstrumentKindError) as exc:
            errors[field] = [str(exc)]
    if errors:
        raise ValidationError(errors)
    return hashes[0], hashes[1]


@transaction.atomic
def campaign_category_add(
    *, campaign: Campaign, spec: CategorySpec, actor: Any, audit: bool = True
) -> CampaignCategory:
    """Bind a competition group to two instruments, pinned to their current version hashes."""
    eligibility_hash, scoring_hash = _pins(spec)
    category = CampaignCategory(
        campaign=campaign,
        category=spec.category,
        domain=spec.domain,
        size_class=spec.size_class,
        teacher_level=spec.teacher_level,
        learning_area=spec.learning_area,
        eligibility_instrument_id=spec.eligibility_instrument_id,
        eligibility_instrument_hash=eligibility_hash,
        scoring_instrument_id=spec.scoring_instrument_id,
        scoring_instrument_hash=scoring_hash,
        position=campaign.categories.count(),
    )
    category.full_clean(exclude=["campaign"], validate_constraints=False)
    if CampaignCategory.objects.filter(
        campaign=campaign,
        category=spec.category,
        domain=spec.domain,
        size_class=spec.size_class,
        teacher_level=spec.teacher_level,
        learning_area=spec.learning_area,
    ).exists():
        raise ValidationError(f"{category.label_th} มีอยู่ในการประกวดนี้แล้ว")
    category.save()
    if audit:
        audit_record(
            actor=actor,
            action="awards.category_add",
            target=category,
            after=model_snapshot(category),
        )
    return category


@transaction.atomic
def campaign_create(
    *,
    esa: Organization,
    actor: Any,
    categories: list[CategorySpec] | tuple[CategorySpec, ...] = (),
    **fields: Any,
) -> Campaign:
    """Create a campaign; raises ``ValidationError`` with Thai messages and saves nothing."""
    _check_esa(esa)
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"unknown campaign fields: {sorted(unknown)}")
    campaign = Campaign(esa=esa, **fields)
    campaign.full_clean()
    campaign.save()
    for spec in categories:
        campaign_category_add(campaign=campaign, spec=spec, actor=actor, audit=False)
    audit_record(
        actor=actor,
        action="awards.campaign_create",
        target=campaign,
        after={
            **_snapshot(campaign),
            "categories": [model_snapshot(c) for c in campaign.categories.all()],
        },
    )
    return campaign


@transaction.atomic
def campaign_update(*, campaign: Campaign, actor: Any, changes: dict[str, Any]) -> Campaign:
    """Apply ``changes``; on a Thai ``ValidationError`` the stored campaign is left as it was."""
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"unknown campaign fields: {sorted(unknown)}")
    # Work on a fresh copy so a failed validation leaves the caller's object untouched.
    fresh = Campaign.objects.select_for_update().get(pk=campaign.pk)
    before = _snapshot(fresh)
    for name, value in changes.items():
        setattr(fresh, name, value)
    fresh.full_clean()
    after = _snapshot(fresh)
    changed = sorted(k for k in after if after[k] != before[k])
    if not changed:
        return fresh
    fresh.save()
    audit_record(
        actor=actor,
        action="awards.campaign_update",
        target=fresh,
        before={k: before[k] for k in changed},
        after={k: after[k] for k in changed},
    )
    return fresh


def _shift_date(value: date | None, years: int) -> date | None:
    if value is None:
        return None
    try:
        return value.replace(year=value.year + years)
    except ValueError:  # 29 February into a common year
        return value.replace(year=value.year + years, day=28)


def _shift_datetime(value: datetime, years: int) -> datetime:
    # Shift the Bangkok wall-clock time, so "19 มิ.ย. 16:30 น." stays 16:30 น. next year.
    local = timezone.localtime(value, timezone.get_default_timezone())
    shifted = _shift_date(local.date(), years)
    assert shifted is not None
    return local.replace(year=shifted.year, month=shifted.month, day=shifted.day)


def _letter_number_prefix(number: str) -> str:
    # "ศธ ๐๔๐๗๙/๑๐๖๙" → "ศธ ๐๔๐๗๙/": the running number is issued by the registry office
    # (สารบรรณ) when next year's letter is sent, so it cannot be copied.
    head, sep, _tail = number.partition("/")
    return f"{head}{sep}" if sep else number


@transaction.atomic
def campaign_clone(*, source: Campaign, year_be: int, actor: Any) -> CloneResult:
    """Next edition from ``source``: parameters and categories copied, dates moved by the year
    difference, every instrument re-pinned to its current version hash (changes reported)."""
    years = year_be - source.year_be
    if years <= 0:
        raise ValidationError({"year_be": "ปีของการประกวดใหม่ต้องอยู่หลังปีของการประกวดต้นแบบ"})
    fields: dict[str, Any] = {name: getattr(source, name) for name in _COPIED_FIELDS}
    fields["allowed_fonts"] = list(source.allowed_fonts)
    fields.update({name: _shift_date(getattr(source, name), years) for name in _DATED_FIELDS})
    campaign = Campaign(
        esa=source.esa,
        edition=source.edition + years,
        year_be=year_be,
        deadline=_shift_datetime(source.deadline, years),
        letter_number=_letter_number_prefix(source.letter_number),
        cloned_from=source,
        **fields,
    )
    campaign.full_clean()
    campaign.save()

    changes: list[PinChange] = []
    missing: list[str] = []
    for old in source.categories.all():
        spec = CategorySpec(
            category=old.category,
            domain=old.domain,
            size_class=old.size_class,
            teacher_level=old.teacher_level,
            learning_area=old.learning_area,
            eligibility_instrument_id=old.eligibility_instrument_id,
            scoring_instrument_id=old.scoring_instrument_id,
        )
        try:
            new = campaign_category_add(campaign=campaign, spec=spec, actor=actor, audit=False)
        except ValidationError as exc:
            missing.append(f"{old.label_th}: {' '.join(exc.messages)}")
            continue
        for slot in ("eligibility", "scoring"):
            old_hash = getattr(old, f"{slot}_instrument_hash")
            new_hash = getattr(new, f"{slot}_instrument_hash")
            if old_hash != new_hash:
                changes.append(
                    PinChange(
                        category_label=new.label_th,
                        slot=slot,
                        instrument_id=getattr(new, f"{slot}_instrument_id"),
                        old_hash=old_hash,
                        new_hash=new_hash,
                    )
                )
    if missing:
        # Nothing is half-cloned: the transaction rolls back and every problem is named.
        raise ValidationError(["คัดลอกการประกวดไม่ได้ เพราะแบบประเมินบางรายการไม่มีในระบบแล้ว", *missing])
    audit_record(
        actor=actor,
        action="awards.campaign_clone",
        target=campaign,
        before={"source_id": source.pk, "source": str(source)},
        after={
            **_snapshot(campaign),
            "pin_changes": [
                {
                    "category": c.category_label,
                    "slot": c.slot,
                    "instrument_id": c.instrument_id,
                    "old_hash": c.old_hash,
                    "new_hash": c.new_hash,
                }
                for c in changes
            ],
        },
    )
    return CloneResult(campaign=campaign, pin_changes=changes)


# ------------------------------------------------------------------------------------ entries

ANSWER_SLOTS = ("eligibility", "scoring")
_SECTIONS = ("fields", "evidence")


def pinned_instrument(category: CampaignCategory, slot: str) -> Instrument:
    """The instrument a category pinned; refuses to use a library file that has changed since."""
    instrument_id = getattr(category, f"{slot}_instrument_id")
    pinned = getattr(category, f"{slot}_instrument_hash")
    try:
        current = resolve_pin(instrument_id, kind=slot)
    except (UnknownInstrumentError, WrongInstrumentKindError) as exc:
        raise ValidationError(str(exc)) from exc
    if current.version_hash != pinned:
        # The pinned version is no longer in the library; scoring it with another version would
        # not be reproducible, so nothing proceeds until staff re-pin (by cloning or in admin).
        raise ValidationError(
            f"แบบประเมิน {instrument_id} ในระบบเปลี่ยนรุ่นจากที่การประกวดกำหนดไว้ "
            "กรุณาติดต่อเจ้าหน้าที่เขตพื้นที่การศึกษา"
        )
    return get_instrument(instrument_id)


def _empty_answers(category: CampaignCategory) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for slot in ANSWER_SLOTS:
        template = answers_template(pinned_instrument(category, slot))
        answers[slot] = {section: template.get(section, {}) for section in _SECTIONS}
    return answers


def _labels(instrument: Instrument) -> dict[str, str]:
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
        document = {section: part.get(section) or {} for section in _SECTIONS}
        labels = _labels(instrument)
        for error in validate_answers(instrument, document, partial=partial):
            if error.path.startswith("indicators"):
                continue  # answered by the judges, not the applicant
            key = ".".join(error.path.split(".")[:2]).split("[")[0]
            problems.append(f"{labels.get(key, error.path)}: {error.message_th}")
    return problems


def _nominee_key(category: CampaignCategory, school: Organization, nominee_name: str) -> str:
    if category.category == AwardCategory.SCHOOL:
        return f"school:{school.pk}"
    name = " ".join(strip_prefix(nominee_name.strip()).split())
    if not name:
        raise ValidationError({"nominee_name": "กรุณากรอกชื่อผู้ส่งผลงาน"})
    return f"person:{school.pk}:{name}"


def _event(entry: Entry, kind: str, actor: Any, at: datetime, note: str = "") -> None:
    EntryEvent.objects.create(
        entry=entry,
        kind=kind,
        at=at,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        note=note,
    )


def _closed(campaign: Campaign) -> ValidationError:
    deadline = format_thai_datetime(campaign.deadline, "long", time_sep=".")
    return ValidationError(f"ปิดรับผลงานแล้ว (กำหนดส่ง {deadline}) จึงแก้ไขหรือส่งผลงานไม่ได้")


def _changed_paths(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    changed = []
    for slot in ANSWER_SLOTS:
        for section in _SECTIONS:
            old = ((before.get(slot) or {}).get(section)) or {}
            new = ((after.get(slot) or {}).get(section)) or {}
            for key in sorted(set(old) | set(new)):
                if old.get(key) != new.get(key):
                    changed.append(f"{slot}.{section}.{key}")
    return changed


def _is_school_account(actor: Any, school: Organization) -> bool:
    return Membership.objects.filter(
        user=actor, organization=school, role=Role.APPLICANT_SCHOOL, is_active=True
    ).exists()


@transaction.atomic
def entry_start(
    *,
    category: CampaignCategory,
    school: Organization,
    actor: Any,
    nominee_name: str = "",
    now: datetime | None = None,
) -> Entry:
    """A draft entry; enforces the deadline and the campaign's entries-per-person-per-domain."""
    now = now or timezone.now()
    # Locks the campaign row: two tabs starting the same nominee cannot both pass the limit.
    campaign = Campaign.objects.select_for_update().get(pk=category.campaign_id)
    if not campaign.schedule().accepts_submissions(now):
        raise _closed(campaign)
    if school.kind != "school" or school.parent_id != campaign.esa_id:
        raise ValidationError(f"สถานศึกษานี้ไม่ได้สังกัด{campaign.esa.name_th}")
    if not _is_school_account(actor, school):
        # A person applying for themselves: only where the campaign allows it, only in a
        # personal category, and always under their own name.
        if not campaign.self_application_allowed:
            raise ValidationError("การประกวดนี้ให้สถานศึกษาเป็นผู้เสนอชื่อเท่านั้น กรุณาติดต่อบัญชีของสถานศึกษา")
        if category.category == AwardCategory.SCHOOL:
            raise ValidationError("ประเภทสถานศึกษาต้องสมัครโดยบัญชีของสถานศึกษา")
        nominee_name = actor.display_name
    key = _nominee_key(category, school, nominee_name)
    taken = (
        Entry.objects.filter(campaign=campaign, category__domain=category.domain, nominee_key=key)
        .exclude(status=EntryStatus.WITHDRAWN)
        .count()
    )
    if taken >= campaign.entries_per_person_per_domain:
        who = nominee_name.strip() or school.name_th
        raise ValidationError(
            f"{who} มีผลงาน{category.get_domain_display()}ในการประกวดนี้แล้ว "
            f"(ส่งได้ไม่เกิน {to_thai_digits(str(campaign.entries_per_person_per_domain))} ผลงานต่อด้าน)"
        )
    entry = Entry.objects.create(
        campaign=campaign,
        category=category,
        school=school,
        nominee_name=nominee_name.strip(),
        nominee_key=key,
        created_by=actor,
        answers=_empty_answers(category),
    )
    _event(entry, EntryEventKind.CREATED, actor, now)
    audit_record(actor=actor, action="awards.entry_start", target=entry, after={"key": key})
    return entry


@transaction.atomic
def entry_save(
    *, entry: Entry, actor: Any, answers: dict[str, Any], now: datetime | None = None
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
    schedule = entry.campaign.schedule()
    if entry.status == EntryStatus.WITHDRAWN:
        raise ValidationError("ผลงานนี้ถอนแล้ว จึงแก้ไขไม่ได้")
    if schedule.accepts_submissions(now):
        kind = EntryEventKind.RESUBMITTED if entry.status == EntryStatus.SUBMITTED else None
    elif entry.status == EntryStatus.SUBMITTED and schedule.in_correction_window(now):
        outside = [
            p for p in _changed_paths(entry.answers, answers) if p not in entry.correction_paths
        ]
        if outside:
            raise ValidationError(
                "ช่วงแก้ไขเอกสารแก้ได้เฉพาะรายการที่เจ้าหน้าที่เปิดให้แก้ไข: ไม่อนุญาตให้แก้ " + ", ".join(outside)
            )
        kind = EntryEventKind.CORRECTED
    else:
        raise _closed(entry.campaign)
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
        _event(entry, kind, actor, now, ", ".join(changed))
    return problems


@transaction.atomic
def entry_submit(*, entry: Entry, actor: Any, now: datetime | None = None) -> Entry:
    now = now or timezone.now()
    entry = (
        Entry.objects.select_for_update(of=("self",))
        .select_related("campaign", "category")
        .get(pk=entry.pk)
    )
    if entry.status != EntryStatus.DRAFT:
        raise ValidationError(f"ผลงานนี้อยู่ในสถานะ{entry.get_status_display()} จึงส่งซ้ำไม่ได้")
    if not entry.campaign.schedule().accepts_submissions(now):
        raise _closed(entry.campaign)
    problems = entry_problems(category=entry.category, answers=entry.answers, partial=False)
    problems += _portfolio_problems(entry)
    if problems:
        raise ValidationError(["ยังส่งผลงานไม่ได้ กรุณากรอกข้อมูลให้ครบ", *problems])
    entry.status = EntryStatus.SUBMITTED
    entry.submitted_at = now
    entry.save(update_fields=["status", "submitted_at", "updated_at"])
    _event(entry, EntryEventKind.SUBMITTED, actor, now)
    notify_submitted(entry)
    audit_record(
        actor=actor,
        action="awards.entry_submit",
        target=entry,
        before={"status": EntryStatus.DRAFT},
        after={"status": EntryStatus.SUBMITTED},
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
    *, entry: Entry, actor: Any, reason: str = "", now: datetime | None = None
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
    _event(entry, EntryEventKind.WITHDRAWN, actor, now, reason)
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
    *, entry: Entry, actor: Any, paths: list[str], note: str, now: datetime | None = None
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
        for key in _labels(pinned_instrument(entry.category, slot))
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
    _event(entry, EntryEventKind.CORRECTION_REQUESTED, actor, now, note)
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


def _portfolio_problems(entry: Entry) -> list[str]:
    report = entry.portfolio_report or {}
    if not entry.portfolio:
        return ["ยังไม่ได้อัปโหลดแฟ้มผลงาน (PDF)"]
    if report.get("ok") is False:
        return ["แฟ้มผลงานไม่ผ่านการตรวจรูปแบบ กรุณาแก้ไขแล้วอัปโหลดใหม่"]
    return []


def entry_attach_portfolio(
    *, entry: Entry, actor: Any, upload: Any, now: datetime | None = None
) -> dict[str, Any]:
    """Check an uploaded portfolio PDF with the campaign's rules and keep it unless rejected.

    The check runs in a child process with time and memory caps (documents.pdfcheck), so a
    hostile file cannot take the web worker down. The report of the latest upload is stored
    either way, so the applicant sees the pages and reasons; a rejected file is not kept.
    """
    now = now or timezone.now()
    entry = Entry.objects.select_related("campaign").get(pk=entry.pk)
    schedule = entry.campaign.schedule()
    if entry.status == EntryStatus.WITHDRAWN:
        raise ValidationError("ผลงานนี้ถอนแล้ว จึงแก้ไขไม่ได้")
    correcting = (
        entry.status == EntryStatus.SUBMITTED
        and schedule.in_correction_window(now)
        and PORTFOLIO_PATH in entry.correction_paths
    )
    if not (schedule.accepts_submissions(now) or correcting):
        raise _closed(entry.campaign)
    rules = entry.campaign.portfolio_rules()
    with tempfile.NamedTemporaryFile(suffix=".pdf") as temporary:
        written = 0
        for chunk in upload.chunks():
            written += len(chunk)
            if written > rules.max_file_bytes:
                break  # the checker reports the size; no need to copy the rest
            temporary.write(chunk)
        temporary.flush()
        if written > rules.max_file_bytes:
            report = make_result([too_large_finding(upload.size, rules.max_file_mb)], None)
        else:
            report = run_check_subprocess(temporary.name, rules)
        with transaction.atomic():
            locked = Entry.objects.select_for_update().get(pk=entry.pk)
            if locked.status == EntryStatus.SUBMITTED and report.get("ok") is False:
                # A submitted entry keeps its accepted file and report; the rejection is only
                # reported back, so a failed replacement cannot un-submit an entry.
                pass
            else:
                locked.portfolio_report = report
                if report.get("ok") is not False:
                    temporary.seek(0)
                    locked.portfolio.save("portfolio.pdf", File(temporary), save=False)
            locked.portfolio_checked_at = now
            locked.save()
            verdict = {True: "ผ่าน", False: "ไม่ผ่าน", None: "ตรวจสอบไม่ได้"}[report.get("ok")]
            kind = EntryEventKind.CORRECTED if correcting else EntryEventKind.PORTFOLIO_CHECKED
            _event(
                locked, kind, actor, now, f"แฟ้มผลงาน {report.get('pages') or '-'} หน้า: {verdict}"
            )
            audit_record(
                actor=actor,
                action="awards.entry_portfolio",
                target=locked,
                after={"ok": report.get("ok"), "pages": report.get("pages")},
            )
    return report


# ------------------------------------------------------------------------ evidence files


def evidence_slots(entry: Entry) -> dict[tuple[str, str], EvidenceSlot]:
    """The entry's evidence slots by (part, slot id), from its two pinned instruments."""
    return {
        (part, slot.id): slot
        for part in ANSWER_SLOTS
        for slot in pinned_instrument(entry.category, part).form.evidence
    }


def _evidence_open(entry: Entry, path: str, now: datetime) -> bool:
    """Refuse in Thai unless the slot may change now (entry_save's rule for answers); returns
    whether the change is a correction-window one (True) or an edit before the deadline."""
    schedule = entry.campaign.schedule()
    if entry.status == EntryStatus.WITHDRAWN:
        raise ValidationError("ผลงานนี้ถอนแล้ว จึงแก้ไขไม่ได้")
    if schedule.accepts_submissions(now):
        return False
    if (
        entry.status == EntryStatus.SUBMITTED
        and schedule.in_correction_window(now)
        and path in entry.correction_paths
    ):
        return True
    raise _closed(entry.campaign)


@transaction.atomic
def evidence_add(
    *,
    entry: Entry,
    part: str,
    slot_id: str,
    upload: Any,
    actor: Any,
    now: datetime | None = None,
) -> EvidenceFile:
    """Store one evidence file in a slot, or refuse in Thai and store nothing.

    The type is read from the file's first bytes (documents.uploads.check_upload), never from the
    browser's content type; the stored name is random; the size cap and the number of files
    per slot (the slot's max_files, else the campaign's) come from the campaign.
    """
    now = now or timezone.now()
    entry = (
        Entry.objects.select_for_update(of=("self",))
        .select_related("campaign", "category")
        .get(pk=entry.pk)
    )
    slot = evidence_slots(entry).get((part, slot_id))
    if slot is None:
        raise ValidationError("ไม่มีช่องหลักฐานนี้ในแบบประเมินของผลงาน")
    path = f"{part}.evidence.{slot_id}"
    correcting = _evidence_open(entry, path, now)
    campaign = entry.campaign
    limit = slot.max_files or campaign.evidence_max_files
    count = EvidenceFile.objects.filter(entry=entry, part=part, slot_id=slot_id).count()
    if count >= limit:
        raise ValidationError(
            f"ช่อง {slot.label_th} มีไฟล์ครบ {to_thai_digits(str(limit))} ไฟล์แล้ว "
            "กรุณาลบไฟล์เดิมก่อนเพิ่มไฟล์ใหม่"
        )
    name = PurePosixPath(str(upload.name).replace("\\", "/")).name[:200] or "file"
    try:
        file_type = check_upload(
            upload,
            name=name,
            size=upload.size,
            max_bytes=campaign.evidence_max_file_mb * 1024 * 1024,
            only=campaign.evidence_types_for(part, slot_id),
        )
    except FileRejected as exc:
        raise ValidationError(exc.message, code=exc.code) from exc
    evidence = EvidenceFile(
        entry=entry,
        part=part,
        slot_id=slot_id,
        original_name=name,
        content_type=file_type.content_type,
        size=upload.size,
        uploaded_by=actor,
        uploaded_at=now,
    )
    upload.seek(0)
    evidence.file.save(name, upload, save=False)
    # The row and the stored file go together: if writing the row fails, the file goes too.
    stored = evidence.file.name
    try:
        with transaction.atomic():
            evidence.save()
            kind = EntryEventKind.CORRECTED if correcting else EntryEventKind.EVIDENCE_CHANGED
            _event(entry, kind, actor, now, f"เพิ่มไฟล์หลักฐาน {name} ({slot.label_th})")
            audit_record(
                actor=actor,
                action="awards.evidence_add",
                target=entry,
                after={
                    "evidence_file": evidence.pk,
                    "slot": path,
                    "name": name,
                    "size": evidence.size,
                    "content_type": evidence.content_type,
                },
            )
    except Exception:
        evidence.file.storage.delete(stored)
        raise
    return evidence


@transaction.atomic
def evidence_remove(*, evidence: EvidenceFile, actor: Any, now: datetime | None = None) -> None:
    """Delete one evidence file; the stored file is removed once the deletion is committed."""
    now = now or timezone.now()
    entry = (
        Entry.objects.select_for_update(of=("self",))
        .select_related("campaign", "category")
        .get(pk=evidence.entry_id)
    )
    evidence = EvidenceFile.objects.get(pk=evidence.pk, entry=entry)
    correcting = _evidence_open(entry, evidence.answer_path, now)
    before = {
        "evidence_file": evidence.pk,
        "slot": evidence.answer_path,
        "name": evidence.original_name,
        "size": evidence.size,
    }
    evidence.delete()  # the stored file goes once this commits (models._evidence_file_deleted)
    kind = EntryEventKind.CORRECTED if correcting else EntryEventKind.EVIDENCE_CHANGED
    _event(entry, kind, actor, now, f"ลบไฟล์หลักฐาน {evidence.original_name}")
    audit_record(actor=actor, action="awards.evidence_remove", target=entry, before=before)


# ------------------------------------------------------------------------------ screening


def _compute_checks(entry: Entry) -> list[screening.CheckResult]:
    params = screening_parameters(entry)
    size = size_facts(entry)
    if entry.category.category == AwardCategory.SCHOOL:
        return screening.screen_school(school_facts(entry, params), params, size)
    person, why_not = person_for_entry(entry)
    if person is not None and entry.person_id != person.pk:
        entry.person = person
        entry.save(update_fields=["person", "updated_at"])
    return screening.screen_person(person_facts(entry, person, why_not), params, size)


@transaction.atomic
def screening_run(
    *, entry: Entry, actor: Any, now: datetime | None = None
) -> list[EligibilityCheck]:
    """Compute the entry's checks from master data. Idempotent: a re-run rewrites the computed
    outcome and basis, resets a confirmation whose computed outcome changed, and never touches a
    staff override."""
    now = now or timezone.now()
    entry = (
        Entry.objects.select_for_update(of=("self",))
        .select_related("campaign", "campaign__esa", "category", "school", "person")
        .get(pk=entry.pk)
    )
    if entry.status != EntryStatus.SUBMITTED:
        raise ValidationError("ตรวจคุณสมบัติได้เฉพาะผลงานที่ส่งแล้ว")
    existing = {check.code: check for check in entry.eligibility_checks.all()}
    checks = []
    for position, result in enumerate(_compute_checks(entry)):
        check = existing.pop(str(result.code), None) or EligibilityCheck(
            entry=entry, code=str(result.code)
        )
        if check.decision == CheckDecision.CONFIRMED and check.computed_outcome != result.outcome:
            check.decision, check.decided_by, check.decided_at = "", None, None
        check.position = position
        check.title_th = result.title_th
        check.rule_th = result.rule_th
        check.computed_outcome = str(result.outcome)
        check.basis_th = result.basis_th
        check.computed_at = now
        check.save()
        checks.append(check)
    # Checks no longer computed (the category changed) are dropped unless staff decided them.
    for stale in existing.values():
        if not stale.decision:
            stale.delete()
    return checks


def screening_run_campaign(*, campaign: Campaign, actor: Any) -> int:
    entries = list(campaign.entries.filter(status=EntryStatus.SUBMITTED).only("pk"))
    for entry in entries:
        screening_run(entry=entry, actor=actor)
    audit_record(
        actor=actor,
        action="awards.screening_run",
        target=campaign,
        after={"entries": [entry.pk for entry in entries]},
    )
    return len(entries)


@transaction.atomic
def screening_override(
    *, check: EligibilityCheck, actor: Any, outcome: str, reason: str, now: datetime | None = None
) -> EligibilityCheck:
    """ESA staff set one check's outcome themselves; the reason is required and audited."""
    now = now or timezone.now()
    if outcome not in CheckOutcome.values:
        raise ValidationError("ผลการตรวจไม่ถูกต้อง")
    reason = reason.strip()
    if not reason:
        raise ValidationError("กรุณาระบุเหตุผลที่กำหนดผลต่างจากที่ระบบคำนวณ")
    check = EligibilityCheck.objects.select_for_update().get(pk=check.pk)
    before = {"outcome": check.outcome, "decision": check.decision, "reason": check.reason}
    check.decision = CheckDecision.OVERRIDDEN
    check.override_outcome = outcome
    check.reason = reason
    check.decided_by = actor if getattr(actor, "is_authenticated", False) else None
    check.decided_at = now
    check.save()
    audit_record(
        actor=actor,
        action="awards.screening_override",
        target=check,
        before=before,
        after={"outcome": outcome, "decision": check.decision, "reason": reason},
        reason=reason,
    )
    return check


@transaction.atomic
def screening_confirm(*, entry: Entry, actor: Any, now: datetime | None = None) -> Entry:
    """Staff confirm the screening: any failing check makes the entry not eligible (ประกาศ ข้อ ๔:
    ไม่มอบเกียรติบัตร). A check still "needs evidence" must be decided (overridden) first."""
    now = now or timezone.now()
    entry = (
        Entry.objects.select_for_update(of=("self",))
        .select_related("campaign", "category", "school", "created_by")
        .get(pk=entry.pk)
    )
    if entry.status != EntryStatus.SUBMITTED:
        raise ValidationError("ยืนยันผลได้เฉพาะผลงานที่ส่งแล้ว")
    checks = list(entry.eligibility_checks.order_by("position"))
    if not checks:
        raise ValidationError("ยังไม่ได้ตรวจคุณสมบัติ กรุณากดตรวจคุณสมบัติก่อน")
    pending = [c for c in checks if c.outcome == CheckOutcome.NEEDS_EVIDENCE]
    if pending:
        raise ValidationError(
            "ยังมีรายการที่ต้องมีหลักฐานเพิ่ม กรุณาตรวจหลักฐานแล้วกำหนดผลพร้อมเหตุผล: "
            + ", ".join(c.title_th for c in pending)
        )
    decided_by = actor if getattr(actor, "is_authenticated", False) else None
    for check in checks:
        if not check.decision:
            check.decision, check.decided_by, check.decided_at = (
                CheckDecision.CONFIRMED,
                decided_by,
                now,
            )
            check.save(update_fields=["decision", "decided_by", "decided_at"])
    failed = [c for c in checks if c.outcome == CheckOutcome.FAIL]
    before = entry.eligibility
    entry.eligibility = Eligibility.NOT_ELIGIBLE if failed else Eligibility.ELIGIBLE
    entry.screened_at, entry.screened_by = now, decided_by
    entry.save(update_fields=["eligibility", "screened_at", "screened_by", "updated_at"])
    note = str(entry.get_eligibility_display())
    if failed:
        note += ": " + ", ".join(c.title_th for c in failed)
    _event(entry, EntryEventKind.SCREENED, actor, now, note)
    audit_record(
        actor=actor,
        action="awards.screening_confirm",
        target=entry,
        before={"eligibility": before},
        after={"eligibility": entry.eligibility, "failed": [c.code for c in failed]},
    )
    # The judging app's eligibility gate reads its own record; keep it in step.
    from pramoen.judging.services import eligibility_record

    eligibility_record(entry=entry, eligible=not failed, actor=actor, reason=note if failed else "")
    notify_screened(entry, failed)
    return entry
