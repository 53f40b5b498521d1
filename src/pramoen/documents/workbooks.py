"""Excel workbooks people sort and sum: one table per sheet, written as a stream (pure Python).

Every .xlsx export goes through ``write_table`` so they all behave the same:

- numbers are number cells (a Decimal keeps its places as the number format, "93.10" → 0.00),
  so a column sums and sorts; text is text;
- the header row is bold, frozen and filterable, and the columns are wide enough for their Thai
  header (combining vowels and tone marks take no width);
- text a spreadsheet would run as a formula ("=…", "+…", "-…", "@…") is written as a typed string
  cell with the quote-prefix style: Excel and LibreOffice show it exactly as typed, with no
  apostrophe, never evaluate it, and keep it text if someone edits the cell (CSV files, which
  have no cell types, still use ``spreadsheets.safe_cell``);
- the workbook is ``write_only``: rows go to the file as they come, so a big export does not
  hold every cell object in memory.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from pramoen.documents.spreadsheets import FORMULA_PREFIXES

Value = str | int | float | Decimal | date | datetime | None

HEADER_FONT = Font(bold=True)
MIN_WIDTH = 8.0
MAX_WIDTH = 60.0


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    # The width (in characters) the column's values need when it is more than the header's.
    width: float = 0.0


@dataclass(frozen=True, slots=True)
class Table:
    title: str  # the sheet's name (Excel allows 31 characters)
    columns: Sequence[Column]
    rows: Iterable[Sequence[Value]]


def visible_length(text: str) -> int:
    """Characters that take width: Thai above/below vowels and tone marks sit on the consonant."""
    # Category Mn, not the combining class: most Thai vowel marks have class 0.
    return sum(1 for char in text if unicodedata.category(char) != "Mn")


def column_width(column: Column) -> float:
    # Thai glyphs are a little wider than Latin ones in Excel's default fonts: +20 %, plus padding.
    wanted = max(visible_length(column.header) * 1.2 + 2, column.width)
    return min(max(wanted, MIN_WIDTH), MAX_WIDTH)


def decimal_format(value: Decimal) -> str:
    """The number format that shows a Decimal with the places it has (93.10 → "0.00")."""
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return "0." + "0" * places if places else "0"


def typed_cell(sheet: WriteOnlyWorksheet, value: Value) -> Value | Cell:
    """One value as the cell it should be (a plain value where openpyxl's default is right)."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, Decimal):
        if not value.is_finite():
            return None
        cell = WriteOnlyCell(sheet)
        cell.value = value  # openpyxl writes a Decimal as a number
        cell.number_format = decimal_format(value)
        return cell
    if isinstance(value, str):
        # Control characters are invalid in the file format; untrusted text may carry them.
        text = ILLEGAL_CHARACTERS_RE.sub("", value)
        if not text.startswith(FORMULA_PREFIXES):
            return text
        cell = WriteOnlyCell(sheet, value=text)
        # openpyxl typed "=…" as a formula on assignment: an inline string is never evaluated.
        cell.data_type = "s"
        cell.quotePrefix = True
        return cell
    return value


def write_table(table: Table, *, extra: Sequence[Table] = ()) -> bytes:
    """The workbook of one table (and any small extra tables on their own sheets), as bytes."""
    workbook = Workbook(write_only=True)
    for item in (table, *extra):
        _write_sheet(workbook, item)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_sheet(workbook: Workbook, table: Table) -> None:
    # Any: the stubs omit the write-only sheet's column_dimensions and auto_filter (it has both).
    sheet: Any = workbook.create_sheet(table.title[:31])
    # A write-only sheet writes its view and columns before the first row: set them first.
    for index, column in enumerate(table.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column_width(column)
    sheet.freeze_panes = "A2"
    header = []
    for column in table.columns:
        cell = WriteOnlyCell(sheet, value=column.header)  # our own text, never a formula
        cell.font = HEADER_FONT
        header.append(cell)
    sheet.append(header)
    count = 1
    for row in table.rows:
        sheet.append([typed_cell(sheet, value) for value in row])
        count += 1
    if table.columns:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(table.columns))}{count}"
