"""Issue 20, the applicant's pages: read-only registry fields, errors at the field while the
draft saves, required marks, format rules, receipt page and PDF, delete, withdraw confirmed."""

from __future__ import annotations

import io
import itertools

import pypdfium2 as pdfium
import pytest
from django.urls import reverse

from pramoen.awards.enums import EntryStatus
from pramoen.awards.models import Campaign, Entry
from pramoen.awards.services import entry_start, entry_withdraw
from tests.awards import test_applicant_views as applicant_views
from tests.awards.conftest import arrange_checked_portfolio
from tests.awards.test_applicant_views import _answers

pytestmark = pytest.mark.django_db

# the applicant-page fixtures: an open campaign, a signed-in school account, a started entry
open_campaign = applicant_views.open_campaign
school_client = applicant_views.school_client
entry_url = applicant_views.entry_url


def _field(page: str, name: str) -> str:
    return page.split(f'data-testid="field-{name}"')[1].split('<div class="field')[0]


def test_registry_fields_are_read_only_and_a_tampered_post_is_ignored(school_client, entry_url):
    page = school_client.get(entry_url).content.decode()
    school_field = _field(page, "f__school")
    assert "disabled" in school_field and 'value="โรงเรียนบ้านทดสอบ"' in school_field
    assert 'data-testid="from-registry"' in school_field
    assert "disabled" not in _field(page, "f__first_name")  # from the profile: editable
    assert 'value="กมลชนก"' in _field(page, "f__first_name")  # prefilled from the nomination
    school_client.post(
        entry_url,
        {**_answers(f__school="โรงเรียนปลอม", f__domain="academic"), "action": "save"},
    )
    fields = Entry.objects.get().answers["eligibility"]["fields"]
    assert (fields["school"], fields["domain"]) == ("โรงเรียนบ้านทดสอบ", "innovation")


def test_required_fields_are_marked_for_eyes_and_screen_readers(school_client, entry_url):
    page = school_client.get(entry_url).content.decode()
    last_name = _field(page, "f__last_name")
    assert 'aria-required="true"' in last_name and 'class="required-mark"' in last_name
    # learning_area is optional in the teacher forms
    assert 'aria-required="true"' not in _field(page, "f__learning_area")


def test_a_reversed_page_range_shows_at_the_field_and_the_draft_still_saves(
    school_client, entry_url
):
    response = school_client.post(
        entry_url,
        {
            **_answers(e__eligibility__classroom_research="๗–๕", f__c3_solved_pct="ไม่ทราบ"),
            "action": "save",
        },
    )
    assert response.status_code == 200  # the page again, with what was typed
    page = response.content.decode()
    assert "ช่วงหน้ากลับด้าน" in _field(page, "e__eligibility__classroom_research")
    assert 'value="ไม่ทราบ"' in _field(page, "f__c3_solved_pct")
    assert "field-error" in _field(page, "f__c3_solved_pct")
    assert 'data-testid="form-errors"' not in page  # no run-on banner above the form
    answers = Entry.objects.get().answers
    assert answers["scoring"]["fields"]["last_name"] == "สอนดี"
    assert answers["eligibility"]["evidence"]["classroom_research"] == [
        {"file": "portfolio", "pages": "๗-๕"}
    ]
    assert answers["scoring"]["fields"]["c3_solved_pct"] is None


def test_a_page_past_the_uploaded_portfolio_is_flagged_at_its_field(school_client, entry_url):
    entry = Entry.objects.get()
    arrange_checked_portfolio(entry)
    Entry.objects.filter(pk=entry.pk).update(portfolio_report={"ok": True, "pages": 12})
    school_client.post(
        entry_url, {**_answers(e__eligibility__classroom_research="99-200"), "action": "save"}
    )
    page = school_client.get(entry_url).content.decode()
    assert "แฟ้มผลงานที่อัปโหลดมี ๑๒ หน้า จึงอ้างหน้า ๒๐๐ ไม่ได้" in _field(
        page, "e__eligibility__classroom_research"
    )
    confirm = school_client.get(reverse("awards:entry_confirm", args=[entry.pk])).content.decode()
    assert "จึงอ้างหน้า ๒๐๐ ไม่ได้" in confirm.split('data-testid="blockers"')[1]


def test_format_rules_come_from_the_campaign_settings(school_client, entry_url, open_campaign):
    Campaign.objects.filter(pk=open_campaign.pk).update(max_pages=80, forbid_qr_codes=False)
    page = school_client.get(entry_url).content.decode()
    rules = page.split('data-testid="format-rules">')[1].split("</div>")[0]
    assert "ไม่เกิน ๘๐ หน้า" in rules and "TH Sarabun PSK" in rules and "๑๖ พอยต์" in rules
    assert "QR" not in rules
    arrange_checked_portfolio(Entry.objects.get())
    page = school_client.get(entry_url).content.decode()
    assert "ไม่เกิน ๘๐ หน้า — ผ่าน" in page.split('data-testid="format-checklist">')[1]


