"""The call letter (หนังสือเชิญ) and the announcement (ประกาศ) of a campaign, as .docx and .pdf.

Modelled on seed 003 lines 1–160 (letter ที่ ศธ ๐๔๐๗๙/๑๐๖๙ of ๒๖ มีนาคม ๒๕๖๙ and its ประกาศ), in the
official Thai letter layout (ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบัญ): letter number left and the
office's address right, the date from the middle of the page, เรื่อง/เรียน, the attachments list
(สิ่งที่ส่งมาด้วย), the body with a 2.5 cm first-line indent, the signature block from the middle, and
the owning unit with telephone at the foot. Every number is written in Thai digits.

Where the seed is defective the letter is generated from the campaign instead:
* the seed names three different ESAs (จันทบุรี, ปทุมธานี, นราธิวาส) for one competition: every
  mention here is the campaign's organizing ESA;
* the letter says "จำนวน ๕ ประเภท ดังนี้" and then lists nothing: the categories are listed;
* the seed's deadline is "ณ กลุ่มพัฒนาครูฯ" on paper: entries are submitted in Pramoen, so the letter
  says so and gives the time of the deadline as well as the day.

Fonts: every run names TH Sarabun PSK in the ascii, hAnsi, eastAsia and cs slots with ``w:sz`` and
``w:szCs`` (Word sizes Thai through the complex-script properties only); the font table names
Laksaman (fonts-thai-tlwg, metric-compatible) as ``altName`` so LibreOffice renders with an
installed font.

Letterhead: the body is poured into the ESA's own Word template (``documents.letter_template``,
docxtpl), with the Garuda image (ตราครุฑ) the ESA uploaded; Pramoen ships no image of the Garuda,
so an ESA that has uploaded none gets its letters without it.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import date

from django.utils import translation
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

from pramoen.awards.enums import AwardCategory
from pramoen.awards.models import Campaign, CampaignCategory
from pramoen.documents.docx_thai import FONT_NAME, set_run_fonts
from pramoen.documents.letter_template import render_letter
from pramoen.documents.office import convert_docx_to_pdf
from pramoen.orgs.letterhead import esa_letterhead_files
from pramoen.thai import format_thai_date, format_thai_time, to_thai_digits
from pramoen.thai.dates import MONTHS_LONG

__all__ = [
    "FONT_NAME",
    "LETTER_KINDS",
    "announcement_docx",
    "call_letter_docx",
    "letter_docx",
    "letter_pdf",
]

BODY = Pt(16)
TITLE = Pt(20)
INDENT = Cm(2.5)
SIGN_INDENT = Cm(6)

LETTER_KINDS = {
    "call": "หนังสือเชิญส่งผลงาน",
    "announcement": "ประกาศการคัดเลือก",
}

# ประกาศ ข้อ ๔ (seed 003): the medal bands as printed; the scoring instruments' tiers agree.
AWARD_BANDS = (
    ("รางวัลเหรียญทอง", "๘๐ - ๑๐๐"),
    ("รางวัลเหรียญเงิน", "๗๐ - ๗๙"),
    ("รางวัลเหรียญทองแดง", "๖๐ - ๖๙"),
    ("รางวัลเหรียญชมเชย", "๕๐ - ๕๙"),
)

SUBJECT = "การคัดเลือกสถานศึกษา ผู้บริหารสถานศึกษา ครูและบุคลากรทางการศึกษา เพื่อรับรางวัลระดับเขตพื้นที่การศึกษา"


def _th(value: object) -> str:
    return to_thai_digits(str(value))


def _date_long(value: date, *, era: bool = False) -> str:
    return format_thai_date(value, "long", era=era)


def _date_with_month_word(value: date) -> str:
    # As the seed writes it: "วันที่ ๑๙ เดือนมิถุนายน พ.ศ. ๒๕๖๙".
    return f"{_th(value.day)} เดือน{MONTHS_LONG[value.month - 1]} พ.ศ. {_th(value.year + 543)}"


class _Letter:
    def __init__(self) -> None:
        self.document = Document()
        section = self.document.sections[0]
        # A4 with the margins of official correspondence.
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.top_margin, section.bottom_margin = Cm(2.5), Cm(2)
        section.left_margin, section.right_margin = Cm(3), Cm(2)
        normal = self.document.styles["Normal"]
        set_run_fonts(normal.element.get_or_add_rPr(), FONT_NAME, BODY)
        normal.paragraph_format.space_after = Pt(0)
        normal.paragraph_format.space_before = Pt(0)
        normal.paragraph_format.line_spacing = 1.0

    def paragraph(
        self,
        text: str = "",
        *,
        bold: bool = False,
        size: Pt = BODY,
        align: WD_ALIGN_PARAGRAPH | None = None,
        first_line: Cm | None = None,
        left: Cm | None = None,
        space_before: int = 0,
        target: object | None = None,
    ) -> Paragraph:
        container = target if target is not None else self.document
        paragraph = container.add_paragraph()  # type: ignore[attr-defined]
        if text:
            self.run(paragraph, text, bold=bold, size=size)
        fmt = paragraph.paragraph_format
        if align is not None:
            paragraph.alignment = align
        if first_line is not None:
            fmt.first_line_indent = first_line
        if left is not None:
            fmt.left_indent = left
        if space_before:
            fmt.space_before = Pt(space_before)
        return paragraph

    def run(self, paragraph: Paragraph, text: str, *, bold: bool = False, size: Pt = BODY) -> None:
        run = paragraph.add_run(text)
        run.bold = bold
        set_run_fonts(run._element.get_or_add_rPr(), FONT_NAME, size, bold=bold)

    def labelled(self, label: str, text: str) -> None:
        # "เรื่อง  …" with the continuation lines aligned under the text, not under the label.
        paragraph = self.paragraph(space_before=6)
        paragraph.paragraph_format.left_indent = Cm(1.25)
        paragraph.paragraph_format.first_line_indent = Cm(-1.25)
        paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(1.25))
        self.run(paragraph, label, bold=True)
        self.run(paragraph, f"\t{text}")

    def signature(self, campaign: Campaign, *, closing: str | None) -> None:
        if closing:
            self.paragraph(
                closing, left=SIGN_INDENT, align=WD_ALIGN_PARAGRAPH.CENTER, space_before=12
            )
        for _ in range(3):
            self.paragraph()
        name = campaign.signatory_name.strip() or "...................................."
        self.paragraph(f"({name})", left=SIGN_INDENT, align=WD_ALIGN_PARAGRAPH.CENTER)
        for line in _lines(campaign.signatory_position):
            self.paragraph(line, left=SIGN_INDENT, align=WD_ALIGN_PARAGRAPH.CENTER)

    def to_bytes(self, campaign: Campaign, title: str) -> bytes:
        """The letter on the campaign's ESA template, with its Garuda when uploaded."""
        buffer = io.BytesIO()
        self.document.save(buffer)
        template, garuda = esa_letterhead_files(campaign.esa_id)
        return render_letter(
            body=buffer.getvalue(),
            template=template,
            garuda=garuda,
            context={
                "esa_name": campaign.esa.name_th,
                "esa_address": " ".join(_lines(campaign.esa_address)),
                "letter_title": title,
            },
        )


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _fixed_widths(table, widths: tuple[Cm, ...]) -> None:
    # LibreOffice lays a table out from w:tblGrid, Word from the cells: set both, no autofit.
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def _no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)


