from __future__ import annotations

import pytest

from pramoen.accounts.enums import Role
from tests.orgs.factories import EnrollmentFactory, NetworkFactory, SchoolFactory

pytestmark = pytest.mark.django_db


def test_schools_are_the_staffs_own_esas_with_their_size_class(client, esa_staff, esa, token_for):
    network = NetworkFactory(esa=esa)
    school = SchoolFactory(parent=esa, network=network, name_th="โรงเรียนบ้านหนองบัว")
    EnrollmentFactory(school=school, academic_year=2568, students=130)
    SchoolFactory()  # another ESA's: not listed
    response = client.get("/api/v1/organizations/schools", **token_for(esa_staff))
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert body["items"][0]["name_th"] == "โรงเรียนบ้านหนองบัว"
    assert body["items"][0]["students"] == 130
    assert body["items"][0]["academic_year"] == 2568
    assert body["items"][0]["size_class"]["scheme"] == "nara2"
    assert body["items"][0]["network"] == {"id": network.pk, "name": network.name}


def test_schools_filter_by_search_and_size_class(client, esa_staff, esa, token_for):
    small = SchoolFactory(parent=esa, name_th="โรงเรียนเล็ก")
    big = SchoolFactory(parent=esa, name_th="โรงเรียนใหญ่")
    EnrollmentFactory(school=small, students=40)
    EnrollmentFactory(school=big, students=2000)
    headers = token_for(esa_staff)
    names = client.get("/api/v1/organizations/schools?q=เล็ก", **headers).json()["items"]
    assert [s["name_th"] for s in names] == ["โรงเรียนเล็ก"]
    key = client.get(f"/api/v1/organizations/schools/{big.pk}", **headers).json()["size_class"]
    sized = client.get(f"/api/v1/organizations/schools?size_class={key['key']}", **headers).json()[
        "items"
    ]
    assert [s["name_th"] for s in sized] == ["โรงเรียนใหญ่"]


def test_another_esas_school_is_not_found_in_thai(client, esa_staff, token_for):
    other = SchoolFactory()
    response = client.get(f"/api/v1/organizations/schools/{other.pk}", **token_for(esa_staff))
    assert response.status_code == 404
    assert response.json()["detail"].startswith("ไม่พบข้อมูล")


def test_a_judge_may_not_list_schools(client, make_user, esa, token_for):
    judge = make_user(roles=[Role.JUDGE], organization=esa, password=None)
    response = client.get("/api/v1/organizations/schools", **token_for(judge))
    assert response.status_code == 403
    assert response.json()["detail"] == "ท่านไม่มีสิทธิ์ใช้งานรายการนี้"


def test_bad_query_values_are_a_thai_422(client, esa_staff, token_for):
    response = client.get("/api/v1/organizations/schools?page=0&year=abc", **token_for(esa_staff))
    assert response.status_code == 422
    body = response.json()
    assert body["detail"].startswith("ข้อมูลที่ส่งมาไม่ถูกต้อง")
    messages = {tuple(e["loc"][-1:]): e["message"] for e in body["errors"]}
    assert messages[("year",)] == "ต้องเป็นจำนวนเต็ม"
    assert messages[("page",)] == "น้อยกว่าค่าต่ำสุดที่รับได้"


def test_esas_and_networks(client, esa_staff, esa, token_for):
    NetworkFactory(esa=esa, name="กลุ่มเครือข่ายที่ 1")
    NetworkFactory()
    headers = token_for(esa_staff)
    esas = client.get("/api/v1/organizations/esas", **headers).json()
    assert esa.pk in [e["id"] for e in esas["items"]]
    networks = client.get("/api/v1/organizations/networks", **headers).json()
    assert [n["name"] for n in networks["items"]] == ["กลุ่มเครือข่ายที่ 1"]
