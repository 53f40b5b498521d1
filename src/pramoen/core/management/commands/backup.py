from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from pramoen.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "สำรองฐานข้อมูลและไฟล์ทั้งหมดเป็นไฟล์เดียว (pramoen backup [--to DIR|s3://bucket/prefix])"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--to",
            default="",
            help="โฟลเดอร์ปลายทาง (ค่าเริ่มต้น VAR_DIR/backups) หรือ s3://bucket/prefix",
        )

    def handle(self, *args: object, **options: object) -> None:
        target = str(options["to"] or Path(settings.VAR_DIR) / "backups")
        try:
            if target.startswith("s3://"):
                from pramoen.core.backup_s3 import backup_to_s3

                backup_to_s3(url=target, log=self.stdout.write)
            else:
                backup_create(directory=Path(target), log=self.stdout.write)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
