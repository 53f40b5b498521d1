"""Issue 20, applying: prefill from the registry, registry fields kept, page references checked,
receipt numbers, deleting a draft and moving it to another group."""

from __future__ import annotations

import copy
from dataclasses import replace

import pytest
from django.core.exceptions import ValidationError

from pramoen.awards.enums import EntryStatus
from pramoen.awards.models import Entry
from pramoen.awards.pages import page_reference_errors
from pramoen.awards.receipts import receipt_normalise
from pramoen.awards.services import (
    campaign_category_add,
    entry_change_category,
    entry_delete,
    entry_save,
    entry_start,
    entry_submit,
    entry_withdraw,
    submission_blockers,
)
from pramoen.core.models import AuditEvent
from tests.awards.conftest import TEACHER_INNOVATION, arrange_checked_portfolio
from tests.awards.test_entries import COMPLETE, LAST_SECOND, OPEN

pytestmark = pytest.mark.django_db


def _start(category, school, actor, name="นางสาวกมลชนก สอนดี"):
    entry = entry_start(category=category, school=school, actor=actor, nominee_name=name, now=OPEN)
    arrange_checked_portfolio(entry)
    entry.refresh_from_db()
    return entry


def _submitted(category, school, actor, name):
    entry = _start(category, school, actor, name)
    answers = copy.deepcopy(COMPLETE)
    for slot in ("eligibility", "scoring"):
        answers[slot]["fields"]["first_name"] = name
    entry_save(entry=entry, actor=actor, answers=answers, now=OPEN)
    return entry_submit(entry=entry, actor=actor, now=LAST_SECOND)


def test_start_prefills_the_nominee_from_the_name_and_the_school_from_the_registry(
    teacher_category, school, applicant
):
    entry = _start(teacher_category, school, applicant)
    fields = entry.answers["eligibility"]["fields"]
    assert {
        k: fields[k] for k in ("name_prefix", "first_name", "last_name", "school", "domain")
    } == {
        "name_prefix": "nangsao",
        "first_name": "กมลชนก",
        "last_name": "สอนดี",
        "school": school.name_th,
        "domain": "innovation",
    }
    assert entry.answers["scoring"]["fields"]["school"] == school.name_th


def test_a_person_applying_is_prefilled_from_their_own_profile(
    teacher_category, school, teacher_account
):
    campaign = teacher_category.campaign
    campaign.self_application_allowed = True
    campaign.save()
    entry = entry_start(category=teacher_category, school=school, actor=teacher_account, now=OPEN)
    fields = entry.answers["scoring"]["fields"]
    assert (fields["name_prefix"], fields["first_name"], fields["last_name"]) == (
        "nang",
        "มาลี",
        "สอนเก่ง",
    )


def test_save_keeps_the_registry_values_whatever_is_posted(teacher_category, school, applicant):
    entry = _start(teacher_category, school, applicant)
    tampered = copy.deepcopy(COMPLETE)
    tampered["eligibility"]["fields"]["school"] = "โรงเรียนปลอม"
    tampered["scoring"]["fields"]["domain"] = "academic"
    entry_save(entry=entry, actor=applicant, answers=tampered, now=OPEN)
    entry.refresh_from_db()
    assert entry.answers["eligibility"]["fields"]["school"] == school.name_th
    assert entry.answers["scoring"]["fields"]["domain"] == "innovation"
    # what the applicant may change is kept
    assert entry.answers["scoring"]["fields"]["c3_solved_pct"] == 85


@pytest.mark.parametrize(
    ("text", "pages", "expected"),
    [
        ("1-12, 20", 30, []),
        ("๗-๕", None, ["“๗-๕”: ช่วงหน้ากลับด้าน (หน้าแรกต้องไม่มากกว่าหน้าสุดท้าย) เช่น ๕-๗"]),
        ("๗–๕", None, ["“๗-๕”: ช่วงหน้ากลับด้าน (หน้าแรกต้องไม่มากกว่าหน้าสุดท้าย) เช่น ๕-๗"]),
        ("99-200", 12, ["“๙๙-๒๐๐”: แฟ้มผลงานที่อัปโหลดมี ๑๒ หน้า จึงอ้างหน้า ๒๐๐ ไม่ได้"]),
        ("99-200", None, []),  # no portfolio yet: its length is not known
        ("0", 5, ["“๐”: หน้าเริ่มที่ ๑"]),
        ("12", 12, []),
    ],
)
def test_page_reference_errors(text, pages, expected):
    assert page_reference_errors(text, pages) == expected


