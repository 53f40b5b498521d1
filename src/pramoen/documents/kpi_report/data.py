"""The template as typed data (pydantic): every section, validated, with Thai messages."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from pramoen.documents.kpi_report.text import percentage

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

    # None = not filled in yet: only a draft may have gaps (KpiReportData.draft), printed marked.
    previous_year: Count | None
    current_year: Count | None

    @property
    def change(self) -> int | None:
        """ "เพิ่มขึ้น/ลดลง": current − previous (negative is a decrease); None with a gap."""
        if self.previous_year is None or self.current_year is None:
            return None
        return self.current_year - self.previous_year


class NetworkSchools(_Model):
    """1.3.2.1 เชิงปริมาณ (seed lines 156–171)."""

    total: Count | None
    """1) โรงเรียนเครือข่าย ทั้งหมดจำนวน … โรงเรียน"""
    participating: Count | None
    """2) … เข้าร่วมในการจัดการเรียนรวม หรือมีการใช้ทรัพยากรร่วมกัน … จำนวน … โรงเรียน"""
    integrated_learning: TwoYearCount
    integrated_learning_reasons: Text = ""
    resource_sharing: TwoYearCount
    resource_sharing_reasons: Text = ""

    @model_validator(mode="after")
    def _participating_within_total(self) -> Self:
        if (
            self.participating is not None
            and self.total is not None
            and self.participating > self.total
        ):
            raise ValueError(
                f"จำนวนโรงเรียนเครือข่ายที่เข้าร่วม ({self.participating}) มากกว่าจำนวนโรงเรียนเครือข่าย"
                f"ทั้งหมด ({self.total}) / participating schools exceed the total"
            )
        return self

    @property
    def participating_percent(self) -> Decimal | None:
        """ "คิดเป็นร้อยละ": see :func:`percentage` (None while a count is missing)."""
        if self.participating is None or self.total is None:
            return None
        return percentage(self.participating, self.total)

    def consistency_warnings(self) -> list[str]:
        """Thai notes when the counts contradict each other but a report can still be written.

        Item 2 counts schools in integrated learning OR resource sharing, "จำแนกเป็น" 2.1) and
        2.2); a school may do both, so for the current year max(2.1, 2.2) ≤ item 2 ≤ 2.1 + 2.2.
        """
        warnings: list[str] = []
        integrated = self.integrated_learning.current_year
        if (
            self.participating is None
            or self.total is None
            or integrated is None
            or self.resource_sharing.current_year is None
        ):
            return warnings  # a draft with gaps: the gaps are listed instead
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

    # Empty = not filled in yet (a draft's gap); a final report requires all four (gaps()).
    name: ShortText = ""
    position: ShortText = ""
    phone: ShortText = ""
    email: ShortText = ""
    report_date: dt.date | None = None

    @model_validator(mode="after")
    def _contacts(self) -> Self:
        if not self.phone and not self.email:
            return self
        digits = re.sub(r"[\s\-()]", "", self.phone)
        if self.phone and not _PHONE_RE.fullmatch(digits):
            raise ValueError(
                f"เบอร์โทร '{self.phone}' ไม่ถูกต้อง (ตัวเลข 9–10 หลัก ขึ้นต้นด้วย 0) / invalid phone"
            )
        if self.email and not _EMAIL_RE.fullmatch(self.email):
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
    # A draft (not yet submitted) may have gaps; they are printed marked and listed on top.
    draft: bool = False

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

    def gaps(self) -> list[str]:
        """What is not filled in yet, in Thai, in the order of the form."""
        q = self.section_1_3.quantitative
        out = [
            label
            for label, value in (
                ("1.3.2.1 ข้อ 1) จำนวนโรงเรียนเครือข่ายทั้งหมด", q.total),
                ("1.3.2.1 ข้อ 2) จำนวนโรงเรียนเครือข่ายที่เข้าร่วม", q.participating),
                ("2.1) เรียนรวม ปีการศึกษาก่อนหน้า", q.integrated_learning.previous_year),
                ("2.1) เรียนรวม ปีการศึกษาปัจจุบัน", q.integrated_learning.current_year),
                ("2.2) ใช้ทรัพยากรร่วมกัน ปีการศึกษาก่อนหน้า", q.resource_sharing.previous_year),
                ("2.2) ใช้ทรัพยากรร่วมกัน ปีการศึกษาปัจจุบัน", q.resource_sharing.current_year),
            )
            if value is None
        ]
        reporter = self.reporter
        for label, text in (
            ("ผู้รายงานข้อมูล", reporter.name),
            ("ตำแหน่ง", reporter.position),
            ("เบอร์โทร", reporter.phone),
            ("e-mail", reporter.email),
        ):
            if not text:
                out.append(label)
        return out

    @model_validator(mode="after")
    def _complete_unless_draft(self) -> Self:
        if not self.draft:
            gaps = self.gaps()
            if gaps:
                raise ValueError("ยังไม่ได้กรอก: " + ", ".join(gaps) + " / the report is incomplete")
        return self

    def warnings(self) -> list[str]:
        return self.section_1_3.quantitative.consistency_warnings()
