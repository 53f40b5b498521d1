"""Golden cases for the NARA 2 AWARDS 2569 school instruments, computed by hand from the form.

Level points are the ESA decision recorded on every indicator (the form prints only each
indicator's maximum): ดีเยี่ยม / ดีมาก / ดี = 100 / 70 / 50 % of the maximum, i.e.
15 → 15 / 10.5 / 7.5;  10 → 10 / 7 / 5;  8 → 8 / 5.6 / 4;  7 → 7 / 4.9 / 3.5;  6 → 6 / 4.2 / 3;
5 → 5 / 3.5 / 2.5;  4 → 4 / 2.8 / 2;  3 → 3 / 2.1 / 1.5.
Tiers: gold [80, 100], silver [70, 80), bronze [60, 70), honourable [50, 60) of the unrounded
total; failed eligibility → no tier (seed 003 lines 133-140).
"""

from decimal import Decimal

import pytest

from pramoen.instruments import get_instrument, lint, score

D = Decimal
ELIGIBLE = {"nara2-school-eligibility": True}


def first(n):
    return list(range(1, n + 1))


def answers(checked: dict, choices: dict | None = None, eligible: bool | None = True) -> dict:
    indicators = {path: {"checked": first(n)} for path, n in checked.items()}
    for path, item in (choices or {}).items():
        indicators[path] = {"choice": item}
    document = {"indicators": indicators}
    if eligible is not None:
        document["eligibility"] = {"nara2-school-eligibility": eligible}
    return document


# --------------------------------------------------------------------------- academic

ACADEMIC_ALL = {
    "c1.i1": 8, "c1.i2": 8, "c1.i3": 6, "c1.i4": 10, "c1.i5": 5, "c1.i6": 4,
    "c2.i1": 4, "c2.i2": 4, "c2.i3": 3, "c2.i4": 4, "c2.i5": 4,
}  # fmt: skip


def test_academic_everything_achieved_is_100_gold() -> None:
    # Every item checked: each indicator at ดีเยี่ยม = its maximum: 60 + 40 = 100 → gold.
    result = score(get_instrument("nara2-school-academic"), answers(ACADEMIC_ALL))
    assert (result.total, result.maximum, result.tier) == (D(100), D(100), "gold")
    assert [c.points for c in result.components] == [D(60), D(40)]


def test_academic_mixed_case_is_silver() -> None:
    # c1: i1 7 items → ดีเยี่ยม 15; i2 5 → ดีมาก 10.5; i3 5 of 6 → ดีมาก 7; i4 8 of 10 → ดีเยี่ยม 10;
    #     i5 4 of 5 → ดีมาก 3.5; i6 1 of 4 → ดี 2.5                       = 48.5
    # c2: i1 2 → ดีมาก 5.6; i2 3 → ดีเยี่ยม 8; i3 3 of 3 → ดีเยี่ยม 8; i4 1 → ดี 4; i5 0 → 0 = 25.6
    # total 74.1 → silver [70, 80).
    checked = {
        "c1.i1": 7, "c1.i2": 5, "c1.i3": 5, "c1.i4": 8, "c1.i5": 4, "c1.i6": 1,
        "c2.i1": 2, "c2.i2": 3, "c2.i3": 3, "c2.i4": 1, "c2.i5": 0,
    }  # fmt: skip
    result = score(get_instrument("nara2-school-academic"), answers(checked))
    assert [c.points for c in result.components] == [D("48.5"), D("25.6")]
    assert (result.total, result.tier) == (D("74.1"), "silver")
    assert result.indicator("c1.i3").explanation_th == (
        "ทำได้ ๕ รายการ (ทำได้ ๕ รายการ) → ดีมาก → ๗ คะแนน"
    )


def test_academic_same_answers_failed_eligibility_no_tier() -> None:
    # As above but the school failed เกณฑ์การประเมินเบื้องต้น: the total stays 74.1, no tier and
    # no certificate (line 140).
    checked = {
        "c1.i1": 7, "c1.i2": 5, "c1.i3": 5, "c1.i4": 8, "c1.i5": 4, "c1.i6": 1,
        "c2.i1": 2, "c2.i2": 3, "c2.i3": 3, "c2.i4": 1, "c2.i5": 0,
    }  # fmt: skip
    result = score(get_instrument("nara2-school-academic"), answers(checked, eligible=False))
    assert (result.total, result.tier, result.passed) == (D("74.1"), None, False)
    assert result.tier_label_th == "ผู้ที่ตรวจคุณสมบัติเบื้องต้นแล้ว ไม่ผ่าน ไม่มอบเกียรติบัตร"


