"""Demo master data: one fictional primary ESA and a handful of schools."""

from __future__ import annotations

from collections.abc import Callable

from pramoen.orgs.enums import EsaLevel, OrganizationKind
from pramoen.orgs.models import Organization

DEMO_ESA_CODE = "9999"

DEMO_SCHOOLS = [
    ("9999000001", "โรงเรียนบ้านหนองบัว"),
    ("9999000002", "โรงเรียนวัดป่าประดู่"),
    ("9999000003", "โรงเรียนอนุบาลเมืองสมมติ"),
    ("9999000004", "โรงเรียนบ้านเขาแก้ว"),
    ("9999000005", "โรงเรียนชุมชนท่าข้าม"),
]


def load(log: Callable[[str], None]) -> None:
    obec, _ = Organization.objects.get_or_create(
        kind=OrganizationKind.OBEC,
        code="OBEC",
        defaults={"name_th": "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน", "name_en": "OBEC"},
    )
    esa, _ = Organization.objects.update_or_create(
        kind=OrganizationKind.ESA,
        code=DEMO_ESA_CODE,
        defaults={
            "parent": obec,
            "name_th": "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาสมมติ เขต ๒",
            "name_en": "Sommut Primary Educational Service Area Office 2",
            "esa_level": EsaLevel.PRIMARY,
            "province": "สมมติ",
        },
    )
    for code, name in DEMO_SCHOOLS:
        Organization.objects.update_or_create(
            kind=OrganizationKind.SCHOOL, code=code, defaults={"parent": esa, "name_th": name}
        )
    log(f"หน่วยงาน: {esa.name_th} และสถานศึกษา {len(DEMO_SCHOOLS)} แห่ง")
