"""The ESA-authored instruments of the supervisor (ประกาศ ข้อ ๓.๔) and other-staff (ข้อ ๓.๕)
categories, library/nara2/edstaff: seed 003 names both categories and their three domains (lines
121-131) but prints no form, so these are the ESA's own and say so.

Hand-computed scores: a domain total is 30 × pre / 20 + 70 × work / 20 (five ๔ ๓ ๒ ๑ indicators per
part), i.e. 1.5 per preliminary level point and 3.5 per work level point; tiers (ข้อ ๔, lines
133-140) read half-open on the unrounded total: gold [80, 100], silver [70, 80), bronze [60, 70),
honourable [50, 60), below 50 nothing. Eligibility (ข้อ ๒.๑-๒.๗, lines 77-90) needs every item, plus
the ESA's position check.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from typing import Any

import pytest

from pramoen.instruments import LIBRARY_DIR, Instrument, load_instrument
from pramoen.instruments.lint import lint
from pramoen.instruments.provenance import check_provenance, unfound_texts
from pramoen.instruments.schema import ESA_AUTHORED_NOTICE_TH
from pramoen.instruments.scoring import ScoreResult, score

EDSTAFF = LIBRARY_DIR / "nara2" / "edstaff"
PRELIMINARY = "nara2-edstaff-preliminary"
DOMAINS = ("nara2-edstaff-academic", "nara2-edstaff-management", "nara2-edstaff-innovation")
ALL = (PRELIMINARY, *DOMAINS)
D = Decimal


@cache
def _load(instrument_id: str) -> Instrument:
    return load_instrument(EDSTAFF / f"{instrument_id}.yaml")


def _levels(raw: int) -> list[dict[str, Any]]:
    """Five level answers summing to ``raw`` (0-20): as many ๔ as fit, then the rest, then none."""
    answers = []
    for _ in range(5):
        points = min(4, raw)
        raw -= points
        answers.append({"none": True} if points == 0 else {"level": f"l{points}"})
    assert raw == 0
    return answers


def _domain(
    instrument_id: str,
    pre: int,
    work: int,
    *,
    eligible: bool | None = True,
    overrides: dict[str, Any] | None = None,
) -> ScoreResult:
    indicators = {f"pre.i{k}": a for k, a in enumerate(_levels(pre), start=1)}
    indicators |= {f"c1.i{k}": a for k, a in enumerate(_levels(work), start=1)}
    answers: dict[str, Any] = {"instrument": instrument_id, "fields": {}, "indicators": indicators}
    if eligible is not None:
        answers["eligibility"] = {PRELIMINARY: eligible}
    return score(_load(instrument_id), answers, overrides=overrides)


# --------------------------------------------------------------------------- marked ESA-authored


@pytest.mark.parametrize("instrument_id", ALL)
def test_marked_esa_authored_with_the_notice_and_never_citing_a_form(instrument_id: str) -> None:
    instrument = _load(instrument_id)
    assert instrument.esa_authored is not None
    assert instrument.esa_authored.notice_th == ESA_AUTHORED_NOTICE_TH
    assert ESA_AUTHORED_NOTICE_TH in (instrument.description_th or "")
    assert instrument.source is None  # the instrument never claims to be a printed form
    assert [f.render() for f in lint(instrument) if f.severity == "error"] == []


@pytest.mark.parametrize("instrument_id", ALL)
def test_every_decision_is_recorded_as_an_esa_decision(instrument_id: str) -> None:
    instrument = _load(instrument_id)
    decisions = {d.id: d for d in instrument.defects}
    assert {"no_printed_form", "shared_by_two_categories"} <= set(decisions)
    assert all(d.resolution and d.resolution.esa_decision for d in decisions.values())


def test_own_texts_are_the_esas_and_quoted_texts_are_checked_against_the_seed() -> None:
    checks = check_provenance(_load(PRELIMINARY))
    quoted = [c for c in checks if c.path.startswith("q.")]
    own = [c for c in checks if c.path.startswith("pos")]
    assert quoted and all(c.found and c.lines == "77-90" for c in quoted if c.kind == "item")
    assert own and all(c.esa and not c.found and c.document is None for c in own)
    assert unfound_texts(_load(PRELIMINARY)) == []


def test_a_quoted_text_that_drifts_from_the_seed_is_still_reported() -> None:
    data = _load(PRELIMINARY).model_dump(mode="json", by_alias=True, exclude_none=True)
    data["rubric"]["components"][0]["indicators"][0]["items"][2]["text_th"] = "ไม่เคยถูกลงโทษเลย"
    changed = Instrument.model_validate(data)
    assert [c.path for c in unfound_texts(changed)] == ["q.i1.3"]
    assert "text_not_in_source" in {f.code for f in lint(changed)}


def test_lint_refuses_an_esa_authored_instrument_that_cites_a_source_or_drops_the_notice() -> None:
    data = _load(DOMAINS[0]).model_dump(mode="json", by_alias=True, exclude_none=True)
    data["source"] = {"document": "seed:003_be8cf020a0793ad8", "lines": "121-131"}
    data["esa_authored"]["notice_th"] = "แบบประเมิน"
    codes = {f.code for f in lint(Instrument.model_validate(data)) if f.severity == "error"}
    assert {"esa_authored_cites_source", "esa_authored_notice"} <= codes


def test_the_three_domains_share_the_preliminary_part_and_differ_in_the_work_part() -> None:
    pre = [_load(i).rubric.components[0].model_dump() for i in DOMAINS]
    assert pre[0] == pre[1] == pre[2]
    work = [tuple(x.title_th for x in _load(i).rubric.components[1].indicators) for i in DOMAINS]
    assert len(set(work)) == 3


# --------------------------------------------------------------------------- scores and tiers


@pytest.mark.parametrize("instrument_id", DOMAINS)
def test_full_marks_100_gold(instrument_id: str) -> None:
    result = _domain(instrument_id, 20, 20)
    assert {c.path: c.points for c in result.components} == {"pre": 30, "c1": 70}
    assert result.total == 100 == result.maximum
    assert result.tier == "gold"


@pytest.mark.parametrize(
    ("pre", "work", "total", "tier"),
    [
        # 1.5 × pre + 3.5 × work
        (16, 16, D("80"), "gold"),  # 24 + 56
        (11, 18, D("79.5"), "silver"),  # 16.5 + 63
        (14, 14, D("70"), "silver"),  # 21 + 49
        (2, 19, D("69.5"), "bronze"),  # 3 + 66.5
        (12, 12, D("60"), "bronze"),  # 18 + 42
        (0, 17, D("59.5"), "honourable"),  # 0 + 59.5
        (10, 10, D("50"), "honourable"),  # 15 + 35
        (5, 12, D("49.5"), None),  # 7.5 + 42
        (0, 0, D("0"), None),
    ],
)
def test_hand_computed_totals_at_the_band_edges(pre: int, work: int, total: Decimal, tier) -> None:
    result = _domain("nara2-edstaff-academic", pre, work)
    assert result.total == total
    assert result.tier == tier


@pytest.mark.parametrize(
    ("to", "total", "tier"),
    [
        # full preliminary (20 of 20) scaled to ``to``, plus work 10 of 20 = 35
        ("14.99", D("49.99"), None),
        ("15", D("50"), "honourable"),
        ("24.99", D("59.99"), "honourable"),
        ("25", D("60"), "bronze"),
        ("34.99", D("69.99"), "bronze"),
        ("44.99", D("79.99"), "silver"),
        ("45", D("80"), "gold"),
    ],
)
def test_fractional_totals_just_under_a_band_stay_below_it(to: str, total, tier) -> None:
    # The declared parameter pre/scale.to (decision proportion_30_70) gives totals on any grid.
    result = _domain("nara2-edstaff-management", 20, 10, overrides={"pre/scale.to": to})
    assert result.total == total
    assert result.tier == tier


def test_a_level_below_fair_is_zero_and_levels_count_as_printed() -> None:
    # pre: ๔ ๓ ๒ ๑ none = 10 → 15; work: ๔ ๔ ๔ ๒ none = 14 → 49. Total 64 → bronze.
    answers: dict[str, Any] = {
        "instrument": "nara2-edstaff-innovation",
        "fields": {},
        "indicators": {
            "pre.i1": {"level": "l4"},
            "pre.i2": {"level": "l3"},
            "pre.i3": {"level": "l2"},
            "pre.i4": {"level": "l1"},
            "pre.i5": {"none": True},
            "c1.i1": {"level": "l4"},
            "c1.i2": {"level": "l4"},
            "c1.i3": {"level": "l4"},
            "c1.i4": {"level": "l2"},
            "c1.i5": {"none": True},
        },
        "eligibility": {PRELIMINARY: True},
    }
    result = score(_load("nara2-edstaff-innovation"), answers)
    assert [result.indicator(f"pre.i{k}").points for k in range(1, 6)] == [4, 3, 2, 1, 0]
    assert {c.path: c.points for c in result.components} == {"pre": 15, "c1": 49}
    assert result.total == 64
    assert result.tier == "bronze"


def test_a_failed_eligibility_check_gets_no_tier_even_at_full_marks() -> None:
    result = _domain("nara2-edstaff-academic", 20, 20, eligible=False)
    assert result.total == 100
    assert result.passed is False
    assert result.tier is None
    assert "ไม่มอบเกียรติบัตร" in result.tier_label_th


# --------------------------------------------------------------------------- eligibility (ข้อ ๒)

FIELDS = {
    "name_title": "ms",
    "first_name": "นิเทศ",
    "last_name": "ตัวอย่าง",
    "position": "supervisor",
    "workplace": "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาตัวอย่าง",
    "domain": "academic",
}


def _eligibility(q: list[int], position_ok: bool = True) -> ScoreResult:
    return score(
        _load(PRELIMINARY),
        {
            "instrument": PRELIMINARY,
            "fields": FIELDS,
            "indicators": {
                "q.i1": {"checked": q},
                "pos.i1": {"checked": [1] if position_ok else []},
            },
        },
    )


def test_every_qualification_2_1_to_2_7_and_the_position_pass() -> None:
    result = _eligibility([1, 2, 3, 4, 5, 6, 7])
    assert result.passed is True
    assert [g.status for g in result.gates] == ["passed"]


@pytest.mark.parametrize("missing", range(1, 8))
def test_missing_any_one_qualification_fails(missing: int) -> None:
    result = _eligibility([k for k in range(1, 8) if k != missing])
    assert result.passed is False
    assert [g.status for g in result.gates] == ["failed"]


def test_a_position_that_does_not_match_the_category_fails() -> None:
    assert _eligibility([1, 2, 3, 4, 5, 6, 7], position_ok=False).passed is False


def test_the_qualifications_are_the_announcements_seven_items() -> None:
    items = _load(PRELIMINARY).rubric.components[0].indicators[0].items
    assert [i.number for i in items] == ["๒.๑", "๒.๒", "๒.๓", "๒.๔", "๒.๕", "๒.๖", "๒.๗"]