def test_academic_fractional_total_between_printed_tiers() -> None:
    # 100 − 7.5 (c1.i1 ดี: 4 items) − 7.5 (c1.i2 ดี) − 3 (c1.i3 ดีมาก: 5) − 2.5 (c1.i5 ดี: 3)
    # = 79.5: the printed "๗๐ - ๗๙" / "๘๐ - ๑๐๐" put it nowhere; the half-open reading → silver.
    checked = dict(ACADEMIC_ALL, **{"c1.i1": 4, "c1.i2": 4, "c1.i3": 5, "c1.i5": 3})
    result = score(get_instrument("nara2-school-academic"), answers(checked))
    assert (result.total, result.tier) == (D("79.5"), "silver")
    assert result.display_total() == "79.50"


def test_academic_exactly_80_is_gold() -> None:
    # 100 − 7.5 (c1.i1 ดี) − 7.5 (c1.i2 ดี) − 2.5 (c1.i5 ดี) − 2.5 (c1.i6 ดี: 1 item) = 80 → gold.
    checked = dict(ACADEMIC_ALL, **{"c1.i1": 1, "c1.i2": 4, "c1.i5": 1, "c1.i6": 1})
    result = score(get_instrument("nara2-school-academic"), answers(checked))
    assert (result.total, result.tier) == (D(80), "gold")


# --------------------------------------------------------------------------- management

MANAGEMENT_ALL = {
    "c1.i1": 8, "c1.i2": 8, "c1.i3": 6, "c1.i4": 10, "c1.i5": 5, "c1.i6": 4,
    "c2.i1": 4, "c2.i2": 4, "c2.i3": 4, "c2.i4": 4, "c2.i5": 4, "c2.i6": 4,
}  # fmt: skip


def test_management_everything_achieved_is_100() -> None:
    # c1 = 15+15+10+10+5+5 = 60; c2 = 7+7+7+7+6+6 = 40.
    result = score(get_instrument("nara2-school-management"), answers(MANAGEMENT_ALL))
    assert (result.total, result.tier) == (D(100), "gold")


def test_management_component_two_mixed() -> None:
    # c1 all ดีเยี่ยม = 60; c2: i1 2 → 4.9; i2 1 → 3.5; i3 4 → 7; i4 0 → 0; i5 2 → 4.2; i6 3 → 6
    # = 25.6; total 85.6 → gold.
    checked = dict(MANAGEMENT_ALL, **{"c2.i1": 2, "c2.i2": 1, "c2.i4": 0, "c2.i5": 2, "c2.i6": 3})
    result = score(get_instrument("nara2-school-management"), answers(checked))
    assert [c.points for c in result.components] == [D(60), D("25.6")]
    assert (result.total, result.tier) == (D("85.6"), "gold")


def test_management_nothing_achieved_is_zero_without_tier() -> None:
    # No item anywhere: every indicator 0, total 0 < 50 → ไม่ได้รับรางวัล; no warnings for 0 items.
    checked = dict.fromkeys(MANAGEMENT_ALL, 0)
    result = score(get_instrument("nara2-school-management"), answers(checked))
    assert (result.total, result.tier, result.warnings) == (D(0), None, ())
    assert result.tier_label_th == "ไม่ได้รับรางวัล (ต่ำกว่า ๕๐ คะแนน)"


def test_management_learner_items_read_as_eight() -> None:
    # The form prints ๑-๙ with a stray "๗." inside item ๖; we read 8 items: 7 → ดีเยี่ยม 15.
    instrument = get_instrument("nara2-school-management")
    assert [i.number for i in instrument.indicator("c1.i1").items] == list("๑๒๓๔๕๖๘๙")
    checked = dict(MANAGEMENT_ALL, **{"c1.i1": 7})
    assert score(instrument, answers(checked)).indicator("c1.i1").points == D(15)


# --------------------------------------------------------------------------- innovation

INNOVATION_C1_ALL = {"c1.i1": 8, "c1.i2": 8, "c1.i3": 6, "c1.i4": 10, "c1.i5": 5, "c1.i6": 4}


def test_innovation_everything_best_is_100() -> None:
    # c1 60; c2 choices all รายการที่ ๑ (ดีเยี่ยม): 7 × 4 + 4 × 3 = 40.
    choices = {f"c2.i{k}": 1 for k in range(1, 12)}
    result = score(get_instrument("nara2-school-innovation"), answers(INNOVATION_C1_ALL, choices))
    assert (result.total, result.tier) == (D(100), "gold")


def test_innovation_mixed_case() -> None:
    # c1: i1 8 → 15; i2 6 → ดีมาก 10.5 (bands read as 7-8/5-6/1-4); i3 6 → 10;
    #     i4 6 of 10 → ดีมาก 7 (read as 8-10/5-7/1-4; printed "๖ รายการ" everywhere);
    #     i5 5 → 5 (read as 5/4/1-3); i6 2 → ดีมาก 3.5                        = 51
    # c2 (4-point rows 1-7): ที่ ๑ 4, ที่ ๒ 2.8, ที่ ๓ 2, ที่ ๑ 4, ที่ ๑ 4, ที่ ๒ 2.8, ที่ ๑ 4 = 23.6
    #    (3-point rows 8-11): ที่ ๑ 3, ที่ ๓ 1.5, ที่ ๒ 2.1, ที่ ๑ 3                 =  9.6
    # total 51 + 33.2 = 84.2 → gold.
    checked = {"c1.i1": 8, "c1.i2": 6, "c1.i3": 6, "c1.i4": 6, "c1.i5": 5, "c1.i6": 2}
    picks = [1, 2, 3, 1, 1, 2, 1, 1, 3, 2, 1]
    choices = {f"c2.i{k}": item for k, item in enumerate(picks, start=1)}
    result = score(get_instrument("nara2-school-innovation"), answers(checked, choices))
    assert [c.points for c in result.components] == [D(51), D("33.2")]
    assert (result.total, result.tier) == (D("84.2"), "gold")
    assert result.indicator("c2.i2").explanation_th == "ทำได้รายการที่ ๒ → ดีมาก → ๒.๘ คะแนน"


