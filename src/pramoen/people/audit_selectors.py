"""Reads of the audit-log viewer: the events an officer may read, filtered, and each event's
change (before → after) in words people read — field names as the models name them in Thai,
choices by their labels, linked objects by name, dates in the Buddhist Era, no ids or hashes."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Field, Model, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from pramoen.accounts.models import User
from pramoen.core.audit_labels import action_label, kind_label
from pramoen.core.models import AuditEvent, InstrumentSnapshot
from pramoen.instruments import get_instrument
from pramoen.orgs.enums import QualityCoreKind
from pramoen.people.audit_scope import object_history_q, scope_q
from pramoen.thai import format_thai_date, format_thai_datetime

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
_HEX = re.compile(r"[0-9a-f]{32,}")
# Keys that are not model fields but recur in the services' before/after data.
KEY_LABELS: dict[str, str] = {
    "role": "บทบาท",
    "reason": "เหตุผล",
    "status": "สถานะ",
    "rows": "จำนวนแถว",
    "created": "เพิ่มใหม่",
    "updated": "แก้ไข",
    "unchanged": "ไม่เปลี่ยนแปลง",
    "total": "คะแนนรวม",
    "tier": "ระดับรางวัล",
    "rank": "ลำดับ",
    "slot": "ช่องหลักฐาน",
    "url": "ลิงก์",
    "title": "ชื่อเรื่อง",
    "name": "ชื่อ",
    "kind": "ประเภท",
    "note": "หมายเหตุ",
    "passed": "ผ่าน",
    "count": "จำนวน",
    "school": "สถานศึกษา",
    "core": "โรงเรียนหลัก",
    "academic_year": "ปีการศึกษา",
    "is_active": "ใช้งานได้",
    "issue": "ประเด็นการพิจารณา",
    "version": "ฉบับที่",
    "score": "คะแนน",
    "clear": "ชัดเจน",
    "comment": "ความเห็น",
    "late": "ส่งช้า",
    "chair": "ประธาน",
    "members": "กรรมการ",
    "eligible": "ผ่านคุณสมบัติ",
    "user": "ผู้ใช้",
    "organization": "หน่วยงาน",
    "entry": "ใบสมัคร",
    "source": "สร้างจาก",
    "file": "ไฟล์",
    "replaced": "แทนที่",
    "per_entry": "จำนวนกรรมการต่อผลงาน",
    "instrument_hash": "ฉบับของแบบประเมิน",
    "hash": "ฉบับของแบบประเมิน",
    "instrument": "แบบประเมิน",
    "quality_kind": "ประเภทโรงเรียนคุณภาพ",
    "core_school": "โรงเรียนหลัก",
    "integrated_learning": "เรียนรวม",
    "resource_sharing": "ใช้ทรัพยากรร่วมกัน",
    "participating": "เข้าร่วมได้",
    "non_participation_reason": "เหตุผลที่เข้าร่วมไม่ได้",
}
# Keys that are not fields of the target but hold a choice of one (shown by its label).
KEY_CHOICES: dict[str, list[tuple[str, Any]]] = {"quality_kind": QualityCoreKind.choices}
# Keys that are not fields of the target but name other objects by id (read by name instead).
KEY_MODELS: dict[str, str] = {
    "members": "accounts.user",
    "user": "accounts.user",
    "chair": "accounts.user",
    "judge": "accounts.user",
    "entry": "awards.entry",
    "school": "orgs.organization",
    "organization": "orgs.organization",
    "core_school": "orgs.organization",
}
# Keys whose value is an instrument's id (``nara2-teacher-innovation``, ``kpi10-12m``): shown by
# the instrument's Thai title — the id is the system's name for it, not a word people read.
INSTRUMENT_KEYS = frozenset(
    {
        "instrument",
        "instrument_id",
        "eligibility_instrument_id",
        "scoring_instrument_id",
        "cloned_from",  # a studio instrument's source (a campaign's is a link: named as one)
    }
)
_CODE = re.compile(r"[a-z][a-z0-9_]*")
OTHER_KEY = "รายละเอียดอื่น"


@dataclass
class Change:
    label: str
    before: str | None
    after: str | None


@dataclass
class EventRow:
    event: AuditEvent
    action: str
    kind: str
    changes: list[Change] = field(default_factory=list)
    target: str = ""  # what the event is about, as people read it


# Kinds whose stored name (their model's __str__) carries an entry's or a school's id: the page
# names them from the live object instead (one query per kind on the page), else by their kind.
_JUDGE_ENTRY = ("judge", "entry__school", "entry__category")
LIVE_NAMES: dict[str, tuple[str, ...]] = {
    "judging.review": _JUDGE_ENTRY,
    "judging.assignment": _JUDGE_ENTRY,
    "judging.conflictofinterest": _JUDGE_ENTRY,
    "orgs.enrollment": ("school",),
    "orgs.onesqaresult": ("school",),
}


def _live_name(obj: Any) -> str:
    if hasattr(obj, "judge"):
        judge = obj.judge.get_full_name() or obj.judge.username
        return f"{judge} · {obj.entry}"
    return str(obj.school)


def _target_names(events: list[AuditEvent]) -> dict[tuple[str, str], str]:
    ids: dict[str, set[str]] = defaultdict(set)
    for event in events:
        if event.target_type in LIVE_NAMES and event.target_id.isdigit():
            ids[event.target_type].add(event.target_id)
    names: dict[tuple[str, str], str] = {}
    for target_type, wanted in ids.items():
        model = _model(target_type)
        if model is None:
            continue
        found = model._default_manager.select_related(*LIVE_NAMES[target_type])
        for obj in found.filter(pk__in=[int(pk) for pk in wanted]):
            names[(target_type, str(obj.pk))] = _live_name(obj)
    return names


def audit_events(
    *,
    esa_ids: list[int] | None,
    person: str = "",
    actor_id: int | None = None,
    target_type: str = "",
    target_id: str = "",
    target_text: str = "",
    action: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[AuditEvent]:
    """The events ``esa_ids`` may read (None: all), newest first, with the filters applied."""
    events = AuditEvent.objects.filter(scope_q(esa_ids))
    if actor_id:
        events = events.filter(actor_id=actor_id)
    if person.strip():
        text = person.strip()
        matching = User.objects.filter(
            Q(username__icontains=text)
            | Q(first_name__icontains=text)
            | Q(last_name__icontains=text)
        ).values("pk")
        events = events.filter(Q(actor_id__in=matching) | Q(actor_repr__icontains=text))
    if target_type and target_id:
        events = events.filter(object_history_q(target_type, target_id))
    elif target_type:
        events = events.filter(target_type=target_type)
    if target_text.strip():
        # The object's name as recorded (the log keeps it even after the object is renamed).
        events = events.filter(target_repr__icontains=target_text.strip())
    if action:
        events = events.filter(action=action)
    if date_from:
        events = events.filter(occurred_at__gte=_day_start(date_from))
    if date_to:
        events = events.filter(occurred_at__lt=_day_start(date_to + timedelta(days=1)))
    return events.order_by("-occurred_at", "-id")


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def actor_names(events: list[AuditEvent]) -> dict[int, str]:
    """The full names of the events' actors, one query (the stored username is the fallback)."""
    ids = {event.actor_id for event in events if event.actor_id}
    return {
        user.pk: user.get_full_name() or user.username for user in User.objects.filter(pk__in=ids)
    }


