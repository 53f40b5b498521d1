from __future__ import annotations

import copy
import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from pramoen.accounts.enums import Role
from pramoen.awards.enums import EntryStatus
from pramoen.awards.models import CampaignCategory, Entry
from pramoen.awards.services import (
    entry_request_correction,
    entry_save,
    entry_start,
    entry_submit,
    entry_withdraw,
)
from pramoen.core.instrument_store import MISSING_TH
from pramoen.core.models import AuditEvent
from pramoen.orgs.models import Organization
from tests.awards.conftest import BANGKOK, arrange_checked_portfolio
from tests.factories import EsaFactory

pytestmark = pytest.mark.django_db

OPEN = dt.datetime(2026, 5, 1, 10, 0, tzinfo=BANGKOK)
LAST_SECOND = dt.datetime(2026, 6, 19, 16, 29, 59, tzinfo=BANGKOK)
DEADLINE = dt.datetime(2026, 6, 19, 16, 30, tzinfo=BANGKOK)
IN_CORRECTION = dt.datetime(2026, 6, 23, 9, 0, tzinfo=BANGKOK)

PERSON = {
    "name_prefix": "nangsao",
    "first_name": "กมลชนก",
    "last_name": "สอนดี",
    "position": "ครู",
    "school": "โรงเรียนบ้านทดสอบ",
    "level": "primary",
    "domain": "innovation",
}
COMPLETE = {
    "eligibility": {
        "fields": {
            **PERSON,
            "activities_colleagues": 3,
            "activities_student_care": 2,
            "activities_community": 1,
            "leave_semester_1": 0,
            "leave_semester_2": 1,
        },
        "evidence": {
            "classroom_research": [{"file": "research.pdf", "pages": "1-12"}],
            "honours_and_invitations": [{"file": "honours.pdf", "pages": "3"}],
        },
    },
    "scoring": {"fields": {**PERSON, "c3_solved_pct": 85}, "evidence": {}},
}


@pytest.fixture
def draft(teacher_category, school, applicant):
    entry = entry_start(
        category=teacher_category,
        school=school,
        actor=applicant,
        nominee_name="นางสาวกมลชนก สอนดี",
        now=OPEN,
    )
    arrange_checked_portfolio(entry)
    entry.refresh_from_db()
    return entry


def test_entry_start_gives_an_empty_form_of_both_pinned_instruments(draft):
    assert draft.status == EntryStatus.DRAFT
    assert sorted(draft.answers) == ["eligibility", "scoring"]
    assert draft.answers["scoring"]["fields"]["c3_solved_pct"] is None
    assert draft.answers["eligibility"]["evidence"] == {
        "classroom_research": [],
        "honours_and_invitations": [],
    }
    assert list(draft.events.values_list("kind", flat=True)) == ["created"]


def test_entry_start_allows_one_entry_per_person_per_domain(
    draft, teacher_category, school, applicant
):
    with pytest.raises(ValidationError) as info:
        # The same person written without the prefix is the same person.
        entry_start(
            category=teacher_category,
            school=school,
            actor=applicant,
            nominee_name="กมลชนก  สอนดี",
            now=OPEN,
        )
    assert info.value.messages == [
        "กมลชนก  สอนดี มีผลงานด้านนวัตกรรมและเทคโนโลยีเพื่อการเรียนการสอนในการประกวดนี้แล้ว "
        "(ส่งได้ไม่เกิน ๑ ผลงานต่อด้าน)"
    ]


def test_entry_start_after_withdrawal_is_allowed_again(draft, teacher_category, school, applicant):
    entry_withdraw(entry=draft, actor=applicant, reason="ส่งผิดด้าน", now=OPEN)
    again = entry_start(
        category=teacher_category,
        school=school,
        actor=applicant,
        nominee_name="นางสาวกมลชนก สอนดี",
        now=OPEN,
    )
    assert again.status == EntryStatus.DRAFT


def test_entry_start_refuses_a_school_of_another_esa(teacher_category, applicant):
    stranger = Organization.objects.create(
        kind="school", code="1234567899", name_th="โรงเรียนเขตอื่น", parent=EsaFactory()
    )
    with pytest.raises(ValidationError) as info:
        entry_start(
            category=teacher_category,
            school=stranger,
            actor=applicant,
            nominee_name="นายสมชาย ใจดี",
            now=OPEN,
        )
    assert info.value.messages[0].startswith("สถานศึกษานี้ไม่ได้สังกัด")


