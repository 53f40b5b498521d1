"""NARA 2 AWARDS 2569, teacher instruments (แบบประเมินผลงานครูผู้สอน): golden cases computed by hand.

Source: seed 003_be8cf020a0793ad8, lines 520-676 (personal part 523-543, eligibility 545-562,
structure 564-583, learner-outcome variants 585-607, innovation 609-635, common indicators
637-676) and the announcement (qualifications 77-90, tiers 133-140).

How a teacher entry is scored (every defect and the reading applied is in the YAML files):

* ``nara2-teacher-eligibility`` — ตอนที่ ๒, six pass/fail indicators; each needs every item
  (L562) and the teacher needs all six (resolution how_indicators_combine). Indicator ๓ also needs
  each of the 3 activity kinds at least once and 10 or more in total; indicator ๔ needs leave of at
  most 2 per semester and 4 per year, and only the sub-list (๔.๑/๔.๒/๔.๓) of the teacher's own type.
* Academic domain, one instrument per teacher type: ``spec`` (ผลที่เกิดกับผู้เรียน, 10 points, levels
  ๓/๒/๑ = 10/7/5) + the common indicators. Innovation domain: ``inn`` (9 indicators, ดีเยี่ยม/ดีมาก/ดี
  = 3/2/1 raw, scaled 10 × raw / 27 — an ESA decision, the form prints no points) + the common ones.
* Common indicators (identical in all five scoring instruments):
  c1 (40) i1 items {1..4}: all 4 → 10, ⊇{1,2,3} → 7, ⊇{1,2} → 5 (points are an ESA decision);
          i2 3/2/1 items → 10/7/5 (ESA points); i3 4/3/2 items → 10/7/5 (ESA points), 1 → 0;
          i4 3-4/2/1 items → 10/7/5;
  c2 (20) i1 4/3/2 items → 10/7/5, 1 → 0; i2 hours/year: ≥ 41 → 10, [21, 41) → 7, [20, 21) → 5,
          < 20 → 0 with a warning;
  c3 (30) i1 4-5/2-3/1 items → 10/7/5; i2 compound: all 3 methods AND 100 % → 20, at least 2
          methods AND ≥ 80 % → 15, at least 1 method AND > 0 % → 10, else 0.
* Tier on the unrounded total: gold [80, 100], silver [70, 80), bronze [60, 70), honourable
  [50, 60); failed eligibility → no tier, no certificate.
"""

from __future__ import annotations

import copy
from decimal import Decimal
from functools import cache
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pramoen.instruments import LIBRARY_DIR, Instrument, apply_overrides, load_instrument
from pramoen.instruments.answers import validate_answers
from pramoen.instruments.lint import lint
from pramoen.instruments.scoring import ScoreResult, compile_instrument, score

TEACHER = LIBRARY_DIR / "nara2" / "teacher"
ELIGIBILITY = "nara2-teacher-eligibility"
SUBJECT = "nara2-teacher-academic-subject"
ACTIVITY = "nara2-teacher-academic-activity"
EARLY = "nara2-teacher-academic-early-childhood"
SPECIAL = "nara2-teacher-academic-special-needs"
INNOVATION = "nara2-teacher-innovation"
SCORING = (SUBJECT, ACTIVITY, EARLY, SPECIAL, INNOVATION)
ALL = (ELIGIBILITY, *SCORING)
TEN_PLACES = Decimal("1e-10")


@cache  # instruments are immutable once loaded; loading validates a few thousand nodes
def _load(instrument_id: str) -> Instrument:
    return load_instrument(TEACHER / f"{instrument_id}.yaml")


def _q(value: Decimal) -> Decimal:
    return value.quantize(TEN_PLACES)


def _first(n: int) -> list[int]:
    """The first ``n`` items checked (for count bands which ones does not matter)."""
    return list(range(1, n + 1))


# องค์ประกอบที่ ๓ ตัวชี้วัด ๒, methods ๑-๓ (field c3_methods).
METHODS = ("research", "innovation", "care_system")

PERSON = {
    "name_prefix": "nang",
    "first_name": "สมหญิง",
    "last_name": "ตั้งใจสอน",
    "position": "ครู วิทยฐานะครูชำนาญการ",
    "school": "โรงเรียนบ้านตัวอย่าง",
    "level": "primary",
    "domain": "academic",
    "learning_area": "mathematics",
}


