"""Downloadable templates (CSV UTF-8 with BOM, so Excel opens Thai correctly; and XLSX)."""

from __future__ import annotations

import csv
import io
from typing import cast

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from pramoen.orgs.imports.engine import Importer


def _header(importer: Importer) -> list[str]:
    return [column.header + (" *" if column.required else "") for column in importer.columns]


def template_csv(importer: Importer) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(_header(importer))
    writer.writerow([column.example for column in importer.columns])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def template_xlsx(importer: Importer) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = cast(Worksheet, workbook.active)
    sheet.title = importer.kind
    sheet.append(_header(importer))
    # Codes are text: a numeric cell would drop the leading zeros of a Percode.
    sheet.append([column.example for column in importer.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, column in enumerate(importer.columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(14, len(column.header) + 4)
        sheet.column_dimensions[letter].number_format = "@"
        sheet.cell(row=2, column=index).number_format = "@"
    help_sheet = workbook.create_sheet("คำอธิบาย")
    help_sheet.append(["คอลัมน์", "จำเป็น", "ตัวอย่าง", "คำอธิบาย"])
    for column in importer.columns:
        help_sheet.append(
            [column.header, "จำเป็น" if column.required else "", column.example, column.help]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
