"""Scoring, one rule kind at a time, with cases drawn from the seed forms."""

from decimal import Decimal

import pytest

from pramoen.instruments import (
    AnswersInvalid,
    CompileError,
    applicable_evidence,
    compile_instrument,
    score,
)
from pramoen.instruments.schema import Instrument

from .helpers import THREE_LEVELS, one_indicator

D = Decimal


def ans(checked=None, **indicator):
    value = {"checked": checked} if checked is not None else indicator
    return {"indicators": {"c1.i1": value}}


# --------------------------------------------------------------------------- item-count bands


def school_learners() -> Instrument:
    # School academic, component 1, indicator 1 (seed 003 line 193): 8 items,
    # ดีเยี่ยม ๗-๘ / ดีมาก ๕-๖ / ดี ๑-๔ รายการ, 15 points (level points: ESA decision 15/10.5/7.5).
    return one_indicator(
        {
            "kind": "item_count_bands",
            "bands": [
                {"level": "excellent", "min": 7, "max": 8, "printed_th": "ทำได้ ๗-๘ รายการ"},
                {"level": "very_good", "min": 5, "max": 6},
                {"level": "good", "min": 1, "max": 4},
            ],
        },
        n_items=8,
        levels=THREE_LEVELS,
    )


@pytest.mark.parametrize(
    ("checked", "points", "level"),
    [
        ([1, 2, 3, 4, 5, 6, 7], D(15), "excellent"),
        ([1, 2, 3, 4, 5, 6, 7, 8], D(15), "excellent"),
        ([1, 2, 3, 4, 5], D("10.5"), "very_good"),
        ([8], D("7.5"), "good"),
        ([], D(0), None),
    ],
)
def test_item_count_bands_school_learners(checked, points, level) -> None:
    result = score(school_learners(), ans(checked))
    indicator = result.indicator("c1.i1")
    assert (indicator.points, indicator.level) == (points, level)


def test_item_count_bands_explanation_in_thai_digits() -> None:
    result = score(school_learners(), ans([1, 2, 3, 4, 5, 6, 7]))
    assert result.indicator("c1.i1").explanation_th == (
        "ทำได้ ๗ รายการ (ทำได้ ๗-๘ รายการ) → ดีเยี่ยม → ๑๕ คะแนน"
    )


def teacher_activity() -> Instrument:
    # Teacher, student-development activities (seed 003 line 595): 5 items;
    # ทำได้ ๕ รายการ (๑๐) / ทำได้ รายการที่ ๑, ๒ และอีก ๒ รายการ (๗) / ทำได้ รายการที่ ๑, ๒ (๕).
    return one_indicator(
        {
            "kind": "item_count_bands",
            "bands": [
                {"points": 10, "min": 5},
                {"points": 7, "requires": [1, 2], "others_min": 2},
                {"points": 5, "requires": [1, 2]},
            ],
        },
        n_items=5,
    )


@pytest.mark.parametrize(
    ("checked", "points"),
    [
        ([1, 2, 3, 4, 5], D(10)),
        ([1, 2, 3, 5], D(7)),  # items 1 and 2 plus two others
        ([1, 2, 4], D(5)),  # items 1 and 2 plus only one other
        ([1, 2], D(5)),
        ([2, 3, 4, 5], D(0)),  # four items but item 1 missing: no band
    ],
)
def test_item_count_bands_required_items_plus_others(checked, points) -> None:
    assert score(teacher_activity(), ans(checked)).indicator("c1.i1").points == points


def test_item_count_bands_no_band_warns() -> None:
    result = score(teacher_activity(), ans([2, 3, 4, 5]))
    assert [(w.path, w.code) for w in result.warnings] == [("c1.i1", "no_band")]
    assert result.warnings[0].message_en == "no band matches 4 items → 0 points"