def test_entry_start_refuses_after_the_deadline_on_the_server_clock(
    teacher_category, school, applicant
):
    with pytest.raises(ValidationError) as info:
        entry_start(
            category=teacher_category,
            school=school,
            actor=applicant,
            nominee_name="นายสมชาย ใจดี",
            now=DEADLINE,
        )
    assert info.value.messages == [
        "ปิดรับผลงานแล้ว (กำหนดส่ง ๑๙ มิถุนายน ๒๕๖๙ เวลา ๑๖.๓๐ น.) จึงแก้ไขหรือส่งผลงานไม่ได้"
    ]


def test_entry_start_refuses_a_category_whose_pinned_form_is_nowhere(
    teacher_category, school, applicant
):
    # Neither the library, its archive nor a stored snapshot holds this version: refuse in Thai
    # rather than start an entry on another version of the form.
    CampaignCategory.objects.filter(pk=teacher_category.pk).update(scoring_instrument_hash="0" * 64)
    teacher_category.refresh_from_db()
    with pytest.raises(ValidationError) as info:
        entry_start(
            category=teacher_category,
            school=school,
            actor=applicant,
            nominee_name="นายสมชาย ใจดี",
            now=OPEN,
        )
    assert info.value.messages == [MISSING_TH]
    assert Entry.objects.count() == 0


def test_entry_save_keeps_an_incomplete_draft_and_lists_what_is_missing(draft, applicant):
    partial = copy.deepcopy(draft.answers)
    partial["scoring"]["fields"]["first_name"] = "กมลชนก"
    partial["scoring"]["fields"]["c3_solved_pct"] = 150
    problems = entry_save(entry=draft, actor=applicant, answers=partial, now=OPEN)
    draft.refresh_from_db()
    assert draft.answers == partial
    # Partial: the empty required fields are not listed yet; the out-of-range one is.
    assert problems == ["ร้อยละของผู้เรียนที่แก้ปัญหา/พัฒนาได้ (องค์ประกอบที่ ๓ ตัวชี้วัด ๒): ต้องไม่เกิน 100"]


def test_entry_submit_refuses_an_incomplete_entry_in_thai(draft, applicant):
    with pytest.raises(ValidationError) as info:
        entry_submit(entry=draft, actor=applicant, now=OPEN)
    assert info.value.messages[0] == "ยังส่งผลงานไม่ได้ กรุณากรอกข้อมูลให้ครบ"
    assert len(info.value.messages) > 1
    draft.refresh_from_db()
    assert draft.status == EntryStatus.DRAFT


def test_entry_submit_at_the_last_second_then_edit_is_closed_at_the_deadline(draft, applicant):
    assert entry_save(entry=draft, actor=applicant, answers=COMPLETE, now=OPEN) == []
    submitted = entry_submit(entry=draft, actor=applicant, now=LAST_SECOND)
    assert (submitted.status, submitted.submitted_at) == (EntryStatus.SUBMITTED, LAST_SECOND)
    changed = copy.deepcopy(COMPLETE)
    changed["scoring"]["fields"]["c3_solved_pct"] = 90
    with pytest.raises(ValidationError) as info:
        entry_save(entry=submitted, actor=applicant, answers=changed, now=DEADLINE)
    assert info.value.messages[0].startswith("ปิดรับผลงานแล้ว")
    submitted.refresh_from_db()
    assert submitted.answers["scoring"]["fields"]["c3_solved_pct"] == 85
    assert AuditEvent.objects.filter(action="awards.entry_submit").count() == 1


def test_submitted_entry_edit_before_deadline_must_stay_complete(draft, applicant):
    entry_save(entry=draft, actor=applicant, answers=COMPLETE, now=OPEN)
    entry_submit(entry=draft, actor=applicant, now=OPEN)
    broken = copy.deepcopy(COMPLETE)
    broken["scoring"]["fields"]["first_name"] = None
    with pytest.raises(ValidationError) as info:
        entry_save(entry=draft, actor=applicant, answers=broken, now=OPEN)
    assert info.value.messages[0] == "ผลงานที่ส่งแล้วต้องมีข้อมูลครบถ้วน"
    fixed = copy.deepcopy(COMPLETE)
    fixed["scoring"]["fields"]["c3_solved_pct"] = 90
    assert entry_save(entry=draft, actor=applicant, answers=fixed, now=OPEN) == []
    assert list(draft.events.values_list("kind", flat=True)) == [
        "created",
        "submitted",
        "resubmitted",
    ]


