"""Screening services against the database: facts from master data, overrides, confirmation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from pramoen.awards.enums import CheckDecision, Eligibility, EntryEventKind, EntryStatus
from pramoen.awards.models import CampaignCategory, EligibilityCheck, Entry
from pramoen.awards.services import screening_confirm, screening_override, screening_run
from pramoen.core.models import AuditEvent
from pramoen.judging.models import Eligibility as JudgingEligibility
from pramoen.orgs.models import (
    Award,
    DisciplinaryRecord,
    Enrollment,
    OnesqaResult,
    OnetMean,
    Person,
)

pytestmark = pytest.mark.django_db

NOT_ELIGIBLE_TH = "ไม่ผ่านคุณสมบัติเบื้องต้น — ไม่มอบเกียรติบัตร"


def submitted_entry(campaign, school, applicant, category: str, nominee_name: str = "") -> Entry:
    # Arranged directly: submission itself is tested in test_entries.py.
    cat = CampaignCategory.objects.get(campaign=campaign, category=category)
    key = f"school:{school.pk}" if category == "school" else f"person:{school.pk}:{nominee_name}"
    return Entry.objects.create(
        campaign=campaign,
        category=cat,
        school=school,
        nominee_name=nominee_name,
        nominee_key=key,
        created_by=applicant,
        status=EntryStatus.SUBMITTED,
        submitted_at=dt.datetime(2026, 6, 1, tzinfo=dt.UTC),
    )


# The demo campaign opens on 26 มี.ค. 2569 (campaign_fields), in academic year 2568: the size
# class is read from that year's count.
OPENING_YEAR = 2568


def enrol(school, students: int, year: int = OPENING_YEAR) -> None:
    Enrollment.objects.create(school=school, academic_year=year, students=students)


@pytest.fixture
def teacher(school):
    return Person.objects.create(
        prefix="นางสาว",
        first_name="สมใจ",
        last_name="ใจดี",
        position="teacher",
        organization=school,
        position_started_on=dt.date(2020, 5, 16),
    )


@pytest.fixture
def teacher_entry(campaign, school, applicant, teacher):
    enrol(school, 400)  # a large school, as the teacher's group (TEACHER_INNOVATION)
    return submitted_entry(campaign, school, applicant, "teacher", "นางสาวสมใจ ใจดี")


def codes(checks) -> dict[str, str]:
    return {check.code: check.outcome for check in checks}


def test_screening_run_links_the_person_and_reads_their_history(teacher_entry, teacher, staff):
    DisciplinaryRecord.objects.create(
        person=teacher, occurred_on=dt.date(2025, 3, 1), kind="probation"
    )
    checks = screening_run(entry=teacher_entry, actor=staff)
    teacher_entry.refresh_from_db()
    assert teacher_entry.person == teacher
    assert codes(checks) == {
        "affiliation": "pass",
        "years_in_post": "pass",
        "discipline": "fail",
        "obec_award": "pass",
        "nara_gold": "pass",
        "size_group": "pass",
    }
    discipline = next(c for c in checks if c.code == "discipline")
    assert "ภาคทัณฑ์ ๑ มีนาคม ๒๕๖๘" in discipline.basis_th


def test_unknown_nominee_needs_evidence(campaign, school, applicant, staff):
    entry = submitted_entry(campaign, school, applicant, "teacher", "นายไม่มี ในทะเบียน")
    checks = screening_run(entry=entry, actor=staff)
    assert set(codes(checks).values()) == {"needs_evidence"}
    assert "ไม่มีบุคลากรชื่อ ไม่มี ในทะเบียน ในโรงเรียนบ้านทดสอบหรือ" in checks[0].basis_th


def test_a_supervisor_is_found_at_the_esa(campaign, school, applicant, staff, esa):
    supervisor = Person.objects.create(
        first_name="นิเทศ",
        last_name="ดีเด่น",
        position="supervisor",
        organization=esa,
        position_started_on=dt.date(2018, 10, 1),
    )
    entry = submitted_entry(campaign, school, applicant, "teacher", "นายนิเทศ ดีเด่น")
    checks = screening_run(entry=entry, actor=staff)
    entry.refresh_from_db()
    assert entry.person == supervisor
    assert codes(checks)["affiliation"] == "pass"


def test_two_people_of_the_same_name_need_evidence(teacher_entry, teacher, school, staff):
    Person.objects.create(
        first_name="สมใจ", last_name="ใจดี", position="teacher", organization=school
    )
    checks = codes(screening_run(entry=teacher_entry, actor=staff))
    # Everything about the person needs evidence; the school's size is known either way.
    assert checks.pop("size_group") == "pass"
    assert set(checks.values()) == {"needs_evidence"}
    first = EligibilityCheck.objects.filter(entry=teacher_entry).order_by("position").first()
    assert "มีบุคลากรชื่อ สมใจ ใจดี มากกว่า ๑ คน" in first.basis_th


def test_school_entry_reads_onet_onesqa_of_the_latest_year_before_the_deadline(
    campaign, school, applicant, staff, esa
):
    entry = submitted_entry(campaign, school, applicant, "school")
    for org, means in ((school, ("51", "41", "30")), (esa, ("50", "40", "35"))):
        for subject, mean in zip(("thai", "math", "science"), means, strict=True):
            OnetMean.objects.create(
                organization=org,
                academic_year=2568,
                grade="p6",
                subject=subject,
                mean=Decimal(mean),
            )
    # The deadline's own academic year has no results in real life; one here must be ignored.
    OnetMean.objects.create(
        organization=school, academic_year=2569, grade="p6", subject="thai", mean=Decimal("1")
    )
    OnesqaResult.objects.create(school=school, round=4, level="very_good")
    # The size class comes from the count of the academic year the campaign opened in (2568),
    # not from the next year's, recorded after the call.
    enrol(school, 100, year=2567)
    enrol(school, 110, year=2568)
    enrol(school, 500, year=2569)
    checks = screening_run(entry=entry, actor=staff)
    assert codes(checks) == {
        "affiliation": "pass",
        "onet": "pass",
        "onesqa": "pass",
        "school_award": "needs_evidence",
        "size_group": "pass",
    }
    onet = next(c for c in checks if c.code == "onet")
    assert "O-NET ปีการศึกษา ๒๕๖๘" in onet.basis_th
    size = next(c for c in checks if c.code == "size_group")
    assert "มีนักเรียน ๑๑๐ คน (ปีการศึกษา ๒๕๖๘) เป็นขนาดเล็ก" in size.basis_th


def test_an_entry_in_another_size_group_than_its_school_fails(
    campaign, school, applicant, staff, teacher
):
    enrol(school, 119)  # small; the teacher applied in the large-school group
    entry = submitted_entry(campaign, school, applicant, "teacher", "นางสาวสมใจ ใจดี")
    size = next(c for c in screening_run(entry=entry, actor=staff) if c.code == "size_group")
    assert size.outcome == "fail"
    assert "มีนักเรียน ๑๑๙ คน (ปีการศึกษา ๒๕๖๘) เป็นขนาดเล็ก" in size.basis_th
    assert "สมัครกลุ่มโรงเรียนขนาดใหญ่" in size.basis_th


def test_a_school_without_a_student_count_needs_evidence_of_its_size(
    campaign, school, applicant, staff
):
    entry = submitted_entry(campaign, school, applicant, "school")
    size = next(c for c in screening_run(entry=entry, actor=staff) if c.code == "size_group")
    assert size.outcome == "needs_evidence"
    assert "ไม่พบจำนวนนักเรียนของโรงเรียนบ้านทดสอบ" in size.basis_th


def test_override_keeps_reason_and_writes_the_audit_row(teacher_entry, staff):
    checks = screening_run(entry=teacher_entry, actor=staff)
    check = next(c for c in checks if c.code == "years_in_post")
    screening_override(
        check=check, actor=staff, outcome="fail", reason="ย้ายสถานศึกษาเมื่อ ๑ พ.ค. ๒๕๖๙"
    )
    check.refresh_from_db()
    assert (check.decision, check.outcome, check.reason, check.decided_by) == (
        CheckDecision.OVERRIDDEN,
        "fail",
        "ย้ายสถานศึกษาเมื่อ ๑ พ.ค. ๒๕๖๙",
        staff,
    )
    event = AuditEvent.objects.get(action="awards.screening_override")
    assert (event.before["outcome"], event.after["outcome"]) == ("pass", "fail")
    assert event.reason == "ย้ายสถานศึกษาเมื่อ ๑ พ.ค. ๒๕๖๙"


def test_override_without_reason_is_refused(teacher_entry, staff):
    check = screening_run(entry=teacher_entry, actor=staff)[0]
    with pytest.raises(ValidationError, match="กรุณาระบุเหตุผล"):
        screening_override(check=check, actor=staff, outcome="fail", reason="  ")
    check.refresh_from_db()
    assert check.decision == ""


def test_rerun_updates_computed_outcome_but_keeps_the_override(teacher_entry, teacher, staff):
    checks = screening_run(entry=teacher_entry, actor=staff)
    nara = next(c for c in checks if c.code == "nara_gold")
    screening_override(check=nara, actor=staff, outcome="pass", reason="เหรียญทองปี ๒๕๖๘ เป็นด้านอื่น")
    Award.objects.create(
        person=teacher,
        title="NARA 2 AWARDS ครั้งที่ ๔",
        level="esa",
        year=2568,
        domain="innovation",
        tier="gold",
    )
    screening_run(entry=teacher_entry, actor=staff)
    nara.refresh_from_db()
    assert nara.computed_outcome == "fail"
    assert "NARA 2 AWARDS ครั้งที่ ๔ ปี ๒๕๖๘" in nara.basis_th
    assert (nara.decision, nara.outcome, nara.reason) == (
        CheckDecision.OVERRIDDEN,
        "pass",
        "เหรียญทองปี ๒๕๖๘ เป็นด้านอื่น",
    )
    assert EligibilityCheck.objects.filter(entry=teacher_entry).count() == 6


def test_failing_entry_is_marked_and_the_applicant_is_mailed(
    teacher_entry, teacher, staff, mailoutbox, django_capture_on_commit_callbacks
):
    DisciplinaryRecord.objects.create(
        person=teacher, occurred_on=dt.date(2026, 1, 1), kind="salary_cut"
    )
    screening_run(entry=teacher_entry, actor=staff)
    with django_capture_on_commit_callbacks(execute=True):
        entry = screening_confirm(entry=teacher_entry, actor=staff)
    assert entry.eligibility == Eligibility.NOT_ELIGIBLE
    assert entry.get_eligibility_display() == NOT_ELIGIBLE_TH
    assert entry.events.get(kind=EntryEventKind.SCREENED).note.startswith(NOT_ELIGIBLE_TH)
    assert JudgingEligibility.objects.get(entry=entry).eligible is False
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [teacher_entry.created_by.email]
    body = mailoutbox[0].body
    assert NOT_ELIGIBLE_TH in body
    assert "ไม่เคยถูกลงโทษทางวินัยภายในระยะที่กำหนด (ประกาศ ข้อ ๒.๓)" in body
    # The registry's record stays on the staff page: the e-mail goes to whoever started the
    # entry, and the person matched by name may not be the nominee.
    assert "ตัดเงินเดือน" not in body
    assert set(entry.eligibility_checks.values_list("decision", flat=True)) == {"confirmed"}


def test_confirm_refuses_while_a_check_needs_evidence(campaign, school, applicant, staff):
    entry = submitted_entry(campaign, school, applicant, "school")
    screening_run(entry=entry, actor=staff)
    with pytest.raises(ValidationError, match="ต้องมีหลักฐานเพิ่ม"):
        screening_confirm(entry=entry, actor=staff)


def test_overriding_the_evidence_checks_lets_the_entry_pass(
    campaign, school, applicant, staff, mailoutbox, django_capture_on_commit_callbacks
):
    entry = submitted_entry(campaign, school, applicant, "school")
    for check in screening_run(entry=entry, actor=staff):
        if check.outcome == "needs_evidence":
            screening_override(check=check, actor=staff, outcome="pass", reason="ตรวจหลักฐานที่แนบแล้ว")
    with django_capture_on_commit_callbacks(execute=True):
        entry = screening_confirm(entry=entry, actor=staff)
    assert entry.eligibility == Eligibility.ELIGIBLE
    assert "ผ่านคุณสมบัติเบื้องต้น" in mailoutbox[0].body


def test_gold_from_a_past_pramoen_campaign_fails_the_same_domain(
    campaign, school, applicant, staff, esa, teacher, teacher_entry
):
    from pramoen.awards.services import CategorySpec, campaign_create
    from pramoen.judging.models import EntryResult
    from tests.awards.conftest import BANGKOK, campaign_fields

    last_year = campaign_create(
        esa=esa,
        actor=staff,
        categories=[
            CategorySpec(
                category="teacher",
                domain="innovation",
                size_class="large",
                eligibility_instrument_id="nara2-teacher-eligibility",
                scoring_instrument_id="nara2-teacher-innovation",
            )
        ],
        **campaign_fields(
            edition=4,
            year_be=2568,
            opens_on=dt.date(2025, 3, 26),
            deadline=dt.datetime(2025, 6, 19, 16, 30, tzinfo=BANGKOK),
            correction_starts_on=dt.date(2025, 6, 22),
            correction_ends_on=dt.date(2025, 6, 26),
            judging_starts_on=dt.date(2025, 7, 1),
            judging_ends_on=dt.date(2025, 7, 15),
            announce_on=dt.date(2025, 8, 1),
        ),
    )
    past = submitted_entry(last_year, school, applicant, "teacher", "นางสาวสมใจ ใจดี")
    Entry.objects.filter(pk=past.pk).update(person=teacher)
    EntryResult.objects.create(
        entry=past,
        instrument_hash="b" * 64,
        method="mean",
        total="85",
        total_display="85.00",
        eligible=True,
        tier="gold",
        tier_label_th="รางวัลเหรียญทอง",
        finalized_at=dt.datetime(2025, 8, 1, tzinfo=dt.UTC),
    )
    checks = screening_run(entry=teacher_entry, actor=staff)
    nara = next(c for c in checks if c.code == "nara_gold")
    assert nara.outcome == "fail"
    assert "รางวัลเหรียญทอง NARA 2 AWARDS ครั้งที่ ๔ ประจำปี ๒๕๖๘ (ผลการประกวดในระบบ)" in (nara.basis_th)
    # A result reopened for appeal is not an official result.
    EntryResult.objects.filter(entry=past).update(
        reopened_at=dt.datetime(2025, 8, 5, tzinfo=dt.UTC)
    )
    checks = screening_run(entry=teacher_entry, actor=staff)
    assert next(c for c in checks if c.code == "nara_gold").outcome == "pass"


def test_rerun_resets_a_confirmation_whose_computed_outcome_changed(teacher_entry, teacher, staff):
    screening_run(entry=teacher_entry, actor=staff)
    screening_confirm(entry=teacher_entry, actor=staff)
    DisciplinaryRecord.objects.create(
        person=teacher, occurred_on=dt.date(2026, 2, 1), kind="probation"
    )
    checks = {c.code: c for c in screening_run(entry=teacher_entry, actor=staff)}
    assert (checks["discipline"].outcome, checks["discipline"].decision) == ("fail", "")
    assert checks["years_in_post"].decision == CheckDecision.CONFIRMED
    assert screening_confirm(entry=teacher_entry, actor=staff).eligibility == (
        Eligibility.NOT_ELIGIBLE
    )


def test_draft_entries_are_not_screened(teacher_entry, staff):
    Entry.objects.filter(pk=teacher_entry.pk).update(status=EntryStatus.DRAFT)
    with pytest.raises(ValidationError, match="เฉพาะผลงานที่ส่งแล้ว"):
        screening_run(entry=teacher_entry, actor=staff)


def test_rerun_that_resets_a_confirmation_writes_an_audit_row(teacher_entry, teacher, staff):
    """Issue 16: the reset of a staff confirmation was a silent change of a decision."""
    from pramoen.core.models import AuditEvent

    screening_run(entry=teacher_entry, actor=staff)
    screening_confirm(entry=teacher_entry, actor=staff)
    DisciplinaryRecord.objects.create(
        person=teacher, occurred_on=dt.date(2026, 2, 1), kind="probation"
    )
    screening_run(entry=teacher_entry, actor=staff)
    event = AuditEvent.objects.get(action="awards.screening_confirmation_reset")
    assert event.target_id == str(teacher_entry.pk) and event.actor_id == staff.pk
    (reset,) = event.before["confirmed"]
    assert (reset["code"], reset["confirmed_by"], reset["now"]) == ("discipline", staff.pk, "fail")


def test_screening_a_campaign_is_all_or_nothing(teacher_entry, staff, monkeypatch):
    """Issue 16: screening_run_campaign was not atomic — a failure left half the entries run."""
    from pramoen.awards.models import EligibilityCheck
    from pramoen.awards.services import screening as screening_services

    calls = []
    original = screening_services.screening_run

    def run_then_fail(**kwargs):
        calls.append(kwargs["entry"].pk)
        original(**kwargs)
        raise RuntimeError("the database went away")

    monkeypatch.setattr(screening_services, "screening_run", run_then_fail)
    with pytest.raises(RuntimeError):
        screening_services.screening_run_campaign(campaign=teacher_entry.campaign, actor=staff)
    assert calls and not EligibilityCheck.objects.filter(entry=teacher_entry).exists()
