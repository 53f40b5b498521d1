"""The quality-school registry pages and their services (KPI 10 core/network schools)."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from pramoen.core.models import AuditEvent
from pramoen.orgs import quality_selectors, quality_services
from pramoen.orgs.enums import QualityCoreKind
from pramoen.orgs.models import QualityCore, QualityNetworkMember
from tests.factories import EsaFactory
from tests.orgs.factories import SchoolFactory

pytestmark = pytest.mark.django_db
YEAR = 2569
PRIMARY = QualityCoreKind.PRIMARY_QUALITY


@pytest.fixture
def core(esa, staff):
    school = SchoolFactory(parent=esa, name_th="โรงเรียนแม่ข่าย")
    return quality_services.quality_registry_set(
        school=school, academic_year=YEAR, role=PRIMARY, actor=staff
    )


def _join(school, core, staff, **extra):
    return quality_services.quality_registry_set(
        school=school, academic_year=YEAR, role="network", core=core, actor=staff, **extra
    )


def test_adding_a_network_school_is_audited(esa, staff, core):
    school = SchoolFactory(parent=esa)
    member = _join(school, core, staff, resource_sharing=True)
    assert (member.core, member.resource_sharing) == (core, True)
    event = AuditEvent.objects.order_by("-id").first()
    assert (event.action, event.target_id) == ("orgs.quality_member_set", str(member.pk))


def test_a_network_school_made_a_core_school_leaves_its_network(esa, staff, core):
    school = SchoolFactory(parent=esa)
    _join(school, core, staff)
    made = quality_services.quality_registry_set(
        school=school, academic_year=YEAR, role=QualityCoreKind.STAND_ALONE, actor=staff
    )
    assert made.kind == QualityCoreKind.STAND_ALONE
    assert not QualityNetworkMember.objects.filter(school=school).exists()
    actions = list(AuditEvent.objects.order_by("-id").values_list("action", flat=True)[:2])
    assert actions == ["orgs.quality_core_set", "orgs.quality_member_remove"]


@pytest.mark.parametrize(
    "problem",
    ["other_esa", "other_year", "stand_alone", "no_core", "unknown_role"],
)
def test_network_membership_refusals_are_thai(esa, staff, core, problem):
    school = SchoolFactory(parent=esa)
    kwargs = {"role": "network", "core": core}
    if problem == "other_esa":
        school = SchoolFactory(parent=EsaFactory())
    elif problem == "other_year":
        kwargs["core"] = quality_services.quality_registry_set(
            school=SchoolFactory(parent=esa), academic_year=YEAR - 1, role=PRIMARY, actor=staff
        )
    elif problem == "stand_alone":
        kwargs["core"] = quality_services.quality_registry_set(
            school=SchoolFactory(parent=esa),
            academic_year=YEAR,
            role=QualityCoreKind.STAND_ALONE,
            actor=staff,
        )
    elif problem == "no_core":
        kwargs["core"] = None
    else:
        kwargs["role"] = "boss"
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as caught:
        quality_services.quality_registry_set(
            school=school, academic_year=YEAR, actor=staff, **kwargs
        )
    assert re.search(r"[\u0e00-\u0e7f]", caught.value.messages[0])
    assert AuditEvent.objects.count() == before
    assert not QualityNetworkMember.objects.filter(school=school).exists()


def test_removal_is_audited_on_the_school_and_a_core_with_members_is_kept(esa, staff, core):
    school = SchoolFactory(parent=esa)
    _join(school, core, staff)
    with pytest.raises(ValidationError):
        quality_services.quality_registry_remove(
            school=core.school, academic_year=YEAR, actor=staff
        )
    assert QualityCore.objects.filter(pk=core.pk).exists()
    quality_services.quality_registry_remove(
        school=school, academic_year=YEAR, actor=staff, reason="ย้าย"
    )
    event = AuditEvent.objects.order_by("-id").first()
    assert (event.action, event.target_type, event.target_id, event.reason) == (
        "orgs.quality_member_remove",
        "orgs.organization",
        str(school.pk),
        "ย้าย",
    )
    assert event.before["core_school"] == core.school_id
    quality_services.quality_registry_remove(school=core.school, academic_year=YEAR, actor=staff)
    assert not QualityCore.objects.filter(pk=core.pk).exists()


def test_the_list_filters_by_role_and_search(esa, staff, core):
    member = SchoolFactory(parent=esa, name_th="โรงเรียนบ้านลูกข่าย")
    _join(member, core, staff)
    SchoolFactory(parent=esa, name_th="โรงเรียนไม่อยู่ในทะเบียน")
    listed = quality_selectors.registry_list(esa_ids=[esa.pk], academic_year=YEAR)
    assert {s.pk for s in listed} == {core.school_id, member.pk}
    networks = quality_selectors.registry_list(esa_ids=[esa.pk], academic_year=YEAR, role="network")
    assert [(s.pk, s.member_core_name) for s in networks] == [(member.pk, "โรงเรียนแม่ข่าย")]
    cores = quality_selectors.registry_list(esa_ids=[esa.pk], academic_year=YEAR, role=PRIMARY)
    assert [s.pk for s in cores] == [core.school_id]
    found = quality_selectors.registry_list(esa_ids=[esa.pk], academic_year=YEAR, search="ลูกข่าย")
    assert [s.pk for s in found] == [member.pk]
    assert (
        list(quality_selectors.registry_list(esa_ids=[EsaFactory().pk], academic_year=YEAR)) == []
    )


def test_staff_add_a_network_school_from_the_page(client, esa, staff, core):
    school = SchoolFactory(parent=esa)
    client.force_login(staff)
    response = client.post(
        reverse("orgs:quality_add"),
        {
            "school": school.pk,
            "year": "๒๕๖๙",
            "role": "network",
            "core": core.pk,
            "participating": "on",
            "integrated_learning": "on",
        },
    )
    assert response.status_code == 302
    member = QualityNetworkMember.objects.get(school=school)
    assert (member.core_id, member.integrated_learning, member.resource_sharing) == (
        core.pk,
        True,
        False,
    )


def test_a_bad_add_is_shown_again_with_thai_messages(client, esa, staff, core):
    client.force_login(staff)
    other_school = SchoolFactory(parent=EsaFactory())
    response = client.post(
        reverse("orgs:quality_add"),
        {"school": other_school.pk, "year": "abc", "role": "network", "participating": ""},
    )
    assert response.status_code == 400
    errors = re.findall(r'class="field-error"[^>]*>([^<]+)<', response.content.decode())
    assert len(errors) >= 2 and all(re.search(r"[\u0e00-\u0e7f]", e) for e in errors)
    assert not QualityNetworkMember.objects.exists()


def test_a_service_refusal_is_shown_on_the_page(client, esa, staff, core):
    member = SchoolFactory(parent=esa)
    _join(member, core, staff)
    client.force_login(staff)
    url = reverse("orgs:quality_detail", args=[core.school_id])
    response = client.post(url, {"year": YEAR, "role": "network", "core": ""})
    assert response.status_code == 400
    assert "กรุณาเลือกโรงเรียนหลัก" in response.content.decode()


def test_remove_from_the_page(client, esa, staff, core):
    member = SchoolFactory(parent=esa)
    _join(member, core, staff)
    client.force_login(staff)
    response = client.post(
        reverse("orgs:quality_remove", args=[member.pk]), {"year": YEAR, "reason": ""}
    )
    assert response.status_code == 302
    assert not QualityNetworkMember.objects.filter(school=member).exists()


def test_another_esas_school_is_not_found(client, staff):
    school = SchoolFactory(parent=EsaFactory())
    client.force_login(staff)
    assert client.get(reverse("orgs:quality_detail", args=[school.pk])).status_code == 404
    response = client.post(reverse("orgs:quality_remove", args=[school.pk]), {"year": YEAR})
    assert response.status_code == 404


def test_bad_list_filters_are_thai_not_500(client, staff):
    client.force_login(staff)
    response = client.get(reverse("orgs:quality_list"), {"year": "xyz", "role": "boss"})
    assert response.status_code == 200
    errors = re.findall(r'class="field-error"[^>]*>([^<]+)<', response.content.decode())
    assert len(errors) == 2


def test_the_list_runs_the_same_queries_with_more_rows(
    client, esa, staff, core, queries_at_two_sizes
):
    client.force_login(staff)

    def grow(n):
        for _ in range(n):
            _join(SchoolFactory(parent=esa), core, staff)
            quality_services.quality_registry_set(
                school=SchoolFactory(parent=esa), academic_year=YEAR, role=PRIMARY, actor=staff
            )

    queries_at_two_sizes(f"{reverse('orgs:quality_list')}?year={YEAR}", grow)


def test_the_detail_runs_the_same_queries_with_more_network_schools(
    client, esa, staff, core, queries_at_two_sizes
):
    client.force_login(staff)
    url = f"{reverse('orgs:quality_detail', args=[core.school_id])}?year={YEAR}"
    queries_at_two_sizes(
        url, lambda n: [_join(SchoolFactory(parent=esa), core, staff) for _ in range(n)]
    )
