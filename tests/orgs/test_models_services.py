from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from pramoen.core.models import AuditEvent
from pramoen.orgs import services
from pramoen.orgs.enums import OrganizationKind, Position, QualityCoreKind
from pramoen.orgs.models import Enrollment, Esa, Organization, Person, School
from pramoen.orgs.selectors import audit_trail, onet_comparison, school_size_class
from tests.factories import EsaFactory
from tests.orgs.factories import PersonFactory, SchoolFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("code", "123456789"),
        ("code", "12345678901"),
        ("code", "12345abcde"),
        ("smis_code", "1234567"),
        ("obec_code", "12345x"),
    ],
)
def test_school_codes_reject_wrong_shape(field, value):
    esa = EsaFactory()
    fields = {"code": "1234567890", field: value}
    with pytest.raises(ValidationError) as info:
        services.school_create(actor=None, esa=esa, name_th="โรงเรียนทดสอบ", **fields)
    assert "หลัก" in str(info.value)


def test_school_smis_and_obec_codes_are_unique_when_present():
    first = SchoolFactory(smis_code="12345678", obec_code="123456")
    SchoolFactory(smis_code="", obec_code="")
    SchoolFactory(smis_code="", obec_code="")  # blanks never collide
    with pytest.raises(ValidationError):
        services.school_create(
            actor=None, esa=first.parent, code="2222222222", name_th="ซ้ำ", smis_code="12345678"
        )


def test_school_proxy_only_sees_schools():
    school = SchoolFactory()
    assert list(School.objects.all()) == [school]
    assert list(Esa.objects.all()) == [school.parent]


def test_school_update_records_who_and_before_after(make_user):
    staff = make_user(roles=["esa_staff"])
    school = SchoolFactory(name_th="โรงเรียนเก่า")
    diff = services.school_update(
        school=school, actor=staff, name_th="โรงเรียนใหม่", levels=["primary", "early"]
    )
    assert diff["name_th"] == ("โรงเรียนเก่า", "โรงเรียนใหม่")
    event = audit_trail(school)[0]
    assert event.actor == staff
    assert event.before == {"name_th": "โรงเรียนเก่า"}
    assert event.after == {"name_th": "โรงเรียนใหม่"}
    assert Organization.objects.get(pk=school.pk).levels == "early,primary"


def test_school_update_without_change_writes_no_audit_row():
    school = SchoolFactory(name_th="โรงเรียนเดิม")
    before = AuditEvent.objects.count()
    assert services.school_update(school=school, actor=None, name_th="โรงเรียนเดิม") == {}
    assert AuditEvent.objects.count() == before


def test_enrollment_history_is_kept_and_size_class_follows_the_year():
    school = SchoolFactory()
    services.enrollment_set(school=school, academic_year=2567, students=119, actor=None)
    services.enrollment_set(school=school, academic_year=2568, students=120, actor=None)
    services.enrollment_set(school=school, academic_year=2568, students=321, actor=None)
    assert list(
        Enrollment.objects.filter(school=school).values_list("academic_year", "students")
    ) == [
        (2568, 321),
        (2567, 119),
    ]
    assert school_size_class(school=school, year=2567).key == "small"
    assert school_size_class(school=school, year=2568).key == "large"
    assert school_size_class(school=school, year=2566) is None


def test_person_national_id_is_validated_and_masked_in_audit():
    school = SchoolFactory()
    with pytest.raises(ValueError):
        services.person_create(
            actor=None,
            organization=school,
            first_name="ก",
            last_name="ข",
            position=Position.TEACHER,
            national_id="1234567890123",
        )
    person = services.person_create(
        actor=None,
        organization=school,
        first_name="สมศรี",
        last_name="ใจดี",
        position=Position.TEACHER,
        prefix="นาง",
        national_id="๑-๙๙๐๐-๐๐๐๐๐-๐๑-๙",
    )
    assert person.national_id == "1990000000019"
    assert person.national_id_masked == "1-9900-xxxxx-xx-9"
    assert person.full_name == "นางสมศรี ใจดี"
    event = audit_trail(person)[0]
    assert event.after["national_id"] == "1-9900-xxxxx-xx-9"


def test_person_national_id_is_unique_when_present():
    PersonFactory(national_id="1990000000019")
    PersonFactory(national_id="")
    PersonFactory(national_id="")
    with pytest.raises(ValidationError):
        services.person_create(
            actor=None,
            organization=SchoolFactory(),
            first_name="ก",
            last_name="ข",
            position=Position.TEACHER,
            national_id="1990000000019",
        )


def test_person_history_awards_and_discipline():
    person = PersonFactory()
    services.award_add(
        person=person,
        title="ครูดีเด่น",
        level="esa",
        year=2566,
        tier="gold",
        actor=None,
        domain="academic",
        source="สพป.ทดลอง",
    )
    services.disciplinary_add(
        person=person, occurred_on=date(2024, 3, 1), kind="probation", actor=None
    )
    assert [a.tier for a in person.awards.all()] == ["gold"]
    assert [d.kind for d in person.disciplinary.all()] == ["probation"]
    assert Person.objects.get(pk=person.pk).awards.get().year == 2566


def test_quality_member_needs_reason_when_not_participating():
    core_school = SchoolFactory()
    other = SchoolFactory(parent=core_school.parent)
    core = services.quality_core_set(
        school=core_school, academic_year=2568, kind=QualityCoreKind.PRIMARY_QUALITY, actor=None
    )
    with pytest.raises(ValidationError):
        services.quality_member_set(
            core=core,
            school=other,
            integrated_learning=False,
            resource_sharing=False,
            participating=False,
            actor=None,
        )
    with pytest.raises(ValidationError):
        services.quality_member_set(
            core=core,
            school=core_school,
            integrated_learning=True,
            resource_sharing=True,
            actor=None,
        )
    member = services.quality_member_set(
        core=core,
        school=other,
        integrated_learning=False,
        resource_sharing=False,
        participating=False,
        non_participation_reason="ระยะทางไกลเกิน 20 กม.",
        actor=None,
    )
    assert member.non_participation_reason == "ระยะทางไกลเกิน 20 กม."


def test_onet_comparison_puts_school_mean_next_to_esa_mean():
    school = SchoolFactory()
    esa = school.parent
    services.onet_mean_set(
        organization=school,
        academic_year=2567,
        grade="p6",
        subject="math",
        mean=Decimal("35.50"),
        actor=None,
    )
    services.onet_mean_set(
        organization=school,
        academic_year=2567,
        grade="p6",
        subject="thai",
        mean=Decimal("40.00"),
        actor=None,
    )
    services.onet_mean_set(
        organization=esa,
        academic_year=2567,
        grade="p6",
        subject="math",
        mean=Decimal("33.10"),
        actor=None,
    )
    services.onet_mean_set(
        organization=esa,
        academic_year=2567,
        grade="p6",
        subject="thai",
        mean=Decimal("45.00"),
        actor=None,
    )
    rows = {
        (r.grade, r.subject): r.above_esa
        for r in onet_comparison(school=school, academic_year=2567)
    }
    assert rows == {("p6", "math"): True, ("p6", "thai"): False}


def test_esa_create_makes_obec_parent_once():
    a = services.esa_create(actor=None, code="7101", name_th="สพป.ก", esa_level="primary")
    b = services.esa_create(actor=None, code="7102", name_th="สพม.ข", esa_level="secondary")
    assert a.parent_id == b.parent_id
    assert Organization.objects.filter(kind=OrganizationKind.OBEC).count() == 1
