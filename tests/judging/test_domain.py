from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from pramoen.instruments import get_instrument
from pramoen.instruments.scoring import compile_instrument
from pramoen.judging import domain

D = Decimal


def test_competition_ranks_share_ties_and_skip():
    assert domain.competition_ranks([D(90), D(85), D(80), D(80), D(70)]) == [1, 2, 3, 3, 5]


def test_competition_ranks_unordered_input():
    assert domain.competition_ranks([D(70), D(80), D(90), D(80)]) == [4, 2, 1, 2]


@given(st.lists(st.integers(min_value=0, max_value=100), min_size=1, max_size=30))
def test_competition_ranks_property(values):
    totals = [D(v) for v in values]
    ranks = domain.competition_ranks(totals)
    for i, t in enumerate(totals):
        assert ranks[i] == 1 + sum(1 for other in totals if other > t)


def test_rank_labels_thai():
    assert [domain.rank_label_th(r) for r in (1, 2, 3, 4, None)] == [
        "ชนะเลิศ",
        "รองชนะเลิศอันดับ ๑",
        "รองชนะเลิศอันดับ ๒",
        "",
        "",
    ]


def test_aggregate_mean_and_median():
    assert domain.aggregate([D(80), D(70), D(90)]) == D(80)
    assert domain.aggregate([D(80), D(70), D(100)], "median") == D(80)
    assert domain.aggregate([D(70), D(80)], "median") == D(75)


def test_tier_on_unrounded_total_half_open():
    compiled = compile_instrument(get_instrument("nara2-school-academic"))
    assert domain.tier_for_total(compiled, D("79.999"))[0] == "silver"
    assert domain.tier_for_total(compiled, D("80"))[0] == "gold"
    assert domain.tier_for_total(compiled, D("100"))[0] == "gold"
    assert domain.tier_for_total(compiled, D("49.99")) == (
        None,
        compiled.instrument.tiers.none_label_th,
    )


def test_medal_counts_orders_by_golds():
    rows = [
        {"school": "ข", "tier": "gold"},
        {"school": "ก", "tier": "silver"},
        {"school": "ข", "tier": "silver"},
        {"school": "ค", "tier": "gold"},
        {"school": "ค", "tier": "gold"},
    ]
    assert domain.medal_counts(rows, "school") == [
        ("ค", {"gold": 2}),
        ("ข", {"gold": 1, "silver": 1}),
        ("ก", {"silver": 1}),
    ]


def test_calibration_removes_a_lenient_judges_offset():
    # Judge 2 gives every entry 10 points more than judge 1: after calibration they agree.
    raw = {(1, 1): D(60), (1, 2): D(70), (1, 3): D(80), (2, 1): D(70), (2, 2): D(80), (2, 3): D(90)}
    calibrated = domain.calibrate(raw)
    for entry in (1, 2, 3):
        assert calibrated[(1, entry)] == calibrated[(2, entry)]
    assert sum(calibrated.values()) / 6 == sum(raw.values()) / 6


def test_calibration_single_score_judge_gets_panel_mean():
    calibrated = domain.calibrate({(1, 1): D(60), (1, 2): D(80), (2, 1): D(95)})
    assert calibrated[(2, 1)] == (D(60) + D(80) + D(95)) / 3


def test_calibrated_totals_stay_on_the_instruments_scale():
    # A harsh judge's best entry maps far above the panel's spread: without the scale it
    # read "102.36" on a 100-point instrument (issue 20).
    scores = {
        (1, 1): Decimal("40"),
        (1, 2): Decimal("20"),
        (2, 1): Decimal("99"),
        (2, 2): Decimal("98"),
        (3, 3): Decimal("100"),
        (3, 4): Decimal("0"),
    }
    unbounded = domain.calibrate(scores)
    assert max(unbounded.values()) > 100  # the case the bound is for
    bounded = domain.calibrate(scores, maximum=Decimal("100"))
    assert max(bounded.values()) == Decimal("100")
    assert min(bounded.values()) >= 0


def test_no_rank_title_without_a_tier():
    assert domain.rank_label_th(2, tiered=False) == ""
    assert domain.rank_label_th(2, tiered=True) == "รองชนะเลิศอันดับ ๑"
