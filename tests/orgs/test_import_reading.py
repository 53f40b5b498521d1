"""The file reader is pure: no database needed."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook

from pramoen.orgs.imports.reading import ImportFileError, decode_csv, read_table

HEADER = "รหัสโรงเรียน,ชื่อโรงเรียน\n"
ROW = "1234567890,โรงเรียนบ้านหนองบัว\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ((HEADER + ROW).encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + (HEADER + ROW).encode("utf-8"), "utf-8-sig"),
        ((HEADER + ROW).encode("cp874"), "cp874"),
        ((HEADER + ROW).encode("tis-620"), "cp874"),
        ((HEADER + ROW).encode("utf-16"), "utf-16"),
    ],
)
def test_csv_encodings_are_detected(data, encoding):
    table = read_table(data)
    assert table.encoding == encoding
    assert table.headers == ["รหัสโรงเรียน", "ชื่อโรงเรียน"]
    assert table.rows == [["1234567890", "โรงเรียนบ้านหนองบัว"]]


def test_semicolon_and_tab_delimiters_are_sniffed():
    for sep in (";", "\t"):
        table = read_table((HEADER + ROW).replace(",", sep).encode())
        assert table.rows == [["1234567890", "โรงเรียนบ้านหนองบัว"]]


def test_undecodable_bytes_get_a_thai_message():
    with pytest.raises(ImportFileError) as info:
        decode_csv(b"\x81\x82\x83 not text")
    assert "UTF-8" in info.value.message


def _xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_xlsx_cells_become_text_as_shown():
    import datetime

    data = _xlsx(
        [["รหัส", "จำนวน", "วันที่", "ว่าง"], [1234567890, 12.0, datetime.date(2024, 5, 16), None]]
    )
    table = read_table(data)
    assert table.format == "xlsx"
    assert table.rows == [["1234567890", "12", "16/05/2567", ""]]


def test_size_cap_is_checked_before_parsing():
    with pytest.raises(ImportFileError) as info:
        read_table(b"a,b\n" * 1000, max_bytes=100)
    assert info.value.code == "too_large"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "xls"),
        (b"%PDF-1.7\n...", "magic"),
        (b"PK\x03\x04 broken zip", "invalid"),
        (b"   \n", "empty"),
    ],
)
def test_non_tables_are_refused_by_magic_bytes(data, code):
    with pytest.raises(ImportFileError) as info:
        read_table(data)
    assert info.value.code == code


def test_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(ImportFileError) as info:
        read_table(buffer.getvalue())
    assert "Excel" in info.value.message


def test_zip_bomb_is_refused_before_inflating():
    data = _xlsx([["x" * 100] for _ in range(500)])
    assert len(data) < 10_000  # compresses well: the declared size is what counts
    with pytest.raises(ImportFileError) as info:
        read_table(data, max_unzipped=10_000)
    assert info.value.code == "zip_bomb"


def test_isolated_reader_streams_rows_and_reports_a_crash_in_thai(tmp_path):
    from pramoen.orgs.imports.reading import read_table_isolated

    path = tmp_path / "schools.csv"
    path.write_bytes((HEADER + ROW * 3).encode("cp874"))
    table = read_table_isolated(path)
    assert (table.encoding, len(table.rows), table.rows[0][1]) == ("cp874", 3, "โรงเรียนบ้านหนองบัว")
    with pytest.raises(ImportFileError) as info:
        read_table_isolated(path, memory_mb=8)  # too little for Python to start
    assert info.value.code == "crashed" and "อ่านไฟล์ไม่สำเร็จ" in info.value.message
    path.write_bytes(b"%PDF-1.4")
    with pytest.raises(ImportFileError) as info:
        read_table_isolated(path)
    assert info.value.code == "magic"


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _shared_string_xlsx(text: str, rows: int, columns: int) -> bytes:
    """A minimal workbook whose data cells all point at one shared string (index 0), as Excel
    itself writes repeated text. openpyxl writes inline strings, so the parts are built here."""
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006"
    ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    header = "".join(
        f'<c r="{_column_letter(c)}1" t="inlineStr"><is><t>col{c}</t></is></c>'
        for c in range(columns)
    )
    body = "".join(
        f'<row r="{r}">'
        + "".join(f'<c r="{_column_letter(c)}{r}" t="s"><v>0</v></c>' for c in range(columns))
        + "</row>"
        for r in range(2, rows + 2)
    )
    parts = {
        "[Content_Types].xml": (
            f'<Types xmlns="{pkg}/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{ct}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{ct}.worksheet+xml"/>'
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{ct}.sharedStrings+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{pkg}/relationships"><Relationship Id="rId1" '
            f'Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{ns}" xmlns:r="{rel}"><sheets>'
            '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{pkg}/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>'
            "</Relationships>"
        ),
        "xl/sharedStrings.xml": (
            f'<sst xmlns="{ns}" count="1" uniqueCount="1"><si><t>{text}</t></si></sst>'
        ),
        "xl/worksheets/sheet1.xml": (
            f'<worksheet xmlns="{ns}"><sheetData><row r="1">{header}</row>{body}'
            "</sheetData></worksheet>"
        ),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, xml in parts.items():
            archive.writestr(name, '<?xml version="1.0" encoding="UTF-8"?>' + xml)
    return buffer.getvalue()


def test_isolated_reader_stops_a_shared_string_xlsx_from_flooding_the_parent(tmp_path):
    from pramoen.orgs.imports.reading import MAX_CELL_CHARS, read_table_isolated

    data = _shared_string_xlsx("ก" * (MAX_CELL_CHARS - 1), rows=200, columns=20)
    assert len(data) < 20_000  # one copy of the text, 4,000 tiny references to it
    path = tmp_path / "shared.xlsx"
    path.write_bytes(data)
    cap = 2 * len(data)  # the file is well within its size cap …
    # … yet the child would write 4,000 cells × 12 KB = 48 MB back: stopped at 4 × the cap.
    with pytest.raises(ImportFileError) as info:
        read_table_isolated(path, max_bytes=cap)
    assert info.value.code == "too_much_output"
    assert "เกิน" in info.value.message and "แบ่งไฟล์" in info.value.message
    small = tmp_path / "small.xlsx"
    small.write_bytes(_shared_string_xlsx("ก" * 100, rows=2, columns=2))
    assert len(read_table_isolated(small, max_bytes=cap).rows) == 2  # normal files still pass


def test_isolated_reader_refuses_a_cell_longer_than_the_cap_in_thai(tmp_path):
    from pramoen.orgs.imports.reading import MAX_CELL_CHARS, read_table_isolated

    path = tmp_path / "long.xlsx"
    path.write_bytes(_shared_string_xlsx("x" * (MAX_CELL_CHARS + 1), rows=1, columns=3))
    with pytest.raises(ImportFileError) as info:
        read_table_isolated(path)
    assert info.value.code == "cell_too_long"
    assert info.value.message.startswith("แถวที่ 2 คอลัมน์ที่ 1 มีข้อความยาว 4,001 ตัวอักษร")