def test_item_count_bands_explicit_item_sets() -> None:
    # Teacher common component 1 indicator 1 (seed 003 line 644): ทำได้ ๔ รายการ /
    # ทำได้ รายการที่ ๑ - ๓ / ทำได้ รายการที่ ๑ - ๒ (points 10/7/5 as in the other rows).
    instrument = one_indicator(
        {
            "kind": "item_count_bands",
            "bands": [
                {"points": 10, "min": 4},
                {"points": 7, "requires": [1, 2, 3]},
                {"points": 5, "requires": [1, 2]},
            ],
        },
        n_items=4,
    )
    got = [
        score(instrument, ans(c)).indicator("c1.i1").points
        for c in ([1, 2, 3, 4], [1, 2, 3], [1, 2, 4], [3, 4], ["1", "2"])
    ]
    assert got == [D(10), D(7), D(5), D(0), D(5)]


# --------------------------------------------------------------------------- count → points


def director_note(n_items: int) -> Instrument:
    # Director preliminary note (seed 003 lines 378-386): กรณี ๔ ข้อปฏิบัติ ๑-๒ ข้อ = ๑,
    # ๓ ข้อ = ๒, ๔ ข้อ = ๓; กรณี ๓ ข้อปฏิบัติ ทำได้ n ข้อ = n คะแนน.
    return one_indicator(
        {
            "kind": "count_points",
            "cases": [
                {
                    "when_items": 4,
                    "bands": [
                        {"min": 1, "max": 2, "points": 1},
                        {"min": 3, "max": 3, "points": 2},
                        {"min": 4, "max": 4, "points": 3},
                    ],
                },
                {
                    "when_items": 3,
                    "bands": [
                        {"min": 1, "max": 1, "points": 1},
                        {"min": 2, "max": 2, "points": 2},
                        {"min": 3, "max": 3, "points": 3},
                    ],
                },
            ],
        },
        n_items=n_items,
    )


def test_count_points_case_by_number_of_items() -> None:
    four = [
        score(director_note(4), ans(list(range(1, k + 1)))).indicator("c1.i1").points
        for k in range(5)
    ]
    three = [
        score(director_note(3), ans(list(range(1, k + 1)))).indicator("c1.i1").points
        for k in range(4)
    ]
    assert four == [D(0), D(1), D(1), D(2), D(3)]
    assert three == [D(0), D(1), D(2), D(3)]


def test_count_points_explains_case() -> None:
    result = score(director_note(4), ans([1, 2, 3]))
    assert result.indicator("c1.i1").explanation_th == "ทำได้ ๓ ข้อ (กรณี ๔ ข้อปฏิบัติ) → ๒ คะแนน"


def test_count_points_without_matching_case_cannot_compile() -> None:
    with pytest.raises(CompileError, match="no case for 5 items"):
        compile_instrument(director_note(5))


def test_count_points_management_note() -> None:
    # Director management note (seed 003 lines 470-474): ๑ - ๒ ข้อ = ๑, ๓ ข้อ = ๓, ๔ ข้อ = ๔.
    instrument = one_indicator(
        {
            "kind": "count_points",
            "cases": [
                {
                    "bands": [
                        {"min": 1, "max": 2, "points": 1},
                        {"min": 3, "max": 3, "points": 3},
                        {"min": 4, "max": 4, "points": 4},
                    ]
                }
            ],
        },
        n_items=4,
    )
    got = [
        score(instrument, ans(list(range(1, k + 1)))).indicator("c1.i1").points for k in range(5)
    ]
    assert got == [D(0), D(1), D(1), D(3), D(4)]


# --------------------------------------------------------------------------- choices


def director_reading_levels() -> list[dict]:
    # Director academic component 1 indicator 1 (seed 003 line 405): ๔ ดีเยี่ยม … ๑ พอใช้.
    return [
        {"id": "l4", "number": "๔", "label_th": "ดีเยี่ยม", "points": 4},
        {"id": "l3", "number": "๓", "label_th": "ดีมาก", "points": 3},
        {"id": "l2", "number": "๒", "label_th": "ดี", "points": 2},
        {"id": "l1", "number": "๑", "label_th": "พอใช้", "points": 1},
    ]


