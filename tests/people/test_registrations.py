"""Self-registration matched to the registry, and the staff approval queue (issue 19)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pramoen.accounts.enums import Role
from pramoen.accounts.models import User
from pramoen.core.models import AuditEvent
from pramoen.people.models import Registration
from tests.factories import EsaFactory
from tests.orgs.factories import PersonFactory, SchoolFactory

pytestmark = pytest.mark.django_db


def _teacher_form(person, **extra):
    return {
        "kind": "teacher",
        "national_id": person.national_id,
        "name_prefix": person.prefix,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": "kru@example.invalid",
        **extra,
    }


def test_teacher_registers_and_staff_approves(
    client, staff, esa, django_capture_on_commit_callbacks, mailoutbox
):
    school = SchoolFactory(parent=esa)
    person = PersonFactory(organization=school)

    response = client.post(reverse("people:register"), _teacher_form(person))

    assert response.status_code == 302
    registration = Registration.objects.get()
    assert (registration.person, registration.esa, registration.status) == (person, esa, "pending")
    client.force_login(staff)
    queue = client.get(reverse("people:registration_queue"))
    assert [r.pk for r in queue.context["registrations"]] == [registration.pk]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("people:registration_decide", args=[registration.pk]), {"decision": "approve"}
        )
    user = User.objects.get(email="kru@example.invalid")
    assert user.national_id == person.national_id
    assert list(user.memberships.values_list("role", "organization")) == [
        (Role.APPLICANT_PERSON, school.pk)
    ]
    [mail] = mailoutbox
    assert "/people/welcome/" in mail.body
    assert AuditEvent.objects.filter(action="registration.approve").count() == 1


def test_national_id_with_a_bad_checksum_is_refused(client, db):
    response = client.post(
        reverse("people:register"),
        {
            "kind": "teacher",
            "national_id": "1234567890123",
            "first_name": "ก",
            "last_name": "ข",
            "email": "a@example.invalid",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["national_id"]
    assert Registration.objects.count() == 0


def test_name_that_differs_from_the_registry_is_refused(client, esa):
    person = PersonFactory(organization=SchoolFactory(parent=esa))

    response = client.post(reverse("people:register"), _teacher_form(person, first_name="อื่น"))

    assert "ไม่พบข้อมูลที่ตรงกันในทะเบียน" in response.context["form"].errors["national_id"][0]
    assert Registration.objects.count() == 0


def test_school_registers_by_its_code_and_gets_the_school_role(
    client, staff, esa, django_capture_on_commit_callbacks
):
    school = SchoolFactory(parent=esa)
    client.post(
        reverse("people:register"),
        {
            "kind": "school",
            "school_code": school.code,
            "first_name": "สมชาย",
            "last_name": "ใจดี",
            "email": "office@example.invalid",
        },
    )
    registration = Registration.objects.get()
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("people:registration_decide", args=[registration.pk]), {"decision": "approve"}
        )

    user = User.objects.get(username=school.code)
    assert list(user.memberships.values_list("role", "organization")) == [
        (Role.APPLICANT_SCHOOL, school.pk)
    ]


def test_rejection_needs_a_reason_and_mails_it(
    client, staff, esa, django_capture_on_commit_callbacks, mailoutbox
):
    person = PersonFactory(organization=SchoolFactory(parent=esa))
    client.post(reverse("people:register"), _teacher_form(person))
    registration = Registration.objects.get()
    client.force_login(staff)
    url = reverse("people:registration_decide", args=[registration.pk])

    client.post(url, {"decision": "reject", "reason": ""})
    registration.refresh_from_db()
    assert registration.status == "pending"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"decision": "reject", "reason": "ย้ายไปสังกัดอื่นแล้ว"})

    registration.refresh_from_db()
    assert registration.status == "rejected"
    [mail] = mailoutbox
    assert "ย้ายไปสังกัดอื่นแล้ว" in mail.body
    assert not User.objects.filter(email="kru@example.invalid").exists()


def test_another_esas_officer_cannot_decide(client, make_user, esa):
    person = PersonFactory(organization=SchoolFactory(parent=esa))
    client.post(reverse("people:register"), _teacher_form(person))
    other = make_user(roles=[Role.ESA_STAFF], organization=EsaFactory(), password=None)
    client.force_login(other)

    response = client.post(
        reverse("people:registration_decide", args=[Registration.objects.get().pk]),
        {"decision": "approve"},
    )

    assert response.status_code == 404
    assert Registration.objects.get().status == "pending"


def test_registration_queue_queries_do_not_grow(client, staff, esa, queries_at_two_sizes):
    client.force_login(staff)
    school = SchoolFactory(parent=esa)

    def grow(n: int) -> None:
        for _ in range(n):
            person = PersonFactory(organization=school)
            Registration.objects.create(
                kind="teacher",
                esa=esa,
                school=school,
                person=person,
                first_name=person.first_name,
                last_name=person.last_name,
                email=f"{person.pk}@example.invalid",
            )

    queries_at_two_sizes(reverse("people:registration_queue"), grow)
