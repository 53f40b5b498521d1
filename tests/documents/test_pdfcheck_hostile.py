"""Hostile-file corpus (issue 5, "Must show"): each file is rejected, in the worker
subprocess under the production limits (5 s wall clock, 512 MB address space), with a
clear Thai message. The limits are enforced by the runner; the tests assert outcomes."""

from __future__ import annotations

import pytest

from pramoen.documents.pdfcheck import run_check_subprocess

LIMITS = {"timeout_s": 5, "memory_mb": 512}

# corpus name -> (finding code, a Thai phrase the applicant must read)
EXPECTED = {
    "wrong_magic_png": ("not_pdf", "ไม่ใช่ PDF"),
    "wrong_magic_docx": ("not_pdf", "Word"),
    "truncated": ("truncated", "ไม่สมบูรณ์"),
    "encrypted": ("encrypted", "รหัสผ่าน"),
    "javascript_openaction": ("javascript", "JavaScript"),
    "javascript_escaped_names": ("javascript", "JavaScript"),
    "launch_openaction": ("launch_action", "เปิดโปรแกรม"),
    "embedded_file": ("embedded_file", "ฝังอยู่ภายใน"),
    "pages_101": ("page_count", "เกินกำหนด 100 หน้า"),
    "letter_size": ("page_size", "ไม่ใช่ A4"),
    "huge_mediabox": ("page_size", "ไม่ใช่ A4"),
    "deflate_bomb": ("deflate_bomb", "ระเบิดข้อมูล"),
    "polyglot_html_first": ("polyglot", "polyglot"),
    "polyglot_html_in_header": ("polyglot", "HTML"),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_pdfcheck_hostile_file_is_rejected_with_thai_message(pdf_corpus, name):
    code, phrase = EXPECTED[name]

    result = run_check_subprocess(pdf_corpus[name], None, **LIMITS)

    assert result["ok"] is False
    errors = {f["code"]: f for f in result["findings"] if f["severity"] == "error"}
    assert code in errors, result["findings"]
    assert phrase in errors[code]["message"]
    assert errors[code]["message_en"]


def test_pdfcheck_page_size_names_the_pages_and_sizes(pdf_corpus):
    result = run_check_subprocess(pdf_corpus["letter_size"], None, **LIMITS)

    finding = next(f for f in result["findings"] if f["code"] == "page_size")
    assert finding["pages"] == [1]
    assert "215.9 × 279.4 มม." in finding["message"]


def test_pdfcheck_huge_mediabox_is_not_rendered(pdf_corpus):
    # Rendering a 70 m square page at 151 dpi would need ~10^11 pixels.
    result = run_check_subprocess(pdf_corpus["huge_mediabox"], None, **LIMITS)

    assert result["measured"]["qr_rendered_pages"] == 0


def test_pdfcheck_101_pages_reports_count(pdf_corpus):
    result = run_check_subprocess(pdf_corpus["pages_101"], None, **LIMITS)

    assert result["pages"] == 101
    finding = next(f for f in result["findings"] if f["code"] == "page_count")
    assert finding["details"] == {"pages": 101, "max_pages": 100}


def test_pdfcheck_timeout_gives_thai_failure(pdf_good_bytes, tmp_path):
    path = tmp_path / "good.pdf"
    path.write_bytes(pdf_good_bytes)

    # No interpreter starts, imports pdfium and checks three pages in a millisecond.
    result = run_check_subprocess(path, None, timeout_s=0.001, memory_mb=512)

    assert result["ok"] is False
    assert [f["code"] for f in result["findings"]] == ["timeout"]
    assert "ไม่เสร็จภายใน" in result["findings"][0]["message"]


def test_pdfcheck_memory_cap_gives_thai_failure(pdf_corpus):
    # A 144-megapixel Flate image: fine under 512 MB (pdfium streams it), but with a
    # 48 MB address space the child cannot hold pdfium, zxing and a 16 MB inflate chunk.
    result = run_check_subprocess(pdf_corpus["huge_image"], None, timeout_s=10, memory_mb=48)

    assert result["ok"] is False
    codes = [f["code"] for f in result["findings"]]
    assert codes in (["memory_limit"], ["checker_crashed"])
    assert "หน่วยความจำเกิน 48 MB" in result["findings"][0]["message"]


def test_pdfcheck_huge_image_passes_under_production_limits(pdf_corpus):
    # Asserts the memory cap, not speed: a generous wall clock keeps a loaded CI host
    # from turning this into a timing test.
    result = run_check_subprocess(pdf_corpus["huge_image"], None, timeout_s=60, memory_mb=512)

    assert [f["code"] for f in result["findings"] if f["severity"] == "error"] == []
    assert result["measured"]["qr_rendered_pages"] == 1


def test_pdfcheck_oversized_upload_is_refused_before_parsing(tmp_path):
    path = tmp_path / "big.pdf"
    with path.open("wb") as fh:
        fh.write(b"%PDF-1.7\n")
        fh.truncate(51 * 1024 * 1024)

    result = run_check_subprocess(path, None, **LIMITS)

    assert result["ok"] is False
    assert [f["code"] for f in result["findings"]] == ["too_large"]
    assert "เกินกำหนด 50 MB" in result["findings"][0]["message"]
