from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pramoen.core import demo


class Command(BaseCommand):
    help = "โหลดข้อมูลตัวอย่าง (demo load) — รันซ้ำได้โดยไม่เกิดข้อมูลซ้ำ"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("load", help="ข้อมูลตัวอย่างของเขตพื้นที่สมมติหนึ่งเขตและบัญชีผู้ใช้ทุกบทบาท")
        national = sub.add_parser(
            "national",
            help="ข้อมูลจำลองระดับประเทศสำหรับทดสอบสมรรถนะ (เขียนลงฐานข้อมูล หรือเป็นไฟล์นำเข้าด้วย --out)",
        )
        otp = sub.add_parser(
            "otp", help="รหัส 6 หลักปัจจุบันของบัญชีตัวอย่าง (เฉพาะบัญชีที่ใช้รหัสลับของข้อมูลตัวอย่าง)"
        )
        otp.add_argument("username")
        national.add_argument("--seed", type=int, default=1)
        national.add_argument("--esas", type=int, default=245)
        national.add_argument("--schools", type=int, default=30_000)
        national.add_argument("--people", type=int, default=450_000)
        national.add_argument(
            "--out",
            type=Path,
            default=None,
            help="โฟลเดอร์สำหรับไฟล์ schools.csv, people.csv, onet.csv",
        )

    def handle(self, *args: object, action: str, **options: object) -> None:
        def log(line: str) -> None:
            self.stdout.write(line)

        if action == "load":
            demo.load(log)
        elif action == "otp":
            from pramoen.accounts.demo import demo_totp_code
            from pramoen.accounts.models import User

            user = User.objects.filter(username=options["username"]).first()
            code = demo_totp_code(user) if user else None
            if code is None:
                raise CommandError("ไม่ใช่บัญชีตัวอย่างที่ใช้รหัสลับของข้อมูลตัวอย่าง")
            log(code)
        elif action == "national":
            from pramoen.orgs import national

            sizes = {k: int(str(options[k])) for k in ("seed", "esas", "schools", "people")}
            if options["out"] is not None:
                national.write_files(out=Path(str(options["out"])), log=log, **sizes)
            else:
                national.write_database(log=log, **sizes)
