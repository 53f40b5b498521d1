"""Studio writes: clone, per-element edits, refused input, publishing, import, audit."""

from __future__ import annotations

import pytest

from pramoen.core.models import AuditEvent, InstrumentSnapshot
from pramoen.instruments import get_instrument, lint, version_hash
from pramoen.studio import drafts
from pramoen.studio.exchange import export_yaml
from pramoen.studio.models import StudioInstrument
from pramoen.studio.services import (
    StudioRefused,
    finding_key,
    studio_draft_edit,
    studio_draft_import,
    studio_draft_restructure,
    studio_instrument_clone,
    studio_instrument_create,
    studio_publish,
    studio_resolution_record,
    unresolved_warnings,
)
from tests.studio.conftest import BAND, TEACHER

pytestmark = pytest.mark.django_db


def _band(row: StudioInstrument) -> dict:
    return drafts.value_at(row.draft, drafts.parse_pointer(BAND))


def test_clone_copies_the_shipped_document_under_an_id_of_its_own(clone, esa):
    source = get_instrument(TEACHER)
    assert clone.esa == esa
    assert clone.instrument_id == f"esa{esa.pk}-{TEACHER}"
    assert clone.cloned_from == TEACHER
    copied = drafts.validate(clone.draft)
    assert copied.rubric == source.rubric
    assert (
        AuditEvent.objects.filter(action="studio.instrument_clone", target_id=str(clone.pk)).count()
        == 1
    )


def test_a_second_clone_gets_another_id(clone, esa, staff):
    second = studio_instrument_clone(esa=esa, actor=staff, source_id=TEACHER)
    assert second.instrument_id == f"{clone.instrument_id}-2"


def test_editing_a_band_saves_it_and_audits_who_changed_what(clone, staff):
    row = studio_draft_edit(
        instrument=clone, actor=staff, pointer=drafts.parse_pointer(BAND), data={"range": "๓–๓"}
    )
    assert (_band(row)["min"], _band(row)["max"]) == (3, 3)
    event = AuditEvent.objects.get(action="studio.draft_edit")
    assert event.actor == staff
    assert event.before["value"] == {"min": 2, "max": 3}
    assert event.after["value"] == {"min": 3, "max": 3}
    assert event.after["element"] == "องค์ประกอบ ๓ › ตัวชี้วัด ๑ › เกณฑ์การให้คะแนน › ช่วงที่ ๒"


def test_a_reversed_band_is_refused_with_a_located_thai_message(clone, staff):
    with pytest.raises(StudioRefused) as refused:
        studio_draft_edit(
            instrument=clone, actor=staff, pointer=drafts.parse_pointer(BAND), data={"range": "๗–๕"}
        )
    (problem,) = refused.value.problems
    assert problem.pointer == BAND
    assert problem.attribute == "range"
    assert problem.message_th == (
        "องค์ประกอบ ๓ › ตัวชี้วัด ๑ › เกณฑ์การให้คะแนน › ช่วงที่ ๒: "
        "ช่วง “๗–๕” ค่าแรกมากกว่าค่าหลัง กรุณาเขียนจากน้อยไปมาก เช่น ๕–๗"
    )
    clone.refresh_from_db()
    assert (_band(clone)["min"], _band(clone)["max"]) == (2, 3)
    assert not AuditEvent.objects.filter(action="studio.draft_edit").exists()


def test_a_number_that_is_not_one_is_refused_where_it_was_typed(clone, staff):
    level = "rubric.components.3.indicators.0.levels.0"
    with pytest.raises(StudioRefused) as refused:
        studio_draft_edit(
            instrument=clone,
            actor=staff,
            pointer=drafts.parse_pointer(level),
            data={"points": "สิบ"},
        )
    (problem,) = refused.value.problems
    assert (problem.pointer, problem.attribute) == (level, "points")
    assert problem.message_th == "องค์ประกอบ ๓ › ตัวชี้วัด ๑ › ระดับ ๓: “สิบ” ไม่ใช่ตัวเลข"


def test_points_on_a_missing_level_is_saved_and_linted_as_an_error_on_the_indicator(clone, staff):
    row = studio_draft_edit(
        instrument=clone, actor=staff, pointer=drafts.parse_pointer(BAND), data={"level": "l9"}
    )
    errors = [f for f in lint(drafts.validate(row.draft)) if f.severity == "error"]
    assert [(f.path, f.message_th) for f in errors] == [("c3.i1", "ไม่มีระดับ l9 ในตัวชี้วัดนี้")]
    with pytest.raises(StudioRefused) as refused:
        studio_publish(instrument=row, actor=staff)
    assert refused.value.messages == ["ยังเผยแพร่ไม่ได้: องค์ประกอบ ๓ › ตัวชี้วัด ๑ — ไม่มีระดับ l9 ในตัวชี้วัดนี้"]


def test_a_gate_with_no_indicators_is_a_lint_error(clone, staff):
    row = studio_draft_restructure(
        instrument=clone, actor=staff, action="add", pointer=(), argument="gates"
    )
    gate = row.draft["gates"][-1]
    assert gate["kind"] == "all_pass"
    errors = [f for f in lint(drafts.validate(row.draft)) if f.code == "gate_without_indicators"]
    assert [f.path for f in errors] == [f"gates.{gate['id']}"]
    assert errors[0].severity == "error"


