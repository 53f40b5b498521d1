"""Writes of the studio: create, clone, edit a draft one element at a time, record warning
resolutions, publish a frozen version, import YAML. Each is atomic and audited (who changed
what); a refused change raises :class:`StudioRefused` with located Thai problems and saves nothing.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from pydantic import ValidationError as SchemaError

from pramoen.core.instrument_store import instrument_snapshot_store
from pramoen.core.services import audit_record
from pramoen.core.types import User
from pramoen.instruments import (
    Finding,
    Instrument,
    InstrumentLoadError,
    UnknownInstrument,
    get_instrument,
    lint,
    parse_instrument,
    version_hash,
)
from pramoen.orgs.models import Organization
from pramoen.studio import drafts
from pramoen.studio.drafts import DraftError, Pointer, document_of
from pramoen.studio.inputs import InputProblem, values_from
from pramoen.studio.labels import location_th
from pramoen.studio.models import StudioInstrument, StudioVersion
from pramoen.studio.problems import Problem, pointer_of_path, problems_of


class StudioRefused(ValidationError):
    """The change was not saved; ``problems`` say where and why (Thai)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__([p.message_th for p in problems])


def finding_key(finding: Finding) -> str:
    """A warning's stable key, under which the author's resolution is recorded."""
    text = f"{finding.code}|{finding.path}|{finding.message_en}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def unresolved_warnings(instrument: StudioInstrument, findings: list[Finding]) -> list[Finding]:
    return [
        f
        for f in findings
        if f.severity == "warning"
        and not f.resolution
        and not str(instrument.resolutions.get(finding_key(f), "")).strip()
    ]


def where_th(document: dict[str, Any], finding: Finding) -> str:
    """Where a finding is, in words (the lint's own location starts with the instrument's id)."""
    if not finding.path:
        return "ทั้งแบบประเมิน"
    pointer = pointer_of_path(document, finding.path)
    return location_th(document, drafts.parse_pointer(pointer)) if pointer else finding.path


def _refuse(message: str, pointer: str = "", attribute: str = "") -> StudioRefused:
    return StudioRefused([Problem(pointer, attribute, message)])


def _validated(document: dict[str, Any]) -> Instrument:
    try:
        return drafts.validate(document)
    except SchemaError as exc:
        raise StudioRefused(problems_of(document, exc)) from None


def _free_instrument_id(base: str) -> str:
    base = base[:70]
    taken = set(
        StudioInstrument.objects.filter(instrument_id__startswith=base).values_list(
            "instrument_id", flat=True
        )
    )
    n = 1
    while True:
        candidate = f"{base}-{n}" if n > 1 else base
        if candidate not in taken and not _is_library_id(candidate):
            return candidate
        n += 1


def _is_library_id(instrument_id: str) -> bool:
    try:
        get_instrument(instrument_id)
    except UnknownInstrument:
        return False
    return True


