"""The KPI 10 12-month Word report (pure Python, no Django).

Seed 000 ends with the attachment OBEC asks every ESA to fill in Word: "ตัวชี้วัดตามนโยบาย
เร่งด่วนของ สพฐ. ตัวชี้วัดที่ 10 …", sections 1.1–4 (seed lines 142–207). :class:`KpiReportData` is
that template as typed data; :func:`render_kpi_report_docx` writes it as a .docx that follows the
template's numbering, and :func:`render_kpi_report_pdf` converts it with LibreOffice.

Decisions where the template is silent or defective (each also listed in the KPI 10 instrument's
``resolution`` notes):

* Percentage of participating network schools (1.3.2.1 item 2 "คิดเป็นร้อยละ") — the form gives no
  rounding: exact rational ``participating × 100 / total``, rounded half-up to 2 decimals
  (:data:`PERCENT_ROUNDING`); undefined (rendered "–") when the ESA has no network school.
* The two-year table names fixed academic years 2565/2566 (written for fiscal year 2566): the
  years default to (fiscal year − 1, fiscal year) and can be overridden; "เพิ่มขึ้น/ลดลง" is
  current − previous, written "เพิ่มขึ้น N" / "ลดลง N" / "เท่าเดิม".
* 2.2) resource sharing shows only the table caption (its columns are lost in the seed): it gets
  the same two-year table as 2.1).
* 3.2.1 has a lone "1) ชื่อผลงาน…" under "ชื่อโรงเรียน" and 3.2.2 has no sub-fields at all: both take
  a list of (school, title) entries, grouped per school and numbered 1), 2)… within a school.
* Section 4 has no sub-items: "ปัญหาอุปสรรค" and "ข้อเสนอแนะ" are two labelled paragraphs.
* The reporter block (seed lines 116–119) closes the report.

Fonts: every run names TH Sarabun PSK for ascii/hAnsi/eastAsia/cs with ``w:sz`` and ``w:szCs``
(Thai is a complex script: Word sizes and fonts it through the ``cs`` attributes only). The
font table gives Laksaman as ``altName``: Debian's fonts-thai-tlwg ships Laksaman as the
metric-compatible TH Sarabun and its fontconfig rule maps "TH Sarabun*" to it, so LibreOffice
renders with a font that is really installed. Checkbox glyphs ☑/☐ are not in Thai fonts and
use DejaVu Sans.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from os import PathLike
from typing import Annotated, Any, Self

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from pramoen.documents.docx_thai import (
    FONT_FALLBACK,
    FONT_NAME,
    SYMBOL_FONT,
    add_font_fallback,
    set_run_fonts,
)
from pramoen.documents.office import DEFAULT_TIMEOUT_SECONDS, convert_docx_to_pdf
from pramoen.thai import format_thai_date, parse_int, to_thai_digits

__all__ = [
    "CHECKED",
    "FONT_FALLBACK",
    "FONT_NAME",
    "PERCENT_ROUNDING",
    "REPORT_FIELD_IDS",
    "SECTION_TITLES",
    "SYMBOL_FONT",
    "UNCHECKED",
    "EsaBestPractice",
    "Impacts",
    "KpiReportData",
    "NetworkSchools",
    "ReportRound",
    "Reporter",
    "SchoolBestPractice",
    "SchoolBestPracticeEntry",
    "Section13",
    "SectionProgress",
    "TwoYearCount",
    "change_text",
    "percentage",
    "render_kpi_report_docx",
    "render_kpi_report_pdf",
    "report_data_from_answers",
    "thai_digits_in_text",
]

BODY_SIZE = Pt(16)
TITLE_SIZE = Pt(18)
CHECKED = "☑"
UNCHECKED = "☐"
EMPTY = "–"
# 1.3.2.1 item 2 asks for "คิดเป็นร้อยละ" without saying how to round: two places, half-up.
PERCENT_ROUNDING = "2 decimal places, ROUND_HALF_UP, from the exact fraction"
_HUNDREDTHS = Decimal("0.01")

# Seed 000 line 142 (the header of the attachment) and line 24 (the 8 focus areas, with the
# form's own unbalanced "(1)" kept as printed).
KPI_TITLE = (
    "ตัวชี้วัดตามนโยบายเร่งด่วนของ สพฐ. ตัวชี้วัดที่ 10 ระดับความสำเร็จของการบริหารจัดการ"
    "โรงเรียนคุณภาพและการใช้ทรัพยากรร่วมกันได้สำเร็จตามเป้าหมาย"
)
FOCUS_AREAS = (
    "(1) ความปลอดภัยของผู้เรียน 2) ระบบประกันคุณภาพ 3) หลักสูตรแกนกลางการศึกษาขั้นพื้นฐาน "
    "พุทธศักราช 2551 เพื่อพัฒนาสมรรถนะผู้เรียน ผ่านกระบวนการจัดการเรียนรู้เชิงรุก (Active Learning) "
    "4) การพัฒนาครู 5) การเรียนการสอน 6) การวัดและประเมินผล 7) การนิเทศ กำกับ และติดตาม "
    "8) Big Data)"
)
SECTION_TITLES: dict[str, str] = {
    "1": "ผลการดำเนินงานการขับเคลื่อนโครงการโรงเรียนคุณภาพ เกี่ยวกับการบริหารจัดการโรงเรียนคุณภาพและ"
    "การใช้ทรัพยากรร่วมกันได้สำเร็จตามเป้าหมาย",
    "1.1": "การขับเคลื่อนการดำเนินการตามแผนงาน/โครงการ/กิจกรรม เพื่อการบริหารจัดการโรงเรียนคุณภาพ "
    "และการใช้ทรัพยากรร่วมกันได้สำเร็จตามเป้าหมาย",
    "1.2": "การส่งเสริม สนับสนุนโรงเรียนคุณภาพให้มีเครือข่ายการมีส่วนร่วมกับบุคคล หน่วยงานทุกภาคส่วน "
    "ให้เข้ามามีส่วนร่วมในการจัดการศึกษา",
    "1.3": "การส่งเสริม สนับสนุนโรงเรียนเครือข่ายเข้าร่วมในการจัดการเรียนรวม "
    "หรือมีการใช้ทรัพยากรร่วมกันกับโรงเรียนคุณภาพ",
    "1.4": "การส่งเสริม สนับสนุนโรงเรียนคุณภาพในการยกระดับคุณภาพการศึกษาภายใต้จุดเน้น 8 ด้าน " + FOCUS_AREAS,
    "1.5": "การนิเทศ กำกับ ติดตาม การบริหารจัดการโรงเรียนคุณภาพและการใช้ทรัพยากรร่วมกันได้สำเร็จตามเป้าหมาย",
    "2": "ผลกระทบเชิงบวก (Impact) ของการขับเคลื่อนโครงการโรงเรียนคุณภาพ 4 ด้าน",
    "2.1": "ด้านผู้เรียน",
    "2.2": "ด้านครูและบุคลากรทางการศึกษา และผู้บริหารสถานศึกษา",
    "2.3": "ด้านโรงเรียน",
    "2.4": "ด้านภาคีเครือข่าย",
    # Seed line 192 has no space before "การบริหารจัดการ"; kept as printed.
    "3": "ผลงาน/รูปแบบ/แนวทาง/นวัตกรรม/วิธีการปฏิบัติที่ดี/วิธีการปฏิบัติที่เป็นเลิศการบริหารจัดการ"
    "โรงเรียนคุณภาพ และการใช้ทรัพยากรร่วมกันได้สำเร็จตามเป้าหมาย",
    "3.1": "ระดับสำนักงานเขตพื้นที่การศึกษา",
    "3.1.1": "ด้านการบริหารจัดการโรงเรียนคุณภาพ",
    "3.1.2": "ด้านการใช้ทรัพยากรร่วมกันได้สำเร็จตามเป้าหมาย",
    "3.2": "ระดับโรงเรียน",
    "3.2.1": "ด้านการบริหารจัดการ",
    "3.2.2": "ด้านการจัดการเรียนการสอน",
    "4": "ปัญหาอุปสรรค และ ข้อเสนอแนะ",
}
BEST_PRACTICE_TITLE_LABEL = "ชื่อผลงาน/รูปแบบ/แนวทาง/นวัตกรรม/วิธีการปฏิบัติที่ดี/วิธีการปฏิบัติที่เป็นเลิศ"
INTEGRATED_CAPTION = "จำนวนโรงเรียนเครือข่ายเข้าร่วมในการจัดการเรียนรวม"
SHARING_CAPTION = "จำนวนโรงเรียนเครือข่ายมีการใช้ทรัพยากรร่วมกันกับโรงเรียนคุณภาพ"

# XML 1.0 forbids C0 controls other than tab/newline/CR; python-docx would fail on them deep inside
# rendering, so they are refused at the door with a message the user can act on.
_XML_INVALID_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(value: str) -> str:
    bad = _XML_INVALID_RE.search(value)
    if bad:
        raise ValueError(
            f"ข้อความมีอักขระควบคุม (U+{ord(bad.group()):04X}) ที่ใส่ในเอกสาร Word ไม่ได้ "
            "กรุณาลบออกแล้วบันทึกใหม่ / text contains a control character Word cannot store"
        )
    return value


Text = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=20_000), AfterValidator(_xml_safe)
]
ShortText = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=500), AfterValidator(_xml_safe)
]
Count = Annotated[int, Field(ge=0, le=1_000_000)]
YearBE = Annotated[int, Field(ge=2400, le=2800)]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ReportRound(StrEnum):
    SIX_MONTHS = "6m"
    TWELVE_MONTHS = "12m"

    @property
    def months(self) -> int:
        return 6 if self is ReportRound.SIX_MONTHS else 12


class SectionProgress(_Model):
    """1.x.1 การดำเนินงาน (ความก้าวหน้ารอบ 12 เดือน) and 1.x.2 ผลการดำเนินงาน."""

    operations: Text = ""
    results: Text = ""


class TwoYearCount(_Model):
    """One row of the two-year table (seed lines 161–165): counts for two academic years."""

    previous_year: Count
    current_year: Count

    @property
    def change(self) -> int:
        """ "เพิ่มขึ้น/ลดลง": current − previous (negative is a decrease)."""
        return self.current_year - self.previous_year


class NetworkSchools(_Model):
    """1.3.2.1 เชิงปริมาณ (seed lines 156–171)."""

    total: Count
    """1) โรงเรียนเครือข่าย ทั้งหมดจำนวน … โรงเรียน"""
    participating: Count
    """2) … เข้าร่วมในการจัดการเรียนรวม หรือมีการใช้ทรัพยากรร่วมกัน … จำนวน … โรงเรียน"""
    integrated_learning: TwoYearCount
    integrated_learning_reasons: Text = ""
    resource_sharing: TwoYearCount
    resource_sharing_reasons: Text = ""

    @model_validator(mode="after")
    def _participating_within_total(self) -> Self:
        if self.participating > self.total:
            raise ValueError(
                f"จำนวนโรงเรียนเครือข่ายที่เข้าร่วม ({self.participating}) มากกว่าจำนวนโรงเรียนเครือข่าย"
                f"ทั้งหมด ({self.total}) / participating schools exceed the total"
            )
        return self

    @property
    def participating_percent(self) -> Decimal | None:
        """ "คิดเป็นร้อยละ": see :func:`percentage`."""
        return percentage(self.participating, self.total)

    def consistency_warnings(self) -> list[str]:
        """Thai notes when the counts contradict each other but a report can still be written.

        Item 2 counts schools in integrated learning OR resource sharing, "จำแนกเป็น" 2.1) and
        2.2); a school may do both, so for the current year max(2.1, 2.2) ≤ item 2 ≤ 2.1 + 2.2.
        """
        warnings: list[str] = []
        integrated = self.integrated_learning.current_year
        sharing = self.resource_sharing.current_year
        if self.participating < max(integrated, sharing):
            warnings.append(
                f"จำนวนที่เข้าร่วม ({self.participating}) น้อยกว่าจำนวนที่เรียนรวม ({integrated}) "
                f"หรือใช้ทรัพยากรร่วมกัน ({sharing}) ในปีการศึกษาปัจจุบัน"
            )
        if self.participating > integrated + sharing:
            warnings.append(
                f"จำนวนที่เข้าร่วม ({self.participating}) มากกว่าผลรวมของการเรียนรวมและการใช้"
                f"ทรัพยากรร่วมกัน ({integrated + sharing}) ในปีการศึกษาปัจจุบัน"
            )
        for label, value in (("เรียนรวม", integrated), ("ใช้ทรัพยากรร่วมกัน", sharing)):
            if value > self.total:
                warnings.append(
                    f"จำนวนโรงเรียนที่{label} ({value}) มากกว่าโรงเรียนเครือข่ายทั้งหมด ({self.total})"
                )
        return warnings


class Section13(_Model):
    """1.3 — operations, then results split into quantitative (1.3.2.1) and qualitative."""

    operations: Text = ""
    quantitative: NetworkSchools
    qualitative: Text = ""


class Impacts(_Model):
    """2. ผลกระทบเชิงบวก (Impact) 4 ด้าน."""

    learners: Text = ""
    teachers_and_administrators: Text = ""
    schools: Text = ""
    partners: Text = ""


class EsaBestPractice(_Model):
    """3.1.1 / 3.1.2: มี/ไม่มี, then 1) title 2) steps 3) concrete results."""

    has: bool = False
    title: ShortText = ""
    steps: Text = ""
    results: Text = ""

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        # The 12-month score reads these boxes (seed lines 94–113): a ticked "มี" must name the
        # work, and a "ไม่มี" must not carry one, or the score and the report would disagree.
        if self.has and not self.title:
            raise ValueError("เลือก 'มี' แต่ยังไม่ได้ระบุชื่อผลงาน / 'has' needs a title")
        if not self.has and (self.title or self.steps or self.results):
            raise ValueError(
                "เลือก 'ไม่มี' แต่กรอกรายละเอียดผลงานไว้ — เลือก 'มี' หรือลบรายละเอียด / "
                "'has not' but details were entered"
            )
        return self


class SchoolBestPracticeEntry(_Model):
    school_name: ShortText = Field(min_length=1)
    title: ShortText = Field(min_length=1)


class SchoolBestPractice(_Model):
    """3.2.1 / 3.2.2: มี/ไม่มี, then ชื่อโรงเรียน and 1) ชื่อผลงาน… per school."""

    has: bool = False
    entries: tuple[SchoolBestPracticeEntry, ...] = ()

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.has and not self.entries:
            raise ValueError(
                "เลือก 'มี' แต่ยังไม่ได้ระบุโรงเรียนและชื่อผลงาน / 'has' needs at least one entry"
            )
        if not self.has and self.entries:
            raise ValueError(
                "เลือก 'ไม่มี' แต่ระบุโรงเรียนและชื่อผลงานไว้ / 'has not' but entries were given"
            )
        return self

    def grouped(self) -> list[tuple[str, list[str]]]:
        """Titles grouped by school in first-seen order (the form numbers titles per school)."""
        groups: dict[str, list[str]] = {}
        for entry in self.entries:
            groups.setdefault(entry.school_name, []).append(entry.title)
        return list(groups.items())


_PHONE_RE = re.compile(r"^0\d{8,9}$")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class Reporter(_Model):
    """ผู้รายงานข้อมูล / ตำแหน่ง / เบอร์โทร / e-mail (seed lines 116–119)."""

    name: ShortText = Field(min_length=1)
    position: ShortText = Field(min_length=1)
    phone: ShortText
    email: ShortText
    report_date: dt.date | None = None

    @model_validator(mode="after")
    def _contacts(self) -> Self:
        digits = re.sub(r"[\s\-()]", "", self.phone)
        if not _PHONE_RE.fullmatch(digits):
            raise ValueError(
                f"เบอร์โทร '{self.phone}' ไม่ถูกต้อง (ตัวเลข 9–10 หลัก ขึ้นต้นด้วย 0) / invalid phone"
            )
        if not _EMAIL_RE.fullmatch(self.email):
            raise ValueError(f"e-mail '{self.email}' ไม่ถูกต้อง / invalid e-mail")
        return self


class KpiReportData(_Model):
    """The whole attachment: ESA, fiscal year, round and sections 1.1–4."""

    esa_name: ShortText = Field(min_length=1)
    fiscal_year_be: YearBE
    round: ReportRound = ReportRound.TWELVE_MONTHS
    previous_academic_year_be: YearBE | None = None
    current_academic_year_be: YearBE | None = None
    section_1_1: SectionProgress = SectionProgress()
    section_1_2: SectionProgress = SectionProgress()
    section_1_3: Section13
    section_1_4: SectionProgress = SectionProgress()
    section_1_5: SectionProgress = SectionProgress()
    impacts: Impacts = Impacts()
    esa_management: EsaBestPractice = EsaBestPractice()
    esa_resource_sharing: EsaBestPractice = EsaBestPractice()
    school_management: SchoolBestPractice = SchoolBestPractice()
    school_teaching: SchoolBestPractice = SchoolBestPractice()
    problems: Text = ""
    suggestions: Text = ""
    reporter: Reporter

    @property
    def academic_years(self) -> tuple[int, int]:
        """(previous, current) academic years BE of the two-year table.

        The seed prints 2565/2566 for fiscal year 2566 (its plan is "ปีงบประมาณ พ.ศ.2566", line 11):
        fiscal year Y runs 1 Oct Y−1 – 30 Sep Y and the academic year Y starts in May Y, so the
        pair is (Y − 1, Y) unless overridden.
        """
        previous = self.previous_academic_year_be or self.fiscal_year_be - 1
        current = self.current_academic_year_be or self.fiscal_year_be
        return previous, current

    @model_validator(mode="after")
    def _years(self) -> Self:
        previous = self.previous_academic_year_be or self.fiscal_year_be - 1
        current = self.current_academic_year_be or self.fiscal_year_be
        if previous >= current:
            raise ValueError(
                f"ปีการศึกษาก่อนหน้า ({previous}) ต้องน้อยกว่าปีการศึกษาปัจจุบัน ({current}) / "
                "previous academic year must precede the current one"
            )
        return self

    def warnings(self) -> list[str]:
        return self.section_1_3.quantitative.consistency_warnings()


def percentage(part: int, whole: int) -> Decimal | None:
    """``part × 100 / whole`` rounded half-up to 0.01, computed in integers (exact)."""
    if whole <= 0:
        return None
    if part < 0:
        raise ValueError("part must not be negative")
    # round-half-up of n/d at 2 places = floor((2·n·10000 + d) / 2d) hundredths; no binary floats
    # and no intermediate rounding at Decimal's 28-digit precision.
    hundredths = (2 * part * 10_000 + whole) // (2 * whole)
    return (Decimal(hundredths) * _HUNDREDTHS).quantize(_HUNDREDTHS, rounding=ROUND_HALF_UP)


def change_text(change: int) -> str:
    """ "เพิ่มขึ้น/ลดลง" cell text for a signed difference."""
    if change > 0:
        return f"เพิ่มขึ้น {change}"
    if change < 0:
        return f"ลดลง {-change}"
    return "เท่าเดิม"


# E-mail addresses and links keep their ASCII digits: converting them would break them.
_PROTECTED_RE = re.compile(r"\S+@\S+|https?://\S+|www\.\S+", re.IGNORECASE)


def thai_digits_in_text(text: str) -> str:
    """Arabic → Thai digits everywhere except inside e-mail addresses and URLs."""
    out: list[str] = []
    last = 0
    for match in _PROTECTED_RE.finditer(text):
        out.append(to_thai_digits(text[last : match.start()]))
        out.append(match.group())
        last = match.end()
    out.append(to_thai_digits(text[last:]))
    return "".join(out)


def thai_date(value: dt.date) -> str:
    """``15 กันยายน 2569`` — Buddhist Era; Thai digits are applied with the rest of the text."""
    return format_thai_date(value, "long", thai_digits=False)


class _Writer:
    """Appends paragraphs and runs with the Thai font settings on every run."""

    def __init__(self, *, thai_digits: bool) -> None:
        self.thai_digits = thai_digits
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
    ) -> None:
        run = paragraph.add_run(self.t(text) if convert else text)
        run.bold = True if bold else None
        rpr = run._element.get_or_add_rPr()
        set_run_fonts(rpr, font, size, bold=bold)

    def heading(self, number: str, *, level: int) -> Paragraph:
        return self.paragraph(f"{number} {SECTION_TITLES[number]}", level=level, bold=True)

    def labelled(self, label: str, value: str, *, level: int) -> None:
        """A "label……value" line of the template; multi-line values continue indented."""
        lines = [line.strip() for line in value.splitlines() if line.strip()] or [EMPTY]
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
        values = (str(counts.previous_year), str(counts.current_year), change_text(counts.change))
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


# Form field ids of the kpi10-12m instrument (src/pramoen/library/kpi10/kpi10-12m.yaml) that the
# report reads; a test checks both directions against the YAML so the two cannot drift apart.
REPORT_FIELD_IDS: tuple[str, ...] = (
    "s1_1_operations",
    "s1_1_results",
    "s1_2_operations",
    "s1_2_results",
    "s1_3_operations",
    "network_total",
    "network_participating",
    "integrated_previous_year",
    "integrated_current_year",
    "integrated_reasons",
    "sharing_previous_year",
    "sharing_current_year",
    "sharing_reasons",
    "s1_3_qualitative",
    "s1_4_operations",
    "s1_4_results",
    "s1_5_operations",
    "s1_5_results",
    "impact_learners",
    "impact_teachers_administrators",
    "impact_schools",
    "impact_partners",
    "esa_bp_management",
    "esa_bp_management_title",
    "esa_bp_management_steps",
    "esa_bp_management_results",
    "esa_bp_sharing",
    "esa_bp_sharing_title",
    "esa_bp_sharing_steps",
    "esa_bp_sharing_results",
    "school_bp_management",
    "school_bp_management_list",
    "school_bp_teaching",
    "school_bp_teaching_list",
    "problems",
    "suggestions",
    "reporter_name",
    "reporter_position",
    "reporter_phone",
    "reporter_email",
)


def _count(value: Any) -> Any:
    # Answers keep numbers as JSON numbers or strings (Thai digits and separators allowed).
    return parse_int(value) if isinstance(value, str) else value


def report_data_from_answers(
    fields: Mapping[str, Any],
    *,
    esa_name: str,
    fiscal_year_be: int,
    round: ReportRound = ReportRound.TWELVE_MONTHS,
    report_date: dt.date | None = None,
    previous_academic_year_be: int | None = None,
    current_academic_year_be: int | None = None,
) -> KpiReportData:
    """Build the report from the ``fields`` of a kpi10-12m answers document.

    Raises :class:`pydantic.ValidationError` (Thai messages) when the answers contradict each
    other, e.g. "มี" without a title, or more participating schools than network schools.
    """

    def text(field_id: str) -> str:
        value = fields.get(field_id)
        return "" if value is None else str(value)

    def esa_practice(prefix: str) -> EsaBestPractice:
        return EsaBestPractice(
            has=bool(fields.get(prefix)),
            title=text(f"{prefix}_title"),
            steps=text(f"{prefix}_steps"),
            results=text(f"{prefix}_results"),
        )

    def school_practice(prefix: str) -> SchoolBestPractice:
        rows = fields.get(f"{prefix}_list") or []
        return SchoolBestPractice(
            has=bool(fields.get(prefix)),
            entries=tuple(
                SchoolBestPracticeEntry(
                    school_name=str(row.get("school_name") or ""), title=str(row.get("title") or "")
                )
                for row in rows
            ),
        )

    def progress(number: str) -> SectionProgress:
        return SectionProgress(
            operations=text(f"s{number}_operations"), results=text(f"s{number}_results")
        )

    return KpiReportData(
        esa_name=esa_name,
        fiscal_year_be=fiscal_year_be,
        round=round,
        previous_academic_year_be=previous_academic_year_be,
        current_academic_year_be=current_academic_year_be,
        section_1_1=progress("1_1"),
        section_1_2=progress("1_2"),
        section_1_3=Section13(
            operations=text("s1_3_operations"),
            quantitative=NetworkSchools(
                total=_count(fields.get("network_total")),
                participating=_count(fields.get("network_participating")),
                integrated_learning=TwoYearCount(
                    previous_year=_count(fields.get("integrated_previous_year")),
                    current_year=_count(fields.get("integrated_current_year")),
                ),
                integrated_learning_reasons=text("integrated_reasons"),
                resource_sharing=TwoYearCount(
                    previous_year=_count(fields.get("sharing_previous_year")),
                    current_year=_count(fields.get("sharing_current_year")),
                ),
                resource_sharing_reasons=text("sharing_reasons"),
            ),
            qualitative=text("s1_3_qualitative"),
        ),
        section_1_4=progress("1_4"),
        section_1_5=progress("1_5"),
        impacts=Impacts(
            learners=text("impact_learners"),
            teachers_and_administrators=text("impact_teachers_administrators"),
            schools=text("impact_schools"),
            partners=text("impact_partners"),
        ),
        esa_management=esa_practice("esa_bp_management"),
        esa_resource_sharing=esa_practice("esa_bp_sharing"),
        school_management=school_practice("school_bp_management"),
        school_teaching=school_practice("school_bp_teaching"),
        problems=text("problems"),
        suggestions=text("suggestions"),
        reporter=Reporter(
            name=text("reporter_name"),
            position=text("reporter_position"),
            phone=text("reporter_phone"),
            email=text("reporter_email"),
            report_date=report_date,
        ),
    )


def render_kpi_report_docx(data: KpiReportData, *, thai_digits: bool) -> bytes:
    """The 12-month report as .docx bytes, following the template in seed 000 lines 142–207."""
    writer = _Writer(thai_digits=thai_digits)
    months = data.round.months
    centre = WD_ALIGN_PARAGRAPH.CENTER
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
    writer.paragraph(f"1) โรงเรียนเครือข่าย ทั้งหมดจำนวน {quantitative.total} โรงเรียน", level=4)
    percent = quantitative.participating_percent
    writer.paragraph(
        "2) โรงเรียนเครือข่ายเข้าร่วมในการจัดการเรียนรวม หรือมีการใช้ทรัพยากรร่วมกันกับโรงเรียนคุณภาพ "
        f"จำนวน {quantitative.participating} โรงเรียน คิดเป็นร้อยละ "
        f"{EMPTY if percent is None else percent} จำแนกเป็น",
        level=4,
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

    writer.paragraph()
    reporter = data.reporter
    writer.labelled("ผู้รายงานข้อมูล", reporter.name, level=0)
    writer.labelled("ตำแหน่ง", reporter.position, level=0)
    writer.labelled("เบอร์โทร", reporter.phone, level=0)
    writer.labelled("e-mail", reporter.email, level=0)
    if reporter.report_date is not None:
        writer.labelled("วันที่รายงาน", thai_date(reporter.report_date), level=0)
    return writer.to_bytes()


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
