"""The results workbook (openpyxl), safe against formula injection."""

from __future__ import annotations

from io import BytesIO
from typing import Any, cast

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from pramoen.documents.spreadsheets import safe_cell
from pramoen.judging.domain import rank_label_th


def results_workbook(*, campaign: Any, results: list[Any]) -> bytes:
    wb = Workbook()
    ws = cast(Worksheet, wb.active)
    ws.title = "ผลการตัดสิน"
    header = ["กลุ่ม", "ผู้ส่งผลงาน", "สถานศึกษา", "คะแนน", "ระดับรางวัล", "ลำดับ", "ตำแหน่ง"]
    ws.append([campaign.title_th])
    ws.append(header)
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for r in results:
        entry = r.entry
        ws.append(
            [
                safe_cell(entry.category.label_th),
                safe_cell(entry.nominee_name or entry.school.name_th),
                safe_cell(entry.school.name_th),
                # Displayed (rounded) score as text so Excel never re-rounds it differently.
                safe_cell(r.total_display),
                safe_cell(r.tier_label_th),
                r.rank if r.tier else None,
                rank_label_th(r.rank, tiered=bool(r.tier)),
            ]
        )
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
