from __future__ import annotations

from django.core.management.base import BaseCommand, CommandParser

from pramoen.core import demo


class Command(BaseCommand):
    help = "โหลดข้อมูลตัวอย่าง (demo load) — รันซ้ำได้โดยไม่เกิดข้อมูลซ้ำ"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("load", help="ข้อมูลตัวอย่างของเขตพื้นที่สมมติหนึ่งเขตและบัญชีผู้ใช้ทุกบทบาท")

    def handle(self, *args: object, action: str, **options: object) -> None:
        if action == "load":
            demo.load(lambda line: self.stdout.write(line))
