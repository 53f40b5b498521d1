"""Accounts from the imported registry, as a job, and the officer's list of one-time links."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from pramoen.accounts.enums import Role
from pramoen.accounts.models import Membership, User
from pramoen.core.models import AuditEvent
from pramoen.orgs.enums import Position
from pramoen.people.models import AccountBatch
from tests.factories import EsaFactory
from tests.orgs.factories import PersonFactory, SchoolFactory

pytestmark = pytest.mark.django_db


def _run(client, esa, kind, capture):
    with capture(execute=True):
        response = client.post(reverse("people:batch_list"), {"esa": esa.pk, "kind": kind})
    assert response.status_code == 302
    return AccountBatch.objects.latest("pk")


def test_school_accounts_from_the_registry(client, staff, esa, django_capture_on_commit_callbacks):
    schools = [SchoolFactory(parent=esa) for _ in range(3)]
    SchoolFactory(parent=EsaFactory())  # another ESA's school: not this batch's
    client.force_login(staff)

    batch = _run(client, esa, "schools", django_capture_on_commit_callbacks)

    batch.refresh_from_db()
    assert batch.status == "done"
    assert batch.created_count == 3
    assert sorted(
        Membership.objects.filter(role=Role.APPLICANT_SCHOOL).values_list(
            "user__username", "organization_id"
        )
    ) == sorted((s.code, s.pk) for s in schools)
    assert AuditEvent.objects.filter(action="account_batch.run").count() == 1


def test_running_again_makes_only_what_is_missing(
    client, staff, esa, django_capture_on_commit_callbacks
):
    SchoolFactory(parent=esa)
    client.force_login(staff)
    _run(client, esa, "schools", django_capture_on_commit_callbacks)
    SchoolFactory(parent=esa)

    second = _run(client, esa, "schools", django_capture_on_commit_callbacks)

    second.refresh_from_db()
    assert second.created_count == 1
    assert User.objects.count() == 3  # staff + two schools


def test_person_accounts_are_linked_by_national_id(
    client, staff, esa, django_capture_on_commit_callbacks
):
    school = SchoolFactory(parent=esa)
    teacher = PersonFactory(organization=school)
    PersonFactory(organization=school, position=Position.OTHER)  # not an applicant position
    client.force_login(staff)

    _run(client, esa, "people", django_capture_on_commit_callbacks)

    [user] = User.objects.filter(national_id=teacher.national_id)
    assert (user.first_name, user.last_name) == (teacher.first_name, teacher.last_name)
    assert list(user.memberships.values_list("role", "organization")) == [
        (Role.APPLICANT_PERSON, school.pk)
    ]
    assert User.objects.count() == 2


def test_links_list_holds_a_working_link_per_waiting_account(
    client, staff, esa, django_capture_on_commit_callbacks
):
    SchoolFactory(parent=esa)
    SchoolFactory(parent=esa)
    client.force_login(staff)
    batch = _run(client, esa, "schools", django_capture_on_commit_callbacks)

    response = client.get(reverse("people:batch_links", args=[batch.pk]))

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert response["Content-Type"].startswith("text/csv")
    assert len(rows) == 3
    link = rows[1][3].removeprefix("http://testserver")
    client.logout()
    page = client.get(link, follow=True)
    assert page.context["validlink"] is True


def test_another_esa_cannot_be_batched(client, staff, django_capture_on_commit_callbacks):
    other = EsaFactory()
    SchoolFactory(parent=other)
    client.force_login(staff)

    response = client.post(reverse("people:batch_list"), {"esa": other.pk, "kind": "schools"})

    assert response.status_code == 200
    assert AccountBatch.objects.count() == 0


def test_batch_detail_queries_do_not_grow(
    client, staff, esa, queries_at_two_sizes, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    batch = _run(client, esa, "schools", django_capture_on_commit_callbacks)

    def grow(n: int) -> None:
        for _ in range(n):
            school = SchoolFactory(parent=esa)
            user = User.objects.create(username=school.code, password="!" + "x" * 40)
            Membership.objects.create(user=user, role=Role.APPLICANT_SCHOOL, organization=school)
            batch.users.add(user)

    queries_at_two_sizes(reverse("people:batch_detail", args=[batch.pk]), grow)


def test_a_taken_person_user_name_is_skipped(
    client, staff, esa, django_capture_on_commit_callbacks
):
    school = SchoolFactory(parent=esa)
    taken, free = PersonFactory(organization=school), PersonFactory(organization=school)
    User.objects.create(username=f"person{taken.pk}", password="!" + "x" * 40)
    client.force_login(staff)

    _run(client, esa, "people", django_capture_on_commit_callbacks)

    assert list(
        User.objects.filter(national_id__in=[taken.national_id, free.national_id]).values_list(
            "username", flat=True
        )
    ) == [f"person{free.pk}"]
