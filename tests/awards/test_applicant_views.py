from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from pramoen.accounts.enums import Role
from pramoen.awards.enums import EntryStatus
from pramoen.awards.models import Campaign, CampaignCategory, Entry
from pramoen.awards.services import campaign_create
from pramoen.orgs.models import Organization
from tests.awards.conftest import TEACHER_INNOVATION, arrange_checked_portfolio, campaign_fields

pytestmark = pytest.mark.django_db


def _campaign_open_now(esa, staff, categories) -> Campaign:
    now = timezone.now()
    return campaign_create(
        esa=esa,
        actor=staff,
        categories=categories,
        **campaign_fields(
            year_be=2570,
            opens_on=timezone.localdate(now) - dt.timedelta(days=1),
            deadline=now + dt.timedelta(days=10),
            correction_starts_on=None,
            correction_ends_on=None,
            judging_starts_on=None,
            judging_ends_on=None,
            announce_on=None,
        ),
    )


@pytest.fixture
def open_campaign(esa, staff):
    return _campaign_open_now(esa, staff, [TEACHER_INNOVATION])


@pytest.fixture
def school(esa):
    return Organization.objects.create(
        kind="school", code="1234567890", name_th="โรงเรียนบ้านทดสอบ", parent=esa
    )


@pytest.fixture
def school_client(client, make_user, school):
    client.force_login(make_user(roles=[Role.APPLICANT_SCHOOL], organization=school, password=None))
    return client


@pytest.fixture
def entry_url(school_client, open_campaign, school):
    category = CampaignCategory.objects.get(campaign=open_campaign)
    response = school_client.post(
        reverse("awards:entry_new"),
        {"category": category.pk, "school": school.pk, "nominee_name": "นางสาวกมลชนก สอนดี"},
    )
    assert response.status_code == 302
    return response["Location"]


def _answers(**overrides: str) -> dict[str, str]:
    data = {
        "f__name_prefix": "nangsao",
        "f__first_name": "กมลชนก",
        "f__last_name": "สอนดี",
        "f__position": "ครู",
        "f__school": "โรงเรียนบ้านทดสอบ",
        "f__level": "primary",
        "f__domain": "innovation",
        "f__learning_area": "",
        "f__activities_colleagues": "๓",
        "f__activities_student_care": "2",
        "f__activities_community": "1",
        "f__leave_semester_1": "0",
        "f__leave_semester_2": "0",
        "f__c3_solved_pct": "๘๕",
        "e__eligibility__classroom_research": "1-12",
        "e__eligibility__honours_and_invitations": "13, 15-16",
        "e__scoring__self_dev_certificates": "",
    }
    data.update(overrides)
    return data


def test_entry_form_asks_shared_fields_once_and_writes_both_instruments(school_client, entry_url):
    page = school_client.get(entry_url).content.decode()
    assert page.count('name="f__first_name"') == 1
    assert "ร้อยละของผู้เรียนที่แก้ปัญหา/พัฒนาได้" in page
    response = school_client.post(entry_url, {**_answers(), "action": "save"})
    assert response.status_code == 302
    entry = Entry.objects.get()
    assert entry.answers["eligibility"]["fields"]["first_name"] == "กมลชนก"
    assert entry.answers["scoring"]["fields"]["first_name"] == "กมลชนก"
    assert entry.answers["scoring"]["fields"]["c3_solved_pct"] == 85
    assert entry.answers["eligibility"]["fields"]["activities_colleagues"] == 3
    assert entry.answers["eligibility"]["evidence"]["honours_and_invitations"] == [
        {"file": "portfolio", "pages": "13, 15-16"}
    ]


