from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pramoen.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "กู้คืนจากไฟล์สำรองของ pramoen backup ลงฐานข้อมูลและที่เก็บไฟล์ที่ว่าง ตรวจค่าแฮชทุกไฟล์"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", help="ไฟล์ .tar จาก pramoen backup หรือ s3://bucket/key")
        parser.add_argument(
            "--force",
            action="store_true",
            help="ล้างข้อมูลและไฟล์ที่ปลายทางมีอยู่ก่อนกู้คืน (ไม่มีตัวเลือกนี้ จะไม่กู้คืนทับข้อมูลเดิม)",
        )

    def handle(self, *args: object, **options: object) -> None:
        source = str(options["archive"])
        try:
            if source.startswith("s3://"):
                from pramoen.core.backup_s3 import restore_from_s3

                restore_from_s3(url=source, force=bool(options["force"]), log=self.stdout.write)
            else:
                backup_restore(
                    archive_path=Path(source), force=bool(options["force"]), log=self.stdout.write
                )
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