def test_removing_the_last_indicator_of_a_component_is_refused(clone, staff):
    component = drafts.value_at(clone.draft, ("rubric", "components", 3))
    assert len(component["indicators"]) == 2
    row = studio_draft_restructure(
        instrument=clone,
        actor=staff,
        action="remove",
        pointer=drafts.parse_pointer("rubric.components.3.indicators.1"),
    )
    with pytest.raises(StudioRefused) as refused:
        studio_draft_restructure(
            instrument=row,
            actor=staff,
            action="remove",
            pointer=drafts.parse_pointer("rubric.components.3.indicators.0"),
        )
    assert refused.value.messages == ["องค์ประกอบ ๓ › ตัวชี้วัด: ต้องมีอย่างน้อย ๑ รายการ"]


def test_a_warning_needs_a_recorded_resolution_before_publishing(clone, staff):
    row = studio_draft_edit(
        instrument=clone, actor=staff, pointer=drafts.parse_pointer(BAND), data={"range": "๓–๓"}
    )
    (pending,) = unresolved_warnings(row, lint(drafts.validate(row.draft)))
    assert pending.message_th == "ไม่มีเกณฑ์รองรับบางกรณีที่ทำได้ ๒ รายการ"
    with pytest.raises(StudioRefused):
        studio_publish(instrument=row, actor=staff)
    row = studio_resolution_record(
        instrument=row,
        actor=staff,
        key=finding_key(pending),
        text="ทำได้ ๒ รายการไม่ได้คะแนน ตามมติคณะกรรมการ",
    )
    version = studio_publish(instrument=row, actor=staff, note_th="ปรับช่วงคะแนน")
    assert version.number == 1
    assert version.version_hash == version_hash(drafts.validate(row.draft))
    assert InstrumentSnapshot.objects.filter(version_hash=version.version_hash).exists()
    assert AuditEvent.objects.filter(action="studio.warning_resolve").count() == 1
    assert (
        AuditEvent.objects.get(action="studio.publish").after["version_hash"]
        == version.version_hash
    )


def test_publishing_an_unchanged_draft_again_is_refused(clone, staff):
    studio_publish(instrument=clone, actor=staff)
    with pytest.raises(StudioRefused) as refused:
        studio_publish(instrument=clone, actor=staff)
    assert refused.value.messages == ["ฉบับร่างยังเหมือนฉบับที่เผยแพร่ล่าสุด ไม่มีอะไรให้เผยแพร่"]


def test_a_published_version_does_not_follow_later_draft_edits(clone, staff):
    version = studio_publish(instrument=clone, actor=staff)
    studio_draft_edit(
        instrument=clone,
        actor=staff,
        pointer=drafts.parse_pointer(BAND),
        data={"printed_th": "ใหม่"},
    )
    version.refresh_from_db()
    assert version_hash(drafts.validate(version.document)) == version.version_hash


def test_the_instrument_id_cannot_change(clone, staff):
    with pytest.raises(StudioRefused) as refused:
        studio_draft_edit(instrument=clone, actor=staff, pointer=(), data={"id": "another"})
    assert refused.value.problems[0].attribute == "id"


def test_yaml_export_imports_back_with_the_same_hash(clone, staff):
    version = studio_publish(instrument=clone, actor=staff)
    text = export_yaml(drafts.validate(version.document))
    studio_draft_edit(
        instrument=clone, actor=staff, pointer=drafts.parse_pointer(BAND), data={"range": "๓–๓"}
    )
    row = studio_draft_import(instrument=clone, actor=staff, text=text)
    assert version_hash(drafts.validate(row.draft)) == version.version_hash


def test_importing_a_broken_file_names_the_line(clone, staff):
    text = export_yaml(drafts.validate(clone.draft)).replace("kind: scoring", "kind: [", 1)
    with pytest.raises(StudioRefused) as refused:
        studio_draft_import(instrument=clone, actor=staff, text=text)
    assert refused.value.messages[0].startswith("บรรทัดที่ ")
    assert refused.value.messages[0].endswith("ไฟล์ YAML มีรูปแบบไม่ถูกต้อง")


def test_importing_another_instrument_is_refused(clone, staff):
    text = export_yaml(get_instrument(TEACHER))
    with pytest.raises(StudioRefused) as refused:
        studio_draft_import(instrument=clone, actor=staff, text=text)
    assert refused.value.messages == [
        f"ไฟล์นี้เป็นแบบประเมินอื่น (รหัส {TEACHER}) นำเข้าเป็นฉบับร่างของแบบประเมินนี้ไม่ได้"
    ]


def test_an_instrument_from_scratch_is_valid_and_publishable(esa, staff):
    row = studio_instrument_create(
        esa=esa, actor=staff, title_th="แบบประเมินศึกษานิเทศก์", kind="scoring"
    )
    instrument = drafts.validate(row.draft)
    assert [f for f in lint(instrument) if f.severity == "error"] == []
    pending = unresolved_warnings(row, lint(instrument))
    for finding in pending:
        row = studio_resolution_record(
            instrument=row, actor=staff, key=finding_key(finding), text="รับทราบ"
        )
    assert studio_publish(instrument=row, actor=staff).number == 1
