"""Writing the report: .docx with Thai fonts on every run, and PDF through LibreOffice."""

from __future__ import annotations

import io
from dataclasses import dataclass
from os import PathLike

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from pramoen.documents.docx_thai import (
    FONT_FALLBACK,
    FONT_NAME,
    SYMBOL_FONT,
    add_font_fallback,
    set_run_fonts,
)
from pramoen.documents.kpi_report.data import (
    EsaBestPractice,
    KpiReportData,
    SchoolBestPractice,
    SectionProgress,
    TwoYearCount,
)
from pramoen.documents.kpi_report.template import (
    BEST_PRACTICE_TITLE_LABEL,
    INTEGRATED_CAPTION,
    KPI_TITLE,
    SECTION_TITLES,
    SHARING_CAPTION,
)
from pramoen.documents.kpi_report.text import change_text, thai_digits_in_text
from pramoen.documents.office import DEFAULT_TIMEOUT_SECONDS, convert_docx_to_pdf

BODY_SIZE = Pt(16)
TITLE_SIZE = Pt(18)
CHECKED = "☑"
UNCHECKED = "☐"
EMPTY = "–"
# A draft's gap (issue 20: a draft downloads with what is missing marked, never a failure).
GAP = "[ยังไม่ได้กรอก]"
# The signature space after "ผู้รายงานข้อมูล" (seed 000 line 116 prints a dotted line there).
SIGNATURE_DOTS = "…" * 24
# The closing block sits in the right half of the page, as Thai official forms place it.
SIGNATURE_LEVEL = 13


@dataclass(frozen=True, slots=True)
class Gap:
    """A value that a draft may not have yet (printed as :data:`GAP`)."""

    value: object


class _Writer:
    """Appends paragraphs and runs with the Thai font settings on every run."""

    def __init__(self, *, thai_digits: bool, draft: bool = False) -> None:
        self.thai_digits = thai_digits
        self.draft = draft
        self.document = Document()
        self._setup_page_and_styles()

    def t(self, text: str) -> str:
        return thai_digits_in_text(text) if self.thai_digits else text

    def _setup_page_and_styles(self) -> None:
        for section in self.document.sections:
            # A4 with the margins of Thai official correspondence (ระเบียบงานสารบรรณ).
            section.page_width = Cm(21.0)
            section.page_height = Cm(29.7)
            section.top_margin = Cm(2.5)
            section.bottom_margin = Cm(2.0)
            section.left_margin = Cm(3.0)
            section.right_margin = Cm(2.0)
        styles = self.document.styles.element
        # The default template's docDefaults use theme fonts (w:cstheme …), which take precedence
        # over explicit names in Word: replace them so every level names the Thai font.
        rpr_default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        set_run_fonts(rpr_default, FONT_NAME, BODY_SIZE)
        normal = self.document.styles["Normal"]
        set_run_fonts(normal.element.get_or_add_rPr(), FONT_NAME, BODY_SIZE)
        normal.paragraph_format.space_after = Pt(0)
        normal.paragraph_format.line_spacing = 1.0
        for table_style in ("Table Grid", "Normal Table"):
            style = self.document.styles[table_style]
            set_run_fonts(style.element.get_or_add_rPr(), FONT_NAME, BODY_SIZE)
        core = self.document.core_properties
        core.language = "th-TH"

    def paragraph(
        self,
        text: str = "",
        *,
        level: int = 0,
        bold: bool = False,
        size: Pt = BODY_SIZE,
        align: WD_ALIGN_PARAGRAPH | None = None,
    ) -> Paragraph:
        paragraph = self.document.add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.left_indent = Cm(0.6 * level)
        if align is not None:
            paragraph.alignment = align
        if text:
            self.run(paragraph, text, bold=bold, size=size)
        return paragraph

    def run(
        self,
        paragraph: Paragraph,
        text: str,
        *,
        bold: bool = False,
        size: Pt = BODY_SIZE,
        font: str = FONT_NAME,
        convert: bool = True,
        highlight: bool = False,
    ) -> None:
        run = paragraph.add_run(self.t(text) if convert else text)
        run.bold = True if bold else None
        rpr = run._element.get_or_add_rPr()
        set_run_fonts(rpr, font, size, bold=bold)
        if highlight or text == GAP:
            # Visible on screen and in print: bold on a yellow highlight.
            run.bold = True
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW

    def value(self, value: object) -> str:
        """A number or text as printed: a draft's missing value is the marked gap."""
        if value is None or value == "":
            return GAP if self.draft else EMPTY
        return str(value)

    def runs(self, paragraph: Paragraph, *parts: object) -> None:
        """Text and values in one paragraph; a gap gets its own (highlighted) run."""
        for part in parts:
            if isinstance(part, Gap):
                self.run(paragraph, self.value(part.value))
            else:
                self.run(paragraph, str(part))

    def heading(self, number: str, *, level: int) -> Paragraph:
        return self.paragraph(f"{number} {SECTION_TITLES[number]}", level=level, bold=True)

    def labelled(self, label: str, value: str, *, level: int) -> None:
        """A "label……value" line of the template; multi-line values continue indented."""
        lines = [line.strip() for line in value.splitlines() if line.strip()] or [self.value(None)]
        paragraph = self.paragraph(level=level)
        self.run(paragraph, label, bold=True)
        self.run(paragraph, " " + lines[0])
        for line in lines[1:]:
            self.paragraph(line, level=level + 1)

    def checkboxes(self, number: str, has: bool, *, level: int) -> None:
        paragraph = self.paragraph(level=level)
        self.run(paragraph, f"{number} {SECTION_TITLES[number]}", bold=True)
        self.run(paragraph, "  ")
        self.run(paragraph, CHECKED if has else UNCHECKED, font=SYMBOL_FONT, convert=False)
        self.run(paragraph, " มี  ")
        self.run(paragraph, UNCHECKED if has else CHECKED, font=SYMBOL_FONT, convert=False)
        self.run(paragraph, " ไม่มี")

    def cell(self, cell: _Cell, text: str, *, bold: bool = False) -> None:
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self.run(paragraph, text, bold=bold)

    def two_year_table(self, caption: str, counts: TwoYearCount, years: tuple[int, int]) -> None:
        # Seed lines 161–165: a caption row over three columns — the two academic years and
        # "เพิ่มขึ้น/ลดลง" — then one row of counts.
        table = self.document.add_table(rows=3, cols=3)
        table.style = self.document.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        caption_cell = table.cell(0, 0).merge(table.cell(0, 2))
        self.cell(caption_cell, caption, bold=True)
        headers = (f"ปีการศึกษา {years[0]}", f"ปีการศึกษา {years[1]}", "เพิ่มขึ้น/ลดลง")
        for column, header in enumerate(headers):
            self.cell(table.cell(1, column), header, bold=True)
        change = counts.change
        values = (
            self.value(counts.previous_year),
            self.value(counts.current_year),
            self.value(None) if change is None else change_text(change),
        )
        for column, value in enumerate(values):
            self.cell(table.cell(2, column), value)
        self.paragraph()

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return add_font_fallback(
            buffer.getvalue(), ((FONT_NAME, FONT_FALLBACK), (SYMBOL_FONT, None))
        )


