"""NARA 2 AWARDS 2569, director / deputy director instruments: golden cases computed by hand.

Source: seed 003_be8cf020a0793ad8 (``src/pramoen/library/sources/``), read line by line in full —
each table row is ONE tab-separated line whose second column holds the items:

* preliminary criteria, lines 356-392: ten printed rows, each on the ๓ ๒ ๑ columns —
  ๑.๑ (4 items, line 360), ๑.๒ (5 items, line 361) and its second row "-รักษาระเบียบวินัยฯ"
  (4, line 362), ๑.๓ (3, line 366), ๑.๔ (4, line 367), ๑.๕ (3, line 368) and its rows
  "-ความสามารถในการปฏิบัติงาน" (4, line 369), "-…เป็นทีม" (3, line 370), "-…ร่วมกับผู้อื่น" (3,
  line 371), ๑.๖ the highest award level (4 levels, line 372). The note (lines 374-386):
  4-practice case 1-2 → 1, 3 → 2, 4 → 3; 3-practice case n → n. 10 × 3 = 30 (line 390).
* component 1 ด้านคุณภาพผู้เรียน (academic 401-409, management 440-448, innovation 478-486): five
  rows of four levels ๑ พอใช้ … ๔ ดีเยี่ยม on the ๔ ๓ ๒ ๑ columns, placed by the figures the applicant
  reports (reading %, thinking %, O-NET subject groups, desirable characteristics, award level).
* component 2: academic (411-423) and management (450-462) six rows of four items counted by the
  domain's note (academic 425-430 n → n; management 464-468 1-2 → 1, 3 → 3, 4 → 4); innovation
  (488-507) ten rows of four levels picked by the judge (note 509-514: level n = n points).
  สูตร 50 × คะแนนที่ได้ / คะแนนเต็ม: ๒๔ (432-433, 470-471); innovation prints (๕๐) but computes 40.
* tiers (announcement 133-140): gold [80, 100], silver [70, 80), bronze [60, 70), honourable
  [50, 60) on the unrounded total; a failed preliminary check → no tier.

Scaled values that do not terminate are compared at 10 decimal places (hand-computed).
"""

from __future__ import annotations

import random
from decimal import Decimal
from functools import cache
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pramoen.instruments import LIBRARY_DIR, Instrument, load_instrument
from pramoen.instruments.answers import validate_answers
from pramoen.instruments.lint import has_errors, lint
from pramoen.instruments.sampling import random_answers
from pramoen.instruments.scoring import ScoreResult, score

DIRECTOR = LIBRARY_DIR / "nara2" / "director"
PRELIMINARY = "nara2-director-preliminary"
DOMAINS = ("nara2-director-academic", "nara2-director-management", "nara2-director-innovation")
TEN_PLACES = Decimal("1e-10")
D = Decimal

PRE_ROWS = ("i1", "i2", "i2_2", "i3", "i4", "i5", "i5_2", "i5_3", "i5_4")  # counted rows; i6 chosen


@cache  # loading validates ~2,000 YAML nodes; instruments are immutable once loaded
def _load(instrument_id: str) -> Instrument:
    return load_instrument(DIRECTOR / f"{instrument_id}.yaml")


def _q(value: Decimal) -> Decimal:
    return value.quantize(TEN_PLACES)


def _pre(checked: list[list[int]], award: int | None) -> dict[str, Any]:
    """Answers for the nine counted rows (items ticked per row) and ๑.๖ (award level 1-4, None =
    no award)."""
    assert len(checked) == len(PRE_ROWS)
    answers: dict[str, Any] = {
        f"pre.{r}": {"checked": c} for r, c in zip(PRE_ROWS, checked, strict=True)
    }
    answers["pre.i6"] = {"none": True} if award is None else {"choice": award}
    return answers


# every practice of every row: ๑.๑ 4, ๑.๒ 5 (item 5 is not counted), … ; ๑.๖ national
PRE_FULL = _pre(
    [[1, 2, 3, 4], [1, 2, 3, 4, 5], [1, 2, 3, 4], [1, 2, 3], [1, 2, 3, 4], [1, 2, 3], [1, 2, 3, 4],
     [1, 2, 3], [1, 2, 3]],
    award=4,
)  # fmt: skip
# ๑.๑ 2 of 4 → 1; ๑.๒ 1-4 → 3; ๑.๒ second row 1 of 4 → 1; ๑.๓ 2 of 3 → 2; ๑.๔ 0 → 0; ๑.๕ 1 of 3
# → 1; its rows 3 of 4 → 2, 3 of 3 → 3, 1 of 3 → 1; ๑.๖ region → 2. Raw = 16 (no scaling: max 30).
PRE_MIXED = _pre([[1, 2], [1, 2, 3, 4], [4], [1, 2], [], [1], [1, 2, 3], [1, 2, 3], [2]], award=3)
PRE_MIXED_POINTS = [1, 3, 1, 2, 0, 1, 2, 3, 1, 2]


