"""``pramoen kpi_chain --year 2569 [--skip-region | --with-region]``: who decides on the ESAs'
reports of a fiscal year after they are submitted (kpi/services/approval.py)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pramoen.kpi import services
from pramoen.kpi.enums import ApprovalChain
from pramoen.kpi.models import KpiCampaign
from pramoen.thai import to_arabic_digits


class Command(BaseCommand):
    help = "ลำดับการอนุมัติรายงานตัวชี้วัดของปีงบประมาณ: ผ่านสำนักงานศึกษาธิการภาค หรือ สพฐ. โดยตรง"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", required=True, help="ปีงบประมาณ พ.ศ. เช่น 2569")
        which = parser.add_mutually_exclusive_group()
        which.add_argument("--skip-region", action="store_true", help="สพฐ. อนุมัติโดยตรง")
        which.add_argument("--with-region", action="store_true", help="ภาคอนุมัติ แล้ว สพฐ. รับรอง")

    def handle(self, *args: Any, year: str, skip_region: bool, with_region: bool, **_: Any) -> None:
        text = to_arabic_digits(year).strip()
        campaign = KpiCampaign.objects.filter(
            fiscal_year=int(text) if text.isdigit() else 0
        ).first()
        if campaign is None:
            raise CommandError(f"ไม่พบการรายงานตัวชี้วัดปีงบประมาณ {year}")
        if skip_region or with_region:
            chain = ApprovalChain.OBEC_ONLY if skip_region else ApprovalChain.REGION_THEN_OBEC
            try:
                campaign = services.campaign_set_chain(campaign=campaign, chain=chain, actor=None)
            except services.KpiError as exc:
                raise CommandError(exc.message) from exc
        self.stdout.write(
            f"ปีงบประมาณ {campaign.fiscal_year}: {campaign.get_approval_chain_display()}"
        )