def test_level_choice_maps_level_to_points() -> None:
    instrument = one_indicator({"kind": "level_choice"}, levels=director_reading_levels())
    result = score(instrument, ans(level="l3"))
    assert result.indicator("c1.i1").points == D(3)
    assert result.indicator("c1.i1").explanation_th == "เลือกระดับ ดีมาก → ๓ คะแนน"


def test_level_choice_rejects_level_outside_scale() -> None:
    instrument = one_indicator({"kind": "level_choice"}, levels=director_reading_levels())
    with pytest.raises(AnswersInvalid) as caught:
        score(instrument, ans(level="l5"))
    assert [e.code for e in caught.value.errors] == ["level_out_of_scale"]


def test_item_choice_school_innovation() -> None:
    # School innovation component 2 indicator 1 (seed 003 line 307): ทำได้รายการที่ ๑ → ดีเยี่ยม,
    # ที่ ๒ → ดีมาก, ที่ ๓ → ดี; 4 points (ESA decision 4 / 2.8 / 2).
    instrument = one_indicator(
        {
            "kind": "item_choice",
            "options": [
                {"item": 1, "level": "excellent"},
                {"item": 2, "level": "very_good"},
                {"item": 3, "level": "good"},
            ],
        },
        n_items=3,
        levels=[
            {"id": "excellent", "label_th": "ดีเยี่ยม", "points": 4},
            {"id": "very_good", "label_th": "ดีมาก", "points": "2.8"},
            {"id": "good", "label_th": "ดี", "points": 2},
        ],
    )
    got = [score(instrument, ans(choice=k)).indicator("c1.i1").points for k in (1, 2, 3, "2")]
    assert got == [D(4), D("2.8"), D(2), D("2.8")]
    assert (
        score(instrument, ans(choice=1)).indicator("c1.i1").explanation_th
        == "ทำได้รายการที่ ๑ → ดีเยี่ยม → ๔ คะแนน"
    )


def director_award_level() -> Instrument:
    # Director preliminary ๑.๖ (seed 003 line 372): ผลงาน/รางวัลที่ได้รับสูงสุด ๑. ระดับศูนย์เครือข่าย/
    # อำเภอ ๒. ระดับเขตพื้นที่/จังหวัด ๓. ระดับภาค ๔. ระดับชาติ on a ๓ ๒ ๑ scale: the highest level,
    # by the 4-practice note (1-2 → 1, 3 → 2, 4 → 3); no award at all is the explicit "none".
    return one_indicator(
        {
            "kind": "item_choice",
            "options": [
                {"item": 1, "points": 1},
                {"item": 2, "points": 1},
                {"item": 3, "points": 2},
                {"item": 4, "points": 3},
            ],
            "none": {"points": 0, "label_th": "ไม่มีผลงาน/รางวัล"},
        },
        n_items=4,
    )


def test_item_choice_none_is_an_answer_distinct_from_not_scored() -> None:
    instrument = director_award_level()
    none = score(instrument, ans(none=True)).indicator("c1.i1")
    assert (none.points, none.explanation_th) == (D(0), "ไม่มีผลงาน/รางวัล → ๐ คะแนน")
    assert [score(instrument, ans(choice=k)).total for k in (1, 2, 3, 4)] == [1, 1, 2, 3]
    # "none" counts as answered on submission; an empty answer does not
    assert score(instrument, ans(none=True)).warnings == ()
    with pytest.raises(AnswersInvalid) as caught:
        score(instrument, {"indicators": {"c1.i1": {}}})
    assert [e.code for e in caught.value.errors] == ["missing"]


def test_none_answer_is_refused_where_the_rule_has_no_none_option() -> None:
    instrument = one_indicator({"kind": "level_choice"}, levels=director_reading_levels())
    with pytest.raises(AnswersInvalid) as caught:
        score(instrument, ans(none=True))
    assert [(e.path, e.code) for e in caught.value.errors] == [
        ("indicators.c1.i1.none", "unknown_id"),
        ("indicators.c1.i1", "missing"),
    ]


