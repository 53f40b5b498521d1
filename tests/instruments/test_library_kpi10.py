"""KPI 10 instruments (seed 000): lint, golden scores at every score 1-5, evidence by ESA kind."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from itertools import combinations
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pramoen.documents.kpi_report import percentage
from pramoen.instruments.lint import has_errors, lint
from pramoen.instruments.scoring import AnswersInvalid, score
from pramoen.library.kpi10 import KPI10_6M, KPI10_12M, applicable_evidence, load_kpi10

SIX = load_kpi10(KPI10_6M)
TWELVE = load_kpi10(KPI10_12M)
ISSUES = ("issue1", "issue2", "issue3", "issue4")
REPORTER = {
    "reporter_name": "นางสาวสมศรี ใจดี",
    "reporter_position": "ศึกษานิเทศก์",
    "reporter_phone": "073-511-234",
    "reporter_email": "somsri@nara2.go.th",
}


# --- lint -------------------------------------------------------------------------------------


@pytest.mark.parametrize("instrument", [SIX, TWELVE], ids=lambda i: i.id)
def test_kpi10_instruments_lint_without_errors(instrument: Any) -> None:
    findings = lint(instrument)
    assert not has_errors(findings), [f.render() for f in findings if f.severity == "error"]


@pytest.mark.parametrize(
    ("instrument", "defect_ids"),
    [
        (
            SIX,
            {
                "unclear_means_zero",
                "clear_undefined",
                "fixed_fiscal_year",
                "unbalanced_parenthesis",
                "pa_mark_glyph_lost",
                "round_heading",  # component title joins the table heading and the round
            },
        ),
        (
            TWELVE,
            {
                "nested_levels",
                "level1_and_reading",
                "two_practices_or_one",
                "fixed_academic_years",
                "percent_rounding_unstated",
                "sharing_table_columns_missing",
                "stray_47",
                "lone_item_1",
                "teaching_subfields_missing",
                "section4_not_split",
                "pa_mark_glyph_lost",
                "round_heading",
            },
        ),
    ],
    ids=["6m", "12m"],
)
def test_kpi10_seed_defects_are_warnings_with_resolutions(
    instrument: Any, defect_ids: set[str]
) -> None:
    declared = _declared_defects(instrument.model_dump())
    assert set(declared) == defect_ids
    assert all(defect["resolution"] is not None for defect in declared.values())
    warnings = [f for f in lint(instrument) if f.severity == "warning"]
    # Lint reports every declared defect, each with its resolution text.
    for defect in declared.values():
        reading = defect["resolution"]["reading_th"]
        assert any(reading in finding.render() for finding in warnings), defect["id"]


def _declared_defects(node: Any) -> dict[str, Any]:
    found: dict[str, Any] = {}
    if isinstance(node, dict):
        for defect in node.get("defects") or []:
            found[defect["id"]] = defect
        for value in node.values():
            found.update(_declared_defects(value))
    elif isinstance(node, list):
        for value in node:
            found.update(_declared_defects(value))
    return found


# --- 6-month round: 1-5 by the count of clear consideration issues ---------------------------


def _six(checked: list[Any], **fields: Any) -> dict[str, Any]:
    return {
        "instrument": KPI10_6M,
        "fields": {"esa_kind": "primary", "pa_challenge": False, **REPORTER, **fields},
        "indicators": {"c1.i1": {"checked": checked}},
    }


@pytest.mark.parametrize(
    ("checked", "expected"),
    [
        # Seed lines 59-61: "1 — … รอบ 6 เดือน ไม่ชัดเจน": no issue clear → 1 (resolution
        # unclear_means_zero: the scale has no 0).
        ([], 1),
        # Lines 55-57: "2 — … ชัดเจน จำนวน 1 ประเด็นการพิจารณา": only issue 2 (driving the plan).
        (["issue2"], 2),
        # Lines 51-53: "3 — … ชัดเจน จำนวน 2 ประเด็น": issues 1 and 3, by position.
        ([1, 3], 3),
        # Lines 47-49: "4 — … ชัดเจน จำนวน 3 ประเด็น": issues 1, 2, 4 (supervision clear,
        # promotion not).
        (["issue1", "issue2", "issue4"], 4),
        # Lines 43-45: "5 — … ชัดเจน จำนวน 4 ประเด็นการพิจารณา": all four.
        (list(ISSUES), 5),
    ],
)
def test_kpi10_6m_scores_every_level(checked: list[Any], expected: int) -> None:
    result = score(SIX, _six(checked))
    assert result.total == Decimal(expected)
    indicator = result.indicator("c1.i1")
    assert indicator.level == f"s{expected}"
    assert indicator.points == Decimal(expected)
    assert result.components[0].maximum == Decimal(5)


@given(st.sets(st.sampled_from(ISSUES)))
def test_kpi10_6m_score_is_one_plus_clear_count(clear: set[str]) -> None:
    # 0 clear → 1, n clear → n + 1 (lines 43-61): the mapping is exactly one plus the count.
    result = score(SIX, _six(sorted(clear)))
    assert result.total == Decimal(len(clear) + 1)


def test_kpi10_6m_explains_in_thai_with_the_printed_band() -> None:
    explanation = score(SIX, _six([1, 2])).indicator("c1.i1").explanation_th
    assert "ชัดเจน จำนวน 2 ประเด็นการพิจารณา" in explanation
    assert explanation.endswith("๓ คะแนน")


def test_kpi10_6m_rejects_a_fifth_issue() -> None:
    with pytest.raises(AnswersInvalid, match=r"indicators\.c1\.i1\.checked"):
        score(SIX, _six([1, 2, 3, 4, 5]))


# --- 6-month evidence: which items apply to which ESA ----------------------------------------

ALWAYS_6M = [
    "ev1_1",
    "ev1_2",
    "ev1_4",
    "ev2_1",
    "ev2_2",
    "ev3_1",
    "ev3_2",
    "ev3_3",
    "ev4_1",
    "ev4_2",
]


def _ids(slots: list[Any]) -> list[str]:
    return [slot.id for slot in slots]


def test_kpi10_6m_primary_esa_evidence_excludes_secondary_only_plan() -> None:
    # Line 13: "แผนการรองรับนักเรียนของโรงเรียนคุณภาพ (สำนักงานเขตพื้นที่การศึกษามัธยมศึกษา)" is asked
    # of secondary ESAs only; lines 12 and 14 are marked for both kinds ("ประถมศึกษา/มัธยมศึกษา").
    slots = applicable_evidence(SIX, {"esa_kind": "primary", "pa_challenge": False})
    assert _ids(slots) == ALWAYS_6M


def test_kpi10_6m_secondary_esa_evidence_includes_student_intake_plan() -> None:
    slots = applicable_evidence(SIX, {"esa_kind": "secondary", "pa_challenge": False})
    assert _ids(slots) == ["ev1_1", "ev1_2", "ev1_3", *ALWAYS_6M[2:]]


def test_kpi10_6m_pa_challenge_adds_lesson_learned_and_media() -> None:
    # Lines 34-36: only "กรณีสำนักงานเขตพื้นที่การศึกษาเลือกตัวชี้วัดนี้เป็นประเด็นท้าทาย (PA)".
    slots = applicable_evidence(SIX, {"esa_kind": "primary", "pa_challenge": True})
    assert _ids(slots) == [*ALWAYS_6M, "ev_pa_lesson", "ev_pa_media"]
    lesson = slots[-2]
    assert lesson.max_files == 1
    assert "ไม่เกิน 1 หน้ากระดาษ A4" in lesson.label_th
    assert "(รอบ 6 เดือน)" in lesson.label_th


def test_kpi10_6m_evidence_points_at_the_scored_indicator() -> None:
    for slot in SIX.form.evidence:
        if slot.id.startswith("ev_pa"):
            # The PA block is for the personnel bureau (line 32), not scored by KPI 10.
            assert slot.indicator is None
        else:
            assert slot.indicator == "c1.i1"


# --- 12-month round: best-practice logic → 5…1 ------------------------------------------------


def _twelve(
    esa_management: bool,
    esa_sharing: bool,
    school_management: bool,
    school_teaching: bool,
    **fields: Any,
) -> dict[str, Any]:
    answers: dict[str, Any] = {
        "esa_kind": "secondary",
        "pa_challenge": False,
        "s1_1_operations": "ประชุมชี้แจง",
        "s1_1_results": "ทุกโรงเรียนมีแผน",
        "s1_2_operations": "ลงนามความร่วมมือ",
        "s1_2_results": "ภาคีเครือข่าย 4 แห่ง",
        "s1_3_operations": "จัดรถรับส่ง",
        "network_total": 37,
        "network_participating": "29",
        "integrated_previous_year": 14,
        "integrated_current_year": 21,
        "sharing_previous_year": 25,
        "sharing_current_year": 23,
        "s1_3_qualitative": "ผลสัมฤทธิ์ดีขึ้น",
        "s1_4_operations": "อบรมครู",
        "s1_4_results": "ครบ 8 ด้าน",
        "s1_5_operations": "นิเทศ 2 ครั้ง",
        "s1_5_results": "ตามแผน",
        "impact_learners": "ได้เรียนครบชั้น",
        "impact_teachers_administrators": "ครูสอนตรงวิชาเอก",
        "impact_schools": "มีสื่อครบ",
        "impact_partners": "ชุมชนสนับสนุน",
        "esa_bp_management": esa_management,
        "esa_bp_sharing": esa_sharing,
        "school_bp_management": school_management,
        "school_bp_teaching": school_teaching,
        **REPORTER,
    }
    for prefix, has in (("esa_bp_management", esa_management), ("esa_bp_sharing", esa_sharing)):
        if has:
            answers |= {
                f"{prefix}_title": "นราสอง Model",
                f"{prefix}_steps": "วางแผน ดำเนินการ",
                f"{prefix}_results": "สำเร็จ",
            }
    for prefix, has in (
        ("school_bp_management", school_management),
        ("school_bp_teaching", school_teaching),
    ):
        if has:
            answers[f"{prefix}_list"] = [{"school_name": "โรงเรียนบ้านทอน", "title": "ห้องเรียนคุณภาพ"}]
    answers |= fields
    return {"instrument": KPI10_12M, "fields": answers, "indicators": {}}


# All 16 combinations of the report's boxes (3.1.1 ESA management, 3.1.2 ESA sharing,
# 3.2.1 school management, 3.2.2 school teaching), scored by hand from lines 93-113, reading
# from level 5 down and stopping at the first level whose text holds (resolution nested_levels):
#   5 = ESA both AND schools both; 4 = ESA both AND schools at least one;
#   3 = ESA both; 2 = ESA at least one; 1 = ESA neither (resolution level1_and_reading).
TRUTH_TABLE = [
    # esa_m, esa_s, sch_m, sch_t → score
    (True, True, True, True, 5),  # level 5: every box "มี"
    (True, True, True, False, 4),  # level 4: schools management only
    (True, True, False, True, 4),  # level 4: schools teaching only
    (True, True, False, False, 3),  # level 3: ESA both, schools none
    (True, False, True, True, 2),  # level 2: ESA management only; schools do not lift it
    (True, False, True, False, 2),
    (True, False, False, True, 2),
    (True, False, False, False, 2),
    (False, True, True, True, 2),  # level 2: ESA sharing only
    (False, True, True, False, 2),
    (False, True, False, True, 2),
    (False, True, False, False, 2),
    (False, False, True, True, 1),  # level 1: the ESA has neither, whatever its schools have
    (False, False, True, False, 1),
    (False, False, False, True, 1),
    (False, False, False, False, 1),
]


@pytest.mark.parametrize(("esa_m", "esa_s", "sch_m", "sch_t", "expected"), TRUTH_TABLE)
def test_kpi10_12m_scores_every_combination_of_best_practices(
    esa_m: bool, esa_s: bool, sch_m: bool, sch_t: bool, expected: int
) -> None:
    result = score(TWELVE, _twelve(esa_m, esa_s, sch_m, sch_t))
    assert result.total == Decimal(expected)
    assert result.indicator("c1.i1").level == f"s{expected}"


def test_kpi10_12m_truth_table_reaches_every_score() -> None:
    assert sorted({row[-1] for row in TRUTH_TABLE}) == [1, 2, 3, 4, 5]


def test_kpi10_12m_explains_the_matched_case_in_thai() -> None:
    explanation = score(TWELVE, _twelve(True, True, False, True)).indicator("c1.i1").explanation_th
    assert "โรงเรียนมีด้านบริหารจัดการ หรือ ด้านการเรียนการสอน" in explanation
    assert explanation.endswith("๔ คะแนน")


def test_kpi10_12m_computes_percentage_and_two_year_differences() -> None:
    computed = score(TWELVE, _twelve(True, True, True, True)).computed_fields
    # 1.3.2.1 2): 29 of 37 network schools = 78.378378…%; 2.1) 21 − 14 = +7; 2.2) 23 − 25 = −2.
    assert computed["network_participating_pct"].quantize(Decimal("0.01")) == Decimal("78.38")
    assert computed["integrated_change"] == Decimal(7)
    assert computed["sharing_change"] == Decimal(-2)


@given(
    st.integers(min_value=1, max_value=5000).flatmap(
        lambda total: st.tuples(st.integers(min_value=0, max_value=total), st.just(total))
    )
)
def test_kpi10_12m_percentage_agrees_with_the_word_report(pair: tuple[int, int]) -> None:
    participating, total = pair
    fields = {"network_total": total, "network_participating": participating}
    computed = score(TWELVE, _twelve(False, False, False, False, **fields)).computed_fields
    shown = computed["network_participating_pct"].quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert shown == percentage(participating, total)


def test_kpi10_12m_best_practice_details_required_only_when_has() -> None:
    answers = _twelve(True, False, False, False)
    del answers["fields"]["esa_bp_management_title"]
    with pytest.raises(AnswersInvalid, match="esa_bp_management_title"):
        score(TWELVE, answers)
    # "ไม่มี" needs no details: the sharing title is absent and that is valid.
    assert score(TWELVE, _twelve(True, False, False, False)).total == Decimal(2)


def test_kpi10_12m_school_list_required_when_has() -> None:
    answers = _twelve(True, True, True, False)
    answers["fields"]["school_bp_management_list"] = []
    with pytest.raises(AnswersInvalid, match="school_bp_management_list"):
        score(TWELVE, answers)


def test_kpi10_12m_evidence_is_the_word_report_plus_pa_when_chosen() -> None:
    plain = applicable_evidence(TWELVE, {"esa_kind": "primary", "pa_challenge": False})
    assert _ids(plain) == ["ev_report"]
    chosen = applicable_evidence(TWELVE, {"esa_kind": "secondary", "pa_challenge": True})
    assert _ids(chosen) == ["ev_report", "ev_pa_lesson", "ev_pa_media"]
    assert "(รอบ 12 เดือน)" in chosen[1].label_th


def test_kpi10_ids_are_unique_and_sources_point_into_seed_000() -> None:
    for instrument in (SIX, TWELVE):
        field_ids = [f.id for f in instrument.form.fields]
        evidence_ids = [e.id for e in instrument.form.evidence]
        assert len(field_ids) == len(set(field_ids))
        assert len(evidence_ids) == len(set(evidence_ids))
        for node in [*instrument.form.fields, *instrument.form.evidence]:
            assert node.source is not None, node.id
            assert node.source.document == "seed:000_974b15237aeed812", node.id
            assert node.source.lines, node.id


def test_kpi10_6m_four_items_in_printed_order() -> None:
    items = SIX.indicator("c1.i1").items
    assert [(item.id, item.number) for item in items] == [
        ("issue1", "1"),
        ("issue2", "2"),
        ("issue3", "3"),
        ("issue4", "4"),
    ]
    # Each issue is scored once: choosing any 2 of the 4 gives 3 (6 combinations).
    for pair in combinations(ISSUES, 2):
        assert score(SIX, _six(list(pair))).total == Decimal(3)
