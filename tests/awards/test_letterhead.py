"""Letters on the ESA's letterhead: its Garuda image and its own Word template (docxtpl)."""

from __future__ import annotations

import io
import zipfile

import pypdfium2
import pytest
from docx import Document
from PIL import Image

from pramoen.awards.letters import call_letter_docx, letter_pdf
from pramoen.documents.letter_template import LetterTemplateError, default_template
from pramoen.orgs.letterhead import esa_letterhead_files, esa_letterhead_update

pytestmark = pytest.mark.django_db

EMU_PER_CM = 360000


def png(width: int = 120, height: int = 130) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 150, 0)).save(buffer, "PNG")
    return buffer.getvalue()


def template_with(*paragraphs: str, header: str = "") -> bytes:
    document = Document(io.BytesIO(default_template()))
    if header:
        document.sections[0].header.paragraphs[0].text = header
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _document_xml(docx: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return archive.read("word/document.xml").decode()


def test_a_letter_without_a_letterhead_has_no_image_and_starts_with_its_number(campaign):
    docx = call_letter_docx(campaign)
    assert "<w:drawing" not in _document_xml(docx)
    document = Document(io.BytesIO(docx))
    # The template's tags leave nothing behind: no {{ }}, no empty paragraph above the letter.
    assert "{{" not in _document_xml(docx) and "{%" not in _document_xml(docx)
    assert document.tables[0].rows[0].cells[0].text.startswith("ที่ ศธ")


def test_the_uploaded_garuda_is_three_centimetres_high_at_the_top(campaign, staff):
    esa_letterhead_update(actor=staff, esa=campaign.esa, garuda=png())
    docx = call_letter_docx(campaign)
    xml = _document_xml(docx)
    assert xml.count("<w:drawing") == 1
    assert f'cy="{3 * EMU_PER_CM}"' in xml
    assert xml.index("<w:drawing") < xml.index("ศธ")
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        assert any(name.startswith("word/media/") for name in archive.namelist())


def test_the_esas_own_template_carries_its_header_and_text_around_the_letter(campaign, staff):
    template = template_with("ส่วนท้ายของสำนักงาน {{ esa_name }}", header="หัวกระดาษของเขตทดลอง")
    esa_letterhead_update(
        actor=staff, esa=campaign.esa, template=template, template_filename="หัวเขต.docx"
    )
    document = Document(io.BytesIO(call_letter_docx(campaign)))
    assert document.sections[0].header.paragraphs[0].text == "หัวกระดาษของเขตทดลอง"
    text = "\n".join(p.text for p in document.paragraphs)
    assert f"ส่วนท้ายของสำนักงาน {campaign.esa.name_th}" in text
    assert "จึงเรียนมาเพื่อทราบและดำเนินการต่อไป" in text
    # The new template replaced none of the A4 page set-up.
    assert round(document.sections[0].page_width.cm, 1) == 21.0


def test_replacing_the_template_is_audited_and_the_old_file_removed(
    campaign, staff, django_capture_on_commit_callbacks
):
    from django.core.files.storage import default_storage

    from pramoen.core.models import AuditEvent

    first = esa_letterhead_update(
        actor=staff, esa=campaign.esa, template=template_with(), template_filename="a.docx"
    )
    old = first.template_name
    assert default_storage.exists(old)
    with django_capture_on_commit_callbacks(execute=True):
        second = esa_letterhead_update(actor=staff, esa=campaign.esa, remove_template=True)
    assert second.template_name == "" and esa_letterhead_files(campaign.esa_id) == (None, None)
    events = AuditEvent.objects.filter(action="orgs.letterhead_update").order_by("id")
    assert [e.after["แม่แบบ"] for e in events] == ["a.docx", ""]
    assert not default_storage.exists(old)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not a zip at all", "ต้องเป็นเอกสาร Word"),
        (b"PK\x03\x04" + b"\x00" * 200, "เปิดไฟล์แม่แบบไม่ได้"),
        ("no_body", "{{p body }}"),
        ("unknown", "ชื่อที่ระบบไม่รู้จัก: signer"),
        ("broken", "คำสั่งที่ใช้ไม่ได้"),
    ],
)
def test_a_bad_template_is_refused_with_a_thai_message_and_nothing_kept(
    campaign, staff, data, message
):
    if data == "no_body":
        document = Document()
        document.add_paragraph("ไม่มีเนื้อความ")
        buffer = io.BytesIO()
        document.save(buffer)
        data = buffer.getvalue()
    elif data == "unknown":
        data = template_with("{{ signer }}")
    elif data == "broken":
        data = template_with("{% if esa_name %}ไม่มีปิด")
    with pytest.raises(LetterTemplateError) as caught:
        esa_letterhead_update(actor=staff, esa=campaign.esa, template=data, template_filename="x")
    assert message in caught.value.message
    assert esa_letterhead_files(campaign.esa_id) == (None, None)


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"GIF89a" + b"\x00" * 50, "PNG หรือ JPEG"), (b"\x89PNG\r\n\x1a\n" + b"\x00" * 8, "อ่าน")],
)
def test_a_bad_garuda_image_is_refused(campaign, staff, data, message):
    with pytest.raises(LetterTemplateError) as caught:
        esa_letterhead_update(actor=staff, esa=campaign.esa, garuda=data)
    assert message in caught.value.message


@pytest.mark.slow
def test_the_attachment_table_keeps_the_word_jamnuan_whole_on_every_row(campaign, staff):
    # The PDF as LibreOffice lays it out: a narrow column broke "จำนวน" into "จำน" + "วน".
    esa_letterhead_update(actor=staff, esa=campaign.esa, garuda=png())
    pdf = pypdfium2.PdfDocument(letter_pdf(campaign, "call"))
    text = pdf[0].get_textpage().get_text_range()
    pdf.close()
    rows = 1 + campaign.categories.values("category").distinct().count()
    lines = [line.strip() for line in text.splitlines()]
    assert sum(line.endswith("จำนวน") or "จำนวน ๑" in line for line in lines) == rows
    assert not any(line in {"จำน", "วน"} or line.startswith("วน ") for line in lines)


def test_the_default_template_holds_only_the_documented_tags():
    from docxtpl import DocxTemplate

    names = DocxTemplate(io.BytesIO(default_template())).get_undeclared_template_variables()
    assert names == {"body", "garuda"}
    section = Document(io.BytesIO(default_template())).sections[0]
    assert (round(section.left_margin.cm, 1), round(section.right_margin.cm, 1)) == (3.0, 2.0)
    assert round(section.page_width.cm, 1) == 21.0