@pytest.mark.parametrize(
    ("answer", "code"),
    [({"none": False}, "wrong_type"), ({"none": True, "choice": 2}, "conflicting_answer")],
)
def test_none_answer_must_be_true_and_alone(answer, code) -> None:
    with pytest.raises(AnswersInvalid) as caught:
        score(director_award_level(), {"indicators": {"c1.i1": answer}})
    assert code in [e.code for e in caught.value.errors]


def test_level_choice_none_scores_its_points() -> None:
    instrument = one_indicator(
        {"kind": "level_choice", "none": {"points": 0, "label_th": "ไม่ถึงระดับพอใช้"}},
        levels=director_reading_levels(),
    )
    result = score(instrument, ans(none=True))
    assert (result.total, result.indicator("c1.i1").explanation_th) == (
        D(0),
        "ไม่ถึงระดับพอใช้ → ๐ คะแนน",
    )
    assert score(instrument, ans(level="l4")).total == 4


# --------------------------------------------------------------------------- numeric thresholds


def hours_instrument() -> Instrument:
    # Teacher component 2 part 2 (seed 003 lines 660-662) as printed: ดีเยี่ยม ๔๑ ชั่วโมง/ปีขึ้นไป
    # (๑๐), ดีมาก ๒๑ - ๔๑ (๗), ดี ๒๐ ชั่วโมง/ปี (๕); hours are the sum of the self-development log.
    return one_indicator(
        {
            "kind": "numeric_thresholds",
            "input": "sum(log.hours)",
            "unit_th": "ชั่วโมง",
            "unit_en": "hours",
            "ranges": [
                {"points": 10, "min": 41},
                {"points": 7, "min": 21, "max": 41, "max_inclusive": True},
                {"points": 5, "min": 20, "max": 20, "max_inclusive": True},
            ],
        },
        fields=[
            {
                "id": "log",
                "label_th": "บันทึกการพัฒนาตนเอง",
                "type": "table",
                "required": False,
                "columns": [{"id": "hours", "label_th": "ชั่วโมง", "type": "decimal"}],
            }
        ],
    )


def hours(*values):
    return {"fields": {"log": [{"hours": v} for v in values]}, "indicators": {}}


@pytest.mark.parametrize(
    ("logged", "points"),
    [
        (("30", 11), D(10)),  # 41 h: the first range wins at the printed overlap
        (("12.5", "8.5"), D(7)),  # 21 h
        ((20,), D(5)),
        (("20.5",), D(0)),  # between the printed ranges: a gap
        ((), D(0)),
    ],
)
def test_numeric_thresholds_hours_as_printed(logged, points) -> None:
    assert score(hours_instrument(), hours(*logged)).indicator("c1.i1").points == points


def test_numeric_thresholds_warns_when_no_band_matches() -> None:
    result = score(hours_instrument(), hours(19))
    assert [w.message_en for w in result.warnings] == ["no band matches 19 hours → 0 points"]
    assert result.warnings[0].message_th == "ไม่มีเกณฑ์ใดตรงกับ ๑๙ ชั่วโมง → ๐ คะแนน"


def test_numeric_thresholds_reading_percentage_from_field() -> None:
    # Director reading ability (seed 003 line 405) read on half-open ranges:
    # < 75 พอใช้ 1, [75, 81) ดี 2, [81, 85) ดีมาก 3, ≥ 85 ดีเยี่ยม 4.
    instrument = one_indicator(
        {
            "kind": "numeric_thresholds",
            "input": "reading_pct",
            "unit_th": "ร้อยละ",
            "ranges": [
                {"points": 4, "min": 85},
                {"points": 3, "min": 81, "max": 85},
                {"points": 2, "min": 75, "max": 81},
                {"points": 1, "min": 0, "max": 75},
            ],
        },
        fields=[{"id": "reading_pct", "label_th": "ร้อยละการอ่าน", "type": "percent"}],
    )

    def pts(value):
        return score(instrument, {"fields": {"reading_pct": value}}).indicator("c1.i1").points

    assert [pts(v) for v in ("74.99", 75, "80.5", 81, "84.99", 85, 100)] == [
        D(1),
        D(2),
        D(2),
        D(3),
        D(3),
        D(4),
        D(4),
    ]


