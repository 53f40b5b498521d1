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

One module per concern: ``template`` (the form's wording), ``data`` (typed sections),
``answers`` (instrument answers → data), ``text`` (percentages, Thai digits and dates) and
``render`` (.docx and PDF). This package names the public API.
"""

from pramoen.documents.docx_thai import FONT_FALLBACK, FONT_NAME, SYMBOL_FONT
from pramoen.documents.kpi_report.answers import REPORT_FIELD_IDS, report_data_from_answers
from pramoen.documents.kpi_report.data import (
    EsaBestPractice,
    Impacts,
    KpiReportData,
    NetworkSchools,
    Reporter,
    ReportRound,
    SchoolBestPractice,
    SchoolBestPracticeEntry,
    Section13,
    SectionProgress,
    TwoYearCount,
)
from pramoen.documents.kpi_report.render import (
    CHECKED,
    UNCHECKED,
    render_kpi_report_docx,
    render_kpi_report_pdf,
)
from pramoen.documents.kpi_report.template import SECTION_TITLES
from pramoen.documents.kpi_report.text import (
    PERCENT_ROUNDING,
    change_text,
    percentage,
    thai_date,
    thai_digits_in_text,
)

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
    "thai_date",
    "thai_digits_in_text",
]
