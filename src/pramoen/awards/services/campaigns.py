"""Award campaigns: created with their categories pinned to instrument hashes, edited, cloned
for a new year (dates shifted, pins refreshed and reported)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pramoen.awards.models import (
    Campaign,
    CampaignCategory,
)
from pramoen.awards.pins import UnknownInstrumentError, WrongInstrumentKindError, resolve_pin
from pramoen.core.instrument_store import instrument_pinned, instrument_snapshot_store
from pramoen.core.services import audit_record, model_snapshot
from pramoen.core.types import User
from pramoen.instruments import get_instrument
from pramoen.orgs.models import Organization

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
    title_th: str = ""

    @property
    def message_th(self) -> str:
        # People read the instrument's title; its id and version hashes are the system's own
        # (issue 20), and stay in the audit row of the clone.
        slot = "แบบคุณสมบัติเบื้องต้น" if self.slot == "eligibility" else "เกณฑ์การให้คะแนน"
        title = f" “{self.title_th}”" if self.title_th else ""
        return f"{self.category_label}: {slot}{title} ใช้ฉบับล่าสุด ซึ่งต่างจากฉบับที่ครั้งก่อนใช้"


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
            pin = resolve_pin(getattr(spec, field), kind=kind)
        except (UnknownInstrumentError, WrongInstrumentKindError) as exc:
            errors[field] = [str(exc)]
            continue
        # Keep the pinned document itself, so the category scores with exactly this version
        # after the library file changes (core.instrument_store).
        instrument_snapshot_store(instrument=get_instrument(pin.instrument_id))
        hashes.append(pin.version_hash)
    if errors:
        raise ValidationError(errors)
    return hashes[0], hashes[1]


@transaction.atomic
def campaign_category_add(
    *, campaign: Campaign, spec: CategorySpec, actor: User | None, audit: bool = True
) -> CampaignCategory:
    """Bind a competition group to two instruments, pinned to their current version hashes."""
    eligibility_hash, scoring_hash = _pins(spec)
    # What makes a group: one of these per campaign.
    group = {
        "category": spec.category,
        "domain": spec.domain,
        "size_class": spec.size_class,
        "teacher_level": spec.teacher_level,
        "learning_area": spec.learning_area,
    }
    category = CampaignCategory(
        campaign=campaign,
        **group,
        eligibility_instrument_id=spec.eligibility_instrument_id,
        eligibility_instrument_hash=eligibility_hash,
        scoring_instrument_id=spec.scoring_instrument_id,
        scoring_instrument_hash=scoring_hash,
        position=campaign.categories.count(),
    )
    category.full_clean(exclude=["campaign"], validate_constraints=False)
    if CampaignCategory.objects.filter(campaign=campaign, **group).exists():
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
    actor: User | None,
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
def campaign_update(*, campaign: Campaign, actor: User | None, changes: dict[str, Any]) -> Campaign:
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
def campaign_clone(*, source: Campaign, year_be: int, actor: User | None) -> CloneResult:
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
                        title_th=instrument_pinned(
                            getattr(new, f"{slot}_instrument_id"), new_hash
                        ).title_th,
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