def test_innovation_campaign_override_of_level_points() -> None:
    # A campaign decides ดีมาก = 12 for c1.i2: 6 items → 12 instead of 10.5 (+1.5).
    checked = {"c1.i1": 8, "c1.i2": 6, "c1.i3": 6, "c1.i4": 6, "c1.i5": 5, "c1.i6": 2}
    picks = [1, 2, 3, 1, 1, 2, 1, 1, 3, 2, 1]
    choices = {f"c2.i{k}": item for k, item in enumerate(picks, start=1)}
    result = score(
        get_instrument("nara2-school-innovation"),
        answers(checked, choices),
        overrides={"c1.i2/levels.very_good.points": 12},
    )
    assert result.total == D("85.7")


def test_innovation_bronze_case() -> None:
    # c1: i1 4 → ดี 7.5; i2 4 → ดี 7.5; i3 4 → ดี 5; i4 4 → ดี 5; i5 3 → ดี 2.5; i6 1 → ดี 2.5 = 30
    # c2: รายการที่ ๓ for rows 1-3 (2 instead of 4: −6), ที่ ๒ for row 8 (2.1 instead of 3: −0.9),
    #     ที่ ๑ elsewhere: 40 − 6 − 0.9 = 33.1. Total 63.1 → bronze [60, 70).
    checked = {"c1.i1": 4, "c1.i2": 4, "c1.i3": 4, "c1.i4": 4, "c1.i5": 3, "c1.i6": 1}
    picks = [3, 3, 3, 1, 1, 1, 1, 2, 1, 1, 1]
    choices = {f"c2.i{k}": item for k, item in enumerate(picks, start=1)}
    result = score(get_instrument("nara2-school-innovation"), answers(checked, choices))
    assert (result.total, result.tier) == (D("63.1"), "bronze")


# --------------------------------------------------------------------------- eligibility


def eligibility_answers(levels, i2, i1=True, i3=True, i4=True) -> dict:
    return {
        "fields": {
            "school_name": "โรงเรียนบ้านตัวอย่าง",
            "school_type": "primary",
            "school_size": "small",
            "domain": "academic",
            "school_levels": levels,
        },
        "indicators": {
            "c1.i1": {"pass": i1},
            "c1.i2": {"checked": i2},
            "c1.i3": {"pass": i3},
            "c1.i4": {"pass": i4},
        },
    }


@pytest.mark.parametrize(
    ("levels", "i2", "others", "passed"),
    [
        # primary school, O-NET item ๒ passes, indicators ๑, ๓, ๔ pass → eligible
        (["primary"], [2], {}, True),
        # school with kindergarten and primary: both per-level items must pass
        (["early_childhood", "primary"], [2], {}, False),
        (["early_childhood", "primary"], [1, 2], {}, True),
        # kindergarten only: item ๑ alone is enough
        (["early_childhood"], [1], {}, True),
        # everything passes but no award in 3 years (indicator ๔) → not eligible
        (["primary"], [2], {"i4": False}, False),
    ],
)
def test_eligibility_cases(levels, i2, others, passed) -> None:
    result = score(
        get_instrument("nara2-school-eligibility"), eligibility_answers(levels, i2, **others)
    )
    assert result.passed is passed
    assert [g.status for g in result.gates] == ["passed" if passed else "failed"]


# --------------------------------------------------------------------------- lint


@pytest.mark.parametrize(
    "instrument_id",
    [
        "nara2-school-eligibility",
        "nara2-school-academic",
        "nara2-school-management",
        "nara2-school-innovation",
    ],
)
def test_school_instruments_lint_without_errors_and_resolve_every_warning(instrument_id) -> None:
    findings = lint(get_instrument(instrument_id))
    assert [f for f in findings if f.severity == "error"] == []
    assert all(f.resolution for f in findings if f.severity == "warning")


def test_school_innovation_reports_printed_band_defects() -> None:
    codes = {(f.path, f.code) for f in lint(get_instrument("nara2-school-innovation"))}
    assert {
        ("c1.i2", "identical_bands"),
        ("c1.i4", "identical_bands"),
        ("c1.i5", "band_exceeds_items"),
    } <= codes
