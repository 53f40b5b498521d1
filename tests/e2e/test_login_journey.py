from __future__ import annotations

import pytest
from playwright.sync_api import expect

from pramoen.accounts.demo import DEMO_ACCOUNTS
from pramoen.accounts.enums import Role
from pramoen.core.demo import DEMO_PASSWORD
from tests.e2e.conftest import login


@pytest.mark.parametrize(("username", "role"), [(a[0], a[4]) for a in DEMO_ACCOUNTS])
def test_each_demo_role_logs_in_sees_its_home_and_logs_out(page, demo_data, username, role):
    login(page, username, DEMO_PASSWORD)
    expect(page.get_by_test_id("roles")).to_contain_text(str(Role(role).label))
    page.get_by_role("button", name="ออกจากระบบ").click()
    expect(page.get_by_role("heading", name="เข้าสู่ระบบ")).to_be_visible()
    # Signed out, "/" is the public landing page (issue 20), not the login form.
    page.goto("/")
    expect(page.get_by_test_id("certificate-lookup")).to_be_visible()
    expect(page.get_by_test_id("roles")).to_have_count(0)


def test_language_switch_to_english_and_back(page, demo_data):
    login(page, "judge", DEMO_PASSWORD)
    page.get_by_label("ภาษา").select_option("en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_label("Language").select_option("th")
    expect(page.locator("html")).to_have_attribute("lang", "th")


def test_wrong_password_is_explained_in_thai_and_sixth_try_locks_out(page, demo_data):
    for _ in range(5):
        login(page, "judge", "not-the-password")
        expect(page.get_by_test_id("form-errors")).to_contain_text("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง")
    login(page, "judge", "not-the-password")
    expect(page.get_by_test_id("locked-out")).to_contain_text("บัญชีถูกล็อกชั่วคราว")
    login(page, "judge", DEMO_PASSWORD)
    expect(page.get_by_test_id("locked-out")).to_be_visible()
