"""Issue 19's journey: an ESA officer who never opens /admin/ runs a season from the pages — a new
edition with its groups and last edition's committees, a school invited, a self-registered
teacher approved, the screening e-mail reworded and seen sent, the next KPI fiscal year opened.

Setup only through data (the demo, plus a submitted entry to screen, as the screening journey
arranges one); every step the officer takes is a page."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from pramoen.core.demo import DEMO_PASSWORD
from tests.e2e.conftest import login

TITLE = "NARA 2 AWARDS ครั้งที่ ๖ ประจำปี ๒๕๗๐"
LAST = "NARA 2 AWARDS ครั้งที่ ๕ ประจำปี ๒๕๖๙"


def _arrange(mailbox_user_email: str):
    """Data the demo lacks: no 2570 edition yet (the officer creates it), a registry teacher
    without an account (she registers herself), a school without an account (the officer
    invites it) and one submitted, unscreened entry of last edition."""
    from pramoen.accounts.enums import Role
    from pramoen.accounts.models import User
    from pramoen.awards.enums import EntryStatus
    from pramoen.awards.models import Campaign, Entry
    from pramoen.orgs.demo import DEMO_ESA_CODE
    from pramoen.orgs.models import Enrollment, Organization, Person

    Campaign.objects.filter(year_be=2570).delete()
    last = Campaign.objects.get(year_be=2569)
    school = Organization.objects.create(
        kind="school", code="9999777701", name_th="โรงเรียนบ้านฤดูกาล", parent=last.esa
    )
    Enrollment.objects.create(school=school, academic_year=2568, students=80)
    Person.objects.create(
        prefix="นางสาว",
        first_name="ฤดี",
        last_name="ทดสอบฤดูกาล",
        position="teacher",
        organization=school,
        position_started_on=dt.date(2015, 5, 16),
    )
    applicant = User.objects.create(username="season-applicant", email=mailbox_user_email)
    Entry.objects.create(
        campaign=last,
        category=last.categories.get(category="teacher", domain="innovation", size_class="small"),
        school=school,
        nominee_name="นางสาวฤดี ทดสอบฤดูกาล",
        nominee_key=f"person:{school.pk}:ฤดี ทดสอบฤดูกาล",
        created_by=applicant,
        status=EntryStatus.SUBMITTED,
        submitted_at=dt.datetime(2026, 6, 10, 3, 0, tzinfo=dt.UTC),
    )
    registered = (
        Person.objects.filter(organization__parent__code=DEMO_ESA_CODE, position="teacher")
        .exclude(national_id="")
        .exclude(national_id__in=User.objects.values("national_id"))
        .order_by("pk")
        .first()
    )
    invited = (
        Organization.objects.filter(kind="school", parent__code=DEMO_ESA_CODE)
        .exclude(memberships__role=Role.APPLICANT_SCHOOL)
        .exclude(pk=school.pk)
        .order_by("pk")
        .first()
    )
    return registered, invited


def _register(page, person) -> None:
    page.goto("/accounts/login/")
    page.get_by_test_id("register-link").click()
    page.get_by_role("radio", name="ครูและบุคลากร").check()
    page.get_by_label("เลขประจำตัวประชาชน (ครูและบุคลากร)").fill(person.national_id)
    page.get_by_label("คำนำหน้าชื่อ").fill(person.prefix)
    page.locator("#id_first_name").fill(person.first_name)
    page.get_by_label("นามสกุล").fill(person.last_name)
    page.get_by_label("อีเมล (ลิงก์ตั้งรหัสผ่านจะส่งไปที่นี่)").fill("season-kru@example.invalid")
    page.get_by_role("button", name="ส่งคำขอลงทะเบียน").click()
    expect(page.get_by_test_id("register-done")).to_be_visible()


def _edition_with_groups_and_committees(page) -> None:
    page.get_by_role("link", name="การประกวดรางวัล").first.click()
    page.get_by_role("link", name="สร้างการประกวดใหม่").click()
    page.get_by_label("ครั้งที่").fill("๖")
    page.get_by_label("ประจำปี (พ.ศ.)").fill("๒๕๗๐")
    page.get_by_label("วันเปิดรับผลงาน").fill("26/03/2570")
    page.get_by_label("วันกำหนดส่งผลงาน").fill("19/06/2570")
    page.get_by_role("button", name="บันทึก").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("กลุ่มการประกวด")
    page.get_by_label(f"{TITLE}: ประเภทสถานศึกษา ด้านวิชาการ โรงเรียนขนาดเล็ก").check()
    page.get_by_role("button", name="เพิ่มกลุ่มที่เลือก").click()
    expect(page.get_by_role("status")).to_contain_text("เพิ่มกลุ่มการประกวด ๑ กลุ่มแล้ว")
    page.get_by_role("link", name="คณะกรรมการตัดสิน").first.click()
    page.get_by_role("button", name="คัดลอกคณะกรรมการจากครั้งก่อน").click()
    expect(page.get_by_test_id("committees-copied")).to_contain_text(
        "ประเภทสถานศึกษา ด้านวิชาการ โรงเรียนขนาดเล็ก"
    )


def _invite_school(page, school) -> None:
    from pramoen.accounts.enums import Role

    page.goto("/")
    page.get_by_role("link", name="บัญชีผู้ใช้").first.click()
    page.get_by_role("link", name="เชิญผู้ใช้ทางอีเมล").click()
    page.get_by_label("อีเมล").fill("season-office@school.example.invalid")
    page.locator("#id_first_name").fill(school.name_th)
    page.get_by_label("บทบาท").select_option(Role.APPLICANT_SCHOOL)
    page.get_by_label("หน่วยงาน (รหัสโรงเรียน 10 หลัก หรือรหัสเขต)").fill(school.code)
    page.get_by_role("button", name="สร้างบัญชีและส่งคำเชิญ").click()
    expect(page.get_by_role("status")).to_contain_text("ส่งลิงก์ตั้งรหัสผ่านไปที่")


def _approve(page, person) -> None:
    page.goto("/")
    page.get_by_role("link", name="คำขอลงทะเบียน").first.click()
    row = page.get_by_test_id("registrations").get_by_role("row").filter(has_text=person.first_name)
    row.get_by_role("button", name="อนุมัติ", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("อนุมัติแล้ว")


def _reword_screening_mail(page) -> None:
    page.goto("/")
    page.get_by_role("link", name="แม่แบบอีเมล").first.click()
    page.get_by_role("link", name="ผลการตรวจคุณสมบัติเบื้องต้น").click()
    expect(page.get_by_test_id("mail-variables")).to_contain_text("failed_checks")
    page.get_by_label("หัวเรื่อง").fill("แจ้งผลคุณสมบัติของ {{ who }} (สพป.ตัวอย่าง)")
    page.get_by_label("เนื้อความ").fill(
        "เรียน {{ who }}\nผลการตรวจ: {{ result }}\n"
        "{% if failed_checks %}{{ failed_checks }}\n{% endif %}"
        "ติดต่อกลุ่มส่งเสริมการศึกษา โทร ๐๒-๐๐๐-๐๐๐๐\n"
    )
    # The live preview renders what is typed with the sample values.
    expect(page.get_by_test_id("preview-subject")).to_have_text(
        "แจ้งผลคุณสมบัติของ นางสาวสมใจ ใฝ่เรียน (สพป.ตัวอย่าง)"
    )
    expect(page.get_by_test_id("preview-body")).to_contain_text("ติดต่อกลุ่มส่งเสริมการศึกษา")
    page.get_by_role("button", name="บันทึกแม่แบบ").click()
    expect(page.get_by_role("status")).to_contain_text("บันทึกแม่แบบอีเมลแล้ว")
    expect(page.get_by_test_id("mail-state")).to_have_text("ปรับแก้แล้ว")


def _screen(page) -> None:
    page.goto("/")
    page.get_by_role("link", name="การประกวดรางวัล").first.click()
    page.get_by_role("link", name=LAST).click()
    page.get_by_role("link", name="ตรวจคุณสมบัติเบื้องต้น").click()
    page.get_by_role("button", name="ตรวจคุณสมบัติผลงานที่ส่งแล้วทั้งหมด").click()
    expect(page.get_by_role("status")).to_contain_text("ตรวจคุณสมบัติเบื้องต้นแล้ว")
    entry = page.get_by_test_id("screening-entry").filter(has_text="นางสาวฤดี ทดสอบฤดูกาล")
    entry.get_by_role("button", name="ยืนยันผลการตรวจคุณสมบัติ").click()
    expect(entry.get_by_test_id("eligibility")).to_contain_text("คุณสมบัติเบื้องต้น")


def _open_kpi_year(page) -> None:
    page.goto("/")
    page.get_by_role("link", name="ปีงบประมาณการรายงานตัวชี้วัด").first.click()
    page.get_by_test_id("open-next-year").click()
    expect(page.get_by_label("ปีงบประมาณใหม่ (พ.ศ.)")).to_have_value("2570")
    page.get_by_role("button", name="เปิดปีงบประมาณ").click()
    expect(page.get_by_role("status")).to_contain_text("แล้ว")
    expect(page.get_by_test_id("kpi-campaigns")).to_contain_text("2570")


@pytest.mark.slow
def test_an_officer_runs_a_season_from_the_pages_alone(page, demo_data, mailoutbox):
    from pramoen.accounts.models import Membership, User
    from pramoen.awards.models import Campaign
    from pramoen.judging.models import Committee
    from pramoen.kpi.models import KpiCampaign

    applicant_email = "season-applicant@example.invalid"
    person, school = _arrange(applicant_email)
    visited: list[str] = []
    page.on("request", lambda request: visited.append(request.url))

    _register(page, person)
    login(page, "esa", DEMO_PASSWORD)
    _edition_with_groups_and_committees(page)
    _invite_school(page, school)
    _approve(page, person)
    _reword_screening_mail(page)
    _screen(page)
    _open_kpi_year(page)

    edition = Campaign.objects.get(year_be=2570)
    assert edition.categories.count() == 1
    assert Committee.objects.filter(category__campaign=edition).count() == 1
    assert Membership.objects.filter(
        user__email="season-office@school.example.invalid", organization=school
    ).exists()
    assert User.objects.get(email="season-kru@example.invalid").national_id == person.national_id
    assert KpiCampaign.objects.filter(fiscal_year=2570).exists()
    # The screening mail is the officer's wording, with the entry's own values.
    [screened] = [mail for mail in mailoutbox if mail.to == [applicant_email]]
    assert screened.subject == "แจ้งผลคุณสมบัติของ นางสาวฤดี ทดสอบฤดูกาล (สพป.ตัวอย่าง)"
    assert screened.body.startswith("เรียน นางสาวฤดี ทดสอบฤดูกาล\nผลการตรวจ: ")
    assert screened.body.endswith("ติดต่อกลุ่มส่งเสริมการศึกษา โทร ๐๒-๐๐๐-๐๐๐๐\n")
    assert "{{" not in screened.body
    # Invitations (the school, the approved teacher) went out too, in the default words.
    assert {tuple(mail.to) for mail in mailoutbox} >= {
        ("season-office@school.example.invalid",),
        ("season-kru@example.invalid",),
    }
    assert not [url for url in visited if "/admin/" in url]
