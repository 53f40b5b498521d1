"""``pramoen kpi campaign`` opens a fiscal year; ``pramoen kpi report …`` writes an ESA's 12-month
Word report; ``pramoen kpi remind`` e-mails the reporters of ESAs that have not submitted
(idempotent: each reminder is recorded once)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from pydantic import ValidationError as PydanticValidationError

from pramoen.documents.office import OfficeConversionError
from pramoen.kpi import exports, services
from pramoen.kpi.enums import RoundKind
from pramoen.kpi.models import KpiCampaign, KpiReport
from pramoen.orgs.enums import OrganizationKind
from pramoen.orgs.models import Organization
from pramoen.thai import ThaiDateError, parse_thai_date, to_arabic_digits


class Command(BaseCommand):
    help = "รายงานตัวชี้วัด: สร้างรายงาน Word รอบ 12 เดือน (report) และส่งอีเมลแจ้งเตือน (remind)"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        report = sub.add_parser("report", help="เขียนรายงาน (.docx หรือ .pdf ตามนามสกุลของ --out)")
        report.add_argument("--esa", required=True, help="รหัสสำนักงานเขตพื้นที่การศึกษา")
        report.add_argument("--year", required=True, help="ปีงบประมาณ พ.ศ. เช่น 2569")
        report.add_argument("--round", default="12m", choices=RoundKind.values)
        report.add_argument("--indicator", default="10")
        report.add_argument("--out", required=True, help="ไฟล์ผลลัพธ์ .docx หรือ .pdf")
        report.add_argument("--thai-digits", action="store_true", help="ใช้เลขไทยในรายงาน")
        campaign = sub.add_parser("campaign", help="เปิดการรายงานตัวชี้วัดของปีงบประมาณ")
        campaign.add_argument("--year", required=True, help="ปีงบประมาณ พ.ศ. เช่น 2569")
        campaign.add_argument("--due-6m", required=True, help="กำหนดส่งรอบ 6 เดือน เช่น 30/04/2569")
        campaign.add_argument("--due-12m", required=True, help="กำหนดส่งรอบ 12 เดือน เช่น 15/09/2569")
        campaign.add_argument(
            "--esa", action="append", default=[], help="รหัสเขต (ซ้ำได้); ไม่ระบุ = ทุกเขต"
        )
        remind = sub.add_parser("remind", help="แจ้งเตือนเขตที่ยังไม่ส่งรายงาน")
        remind.add_argument(
            "--days-before", type=int, default=7, help="แจ้งเตือนก่อนกำหนดส่งกี่วัน (ค่าเริ่มต้น 7)"
        )

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        if action == "report":
            self._report(**options)
        elif action == "campaign":
            self._campaign(**options)
        else:
            self._remind(days_before=options["days_before"])

    def _report(self, *, esa: str, year: str, round: str, indicator: str, out: str, **options: Any):
        year_text = to_arabic_digits(year).strip()
        if not year_text.isdigit():
            raise CommandError(f"ปีงบประมาณ '{year}' ไม่ถูกต้อง ต้องเป็นปี พ.ศ. เช่น 2569")
        organization = Organization.objects.filter(kind=OrganizationKind.ESA, code=esa).first()
        if organization is None:
            raise CommandError(f"ไม่พบสำนักงานเขตพื้นที่การศึกษารหัส {esa}")
        report = (
            KpiReport.objects.select_related("round__campaign", "esa", "indicator")
            .filter(
                esa=organization,
                round__campaign__fiscal_year=int(year_text),
                round__kind=round,
                indicator__number=indicator,
            )
            .first()
        )
        if report is None:
            raise CommandError(
                f"ไม่พบรายงานตัวชี้วัดที่ {indicator} {RoundKind(round).label} "
                f"ปีงบประมาณ {year_text} ของ {organization.name_th}"
            )
        path = Path(out)
        fmt = "pdf" if path.suffix.lower() == ".pdf" else "docx"
        try:
            content = exports.report_document(
                report, fmt=fmt, thai_digits=options.get("thai_digits", False)
            )
        except (PydanticValidationError, ValueError) as exc:
            raise CommandError("สร้างรายงานไม่ได้: " + exports.validation_message(exc)) from exc
        except OfficeConversionError as exc:
            raise CommandError(str(exc)) from exc
        path.write_bytes(content)
        self.stdout.write(f"เขียน {path} แล้ว ({len(content):,} ไบต์)")

    def _campaign(self, *, year: str, due_6m: str, due_12m: str, esa: list[str], **_: Any) -> None:
        year_text = to_arabic_digits(year).strip()
        if not year_text.isdigit():
            raise CommandError(f"ปีงบประมาณ '{year}' ไม่ถูกต้อง ต้องเป็นปี พ.ศ. เช่น 2569")
        if KpiCampaign.objects.filter(fiscal_year=int(year_text)).exists():
            raise CommandError(f"ปีงบประมาณ {year_text} เปิดการรายงานไว้แล้ว")
        try:
            dues = [parse_thai_date(text) for text in (due_6m, due_12m)]
        except ThaiDateError as exc:
            raise CommandError(exc.message) from exc
        esas = Organization.objects.filter(kind=OrganizationKind.ESA)
        if esa:
            esas = esas.filter(code__in=esa)
            missing = sorted(set(esa) - set(esas.values_list("code", flat=True)))
            if missing:
                raise CommandError(f"ไม่พบสำนักงานเขตพื้นที่การศึกษารหัส {', '.join(missing)}")
        try:
            campaign = services.campaign_create(
                fiscal_year=int(year_text),
                due_6m=dues[0],
                due_12m=dues[1],
                esas=list(esas),
                actor=None,
            )
        except services.KpiError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"เปิด {campaign.title_th} แล้ว ({campaign.units.count()} เขต)")

    def _remind(self, *, days_before: int) -> None:
        sent = services.reminders_send(days_before=days_before)
        for item in sent:
            who = ", ".join(item.recipients) or "(ไม่มีอีเมลผู้รายงาน)"
            self.stdout.write(f"{item.round} — {item.esa.name_th}: {item.kind} → {who}")
        self.stdout.write(f"ส่งการแจ้งเตือน {len(sent)} รายการ")