def _model(target_type: str) -> type[Model] | None:
    try:
        return apps.get_model(target_type)
    except (LookupError, ValueError):
        return None


def _field(model: type[Model] | None, key: str) -> Field | None:
    if model is None:
        return None
    try:
        found: Any = model._meta.get_field(key)
    except FieldDoesNotExist:
        found = next((f for f in model._meta.concrete_fields if f.attname == key), None)
    return found if isinstance(found, Field) else None


def _pairs(event: AuditEvent) -> list[tuple[str, Any, Any]]:
    before, after = event.before, event.after
    if isinstance(before, dict) or isinstance(after, dict):
        before = before if isinstance(before, dict) else {}
        after = after if isinstance(after, dict) else {}
        keys = list(dict.fromkeys([*after, *before]))
        return [(key, before.get(key), after.get(key)) for key in keys]
    if before is None and after is None:
        return []
    return [("", before, after)]


def describe(events: list[AuditEvent]) -> list[EventRow]:
    """Each event with its Thai action, kind and changes; linked objects are read with one query
    per kind of object on the page, never one per row."""
    wanted: dict[type[Model], set[Any]] = defaultdict(set)
    plans: list[tuple[AuditEvent, list[tuple[str, Field | None, Any, Any]]]] = []
    for event in events:
        model = _model(event.target_type)
        plan = []
        for key, old, new in _pairs(event):
            if key in {"id", "pk", "updated_at", "name_sort", "prev_hash", "row_hash"}:
                continue
            found = _field(model, key)
            related = _related(found, key)
            if related is not None:
                for value in (old, new):
                    for item in value if isinstance(value, list) else [value]:
                        if isinstance(item, int | str) and str(item).isdigit():
                            wanted[related].add(int(item))
            elif key in INSTRUMENT_KEYS:
                pass  # named by the instrument's title below (a link, e.g. a campaign's, is not)
            elif found is None and (key.endswith("_id") or key.endswith("_ids")):
                continue  # an id of something no longer named here: nothing people read
            plan.append((key, found, old, new))
        plans.append((event, plan))
    names: dict[type[Model], dict[Any, str]] = {
        related: {obj.pk: str(obj) for obj in related._default_manager.filter(pk__in=ids)}
        for related, ids in wanted.items()
    }
    names[InstrumentSnapshot] = instrument_titles(
        {
            value
            for _event, plan in plans
            for key, found, old, new in plan
            if key in INSTRUMENT_KEYS and _related(found, key) is None
            for value in (old, new)
            if isinstance(value, str) and value
        }
    )
    targets = _target_names(events)
    # Each label translated once per call: an export describes tens of thousands of rows.
    actions: dict[str, str] = {}
    kinds: dict[str, str] = {}
    labels: dict[tuple[str, Field | None], str] = {}
    rows = []
    for event, plan in plans:
        if event.action not in actions:
            actions[event.action] = action_label(event.action)
        if event.target_type not in kinds:
            kinds[event.target_type] = kind_label(event.target_type)
        row = EventRow(event=event, action=actions[event.action], kind=kinds[event.target_type])
        target_key = (event.target_type, event.target_id)
        if target_key in targets:
            row.target = targets[target_key]
        elif event.target_type not in LIVE_NAMES and event.target_repr:
            row.target = event.target_repr
        else:
            row.target = row.kind
        for key, found, old, new in plan:
            if (key, found) not in labels:
                labels[(key, found)] = _label(key, found)
            row.changes.append(
                Change(
                    label=labels[(key, found)],
                    before=_shown(old, found, key, names),
                    after=_shown(new, found, key, names),
                )
            )
        rows.append(row)
    return rows


