"""``pramoen certificates build --campaign ID --out DIR``: certificates of a campaign."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from pramoen.awards.models import Campaign
from pramoen.judging.certificates import build_campaign


class Command(BaseCommand):
    help = "สร้างเกียรติบัตรของการประกวด (PDF รวมเล่มและ zip รายใบ)"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        build = sub.add_parser("build", help="สร้างเกียรติบัตรทั้งหมด")
        build.add_argument("--campaign", type=int, required=True)
        build.add_argument("--out", type=Path, required=True)
        build.add_argument(
            "--with-committees",
            action="store_true",
            help="ออกเกียรติบัตรให้ประธานและกรรมการของกลุ่มที่ยืนยันผลแล้วด้วย",
        )
        build.add_argument(
            "--base-url",
            default=getattr(settings, "PRAMOEN_BASE_URL", "http://localhost:8000"),
            help="ที่อยู่เว็บไซต์สำหรับลิงก์ตรวจสอบใน QR code",
        )

    def handle(self, *args, **options) -> None:
        campaign = Campaign.objects.select_related("esa").filter(pk=options["campaign"]).first()
        if campaign is None:
            raise CommandError(f"ไม่พบการประกวดรหัส {options['campaign']}")
        base = options["base_url"].rstrip("/") + "/judging/verify"

        def progress(done: int, total: int) -> None:
            self.stdout.write(f"{done}/{total}")

        try:
            result = build_campaign(
                campaign=campaign,
                actor=None,
                out_dir=options["out"],
                verify_base=base,
                progress=progress,
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(
            f"เกียรติบัตร {result.count} ใบ: {result.merged_pdf} และ {result.zip_path} "
            f"({result.seconds:.1f} วินาที)"
        )
