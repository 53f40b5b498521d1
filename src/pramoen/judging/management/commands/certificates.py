"""``pramoen certificates build --campaign ID [--out DIR]``: certificates of a campaign.

The build is the web's: its files go to the storage (where the staff page offers them); ``--out``
also copies them into a local folder the operator names.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError, CommandParser

from pramoen.awards.models import Campaign
from pramoen.judging.certificates import build_run, build_start
from pramoen.judging.enums import BuildStatus


class Command(BaseCommand):
    help = "สร้างเกียรติบัตรของการประกวด (PDF รวมเล่มและ zip รายใบ)"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        build = sub.add_parser("build", help="สร้างเกียรติบัตรทั้งหมด")
        build.add_argument("--campaign", type=int, required=True)
        build.add_argument("--out", type=Path, help="คัดลอกไฟล์ที่สร้างแล้วมาไว้ในโฟลเดอร์นี้ด้วย")
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
            build = build_start(
                campaign=campaign,
                actor=None,
                out_dir=f"certificates/{campaign.pk}",
                verify_base=base,
                include_committees=options["with_committees"],
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        # The same service as the web's background job, run here in the foreground.
        build = build_run(build.pk, echo=progress)
        if build.status != BuildStatus.DONE:
            raise CommandError(build.error.replace("\n", "; "))
        shown = [build.merged_pdf, build.zip_path]
        if options["out"] is not None:
            shown = [
                str(_copy_out(name, options["out"] / local))
                for name, local in zip(shown, ["certificates.pdf", "certificates.zip"], strict=True)
            ]
        self.stdout.write(
            f"เกียรติบัตร {build.done} ใบ: {shown[0]} และ {shown[1]} ({build.seconds:.1f} วินาที)"
        )


def _copy_out(name: str, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    with default_storage.open(name, "rb") as source, target.open("wb") as out:
        shutil.copyfileobj(source, out, 1024 * 1024)
    return target