def _points(result: ScoreResult) -> dict[str, Decimal]:
    return {c.path: c.points for c in result.components}


def _pre_points(result: ScoreResult) -> list[Decimal]:
    return [result.indicator(f"pre.{r}").points for r in (*PRE_ROWS, "i6")]


# --------------------------------------------------------------------------- preliminary

QUALIFICATIONS_ALL = {"checked": [1, 2, 3, 4, 5, 6, 7]}  # ประกาศ ข้อ ๒.๑-๒.๗ (lines 77-90)
PRELIMINARY_FIELDS = {
    "name_title": "mrs",
    "first_name": "สมศรี",
    "last_name": "ใจดี",
    "school": "โรงเรียนบ้านตัวอย่าง",
    "position": "deputy",
    "school_type": "extended",
    "school_size": "medium",
    "domain": "academic",
}


def _preliminary(pre: dict[str, Any], qualifications: Any = QUALIFICATIONS_ALL) -> ScoreResult:
    return score(
        _load(PRELIMINARY),
        {
            "instrument": PRELIMINARY,
            "fields": PRELIMINARY_FIELDS,
            "indicators": {"q.i1": qualifications, **pre},
        },
    )


def test_preliminary_ten_rows_of_three_points_total_the_printed_30() -> None:
    # Lines 358-372: ten rows on the ๓ ๒ ๑ columns; "คุณสมบัติเบื้องต้น ๓๐ คะแนน" (line 390).
    instrument = _load(PRELIMINARY)
    pre = instrument.rubric.components[1]
    assert [i.number for i in pre.indicators] == [
        "๑.๑", "๑.๒", "-", "๑.๓", "๑.๔", "๑.๕", "-", "-", "-", "๑.๖",
    ]  # fmt: skip
    assert [len(i.items) for i in pre.indicators] == [4, 5, 4, 3, 4, 3, 4, 3, 3, 4]
    result = _preliminary(PRE_FULL)
    assert _pre_points(result) == [3] * 10
    assert result.total == 30 == result.maximum
    assert next(c for c in result.components if c.path == "pre").raw_maximum == 30  # unscaled


def test_preliminary_four_items_of_1_1_score_three_and_three_of_four_score_two() -> None:
    # Line 360: ๑.๑ prints 4 items → กรณี ๔ ข้อปฏิบัติ (lines 376-380): 4 → 3, 3 → 2, 1-2 → 1.
    # (The old transcription had 3 placeholder items: 4 ticked was "out of range", 3 scored 3.)
    for ticked, points in (([1, 2, 3, 4], 3), ([1, 2, 4], 2), ([1, 3], 1), ([2], 1), ([], 0)):
        pre = {**PRE_FULL, "pre.i1": {"checked": ticked}}
        assert _preliminary(pre).indicator("pre.i1").points == points, ticked


def test_preliminary_1_2_counts_items_1_to_4_and_shows_item_5_without_counting_it() -> None:
    # Line 361: ๑.๒ prints 5 items; item ๕ ("ไม่เคยได้รับรางวัลชนะเลิศเหรียญทอง NARA 2 AWARDS …") is
    # the announcement's qualification ๒.๗ (line 89) — resolution five_items: the 4-practice case on
    # items 1-4, item 5 shown but not counted.
    cases = (([1, 2, 3, 4, 5], 3), ([1, 2, 3, 5], 2), ([1, 2, 3, 4], 3), ([5], 0), ([4, 5], 1))
    for ticked, points in cases:
        pre = {**PRE_FULL, "pre.i2": {"checked": ticked}}
        assert _preliminary(pre).indicator("pre.i2").points == points, ticked


def test_preliminary_mixed_rows_sum_to_16() -> None:
    # PRE_MIXED: 1 + 3 + 1 + 2 + 0 + 1 + 2 + 3 + 1 + 2 = 16 (3-practice rows n → n; 4-practice
    # rows 1-2 → 1, 3 → 2, 4 → 3; ๑.๖ ระดับภาค → 2). No scaling: the 30 is the raw maximum.
    result = _preliminary(PRE_MIXED)
    assert _pre_points(result) == PRE_MIXED_POINTS
    assert result.total == 16
    assert result.passed is True
    assert result.tier is None  # tiers belong to the domain instruments