def _progress(writer: _Writer, number: str, progress: SectionProgress, months: int) -> None:
    writer.heading(number, level=1)
    writer.labelled(
        f"{number}.1 การดำเนินงาน (ความก้าวหน้ารอบ {months} เดือน)", progress.operations, level=2
    )
    writer.labelled(f"{number}.2 ผลการดำเนินงาน", progress.results, level=2)


def _esa_best_practice(writer: _Writer, number: str, practice: EsaBestPractice) -> None:
    writer.checkboxes(number, practice.has, level=2)
    writer.labelled(f"1) {BEST_PRACTICE_TITLE_LABEL}", practice.title, level=3)
    writer.labelled("2) ขั้นตอน/วิธีการดำเนินการโดยสังเขป", practice.steps, level=3)
    writer.labelled("3) ผลสำเร็จของการดำเนินงานที่เห็นเป็นรูปธรรม", practice.results, level=3)


def _school_best_practice(writer: _Writer, number: str, practice: SchoolBestPractice) -> None:
    writer.checkboxes(number, practice.has, level=2)
    groups = practice.grouped() or [("", [""])]
    for school, titles in groups:
        writer.labelled("ชื่อโรงเรียน", school, level=3)
        for index, title in enumerate(titles, start=1):
            writer.labelled(f"{index}) {BEST_PRACTICE_TITLE_LABEL}", title, level=3)


