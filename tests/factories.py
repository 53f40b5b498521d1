"""Factories shared by every test package."""

from __future__ import annotations

import factory

from pramoen.accounts.models import User
from pramoen.orgs.enums import EsaLevel, OrganizationKind
from pramoen.orgs.models import Organization

TEST_PASSWORD = "correct horse battery staple 2569"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.invalid")
    name_prefix = "นาย"
    first_name = factory.Sequence(lambda n: f"ทดสอบ{n}")
    last_name = "ใจดี"
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class ObecFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ("kind", "code")

    kind = OrganizationKind.OBEC
    code = "OBEC"
    name_th = "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน"


class RegionFactory(factory.django.DjangoModelFactory):
    """A สำนักงานศึกษาธิการภาค (get or create by code)."""

    class Meta:
        model = Organization
        django_get_or_create = ("kind", "code")

    kind = OrganizationKind.REGION
    code = factory.Sequence(lambda n: f"REG{n + 1:02d}")
    name_th = factory.LazyAttribute(lambda r: f"สำนักงานศึกษาธิการภาค {int(r.code[3:])}")


class EsaFactory(factory.django.DjangoModelFactory):
    """An ESA under OBEC (the one ESA factory of the suite)."""

    class Meta:
        model = Organization

    kind = OrganizationKind.ESA
    parent = factory.SubFactory(ObecFactory)
    code = factory.Sequence(lambda n: f"{8000 + n}")
    name_th = factory.Sequence(lambda n: f"สำนักงานเขตพื้นที่การศึกษาประถมศึกษาทดสอบ เขต {n + 1}")
    esa_level = EsaLevel.PRIMARY
    esa_number = factory.Sequence(lambda n: n + 1)
    province = "ทดลอง"