def test_preliminary_1_6_award_levels_by_the_four_practice_case() -> None:
    # Line 372: ๑. ระดับศูนย์เครือข่าย/อำเภอ ๒. ระดับเขตพื้นที่/จังหวัด ๓. ระดับภาค ๔. ระดับชาติ —
    # resolution award_levels_on_three_columns: level k scores as k practices of the 4-practice
    # case (1, 1, 2, 3); no award = 0 (the explicit "none" answer).
    got = [
        _preliminary({**PRE_FULL, "pre.i6": answer}).indicator("pre.i6")
        for answer in ({"choice": 1}, {"choice": 2}, {"choice": 3}, {"choice": 4}, {"none": True})
    ]
    assert [r.points for r in got] == [1, 1, 2, 3, 0]
    assert got[4].explanation_th == "ไม่มีผลงาน/รางวัล → ๐ คะแนน"
    assert got[2].explanation_th == "ทำได้รายการที่ ๓ → ๒ คะแนน"


def test_preliminary_failed_qualification_blocks_but_still_scores() -> None:
    # ๒.๓ (no disciplinary punishment within 2 years, line 83) not met → pass_fail mode all fails →
    # gate "qualifications" failed → passed False (line 140: no certificate); the 30 points stand.
    result = _preliminary(PRE_FULL, {"checked": [1, 2, 4, 5, 6, 7]})
    assert result.total == 30
    assert result.passed is False
    assert [g.status for g in result.gates] == ["failed"]


def test_preliminary_refuses_a_fifth_item_on_a_four_item_row() -> None:
    answers = {"instrument": PRELIMINARY, "fields": PRELIMINARY_FIELDS, "indicators": PRE_FULL}
    answers["indicators"] = {**PRE_FULL, "q.i1": QUALIFICATIONS_ALL}
    answers["indicators"]["pre.i1"] = {"checked": [1, 2, 3, 4, 5]}
    errors = validate_answers(_load(PRELIMINARY), answers)
    assert [e.path for e in errors] == ["indicators.pre.i1.checked[4]"]


# --------------------------------------------------------------------------- domain helpers

PRIMARY_TOP = {
    "school_type": "primary",
    "reading_pct": "90",
    "thinking_pct": "88",
    "onet_p6_improved": 4,
    "desirable_traits_good": 8,
    "student_award_level": "national",
}


def _domain(
    instrument_id: str,
    fields: dict[str, Any],
    c2: list[Any],
    pre: dict[str, Any] = PRE_FULL,
    eligible: bool | None = True,
    overrides: dict[str, Any] | None = None,
) -> ScoreResult:
    """c2 entries: a list of ticked items (count rules) or a level id / None for "none"."""
    indicators = dict(pre)
    for k, answer in enumerate(c2, start=1):
        if isinstance(answer, list):
            indicators[f"c2.i{k}"] = {"checked": answer}
        elif answer is None:
            indicators[f"c2.i{k}"] = {"none": True}
        else:
            indicators[f"c2.i{k}"] = {"level": answer}
    answers: dict[str, Any] = {
        "instrument": instrument_id,
        "fields": fields,
        "indicators": indicators,
    }
    if eligible is not None:
        answers["eligibility"] = {PRELIMINARY: eligible}
    return score(_load(instrument_id), answers, overrides=overrides)


def _first(n: int) -> list[int]:
    return list(range(1, n + 1))


def _c1(result: ScoreResult) -> list[Decimal]:
    return [result.indicator(f"c1.i{k}").points for k in range(1, 6)]


# --------------------------------------------------------------------------- academic

ACADEMIC = "nara2-director-academic"


def test_academic_full_marks_gold() -> None:
    # pre 30; c1 (lines 405-409) reading 90 % and thinking 88 % → ๘๕ ขึ้นไป = 4, O-NET ป.๖ 4 groups
    # → 4, 8 characteristics → ๗-๘ = 4, national award → 4: 20; c2 (lines 415-423) six rows of
    # 4 items, note n → n: 24 → 50 × 24 / 24 = 50. Total 100 → gold.
    result = _domain(ACADEMIC, PRIMARY_TOP, [_first(4)] * 6)
    assert _c1(result) == [4, 4, 4, 4, 4]
    assert _points(result) == {"pre": 30, "c1": 20, "c2": 50}
    assert result.total == 100 == result.maximum
    assert result.tier == "gold"


