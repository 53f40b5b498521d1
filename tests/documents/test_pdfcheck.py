"""Portfolio checker, in-process: measurement rules on generated documents."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pramoen.documents.pdfcheck.analyze import check_bytes
from pramoen.documents.pdfcheck.findings import page_ranges
from pramoen.documents.pdfcheck.fonts import allowed_family_set, canonical_family, is_allowed
from pramoen.documents.pdfcheck.rules import PortfolioRules

from .conftest import (
    PDF_A4,
    pdf_portfolio_source,
    pdf_text_page,
    pdf_vector_qr_page,
    pdf_write,
)


def _codes(result: dict, severity: str | None = None) -> list[str]:
    return [f["code"] for f in result["findings"] if severity in (None, f["severity"])]


def _finding(result: dict, code: str) -> dict:
    return next(f for f in result["findings"] if f["code"] == code)


# --- fonts -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "family"),
    [
        ("ABCDEF+THSarabunPSK", "TH Sarabun PSK"),
        ("QWERTY+THSarabunPSK-Bold", "TH Sarabun PSK"),
        ("THSarabunPSK,BoldItalic", "TH Sarabun PSK"),
        ("TH SarabunPSK", "TH Sarabun PSK"),
        ("Laksaman", "TH Sarabun PSK"),
        ("VEMWSC+Laksaman-Bold", "TH Sarabun PSK"),
        ("THSarabunNew", "TH Sarabun New"),
        ("THSarabunNewBold", "TH Sarabun New"),
        ("TH Sarabun New", "TH Sarabun New"),
        ("THSarabunIT๙", "TH SarabunIT๙"),
        ("THSarabunIT#E0#B9#99", "TH SarabunIT๙"),
        ("THSarabunIT9-Bold", "TH SarabunIT๙"),
    ],
)
def test_pdfcheck_font_aliases_resolve_to_family(name, family):
    assert canonical_family(name) == family


def test_pdfcheck_font_not_in_list_is_refused():
    allowed = allowed_family_set(PortfolioRules().allowed_font_families)

    assert is_allowed(("ABCDEF+ArialMT", ""), allowed) is False
    assert is_allowed(("ABCDEF+Sarabun-Regular", ""), allowed) is False
    assert is_allowed(("ABCDEF+Foo", "TH Sarabun New"), allowed) is True


@given(
    prefix=st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=6, max_size=6),
    style=st.sampled_from(["", "-Bold", "-Italic", "-BoldItalic", ",Bold", "Bold", "-Regular"]),
    base=st.sampled_from(["THSarabunPSK", "THSarabunNew", "THSarabunIT๙", "Laksaman", "Garuda"]),
)
def test_pdfcheck_subset_prefix_and_style_never_change_family(prefix, style, base):
    assert canonical_family(f"{prefix}+{base}{style}") == canonical_family(base)


# --- rules and findings ----------------------------------------------------------------


def test_pdfcheck_rules_round_trip_and_qr_dpi():
    rules = PortfolioRules(max_pages=40, allowed_font_families=("TH Sarabun New",))

    again = PortfolioRules.from_dict(rules.to_dict())

    assert again == rules
    # 1 cm, version 5 (37 modules) at 1.6 px/module: 1.6 * 25.4 * 37 / 10 = 150.4.
    assert PortfolioRules().qr_dpi == 151


def test_pdfcheck_rules_reject_unknown_keys():
    with pytest.raises(ValueError, match="max_pagez"):
        PortfolioRules.from_dict({"max_pagez": 3})


def test_pdfcheck_page_ranges_compacts_runs():
    assert page_ranges([7, 1, 2, 3, 5, 6, 12]) == "1–3, 5–7, 12"
    assert page_ranges(list(range(1, 40, 2)), limit=3) == "1, 3, 5 และอีก 17 หน้า"


# --- real typst portfolios -------------------------------------------------------------


def test_pdfcheck_good_thai_portfolio_passes(pdf_good_bytes):
    result = check_bytes(pdf_good_bytes)

    assert result["ok"] is True
    assert result["pages"] == 3
    assert _codes(result) == []
    assert result["measured"]["body_size_pt"] == 16.0
    assert result["measured"]["body_font"] == "TH Sarabun PSK"


def test_pdfcheck_qr_code_of_one_cm_is_found_on_its_page(pdf_qr_bytes):
    result = check_bytes(pdf_qr_bytes)

    assert result["ok"] is False
    qr = _finding(result, "qr_code")
    assert qr["pages"] == [2]
    assert qr["details"]["codes"] == {"2": ["https://example.org/nara2/entry/0042"]}
    assert "คิวอาร์โค้ด" in qr["message"] and "หน้า 2" in qr["message"]


def test_pdfcheck_qr_allowed_by_campaign_is_not_reported(pdf_qr_bytes):
    result = check_bytes(pdf_qr_bytes, PortfolioRules(qr_forbidden=False))

    assert result["ok"] is True


def test_pdfcheck_body_size_14pt_fails_on_every_page(pdf_typst):
    result = check_bytes(pdf_typst(pdf_portfolio_source(2, size_pt=14)))

    finding = _finding(result, "body_size")
    assert finding["severity"] == "error"
    assert finding["pages"] == [1, 2]
    assert "14 pt" in finding["message"] and "16 pt" in finding["message"]


def test_pdfcheck_campaign_font_list_and_page_limit_apply(pdf_good_bytes):
    rules = PortfolioRules(max_pages=2, allowed_font_families=("TH Sarabun New",))

    result = check_bytes(pdf_good_bytes, rules)

    assert sorted(_codes(result, "error")) == ["body_font", "page_count"]
    assert _finding(result, "body_font")["pages"] == [1, 2]


# --- measurement details on hand-made pages --------------------------------------------


def test_pdfcheck_effective_size_is_font_size_times_matrix_scale():
    line = "(Evidence of practice for the award portfolio, written at body size) Tj T*"
    tm_scaled = "BT /F1 1 Tf 16 0 0 16 60 780 Tm 1.2 TL " + " ".join([line] * 30) + " ET"
    ctm_scaled = "q 2 0 0 2 0 0 cm BT /F1 8 Tf 30 390 Td 9.6 TL " + " ".join([line] * 30) + " ET Q"
    pdf = pdf_write(
        [
            {"content": tm_scaled, "fonts": {"F1": "THSarabunPSK"}},
            {"content": ctm_scaled, "fonts": {"F1": "THSarabunPSK"}},
        ]
    )

    result = check_bytes(pdf)

    chars_per_line = len("Evidence of practice for the award portfolio, written at body size")
    assert result["measured"]["size_histogram"] == {"16": 2 * 30 * chars_per_line}
    assert _codes(result, "error") == []


def test_pdfcheck_watermark_and_hidden_text_do_not_count():
    body = pdf_text_page(16, lines=25)
    many = " ".join(["(small hidden or watermark text, more of it than the body) Tj T*"] * 40)
    body["content"] += (
        f"\nBT 1 1 1 rg /F1 10 Tf 12 TL 60 700 Td {many} ET"  # white
        f"\nBT 0.95 g /F1 10 Tf 12 TL 60 700 Td {many} ET"  # near-white
        f"\nBT 3 Tr /F1 10 Tf 12 TL 60 700 Td {many} ET"  # invisible (OCR layer)
        f"\nq /GS1 gs BT /F1 10 Tf 12 TL 60 700 Td {many} ET Q"  # 30 % opaque
        f"\nBT /F1 10 Tf 12 TL 0.7071 0.7071 -0.7071 0.7071 100 100 Tm {many} ET"  # 45°
        "\nBT /F1 90 Tf 100 400 Td (COPY COPY COPY COPY COPY COPY) Tj ET"  # huge
    )
    body["resources_extra"] = "/ExtGState << /GS1 << /ca 0.3 >> >>"

    result = check_bytes(pdf_write([body]))

    assert result["measured"]["body_size_pt"] == 16.0
    assert list(result["measured"]["size_histogram"]) == ["16"]


def test_pdfcheck_few_outlier_pages_warn_many_fail():
    pages = [pdf_text_page(16) for _ in range(10)] + [pdf_text_page(12)]
    few = check_bytes(pdf_write(pages))
    many = check_bytes(pdf_write(pages + [pdf_text_page(12) for _ in range(3)]))

    assert _finding(few, "body_size")["severity"] == "warning"
    assert _finding(few, "body_size")["pages"] == [11]
    assert few["ok"] is True
    assert _finding(many, "body_size")["severity"] == "error"
    assert _finding(many, "body_size")["pages"] == [11, 12, 13, 14]


def test_pdfcheck_disallowed_body_font_names_pages():
    pdf = pdf_write([pdf_text_page(16), pdf_text_page(16, font="Arial,Bold")])
    mixed = pdf_write([pdf_text_page(16, font="ArialMT") for _ in range(2)])

    one_page = check_bytes(pdf)
    whole = check_bytes(mixed)

    assert _finding(one_page, "body_font")["pages"] == [2]
    assert _finding(whole, "body_font")["severity"] == "error"
    assert "ArialMT" in _finding(whole, "body_font")["message"]


def test_pdfcheck_no_text_layer_is_unverifiable():
    scan_like = {
        "content": "q 500 0 0 700 50 70 cm /Im1 Do Q",
        "resources_extra": "/XObject << /Im1 6 0 R >>",
    }
    image = b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray"
    image += b" /BitsPerComponent 8 /Length 4 >>\nstream\n\x00\xff\xff\x00\nendstream"

    result = check_bytes(pdf_write([scan_like], extra_objects=(image,)))

    assert result["ok"] is None
    assert _codes(result) == ["no_text_layer"]


def test_pdfcheck_vector_drawn_qr_is_found():
    pdf = pdf_write([pdf_text_page(16), pdf_vector_qr_page("https://example.org/vector")])

    result = check_bytes(pdf)

    assert _finding(result, "qr_code")["pages"] == [2]


def test_pdfcheck_text_only_pages_are_not_rendered():
    result = check_bytes(pdf_write([pdf_text_page(16) for _ in range(5)]))

    assert result["measured"]["qr_rendered_pages"] == 0


def test_pdfcheck_a4_landscape_is_a4():
    landscape = {**pdf_text_page(16), "size": (PDF_A4[1], PDF_A4[0])}

    result = check_bytes(pdf_write([pdf_text_page(16), landscape]))

    assert "page_size" not in _codes(result)


def test_pdfcheck_open_action_destination_is_harmless():
    pdf = pdf_write([pdf_text_page(16)], catalog_extra="/OpenAction [5 0 R /Fit]")

    result = check_bytes(pdf)

    assert "open_action" not in _codes(result)


def test_pdfcheck_open_action_uri_is_refused():
    pdf = pdf_write(
        [pdf_text_page(16)], catalog_extra="/OpenAction << /S /URI /URI (http://x.invalid) >>"
    )

    result = check_bytes(pdf)

    assert _finding(result, "open_action")["severity"] == "error"


def test_pdfcheck_vector_qr_found_with_rule_elsewhere_on_page():
    # The scan renders the union of everything drawn: a header rule far above the
    # code must not push the code out of the rendered region.
    page = pdf_vector_qr_page("https://example.org/ruled")
    page["content"] += "\n0.5 w 60 810 m 535 810 l S"

    result = check_bytes(pdf_write([page]))

    assert _finding(result, "qr_code")["details"]["codes"] == {"1": ["https://example.org/ruled"]}


def test_pdfcheck_qr_under_body_text_is_still_found(pdf_typst):
    # Allowed-font text is switched off before the QR render, so text placed over a
    # code does not hide it.
    source = pdf_portfolio_source(1) + (
        '#place(top + left, dx: 2cm, dy: 3cm, image("qr.png", width: 1.3cm))\n'
        "#place(top + left, dx: 2cm, dy: 3.4cm, text(size: 16pt)[ข้อความทับคิวอาร์โค้ด])\n"
    )
    from .conftest import pdf_qr_png

    pdf = pdf_typst(source, files={"qr.png": pdf_qr_png("https://example.org/under")})

    result = check_bytes(pdf)

    assert _finding(result, "qr_code")["pages"] == [1]


def test_pdfcheck_too_little_text_is_unverifiable():
    page = {"content": "BT /F1 16 Tf 72 700 Td (Cover) Tj ET", "fonts": {"F1": "THSarabunPSK"}}

    result = check_bytes(pdf_write([page]))

    assert result["ok"] is None
    assert _codes(result, "unverifiable") == ["too_little_text"]


def test_pdfcheck_text_in_form_xobject_uses_form_matrix():
    line = "(Evidence of practice for the award portfolio, written at body size) Tj T*"
    content = ("BT /F1 8 Tf 9.6 TL 30 390 Td " + " ".join([line] * 30) + " ET").encode()
    form = (
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 600 850] /Matrix [2 0 0 2 0 0]"
        b" /Resources << /Font << /F1 3 0 R >> >> /Length %d >>\nstream\n"
        % len(content)
        + content
        + b"\nendstream"
    )
    page = {
        "content": "/Fm1 Do",
        "fonts": {"F1": "THSarabunPSK"},
        "resources_extra": "/XObject << /Fm1 6 0 R >>",
    }

    result = check_bytes(pdf_write([page], extra_objects=(form,)))

    assert list(result["measured"]["size_histogram"]) == ["16"]


def test_pdfcheck_raw_scan_reads_names_inside_object_streams():
    import zlib

    from pramoen.documents.pdfcheck.rawscan import scan_bytes

    hidden = zlib.compress(b"5 0 << /S /Launch /F (cmd.exe) >> << /Type /EmbeddedFile >>")
    data = (
        b"%PDF-1.7\n"
        + b"4 0 obj\n<< /Type /ObjStm /N 2 /First 4 /Filter /FlateDecode"
        + f" /Length {len(hidden)} >>".encode()
        + b"\nstream\n"
        + hidden
        + b"\nendstream\nendobj\nstartxref\n0\n%%EOF\n"
    )

    codes = sorted(f.code for f in scan_bytes(data).findings)

    assert codes == ["embedded_file", "launch_action"]


def test_pdfcheck_raw_scan_ignores_names_inside_binary_streams():
    import zlib

    from pramoen.documents.pdfcheck.rawscan import scan_bytes

    # A font or image stream may contain any bytes, "/JS " included.
    binary = zlib.compress(b"\x00/JS /Launch /Encrypt \xff" * 10)
    data = (
        b"%PDF-1.7\n"
        + f"4 0 obj\n<< /Length {len(binary)} /Filter /FlateDecode >>\nstream\n".encode()
        + binary
        + b"\nendstream\nendobj\n5 0 obj\n<< /Length 20 >>\nstream\n/JS /Launch /Encrypt\n"
        b"endstream\nendobj\nstartxref\n0\n%%EOF\n"
    )

    assert scan_bytes(data).findings == []
