"""Writes to organizations and people: keyword-only, typed, atomic, audited (before → after)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction

from pramoen.core.services import audit_record
from pramoen.core.types import User
from pramoen.orgs.enums import Level, OrganizationKind, QualityCoreKind
from pramoen.orgs.models import (
    Award,
    DisciplinaryRecord,
    Enrollment,
    OnesqaResult,
    OnetMean,
    Organization,
    Person,
    QualityCore,
    QualityNetworkMember,
    SchoolNetwork,
)
from pramoen.thai import mask_national_id, validate_national_id

SCHOOL_EDITABLE = (
    "name_th",
    "name_en",
    "smis_code",
    "obec_code",
    "school_type",
    "levels",
    "network_id",
    "address",
    "subdistrict",
    "district",
    "province",
    "postcode",
)
PERSON_EDITABLE = (
    "prefix",
    "first_name",
    "last_name",
    "national_id",
    "position",
    "academic_standing",
    "organization_id",
    "position_started_on",
    "organization_started_on",
)
_LEVEL_ORDER = [value for value, _label in Level.choices]


def normalize_levels(levels: list[str] | tuple[str, ...] | str) -> str:
    """Levels as stored: known values, no duplicates, in Level order, comma-separated."""
    items = levels.split(",") if isinstance(levels, str) else list(levels)
    wanted = {item.strip() for item in items if item.strip()}
    unknown = wanted - set(_LEVEL_ORDER)
    if unknown:
        raise ValidationError(f"ระดับที่เปิดสอนไม่ถูกต้อง: {', '.join(sorted(unknown))}")
    return ",".join(value for value in _LEVEL_ORDER if value in wanted)


def _jsonable(value: Any, name: str = "") -> Any:
    # The audit log is readable by more people than the person record: never store an ID in full.
    if name == "national_id" and value:
        return mask_national_id(value)
    if isinstance(value, date | Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return value


def _apply_changes(
    instance: models.Model,
    *,
    changes: dict[str, Any],
    allowed: tuple[str, ...],
    actor: User,
    action: str,
    reason: str = "",
) -> dict[str, tuple[Any, Any]]:
    """Set ``changes`` on ``instance``, validate, save the changed fields, audit them."""
    unknown = set(changes) - set(allowed)
    if unknown:
        raise ValueError(f"fields not editable here: {sorted(unknown)}")
    diff: dict[str, tuple[Any, Any]] = {}
    for name, value in changes.items():
        old = getattr(instance, name)
        if old != value:
            diff[name] = (old, value)
            setattr(instance, name, value)
    if not diff:
        return diff
    instance.full_clean()
    field_names = [name.removesuffix("_id") if name.endswith("_id") else name for name in diff]
    if {"name_th", "first_name", "last_name"} & set(diff):
        field_names.append("name_sort")
    instance.save(update_fields=[*field_names, "updated_at"])
    audit_record(
        actor=actor,
        action=action,
        target=instance,
        before={name: _jsonable(old, name) for name, (old, _new) in diff.items()},
        after={name: _jsonable(new, name) for name, (_old, new) in diff.items()},
        reason=reason,
    )
    return diff


@transaction.atomic
def esa_create(
    *,
    actor: User,
    code: str,
    name_th: str,
    esa_level: str,
    esa_number: int | None = None,
    province: str = "",
    name_en: str = "",
) -> Organization:
    obec, _ = Organization.objects.get_or_create(
        kind=OrganizationKind.OBEC,
        code="OBEC",
        defaults={"name_th": "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน", "name_en": "OBEC"},
    )
    esa = Organization(
        kind=OrganizationKind.ESA,
        parent=obec,
        code=code,
        name_th=name_th,
        name_en=name_en,
        esa_level=esa_level,
        esa_number=esa_number,
        province=province,
    )
    esa.full_clean()
    esa.save()
    audit_record(actor=actor, action="orgs.esa_create", target=esa, after=_snapshot(esa))
    return esa


def _snapshot(instance: models.Model) -> dict[str, Any]:
    return {
        f.attname: _jsonable(getattr(instance, f.attname), f.attname)
        for f in instance._meta.concrete_fields
        if f.attname not in {"id", "updated_at", "name_sort"}
    }


@transaction.atomic
def school_create(
    *, actor: User, esa: Organization, code: str, name_th: str, **fields: Any
) -> Organization:
    if "levels" in fields:
        fields["levels"] = normalize_levels(fields["levels"])
    unknown = set(fields) - set(SCHOOL_EDITABLE)
    if unknown:
        raise ValueError(f"unknown school fields: {sorted(unknown)}")
    school = Organization(
        kind=OrganizationKind.SCHOOL, parent=esa, code=code, name_th=name_th, **fields
    )
    school.full_clean()
    school.save()
    audit_record(actor=actor, action="orgs.school_create", target=school, after=_snapshot(school))
    return school


@transaction.atomic
def school_update(
    *, school: Organization, actor: User, reason: str = "", **changes: Any
) -> dict[str, tuple[Any, Any]]:
    """Change a school's editable fields; returns ``{field: (before, after)}`` of what changed."""
    if "levels" in changes:
        changes["levels"] = normalize_levels(changes["levels"])
    if "network" in changes:
        network = changes.pop("network")
        changes["network_id"] = network.pk if network is not None else None
    return _apply_changes(
        school,
        changes=changes,
        allowed=SCHOOL_EDITABLE,
        actor=actor,
        action="orgs.school_update",
        reason=reason,
    )