def _common(
    c1: tuple[list[int], list[int], list[int], list[int]],
    c2_i1: list[int],
    hours: list[str],
    c3_i1: list[int],
    methods: list[int],
    solved_pct: str,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(fields, indicator answers) of the common indicators c1-c3."""
    indicators = {f"c1.i{k}": {"checked": checked} for k, checked in enumerate(c1, start=1)}
    indicators["c2.i1"] = {"checked": c2_i1}
    indicators["c3.i1"] = {"checked": c3_i1}
    log = [
        {
            "year_be": 2568,
            "hours": h,
            "topic": "อบรมเชิงปฏิบัติการ",
            "provider": "สพป.นราธิวาส เขต ๒",
            "use_of_results": "นำไปใช้ในชั้นเรียน",
        }
        for h in hours
    ]
    fields = {
        "self_dev_log": log,
        "c3_methods": [METHODS[m - 1] for m in methods],
        "c3_solved_pct": solved_pct,
    }
    return fields, indicators


FULL_COMMON = _common(
    (_first(4), _first(3), _first(4), _first(4)),
    _first(4),
    ["30", "15"],
    _first(5),
    [1, 2, 3],
    "100",
)


def _answers(
    instrument_id: str,
    specific: dict[str, Any],
    common: tuple[dict[str, Any], dict[str, Any]] = FULL_COMMON,
    eligible: bool | None = True,
    person: dict[str, Any] | None = None,
) -> dict[str, Any]:
    fields, indicators = copy.deepcopy(common)
    answers: dict[str, Any] = {
        "instrument": instrument_id,
        "fields": {**(person or PERSON), **fields},
        "indicators": {**specific, **indicators},
    }
    if eligible is not None:
        answers["eligibility"] = {ELIGIBILITY: eligible}
    return answers


def _score(instrument_id: str, answers: dict[str, Any]) -> ScoreResult:
    return score(_load(instrument_id), answers)


def _points(result: ScoreResult) -> dict[str, Decimal]:
    return {c.path: c.points for c in result.components}


def _warned(result: ScoreResult) -> dict[str, str]:
    return {m.path: m.code for m in result.warnings}


# --------------------------------------------------------------------------- the library itself


@pytest.mark.parametrize("instrument_id", ALL)
def test_teacher_instrument_lints_without_errors_and_every_finding_is_resolved(
    instrument_id: str,
) -> None:
    findings = lint(_load(instrument_id))
    assert [f.render() for f in findings if f.severity == "error"] == []
    # Seed defects are warnings, each carrying the reading we apply.
    assert [f.render() for f in findings if f.resolution is None] == []
    assert any(f.severity == "warning" for f in findings)


def test_teacher_seed_defects_are_reported_where_the_form_has_them() -> None:
    found = {(f.path, f.code) for f in lint(_load(SUBJECT))}
    # องค์ประกอบที่ ๒ ส่วนที่ ๒: ๔๑ hours in two bands, nothing below ๒๐ or between ๒๐ and ๒๑.
    assert ("c2.i2", "overlapping_ranges") in found
    assert ("c2.i2", "gapped_ranges") in found
    # Levels without points (c1 i1-i3), one achieved item matching no band (c1.i3, c2.i1).
    assert {
        ("c1.i1", "missing_points"),
        ("c1.i2", "missing_points"),
        ("c1.i3", "missing_points"),
    } <= found
    assert {("c1.i3", "gapped_bands"), ("c2.i1", "gapped_bands")} <= found
    eligibility = {(f.path, f.code) for f in lint(_load(ELIGIBILITY))}
    assert ("p2.i6", "numbering") in eligibility  # printed ๑, ๓: no ๒
    special = {(f.path, f.code) for f in lint(_load(SPECIAL))}
    # "๑-๒ และอีก ๒ / ๑ รายการ" read as a count overlaps (3 items in both bands).
    assert ("spec.i1", "overlapping_bands") in special


def test_teacher_common_indicators_are_identical_in_every_scoring_instrument() -> None:
    # The schema has no includes, so c1-c3 are repeated; a drift between copies is a defect of ours.
    def common(instrument_id: str) -> list[dict[str, Any]]:
        instrument = _load(instrument_id)
        return [
            c.model_dump(mode="json")
            for c in instrument.rubric.components
            if c.id in ("c1", "c2", "c3")
        ]

    reference = common(SUBJECT)
    assert [c["id"] for c in reference] == ["c1", "c2", "c3"]
    for instrument_id in SCORING[1:]:
        assert common(instrument_id) == reference, instrument_id


@pytest.mark.parametrize("instrument_id", SCORING)
def test_teacher_scoring_maximum_is_100(instrument_id: str) -> None:
    compiled = compile_instrument(_load(instrument_id))
    assert compiled.static_maximum == 100
    assert _load(instrument_id).aggregation.stated_max == 100


def _attribute(node: Any, attr_path: str) -> Any:
    """Follow an override attribute path the way apply_overrides addresses list elements."""
    for part in attr_path.split("."):
        if isinstance(node, list):
            node = next(
                e for e in node if any(str(e.get(k)) == part for k in ("id", "level", "component"))
            )
        else:
            node = node[part]
    return node


def _node(data: dict[str, Any], node_path: str) -> dict[str, Any]:
    if node_path == "":
        return data
    parts = node_path.split(".")
    node = next(c for c in data["rubric"]["components"] if c["id"] == parts[0])
    if len(parts) > 1:
        node = next(i for i in node["indicators"] if i["id"] == parts[1])
    return node


@pytest.mark.parametrize("instrument_id", ALL)
def test_teacher_resolution_parameters_name_real_attributes(instrument_id: str) -> None:
    # Every override key a resolution advertises must be accepted by apply_overrides; setting each
    # to its current value must leave the version hash unchanged.
    instrument = _load(instrument_id)
    data = instrument.model_dump(mode="json", by_alias=True, exclude_none=True)
    keys = set()
    for node in [
        instrument,
        *instrument.rubric.components,
        *(i for _p, _c, i in instrument.iter_indicators()),
    ]:
        for defect in node.defects:
            if defect.resolution is not None:
                keys.update(defect.resolution.parameters)
    if instrument.tiers is not None:
        for defect in instrument.tiers.defects:
            keys.update(defect.resolution.parameters if defect.resolution else [])
    for key in sorted(keys):
        node_path, _, attr_path = key.partition("/")
        current = _attribute(_node(data, node_path), attr_path)
        same = apply_overrides(instrument, {key: current})
        assert (
            compile_instrument(same).version_hash == compile_instrument(instrument).version_hash
        ), key


# --------------------------------------------------------------------------- eligibility


ELIGIBILITY_FIELDS = {
    **PERSON,
    "activities_colleagues": 4,
    "activities_student_care": 3,
    "activities_community": 3,
    "leave_semester_1": 2,
    "leave_semester_2": 2,
}


def _eligibility_answers(fields: dict[str, Any] | None = None, **indicators: Any) -> dict[str, Any]:
    answers = {
        "p2.i1": {"checked": [1, 2, 3, 4]},
        "p2.i2": {"checked": [1]},
        "p2.i3": {"checked": [1, 2, 3]},
        # items ๑-๓ and the ๔.๒ sub-list (a primary mathematics teacher); ๔ is only the heading
        "p2.i4": {"checked": ["1", "2", "3", "4_2"]},
        "p2.i5": {"checked": [1, 2]},
        "p2.i6": {"checked": ["1", "3"]},
    }
    answers.update({k.replace("_", ".", 1): v for k, v in indicators.items()})
    return {
        "instrument": ELIGIBILITY,
        "fields": {**ELIGIBILITY_FIELDS, **(fields or {})},
        "indicators": answers,
    }


def test_eligibility_golden_everything_passes() -> None:
    # All items of the six indicators passed; activities 4 + 3 + 3 = 10 (each kind ≥ 1, total
    # ≥ ๑๐ รายการ); leave 2 + 2 (≤ ๒/ภาคเรียน, ≤ ๔/ปี); primary teacher → sub-list ๔.๒ checked.
    answers = _eligibility_answers()
    assert validate_answers(_load(ELIGIBILITY), answers) == []
    result = _score(ELIGIBILITY, answers)
    assert [result.indicator(f"p2.i{k}").passed for k in range(1, 7)] == [True] * 6
    assert result.passed is True
    assert result.total == 0 and result.tier is None


def test_eligibility_golden_activities_must_cover_all_three_kinds_and_reach_ten() -> None:
    # ตัวชี้วัด ๓ "ต้องปฏิบัติครบทั้ง ๓ กิจกรรมรวมไม่น้อยกว่า ๑๐ รายการ": 6 + 4 + 0 = 10 but no community
    # activity → fails; 4 + 3 + 2 = 9 → fails (total < 10); 1 + 1 + 8 = 10 → passes.
    for counts, expected in (((6, 4, 0), False), ((4, 3, 2), False), ((1, 1, 8), True)):
        fields = dict(
            zip(
                ("activities_colleagues", "activities_student_care", "activities_community"),
                counts,
                strict=True,
            )
        )
        result = _score(ELIGIBILITY, _eligibility_answers(fields))
        assert result.indicator("p2.i3").passed is expected, counts
        assert result.passed is expected, counts


def test_eligibility_golden_leave_and_own_sub_list() -> None:
    # ตัวชี้วัด ๔ ข้อ ๒: 3 leaves in semester 2 → fails although the judge ticked item ๒.
    result = _score(ELIGIBILITY, _eligibility_answers({"leave_semester_2": 3}))
    assert result.indicator("p2.i4").passed is False
    assert result.passed is False
    # ข้อ ๔: an early-childhood teacher must show ๔.๑ (แผนการจัดประสบการณ์ …), not ๔.๒.
    early = {"level": "early_childhood", "learning_area": None}
    wrong = _eligibility_answers(early, p2_i4={"checked": ["1", "2", "3", "4_2"]})
    right = _eligibility_answers(early, p2_i4={"checked": ["1", "2", "3", "4_1"]})
    assert _score(ELIGIBILITY, wrong).indicator("p2.i4").passed is False
    assert _score(ELIGIBILITY, right).indicator("p2.i4").passed is True
    # การศึกษาพิเศษ → ๔.๓ (IEP, IIP, IEP Online, ID Plan/PA); activities teachers use ๔.๒.
    special = {"learning_area": "special_education"}
    assert (
        _score(
            ELIGIBILITY, _eligibility_answers(special, p2_i4={"checked": ["1", "2", "3", "4_3"]})
        ).passed
        is True
    )
    activities = {"learning_area": "student_activities"}
    assert _score(ELIGIBILITY, _eligibility_answers(activities)).passed is True


def test_eligibility_golden_indicator_6_has_printed_items_1_and_3_only() -> None:
    # ตัวชี้วัด ๖ prints ๑ and ๓ (no ๒): both required. Only ๑ → fails the whole eligibility.
    result = _score(ELIGIBILITY, _eligibility_answers(p2_i6={"checked": ["1"]}))
    assert result.indicator("p2.i6").passed is False
    assert result.passed is False
    # The item with printed number ๓ is the second on the list: position 2 and id "3" agree.
    assert _score(ELIGIBILITY, _eligibility_answers(p2_i6={"checked": [1, 2]})).passed is True


# --------------------------------------------------------------------------- subject variant


def test_subject_golden_full_marks_gold() -> None:
    # spec 5 of 5 (ทำได้ ๔-๕ รายการ) → 10; c1: 10 + 10 + 10 + 10 = 40; c2: 4 items → 10, 45 h
    # (≥ ๔๑) → 10 = 20; c3: 5 items → 10, 3 methods at 100 % → 20 = 30. Total 100 → gold.
    result = _score(SUBJECT, _answers(SUBJECT, {"spec.i1": {"checked": _first(5)}}))
    assert _points(result) == {"spec": 10, "c1": 40, "c2": 20, "c3": 30}
    assert (result.total, result.maximum, result.tier, result.passed) == (100, 100, "gold", True)
    assert result.warnings == ()


def test_subject_golden_mixed_with_form_gaps_honourable() -> None:
    # spec 3 items (๒-๓) → 7.
    # c1.i1 {1,2,3} (รายการ ที่ ๑ - ๓) → 7; c1.i2 2 items → 7; c1.i3 1 item → no band → 0
    # (resolution one_item_no_band); c1.i4 2 items → 7.  c1 = 21.
    # c2.i1 3 items → 7; hours 12 + 7.5 = 19.5 < 20 → no band → 0 (resolution hours_gaps). c2 = 7.
    # c3.i1 1 item → 5; c3.i2 methods ๑ and ๓ at 85 % (≥ 2 methods, ≥ 80 %) → ระดับ ๒ → 15. c3 = 20.
    # Total 7 + 21 + 7 + 20 = 55 → honourable [50, 60).
    common = _common(([1, 2, 3], [1, 2], [4], [2, 3]), [1, 2, 3], ["12", "7.5"], [5], [1, 3], "85")
    result = _score(SUBJECT, _answers(SUBJECT, {"spec.i1": {"checked": [1, 3, 5]}}, common))
    assert [result.indicator(p).points for p in ("c1.i1", "c1.i2", "c1.i3", "c1.i4")] == [
        7,
        7,
        0,
        7,
    ]
    assert result.indicator("c2.i2").points == 0
    assert result.indicator("c3.i2").level == "l2"
    assert _points(result) == {"spec": 7, "c1": 21, "c2": 7, "c3": 20}
    assert result.total == 55 and result.tier == "honourable"
    warned = _warned(result)
    assert warned["c1.i3"] == "no_band" and warned["c2.i2"] == "no_band"
    hours_warning = next(m for m in result.warnings if m.path == "c2.i2")
    assert "19.5" in hours_warning.message_en


def test_subject_golden_exactly_80_is_gold_and_failed_eligibility_gets_no_tier() -> None:
    # spec 1 item → 5.
    # c1.i1 {1,2,4}: has ๑ and ๒ but not ๓ → "รายการ ที่ ๑ - ๒" → 5; c1.i2 3 → 10; c1.i3 2 → 5;
    # c1.i4 1 → 5. c1 = 25.
    # c2.i1 4 → 10; hours exactly 41 → ดีเยี่ยม (resolution hours_overlap_41) → 10. c2 = 20.
    # c3.i1 4 → 10; c3.i2 3 methods at 100 % → 20. c3 = 30.  Total 5 + 25 + 20 + 30 = 80 → gold.
    common = _common(
        ([1, 2, 4], _first(3), [1, 2], [1]), _first(4), ["41"], _first(4), [1, 2, 3], "100"
    )
    result = _score(SUBJECT, _answers(SUBJECT, {"spec.i1": {"checked": [2]}}, common))
    assert result.indicator("c1.i1").level == "l1"
    assert result.indicator("c2.i2").level == "excellent"
    assert _points(result) == {"spec": 5, "c1": 25, "c2": 20, "c3": 30}
    assert result.total == 80 and result.tier == "gold"
    # Same answers, eligibility (ตอนที่ ๒) failed: total kept, no tier, no certificate (L140).
    failed = _score(
        SUBJECT, _answers(SUBJECT, {"spec.i1": {"checked": [2]}}, common, eligible=False)
    )
    assert failed.total == 80 and failed.tier is None and failed.passed is False
    assert failed.tier_label_th == "ผู้ที่ตรวจคุณสมบัติเบื้องต้นแล้ว ไม่ผ่าน ไม่มอบเกียรติบัตร"
    # Eligibility not yet known: the tier is provisional.
    pending = _score(
        SUBJECT, _answers(SUBJECT, {"spec.i1": {"checked": [2]}}, common, eligible=None)
    )
    assert pending.tier == "gold" and pending.tier_provisional is True


@pytest.mark.parametrize(
    ("hours", "points", "level"),
    [
        (["19"], 0, None),  # below ๒๐: no band (warning)
        (["20"], 5, "good"),  # "ดี ได้รับการพัฒนา ๒๐ ชั่วโมง/ปี"
        (["12", "8.5"], 5, "good"),  # 20.5: between the printed ๒๐ and ๒๑ → read as ดี
        (["21"], 7, "very_good"),  # "ดีมาก ๒๑ - ๔๑"
        (["40", "0.5"], 7, "very_good"),
        (["41"], 10, "excellent"),  # in both printed bands → ดีเยี่ยม ("๔๑ ชั่วโมง/ปีขึ้นไป")
        ([], 0, None),  # no development reported
    ],
)
def test_common_self_development_hours_bands(
    hours: list[str], points: int, level: str | None
) -> None:
    common = _common(
        (_first(4), _first(3), _first(4), _first(4)), _first(4), hours, _first(5), [1, 2, 3], "100"
    )
    result = _score(EARLY, _answers(EARLY, {"spec.i1": {"checked": _first(4)}}, common))
    indicator = result.indicator("c2.i2")
    assert (indicator.points, indicator.level) == (points, level)
    assert ("c2.i2" in _warned(result)) is (level is None)


@pytest.mark.parametrize(
    ("methods", "pct", "points"),
    [
        ([1, 2, 3], "100", 20),  # ระดับ ๓: ทั้ง ๓ วิธี ร้อยละ ๑๐๐
        ([1, 2, 3], "99.5", 15),  # all 3 methods but below 100 % → ระดับ ๒ (≥ 2 methods, ≥ 80 %)
        ([2, 3], "100", 15),  # only 2 methods, even at 100 % → ระดับ ๒
        ([1, 2, 3], "79.99", 10),  # below 80 % → ระดับ ๑ (≥ 1 method, > 0 %)
        ([3], "100", 10),  # one method → ระดับ ๑
        ([1], "0", 0),  # nothing solved: no level (resolution level1_no_percentage)
        ([], "100", 0),  # no method used
    ],
)
def test_common_c3_i2_compound_methods_and_percentage(
    methods: list[int], pct: str, points: int
) -> None:
    common = _common(
        (_first(4), _first(3), _first(4), _first(4)), _first(4), ["45"], _first(5), methods, pct
    )
    result = _score(SUBJECT, _answers(SUBJECT, {"spec.i1": {"checked": _first(5)}}, common))
    assert result.indicator("c3.i2").points == points
    assert result.total == 80 + points


def test_common_c3_i2_a_method_chosen_twice_counts_once() -> None:
    # Three ticks of the same method (วิจัยในชั้นเรียน) are one method: ระดับ ๑ (10), not ระดับ ๓.
    common = _common(
        (_first(4), _first(3), _first(4), _first(4)), _first(4), ["45"], _first(5), [], "100"
    )
    answers = _answers(SUBJECT, {"spec.i1": {"checked": _first(5)}}, common)
    answers["fields"]["c3_methods"] = ["research", "research", "research"]
    assert _score(SUBJECT, answers).indicator("c3.i2").points == 10


# --------------------------------------------------------------------------- activities variant


@pytest.mark.parametrize(
    ("checked", "points"),
    [
        ([1, 2, 3, 4, 5], 10),  # ทำได้ ๕ รายการ
        ([1, 2, 4, 5], 7),  # รายการ ที่ ๑, ๒ และ อีก ๒ รายการ
        ([1, 2, 3], 5),  # รายการ ที่ ๑, ๒ และ อีก ๑ รายการ
        ([1, 3, 4, 5], 0),  # 4 items but not ๒: no band (resolution no_band_without_items_1_2)
        ([1, 2], 0),  # ๑ and ๒ alone: no band
    ],
)
def test_activity_specific_bands(checked: list[int], points: int) -> None:
    result = _score(ACTIVITY, _answers(ACTIVITY, {"spec.i1": {"checked": checked}}))
    assert result.indicator("spec.i1").points == points
    assert result.total == 90 + points  # the common indicators are at full marks (90)


def test_activity_golden_required_items_silver() -> None:
    # spec {1,2,5} → ๑, ๒ และอีก ๑ → 5.
    # c1: i1 {1,2,3,4} → 10; i2 3 → 10; i3 3 → 7; i4 {1,2} → 7.  c1 = 34.
    # c2: i1 2 items → 5; hours 20 + 5 = 25 → ดีมาก → 7.  c2 = 12.
    # c3: i1 {2,3} → 7; i2 methods ๑, ๒ at 90 % → 15.  c3 = 22.
    # Total 5 + 34 + 12 + 22 = 73 → silver [70, 80).
    common = _common(
        (_first(4), _first(3), [1, 2, 4], [1, 2]), [1, 4], ["20", "5"], [2, 3], [1, 2], "90"
    )
    result = _score(ACTIVITY, _answers(ACTIVITY, {"spec.i1": {"checked": [1, 2, 5]}}, common))
    assert _points(result) == {"spec": 5, "c1": 34, "c2": 12, "c3": 22}
    assert result.total == 73 and result.tier == "silver"


def test_activity_golden_items_3_to_5_only_get_nothing_silver() -> None:
    # spec {3,4,5}: district, regional and national awards but not items ๑ and ๒ → no band → 0.
    # c1: i1 {3,4} → no band (needs ๑ and ๒) → 0; i2 3 → 10; i3 4 → 10; i4 4 → 10.  c1 = 30.
    # c2: i1 4 → 10; hours 41 → 10.  c2 = 20.
    # c3: i1 3 items → 7; i2 methods ๑, ๒, ๓ at 80 % → ระดับ ๒ → 15.  c3 = 22.
    # Total 0 + 30 + 20 + 22 = 72 → silver; without eligibility passing there is no tier.
    common = _common(
        ([3, 4], _first(3), _first(4), _first(4)), _first(4), ["41"], _first(3), [1, 2, 3], "80"
    )
    result = _score(ACTIVITY, _answers(ACTIVITY, {"spec.i1": {"checked": [3, 4, 5]}}, common))
    assert _points(result) == {"spec": 0, "c1": 30, "c2": 20, "c3": 22}
    assert result.total == 72 and result.tier == "silver"
    assert {"spec.i1", "c1.i1"} <= set(_warned(result))


# --------------------------------------------------------------------------- early childhood


@pytest.mark.parametrize(
    ("checked", "points"),
    [([1, 2, 3, 4], 10), ([1, 4], 7), ([2, 3, 4], 7), ([3], 5), ([], 0)],
)
def test_early_childhood_specific_bands(checked: list[int], points: int) -> None:
    # ทำได้ ๔ รายการ (๑๐) / ทำได้ ๒, ๓ รายการ (๗) / ทำได้ ๑ รายการ (๕); none → 0.
    result = _score(EARLY, _answers(EARLY, {"spec.i1": {"checked": checked}}))
    assert result.indicator("spec.i1").points == points


def test_early_childhood_golden_honourable() -> None:
    # spec {1,2} (พัฒนาการทางร่างกาย, อารมณ์และจิตใจ) → ๒, ๓ รายการ → 7.
    # c1: i1 {1,2} → 5; i2 1 → 5; i3 2 → 5; i4 1 → 5.  c1 = 20.
    # c2: i1 3 → 7; hours 24 → 7.  c2 = 14.
    # c3: i1 2 → 7; i2 method ๒ at 60 % → ระดับ ๑ → 10.  c3 = 17.
    # Total 7 + 20 + 14 + 17 = 58 → honourable [50, 60).
    common = _common(([1, 2], [2], [1, 2], [3]), [1, 2, 3], ["24"], [1, 5], [2], "60")
    person = {**PERSON, "level": "early_childhood", "learning_area": None}
    result = _score(EARLY, _answers(EARLY, {"spec.i1": {"checked": [1, 2]}}, common, person=person))
    assert _points(result) == {"spec": 7, "c1": 20, "c2": 14, "c3": 17}
    assert result.total == 58 and result.tier == "honourable"


def test_early_childhood_golden_below_50_no_tier() -> None:
    # spec 1 item → 5; c1: i1 {1,2,3} → 7, i2 0 → 0, i3 0 → 0, i4 0 → 0 = 7;
    # c2: i1 2 → 5, hours 20 → 5 = 10; c3: i1 1 → 5, i2 none → 0 = 5.
    # Total 5 + 7 + 10 + 5 = 27 → below honourable (50): no tier although eligible.
    common = _common(([1, 2, 3], [], [], []), [1, 2], ["20"], [4], [], "0")
    result = _score(EARLY, _answers(EARLY, {"spec.i1": {"checked": [4]}}, common))
    assert _points(result) == {"spec": 5, "c1": 7, "c2": 10, "c3": 5}
    assert result.total == 27 and result.tier is None and result.passed is True
    assert result.tier_label_th == "ไม่ได้รับรางวัล"


# --------------------------------------------------------------------------- special needs


@pytest.mark.parametrize(
    ("checked", "points"),
    [
        ([1, 2, 3, 4, 5], 10),  # ทำได้ ๕ รายการ
        ([1, 2, 3, 5], 7),  # ๑-๒ และอีก ๒ รายการ (read: items ๑ and ๒ plus 2 others)
        ([1, 2, 4], 5),  # ๑-๒ และอีก ๑ รายการ
        ([1, 3, 4, 5], 0),  # item ๒ missing; the count reading would have given 7
        ([2, 3, 4], 0),  # item ๑ missing; the count reading would have given 5 or 7
    ],
)
def test_special_needs_specific_bands(checked: list[int], points: int) -> None:
    result = _score(SPECIAL, _answers(SPECIAL, {"spec.i1": {"checked": checked}}))
    assert result.indicator("spec.i1").points == points


def test_special_needs_golden_gold_and_silver() -> None:
    # spec {1,2,4,5} → 7; common at full marks 90 → 97 → gold.
    special = {**PERSON, "learning_area": "special_education"}
    result = _score(
        SPECIAL, _answers(SPECIAL, {"spec.i1": {"checked": [1, 2, 4, 5]}}, person=special)
    )
    assert result.total == 97 and result.tier == "gold"
    # spec {1,2,3} → 5; c1: i1 all → 10, i2 2 → 7, i3 4 → 10, i4 {1,2} → 7 = 34;
    # c2: i1 3 → 7, hours 30 → 7 = 14; c3: i1 2 → 7, i2 methods ๑, ๒ at 100 % → ระดับ ๒ → 15 = 22.
    # Total 5 + 34 + 14 + 22 = 75 → silver.
    common = _common(
        (_first(4), [1, 3], _first(4), [1, 2]), [2, 3, 4], ["30"], [1, 2], [1, 2], "100"
    )
    result = _score(
        SPECIAL, _answers(SPECIAL, {"spec.i1": {"checked": [1, 2, 3]}}, common, person=special)
    )
    assert _points(result) == {"spec": 5, "c1": 34, "c2": 14, "c3": 22}
    assert result.total == 75 and result.tier == "silver"


# --------------------------------------------------------------------------- innovation


INN_IDS = ("q1", "q2", "q3", "q4", "b1", "b2", "b3", "r1", "r2")


def _inn(counts: tuple[int, ...]) -> dict[str, Any]:
    """Innovation answers from the number of items achieved per indicator (q1…r2)."""
    assert len(counts) == len(INN_IDS)
    return {f"inn.{i}": {"checked": _first(n)} for i, n in zip(INN_IDS, counts, strict=True)}


def test_innovation_golden_full_marks() -> None:
    # 9 indicators × ทำได้ ๓ รายการ (ดีเยี่ยม, 3 raw) = 27 = full → 10 × 27 / 27 = 10 exactly.
    # Common at full marks (90). Total 100 → gold.
    result = _score(INNOVATION, _answers(INNOVATION, _inn((3,) * 9)))
    inn = next(c for c in result.components if c.path == "inn")
    assert (inn.raw, inn.raw_maximum, inn.points, inn.maximum) == (27, 27, 10, 10)
    assert result.total == 100 and result.tier == "gold"


def test_innovation_golden_scaled_silver() -> None:
    # q: 3, 2, 2, 1 = 8; b: 3, 3, 0 = 6; r: 1, 2 = 3 → raw 17; 10 × 17 / 27 = 6.2962962962…
    # Common: c1 i1 {1,2,3} 7 + i2 3 → 10 + i3 3 → 7 + i4 2 → 7 = 31;
    # c2: i1 3 → 7, hours 22 → 7 = 14;
    # c3: i1 3 → 7, i2 methods ๒, ๓ at 95 % → 15 = 22.  Common 31 + 14 + 22 = 67.
    # Total 67 + 6.2962962962… = 73.2962962962… → silver.
    common = _common(
        ([1, 2, 3], _first(3), _first(3), [1, 2]), [1, 2, 3], ["22"], _first(3), [2, 3], "95"
    )
    result = _score(
        INNOVATION,
        _answers(
            INNOVATION,
            _inn((3, 2, 2, 1, 3, 3, 0, 1, 2)),
            common,
            person={**PERSON, "domain": "innovation"},
        ),
    )
    inn = next(c for c in result.components if c.path == "inn")
    assert inn.raw == 17
    assert _q(inn.points) == Decimal("6.2962962963")
    assert _points(result)["c1"] + _points(result)["c2"] + _points(result)["c3"] == 67
    assert _q(result.total) == Decimal("73.2962962963")
    assert result.tier == "silver"
    assert result.display_total() == "73.30"


def test_innovation_golden_just_below_gold_stays_silver() -> None:
    # raw 26 (one indicator ดีมาก) → 10 × 26 / 27 = 9.6296296296…; common c1 40, c2 20,
    # c3: i1 1 item → 5, i2 one method at 50 % → ระดับ ๑ → 10 = 15 → common 75.
    # Total 84.6296… → gold. With c1.i4 at 1 item (5 instead of 10) → 79.6296… → silver: the tier
    # uses the unrounded total.
    base = ((_first(4), _first(3), _first(4), _first(4)), _first(4), ["45"], [1], [2], "50")
    result = _score(
        INNOVATION, _answers(INNOVATION, _inn((3, 3, 3, 3, 3, 3, 3, 3, 2)), _common(*base))
    )
    assert _q(result.total) == Decimal("84.6296296296") and result.tier == "gold"
    lower = ((_first(4), _first(3), _first(4), [1]), *base[1:])
    result = _score(
        INNOVATION, _answers(INNOVATION, _inn((3, 3, 3, 3, 3, 3, 3, 3, 2)), _common(*lower))
    )
    assert _q(result.total) == Decimal("79.6296296296") and result.tier == "silver"


def test_innovation_scale_is_overridable_per_campaign() -> None:
    # Resolution no_level_points advertises "inn/scale.to": an ESA giving the innovation part 20
    # points instead would see 20 × 17 / 27 = 12.5925925925…
    changed = apply_overrides(_load(INNOVATION), {"inn/scale.to": 20})
    result = score(changed, _answers(INNOVATION, _inn((3, 2, 2, 1, 3, 3, 0, 1, 2))))
    assert _q(next(c for c in result.components if c.path == "inn").points) == Decimal(
        "12.5925925926"
    )


# --------------------------------------------------------------------------- properties


@st.composite
def _random_answers(draw: st.DrawFn, instrument_id: str) -> dict[str, Any]:
    instrument = _load(instrument_id)
    indicators: dict[str, Any] = {}
    for path, _comp, ind in instrument.iter_indicators():
        if ind.items and ind.rule.kind != "condition_levels":
            indicators[path] = {
                "checked": draw(st.lists(st.integers(1, len(ind.items)), unique=True))
            }
    hours = draw(st.lists(st.decimals(0, 30, places=1).map(str), max_size=3))
    fields = {
        **PERSON,
        "self_dev_log": [
            {"year_be": 2568, "hours": h, "topic": "x", "provider": "y", "use_of_results": "z"}
            for h in hours
        ],
        # repeats allowed on purpose: a method chosen twice must not count twice
        "c3_methods": draw(st.lists(st.sampled_from(METHODS), max_size=4)),
        "c3_solved_pct": str(draw(st.decimals(0, 100, places=2))),
    }
    return {
        "instrument": instrument_id,
        "fields": fields,
        "indicators": indicators,
        "eligibility": {ELIGIBILITY: draw(st.booleans())},
    }


@pytest.mark.parametrize("instrument_id", SCORING)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_teacher_totals_within_zero_and_100(instrument_id: str, data: st.DataObject) -> None:
    answers = data.draw(_random_answers(instrument_id))
    assert validate_answers(_load(instrument_id), answers) == []
    result = _score(instrument_id, answers)
    assert 0 <= result.total <= result.maximum == 100
    if answers["eligibility"][ELIGIBILITY] is False:
        assert result.tier is None