def _category_groups(categories: Iterable[CampaignCategory]) -> dict[str, list[CampaignCategory]]:
    """Categories of the campaign in the order of ประกาศ ข้อ ๓, each with its rows."""
    groups: dict[str, list[CampaignCategory]] = {}
    order = {value: index for index, value in enumerate(AwardCategory.values)}
    for category in sorted(categories, key=lambda c: (order[c.category], c.position, c.pk)):
        groups.setdefault(category.category, []).append(category)
    return groups


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


def _deadline_text(campaign: Campaign) -> str:
    local = campaign.deadline_local()
    # A no-break space keeps "น." on the line of its time.
    time = format_thai_time(local, thai_digits=True, sep=".").replace(" ", "\u00a0")
    return f"ภายในวันที่ {_date_with_month_word(local.date())} เวลา {time}"


def call_letter_docx(campaign: Campaign) -> bytes:
    """หนังสือเชิญส่งผลงาน: the letter of seed 003 lines 5–66, generated from the campaign."""
    esa = campaign.esa.name_th
    groups = _category_groups(campaign.categories.all())
    letter = _Letter()

    head = letter.document.add_table(rows=1, cols=2)
    head.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(head)
    _fixed_widths(head, (Cm(8), Cm(8)))
    left, right = head.rows[0].cells
    number = campaign.letter_number.strip() or "ศธ ........../........"
    letter.run(left.paragraphs[0], f"ที่ {_th(number)}")
    letter.run(right.paragraphs[0], esa)
    for line in _lines(campaign.esa_address):
        letter.paragraph(_th(line), target=right)

    if campaign.letter_date:
        dated = _date_long(campaign.letter_date)
    else:
        # An unsigned draft: the registry office fills in the day when the letter is sent.
        dated = f"{MONTHS_LONG[campaign.opens_on.month - 1]} {_th(campaign.opens_on.year + 543)}"
    letter.paragraph(dated, left=Cm(8), space_before=12)

    letter.labelled(
        "เรื่อง",
        f"ขอเชิญร่วมส่งผลงาน{SUBJECT} “{campaign.name}” "
        f"ครั้งที่ {_th(campaign.edition)} ประจำปี {_th(campaign.year_be)}",
    )
    letter.labelled("เรียน", campaign.recipient)

    attachments = [(f"ประกาศ{esa}", "ฉบับ")] + [
        (f"แบบการประเมินประเภท{AwardCategory(key).label}", "ชุด") for key in groups
    ]
    table = letter.document.add_table(rows=len(attachments), cols=4)
    _no_borders(table)
    # "จำนวน" at 16 pt is 1.4 cm of ink and a cell pads 0.19 cm each side: 1.6 cm broke the
    # word on every row in LibreOffice; 2.1 cm keeps it whole (tests read the PDF's lines).
    _fixed_widths(table, (Cm(3.3), Cm(8.5), Cm(2.1), Cm(2.1)))
    for index, (text, unit) in enumerate(attachments):
        cells = table.rows[index].cells
        values = (
            "สิ่งที่ส่งมาด้วย" if index == 0 else "",
            f"{_th(index + 1)}. {text}",
            "จำนวน",
            f"๑ {unit}",
        )
        for cell, value in zip(cells, values, strict=True):
            if value:
                letter.run(cell.paragraphs[0], value, bold=(value == "สิ่งที่ส่งมาด้วย"))

    letter.paragraph(
        f"ด้วย{esa} ได้จัดทำโครงการ{SUBJECT} “{campaign.name}” ครั้งที่ {_th(campaign.edition)} "
        f"ประจำปี {_th(campaign.year_be)} โดยมีวัตถุประสงค์เพื่อเสริมสร้างประสิทธิภาพในการปฏิบัติหน้าที่"
        "ในสถานศึกษา ผู้บริหารสถานศึกษา ครูและบุคลากรทางการศึกษา ให้มีผลงานดีเด่นที่ประสบความสำเร็จ"
        "เป็นที่ประจักษ์ สามารถเผยแพร่ได้และเพื่อยกย่องเชิดชูเกียรติ เป็นแบบอย่างได้ "
        f"ซึ่งจะดำเนินการคัดเลือกผลงาน จำนวน {_th(len(groups))} ประเภท ดังนี้",
        first_line=INDENT,
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        space_before=12,
    )
    for index, key in enumerate(groups, start=1):
        letter.paragraph(f"{_th(index)}. ประเภท{AwardCategory(key).label}", left=INDENT)
    letter.paragraph(
        f"ในการนี้ {esa} จึงขอเชิญท่านร่วมส่งผลงานและประชาสัมพันธ์ให้ข้าราชการครูในสังกัดทราบ"
        "โดยทั่วกัน กำหนดส่งผลงานผ่านระบบประเมินผลงานออนไลน์ของสำนักงานเขตพื้นที่การศึกษา "
        f"ตั้งแต่วันที่ {_date_with_month_word(campaign.opens_on)} {_deadline_text(campaign)}",
        first_line=INDENT,
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        space_before=6,
    )
    letter.paragraph("จึงเรียนมาเพื่อทราบและดำเนินการต่อไป", first_line=INDENT, space_before=6)
    letter.signature(campaign, closing="ขอแสดงความนับถือ")

    letter.paragraph(campaign.contact_unit, space_before=24)
    if campaign.contact_phone:
        letter.paragraph(f"โทร. {_th(campaign.contact_phone)}")
    if campaign.contact_fax:
        letter.paragraph(f"โทรสาร {_th(campaign.contact_fax)}")
    return letter.to_bytes(campaign, LETTER_KINDS["call"])