# --------------------------------------------------------------------------- conditions


def test_condition_levels_compound_count_and_percentage() -> None:
    # Teacher component 3 indicator 2 (issue 3): count of methods AND percentage solved.
    instrument = one_indicator(
        {
            "kind": "condition_levels",
            "cases": [
                {
                    "when": {
                        "all": [{"field": "methods", "gte": 3}, {"field": "solved", "gte": 100}]
                    },
                    "points": 20,
                },
                {
                    "when": {
                        "all": [{"field": "methods", "gte": 2}, {"field": "solved", "gte": 80}]
                    },
                    "points": 15,
                },
                {
                    "when": {"all": [{"field": "methods", "gte": 1}, {"field": "solved", "gt": 0}]},
                    "points": 10,
                },
            ],
            "otherwise": {"points": 0},
        },
        fields=[
            {"id": "methods", "label_th": "จำนวนวิธี", "type": "integer", "min": 0},
            {"id": "solved", "label_th": "ร้อยละที่แก้ได้", "type": "percent"},
        ],
    )

    def pts(methods, solved):
        answers = {"fields": {"methods": methods, "solved": solved}}
        return score(instrument, answers).indicator("c1.i1").points

    assert [pts(3, 100), pts(3, "99.9"), pts(2, 80), pts(1, 80), pts(0, 100)] == [
        D(20),
        D(15),
        D(15),
        D(10),
        D(0),
    ]


def kpi10_12m() -> Instrument:
    # KPI 10, 12-month criteria (seed 000): 5 = ESA best practice in management AND sharing, and
    # schools in management AND teaching; 4 = ESA both, schools management OR teaching; 3 = ESA
    # both; 2 = ESA management OR sharing; 1 = none.
    esa_both = {"all": [{"field": "esa_mgmt", "eq": True}, {"field": "esa_share", "eq": True}]}
    esa_any = {"any": [{"field": "esa_mgmt", "eq": True}, {"field": "esa_share", "eq": True}]}
    sch_both = {"all": [{"field": "sch_mgmt", "eq": True}, {"field": "sch_teach", "eq": True}]}
    sch_any = {"any": [{"field": "sch_mgmt", "eq": True}, {"field": "sch_teach", "eq": True}]}
    return one_indicator(
        {
            "kind": "condition_levels",
            "cases": [
                {"when": {"all": [esa_both, sch_both]}, "points": 5},
                {"when": {"all": [esa_both, sch_any]}, "points": 4},
                {"when": esa_both, "points": 3},
                {"when": esa_any, "points": 2},
            ],
            "otherwise": {"points": 1},
        },
        fields=[
            {"id": name, "label_th": name, "type": "boolean"}
            for name in ("esa_mgmt", "esa_share", "sch_mgmt", "sch_teach")
        ],
    )


@pytest.mark.parametrize(
    ("flags", "points"),
    [
        ((True, True, True, True), D(5)),
        ((True, True, False, True), D(4)),
        ((True, True, False, False), D(3)),
        ((False, True, True, True), D(2)),
        ((False, False, True, True), D(1)),
    ],
)
def test_condition_levels_kpi10_best_practice_logic(flags, points) -> None:
    fields = dict(zip(("esa_mgmt", "esa_share", "sch_mgmt", "sch_teach"), flags, strict=True))
    assert score(kpi10_12m(), {"fields": fields}).indicator("c1.i1").points == points


def test_condition_on_checked_item_and_other_indicator() -> None:
    data = one_indicator({"kind": "pass_fail"}, n_items=2).model_dump(by_alias=True)
    data["rubric"]["components"][0]["indicators"].append(
        {
            "id": "i2",
            "title_th": "ขึ้นกับตัวชี้วัดแรก",
            "rule": {
                "kind": "condition_levels",
                "cases": [
                    {"when": {"indicator": "c1.i1", "passed": True}, "points": 2},
                    {"when": {"checked": "c1.i1.1"}, "points": 1},
                ],
            },
        }
    )
    instrument = Instrument.model_validate(data)
    got = [
        score(instrument, {"indicators": {"c1.i1": {"checked": c}}}).indicator("c1.i2").points
        for c in ([1, 2], [1], [2])
    ]
    assert got == [D(2), D(1), D(0)]