def test_correction_window_opens_only_the_paths_staff_named(draft, applicant, staff):
    entry_save(entry=draft, actor=applicant, answers=COMPLETE, now=OPEN)
    entry_submit(entry=draft, actor=applicant, now=OPEN)
    entry_request_correction(
        entry=draft,
        actor=staff,
        paths=["eligibility.evidence.classroom_research"],
        note="แนบรายงานวิจัยฉบับเต็ม",
        now=IN_CORRECTION,
    )
    wrong = copy.deepcopy(COMPLETE)
    wrong["scoring"]["fields"]["c3_solved_pct"] = 99
    with pytest.raises(ValidationError) as info:
        entry_save(entry=draft, actor=applicant, answers=wrong, now=IN_CORRECTION)
    assert info.value.messages[0].endswith("scoring.fields.c3_solved_pct")
    right = copy.deepcopy(COMPLETE)
    right["eligibility"]["evidence"]["classroom_research"] = [
        {"file": "research-full.pdf", "pages": "1-40"}
    ]
    assert entry_save(entry=draft, actor=applicant, answers=right, now=IN_CORRECTION) == []
    assert list(draft.events.values_list("kind", flat=True)) == [
        "created",
        "submitted",
        "correction_requested",
        "corrected",
    ]


def test_correction_request_refuses_an_unknown_path(draft, applicant, staff):
    entry_save(entry=draft, actor=applicant, answers=COMPLETE, now=OPEN)
    entry_submit(entry=draft, actor=applicant, now=OPEN)
    with pytest.raises(ValidationError) as info:
        entry_request_correction(
            entry=draft, actor=staff, paths=["scoring.fields.nope"], note="x", now=IN_CORRECTION
        )
    assert info.value.messages == ["ไม่มีรายการ scoring.fields.nope"]


def test_withdrawn_entry_cannot_be_edited(draft, applicant):
    entry_withdraw(entry=draft, actor=applicant, now=OPEN)
    with pytest.raises(ValidationError) as info:
        entry_save(entry=draft, actor=applicant, answers=COMPLETE, now=OPEN)
    assert info.value.messages == ["ผลงานนี้ถอนแล้ว จึงแก้ไขไม่ได้"]


def test_entry_submit_mails_the_applicant_after_commit(
    draft, applicant, django_capture_on_commit_callbacks, mailoutbox
):
    entry_save(entry=draft, actor=applicant, answers=COMPLETE, now=OPEN)
    with django_capture_on_commit_callbacks(execute=True):
        entry_submit(entry=draft, actor=applicant, now=LAST_SECOND)
    [mail] = mailoutbox
    assert mail.to == [applicant.email]
    # The receipt number: the campaign's first submission (seed year ๒๕๖๙), in Thai digits.
    assert mail.subject == (
        "[NARA 2 AWARDS] ได้รับผลงานของ นางสาวกมลชนก สอนดี แล้ว (เลขที่รับผลงาน น๒-๒๕๖๙-๐๐๐๐๐๑)"
    )
    assert "เลขที่รับผลงาน น๒-๒๕๖๙-๐๐๐๐๐๑" in mail.body
    assert "เมื่อ ๑๙ มิถุนายน ๒๕๖๙ เวลา ๑๖.๒๙ น." in mail.body


def test_correction_request_mails_what_to_fix_and_until_when(
    draft, applicant, staff, django_capture_on_commit_callbacks, mailoutbox
):
    entry_save(entry=draft, actor=applicant, answers=COMPLETE, now=OPEN)
    entry_submit(entry=draft, actor=applicant, now=OPEN)
    with django_capture_on_commit_callbacks(execute=True):
        entry_request_correction(
            entry=draft,
            actor=staff,
            paths=["eligibility.evidence.classroom_research"],
            note="แนบรายงานวิจัยฉบับเต็ม",
            now=IN_CORRECTION,
        )
    mail = mailoutbox[-1]
    assert mail.subject == "[NARA 2 AWARDS] ขอให้แก้ไขเอกสารของ นางสาวกมลชนก สอนดี"
    assert "สิ่งที่ต้องแก้ไข: แนบรายงานวิจัยฉบับเต็ม" in mail.body
    assert "แก้ไขได้ในระบบถึงวันที่ ๒๖ มิถุนายน ๒๕๖๙" in mail.body