@pytest.mark.parametrize(
    ("reading", "points"),
    [("0", 1), ("74", 1), ("74.5", 1), ("75", 2), ("80", 2), ("80.9", 2), ("81", 3), ("84.99", 3),
     ("85", 4), ("100", 4)],
)  # fmt: skip
def test_academic_reading_percentage_thresholds(reading: str, points: int) -> None:
    # Line 405: ๑. พอใช้ ร้อยละ ๗๔ ลงมา ๒. ดี ๗๕ - ๘๐ ๓. ดีมาก ๘๑ - ๘๔ ๔. ดีเยี่ยม ๘๕ ขึ้นไป; the
    # integer ranges read half-open (defect percent_ranges): <75, [75, 81), [81, 85), >=85.
    result = _domain(ACADEMIC, {**PRIMARY_TOP, "reading_pct": reading}, [_first(4)] * 6)
    assert result.indicator("c1.i1").points == points
    assert result.warnings == ()


def test_academic_thinking_80_to_84_is_very_good_not_excellent() -> None:
    # Line 406 prints level ๔ as "ร้อยละ ๘๐ ขึ้นไป", overlapping ๗๕ - ๘๐ and ๘๑ - ๘๔; read as ๘๕
    # ขึ้นไป like indicator ๑ and the management form (line 445). 82 % → ดีมาก = 3.
    # The printed reading is one override away: l4 from 80 → 82 % is ดีเยี่ยม = 4.
    fields = {**PRIMARY_TOP, "thinking_pct": "82"}
    assert _domain(ACADEMIC, fields, [_first(4)] * 6).indicator("c1.i2").points == 3
    printed = _domain(ACADEMIC, fields, [_first(4)] * 6, overrides={"c1.i2/rule.ranges.l4.min": 80})
    assert printed.indicator("c1.i2").points == 4


@pytest.mark.parametrize(
    ("fields", "points"),
    [
        ({"school_type": "primary", "onet_p6_improved": 2}, 2),  # ดี: ๒ กลุ่มสาระ
        ({"school_type": "primary", "onet_p6_improved": 0}, 0),  # none improved: 0 (resolution)
        # extended: the better of ป.๖ and ม.๓
        ({"school_type": "extended", "onet_p6_improved": 1, "onet_m3_improved": 3,
          "onet_m3_above_esa": 0}, 3),
        # extended: ม.๓ above the ESA mean in 2 groups → ดีเยี่ยม (printed after level ๔)
        ({"school_type": "extended", "onet_p6_improved": 0, "onet_m3_improved": 0,
          "onet_m3_above_esa": 2}, 4),
        ({"school_type": "extended", "onet_p6_improved": 0, "onet_m3_improved": 1,
          "onet_m3_above_esa": 1}, 1),
    ],
)  # fmt: skip
def test_academic_onet_subject_groups_and_the_extended_school_rule(
    fields: dict[str, Any], points: int
) -> None:
    # Line 407: พัฒนาเพิ่มขึ้น ๑ / ๒ / ๓ / ๔ กลุ่มสาระขึ้นไป; "ระดับขยายโอกาสทางการศึกษาและระดับ
    # มัธยมศึกษา … สูงกว่าค่าเฉลี่ยของระดับเขตพื้นที่ ๒ กลุ่มสาระขึ้นไป" (defect
    # onet_grades_and_alternative).
    merged = {**PRIMARY_TOP, **fields}
    result = _domain(ACADEMIC, merged, [_first(4)] * 6)
    assert result.indicator("c1.i3").points == points


def test_academic_fractional_total_honourable() -> None:
    # pre: PRE_MIXED = 16. c1: reading 76 → ดี 2; thinking 70 → พอใช้ 1; O-NET ป.๖ 3 → 3;
    # 4 characteristics → ๓-๔ = 2; ESA-level award → 2: 10.
    # c2 ticks 4, 3, 3, 2, 1, 0 → n → n = 13 → 50 × 13 / 24 = 27.0833333333…
    # total = 16 + 10 + 27.0833333333 = 53.0833333333 → honourable [50, 60).
    fields = {
        "school_type": "primary",
        "reading_pct": "76",
        "thinking_pct": "70",
        "onet_p6_improved": 3,
        "desirable_traits_good": 4,
        "student_award_level": "esa",
    }
    c2 = [_first(4), _first(3), [1, 2, 4], [2, 3], [4], []]
    result = _domain(ACADEMIC, fields, c2, pre=PRE_MIXED)
    assert _c1(result) == [2, 1, 3, 2, 2]
    points = _points(result)
    assert (points["pre"], points["c1"]) == (16, 10)
    assert _q(points["c2"]) == Decimal("27.0833333333")
    assert _q(result.total) == Decimal("53.0833333333")
    assert result.tier == "honourable"
    assert result.display_total() == "53.08"