@transaction.atomic
def network_get_or_create(*, esa: Organization, name: str, actor: User) -> SchoolNetwork:
    network, created = SchoolNetwork.objects.get_or_create(esa=esa, name=name.strip())
    if created:
        audit_record(
            actor=actor, action="orgs.network_create", target=network, after={"name": name}
        )
    return network


M = TypeVar("M", bound=models.Model)


def _upsert_audited(
    model: type[M],
    *,
    keys: dict[str, Any],
    values: dict[str, Any],
    actor: User,
    action: str,
) -> M:
    existing = model._default_manager.select_for_update().filter(**keys).first()
    if existing is None:
        obj = model(**keys, **values)
        obj.full_clean()
        obj.save()
        audit_record(
            actor=actor,
            action=action,
            target=obj,
            after={k: _jsonable(v) for k, v in {**keys, **values}.items()},
        )
        return obj
    before = {k: getattr(existing, k) for k in values}
    if before == values:
        return existing
    for name, value in values.items():
        setattr(existing, name, value)
    existing.full_clean()
    existing.save(update_fields=list(values))
    audit_record(
        actor=actor,
        action=action,
        target=existing,
        before={k: _jsonable(v) for k, v in before.items()},
        after={k: _jsonable(v) for k, v in values.items()},
    )
    return existing


@transaction.atomic
def enrollment_set(
    *, school: Organization, academic_year: int, students: int, actor: User
) -> Enrollment:
    """Record the student count of one academic year; earlier years are kept as history."""
    return _upsert_audited(
        Enrollment,
        keys={"school": school, "academic_year": academic_year},
        values={"students": students},
        actor=actor,
        action="orgs.enrollment_set",
    )


@transaction.atomic
def onesqa_set(
    *, school: Organization, round: int, level: str, assessed_year: int | None, actor: User
) -> OnesqaResult:
    return _upsert_audited(
        OnesqaResult,
        keys={"school": school, "round": round},
        values={"level": level, "assessed_year": assessed_year},
        actor=actor,
        action="orgs.onesqa_set",
    )


@transaction.atomic
def onet_mean_set(
    *,
    organization: Organization,
    academic_year: int,
    grade: str,
    subject: str,
    mean: Decimal,
    actor: User,
) -> OnetMean:
    return _upsert_audited(
        OnetMean,
        keys={
            "organization": organization,
            "academic_year": academic_year,
            "grade": grade,
            "subject": subject,
        },
        values={"mean": mean},
        actor=actor,
        action="orgs.onet_set",
    )