# --------------------------------------------------------------------------- pass / fail


def test_pass_fail_every_item_must_pass() -> None:
    # Teacher eligibility (seed 003 line 563): หมายเหตุแต่ละตัวชี้วัดต้องผ่านทุกรายการประเมิน.
    instrument = one_indicator({"kind": "pass_fail"}, n_items=4, extra={"kind": "eligibility"})
    passed = score(instrument, ans([1, 2, 3, 4]))
    failed = score(instrument, ans([1, 2, 4]))
    assert (passed.passed, failed.passed) == (True, False)
    assert failed.indicator("c1.i1").explanation_th == "ผ่าน ๓ จาก ๔ รายการ → ไม่ผ่าน"


def test_pass_fail_with_data_condition() -> None:
    # Teacher eligibility indicator 3: all 3 activities and at least 10 of them per year.
    instrument = one_indicator(
        {"kind": "pass_fail", "also": {"field": "activities", "gte": 10}},
        n_items=3,
        fields=[{"id": "activities", "label_th": "จำนวนกิจกรรม", "type": "integer"}],
        extra={"kind": "eligibility"},
    )
    enough = {"fields": {"activities": 10}, "indicators": {"c1.i1": {"checked": [1, 2, 3]}}}
    too_few = {"fields": {"activities": 9}, "indicators": {"c1.i1": {"checked": [1, 2, 3]}}}
    assert (score(instrument, enough).passed, score(instrument, too_few).passed) == (True, False)


# --------------------------------------------------------------------------- aggregation, tiers


def two_components(scale=None, tiers=True, eligibility_gate=False) -> Instrument:
    data = {
        "id": "agg-test",
        "version": "t",
        "program": "test",
        "kind": "scoring",
        "title_th": "รวมคะแนน",
        "rubric": {
            "components": [
                {
                    "id": "c1",
                    "title_th": "หนึ่ง",
                    "indicators": [
                        {
                            "id": f"i{k}",
                            "title_th": "x",
                            "rule": {
                                "kind": "numeric_thresholds",
                                "ranges": [{"points": p, "min": p}],
                            },
                        }
                        for k, p in ((1, 20), (2, 10))
                    ],
                },
                {
                    "id": "c2",
                    "title_th": "สอง",
                    "scale": scale,
                    "indicators": [
                        {
                            "id": "i1",
                            "title_th": "y",
                            "levels": director_reading_levels(),
                            "rule": {"kind": "level_choice"},
                        }
                    ],
                },
            ]
        },
    }
    if tiers:
        data["tiers"] = {
            "bands": [
                {"id": "gold", "label_th": "ทอง", "min": 80, "max": 100, "max_inclusive": True},
                {"id": "silver", "label_th": "เงิน", "min": 70, "max": 80},
            ]
        }
    if eligibility_gate:
        data["gates"] = [
            {"id": "elig", "title_th": "คุณสมบัติ", "kind": "eligibility", "instrument": "elig-form"}
        ]
    return Instrument.model_validate(data)


def agg_answers(v1, v2, level, **extra):
    return {
        "indicators": {"c1.i1": {"value": v1}, "c1.i2": {"value": v2}, "c2.i1": {"level": level}},
        **extra,
    }


def test_aggregation_formula_scaling() -> None:
    # Director: component 2 = 50 × คะแนนที่ได้ / คะแนนเต็ม. Here c2 max 4: level 3 → 50×3/4 = 37.5.
    instrument = two_components(scale={"to": 50, "full": "computed"})
    result = score(instrument, agg_answers(20, 10, "l3"))
    assert (result.total, result.maximum) == (D("67.5"), D(80))
    assert result.components[1].raw == D(3)
    assert result.components[1].points == D("37.5")