def test_academic_79_33_is_silver_under_half_open_tiers() -> None:
    # pre 30; c1: no award (0, defect no_award), the other four rows 4: 16;
    # c2: 4 + 4 + 4 + 4 + 0 + 0 = 16 → 50 × 16 / 24 = 33.333… (100/3).
    # total = 30 + 16 + 100/3 = 79.333… → silver: the printed integer bands (๗๐ - ๗๙ / ๘๐ - ๑๐๐)
    # leave 79.33 nowhere and are read half-open (defect tiers/integer_ranges), so not gold.
    fields = {**PRIMARY_TOP, "student_award_level": "none"}
    result = _domain(ACADEMIC, fields, [_first(4)] * 4 + [[], []])
    assert _c1(result) == [4, 4, 4, 4, 0]
    assert _q(result.total) == Decimal("79.3333333333")
    assert result.tier == "silver"


def test_academic_failed_preliminary_no_tier() -> None:
    # Same answers as the full-marks case, but the preliminary check failed: the score is still
    # 100, with no tier and no certificate (line 140).
    result = _domain(ACADEMIC, PRIMARY_TOP, [_first(4)] * 6, eligible=False)
    assert result.total == 100
    assert result.passed is False
    assert result.tier is None
    assert "ไม่มอบเกียรติบัตร" in result.tier_label_th


# --------------------------------------------------------------------------- management

MANAGEMENT = "nara2-director-management"


def test_management_two_items_score_one_point_as_printed() -> None:
    # Note (lines 464-468): ทำได้ ๑ - ๒ ข้อ = ๑ คะแนน. c2: six rows × 2 items → 1 each = 6 →
    # 50 × 6 / 24 = 12.5. c1 by the level columns (defect c1/note_vs_level_columns): reading 78 →
    # ดี = 2 (not the note's 1), thinking 60 → 1, O-NET 2 → 2, traits 3 → 2, network award → 1 = 8.
    # pre PRE_MIXED 16. total = 16 + 8 + 12.5 = 36.5 → below 50, no tier.
    fields = {
        "school_type": "primary",
        "reading_pct": "78",
        "thinking_pct": "60",
        "onet_p6_improved": 2,
        "desirable_traits_good": 3,
        "student_award_level": "network",
    }
    result = _domain(MANAGEMENT, fields, [[1, 2]] * 6, pre=PRE_MIXED)
    assert _c1(result) == [2, 1, 2, 2, 1]
    assert _points(result) == {"pre": 16, "c1": 8, "c2": D("12.5")}
    assert result.total == D("36.5")
    assert result.tier is None
    assert result.tier_label_th == "ไม่ได้รับรางวัล"


def test_management_three_items_score_three_gold() -> None:
    # ทำได้ ๓ ข้อ = ๓ คะแนน: c2 6 × 3 = 18 → 50 × 18 / 24 = 37.5; pre 30; c1 20. total 87.5 → gold.
    result = _domain(MANAGEMENT, PRIMARY_TOP, [_first(3)] * 6)
    assert _points(result) == {"pre": 30, "c1": 20, "c2": D("37.5")}
    assert result.total == D("87.5")
    assert result.tier == "gold"


def test_management_thinking_prints_85() -> None:
    # Line 445 prints ๔. ระดับดีเยี่ยม : ร้อยละ ๘๕ ขึ้นไป (the academic form prints ๘๐): 84 → 3, 85 → 4.
    for pct, points in (("84", 3), ("85", 4)):
        fields = {**PRIMARY_TOP, "thinking_pct": pct}
        assert _domain(MANAGEMENT, fields, [_first(4)] * 6).indicator("c1.i2").points == points


def test_management_mixed_silver() -> None:
    # pre 30; c1: traits 6 → ๕-๖ = 3, the rest 4: 19.
    # c2: 4 + 4 + 4 + (3 → 3) + (2 → 1) + (1 → 1) = 17 → 50 × 17 / 24 = 35.4166666667.
    # total = 30 + 19 + 35.4166666667 = 84.4166666667 → gold; with ๑.๖ none and ๑.๑ two items
    # (pre 30 − 3 − 2 = 25): 25 + 19 + 35.4166666667 = 79.4166666667 → silver.
    fields = {**PRIMARY_TOP, "desirable_traits_good": 6}
    c2 = [_first(4)] * 3 + [_first(3), _first(2), _first(1)]
    pre = {**PRE_FULL, "pre.i6": {"none": True}, "pre.i1": {"checked": [1, 2]}}
    result = _domain(MANAGEMENT, fields, c2, pre=pre)
    assert _points(result)["pre"] == 25
    assert _points(result)["c1"] == 19
    assert next(c for c in result.components if c.path == "c2").raw == 17
    assert _q(result.total) == Decimal("79.4166666667")
    assert result.tier == "silver"


