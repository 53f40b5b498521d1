"""LibreOffice opens the workbooks Pramoen writes (Calc installed beside Writer, issue 19)."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from pramoen.documents.office import convert_with_soffice


@pytest.mark.slow
def test_libreoffice_reads_an_xlsx_with_thai_text_and_numbers():
    book = Workbook()
    sheet = book.active
    sheet.append(["ชื่อผลงาน", "คะแนน"])
    sheet.append(["โรงเรียนบ้านทดลอง", 93.1])
    sheet.append(["รวม", "=SUM(B2:B2)"])
    buffer = io.BytesIO()
    book.save(buffer)
    # Writer alone answers "no export filter" for a spreadsheet: this needs Calc.
    csv = convert_with_soffice(
        buffer.getvalue(),
        target_format="csv:Text - txt - csv (StarCalc):44,34,76",
        input_suffix=".xlsx",
    ).decode()
    lines = csv.splitlines()
    assert lines[0] == "ชื่อผลงาน,คะแนน"
    assert lines[1] == "โรงเรียนบ้านทดลอง,93.1"
    assert lines[2] == "รวม,93.1"  # Calc computed the formula: it opened the workbook as numbers
