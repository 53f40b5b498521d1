"""``pramoen regions``: create the 18 สำนักงานศึกษาธิการภาค and place every ESA without a region
by its province (orgs/regions.py); ESAs already placed keep their region."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from pramoen.orgs.enums import OrganizationKind
from pramoen.orgs.models import Organization
from pramoen.orgs.region_services import esas_assign_regions


class Command(BaseCommand):
    help = "สร้างสำนักงานศึกษาธิการภาค 18 ภาค และกำหนดภาคให้เขตพื้นที่ตามจังหวัด"

    def handle(self, *args: Any, **options: Any) -> None:
        placed = esas_assign_regions(actor=None)
        unplaced = Organization.objects.filter(
            kind=OrganizationKind.ESA, region__isnull=True
        ).count()
        self.stdout.write(f"กำหนดภาคให้เขตพื้นที่ {placed} เขต ยังไม่มีภาค {unplaced} เขต")
