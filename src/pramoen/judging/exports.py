"""The results workbook (openpyxl, streamed), safe against formula injection."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import translation

from pramoen.documents.workbooks import Column, Table, Value, write_table
from pramoen.judging.domain import rank_label_th
from pramoen.thai import to_arabic_digits

COLUMNS = [
    Column("กลุ่ม", width=30),
    Column("ผู้ส่งผลงาน", width=36),
    Column("สถานศึกษา", width=36),
    Column("คะแนน"),
    Column("ระดับรางวัล", width=22),
    Column("ลำดับ"),
    Column("ตำแหน่ง", width=22),
]


def score_value(display: str) -> Decimal | str:
    """The displayed (already rounded) score as a number with the same places, so the sheet
    shows exactly what the results page shows yet sums and sorts ("๙๓.๑๐" → 93.10, "0.00")."""
    try:
        return Decimal(to_arabic_digits(display.strip()))
    except InvalidOperation:
        return display


def _rows(results: Iterable[Any]) -> Iterator[list[Value]]:
    for r in results:
        entry = r.entry
        yield [
            entry.category.label_th,
            entry.nominee_name or entry.school.name_th,
            entry.school.name_th,
            score_value(r.total_display),
            r.tier_label_th,
            r.rank if r.tier else None,
            rank_label_th(r.rank, tiered=bool(r.tier)),
        ]


def results_workbook(*, campaign: Any, results: Iterable[Any]) -> bytes:
    """The results workbook, always in Thai like the announcement it accompanies (the labels of
    tiers, groups and choices have English translations for the pages)."""
    with translation.override("th"):
        return _results_workbook(campaign=campaign, results=results)


def _results_workbook(*, campaign: Any, results: Iterable[Any]) -> bytes:
    # The header is row 1 (frozen, filterable): the campaign's name is on its own sheet.
    about = Table(
        title="รายละเอียด",
        columns=[Column("รายการ", width=14), Column("ข้อมูล", width=60)],
        rows=[["การประกวด", campaign.title_th], ["ประจำปี (พ.ศ.)", campaign.year_be]],
    )
    table = Table(title="ผลการตัดสิน", columns=COLUMNS, rows=_rows(results))
    return write_table(table, extra=[about])