def _save_new(
    *,
    esa: Organization,
    actor: User | None,
    document: dict[str, Any],
    cloned_from: str,
    action: str,
) -> StudioInstrument:
    instrument = _validated(document)
    row = StudioInstrument.objects.create(
        esa=esa,
        instrument_id=instrument.id,
        title_th=instrument.title_th[:500],
        kind=instrument.kind,
        draft=document,
        cloned_from=cloned_from,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(
        actor=actor,
        action=action,
        target=row,
        after={
            "instrument_id": row.instrument_id,
            "title_th": row.title_th,
            "cloned_from": cloned_from,
        },
    )
    return row


@transaction.atomic
def studio_instrument_create(
    *, esa: Organization, actor: User | None, title_th: str, kind: str, category: str = ""
) -> StudioInstrument:
    """A new instrument from scratch: one component, one indicator, one tier, ready to edit."""
    if kind not in ("eligibility", "scoring"):
        raise _refuse("กรุณาเลือกชนิดของแบบประเมิน")
    if not title_th.strip():
        raise _refuse("กรุณากรอกชื่อแบบประเมิน", attribute="title_th")
    from pramoen.instruments.schema import Component
    from pramoen.studio.blanks import new_element

    document: dict[str, Any] = {
        "id": _free_instrument_id(f"esa{esa.pk}-{category or kind}"),
        "version": str(timezone.localdate().year + 543),
        "program": f"esa{esa.pk}",
        "kind": kind,
        "title_th": title_th.strip(),
        "rubric": {"components": [new_element(Component, [], {}, ())]},
    }
    if category:
        document["category"] = category
    if kind == "scoring":
        document["tiers"] = {"bands": [{"id": "t1", "label_th": "ผ่านเกณฑ์", "min": "0"}]}
    return _save_new(
        esa=esa, actor=actor, document=document, cloned_from="", action="studio.instrument_create"
    )


@transaction.atomic
def studio_instrument_clone(
    *, esa: Organization, actor: User | None, source_id: str
) -> StudioInstrument:
    """A copy of a shipped instrument, owned by ``esa``, under an id of its own."""
    try:
        source = get_instrument(source_id)
    except UnknownInstrument:
        raise _refuse("ไม่พบแบบประเมินต้นฉบับในคลังของระบบ") from None
    document = document_of(source)
    document["id"] = _free_instrument_id(f"esa{esa.pk}-{source.id}")
    return _save_new(
        esa=esa,
        actor=actor,
        document=document,
        cloned_from=source.id,
        action="studio.instrument_clone",
    )


def _store_draft(
    *,
    row: StudioInstrument,
    actor: User | None,
    document: dict[str, Any],
    action: str,
    pointer: Pointer,
    before: Any,
    after: Any,
) -> StudioInstrument:
    instrument = _validated(document)
    if instrument.id != row.instrument_id:
        raise _refuse(
            "รหัสของแบบประเมินเปลี่ยนไม่ได้หลังสร้างแล้ว (ฉบับที่เผยแพร่และการประกวดอ้างถึงรหัสนี้)",
            attribute="id",
        )
    row.draft = document
    row.title_th = instrument.title_th[:500]
    row.kind = instrument.kind
    row.updated_at = timezone.now()
    row.save(update_fields=["draft", "title_th", "kind", "updated_at"])
    audit_record(
        actor=actor,
        action=action,
        target=row,
        before={"element": location_th(document, pointer), "value": before},
        after={"element": location_th(document, pointer), "value": after},
    )
    return row


def _locked(row: StudioInstrument) -> StudioInstrument:
    return StudioInstrument.objects.select_for_update().get(pk=row.pk)


@transaction.atomic
def studio_draft_edit(
    *, instrument: StudioInstrument, actor: User | None, pointer: Pointer, data: dict[str, str]
) -> StudioInstrument:
    """Set the typed values of one element of the draft (only if the whole draft stays valid)."""
    row = _locked(instrument)
    try:
        model = drafts.model_at(row.draft, pointer)
        values = values_from(model, data)
        element = drafts.value_at(row.draft, pointer)
        before = {k: element.get(k) for k in values} if isinstance(element, dict) else None
        document = drafts.with_values(row.draft, pointer, values)
    except InputProblem as exc:
        where = location_th(row.draft, pointer)
        raise _refuse(
            f"{where}: {exc.message_th}", drafts.pointer_text(pointer), exc.attribute
        ) from None
    except DraftError as exc:
        raise _refuse(str(exc), drafts.pointer_text(pointer)) from None
    return _store_draft(
        row=row,
        actor=actor,
        document=document,
        action="studio.draft_edit",
        pointer=pointer,
        before=before,
        after=values,
    )


STRUCTURE_ACTIONS = ("add", "remove", "up", "down", "rule_kind")


@transaction.atomic
def studio_draft_restructure(
    *,
    instrument: StudioInstrument,
    actor: User | None,
    action: str,
    pointer: Pointer,
    argument: str = "",
) -> StudioInstrument:
    """Add, remove or move an element, or change the kind of a rule."""
    row = _locked(instrument)
    try:
        before = drafts.value_at(row.draft, pointer)
        if action == "add":
            document = drafts.with_child_added(row.draft, pointer, argument)
        elif action == "remove":
            document = drafts.with_removed(row.draft, pointer)
        elif action in ("up", "down"):
            document = drafts.with_moved(row.draft, pointer, -1 if action == "up" else 1)
        elif action == "rule_kind":
            document = drafts.with_rule_kind(row.draft, pointer, argument)
        else:
            raise DraftError("ไม่รู้จักคำสั่งนี้")
    except DraftError as exc:
        raise _refuse(str(exc), drafts.pointer_text(pointer)) from None
    return _store_draft(
        row=row,
        actor=actor,
        document=document,
        action=f"studio.draft_{action}",
        pointer=pointer,
        before=before if action != "add" else None,
        after=argument or action,
    )


@transaction.atomic
def studio_resolution_record(
    *, instrument: StudioInstrument, actor: User | None, key: str, text: str
) -> StudioInstrument:
    """Record (or clear) the author's resolution of one lint warning."""
    row = _locked(instrument)
    before = row.resolutions.get(key, "")
    text = text.strip()[:2000]
    if text:
        row.resolutions[key] = text
    else:
        row.resolutions.pop(key, None)
    row.save(update_fields=["resolutions"])
    audit_record(
        actor=actor,
        action="studio.warning_resolve",
        target=row,
        before={"warning": key, "resolution": before},
        after={"warning": key, "resolution": text},
    )
    return row


@transaction.atomic
def studio_sharing_set(
    *, instrument: StudioInstrument, actor: User | None, shared: bool
) -> StudioInstrument:
    row = _locked(instrument)
    before = row.shared_nationally
    row.shared_nationally = shared
    row.save(update_fields=["shared_nationally"])
    audit_record(
        actor=actor,
        action="studio.sharing_set",
        target=row,
        before={"shared_nationally": before},
        after={"shared_nationally": shared},
    )
    return row


@transaction.atomic
def studio_publish(
    *, instrument: StudioInstrument, actor: User | None, note_th: str = ""
) -> StudioVersion:
    """Freeze the draft as the next version (with its hash). Refused while lint reports an error,
    while a warning has no recorded resolution, or when nothing changed since the last version."""
    row = _locked(instrument)
    model = _validated(row.draft)
    findings = lint(model)
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        raise StudioRefused(
            [
                Problem("", "", f"ยังเผยแพร่ไม่ได้: {where_th(row.draft, f)} — {f.message_th}")
                for f in errors
            ]
        )
    pending = unresolved_warnings(row, findings)
    if pending:
        raise StudioRefused(
            [
                Problem(
                    "",
                    "",
                    f"กรุณาบันทึกการแก้ไขหรือเหตุผลของข้อสังเกต: {where_th(row.draft, f)} — {f.message_th}",
                )
                for f in pending
            ]
        )
    digest = version_hash(model)
    latest = row.versions.order_by("-number").first()
    if latest is not None and latest.version_hash == digest:
        raise _refuse("ฉบับร่างยังเหมือนฉบับที่เผยแพร่ล่าสุด ไม่มีอะไรให้เผยแพร่")
    if StudioVersion.objects.filter(version_hash=digest).exists():
        raise _refuse("เนื้อหานี้เคยเผยแพร่เป็นฉบับก่อนหน้าแล้ว กรุณาแก้ไขฉบับร่างก่อนเผยแพร่")
    snapshot = instrument_snapshot_store(instrument=model)
    version = StudioVersion.objects.create(
        instrument=row,
        number=(latest.number + 1) if latest else 1,
        version_hash=digest,
        document=snapshot.document,
        resolutions=dict(row.resolutions),
        note_th=note_th.strip()[:500],
        published_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(
        actor=actor,
        action="studio.publish",
        target=row,
        after={"version": version.number, "version_hash": digest, "note_th": version.note_th},
    )
    return version


def _parsed(text: str) -> Instrument:
    try:
        return parse_instrument(text, "ไฟล์ที่นำเข้า")
    except InstrumentLoadError as exc:
        problems = []
        for p in exc.problems:
            where = f"บรรทัดที่ {p.line}" if p.line else "ไฟล์"
            detail = f" ({p.location})" if p.location else ""
            problems.append(Problem("", "", f"{where}{detail}: {p.message_th}"))
        raise StudioRefused(problems) from None


@transaction.atomic
def studio_draft_import(
    *, instrument: StudioInstrument, actor: User | None, text: str
) -> StudioInstrument:
    """Replace the draft by an exported YAML file of the same instrument."""
    parsed = _parsed(text)
    row = _locked(instrument)
    if parsed.id != row.instrument_id:
        raise _refuse(f"ไฟล์นี้เป็นแบบประเมินอื่น (รหัส {parsed.id}) นำเข้าเป็นฉบับร่างของแบบประเมินนี้ไม่ได้")
    return _store_draft(
        row=row,
        actor=actor,
        document=document_of(parsed),
        action="studio.draft_import",
        pointer=(),
        before={"version_hash": version_hash(drafts.validate(row.draft))},
        after={"version_hash": version_hash(parsed)},
    )
