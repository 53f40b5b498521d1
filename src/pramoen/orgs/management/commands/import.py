"""``pramoen import schools|people|onet FILE [--dry-run]``."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pramoen.orgs.imports.api import Report, import_file
from pramoen.orgs.imports.reading import DEFAULT_MAX_BYTES


def format_report(report: Report, *, limit: int = 200) -> list[str]:
    lines = []
    for message in report.file_errors:
        lines.append(f"ไฟล์: {message}")
    for note in report.notes:
        lines.append(f"หมายเหตุ: {note}")
    if report.ignored_columns:
        lines.append("คอลัมน์ที่ไม่ได้ใช้: " + ", ".join(report.ignored_columns))
    if report.errors:
        lines.append(
            f"พบข้อผิดพลาด {report.error_count} รายการใน {report.bad_line_count} แถว"
            f" จาก {report.total_rows} แถว — ยังไม่ได้บันทึกข้อมูลใด ๆ"
        )
        for error in report.errors[:limit]:
            where = f"แถว {error.line}" + (f" คอลัมน์ “{error.column}”" if error.column else "")
            value = f" (ค่า: {error.value})" if error.value else ""
            lines.append(f"  {where}: {error.message}{value}")
        if report.error_count > limit:
            lines.append(f"  … และอีก {report.error_count - limit} รายการ")
    if report.ok:
        lines.append(f"แถวข้อมูล {report.total_rows} แถว")
        for count_label, count in report.labelled_counts():
            lines.append(f"  {count_label}: {count:,}")
        lines.append(f"การเปลี่ยนแปลงทั้งหมด: {report.change_count}")
        lines.append("บันทึกแล้ว" if report.committed else "ตรวจสอบอย่างเดียว (dry run) — ยังไม่บันทึก")
    return lines


class Command(BaseCommand):
    help = "นำเข้าข้อมูลสถานศึกษา บุคลากร หรือผล O-NET จากไฟล์ CSV/XLSX (หัวตารางภาษาไทย)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=["schools", "people", "onet"])
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="ตรวจสอบและแสดงผลเท่านั้น ไม่บันทึก")
        parser.add_argument(
            "--max-mb",
            type=int,
            default=max(200, DEFAULT_MAX_BYTES // (1024 * 1024)),
            help="ขนาดไฟล์สูงสุด (MB)",
        )

    def handle(self, *args: object, **options: object) -> None:
        def progress(stage: str, done: int, total: int) -> None:
            if total >= 5000:
                sys.stderr.write(f"\r{stage} {done:,}/{total:,} แถว")
                if done == total:
                    sys.stderr.write("\n")

        report = import_file(
            str(options["kind"]),
            str(options["file"]),
            commit=not options["dry_run"],
            max_bytes=int(str(options["max_mb"])) * 1024 * 1024,
            progress=progress,
        )
        for line in format_report(report):
            self.stdout.write(line)
        if not report.ok:
            raise CommandError("นำเข้าไม่สำเร็จ: ไม่มีการบันทึกข้อมูลใด ๆ")