def test_entry_review_lists_missing_answers_then_confirms_and_submits(school_client, entry_url):
    response = school_client.post(
        entry_url, {**_answers(f__last_name=""), "action": "review"}, follow=True
    )
    # The review step lists what still blocks submission — the missing portfolio too — and
    # the confirm button stays disabled until the list is empty (issue 20).
    page = response.content.decode()
    blockers = page.split('data-testid="blockers">')[1].split("</ul>")[0]
    assert "นามสกุล: ยังไม่ได้กรอกข้อมูลที่จำเป็น" in blockers
    assert "ยังไม่ได้อัปโหลดแฟ้มผลงาน (PDF)" in blockers
    assert 'disabled aria-describedby="blockers">ยืนยันส่งผลงาน' in page
    response = school_client.post(entry_url, {**_answers(), "action": "review"})
    confirm_url = response["Location"]
    assert confirm_url.endswith("/confirm/")
    arrange_checked_portfolio(Entry.objects.get())
    summary = school_client.get(confirm_url).content.decode()
    assert "นางสาว" in summary and "กมลชนก" in summary
    assert 'data-testid="blockers"' not in summary and "disabled" not in summary
    response = school_client.post(confirm_url, follow=True)
    page = response.content.decode()
    entry = Entry.objects.get()
    assert entry.status == EntryStatus.SUBMITTED
    assert "ส่งผลงานเรียบร้อยแล้ว" in page and entry.receipt_number_th in page
    page = school_client.get(entry_url).content.decode()
    timeline = page.split('data-testid="timeline">')[1].split("</ol>")[0]
    assert [line.split(" — ")[1] for line in timeline.split("</li>")[:-1]] == [
        "เริ่มกรอกใบสมัคร",
        "ส่งผลงาน",
    ]