def render_kpi_report_docx(data: KpiReportData, *, thai_digits: bool) -> bytes:
    """The 12-month report as .docx bytes, following the template in seed 000 lines 142–207."""
    writer = _Writer(thai_digits=thai_digits, draft=data.draft)
    months = data.round.months
    centre = WD_ALIGN_PARAGRAPH.CENTER
    if data.draft:
        _draft_notice(writer, data.gaps())
    writer.paragraph(KPI_TITLE, bold=True, size=TITLE_SIZE, align=centre)
    writer.paragraph(
        f"รายงานสรุปผลการดำเนินงานโครงการโรงเรียนคุณภาพ รอบ {months} เดือน "
        f"ปีงบประมาณ พ.ศ. {data.fiscal_year_be}",
        bold=True,
        align=centre,
    )
    writer.paragraph(data.esa_name, bold=True, align=centre)
    writer.paragraph()

    writer.heading("1", level=0)
    _progress(writer, "1.1", data.section_1_1, months)
    _progress(writer, "1.2", data.section_1_2, months)

    s13 = data.section_1_3
    quantitative = s13.quantitative
    writer.heading("1.3", level=1)
    writer.labelled(f"1.3.1 การดำเนินงาน (ความก้าวหน้ารอบ {months} เดือน)", s13.operations, level=2)
    writer.paragraph("1.3.2 ผลการดำเนินงาน", level=2, bold=True)
    writer.paragraph("1.3.2.1 เชิงปริมาณ", level=3, bold=True)
    writer.runs(
        writer.paragraph(level=4),
        "1) โรงเรียนเครือข่าย ทั้งหมดจำนวน ",
        Gap(quantitative.total),
        " โรงเรียน",
    )
    percent = quantitative.participating_percent
    writer.runs(
        writer.paragraph(level=4),
        "2) โรงเรียนเครือข่ายเข้าร่วมในการจัดการเรียนรวม หรือมีการใช้ทรัพยากรร่วมกันกับโรงเรียนคุณภาพ จำนวน ",
        Gap(quantitative.participating),
        " โรงเรียน คิดเป็นร้อยละ ",
        EMPTY if percent is None else percent,
        " จำแนกเป็น",
    )
    years = data.academic_years
    writer.paragraph("2.1) โรงเรียนเครือข่ายเข้าร่วมในการจัดการเรียนรวม", level=5)
    writer.two_year_table(INTEGRATED_CAPTION, quantitative.integrated_learning, years)
    writer.labelled(
        "กรณีโรงเรียนเครือข่ายไม่สามารถเข้าร่วมในการจัดการเรียนรวมได้ เนื่องจาก",
        quantitative.integrated_learning_reasons,
        level=5,
    )
    writer.paragraph("2.2) โรงเรียนเครือข่ายมีการใช้ทรัพยากรร่วมกันกับโรงเรียนคุณภาพ", level=5)
    writer.two_year_table(SHARING_CAPTION, quantitative.resource_sharing, years)
    writer.labelled(
        "กรณีโรงเรียนเครือข่ายไม่สามารถใช้ทรัพยากรร่วมกันกับโรงเรียนคุณภาพได้ เนื่องจาก",
        quantitative.resource_sharing_reasons,
        level=5,
    )
    writer.labelled("1.3.2.2 เชิงคุณภาพ", s13.qualitative, level=3)

    _progress(writer, "1.4", data.section_1_4, months)
    _progress(writer, "1.5", data.section_1_5, months)

    writer.heading("2", level=0)
    impacts = data.impacts
    for number, text in (
        ("2.1", impacts.learners),
        ("2.2", impacts.teachers_and_administrators),
        ("2.3", impacts.schools),
        ("2.4", impacts.partners),
    ):
        writer.labelled(f"{number} {SECTION_TITLES[number]}", text, level=1)

    writer.heading("3", level=0)
    writer.heading("3.1", level=1)
    _esa_best_practice(writer, "3.1.1", data.esa_management)
    _esa_best_practice(writer, "3.1.2", data.esa_resource_sharing)
    writer.heading("3.2", level=1)
    _school_best_practice(writer, "3.2.1", data.school_management)
    _school_best_practice(writer, "3.2.2", data.school_teaching)

    writer.heading("4", level=0)
    writer.labelled("ปัญหาอุปสรรค", data.problems, level=1)
    writer.labelled("ข้อเสนอแนะ", data.suggestions, level=1)

    _signature_block(writer, data)
    return writer.to_bytes()


def _draft_notice(writer: _Writer, gaps: list[str]) -> None:
    """Top of a draft: it is a draft, and what is still missing (also marked where it belongs)."""
    paragraph = writer.paragraph()
    writer.run(paragraph, "ฉบับร่าง (ยังไม่ได้ส่งรายงาน)", bold=True, highlight=True)
    if gaps:
        writer.run(
            paragraph,
            f" — ยังไม่ได้กรอก {len(gaps)} รายการ: {', '.join(gaps)} (ช่องที่ยังว่างพิมพ์ว่า {GAP})",
            highlight=True,
        )
    writer.paragraph()


def _signature_block(writer: _Writer, data: KpiReportData) -> None:
    """Seed 000 lines 116-119, the lines the form prints and no others: ผู้รายงานข้อมูล (a dotted
    space to sign), ตำแหน่ง, เบอร์โทร, e-mail. The name the ESA typed goes in parentheses under
    the signature space, where a Thai official signature carries the signer's full name."""
    reporter = data.reporter
    writer.paragraph()
    writer.paragraph()
    sign = writer.paragraph(level=SIGNATURE_LEVEL)
    writer.run(sign, "ผู้รายงานข้อมูล ")
    writer.run(sign, SIGNATURE_DOTS, convert=False)
    name = writer.paragraph(level=SIGNATURE_LEVEL)
    writer.runs(name, "(", Gap(reporter.name), ")")
    for label, value in (
        ("ตำแหน่ง", reporter.position),
        ("เบอร์โทร", reporter.phone),
        ("e-mail", reporter.email),
    ):
        writer.runs(writer.paragraph(level=SIGNATURE_LEVEL), f"{label} ", Gap(value))


def render_kpi_report_pdf(
    data: KpiReportData,
    *,
    thai_digits: bool,
    timeout: float = DEFAULT_TIMEOUT_SECONDS,
    soffice: str | PathLike[str] | None = None,
) -> bytes:
    """The same report as PDF, converted by LibreOffice headless."""
    docx_bytes = render_kpi_report_docx(data, thai_digits=thai_digits)
    return convert_docx_to_pdf(docx_bytes, timeout=timeout, soffice=soffice)
