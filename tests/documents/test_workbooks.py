"""The shared workbook writer: numbers stay numbers, formulas stay text without an apostrophe."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from pramoen.documents.office import convert_with_soffice
from pramoen.documents.workbooks import Column, Table, column_width, visible_length, write_table

EVIL = '=HYPERLINK("http://evil.invalid","x")'


def _book() -> bytes:
    rows = [
        ["=1+1", Decimal("93.10"), 3],
        [EVIL, Decimal("7.5"), 1],
        ["@SUM(1+1)", Decimal("88"), 2],
        ["โรงเรียนบ้านทดลอง\x07", None, None],
    ]
    columns = [Column("สถานศึกษา", width=30), Column("คะแนน"), Column("ลำดับ")]
    return write_table(Table(title="ผลการตัดสิน", columns=columns, rows=iter(rows)))


def test_numbers_are_numbers_with_their_places_as_the_format():
    sheet = load_workbook(io.BytesIO(_book())).active
    scores = [sheet.cell(row=r, column=2) for r in range(2, 5)]
    assert [c.value for c in scores] == [93.1, 7.5, 88]
    assert all(isinstance(c.value, int | float) and c.data_type == "n" for c in scores)
    assert [c.number_format for c in scores] == ["0.00", "0.0", "0"]
    assert sheet.cell(row=2, column=3).value == 3


def test_header_is_bold_frozen_filtered_and_columns_fit_thai():
    book = load_workbook(io.BytesIO(_book()))
    sheet = book.active
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]] == ["สถานศึกษา", "คะแนน", "ลำดับ"]
    assert all(c.font.b for c in sheet[1])
    assert sheet.auto_filter.ref == "A1:C5"
    assert sheet.column_dimensions["A"].width == 30
    # The vowel ี and the tone mark ่ sit on ท: one letter wide; สถานศึกษา is eight (ึ too).
    assert visible_length("ที่") == 1 and visible_length("สถานศึกษา") == 8
    assert sheet.column_dimensions["B"].width == column_width(Column("คะแนน")) >= 8


def test_formula_text_is_a_string_cell_without_an_apostrophe():
    data = _book()
    sheet = load_workbook(io.BytesIO(data)).active
    names = [sheet.cell(row=r, column=1) for r in range(2, 6)]
    assert [c.value for c in names] == ["=1+1", EVIL, "@SUM(1+1)", "โรงเรียนบ้านทดลอง"]
    assert all(c.data_type == "s" for c in names)
    assert names[0].quotePrefix and names[1].quotePrefix and not names[3].quotePrefix
    xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and 't="inlineStr"' in xml and "'=" not in xml


@pytest.mark.slow
def test_libreoffice_shows_the_formula_as_text_and_the_score_as_a_number():
    csv = convert_with_soffice(
        _book(),
        target_format="csv:Text - txt - csv (StarCalc):44,34,76",
        input_suffix=".xlsx",
    ).decode()
    lines = csv.splitlines()
    assert lines[0] == "สถานศึกษา,คะแนน,ลำดับ"
    # Not evaluated (that would be "2"), no apostrophe; the number shown with its two places.
    assert lines[1] == "=1+1,93.10,3"
    assert lines[2].startswith('"=HYPERLINK(""http://evil.invalid"",""x"")",7.5,1')
    assert lines[3] == "@SUM(1+1),88,2"