def test_entry_autosave_by_htmx_answers_with_a_fragment(school_client, entry_url):
    response = school_client.post(
        entry_url, {**_answers(f__last_name=""), "action": "autosave"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert response.content.decode().startswith("บันทึกร่างอัตโนมัติแล้ว เวลา ")
    assert Entry.objects.get().answers["scoring"]["fields"]["first_name"] == "กมลชนก"


def test_entry_after_the_deadline_is_read_only_and_refuses_changes(
    school_client, entry_url, open_campaign
):
    school_client.post(entry_url, {**_answers(), "action": "save"})
    past = timezone.now() - dt.timedelta(minutes=1)
    Campaign.objects.filter(pk=open_campaign.pk).update(
        deadline=past, opens_on=timezone.localdate(past) - dt.timedelta(days=30)
    )
    page = school_client.get(entry_url).content.decode()
    assert 'data-testid="read-only"' in page
    assert "disabled" in page
    school_client.post(entry_url, {**_answers(f__c3_solved_pct="10"), "action": "save"})
    assert Entry.objects.get().answers["scoring"]["fields"]["c3_solved_pct"] == 85


def test_entry_withdraw_marks_it_withdrawn(school_client, entry_url):
    entry = Entry.objects.get()
    school_client.post(reverse("awards:entry_withdraw", args=[entry.pk]), {"reason": "ส่งผิด"})
    entry.refresh_from_db()
    assert entry.status == EntryStatus.WITHDRAWN


def test_entry_of_another_school_is_not_found(client, make_user, entry_url, esa):
    other = Organization.objects.create(
        kind="school", code="1234567891", name_th="โรงเรียนอื่น", parent=esa
    )
    client.force_login(make_user(roles=[Role.APPLICANT_SCHOOL], organization=other, password=None))
    assert client.get(entry_url).status_code == 404


def test_entry_pages_are_forbidden_to_esa_staff(client, staff, open_campaign):
    client.force_login(staff)
    assert client.get(reverse("awards:entry_list")).status_code == 403


def test_entry_list_offers_only_open_groups_of_the_schools_esa(school_client, open_campaign):
    page = school_client.get(reverse("awards:entry_list")).content.decode()
    assert "<h3>NARA 2 AWARDS ครั้งที่ ๕ ประจำปี ๒๕๗๐</h3>" in page
    assert _category_options(page) == [
        "ประเภทครูผู้สอน · ด้านนวัตกรรมและเทคโนโลยีเพื่อการเรียนการสอน โรงเรียนขนาดใหญ่"
    ]


def test_correction_window_form_changes_only_the_opened_answer(
    school_client, entry_url, open_campaign, staff
):
    from pramoen.awards.services import entry_request_correction

    school_client.post(entry_url, {**_answers(), "action": "review"})
    entry = Entry.objects.get()
    arrange_checked_portfolio(entry)
    school_client.post(reverse("awards:entry_confirm", args=[entry.pk]))
    # Stored with a file name the form never writes: it must survive an unrelated correction.
    entry.refresh_from_db()
    answers = entry.answers
    answers["eligibility"]["evidence"]["classroom_research"] = [
        {"file": "research.pdf", "pages": "1-12"}
    ]
    today = timezone.localdate()
    Entry.objects.filter(pk=entry.pk).update(answers=answers)
    Campaign.objects.filter(pk=open_campaign.pk).update(
        opens_on=today - dt.timedelta(days=30),
        deadline=timezone.now() - dt.timedelta(days=1),
        correction_starts_on=today,
        correction_ends_on=today + dt.timedelta(days=3),
    )
    entry_request_correction(
        entry=entry, actor=staff, paths=["scoring.fields.c3_solved_pct"], note="ตรวจร้อยละใหม่"
    )
    page = school_client.get(entry_url).content.decode()
    assert 'name="f__first_name"' in page and "disabled" in page
    school_client.post(
        entry_url, {**_answers(f__c3_solved_pct="90", f__first_name="แก้"), "action": "save"}
    )
    entry.refresh_from_db()
    assert entry.answers["scoring"]["fields"]["c3_solved_pct"] == 90
    assert entry.answers["scoring"]["fields"]["first_name"] == "กมลชนก"
    assert entry.answers["eligibility"]["evidence"]["classroom_research"] == [
        {"file": "research.pdf", "pages": "1-12"}
    ]
    assert list(entry.events.values_list("kind", flat=True))[-1] == "corrected"


def test_portfolio_upload_shows_the_failing_pages_then_accepts_a_good_file(
    school_client, entry_url, tmp_path, settings, django_capture_on_commit_callbacks, file_storage
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.awards.conftest import portfolio_pdf

    entry = Entry.objects.get()
    url = reverse("awards:entry_portfolio", args=[entry.pk])
    detail = reverse("awards:entry_detail", args=[entry.pk])
    bad = SimpleUploadedFile("a.pdf", portfolio_pdf(tmp_path, pages=2, size_pt=12))
    # The upload returns at once: its check is a queued job, which the page polls.
    with django_capture_on_commit_callbacks() as queued:
        page = school_client.post(url, {"file": bad}, follow=True).content.decode()
    assert "อัปโหลดแล้ว ระบบกำลังตรวจรูปแบบแฟ้มผลงาน" in page
    assert 'data-testid="portfolio-checking"' in page and 'hx-trigger="every 1s"' in page
    poll = school_client.get(detail + "?portfolio=1", headers={"HX-Request": "true"})
    assert "HX-Refresh" not in poll and "กำลังตรวจรูปแบบ" in poll.content.decode()
    (enqueue,) = queued
    enqueue()  # the worker's turn (the immediate backend runs the job here)
    poll = school_client.get(detail + "?portfolio=1", headers={"HX-Request": "true"})
    assert poll["HX-Refresh"] == "true"
    page = school_client.get(detail).content.decode()
    section = page.split('data-testid="portfolio">')[1].split("</div>")[0]
    assert "ไม่ผ่านการตรวจรูปแบบ" in section
    assert "ขนาดอักษรเนื้อหา 12 pt ไม่ตรงตามที่กำหนด 16 pt (±0.5) ในหน้า 1–2" in section
    good = SimpleUploadedFile("b.pdf", portfolio_pdf(tmp_path, pages=2, size_pt=16))
    with django_capture_on_commit_callbacks(execute=True):
        school_client.post(url, {"file": good})
    page = school_client.get(detail).content.decode()
    assert "<strong>ผ่านการตรวจรูปแบบ</strong> · ๒ หน้า" in page
    entry.refresh_from_db()
    assert entry.portfolio_report["ok"] is True
    download = school_client.get(reverse("awards:entry_portfolio_download", args=[entry.pk]))
    assert download["Content-Disposition"] == (
        f'attachment; filename="portfolio-entry-{entry.pk}.pdf"'
    )
    assert (download["Content-Type"], download["X-Content-Type-Options"]) == (
        "application/pdf",
        "nosniff",
    )
    assert b"".join(download.streaming_content)[:5] == b"%PDF-"
    staff_url = reverse("awards:staff_entry_portfolio", args=[entry.campaign_id, entry.pk])
    assert school_client.get(staff_url).status_code == 403  # applicants use their own URL


def test_portfolio_download_is_not_found_without_a_file_or_for_other_schools(
    client, make_user, school_client, entry_url, esa
):
    entry = Entry.objects.get()
    url = reverse("awards:entry_portfolio_download", args=[entry.pk])
    assert school_client.get(url).status_code == 404  # nothing uploaded yet
    other = Organization.objects.create(
        kind="school", code="1234567892", name_th="โรงเรียนอื่น", parent=esa
    )
    client.force_login(make_user(roles=[Role.APPLICANT_SCHOOL], organization=other, password=None))
    assert client.get(url).status_code == 404


def test_entry_autosave_says_why_it_could_not_save(school_client, entry_url):
    response = school_client.post(
        entry_url,
        {**_answers(f__c3_solved_pct="ไม่ทราบ"), "action": "autosave"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "ยกเว้นช่องที่กรอกไม่ถูกต้อง" in response.content.decode()
    # One bad number does not block the draft: the rest is saved, the bad one is not stored.
    fields = Entry.objects.get().answers["scoring"]["fields"]
    assert (fields["first_name"], fields["c3_solved_pct"]) == ("กมลชนก", None)


def test_portfolio_upload_from_the_progress_script_is_told_where_the_report_is(
    school_client, entry_url, tmp_path, settings, django_capture_on_commit_callbacks, file_storage
):
    # upload-progress.js posts with X-Upload-Progress and then opens the page it is given; the
    # report and messages must still be waiting there (a followed redirect would use them up).
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.awards.conftest import portfolio_pdf

    entry = Entry.objects.get()
    url = reverse("awards:entry_portfolio", args=[entry.pk])
    bad = SimpleUploadedFile("a.pdf", portfolio_pdf(tmp_path, pages=2, size_pt=12))
    with django_capture_on_commit_callbacks(execute=True):
        response = school_client.post(url, {"file": bad}, headers={"X-Upload-Progress": "1"})
    assert response.json() == {"location": reverse("awards:entry_detail", args=[entry.pk])}
    page = school_client.get(response.json()["location"]).content.decode()
    assert "อัปโหลดแล้ว ระบบกำลังตรวจรูปแบบแฟ้มผลงาน" in page  # the message waited there
    section = page.split('data-testid="portfolio">')[1].split("</div>")[0]
    assert "ไม่ผ่านการตรวจรูปแบบ" in section and "ในหน้า 1–2" in section
    assert "data-upload-progress" in page


# ---------------------------------------------------------------- a person applying for themselves


@pytest.fixture
def both_groups_open(esa, staff):
    from tests.awards.conftest import SCHOOL_ACADEMIC

    return _campaign_open_now(esa, staff, [SCHOOL_ACADEMIC, TEACHER_INNOVATION])


def _category_options(page: str) -> list[str]:
    import re

    sections = re.findall(
        r'data-testid="picker-section">\s*<legend>([^<]*)</legend>(.*?)</fieldset>', page, re.S
    )
    return [
        f"{title} {label.strip()}"
        for title, body in sections
        for label in re.findall(r'<input type="radio" name="category"[^>]*>([^<]*)</label>', body)
    ]


def test_person_sees_no_open_group_where_only_schools_may_nominate(
    client, teacher_account, both_groups_open
):
    client.force_login(teacher_account)
    page = client.get(reverse("awards:entry_list")).content.decode()
    assert 'name="category"' not in page
    assert 'data-testid="personal-hint"' in page
    assert "ใบสมัครของฉัน" in page


def test_person_is_offered_only_personal_groups_under_their_own_name(
    client, teacher_account, both_groups_open, school
):
    Campaign.objects.filter(pk=both_groups_open.pk).update(self_application_allowed=True)
    client.force_login(teacher_account)
    page = client.get(reverse("awards:entry_list")).content.decode()
    options = _category_options(page)
    assert len(options) == 1 and "ประเภทครูผู้สอน" in options[0]
    assert 'name="nominee_name"' not in page
    teacher_group = both_groups_open.categories.get(category="teacher")
    response = client.post(
        reverse("awards:entry_new"), {"category": teacher_group.pk, "school": school.pk}
    )
    assert response.status_code == 302
    assert (
        Entry.objects.get(created_by=teacher_account).nominee_name == teacher_account.display_name
    )


def test_school_account_sees_every_group_and_names_the_nominee(school_client, both_groups_open):
    page = school_client.get(reverse("awards:entry_list")).content.decode()
    assert len(_category_options(page)) == 2
    assert 'name="nominee_name"' in page and "ใบสมัครของสถานศึกษา" in page


def test_person_cannot_reach_colleagues_or_the_schools_entries(
    client, make_user, teacher_account, both_groups_open, school
):
    from pramoen.awards.services import entry_start

    Campaign.objects.filter(pk=both_groups_open.pk).update(self_application_allowed=True)
    account = make_user(roles=[Role.APPLICANT_SCHOOL], organization=school, password=None)
    colleague = make_user(roles=[Role.APPLICANT_PERSON], organization=school, password=None)
    teacher_group = both_groups_open.categories.get(category="teacher")
    school_group = both_groups_open.categories.get(category="school")
    schools_entry = entry_start(category=school_group, school=school, actor=account)
    colleagues = entry_start(category=teacher_group, school=school, actor=colleague)
    own = entry_start(category=teacher_group, school=school, actor=teacher_account)

    client.force_login(teacher_account)
    listed = client.get(reverse("awards:entry_list")).content.decode()
    assert listed.count('data-testid="entry-row"') == 1
    for other in (schools_entry, colleagues):
        assert client.get(reverse("awards:entry_detail", args=[other.pk])).status_code == 404
        assert client.post(reverse("awards:entry_withdraw", args=[other.pk])).status_code == 404
    assert client.get(reverse("awards:entry_detail", args=[own.pk])).status_code == 200
    # The school account still sees all three.
    client.force_login(account)
    listed = client.get(reverse("awards:entry_list")).content.decode()
    assert listed.count('data-testid="entry-row"') == 3


def test_portfolio_on_s3_goes_to_the_bucket_and_downloads_by_a_presigned_redirect(
    school_client, entry_url, tmp_path, settings, s3_files, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.awards.conftest import portfolio_pdf
    from tests.storage import downloaded, files_in

    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0  # a large upload: spooled to a temporary file
    entry = Entry.objects.get()
    url = reverse("awards:entry_portfolio", args=[entry.pk])
    pdf = portfolio_pdf(tmp_path, pages=2, size_pt=16)
    with django_capture_on_commit_callbacks(execute=True):  # the check's job runs here
        school_client.post(url, {"file": SimpleUploadedFile("b.pdf", pdf)})
    entry.refresh_from_db()
    assert entry.portfolio_report["ok"] is True
    # the pending upload the job read is gone; only the kept portfolio is in the bucket
    assert s3_files.names() == [entry.portfolio.name]
    download = school_client.get(reverse("awards:entry_portfolio_download", args=[entry.pk]))
    assert download.status_code == 302 and "X-Amz-Signature=" in download["Location"]
    assert downloaded(download) == pdf
    assert files_in(s3_files.folder) == []


def test_a_group_s_criteria_page_shows_its_rubric_before_applying(
    school_client, open_campaign, make_user
):
    category = CampaignCategory.objects.get(campaign=open_campaign)
    response = school_client.get(reverse("awards:category_criteria", args=[category.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    # the rubric's own Thai names, not its ids or hash
    from pramoen.awards.services.entries import pinned_instrument

    scoring = pinned_instrument(category, "scoring")
    assert scoring.title_th in page
    assert all(comp.title_th in page for comp in scoring.rubric.components)
    assert category.scoring_instrument_hash[:12] not in page
    # a school of another ESA does not see the group
    other = Organization.objects.create(
        kind="school",
        code="1234567891",
        name_th="โรงเรียนอื่น",
        parent=Organization.objects.create(kind="esa", code="X1", name_th="สพป. อื่น"),
    )
    school_client.force_login(
        make_user(roles=[Role.APPLICANT_SCHOOL], organization=other, password=None)
    )
    assert (
        school_client.get(reverse("awards:category_criteria", args=[category.pk])).status_code
        == 404
    )