def test_management_note_override_aligns_with_academic() -> None:
    # note_skips_two_points is overridable: with the n → n bands of the other domains, six rows of
    # 2 items give c2 = 50 × 12 / 24 = 25 (as the academic form would).
    n_to_n = [{"min": n, "max": n, "points": n} for n in range(5)]
    result = _domain(
        MANAGEMENT,
        PRIMARY_TOP,
        [[1, 2]] * 6,
        overrides={"/definitions.domain_note.cases": [{"when_items": 4, "bands": n_to_n}]},
    )
    assert _points(result)["c2"] == 25


def test_management_level_columns_can_follow_the_note_literally() -> None:
    # note_vs_level_columns names the override: ระดับดี scored like the note's "๑ - ๒ ข้อ = ๑".
    fields = {**PRIMARY_TOP, "reading_pct": "78"}
    literal = _domain(MANAGEMENT, fields, [_first(4)] * 6, overrides={"c1.i1/levels.l2.points": 1})
    assert literal.indicator("c1.i1").points == 1


# --------------------------------------------------------------------------- innovation

INNOVATION = "nara2-director-innovation"


def test_innovation_full_marks_uses_computed_full_40() -> None:
    # c2 (lines 492-507): ten rows, the judge picks ดีเยี่ยม (4) on each: 40 → resolution
    # full_50_vs_computed_40: 50 × 40 / 40 = 50. pre 30 + c1 20 + c2 50 = 100 → gold.
    result = _domain(INNOVATION, PRIMARY_TOP, ["l4"] * 10)
    assert _points(result) == {"pre": 30, "c1": 20, "c2": 50}
    assert result.total == 100
    assert result.tier == "gold"
    # The printed reading (๕๐, lines 516-518) as a campaign override: 50 × 40 / 50 = 40, total 90.
    printed = _domain(INNOVATION, PRIMARY_TOP, ["l4"] * 10, overrides={"c2/scale.full": 50})
    assert _points(printed)["c2"] == 40
    assert printed.total == 90


def test_innovation_levels_and_none_on_component_2() -> None:
    # Levels ดี (2) on five rows, ดีมาก (3) on three, "ไม่ถึงระดับพอใช้" on two: 10 + 9 + 0 = 19 →
    # 50 × 19 / 40 = 23.75. pre 30, c1 20: total 73.75 → silver.
    c2 = ["l2"] * 5 + ["l3"] * 3 + [None, None]
    result = _domain(INNOVATION, PRIMARY_TOP, c2)
    assert next(c for c in result.components if c.path == "c2").raw == 19
    assert _points(result)["c2"] == D("23.75")
    assert result.total == D("73.75")
    assert result.tier == "silver"
    assert result.indicator("c2.i9").explanation_th == "ไม่ถึงระดับพอใช้ → ๐ คะแนน"


def test_innovation_bronze_and_indicator_printed_six() -> None:
    # c1's fifth row is printed "๖." (line 486; defect indicator_numbering), id c1.i5.
    # pre PRE_MIXED 16; c1: reading 82 → 3, thinking 90 → 4, O-NET 1 → 1, traits 5 → 3, province
    # award → 3: 14. c2 l3 × 10 = 30 → 50 × 30 / 40 = 37.5: total 67.5 → bronze; with
    # c2 l4 × 2 + l3 × 8 = 32 → 40: total 70 → silver (70 is silver's inclusive floor).
    fields = {
        "school_type": "primary",
        "reading_pct": "82",
        "thinking_pct": "90",
        "onet_p6_improved": 1,
        "desirable_traits_good": 5,
        "student_award_level": "province_region",
    }
    result = _domain(INNOVATION, fields, ["l3"] * 10, pre=PRE_MIXED)
    assert result.indicator("c1.i5").number == "๖"
    assert _c1(result) == [3, 4, 1, 3, 3]
    assert _points(result) == {"pre": 16, "c1": 14, "c2": D("37.5")}
    assert result.total == D("67.5")
    assert result.tier == "bronze"
    seventy = _domain(INNOVATION, fields, ["l4"] * 2 + ["l3"] * 8, pre=PRE_MIXED)
    assert (seventy.total, seventy.tier) == (70, "silver")


