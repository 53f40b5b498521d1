"""The 18 regions (สำนักงานศึกษาธิการภาค): the province table, master data, the generators."""

from __future__ import annotations

from collections import Counter

import pytest

from pramoen.core.models import AuditEvent
from pramoen.orgs import national
from pramoen.orgs.enums import OrganizationKind
from pramoen.orgs.models import Organization
from pramoen.orgs.region_services import esas_assign_regions, regions_ensure
from pramoen.orgs.regions import REGIONS, region_for_index, region_for_province
from tests.factories import EsaFactory


def test_every_province_belongs_to_exactly_one_of_18_regions():
    provinces = [p for spec in REGIONS for p in spec.provinces]
    assert (len(REGIONS), len(provinces), len(set(provinces))) == (18, 77, 77)
    assert [spec.number for spec in REGIONS] == list(range(1, 19))


@pytest.mark.parametrize(
    ("province", "number"),
    [("เชียงใหม่", 15), ("จังหวัดขอนแก่น", 12), ("ยะลา", 7), ("สมมติ", None)],
)
def test_region_for_province(province, number):
    spec = region_for_province(province)
    assert (spec.number if spec else None) == number


@pytest.mark.django_db
def test_regions_ensure_is_idempotent_and_audited_once():
    first = regions_ensure(actor=None)
    again = regions_ensure(actor=None)
    assert first == again
    assert Organization.objects.filter(kind=OrganizationKind.REGION).count() == 18
    assert first[15].name_th == "สำนักงานศึกษาธิการภาค 15"
    assert AuditEvent.objects.filter(action="orgs.regions_create").count() == 1


@pytest.mark.django_db
def test_esas_are_placed_by_province_and_a_hand_correction_is_kept():
    placed = EsaFactory(province="เชียงใหม่")
    fictional = EsaFactory(province="สมมติ")
    regions = regions_ensure(actor=None)
    corrected = EsaFactory(province="ลำปาง", region=regions[1])
    assert esas_assign_regions(actor=None) == 1
    for esa in (placed, fictional, corrected):
        esa.refresh_from_db()
    assert (placed.region, fictional.region, corrected.region) == (regions[15], None, regions[1])


@pytest.mark.django_db
def test_national_generator_puts_every_esa_in_a_region_evenly():
    specs = national.esa_specs(245)
    national.create_esas(specs)
    per_region = Counter(
        Organization.objects.filter(kind=OrganizationKind.ESA).values_list(
            "region__code", flat=True
        )
    )
    assert None not in per_region
    assert len(per_region) == 18
    assert max(per_region.values()) - min(per_region.values()) <= 1
    assert region_for_index(18).number == 1


@pytest.mark.django_db
def test_regions_command_places_esas_by_province():
    from io import StringIO

    from django.core.management import call_command

    EsaFactory(province="ขอนแก่น")
    EsaFactory(province="ทดลอง")
    out = StringIO()
    call_command("regions", stdout=out)
    assert out.getvalue().strip() == "กำหนดภาคให้เขตพื้นที่ 1 เขต ยังไม่มีภาค 1 เขต"