def instrument_titles(ids: set[str]) -> dict[str, str]:
    """The Thai title of each instrument id: the shipped library's file, else the newest pinned
    version the database keeps (an ESA's own instrument) — one query for all of them."""
    titles: dict[str, str] = {}
    for instrument_id in ids:
        try:
            titles[instrument_id] = get_instrument(instrument_id).title_th
        except (KeyError, FileNotFoundError, ValueError):
            continue
    missing = ids - set(titles)
    if missing:
        rows = InstrumentSnapshot.objects.filter(instrument_id__in=missing).order_by("stored_at")
        titles |= dict(rows.values_list("instrument_id", "title_th"))  # the newest wins
    return titles


def _related(found: Field | None, key: str) -> type[Model] | None:
    if found is not None:
        related = found.related_model if found.is_relation else None
        return related if isinstance(related, type) else None
    return _model(KEY_MODELS[key]) if key in KEY_MODELS else None


def _label(key: str, found: Field | None) -> str:
    if found is not None and found.verbose_name and not str(found.verbose_name).isascii():
        return str(found.verbose_name)
    if key in KEY_LABELS:
        return _(KEY_LABELS[key])
    return _("ค่า") if not key else _(OTHER_KEY)


def _shown(
    value: Any, found: Field | None, key: str, names: dict[type[Model], dict[Any, str]]
) -> str | None:
    if value is None or value == "":
        return None
    related = _related(found, key)
    if related is None and key in INSTRUMENT_KEYS and isinstance(value, str):
        return names[InstrumentSnapshot].get(value) or _("แบบประเมินที่ไม่พบในระบบแล้ว")
    if related is not None:
        known = names.get(related, {})
        items = value if isinstance(value, list) else [value]
        shown = [
            known.get(int(item), _("รายการที่ถูกลบแล้ว")) if str(item).isdigit() else plain(item)
            for item in items
        ]
        return ", ".join(str(item) for item in shown if item) or None
    if found is not None and found.choices:
        labels = {str(k): str(v) for k, v in found.flatchoices}
        if str(value) in labels:
            return labels[str(value)]
    if found is None and key in KEY_CHOICES:
        return str(dict(KEY_CHOICES[key]).get(value, _("(รหัสในระบบ)")))
    if found is None and isinstance(value, str) and _CODE.fullmatch(value):
        return _("(รหัสในระบบ)")  # an English code of the service's own, not a word to read
    return plain(value)


def plain(value: Any) -> str | None:
    """A JSON value as text people read: ใช่/ไม่ใช่, BE dates, lists joined, no hashes."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return _("ใช่") if value else _("ไม่ใช่")
    if isinstance(value, list):
        if any(isinstance(item, list | dict) for item in value):
            return _("%(count)s รายการ") % {"count": len(value)}
        parts = [plain(item) for item in value]
        return ", ".join(part for part in parts if part) or None
    if isinstance(value, dict):
        return _("%(count)s รายการ") % {"count": len(value)}
    text = str(value)
    if _HEX.fullmatch(text):
        return _("(รหัสตรวจสอบ)")
    if _ISO_DATETIME.match(text):
        try:
            return format_thai_datetime(datetime.fromisoformat(text), "short")
        except ValueError:
            return text
    if _ISO_DATE.fullmatch(text):
        try:
            return format_thai_date(date.fromisoformat(text), "short")
        except ValueError:
            return text
    return text


def heading_for_object(*, target_type: str, target_id: str, esa_ids: list[int] | None) -> str:
    """What the per-object history is about, from its newest readable event's stored name."""
    event = (
        AuditEvent.objects.filter(scope_q(esa_ids), target_type=target_type, target_id=target_id)
        .exclude(target_repr="")
        .order_by("-occurred_at", "-id")
        .only("target_repr", "target_type", "target_id")
        .first()
    )
    if event is None or target_type in LIVE_NAMES:
        names = _target_names([event]) if event is not None else {}
        return names.get((target_type, target_id), kind_label(target_type))
    return event.target_repr
