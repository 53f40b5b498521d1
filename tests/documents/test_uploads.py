"""Upload checks (pure, no database): magic bytes decide the type, the extension must agree, and
PDF pages are counted in a limited child process."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document

from pramoen.documents.uploads import (
    FileRejected,
    PdfPages,
    check_one_a4_page,
    check_upload,
    count_pdf_pages,
)
from tests.kpi.conftest import pdf_bytes

MB = 1024 * 1024


def _docx() -> bytes:
    buffer = io.BytesIO()
    Document().save(buffer)
    return buffer.getvalue()


def _check(data: bytes, name: str, **kwargs):
    return check_upload(io.BytesIO(data), name=name, size=len(data), max_bytes=MB, **kwargs)


def test_office_file_is_recognised_by_its_parts():
    assert _check(_docx(), "รายงาน.docx").content_type.endswith("wordprocessingml.document")


def test_plain_zip_and_renamed_docx_are_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("evil.exe", b"MZ")
    with pytest.raises(FileRejected) as exc:
        _check(buffer.getvalue(), "plan.docx")
    assert exc.value.code == "bad_type"
    with pytest.raises(FileRejected) as exc:
        _check(_docx(), "plan.pdf")
    assert exc.value.code == "extension_mismatch"


def test_only_restricts_the_types():
    with pytest.raises(FileRejected) as exc:
        _check(_docx(), "บทเรียน.docx", only=("pdf",))
    assert "รับเฉพาะ PDF" in exc.value.message


def test_size_cap_is_checked_before_reading():
    with pytest.raises(FileRejected) as exc:
        check_upload(io.BytesIO(b""), name="big.pdf", size=3 * MB, max_bytes=MB)
    assert exc.value.message.startswith("ไฟล์ big.pdf มีขนาด 3 MB เกินขนาดสูงสุด 1 MB")


def test_pages_are_counted_in_a_child_process(tmp_path):
    path = tmp_path / "two.pdf"
    path.write_bytes(pdf_bytes(2))
    pages = count_pdf_pages(path)
    assert (pages.pages, pages.all_a4) == (2, True)


def test_a_broken_pdf_is_reported_in_thai(tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF")
    with pytest.raises(FileRejected) as exc:
        count_pdf_pages(path)
    assert exc.value.code == "unreadable_pdf"


@pytest.mark.parametrize(
    ("pages", "code"),
    [
        (PdfPages(2, ((210.0, 297.0), (210.0, 297.0))), "too_many_pages"),
        (PdfPages(1, ((215.9, 279.4),)), "not_a4"),
        (PdfPages(0, ()), "no_pages"),
    ],
)
def test_lesson_learned_must_be_one_a4_page(pages, code):
    with pytest.raises(FileRejected) as exc:
        check_one_a4_page(pages)
    assert exc.value.code == code


def test_landscape_a4_within_tolerance_is_accepted():
    check_one_a4_page(PdfPages(1, ((296.0, 211.5),)))
