from __future__ import annotations

import io
import zipfile

import pypdfium2
import pytest
from docx import Document
from lxml import etree

from pramoen.awards.letters import FONT_NAME, announcement_docx, call_letter_docx, letter_pdf

pytestmark = pytest.mark.django_db

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _text(docx: bytes) -> str:
    document = Document(io.BytesIO(docx))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def test_call_letter_has_the_official_parts_in_thai_digits(campaign):
    text = _text(call_letter_docx(campaign))
    assert "ที่ ศธ ๐๔๐๗๙/๑๐๖๙" in text
    assert "๒๖ มีนาคม ๒๕๖๙" in text
    assert "ขอเชิญร่วมส่งผลงาน" in text and "“NARA 2 AWARDS” ครั้งที่ ๕ ประจำปี ๒๕๖๙" in text
    assert "เรียน\tผู้อำนวยการโรงเรียนในสังกัด" in text
    assert "สิ่งที่ส่งมาด้วย" in text
    assert "๒. แบบการประเมินประเภทสถานศึกษา" in text
    assert "๓. แบบการประเมินประเภทครูผู้สอน" in text
    assert "จำนวน ๒ ประเภท ดังนี้" in text
    assert "ภายในวันที่ ๑๙ เดือนมิถุนายน พ.ศ. ๒๕๖๙ เวลา ๑๖.๓๐\u00a0น." in text
    assert "(นายประกาศ สว่างวงษ์)" in text
    assert "โทร. ๐-๗๓๕๓-๐๗๙๒" in text
    assert campaign.esa.name_th in text


def test_call_letter_names_th_sarabun_in_every_run_with_complex_script_size(campaign):
    with zipfile.ZipFile(io.BytesIO(call_letter_docx(campaign))) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
        font_table = archive.read("word/fontTable.xml").decode()
    runs = body.iter(f"{W}r")
    slots = set()
    sizes = set()
    for run in runs:
        fonts = run.find(f"{W}rPr/{W}rFonts")
        slots.add((fonts.get(f"{W}cs"), fonts.get(f"{W}ascii")))
        sizes.add(run.find(f"{W}rPr/{W}szCs").get(f"{W}val"))
    assert (slots, sizes) == ({(FONT_NAME, FONT_NAME)}, {"32"})
    assert 'w:altName w:val="Laksaman"' in font_table


def test_announcement_takes_its_rules_from_the_campaign(campaign, staff):
    from pramoen.awards.services import campaign_update

    changed = campaign_update(
        campaign=campaign,
        actor=staff,
        changes={"max_pages": 80, "discipline_lookback_years": 3, "forbid_qr_codes": False},
    )
    text = _text(announcement_docx(changed))
    assert "ประจำปี พ.ศ. ๒๕๖๙" in text
    assert "เป็นผู้ไม่เคยถูกลงโทษทางวินัยภายใน ๓ ปี" in text
    assert "จำนวนไม่เกิน ๘๐ หน้า ใช้กระดาษ A๔" in text
    assert "TH Sarabun PSK หรือ TH Sarabun New ขนาดตัวอักษร ๑๖ point" in text
    assert "QR Code" not in text
    assert "๑.๑ เป็นสถานศึกษาสังกัด" in text  # the school rules come first: a school category exists
    assert "ประกาศ ณ วันที่ ๒๖ เดือนมีนาคม พ.ศ. ๒๕๖๙" in text


@pytest.mark.slow
def test_call_letter_converts_to_a_pdf_with_its_number_date_and_title(campaign):
    pdf = pypdfium2.PdfDocument(letter_pdf(campaign, "call"))
    text = "".join(page.get_textpage().get_text_range() for page in pdf)
    width, height = pdf[0].get_size()
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    for expected in ("ศธ ๐๔๐๗๙/๑๐๖๙", "๒๖ มีนาคม ๒๕๖๙", "NARA 2 AWARDS", "ครั้งที่ ๕ ประจำปี ๒๕๖๙"):
        assert expected in text


@pytest.mark.parametrize(("kind", "label"), [("call", "ประเภทสถานศึกษา"), ("announcement", "ด้าน")])
def test_letters_stay_thai_when_asked_for_from_an_english_page(campaign, kind, label):
    """Issue 19: the choices' labels (domain, size class, …) now have English; an official
    letter downloaded by someone who reads the pages in English is still the Thai letter."""
    from django.utils import translation

    from pramoen.awards.letters import letter_docx

    thai = _text(letter_docx(campaign, kind))
    with translation.override("en"):
        from_english_page = _text(letter_docx(campaign, kind))

    assert label in thai
    assert from_english_page == thai