def test_submit_shows_the_receipt_and_its_pdf_carries_the_number(school_client, entry_url):
    school_client.post(entry_url, {**_answers(), "action": "save"})
    entry = Entry.objects.get()
    arrange_checked_portfolio(entry)
    confirm = reverse("awards:entry_confirm", args=[entry.pk])
    response = school_client.post(confirm)
    assert response["Location"] == reverse("awards:entry_receipt", args=[entry.pk])
    entry.refresh_from_db()
    page = school_client.get(response["Location"]).content.decode()
    assert f'data-testid="receipt-number">{entry.receipt_number_th}<' in page
    pdf = school_client.get(reverse("awards:entry_receipt_pdf", args=[entry.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    text = pdfium.PdfDocument(io.BytesIO(pdf.content))[0].get_textpage().get_text_range()
    assert entry.receipt_number_th in text and entry.receipt_number_th.startswith("น๒-๒๕๗๐-")


def test_a_draft_has_no_receipt(school_client, entry_url):
    entry = Entry.objects.get()
    assert school_client.get(reverse("awards:entry_receipt", args=[entry.pk])).status_code == 404
    assert (
        school_client.get(reverse("awards:entry_receipt_pdf", args=[entry.pk])).status_code == 404
    )


def test_withdraw_asks_first_with_the_consequence_and_a_get_changes_nothing(
    school_client, entry_url
):
    entry = Entry.objects.get()
    url = reverse("awards:entry_withdraw", args=[entry.pk])
    page = school_client.get(url).content.decode()
    assert "ยืนยันถอนผลงาน" in page and "แก้ไขหรือส่งใหม่ไม่ได้อีก" in page
    assert Entry.objects.get().status == EntryStatus.DRAFT
    school_client.post(url, {"reason": "เลือกผิด"})
    assert Entry.objects.get().status == EntryStatus.WITHDRAWN
    listing = school_client.get(reverse("awards:entry_list")).content.decode()
    active = listing.split('data-testid="entries"')[1].split("</table>")[0]
    withdrawn = listing.split('<details data-testid="withdrawn">')[1].split("</details>")[0]
    assert "ยังไม่มีใบสมัคร" in active and "นางสาวกมลชนก สอนดี" in withdrawn
    assert '<details data-testid="withdrawn" open' not in listing  # collapsed


def test_delete_a_draft_from_its_confirm_page(school_client, entry_url):
    entry = Entry.objects.get()
    url = reverse("awards:entry_delete", args=[entry.pk])
    assert "ยืนยันลบฉบับร่าง" in school_client.get(url).content.decode()
    response = school_client.post(url, follow=True)
    assert "ลบใบสมัครฉบับร่างของ นางสาวกมลชนก สอนดี แล้ว" in response.content.decode()
    assert "นางสาวกมลชนก สอนดี</a>" not in response.content.decode()
    assert school_client.get(entry_url).status_code == 404


def test_change_group_refuses_a_group_not_offered(school_client, entry_url, open_campaign):
    entry = Entry.objects.get()
    other = Campaign.objects.exclude(pk=open_campaign.pk).first()
    assert other is None  # the only open campaign: any other id is not on offer
    response = school_client.post(
        reverse("awards:entry_change_category", args=[entry.pk]),
        {"category": "999999"},
        follow=True,
    )
    assert "กรุณาเลือกกลุ่มที่จะย้ายไปจากรายการ" in response.content.decode()
    assert Entry.objects.get().category_id == entry.category_id


def test_applicant_entry_list_with_withdrawn_entries(
    client, open_campaign, school, make_user, queries_at_two_sizes
):
    from pramoen.accounts.enums import Role

    applicant = make_user(roles=[Role.APPLICANT_SCHOOL], organization=school, password=None)
    category = open_campaign.categories.get()
    open_campaign.entries_per_person_per_domain = 50
    open_campaign.save()
    numbers = itertools.count(1)

    def grow(n: int) -> None:
        for _ in range(n):
            k = next(numbers)
            active = entry_start(
                category=category, school=school, actor=applicant, nominee_name=f"นายก{k} ใจดี"
            )
            gone = entry_start(
                category=category, school=school, actor=applicant, nominee_name=f"นายข{k} ใจดี"
            )
            entry_withdraw(entry=gone, actor=applicant)
            assert active.status == EntryStatus.DRAFT

    client.force_login(applicant)
    queries_at_two_sizes(reverse("awards:entry_list"), grow)


def test_change_group_moves_the_draft_to_an_offered_group(
    school_client, entry_url, open_campaign, staff
):
    from dataclasses import replace

    from pramoen.awards.services import campaign_category_add
    from tests.awards.conftest import TEACHER_INNOVATION

    small = campaign_category_add(
        campaign=open_campaign, spec=replace(TEACHER_INNOVATION, size_class="small"), actor=staff
    )
    entry = Entry.objects.get()
    page = school_client.get(entry_url).content.decode()
    assert f'<option value="{small.pk}">โรงเรียนขนาดเล็ก</option>' in page
    response = school_client.post(
        reverse("awards:entry_change_category", args=[entry.pk]),
        {"category": str(small.pk)},
        follow=True,
    )
    assert "ย้ายใบสมัครไปกลุ่ม" in response.content.decode()
    assert Entry.objects.get().category_id == small.pk
