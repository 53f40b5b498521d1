"""Every master-data list page runs as many queries with one row as with several
(``queries_at_two_sizes``, tests/queries.py)."""

from __future__ import annotations

import itertools

import pytest
from django.urls import reverse

from pramoen.orgs.models import ImportBatch
from tests.orgs.factories import EnrollmentFactory, PersonFactory, SchoolFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, staff):
    client.force_login(staff)
    return client


def test_school_list(signed_in, esa, queries_at_two_sizes):
    def grow(n: int) -> None:
        for _ in range(n):
            EnrollmentFactory(school=SchoolFactory(parent=esa), academic_year=2568)

    queries_at_two_sizes(reverse("orgs:school_list"), grow)


def test_person_list(signed_in, esa, queries_at_two_sizes):
    school = SchoolFactory(parent=esa)
    queries_at_two_sizes(
        reverse("orgs:person_list"),
        lambda n: [PersonFactory(organization=school) for _ in range(n)],
    )


def test_recent_imports(signed_in, staff, queries_at_two_sizes):
    numbers = itertools.count()

    def grow(n: int) -> None:
        for _ in range(n):
            ImportBatch.objects.create(
                kind="schools",
                status="rejected",
                filename=f"f{next(numbers)}.csv",
                sha256="0" * 64,
                uploaded_by=staff,
            )

    queries_at_two_sizes(reverse("orgs:import_upload"), grow)
