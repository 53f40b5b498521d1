"""Factories for organizations and people (valid codes and national IDs by construction)."""

from __future__ import annotations

import factory

from pramoen.orgs.enums import OrganizationKind, Position, SchoolType
from pramoen.orgs.fakedata import fake_national_id
from pramoen.orgs.models import Enrollment, Organization, Person, SchoolNetwork
from tests.factories import EsaFactory


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    kind = OrganizationKind.SCHOOL
    parent = factory.SubFactory(EsaFactory)
    code = factory.Sequence(lambda n: f"{1000000000 + n}")
    name_th = factory.Sequence(lambda n: f"โรงเรียนบ้านทดสอบ{n}")
    school_type = SchoolType.PRIMARY
    levels = "early,primary"


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SchoolNetwork

    esa = factory.SubFactory(EsaFactory)
    name = factory.Sequence(lambda n: f"กลุ่มโรงเรียนทดสอบ {n}")


class EnrollmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrollment

    school = factory.SubFactory(SchoolFactory)
    academic_year = 2568
    students = 100


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    prefix = "นาง"
    first_name = factory.Sequence(lambda n: f"สมศรี{n}")
    last_name = "ใจดี"
    national_id = factory.Sequence(lambda n: fake_national_id(n + 1))
    position = Position.TEACHER
    organization = factory.SubFactory(SchoolFactory)
