from __future__ import annotations

import pytest

from pramoen.orgs import services
from pramoen.orgs.enums import Position, QualityCoreKind, SchoolType
from pramoen.orgs.selectors import person_list, quality_counts_by_esa, school_list
from tests.factories import EsaFactory
from tests.orgs.factories import EnrollmentFactory, NetworkFactory, PersonFactory, SchoolFactory

pytestmark = pytest.mark.django_db


def test_school_search_by_part_of_thai_name_with_or_without_prefix_and_by_code():
    esa = EsaFactory()
    bua = SchoolFactory(parent=esa, name_th="โรงเรียนบ้านหนองบัว", code="1199000001")
    SchoolFactory(parent=esa, name_th="โรงเรียนวัดป่าประดู่", code="1199000002")
    assert list(school_list(esa=esa, search="หนองบ")) == [bua]
    assert list(school_list(esa=esa, search="โรงเรียนบ้านหนอง")) == [bua]
    assert list(school_list(esa=esa, search="๑๑๙๙๐๐๐๐๐๑")) == [bua]
    assert list(school_list(esa=esa, search="ไม่มีชื่อนี้")) == []


def test_school_filters_by_type_network_and_size_class_of_the_year():
    esa = EsaFactory()
    network = NetworkFactory(esa=esa)
    small = SchoolFactory(parent=esa, network=network)
    medium = SchoolFactory(parent=esa, school_type=SchoolType.EXTENDED)
    large = SchoolFactory(parent=esa, school_type=SchoolType.SECONDARY)
    EnrollmentFactory(school=small, academic_year=2568, students=119)
    EnrollmentFactory(school=medium, academic_year=2568, students=120)
    EnrollmentFactory(school=large, academic_year=2568, students=321)
    EnrollmentFactory(school=small, academic_year=2567, students=400)

    def pick(**kw):
        return {s.pk for s in school_list(esa=esa, year=2568, **kw)}

    assert pick(size_class="small") == {small.pk}
    assert pick(size_class="medium") == {medium.pk}
    assert pick(size_class="large") == {large.pk}
    assert {s.pk for s in school_list(esa=esa, year=2567, size_class="large")} == {small.pk}
    assert pick(school_type=SchoolType.EXTENDED) == {medium.pk}
    assert pick(network_id=network.pk) == {small.pk}
    assert {s.pk: s.students for s in school_list(esa=esa, year=2568)}[medium.pk] == 120


def test_person_search_ignores_typed_prefix_and_matches_substrings():
    somying = PersonFactory(prefix="นางสาว", first_name="สมหญิง", last_name="ใจดี")
    PersonFactory(prefix="นาย", first_name="สมชาย", last_name="รักเรียน")
    assert list(person_list(search="นางสาวสมหญิง ใจ")) == [somying]
    assert list(person_list(search="หญิง")) == [somying]
    assert list(person_list(national_id=somying.national_id)) == [somying]
    assert list(person_list(search=somying.national_id)) == []  # IDs only through POST
    assert {p.first_name for p in person_list(search="สม")} == {"สมหญิง", "สมชาย"}


def test_person_list_scoped_to_esa_includes_esa_and_school_staff():
    school = SchoolFactory()
    esa = school.parent
    at_school = PersonFactory(organization=school)
    at_esa = PersonFactory(organization=esa, position=Position.SUPERVISOR)
    PersonFactory()  # another ESA
    assert {p.pk for p in person_list(esa=esa)} == {at_school.pk, at_esa.pk}


def test_quality_counts_per_esa_per_year():
    esa = EsaFactory()
    empty_esa = EsaFactory()
    core_a = SchoolFactory(parent=esa)
    core_b = SchoolFactory(parent=esa)
    members = [SchoolFactory(parent=esa) for _ in range(3)]
    a = services.quality_core_set(
        school=core_a, academic_year=2568, kind=QualityCoreKind.PRIMARY_QUALITY, actor=None
    )
    services.quality_core_set(
        school=core_b, academic_year=2568, kind=QualityCoreKind.STAND_ALONE, actor=None
    )
    services.quality_core_set(
        school=core_b, academic_year=2567, kind=QualityCoreKind.SECONDARY_QUALITY, actor=None
    )
    services.quality_member_set(
        core=a, school=members[0], integrated_learning=True, resource_sharing=True, actor=None
    )
    services.quality_member_set(
        core=a, school=members[1], integrated_learning=False, resource_sharing=True, actor=None
    )
    services.quality_member_set(
        core=a,
        school=members[2],
        integrated_learning=False,
        resource_sharing=False,
        participating=False,
        non_participation_reason="ผู้ปกครองไม่ยินยอม",
        actor=None,
    )
    counts = {c.esa_id: c for c in quality_counts_by_esa(academic_year=2568)}
    row = counts[esa.pk]
    assert (row.primary_quality, row.secondary_quality, row.stand_alone, row.core_total) == (
        1,
        0,
        1,
        2,
    )
    assert (
        row.network_schools,
        row.integrated_learning,
        row.resource_sharing,
        row.not_participating,
    ) == (3, 1, 2, 1)
    assert counts[empty_esa.pk].core_total == 0
    assert counts[esa.pk].academic_year == 2568


def test_school_list_is_in_thai_dictionary_order_ignoring_the_school_prefix():
    esa = EsaFactory()
    for name in ["โรงเรียนไผ่ล้อม", "โรงเรียนบ้านหนองบัว", "โรงเรียนโคกสว่าง", "โรงเรียนกุดจิก"]:
        SchoolFactory(parent=esa, name_th=name)
    names = [s.name_th for s in school_list(esa=esa)]
    # โคก is filed under ค and ไผ่ under ผ: a code-point sort would put both after บ้าน.
    assert names == ["โรงเรียนกุดจิก", "โรงเรียนโคกสว่าง", "โรงเรียนบ้านหนองบัว", "โรงเรียนไผ่ล้อม"]


def test_sort_key_follows_renames_through_services_and_bulk_imports():
    from pramoen.orgs.models import Organization, school_sort_key

    school = SchoolFactory(name_th="โรงเรียนกุดจิก")
    services.school_update(school=school, actor=None, name_th="โรงเรียนเขาแก้ว")
    assert Organization.objects.get(pk=school.pk).name_sort == school_sort_key("โรงเรียนเขาแก้ว")
    person = PersonFactory(first_name="ไพโรจน์", last_name="ใจดี")
    services.person_update(person=person, actor=None, first_name="เอกชัย")
    assert list(person_list(search="เอกชัย")) == [person]