def test_submit_is_refused_while_a_page_lies_past_the_portfolios_end(
    teacher_category, school, applicant
):
    entry = _start(teacher_category, school, applicant)
    Entry.objects.filter(pk=entry.pk).update(portfolio_report={"ok": True, "pages": 12})
    answers = copy.deepcopy(COMPLETE)
    answers["eligibility"]["evidence"]["classroom_research"] = [
        {"file": "portfolio", "pages": "99-200"}
    ]
    entry_save(entry=entry, actor=applicant, answers=answers, now=OPEN)  # a draft still saves
    entry.refresh_from_db()
    [blocker] = submission_blockers(entry)
    assert "แฟ้มผลงานที่อัปโหลดมี ๑๒ หน้า จึงอ้างหน้า ๒๐๐ ไม่ได้" in blocker
    with pytest.raises(ValidationError) as exc:
        entry_submit(entry=entry, actor=applicant, now=LAST_SECOND)
    assert blocker in exc.value.messages
    assert Entry.objects.get(pk=entry.pk).status == EntryStatus.DRAFT


def test_receipt_numbers_follow_the_campaigns_submissions_and_stay(
    teacher_category, school, applicant
):
    first = _submitted(teacher_category, school, applicant, "นายหนึ่ง ใจดี")
    second = _submitted(teacher_category, school, applicant, "นายสอง ใจดี")
    assert (first.receipt_number, second.receipt_number) == ("น2-2569-000001", "น2-2569-000002")
    assert second.receipt_number_th == "น๒-๒๕๖๙-๐๐๐๐๐๒"
    assert receipt_normalise(" น๒-๒๕๖๙–๐๐๐๐๐๒ ") == second.receipt_number
    # a withdrawal does not free or renumber anything
    entry_withdraw(entry=first, actor=applicant, now=LAST_SECOND)
    third = _submitted(teacher_category, school, applicant, "นายสาม ใจดี")
    assert third.receipt_number == "น2-2569-000003"
    audit = AuditEvent.objects.filter(action="awards.entry_submit").order_by("-pk").first()
    assert audit.after["receipt"] == "น2-2569-000003"


def test_a_deleted_draft_leaves_the_list_frees_the_domain_and_is_audited(
    teacher_category, school, applicant
):
    from pramoen.awards.selectors import entries_for_applicant

    entry = _start(teacher_category, school, applicant)
    entry_delete(entry=entry, actor=applicant)
    assert list(entries_for_applicant(user=applicant)) == []
    assert AuditEvent.objects.filter(action="awards.entry_delete", target_id=str(entry.pk)).exists()
    again = _start(teacher_category, school, applicant)  # the domain's place is free again
    assert again.pk != entry.pk
    with pytest.raises(ValidationError):
        entry_delete(entry=entry, actor=applicant)
    with pytest.raises(ValidationError):
        entry_save(entry=entry, actor=applicant, answers=COMPLETE, now=OPEN)


def test_a_submitted_entry_cannot_be_deleted(teacher_category, school, applicant):
    entry = _submitted(teacher_category, school, applicant, "นายหนึ่ง ใจดี")
    with pytest.raises(ValidationError) as exc:
        entry_delete(entry=entry, actor=applicant)
    assert "ถอนผลงาน" in exc.value.messages[0]


@pytest.fixture
def small_group(campaign, staff):
    spec = replace(TEACHER_INNOVATION, size_class="small")
    return campaign_category_add(campaign=campaign, spec=spec, actor=staff)


def test_a_draft_moves_to_another_offered_group_keeping_shared_answers(
    teacher_category, small_group, school, applicant
):
    entry = _start(teacher_category, school, applicant)
    entry_save(entry=entry, actor=applicant, answers=COMPLETE, now=OPEN)
    with pytest.raises(ValidationError) as exc:
        entry_change_category(
            entry=entry, category=small_group, actor=applicant, allowed_ids=[], now=OPEN
        )
    assert "ไม่เปิดให้บัญชีนี้สมัคร" in exc.value.messages[0]
    entry_change_category(
        entry=entry, category=small_group, actor=applicant, allowed_ids=[small_group.pk], now=OPEN
    )
    entry.refresh_from_db()
    assert entry.category == small_group
    assert entry.answers["scoring"]["fields"]["c3_solved_pct"] == 85
    audit = AuditEvent.objects.get(action="awards.entry_change_category")
    assert (audit.before, audit.after) == (
        {"category": teacher_category.pk},
        {"category": small_group.pk},
    )


def test_a_deleted_draft_is_not_in_the_staff_list(
    client, staff, teacher_category, school, applicant
):
    from django.urls import reverse

    kept = _start(teacher_category, school, applicant, "นายเก็บ ไว้")
    gone = _start(teacher_category, school, applicant, "นายลบ ทิ้ง")
    entry_delete(entry=gone, actor=applicant)
    client.force_login(staff)
    page = client.get(
        reverse("awards:campaign_entries", args=[teacher_category.campaign_id])
    ).content.decode()
    assert kept.nominee_name in page and gone.nominee_name not in page
