"""Accounts and roles from the pages, without /admin/ (issue 19)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from pramoen.accounts.enums import Role
from pramoen.accounts.models import Membership, User
from pramoen.core.models import AuditEvent
from tests.factories import EsaFactory, UserFactory
from tests.orgs.factories import SchoolFactory

pytestmark = pytest.mark.django_db


def _link(mail) -> str:
    return re.search(r"http://testserver(/people/welcome/\S+)", mail.body).group(1)


def test_staff_invites_a_school_and_the_link_sets_a_password_once(
    client, staff, esa, django_capture_on_commit_callbacks, mailoutbox
):
    school = SchoolFactory(parent=esa)
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("people:account_invite"),
            {
                "email": "school@example.invalid",
                "first_name": school.name_th,
                "role": Role.APPLICANT_SCHOOL,
                "organization": school.code,
            },
        )

    user = User.objects.get(email="school@example.invalid")
    assert response.status_code == 302
    assert list(user.memberships.values_list("role", "organization")) == [
        (Role.APPLICANT_SCHOOL, school.pk)
    ]
    assert not user.has_usable_password()
    assert AuditEvent.objects.filter(action="user.invite", target_id=str(user.pk)).count() == 1
    [mail] = mailoutbox
    link = _link(mail)
    client.logout()
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(
        set_url,
        {
            "new_password1": "a new school password 2569",
            "new_password2": "a new school password 2569",
        },
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a new school password 2569")
    again = client.get(link, follow=True)
    assert again.context["validlink"] is False


def test_invite_outside_own_esa_is_refused(client, staff):
    other_school = SchoolFactory(parent=EsaFactory())
    client.force_login(staff)

    response = client.post(
        reverse("people:account_invite"),
        {
            "email": "x@example.invalid",
            "first_name": "ก",
            "role": Role.APPLICANT_SCHOOL,
            "organization": other_school.code,
        },
    )

    assert response.status_code == 200
    assert "นอกเขตพื้นที่ของท่าน" in response.content.decode()
    assert not User.objects.filter(email="x@example.invalid").exists()


def test_staff_grants_and_revokes_a_role(client, staff, esa, make_user):
    school = SchoolFactory(parent=esa)
    teacher = make_user(roles=[Role.APPLICANT_PERSON], organization=school, password=None)
    client.force_login(staff)

    client.post(
        reverse("people:role_grant", args=[teacher.pk]),
        {"role": Role.JUDGE, "organization": esa.code},
    )
    judge = Membership.objects.get(user=teacher, role=Role.JUDGE)
    client.post(reverse("people:role_revoke", args=[teacher.pk, judge.pk]), {"reason": "ครบวาระ"})

    judge.refresh_from_db()
    assert judge.organization == esa
    assert judge.is_active is False
    assert AuditEvent.objects.filter(action="membership.revoke", reason="ครบวาระ").count() == 1


def test_only_a_system_admin_grants_system_admin(client, staff, esa, make_user):
    other = make_user(roles=[Role.JUDGE], organization=esa, password=None)
    client.force_login(staff)

    response = client.post(
        reverse("people:role_grant", args=[other.pk]), {"role": Role.SYSTEM_ADMIN}
    )

    assert response.status_code == 400
    assert not other.memberships.filter(role=Role.SYSTEM_ADMIN).exists()


def test_deactivated_account_cannot_sign_in(client, staff, esa, make_user):
    judge = make_user(roles=[Role.JUDGE], organization=esa)
    client.force_login(staff)

    client.post(reverse("people:account_active", args=[judge.pk]), {"active": "0", "reason": "ย้าย"})
    client.logout()

    judge.refresh_from_db()
    assert judge.is_active is False
    assert AuditEvent.objects.filter(action="user.deactivate", target_id=str(judge.pk)).count() == 1
    response = client.post(
        reverse("accounts:login"),
        {"username": judge.username, "password": "correct horse battery staple 2569"},
    )
    assert response.status_code == 200  # the form again, not the redirect of a sign-in
    assert "_auth_user_id" not in client.session


def test_account_of_another_esa_is_not_found(client, staff, make_user):
    stranger = make_user(roles=[Role.JUDGE], organization=EsaFactory(), password=None)
    client.force_login(staff)

    assert client.get(reverse("people:account_detail", args=[stranger.pk])).status_code == 404


def test_system_admin_sees_every_esa(client, make_user):
    admin = make_user(roles=[Role.SYSTEM_ADMIN], password=None)
    stranger = make_user(roles=[Role.JUDGE], organization=EsaFactory(), password=None)
    client.force_login(admin)

    response = client.get(reverse("people:account_list"), {"q": stranger.username})

    assert [a.pk for a in response.context["accounts"]] == [stranger.pk]


def test_search_finds_by_name(client, staff, esa, make_user):
    make_user(roles=[Role.JUDGE], organization=esa, first_name="สมปอง", password=None)
    make_user(roles=[Role.JUDGE], organization=esa, first_name="มานี", password=None)
    client.force_login(staff)

    response = client.get(reverse("people:account_list"), {"q": "สมปอง"})

    assert [a.first_name for a in response.context["accounts"]] == ["สมปอง"]


def test_applicant_cannot_open_account_pages(client, make_user, esa):
    applicant = make_user(roles=[Role.APPLICANT_PERSON], organization=esa, password=None)
    client.force_login(applicant)

    assert client.get(reverse("people:account_list")).status_code == 403


def test_account_list_queries_do_not_grow(client, staff, esa, queries_at_two_sizes):
    client.force_login(staff)
    school = SchoolFactory(parent=esa)

    def grow(n: int) -> None:
        for _ in range(n):
            user = UserFactory(password=None)
            Membership.objects.create(user=user, role=Role.APPLICANT_PERSON, organization=school)
            Membership.objects.create(user=user, role=Role.JUDGE, organization=esa)

    queries_at_two_sizes(reverse("people:account_list"), grow)


def test_system_admin_grants_a_system_wide_role(client, make_user):
    admin = make_user(roles=[Role.SYSTEM_ADMIN], password=None)
    other = make_user(roles=[Role.JUDGE], organization=EsaFactory(), password=None)
    client.force_login(admin)

    client.post(reverse("people:role_grant", args=[other.pk]), {"role": Role.SYSTEM_ADMIN})

    assert other.memberships.filter(role=Role.SYSTEM_ADMIN, organization=None).count() == 1