def announcement_docx(campaign: Campaign) -> bytes:
    """ประกาศ: the announcement of seed 003 lines 68–160, its numbers taken from the campaign."""
    esa = campaign.esa.name_th
    groups = _category_groups(campaign.categories.all())
    doc = _Letter()
    center = WD_ALIGN_PARAGRAPH.CENTER
    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    doc.paragraph(f"ประกาศ{esa}", bold=True, align=center)
    doc.paragraph(f"เรื่อง {SUBJECT}", bold=True, align=center)
    doc.paragraph(
        f"“{campaign.name}” ครั้งที่ {_th(campaign.edition)} ประจำปี พ.ศ. {_th(campaign.year_be)}",
        bold=True,
        align=center,
    )
    doc.paragraph("-" * 30, align=center)
    doc.paragraph(
        f"{esa} ได้พิจารณา{SUBJECT} “{campaign.name}” โดยมีวัตถุประสงค์เพื่อส่งเสริม สนับสนุน ยกย่อง "
        "ผู้ประกอบวิชาชีพทางการศึกษาและเป็นการสร้างแรงจูงใจให้ผู้บริหารสถานศึกษา ครูและบุคลากรทางการศึกษา "
        "มีขวัญและกำลังใจในการพัฒนางานให้มีประสิทธิภาพสูงขึ้น จึงกำหนดคุณสมบัติและหลักเกณฑ์ ดังนี้",
        first_line=INDENT,
        align=justify,
        space_before=6,
    )

    number = 0

    def heading(text: str) -> None:
        nonlocal number
        number += 1
        doc.paragraph(f"{_th(number)}. {text}", bold=True, first_line=INDENT, space_before=6)

    def item(text: str, sub: int) -> None:
        doc.paragraph(f"{_th(number)}.{_th(sub)} {text}", first_line=INDENT, align=justify)

    if AwardCategory.SCHOOL in groups:
        heading("คุณสมบัติของสถานศึกษา")
        school_rules = (
            f"เป็นสถานศึกษาสังกัด{esa}",
            "มีคะแนนเฉลี่ยอย่างน้อย ๒ วิชาในการสอบ O-NET ของปีการศึกษาปัจจุบันหรือปีการศึกษาที่ผ่านมา "
            "สูงกว่าค่าเฉลี่ยของระดับเขตพื้นที่ในทุกระดับชั้นที่สอบ",
            "ผ่านการรับรองมาตรฐานจาก สมศ. และผลการประเมินโดยภาพรวมอยู่ในระดับดีขึ้นไปในการประเมินรอบ ๔/๕",
            "ได้รับรางวัล/ยกย่องเชิดชูเกียรติในระดับเขตพื้นที่ขึ้นไปอย่างน้อย ๑ รางวัล ในรอบ ๓ ปีการศึกษาที่ผ่านมา",
        )
        for sub, text in enumerate(school_rules, start=1):
            item(text, sub)

    heading("คุณสมบัติผู้ส่งผลงานเข้ารับการคัดเลือก")
    person_rules = (
        "ดำรงตำแหน่งลูกจ้าง หรือพนักงานราชการ หรือข้าราชการพลเรือนสามัญ หรือข้าราชการครู"
        f"และบุคลากรทางการศึกษา สังกัด{esa}",
        "ปฏิบัติหน้าที่ในสถานศึกษาปัจจุบันมาแล้วไม่น้อยกว่า "
        f"{_th(campaign.min_years_in_post)} ปี นับถึงวันที่ยื่นขอรับการประเมิน",
        f"เป็นผู้ไม่เคยถูกลงโทษทางวินัยภายใน {_th(campaign.discipline_lookback_years)} ปี "
        "นับถึงวันที่ยื่นขอรับการประเมิน (แนบ ก.พ.๗)",
        "มีความประพฤติในการครองตน ครองคน ครองงาน เป็นแบบอย่างที่ดีและยอมรับของบุคคลในวิชาชีพและสังคม",
        "มีผลการปฏิบัติงานเป็นที่ยอมรับตามหลักเกณฑ์และวิธีการของคณะกรรมการประเมินกำหนด",
        "เป็นผู้ไม่เคยได้รับรางวัลทรงคุณค่า สพฐ. OBEC AWARDS มาก่อนย้อนหลัง "
        f"{_th(campaign.obec_award_lookback_years)} ปี",
        f"เป็นผู้ไม่เคยได้รับรางวัลชนะเลิศเหรียญทอง {campaign.name} มาก่อนย้อนหลัง "
        f"{_th(campaign.gold_lookback_years)} ปี (ในด้านเดิม)",
    )
    for sub, text in enumerate(person_rules, start=1):
        item(text, sub)

    heading(f"ประเภทของผลงาน แบ่งเป็น {_th(len(groups))} ประเภท ประกอบด้วย")
    for sub, (key, rows) in enumerate(groups.items(), start=1):
        item(f"ประเภท{AwardCategory(key).label}", sub)
        for label, values in (
            ("ด้าน", _unique(str(r.get_domain_display()) for r in rows)),
            ("ระดับ", _unique(str(r.get_teacher_level_display()) for r in rows if r.teacher_level)),
            (
                "กลุ่มสาระ",
                _unique(str(r.get_learning_area_display()) for r in rows if r.learning_area),
            ),
            ("ขนาดโรงเรียน", _unique(str(r.get_size_class_display()) for r in rows if r.size_class)),
        ):
            if values:
                doc.paragraph(f"{label}: {' / '.join(values)}", left=Cm(3.5))

    heading("รางวัลการประกวด")
    for name, band in AWARD_BANDS:
        doc.paragraph(f"- {name} {band} คะแนน", left=Cm(3.5))
    doc.paragraph("ผู้ที่ตรวจคุณสมบัติเบื้องต้นแล้ว ไม่ผ่าน ไม่มอบเกียรติบัตร", first_line=INDENT)

    heading("ระยะเวลาในการยื่นใบสมัครพร้อมผลงาน")
    doc.paragraph(
        f"ส่งผลงานผ่านระบบประเมินผลงานออนไลน์ ตั้งแต่วันที่ {_date_with_month_word(campaign.opens_on)} "
        f"{_deadline_text(campaign)}",
        first_line=INDENT,
        align=justify,
    )
    if campaign.correction_starts_on and campaign.correction_ends_on:
        doc.paragraph(
            f"แก้ไขเอกสารตามที่คณะกรรมการแจ้ง ระหว่างวันที่ {_date_long(campaign.correction_starts_on)} "
            f"ถึงวันที่ {_date_long(campaign.correction_ends_on)}",
            first_line=INDENT,
        )
    if campaign.judging_starts_on:
        end = campaign.judging_ends_on or campaign.judging_starts_on
        doc.paragraph(
            f"คณะกรรมการพิจารณาผลงานระหว่างวันที่ {_date_long(campaign.judging_starts_on)} "
            f"ถึงวันที่ {_date_long(end)}",
            first_line=INDENT,
        )
    if campaign.announce_on:
        doc.paragraph(f"ประกาศผลภายในวันที่ {_date_long(campaign.announce_on)}", first_line=INDENT)

    heading(f"การส่งเล่มผลงาน รางวัล {campaign.name} ดำเนินการดังต่อไปนี้")
    fonts = " หรือ ".join(str(f) for f in campaign.allowed_fonts)
    size = format(campaign.body_font_size_pt.normalize(), "f")
    qr = " (รูปแบบผลงาน ไม่รับรูปแบบ QR Code)" if campaign.forbid_qr_codes else ""
    doc.paragraph(
        "จัดทำเอกสารเป็นไฟล์ PDF ความยาวของเนื้อหาและภาคผนวก (รวมปก / คำนำ / สารบัญ) "
        f"จำนวนไม่เกิน {_th(campaign.max_pages)} หน้า ใช้กระดาษ {_th(campaign.paper_size)} "
        f"พิมพ์ด้วยอักษรแบบ {fonts} ขนาดตัวอักษร {_th(size)} point{qr}",
        first_line=INDENT,
        align=justify,
    )

    signed = campaign.letter_date or campaign.opens_on
    doc.paragraph(
        f"ประกาศ ณ วันที่ {_date_with_month_word(signed)}",
        left=SIGN_INDENT,
        align=center,
        space_before=12,
    )
    doc.signature(campaign, closing=None)
    return doc.to_bytes(campaign, LETTER_KINDS["announcement"])


_BUILDERS = {"call": call_letter_docx, "announcement": announcement_docx}


def letter_docx(campaign: Campaign, kind: str) -> bytes:
    """``kind`` is a key of :data:`LETTER_KINDS`. Always Thai: an official letter, whatever
    language the page that asks for it is in (the choices' labels have English translations)."""
    with translation.override("th"):
        return _BUILDERS[kind](campaign)


def letter_pdf(campaign: Campaign, kind: str, *, timeout: float = 60.0) -> bytes:
    return convert_docx_to_pdf(letter_docx(campaign, kind), timeout=timeout)


def letter_pdf_build(*, campaign: int, kind: str) -> bytes:
    """The PDF of a letter, built by a worker (``core.generated``): LibreOffice takes seconds."""
    from pramoen.core.jobs import JobFailed
    from pramoen.documents.office import OfficeConversionError

    try:
        return letter_pdf(Campaign.objects.select_related("esa").get(pk=campaign), kind)
    except OfficeConversionError as exc:
        raise JobFailed(
            "สร้างไฟล์ PDF ไม่สำเร็จในขณะนี้ กรุณาดาวน์โหลดไฟล์ .docx แทน หรือลองใหม่ภายหลัง"
        ) from exc
