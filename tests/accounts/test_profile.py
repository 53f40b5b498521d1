from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from pramoen.accounts.models import User
from pramoen.core.models import AuditEvent

pytestmark = pytest.mark.django_db

# A valid Thai national ID, checked by hand: the first 12 digits weighted 13..2 sum to 146;
# 146 mod 11 = 3; check digit = (11 − 3) mod 10 = 8.
VALID_ID = "1101700230708"


def _form(**overrides: str) -> dict[str, str]:
    data = {
        "name_prefix": "นางสาว",
        "first_name": "กมลชนก",
        "last_name": "สอนดี",
        "email": "kamol@school.example",
        "phone": "081-234-5678",
        "national_id": "",
        "appointed_on": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def member(client, make_user):
    user = make_user(first_name="เดิม", phone="02-000-0000")
    client.force_login(user)
    return user


def test_profile_saves_thai_digit_id_and_be_date(client, member):
    thai_id = "๑-๑๐๑๗-๐๐๒๓๐-๗๐-๘"
    response = client.post(
        reverse("accounts:profile"), _form(national_id=thai_id, appointed_on="๑ ตุลาคม ๒๕๕๕")
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.national_id, member.appointed_on) == (VALID_ID, dt.date(2012, 10, 1))
    event = AuditEvent.objects.get(action="user.profile_update")
    assert event.after["national_id"] != VALID_ID  # masked in the log
    assert event.after["first_name"] == "กมลชนก"
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "๑ ตุลาคม ๒๕๕๕" in page
    assert "2012" not in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("appointed_on", "31/02/2560", "วันที่"),
        ("appointed_on", "01/10/2012", "พ.ศ."),
        ("national_id", "1101700230701", "เลขประจำตัวประชาชน"),
        ("national_id", "๑๒๓", "13"),
        ("email", "not-an-email", "อีเมล"),
    ],
)
def test_profile_bad_input_gets_thai_message_and_saves_nothing(
    client, member, field, value, message
):
    response = client.post(reverse("accounts:profile"), _form(**{field: value}))
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    assert message in " ".join(form.errors[field])
    # The other, valid fields were not saved either: all or nothing.
    fresh = User.objects.get(pk=member.pk)
    assert (fresh.first_name, fresh.phone, fresh.national_id) == ("เดิม", "02-000-0000", "")
    assert not AuditEvent.objects.filter(action="user.profile_update").exists()
    # What the user typed is shown again so nothing has to be retyped.
    assert value in response.content.decode()


def test_profile_refuses_an_id_held_by_another_account(client, member, make_user):
    make_user(national_id=VALID_ID)
    response = client.post(reverse("accounts:profile"), _form(national_id=VALID_ID))
    assert "ผูกกับบัญชีอื่นแล้ว" in " ".join(response.context["form"].errors["national_id"])


def test_a_saved_national_id_cannot_be_changed_or_cleared_from_the_profile(client, member):
    # Judges' conflicts of interest are derived from it: clearing it before assignment would
    # hide their own school.
    User.objects.filter(pk=member.pk).update(national_id=VALID_ID)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "แก้ไขได้โดยผู้ดูแลระบบเท่านั้น" in page
    for attempt in ("", "3100600445987"):
        response = client.post(reverse("accounts:profile"), _form(national_id=attempt))
        assert response.status_code == 302
        member.refresh_from_db()
        assert member.national_id == VALID_ID
    assert member.phone == "081-234-5678"  # the rest of the form still saves
