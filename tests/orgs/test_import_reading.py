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
