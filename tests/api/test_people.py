from __future__ import annotations

import pytest

from pramoen.accounts.enums import Role
from tests.orgs.factories import PersonFactory, SchoolFactory

pytestmark = pytest.mark.django_db


def test_people_list_is_scoped_and_masks_national_ids(client, esa_staff, esa, token_for):
    person = PersonFactory(organization=SchoolFactory(parent=esa), first_name="สมหญิง")
    PersonFactory()  # another ESA's
    body = client.get("/api/v1/people", **token_for(esa_staff)).json()
    assert body["count"] == 1
    assert body["items"][0]["first_name"] == "สมหญิง"
    assert body["items"][0]["national_id"] == person.national_id_masked
    assert person.national_id not in str(body)


def test_the_esas_own_staff_get_the_full_national_id_others_masked(
    client, esa_staff, esa, make_user, token_for
):
    person = PersonFactory(organization=SchoolFactory(parent=esa))
    url = f"/api/v1/people/{person.pk}"
    assert client.get(url, **token_for(esa_staff)).json()["national_id"] == person.national_id
    admin = make_user(roles=[Role.SYSTEM_ADMIN], password=None)
    assert client.get(url, **token_for(admin)).json()["national_id"] == person.national_id_masked
    other = make_user(roles=[Role.ESA_STAFF], organization=SchoolFactory().parent, password=None)
    assert client.get(url, **token_for(other)).status_code == 404