def test_tiers_half_open_on_unrounded_total_and_display_rounding() -> None:
    # 50 × 3 / 4 with full 4 gives 37.5; with full 3.7 it is 40.5405…: 30 + 40.54… = 70.54… silver.
    instrument = two_components(scale={"to": 50, "full": "3.7"})
    result = score(instrument, agg_answers(20, 10, "l3"))
    assert result.tier == "silver"
    assert result.display_total() == "70.54"
    assert result.display_total(decimals=0) == "71"
    assert result.total != D("70.54")  # the tier used the unrounded value


def test_tier_boundary_80_is_gold_and_79_99_is_silver() -> None:
    instrument = two_components(scale={"to": 50, "full": 4})
    gold = score(instrument, agg_answers(20, 10, "l4"))  # 30 + 50 = 80
    assert (gold.total, gold.tier) == (D(80), "gold")
    just_below = two_components(scale={"to": "49.99", "full": 4})
    result = score(just_below, agg_answers(20, 10, "l4"))
    assert (result.total, result.tier) == (D("79.99"), "silver")


def test_failed_eligibility_means_no_tier() -> None:
    instrument = two_components(scale={"to": 50, "full": 4}, eligibility_gate=True)
    failed = score(instrument, agg_answers(20, 10, "l4", eligibility={"elig-form": False}))
    passed = score(instrument, agg_answers(20, 10, "l4", eligibility={"elig-form": True}))
    unknown = score(instrument, agg_answers(20, 10, "l4"))
    assert (failed.tier, failed.passed, failed.total) == (None, False, D(80))
    assert failed.tier_label_th == "ไม่ผ่านคุณสมบัติเบื้องต้น ไม่มอบเกียรติบัตร"
    assert (passed.tier, passed.tier_provisional) == ("gold", False)
    assert (unknown.tier, unknown.tier_provisional) == ("gold", True)
    assert [w.code for w in unknown.warnings] == ["gate_unknown"]


def test_overrides_change_points_and_hash() -> None:
    base = school_learners()
    result = score(base, ans([1, 2, 3, 4, 5]), overrides={"c1.i1/levels.very_good.points": 10})
    plain = score(base, ans([1, 2, 3, 4, 5]))
    assert (result.indicator("c1.i1").points, plain.indicator("c1.i1").points) == (D(10), D("10.5"))
    assert result.version_hash != plain.version_hash
    assert result.to_dict()["overrides"] == {"c1.i1/levels.very_good.points": 10}


def test_result_to_dict_is_json_ready() -> None:
    import json

    result = score(school_learners(), ans([1, 2, 3, 4, 5]))
    data = json.loads(json.dumps(result.to_dict(), ensure_ascii=False))
    assert data["total"] == "10.5"
    assert data["components"][0]["indicators"][0]["explanation_th"].endswith("๑๐.๕ คะแนน")


def test_compiled_evaluate_counts_an_item_given_twice_once() -> None:
    # score() rejects duplicates; the fast path still must not over-count them.
    compiled = compile_instrument(school_learners())
    result = compiled.evaluate(ans([1, 1, 2, 2, 3, 3, 4, 4]))
    assert result.indicator("c1.i1").points == D("7.5")


def test_evidence_slot_on_a_checked_item_is_decided_from_the_form_answers_alone():
    # applicable_evidence sees only the form's fields: an item is never checked there, so a slot
    # asked "when item 1 is checked" is not owed and its negation is (it used to raise IndexError).
    inst = one_indicator(
        {"kind": "item_count_bands", "bands": [{"level": "excellent", "min": 1}]},
        n_items=2,
        levels=THREE_LEVELS,
        extra={
            "form": {
                "evidence": [
                    {"id": "if_checked", "label_th": "ก", "applies_when": {"checked": "c1.i1.1"}},
                    {
                        "id": "unless_checked",
                        "label_th": "ข",
                        "applies_when": {"not": {"checked": "c1.i1.1"}},
                    },
                    {"id": "always", "label_th": "ค"},
                ]
            }
        },
    )
    assert [s.id for s in applicable_evidence(inst, {})] == ["unless_checked", "always"]
