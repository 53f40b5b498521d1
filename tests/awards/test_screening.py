"""The pure eligibility checks (awards.screening) at their boundaries; no database."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pramoen.awards import screening
from pramoen.awards.screening import (
    AwardRow,
    CheckCode,
    DisciplineRow,
    OnesqaRow,
    OnetRow,
    Outcome,
    Parameters,
    PastResult,
    PersonFacts,
    SchoolFacts,
)

PARAMS = Parameters(
    deadline=date(2026, 6, 19),
    year_be=2569,
    domain="academic",
    domain_label_th="ด้านวิชาการ",
    esa_name_th="สำนักงานเขตพื้นที่การศึกษาประถมศึกษาทดสอบ",
)
SUBJECTS = {"thai": "ภาษาไทย", "math": "คณิตศาสตร์", "science": "วิทยาศาสตร์", "english": "ภาษาอังกฤษ"}


def person(**overrides) -> PersonFacts:
    fields = {
        "name_th": "นางสาวสมใจ ใจดี",
        "found": True,
        "organization_name_th": "โรงเรียนบ้านทดสอบ",
        "in_esa": True,
        "position_started_on": date(2020, 5, 16),
    }
    fields.update(overrides)
    return PersonFacts(**fields)


def onet(grade: str, means: dict[str, tuple[str, str | None]]) -> list[OnetRow]:
    return [
        OnetRow(
            grade=grade,
            grade_label_th={"p6": "ป.6", "m3": "ม.3"}[grade],
            subject=subject,
            subject_label_th=SUBJECTS[subject],
            school_mean=Decimal(school),
            esa_mean=Decimal(esa) if esa is not None else None,
        )
        for subject, (school, esa) in means.items()
    ]


def school(**overrides) -> SchoolFacts:
    fields = {"name_th": "โรงเรียนบ้านทดสอบ", "in_esa": True, "onet_year": 2568}
    fields.update(overrides)
    return SchoolFacts(**fields)


# ----------------------------------------------------------------------------- years in post


def test_years_in_post_exactly_one_year_to_the_deadline_passes():
    result = screening.check_years_in_post(person(position_started_on=date(2025, 6, 19)), PARAMS)
    assert result.outcome == Outcome.PASS
    assert "๑๙ มิถุนายน ๒๕๖๘" in result.basis_th
    assert "๑๙ มิถุนายน ๒๕๖๙" in result.basis_th


def test_years_in_post_one_day_short_fails():
    result = screening.check_years_in_post(person(position_started_on=date(2025, 6, 20)), PARAMS)
    assert result.outcome == Outcome.FAIL
    assert "ครบเมื่อ ๒๐ มิถุนายน ๒๕๖๙" in result.basis_th


def test_years_in_post_counts_the_later_of_post_and_school_start():
    facts = person(position_started_on=date(2010, 1, 1), organization_started_on=date(2025, 6, 20))
    assert screening.check_years_in_post(facts, PARAMS).outcome == Outcome.FAIL


def test_years_in_post_without_dates_needs_evidence():
    result = screening.check_years_in_post(person(position_started_on=None), PARAMS)
    assert result.outcome == Outcome.NEEDS_EVIDENCE


def test_add_years_moves_29_february_to_28():
    assert screening.add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)))
def test_years_in_post_passes_exactly_when_a_year_has_elapsed(start):
    outcome = screening.check_years_in_post(person(position_started_on=start), PARAMS).outcome
    assert (outcome == Outcome.PASS) == (screening.add_years(start, 1) <= PARAMS.deadline)


# ------------------------------------------------------------------------------- discipline


def test_discipline_exactly_two_years_before_the_deadline_is_outside_the_window():
    rows = (DisciplineRow(date(2024, 6, 19), "probation", "ภาคทัณฑ์"),)
    result = screening.check_discipline(person(disciplinary=rows), PARAMS)
    assert result.outcome == Outcome.PASS
    assert "ภาคทัณฑ์ ๑๙ มิถุนายน ๒๕๖๗" in result.basis_th


def test_discipline_one_day_inside_the_window_fails():
    rows = (DisciplineRow(date(2024, 6, 20), "probation", "ภาคทัณฑ์"),)
    result = screening.check_discipline(person(disciplinary=rows), PARAMS)
    assert result.outcome == Outcome.FAIL
    assert "ภาคทัณฑ์ ๒๐ มิถุนายน ๒๕๖๗" in result.basis_th


def test_discipline_a_written_warning_is_not_a_penalty():
    rows = (DisciplineRow(date(2026, 1, 5), "warning", "ว่ากล่าวตักเตือน"),)
    assert screening.check_discipline(person(disciplinary=rows), PARAMS).outcome == Outcome.PASS


def test_person_not_in_master_data_needs_evidence_for_every_check():
    facts = PersonFacts(name_th="นายไม่มี ในทะเบียน", found=False, not_found_reason_th="ไม่พบชื่อ")
    results = screening.screen_person(facts, PARAMS)
    assert [r.code for r in results] == list(screening.PERSON_CHECKS)
    assert {r.outcome for r in results} == {Outcome.NEEDS_EVIDENCE}
    assert all("ไม่พบชื่อ" in r.basis_th for r in results)


# ---------------------------------------------------------------------------- award history


def award(title: str, year: int, tier: str = "gold", domain: str = "academic") -> AwardRow:
    return AwardRow(
        title=title, level="esa", year_be=year, domain=domain, tier=tier, tier_label_th="เหรียญทอง"
    )


def test_nara_gold_same_domain_two_years_back_fails():
    facts = person(awards=(award("NARA 2 AWARDS ครั้งที่ ๓", 2567),))
    result = screening.check_nara_gold(facts, PARAMS)
    assert result.outcome == Outcome.FAIL
    assert "NARA 2 AWARDS ครั้งที่ ๓ ปี ๒๕๖๗" in result.basis_th


def test_nara_gold_three_years_back_passes():
    facts = person(awards=(award("NARA 2 AWARDS ครั้งที่ ๒", 2566),))
    assert screening.check_nara_gold(facts, PARAMS).outcome == Outcome.PASS


def test_nara_gold_in_another_domain_passes():
    facts = person(awards=(award("NARA 2 AWARDS", 2568, domain="management"),))
    assert screening.check_nara_gold(facts, PARAMS).outcome == Outcome.PASS


def test_nara_gold_without_a_domain_needs_evidence():
    facts = person(awards=(award("NARA 2 AWARDS", 2568, domain=""),))
    assert screening.check_nara_gold(facts, PARAMS).outcome == Outcome.NEEDS_EVIDENCE


def test_nara_gold_from_pramoen_past_results_fails():
    past = PastResult(2568, "academic", "gold", "รางวัลเหรียญทอง", "NARA 2 AWARDS ครั้งที่ ๔")
    result = screening.check_nara_gold(person(past_results=(past,)), PARAMS)
    assert result.outcome == Outcome.FAIL
    assert "ผลการประกวดในระบบ" in result.basis_th


def test_obec_award_boundary_years():
    inside = person(awards=(award("รางวัลทรงคุณค่า สพฐ. OBEC AWARDS", 2567, tier="silver"),))
    outside = person(awards=(award("รางวัลทรงคุณค่า สพฐ. OBEC AWARDS", 2566, tier="silver"),))
    assert screening.check_obec_award(inside, PARAMS).outcome == Outcome.FAIL
    assert screening.check_obec_award(outside, PARAMS).outcome == Outcome.PASS


# ------------------------------------------------------------------------------------ O-NET


def test_onet_above_in_exactly_two_subjects_passes():
    rows = onet(
        "p6", {"thai": ("50.10", "50.00"), "math": ("40", "39.99"), "science": ("30", "35")}
    )
    result = screening.check_onet(school(onet=tuple(rows)), PARAMS)
    assert result.outcome == Outcome.PASS
    assert "O-NET ปีการศึกษา ๒๕๖๘" in result.basis_th
    assert "ภาษาไทย ๕๐.๑๐ / เขต ๕๐.๐๐ (สูงกว่า)" in result.basis_th


def test_onet_above_in_one_subject_fails():
    rows = onet("p6", {"thai": ("51", "50"), "math": ("39", "40"), "science": ("35", "35")})
    assert screening.check_onet(school(onet=tuple(rows)), PARAMS).outcome == Outcome.FAIL


def test_onet_must_hold_in_every_grade_tested():
    good = onet("p6", {"thai": ("51", "50"), "math": ("41", "40")})
    bad = onet("m3", {"thai": ("51", "50"), "math": ("39", "40")})
    assert screening.check_onet(school(onet=tuple(good + bad)), PARAMS).outcome == Outcome.FAIL


def test_onet_missing_esa_mean_that_could_decide_needs_evidence():
    rows = onet("p6", {"thai": ("51", "50"), "math": ("41", None)})
    assert screening.check_onet(school(onet=tuple(rows)), PARAMS).outcome == (
        Outcome.NEEDS_EVIDENCE
    )


def test_onet_no_results_needs_evidence():
    result = screening.check_onet(school(onet_year=None), PARAMS)
    assert result.outcome == Outcome.NEEDS_EVIDENCE


# ----------------------------------------------------------------------------------- ONESQA


def test_onesqa_round_four_good_passes_and_fair_fails():
    good = school(onesqa=(OnesqaRow(4, "good", "ดี"),))
    fair = school(onesqa=(OnesqaRow(4, "fair", "พอใช้"), OnesqaRow(3, "excellent", "ดีเยี่ยม")))
    assert screening.check_onesqa(good, PARAMS).outcome == Outcome.PASS
    result = screening.check_onesqa(fair, PARAMS)
    assert result.outcome == Outcome.FAIL
    assert "รอบ ๔ ระดับพอใช้" in result.basis_th


def test_onesqa_missing_needs_evidence():
    assert screening.check_onesqa(school(), PARAMS).outcome == Outcome.NEEDS_EVIDENCE


# ------------------------------------------------------------------------------ school award


def test_school_award_found_in_past_results_within_three_years_passes():
    past = PastResult(2566, "academic", "bronze", "รางวัลเหรียญทองแดง", "NARA 2 AWARDS ครั้งที่ ๒")
    assert screening.check_school_award(school(past_results=(past,)), PARAMS).outcome == (
        Outcome.PASS
    )


def test_school_award_four_years_back_or_none_needs_evidence_never_fails():
    past = PastResult(2565, "academic", "gold", "รางวัลเหรียญทอง", "NARA 2 AWARDS ครั้งที่ ๑")
    result = screening.check_school_award(school(past_results=(past,)), PARAMS)
    assert result.outcome == Outcome.NEEDS_EVIDENCE


def test_school_checks_are_the_announcement_section_one():
    codes = [r.code for r in screening.screen_school(school(), PARAMS)]
    assert codes == [
        CheckCode.AFFILIATION,
        CheckCode.ONET,
        CheckCode.ONESQA,
        CheckCode.SCHOOL_AWARD,
    ]


def _size(group: str, students: int | None) -> screening.SizeFacts:
    from pramoen.orgs.sizes import classify

    classified = classify(students) if students is not None else None
    return screening.SizeFacts(
        school_name_th="โรงเรียนบ้านทดสอบ",
        group=group,
        group_label_th={"small": "ขนาดเล็ก", "medium": "ขนาดกลาง", "large": "ขนาดใหญ่"}[group],
        academic_year=2568 if students is not None else None,
        students=students,
        classified=classified.key if classified else None,
        classified_label_th=classified.label if classified else "",
        ranges_th="ขนาดเล็ก ๐–๑๑๙ คน · ขนาดกลาง ๑๒๐–๓๒๐ คน · ขนาดใหญ่ ๓๒๑ ขึ้นไป คน",
    )


@pytest.mark.parametrize(
    ("students", "group"),
    [
        (1, "small"),
        (119, "small"),
        (120, "medium"),
        (320, "medium"),
        (321, "large"),
        (2500, "large"),
    ],
)
def test_size_group_passes_only_in_the_schools_own_class_at_every_edge(students, group):
    # ประกาศ ข้อ ๓: ≤ 119 small, 120–320 medium, ≥ 321 large (120 is medium: orgs.sizes).
    for candidate in ("small", "medium", "large"):
        outcome = screening.check_size_group(_size(candidate, students)).outcome
        assert outcome == (Outcome.PASS if candidate == group else Outcome.FAIL), candidate


def test_size_group_without_a_count_needs_evidence():
    result = screening.check_size_group(_size("small", None))
    assert result.outcome == Outcome.NEEDS_EVIDENCE
    assert "ต้องแนบข้อมูลจำนวนนักเรียน" in result.basis_th