def test_innovation_onet_levels_printed_one_one_two_three() -> None:
    # Line 484 numbers the levels ๑, ๑, ๒, ๓ (defect level_numbering): they are named by label.
    levels = _load(INNOVATION).indicator("c1.i3").levels
    assert [(lv.number, lv.label_th, lv.points) for lv in levels] == [
        ("๓", "ดีเยี่ยม", 4), ("๒", "ดีมาก", 3), ("๑", "ดี", 2), ("๑", "พอใช้", 1),
    ]  # fmt: skip


def test_innovation_low_total_no_tier_and_unknown_eligibility() -> None:
    # pre all zero (no practice, no award) = 0; c1: reading 50 → 1, thinking 50 → 1, O-NET 0 → 0,
    # traits 0 → 0, no award → 0: 2. c2: l1 × 10 = 10 → 50 × 10 / 40 = 12.5. total 14.5, no tier.
    # Eligibility not supplied → gate unknown, passed is None.
    zero_pre = _pre([[]] * 9, award=None)
    fields = {
        "school_type": "primary",
        "reading_pct": "50",
        "thinking_pct": "50",
        "onet_p6_improved": 0,
        "desirable_traits_good": 0,
        "student_award_level": "none",
    }
    result = _domain(INNOVATION, fields, ["l1"] * 10, pre=zero_pre, eligible=None)
    assert _points(result) == {"pre": 0, "c1": 2, "c2": D("12.5")}
    assert result.total == D("14.5")
    assert result.tier is None
    assert result.passed is None


# --------------------------------------------------------------------------- structure


@pytest.mark.parametrize("instrument_id", DOMAINS)
def test_domain_preliminary_block_is_identical_to_the_preliminary_form(instrument_id: str) -> None:
    # The `pre` component is copied into every domain file (the schema cannot import another
    # instrument's score); a drifting copy would score the 30 points differently per domain.
    prelim = _load(PRELIMINARY)
    domain = _load(instrument_id)
    assert domain.rubric.components[0].model_dump() == prelim.rubric.components[1].model_dump()
    assert (
        domain.definitions["preliminary_note"].model_dump()
        == prelim.definitions["preliminary_note"].model_dump()
    )


@pytest.mark.parametrize("instrument_id", DOMAINS)
def test_domain_proportion_30_20_50_matches_maxima(instrument_id: str) -> None:
    # สัดส่วนคะแนน ๓๐ : ๗๐ (lines 388-392): 30 + 20 + 50 = 100, and every maximum is reachable.
    instrument = _load(instrument_id)
    result = score(instrument, random_answers(instrument, random.Random(1)))
    assert {c.path: c.maximum for c in result.components} == {"pre": 30, "c1": 20, "c2": 50}
    assert result.maximum == 100


def test_component_1_reads_the_numbers_the_entry_form_asks_for() -> None:
    # The rules of c1 take no judge answer: they read the applicant's fields (the judge confirms).
    for instrument_id in DOMAINS:
        instrument = _load(instrument_id)
        assert [f.id for f in instrument.form.fields] == [
            "school_type", "reading_pct", "thinking_pct", "onet_p6_improved", "onet_m3_improved",
            "onet_m3_above_esa", "desirable_traits_good", "student_award_level",
        ]  # fmt: skip
        reading = instrument.field("reading_pct")
        assert (reading.type, reading.required) == ("percent", True)


# --------------------------------------------------------------------------- lint and answers

