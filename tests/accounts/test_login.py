from __future__ import annotations

import pytest
from django.urls import reverse

from pramoen.accounts.enums import Role
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_login_accepts_username(client):
    user = UserFactory(username="somchai")
    response = client.post(
        reverse("accounts:login"), {"username": "somchai", "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_login_accepts_email_case_insensitively(client):
    user = UserFactory(username="somchai", email="somchai@school.example")
    response = client.post(
        reverse("accounts:login"), {"username": "SomChai@School.Example", "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_login_wrong_password_shows_thai_message(client):
    UserFactory(username="somchai")
    response = client.post(reverse("accounts:login"), {"username": "somchai", "password": "nope"})
    assert response.status_code == 200
    assert "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_locks_out_on_sixth_wrong_password(client):
    UserFactory(username="somchai")
    url = reverse("accounts:login")
    for _ in range(5):
        response = client.post(url, {"username": "somchai", "password": "wrong"})
        assert "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in response.content.decode()
    response = client.post(url, {"username": "somchai", "password": "wrong"})
    assert response.status_code == 429
    assert "บัญชีถูกล็อกชั่วคราว" in response.content.decode()
    # Once locked, even the right password is refused.
    response = client.post(url, {"username": "somchai", "password": TEST_PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_home_lists_every_role_held(client, make_user):
    user = make_user(roles=[Role.JUDGE, Role.KPI_REVIEWER])
    client.force_login(user)
    body = client.get(reverse("core:home")).content.decode()
    assert "กรรมการประเมิน" in body
    assert "ผู้ตรวจรายงานตัวชี้วัด" in body


def test_anonymous_home_is_the_public_landing_with_a_sign_in_link(client, db):
    # Issue 20: "/" no longer sends a visitor straight to sign-in (tests/people/test_home.py).
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    assert f'href="{reverse("accounts:login")}"' in response.content.decode()


def test_logout_requires_post_and_ends_session(client, make_user):
    client.force_login(make_user())
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_thai_mail(client, mailoutbox):
    UserFactory(username="somchai", email="somchai@school.example")
    response = client.post(reverse("accounts:password_reset"), {"email": "somchai@school.example"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert "ตั้งรหัสผ่านใหม่" in mailoutbox[0].subject


@pytest.mark.parametrize("retyped", ["SOMCHAI", "SomChai@School.Example", " somchai "])
def test_lockout_cannot_be_dodged_by_retyping_the_login(client, retyped):
    UserFactory(username="somchai", email="somchai@school.example")
    url = reverse("accounts:login")
    for _ in range(6):
        client.post(url, {"username": "somchai", "password": "wrong"})
    response = client.post(url, {"username": retyped, "password": TEST_PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_failures_under_different_spellings_add_up_to_one_lockout(client):
    UserFactory(username="somchai", email="somchai@school.example")
    url = reverse("accounts:login")
    for login in [
        "somchai",
        "SOMCHAI",
        "somchai@school.example",
        "Somchai",
        "SOMCHAI@SCHOOL.EXAMPLE",
    ]:
        client.post(url, {"username": login, "password": "wrong"})
    response = client.post(url, {"username": "sOmChAi", "password": "wrong"})
    assert response.status_code == 429


@pytest.mark.parametrize(
    ("url_name", "title"),
    [("accounts:password_reset", "ขอตั้งรหัสผ่านใหม่"), ("accounts:password_change", "เปลี่ยนรหัสผ่าน")],
)
def test_password_pages_have_their_own_thai_title(client, make_user, url_name, title):
    client.force_login(make_user())
    body = client.get(reverse(url_name)).content.decode()
    assert f"<h1>{title}</h1>" in body


def test_password_reset_link_that_is_not_valid_is_explained_in_thai(client):
    body = client.get("/accounts/password/reset/MQ/not-a-token/").content.decode()
    assert "<h1>ตั้งรหัสผ่านใหม่</h1>" in body
    assert "ลิงก์สำหรับตั้งรหัสผ่านใหม่ไม่ถูกต้องหรือหมดอายุแล้ว" in body


@pytest.mark.parametrize("name", ["accounts:login", "accounts:password_reset"])
def test_auth_pages_show_pramoen_not_the_host_name(client, settings, name):
    # Django's auth views put the request's host in their own ``site_name`` context variable,
    # which once won over ours and titled the login page "127.0.0.1:8000".
    settings.PRAMOEN_SITE_NAME = "ประเมิน (ทดสอบ)"
    page = client.get(reverse(name)).content.decode()
    assert "· ประเมิน (ทดสอบ)</title>" in page
    assert '<a class="brand" href="/">ประเมิน (ทดสอบ)</a>' in page
