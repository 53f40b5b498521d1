from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from pramoen.core import audit_chain, db_roles


def _expected(value: str) -> tuple[int, str]:
    row_id, _, digest = value.partition(":")
    if not row_id.isdigit() or len(digest) != 64:
        raise CommandError("--expect ต้องอยู่ในรูป ID:HASH เช่น 1234:9f86d0… (ค่าแฮช 64 ตัวอักษร)")
    return int(row_id), digest.lower()


class Command(BaseCommand):
    help = "ตรวจห่วงโซ่ค่าแฮชของบันทึกการเปลี่ยนแปลง (audit verify) และกำหนดสิทธิ์บทบาทฐานข้อมูล"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify", help="ตรวจทุกแถวตามลำดับ รายงานแถวแรกที่ห่วงโซ่ขาด")
        verify.add_argument(
            "--expect",
            type=_expected,
            default=None,
            help="แถวท้ายที่จดไว้ครั้งก่อน (ID:HASH) ต้องยังอยู่และไม่เปลี่ยน",
        )
        grant = sub.add_parser(
            "grant", help="PostgreSQL: ให้บทบาทของแอปเขียนข้อมูลได้ แต่บันทึกการเปลี่ยนแปลงได้แค่เพิ่มและอ่าน"
        )
        grant.add_argument("role")

    def handle(self, *args: object, action: str, **options: object) -> None:
        if action == "grant":
            statements = db_roles.grant_application_role(connection, str(options["role"]))
            if not statements:
                raise CommandError("ใช้ได้กับ PostgreSQL เท่านั้น")
            for statement in statements:
                self.stdout.write(statement)
            return
        expect = options.get("expect")
        result = audit_chain.verify(expect=expect if isinstance(expect, tuple) else None)
        if not result.ok:
            where = f"แถว id={result.broken_id}: " if result.broken_id is not None else ""
            raise CommandError(
                f"ห่วงโซ่บันทึกการเปลี่ยนแปลงขาด — {where}{result.problem} "
                f"(ตรวจผ่านก่อนหน้านั้น {result.checked} แถว)"
            )
        head = f"{result.head_id}:{result.head_hash}" if result.head_id else "(ยังไม่มีบันทึก)"
        self.stdout.write(
            f"ห่วงโซ่บันทึกการเปลี่ยนแปลงครบถ้วน ตรวจแล้ว {result.checked} แถว\n"
            f"แถวท้าย (จดไว้ใช้กับ --expect ครั้งต่อไป): {head}"
        )
