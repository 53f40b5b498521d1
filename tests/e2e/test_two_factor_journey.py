"""A judge without a second factor enrols with the QR code page, keeps the recovery codes, signs
in again with the app's code and once with a recovery code."""

from __future__ import annotations

from base64 import b32decode

from playwright.sync_api import expect

from pramoen.accounts.enums import Role
from tests.e2e.conftest import totp_code_for
from tests.factories import TEST_PASSWORD


def _password(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("ชื่อผู้ใช้หรืออีเมล").fill(username)
    page.get_by_label("รหัสผ่าน").fill(TEST_PASSWORD)
    page.get_by_role("button", name="เข้าสู่ระบบ").click()


def test_judge_enrols_signs_in_with_the_app_and_with_a_recovery_code(page, make_user):
    make_user(username="judge9", roles=[Role.JUDGE])
    _password(page, "judge9")
    # The password alone leads to enrolment, whatever page is asked for.
    expect(page.get_by_test_id("two-factor-setup")).to_be_visible()
    page.goto("/judging/")
    expect(page.get_by_test_id("two-factor-setup")).to_be_visible()
    expect(page.get_by_test_id("two-factor-qr")).to_be_visible()
    assert page.get_by_test_id("two-factor-qr").evaluate("img => img.naturalWidth") > 0

    page.get_by_label("รหัส 6 หลักจากแอป").fill("000000")
    page.get_by_role("button", name="ยืนยันและเปิดใช้").click()
    expect(page.locator(".field-error")).to_contain_text("ไม่ตรงกับแอปยืนยันตัวตน")

    secret = page.get_by_test_id("two-factor-secret").inner_text().replace(" ", "")
    page.get_by_label("รหัส 6 หลักจากแอป").fill(totp_code_for("judge9", b32decode(secret).hex()))
    page.get_by_role("button", name="ยืนยันและเปิดใช้").click()
    codes = page.get_by_test_id("recovery-codes").locator("code").all_inner_texts()
    assert len(codes) == 10
    page.get_by_role("link", name="เก็บรหัสแล้ว ไปต่อ").click()
    expect(page).to_have_url("/judging/")
    page.get_by_role("button", name="ออกจากระบบ").click()

    # Next time: password, then the app's code.
    _password(page, "judge9")
    expect(page.get_by_test_id("two-factor-verify")).to_be_visible()
    page.get_by_label("รหัสจากแอปยืนยันตัวตน หรือรหัสกู้คืน").fill(totp_code_for("judge9"))
    page.get_by_role("button", name="ยืนยัน", exact=True).click()
    expect(page.get_by_test_id("roles")).to_contain_text("กรรมการประเมิน")
    page.get_by_role("button", name="ออกจากระบบ").click()

    # Without the phone: a recovery code, once.
    _password(page, "judge9")
    page.get_by_label("รหัสจากแอปยืนยันตัวตน หรือรหัสกู้คืน").fill(codes[0])
    page.get_by_role("button", name="ยืนยัน", exact=True).click()
    expect(page.get_by_test_id("roles")).to_be_visible()
    page.get_by_role("button", name="ออกจากระบบ").click()
    _password(page, "judge9")
    page.get_by_label("รหัสจากแอปยืนยันตัวตน หรือรหัสกู้คืน").fill(codes[0])
    page.get_by_role("button", name="ยืนยัน", exact=True).click()
    expect(page.locator(".field-error")).to_contain_text("รหัสไม่ถูกต้อง")