# (path, code) of the seed defects each instrument must report as warnings with a resolution.
_PRE_DEFECTS = {
    ("pre", "other"),  # rows continued with "-": ten rows × 3 = 30
    ("pre", "gapped_bands"),  # "ทำได้ ๐ ข้อ" not printed → 0 points
    ("pre.i2", "band_exceeds_items"),  # five items, item 5 = announcement ๒.๗
    ("pre.i6", "ambiguous"),  # four award levels on a ๓ ๒ ๑ scale
}
_DOMAIN_DEFECTS = {
    ("", "gapped_bands"),  # the domain note does not print "ทำได้ ๐ ข้อ"
    ("", "other"),  # the entry form asks for c1's figures
    ("c1", "other"),  # c1 maximum only in the proportion
    ("c1.i1", "gapped_ranges"),  # integer percentage ranges (printed rule)
    ("c1.i2", "gapped_ranges"),
    ("c1.i3", "ambiguous"),  # O-NET grades and the extended-school rule
    ("c1.i4", "gapped_bands"),  # 0 characteristics
    ("c1.i5", "gapped_bands"),  # no award
    ("c2", "text_inconsistency"),  # "ด้านผลงาน" in the proportion
    ("tiers", "gapped_bands"),  # integer tier ranges vs fractional totals
}
EXPECTED_DEFECTS = {
    PRELIMINARY: _PRE_DEFECTS | {("q", "ambiguous"), ("", "text_inconsistency")},
    ACADEMIC: _PRE_DEFECTS | _DOMAIN_DEFECTS | {("c1.i2", "overlapping_ranges")},  # ๘๐ ขึ้นไป
    MANAGEMENT: _PRE_DEFECTS
    | _DOMAIN_DEFECTS
    | {("", "ambiguous"), ("c1", "ambiguous")},  # 1-2 → 1 note; the note vs the level columns
    INNOVATION: _PRE_DEFECTS
    | _DOMAIN_DEFECTS
    | {
        ("c1", "numbering"),  # ๑, ๒, ๓, ๔, ๖
        ("c1.i2", "overlapping_ranges"),  # ๘๐ ขึ้นไป
        ("c1.i3", "numbering"),  # levels ๑, ๑, ๒, ๓
        ("c2", "scale_mismatch"),  # full (๕๐) vs 40
        ("c2.i5", "text_inconsistency"),  # levels ๓ and ๔ alike
    },
}


@pytest.mark.parametrize("instrument_id", sorted(EXPECTED_DEFECTS))
def test_director_lint_reports_the_form_defects_each_with_a_resolution(instrument_id: str) -> None:
    findings = lint(_load(instrument_id))
    assert not has_errors(findings), [f.message_en for f in findings if f.severity == "error"]
    reported = {(f.path, f.code) for f in findings if f.severity == "warning"}
    assert reported == EXPECTED_DEFECTS[instrument_id]
    assert [f.render() for f in findings if f.resolution is None] == []


def test_no_defect_of_the_old_transcription_survives() -> None:
    # The placeholder reading declared defects the form does not have (issue 10).
    codes = {d.id for i in (PRELIMINARY, *DOMAINS) for d in _all_defects(_load(i))}
    assert codes.isdisjoint({"items_not_printed", "case_per_indicator", "stated_30_vs_notes_18"})


def _all_defects(instrument: Instrument) -> list[Any]:
    found = list(instrument.defects) + list(instrument.form.defects)
    for comp in instrument.rubric.components:
        found += comp.defects
        for ind in comp.indicators:
            found += ind.defects
            for item in ind.items:
                found += item.defects
    return found


def test_director_answers_cannot_count_more_items_than_a_row_prints() -> None:
    answers = random_answers(_load(ACADEMIC), random.Random(3))
    answers["indicators"]["c2.i1"] = {"checked": [1, 2, 3, 4, 5]}
    errors = validate_answers(_load(ACADEMIC), answers)
    assert [e.path for e in errors] == ["indicators.c2.i1.checked[4]"]


def test_director_percentages_outside_0_100_are_refused_in_thai() -> None:
    answers = random_answers(_load(ACADEMIC), random.Random(4))
    answers["fields"]["reading_pct"] = "101"
    errors = validate_answers(_load(ACADEMIC), answers)
    assert [e.path for e in errors] == ["fields.reading_pct"]
    assert errors[0].message_th


# --------------------------------------------------------------------------- properties


@pytest.mark.parametrize("instrument_id", [PRELIMINARY, *DOMAINS])
@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), data=st.data())
def test_director_total_within_bounds_and_monotone_in_checked_items(
    instrument_id: str, seed: int, data: st.DataObject
) -> None:
    # Every note is non-decreasing in the count, so one more ticked item never lowers the row,
    # and totals stay in [0, stated maximum].
    instrument = _load(instrument_id)
    answers = random_answers(instrument, random.Random(seed))
    result = score(instrument, answers)
    assert 0 <= result.total <= result.maximum == (30 if instrument_id == PRELIMINARY else 100)
    counted = sorted(p for p, a in answers["indicators"].items() if "checked" in a and p != "q.i1")
    path = data.draw(st.sampled_from(counted))
    size = len(instrument.indicator(path).items)
    missing = sorted(set(range(1, size + 1)) - set(answers["indicators"][path]["checked"]))
    if missing:
        more = {**answers, "indicators": dict(answers["indicators"])}
        more["indicators"][path] = {
            "checked": sorted(answers["indicators"][path]["checked"] + missing[:1])
        }
        bigger = score(instrument, more)
        assert bigger.indicator(path).points >= result.indicator(path).points
        assert bigger.total >= result.total
