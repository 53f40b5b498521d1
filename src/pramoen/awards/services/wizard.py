"""The campaign wizard's writes (issue 19): a draft edition created at step 1, each later step
saved on its own, and the edition opened to applicants at the last step.

A draft is a real ``Campaign`` row with ``draft=True``: every applicant and public read filters
it out (``awards.selectors.open_categories_for_applicant``, ``people.public``, ``entry_start``),
so staff may leave the wizard half-way and come back. Its dates are proposed at step 1 (last
edition's moved by the year difference, else from today) because the model needs them; the open
step refuses until step 3 has been saved, so a proposed date is never opened unseen.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from pramoen.awards.models import Campaign, CampaignCategory
from pramoen.awards.services.campaigns import (
    _COPIED_FIELDS,
    CategorySpec,
    _shift_date,
    _shift_datetime,
)
from pramoen.awards.services.groups import campaign_groups_add
from pramoen.core.services import audit_record, model_snapshot
from pramoen.core.types import User
from pramoen.orgs.models import Organization

STEP_EDITION, STEP_GROUPS, STEP_DATES, STEP_PREVIEW, STEP_OPEN = 1, 2, 3, 4, 5

# What each step may change (step 2 writes groups through ``campaign_groups_add``).
STEP_FIELDS: dict[int, frozenset[str]] = {
    STEP_EDITION: frozenset({"name", "edition", "year_be"}),
    STEP_DATES: frozenset(
        {
            "opens_on",
            "deadline",
            "correction_starts_on",
            "correction_ends_on",
            "judging_starts_on",
            "judging_ends_on",
            "announce_on",
            "entries_per_person_per_domain",
            "self_application_allowed",
        }
    ),
}
_PROPOSED_DATES = (
    "opens_on",
    "correction_starts_on",
    "correction_ends_on",
    "judging_starts_on",
    "judging_ends_on",
    "announce_on",
)


def _previous(*, esa: Organization, name: str, year_be: int) -> Campaign | None:
    return (
        Campaign.objects.filter(esa=esa, name=name, year_be__lt=year_be)
        .order_by("-year_be", "-edition")
        .first()
    )


def _proposal(*, esa: Organization, name: str, year_be: int, today: date) -> dict[str, Any]:
    """Dates and rules to start from: last edition's, moved to this year; without one, a
    month of entries from a week after today, closing at 16.30 น. as the seed's letter does."""
    source = _previous(esa=esa, name=name, year_be=year_be)
    if source is None:
        opens = today + timedelta(days=7)
        deadline = datetime.combine(
            opens + timedelta(days=30), time(16, 30), tzinfo=timezone.get_default_timezone()
        )
        return {"opens_on": opens, "deadline": deadline}
    years = year_be - source.year_be
    fields: dict[str, Any] = {name: getattr(source, name) for name in _COPIED_FIELDS}
    fields["allowed_fonts"] = list(source.allowed_fonts)
    fields.update({f: _shift_date(getattr(source, f), years) for f in _PROPOSED_DATES})
    fields["deadline"] = _shift_datetime(source.deadline, years)
    fields["name"] = name
    return fields


@transaction.atomic
def campaign_draft_create(
    *,
    esa: Organization,
    actor: User | None,
    name: str,
    edition: int,
    year_be: int,
    today: date | None = None,
) -> Campaign:
    """Step 1: a draft edition with proposed dates; Thai ``ValidationError`` and nothing saved
    on bad input (an edition the ESA already has, a year out of range)."""
    if esa.kind != "esa":
        raise ValidationError({"esa": "ผู้จัดการประกวดต้องเป็นสำนักงานเขตพื้นที่การศึกษา"})
    today = today or timezone.localdate()
    fields = _proposal(esa=esa, name=name, year_be=year_be, today=today)
    campaign = Campaign(
        esa=esa,
        edition=edition,
        year_be=year_be,
        draft=True,
        setup_step=STEP_EDITION,
        **fields,
    )
    campaign.full_clean()
    campaign.save()
    audit_record(
        actor=actor,
        action="awards.campaign_draft_create",
        target=campaign,
        after=model_snapshot(campaign),
    )
    return campaign


@transaction.atomic
def campaign_step_save(
    *, campaign: Campaign, actor: User | None, step: int, changes: dict[str, Any]
) -> Campaign:
    """Save one wizard step of a draft; on a Thai ``ValidationError`` nothing changes."""
    allowed = STEP_FIELDS.get(step, frozenset())
    unknown = set(changes) - allowed
    if unknown:
        raise TypeError(f"step {step} does not set {sorted(unknown)}")
    fresh = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if not fresh.draft:
        raise ValidationError("การประกวดนี้เปิดรับผลงานแล้ว กรุณาแก้ไขที่หน้าแก้ไขการประกวด")
    before = model_snapshot(fresh)
    for name, value in changes.items():
        setattr(fresh, name, value)
    fresh.setup_step = max(fresh.setup_step, step)
    fresh.full_clean()
    fresh.save()
    after = model_snapshot(fresh)
    changed = sorted(k for k in after if after[k] != before.get(k))
    audit_record(
        actor=actor,
        action="awards.campaign_step_save",
        target=fresh,
        before={"step": step, **{k: before.get(k) for k in changed}},
        after={"step": step, **{k: after[k] for k in changed}},
    )
    return fresh


@transaction.atomic
def campaign_step_groups(
    *, campaign: Campaign, specs: Sequence[CategorySpec], actor: User | None
) -> list[CampaignCategory]:
    """Step 2: add the ticked groups (``campaign_groups_add``) and mark the step saved; with
    nothing ticked it is saved only when the draft already has groups."""
    created = campaign_groups_add(campaign=campaign, specs=specs, actor=actor) if specs else []
    if not created and not campaign.categories.exists():
        raise ValidationError("กรุณาเลือกกลุ่มการประกวดอย่างน้อยหนึ่งกลุ่ม")
    campaign_step_save(campaign=campaign, actor=actor, step=STEP_GROUPS, changes={})
    return created


def open_problems(*, campaign: Campaign, now: datetime) -> list[str]:
    """Why the draft may not be opened yet, in Thai (empty: it may)."""
    problems = []
    if not campaign.draft:
        problems.append("การประกวดนี้เปิดรับผลงานแล้ว")
    if not campaign.categories.exists():
        problems.append("ยังไม่ได้เลือกกลุ่มการประกวด (ขั้นที่ ๒)")
    if campaign.setup_step < STEP_DATES:
        problems.append("ยังไม่ได้ยืนยันกำหนดการและเงื่อนไขการสมัคร (ขั้นที่ ๓)")
    if campaign.deadline <= now:
        problems.append("กำหนดส่งผลงานผ่านไปแล้ว กรุณาแก้ไขกำหนดการ (ขั้นที่ ๓)")
    return problems


@transaction.atomic
def campaign_open(
    *, campaign: Campaign, actor: User | None, now: datetime | None = None
) -> Campaign:
    """Step 5: the draft becomes visible to applicants (from its opening day, as any edition)."""
    now = now or timezone.now()
    fresh = Campaign.objects.select_for_update().get(pk=campaign.pk)
    problems = open_problems(campaign=fresh, now=now)
    if problems:
        raise ValidationError(problems)
    fresh.draft = False
    fresh.setup_step = STEP_OPEN
    fresh.save(update_fields=["draft", "setup_step", "updated_at"])
    audit_record(
        actor=actor,
        action="awards.campaign_open",
        target=fresh,
        before={"draft": True},
        after={"draft": False, "groups": fresh.categories.count()},
    )
    return fresh
