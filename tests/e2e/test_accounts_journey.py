"""Accounts without /admin/ (issue 19): an officer invites a school, which sets its password from
the one-time link; a teacher registers herself and the officer approves."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from pramoen.core.demo import DEMO_PASSWORD
from tests.e2e.conftest import login

NEW_PASSWORD = "a fresh school password 2569"


def _link(mail) -> str:
    return re.search(r"https?://[^/\s]+(/people/welcome/\S+)", mail.body).group(1)


def _set_password(page, link: str) -> None:
    page.goto(link)
    expect(page.get_by_role("heading", name="ตั้งรหัสผ่านเพื่อเริ่มใช้งาน")).to_be_visible()
    page.locator("#id_new_password1").fill(NEW_PASSWORD)
    page.locator("#id_new_password2").fill(NEW_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="บันทึก").click()


def test_officer_invites_a_school_and_the_school_sets_its_password(page, demo_data, mailoutbox):
    from pramoen.accounts.enums import Role
    from pramoen.accounts.models import Membership
    from pramoen.orgs.demo import DEMO_ESA_CODE
    from pramoen.orgs.models import Organization

    school = (
        Organization.objects.filter(kind="school", parent__code=DEMO_ESA_CODE)
        .exclude(memberships__role=Role.APPLICANT_SCHOOL)
        .order_by("pk")
        .first()
    )
    login(page, "esa", DEMO_PASSWORD)
    page.get_by_role("link", name="บัญชีผู้ใช้").first.click()
    page.get_by_role("link", name="เชิญผู้ใช้ทางอีเมล").click()
    page.get_by_label("อีเมล").fill("office@school.example.invalid")
    page.locator("#id_first_name").fill(school.name_th)
    page.get_by_label("บทบาท").select_option(Role.APPLICANT_SCHOOL)
    page.get_by_label("หน่วยงาน (รหัสโรงเรียน 10 หลัก หรือรหัสเขต)").fill(school.code)
    page.get_by_role("button", name="สร้างบัญชีและส่งคำเชิญ").click()
    expect(page.get_by_role("status")).to_contain_text("ส่งลิงก์ตั้งรหัสผ่านไปที่")
    expect(page.get_by_test_id("account-status")).to_contain_text("ยังไม่ได้ตั้งรหัสผ่าน")
    assert Membership.objects.filter(
        user__email="office@school.example.invalid", organization=school
    ).exists()
    [mail] = mailoutbox
    page.get_by_role("button", name="ออกจากระบบ").click()

    _set_password(page, _link(mail))
    expect(page.get_by_role("main")).to_contain_text("เรียบร้อย")
    login(page, "office@school.example.invalid", NEW_PASSWORD)
    expect(page.get_by_test_id("roles")).to_contain_text("ผู้สมัคร (บัญชีสถานศึกษา)")

    page.goto(_link(mail))  # the link works once
    expect(page.get_by_role("alert")).to_contain_text("ไม่ถูกต้องหรือหมดอายุ")


def test_teacher_registers_and_the_officer_approves(page, demo_data, mailoutbox):
    from pramoen.accounts.models import User
    from pramoen.orgs.demo import DEMO_ESA_CODE
    from pramoen.orgs.models import Person

    person = (
        Person.objects.filter(organization__parent__code=DEMO_ESA_CODE, position="teacher")
        .exclude(national_id="")
        .exclude(national_id__in=User.objects.values("national_id"))
        .order_by("pk")
        .first()
    )
    page.goto("/accounts/login/")
    page.get_by_test_id("register-link").click()
    page.get_by_role("radio", name="ครูและบุคลากร").check()
    page.get_by_label("เลขประจำตัวประชาชน (ครูและบุคลากร)").fill(person.national_id)
    page.get_by_label("คำนำหน้าชื่อ").fill(person.prefix)
    page.locator("#id_first_name").fill(person.first_name)
    page.get_by_label("นามสกุล").fill(person.last_name)
    page.get_by_label("อีเมล (ลิงก์ตั้งรหัสผ่านจะส่งไปที่นี่)").fill("kru@example.invalid")
    page.get_by_role("button", name="ส่งคำขอลงทะเบียน").click()
    expect(page.get_by_test_id("register-done")).to_be_visible()

    login(page, "esa", DEMO_PASSWORD)
    page.get_by_role("link", name="คำขอลงทะเบียน").first.click()
    expect(page.get_by_test_id("registrations")).to_contain_text(person.first_name)
    page.get_by_role("button", name="อนุมัติ", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("อนุมัติแล้ว")
    [mail] = mailoutbox
    assert mail.to == ["kru@example.invalid"]
    user = User.objects.get(email="kru@example.invalid")
    assert user.national_id == person.national_id
    page.get_by_role("button", name="ออกจากระบบ").click()

    _set_password(page, _link(mail))
    login(page, "kru@example.invalid", NEW_PASSWORD)
    expect(page.get_by_test_id("roles")).to_contain_text("ผู้สมัคร (บุคคล)")