def test_a_person_may_not_apply_unless_the_campaign_allows(
    teacher_category, school, teacher_account
):
    with pytest.raises(ValidationError) as info:
        entry_start(category=teacher_category, school=school, actor=teacher_account, now=OPEN)
    assert info.value.messages == ["การประกวดนี้ให้สถานศึกษาเป็นผู้เสนอชื่อเท่านั้น กรุณาติดต่อบัญชีของสถานศึกษา"]


def test_a_person_applies_for_themselves_under_their_own_name(
    campaign, teacher_category, school, teacher_account, staff
):
    from pramoen.awards.services import campaign_update

    campaign_update(campaign=campaign, actor=staff, changes={"self_application_allowed": True})
    entry = entry_start(
        category=teacher_category,
        school=school,
        actor=teacher_account,
        nominee_name="นายคนอื่น ไม่ใช่ฉัน",
        now=OPEN,
    )
    assert entry.nominee_name == "นางมาลี สอนเก่ง"
    school_category = CampaignCategory.objects.get(campaign=campaign, category="school")
    with pytest.raises(ValidationError) as info:
        entry_start(category=school_category, school=school, actor=teacher_account, now=OPEN)
    assert info.value.messages == ["ประเภทสถานศึกษาต้องสมัครโดยบัญชีของสถานศึกษา"]


def test_a_submitted_entry_can_be_withdrawn_until_the_deadline_only(draft, applicant):
    assert entry_save(entry=draft, actor=applicant, answers=COMPLETE, now=OPEN) == []
    submitted = entry_submit(entry=draft, actor=applicant, now=OPEN)
    with pytest.raises(ValidationError, match="พ้นกำหนดส่งผลงานแล้ว"):
        entry_withdraw(entry=submitted, actor=applicant, now=IN_CORRECTION)
    submitted.refresh_from_db()
    assert submitted.status == EntryStatus.SUBMITTED
    withdrawn = entry_withdraw(entry=submitted, actor=applicant, now=LAST_SECOND)
    assert withdrawn.status == EntryStatus.WITHDRAWN


def test_an_applicant_who_left_the_school_no_longer_reaches_its_entries(
    client, draft, applicant, school, make_user
):
    from django.urls import reverse

    from pramoen.accounts.services import membership_grant

    url = reverse("awards:entry_detail", args=[draft.pk])
    client.force_login(applicant)
    assert client.get(url).status_code == 200
    # The school account moves to another school (still an applicant, elsewhere).
    applicant.memberships.update(is_active=False)
    other = Organization.objects.create(
        kind="school", code="1234567899", name_th="โรงเรียนใหม่", parent=school.parent
    )
    membership_grant(user=applicant, role=Role.APPLICANT_PERSON, organization=other)
    assert client.get(url).status_code == 404
    assert client.post(reverse("awards:entry_withdraw", args=[draft.pk])).status_code == 404
    draft.refresh_from_db()
    assert draft.status == EntryStatus.DRAFT


def test_a_director_entry_asks_for_the_figures_its_rules_read(campaign, school, applicant, staff):
    # Issue 10: component 1 of the director forms is placed by figures the applicant reports; the
    # entry form asks for them, with Thai messages for impossible values.
    from pramoen.awards.services import campaign_category_add
    from tests.judging.test_recompute_superseded_version import DIRECTOR_ACADEMIC

    category = campaign_category_add(campaign=campaign, spec=DIRECTOR_ACADEMIC, actor=staff)
    entry = entry_start(
        category=category, school=school, actor=applicant, nominee_name="นางสมศรี ใจดี", now=OPEN
    )
    fields = entry.answers["scoring"]["fields"]
    assert {"reading_pct", "thinking_pct", "onet_p6_improved", "student_award_level"} <= set(fields)
    answers = copy.deepcopy(entry.answers)
    answers["scoring"]["fields"].update(reading_pct="101", desirable_traits_good=9)
    problems = entry_save(entry=entry, actor=applicant, answers=answers, now=OPEN)
    assert problems == [
        "ความสามารถในการอ่านออกเขียนได้ของนักเรียนในรอบปีที่แล้ว (ร้อยละของนักเรียน): ต้องไม่เกิน 100",
        "ผู้เรียนมีคุณลักษณะอันพึงประสงค์ระดับดี (จำนวนประการ จาก ๘ ประการ): ต้องไม่เกิน 8",
    ]
    entry.refresh_from_db()
    assert entry.answers["scoring"]["fields"]["reading_pct"] == "101"  # kept, nothing lost
