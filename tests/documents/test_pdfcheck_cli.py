"""``pramoen pdf check FILE [--json]``: the CLI core and the Django command wrapper."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from pramoen.documents.pdfcheck.cli import main


@pytest.fixture
def pdf_good_path(pdf_good_bytes, tmp_path):
    path = tmp_path / "portfolio.pdf"
    path.write_bytes(pdf_good_bytes)
    return path


@pytest.fixture
def pdf_qr_path(pdf_qr_bytes, tmp_path):
    path = tmp_path / "portfolio-qr.pdf"
    path.write_bytes(pdf_qr_bytes)
    return path


def test_pdfcheck_cli_json_for_good_file(pdf_good_path):
    out = io.StringIO()

    code = main(["check", str(pdf_good_path), "--json"], stdout=out)

    result = json.loads(out.getvalue())
    assert code == 0
    assert (result["ok"], result["pages"], result["findings"]) == (True, 3, [])


def test_pdfcheck_cli_human_output_is_thai_and_names_pages(pdf_qr_path):
    out = io.StringIO()

    code = main(["check", str(pdf_qr_path)], stdout=out)

    text = out.getvalue()
    assert code == 1
    assert "ผลการตรวจ: ไม่ผ่าน" in text
    assert "[หน้า 2]" in text and "คิวอาร์โค้ด" in text


def test_pdfcheck_cli_campaign_options_change_rules(pdf_good_path):
    out = io.StringIO()

    code = main(["check", str(pdf_good_path), "--json", "--max-pages", "2"], stdout=out)

    codes = [f["code"] for f in json.loads(out.getvalue())["findings"]]
    assert (code, codes) == (1, ["page_count"])


def test_pdfcheck_cli_not_a_pdf(tmp_path):
    path = tmp_path / "photo.pdf"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    out = io.StringIO()

    code = main(["check", str(path)], stdout=out)

    assert code == 1
    assert "ไฟล์นี้ไม่ใช่ PDF (ดูเหมือนเป็นไฟล์ PNG)" in out.getvalue()


def test_pdfcheck_cli_usage_error_exit_code(capsys):
    assert main(["check"]) == 2


def test_pdfcheck_django_command_forwards_to_cli(pdf_good_path):
    out = io.StringIO()

    call_command("pdf", "check", str(pdf_good_path), "--json", stdout=out)

    assert json.loads(out.getvalue())["ok"] is True


def test_pdfcheck_django_command_exits_nonzero_on_failure(pdf_qr_path):
    with pytest.raises(SystemExit) as exc:
        call_command("pdf", "check", str(pdf_qr_path), stdout=io.StringIO())

    assert exc.value.code == 1