@transaction.atomic
def quality_core_set(
    *, school: Organization, academic_year: int, kind: QualityCoreKind | str, actor: User
) -> QualityCore:
    if not school.is_school:
        raise ValidationError("โรงเรียนหลักต้องเป็นสถานศึกษา")
    return _upsert_audited(
        QualityCore,
        keys={"school": school, "academic_year": academic_year},
        values={"kind": kind},
        actor=actor,
        action="orgs.quality_core_set",
    )


@transaction.atomic
def quality_member_set(
    *,
    core: QualityCore,
    school: Organization,
    integrated_learning: bool,
    resource_sharing: bool,
    actor: User,
    participating: bool = True,
    non_participation_reason: str = "",
) -> QualityNetworkMember:
    """Link a network school to a core school for the core's academic year."""
    if school.pk == core.school_id:
        raise ValidationError("โรงเรียนหลักเป็นโรงเรียนเครือข่ายของตนเองไม่ได้")
    if not participating and not non_participation_reason.strip():
        raise ValidationError("กรุณาระบุเหตุผลที่โรงเรียนเครือข่ายเข้าร่วมไม่ได้")
    if QualityCore.objects.filter(academic_year=core.academic_year, school=school).exists():
        raise ValidationError("โรงเรียนนี้เป็นโรงเรียนหลักในปีการศึกษาเดียวกันอยู่แล้ว")
    return _upsert_audited(
        QualityNetworkMember,
        keys={"school": school, "academic_year": core.academic_year},
        values={
            "core": core,
            "integrated_learning": integrated_learning,
            "resource_sharing": resource_sharing,
            "participating": participating,
            "non_participation_reason": non_participation_reason.strip(),
        },
        actor=actor,
        action="orgs.quality_member_set",
    )


@transaction.atomic
def person_create(
    *,
    actor: User,
    organization: Organization,
    first_name: str,
    last_name: str,
    position: str,
    **fields: Any,
) -> Person:
    if fields.get("national_id"):
        fields["national_id"] = validate_national_id(fields["national_id"])
    person = Person(
        organization=organization,
        first_name=first_name,
        last_name=last_name,
        position=position,
        **fields,
    )
    person.full_clean()
    person.save()
    audit_record(actor=actor, action="orgs.person_create", target=person, after=_snapshot(person))
    return person


@transaction.atomic
def person_update(
    *, person: Person, actor: User, reason: str = "", **changes: Any
) -> dict[str, tuple[Any, Any]]:
    if changes.get("national_id"):
        changes["national_id"] = validate_national_id(changes["national_id"])
    if "organization" in changes:
        changes["organization_id"] = changes.pop("organization").pk
    return _apply_changes(
        person,
        changes=changes,
        allowed=PERSON_EDITABLE,
        actor=actor,
        action="orgs.person_update",
        reason=reason,
    )


@transaction.atomic
def disciplinary_add(
    *, person: Person, occurred_on: date, kind: str, note: str = "", actor: User
) -> DisciplinaryRecord:
    record = DisciplinaryRecord(person=person, occurred_on=occurred_on, kind=kind, note=note)
    record.full_clean()
    record.save()
    audit_record(
        actor=actor,
        action="orgs.disciplinary_add",
        target=person,
        after={"occurred_on": str(occurred_on), "kind": kind, "note": note},
    )
    return record


@transaction.atomic
def award_add(
    *,
    person: Person,
    title: str,
    level: str,
    year: int,
    tier: str,
    actor: User,
    domain: str = "",
    source: str = "",
) -> Award:
    award = Award(
        person=person,
        title=title,
        level=level,
        year=year,
        tier=tier,
        domain=domain,
        source=source,
    )
    award.full_clean()
    award.save()
    audit_record(
        actor=actor,
        action="orgs.award_add",
        target=person,
        after={"title": title, "level": level, "year": year, "tier": tier, "domain": domain},
    )
    return award
