"""KPI 10 12-month Word report: data rules, the .docx XML, and the PDF LibreOffice makes of it."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import unicodedata
import zipfile
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from docx import Document
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree
from pydantic import ValidationError

from pramoen.documents.kpi_report import (
    CHECKED,
    FONT_FALLBACK,
    FONT_NAME,
    REPORT_FIELD_IDS,
    SECTION_TITLES,
    SYMBOL_FONT,
    UNCHECKED,
    EsaBestPractice,
    Impacts,
    KpiReportData,
    NetworkSchools,
    Reporter,
    SchoolBestPractice,
    SchoolBestPracticeEntry,
    Section13,
    SectionProgress,
    TwoYearCount,
    change_text,
    percentage,
    render_kpi_report_docx,
    report_data_from_answers,
    thai_date,
    thai_digits_in_text,
)
from pramoen.documents.office import (
    OfficeConversionError,
    OfficeNotFoundError,
    OfficeTimeoutError,
    convert_docx_to_pdf,
)
from pramoen.instruments import LIBRARY_DIR, load_instrument

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"


def _report(**overrides: object) -> KpiReportData:
    fields: dict[str, object] = {
        "esa_name": "สำนักงานเขตพื้นที่การศึกษาประถมศึกษานราธิวาส เขต 2",
        "fiscal_year_be": 2569,
        "section_1_1": SectionProgress(
            operations="ประชุมชี้แจงผู้บริหารโรงเรียนคุณภาพ 12 โรงเรียน",
            results="โรงเรียนคุณภาพทุกโรงเรียนมีแผนเรียนรวม",
        ),
        "section_1_2": SectionProgress(operations="ลงนามความร่วมมือกับ อบต. 4 แห่ง"),
        "section_1_3": Section13(
            operations="จัดรถรับส่งนักเรียนเรียนรวม",
            quantitative=NetworkSchools(
                total=37,
                participating=29,
                integrated_learning=TwoYearCount(previous_year=14, current_year=21),
                integrated_learning_reasons="ระยะทางไกลเกิน 15 กิโลเมตร",
                resource_sharing=TwoYearCount(previous_year=25, current_year=23),
            ),
            qualitative="ผลสัมฤทธิ์ของนักเรียนเรียนรวมดีขึ้น",
        ),
        "section_1_4": SectionProgress(results="ผ่านการประเมินความปลอดภัยครบ 8 ด้าน"),
        "impacts": Impacts(learners="นักเรียนได้เรียนกับครูครบชั้น", partners="ชุมชนสนับสนุนรถ"),
        "esa_management": EsaBestPractice(
            has=True, title="นราสอง Model", steps="1. วางแผน\n2. ดำเนินการ", results="สำเร็จ"
        ),
        "esa_resource_sharing": EsaBestPractice(has=False),
        "school_management": SchoolBestPractice(
            has=True,
            entries=(
                SchoolBestPracticeEntry(school_name="โรงเรียนบ้านทอน", title="ห้องเรียนคุณภาพ"),
                SchoolBestPracticeEntry(school_name="โรงเรียนบ้านทอน", title="บริหารแบบมีส่วนร่วม"),
            ),
        ),
        "school_teaching": SchoolBestPractice(has=False),
        "problems": "งบประมาณค่ารถไม่เพียงพอ",
        "suggestions": "ขอสนับสนุนงบประมาณค่าพาหนะ",
        "reporter": Reporter(
            name="นางสาวสมศรี ใจดี",
            position="ศึกษานิเทศก์",
            phone="073-511-234",
            email="somsri2569@nara2.go.th",
            report_date=dt.date(2026, 9, 15),
        ),
    }
    fields.update(overrides)
    return KpiReportData.model_validate(fields)


def _document_xml(docx_bytes: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def _document_text(docx_bytes: bytes) -> str:
    root = _document_xml(docx_bytes)
    return "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p"))


# --- arithmetic -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [
        (29, 37, Decimal("78.38")),  # 78.378378… → 78.38
        (1, 3, Decimal("33.33")),  # 33.333… → 33.33
        (2, 3, Decimal("66.67")),  # 66.666… → 66.67
        (1, 8, Decimal("12.50")),  # exact, two places kept
        (1, 800, Decimal("0.13")),  # 0.125 exactly: half-up, not banker's 0.12
        (3, 800, Decimal("0.38")),  # 0.375 → 0.38
        (0, 5, Decimal("0.00")),
        (5, 5, Decimal("100.00")),
    ],
)
def test_percentage_rounds_half_up_from_exact_fraction(
    part: int, whole: int, expected: Decimal
) -> None:
    result = percentage(part, whole)
    assert result == expected
    assert str(result) == str(expected)


def test_percentage_undefined_without_network_schools() -> None:
    assert percentage(0, 0) is None


@given(
    st.integers(min_value=1, max_value=10**6).flatmap(
        lambda whole: st.tuples(st.integers(min_value=0, max_value=whole), st.just(whole))
    )
)
def test_percentage_matches_fraction_half_up_and_stays_in_range(pair: tuple[int, int]) -> None:
    part, whole = pair
    exact = Fraction(part * 100, whole)
    # Half-up at 0.01 by rational arithmetic, independent of the integer formula under test.
    hundredths = int(exact * 100 + Fraction(1, 2))
    result = percentage(part, whole)
    assert result is not None
    assert result == Decimal(hundredths) / 100
    assert Decimal(0) <= result <= Decimal(100)
    assert result.as_tuple().exponent == -2


@pytest.mark.parametrize(
    ("previous", "current", "change", "text"),
    [(14, 21, 7, "เพิ่มขึ้น 7"), (25, 23, -2, "ลดลง 2"), (9, 9, 0, "เท่าเดิม")],
)
def test_two_year_count_change_is_current_minus_previous(
    previous: int, current: int, change: int, text: str
) -> None:
    counts = TwoYearCount(previous_year=previous, current_year=current)
    assert counts.change == change
    assert change_text(counts.change) == text


def test_academic_years_default_to_fiscal_year_pair_and_can_be_overridden() -> None:
    # The seed prints 2565/2566 beside "ปีงบประมาณ พ.ศ.2566": (FY − 1, FY).
    assert _report(fiscal_year_be=2566).academic_years == (2565, 2566)
    overridden = _report(previous_academic_year_be=2567, current_academic_year_be=2568)
    assert overridden.academic_years == (2567, 2568)


# --- validation -------------------------------------------------------------------------------


def test_network_schools_rejects_participating_above_total_in_thai() -> None:
    with pytest.raises(ValidationError, match="มากกว่าจำนวนโรงเรียนเครือข่ายทั้งหมด"):
        NetworkSchools(
            total=10,
            participating=11,
            integrated_learning=TwoYearCount(previous_year=0, current_year=5),
            resource_sharing=TwoYearCount(previous_year=0, current_year=6),
        )


def test_network_schools_rejects_negative_counts() -> None:
    with pytest.raises(ValidationError):
        TwoYearCount(previous_year=-1, current_year=3)


def test_network_schools_warns_when_breakdown_contradicts_item_2() -> None:
    schools = NetworkSchools(
        total=40,
        participating=30,
        integrated_learning=TwoYearCount(previous_year=0, current_year=10),
        resource_sharing=TwoYearCount(previous_year=0, current_year=12),
    )
    # 30 schools cannot all be in "integrated OR sharing" when only 10 + 12 = 22 are.
    assert schools.consistency_warnings() == [
        "จำนวนที่เข้าร่วม (30) มากกว่าผลรวมของการเรียนรวมและการใช้ทรัพยากรร่วมกัน (22) ในปีการศึกษาปัจจุบัน"
    ]
    assert _report().warnings() == []


def test_esa_best_practice_has_requires_title_and_has_not_forbids_details() -> None:
    with pytest.raises(ValidationError, match="ยังไม่ได้ระบุชื่อผลงาน"):
        EsaBestPractice(has=True)
    with pytest.raises(ValidationError, match="เลือก 'ไม่มี' แต่กรอกรายละเอียด"):
        EsaBestPractice(has=False, steps="มีขั้นตอน")


def test_school_best_practice_has_must_agree_with_entries() -> None:
    with pytest.raises(ValidationError, match="ยังไม่ได้ระบุโรงเรียน"):
        SchoolBestPractice(has=True)
    entry = SchoolBestPracticeEntry(school_name="โรงเรียนบ้านทอน", title="ห้องเรียนคุณภาพ")
    with pytest.raises(ValidationError, match="เลือก 'ไม่มี'"):
        SchoolBestPractice(has=False, entries=(entry,))


@pytest.mark.parametrize(
    ("phone", "email", "message"),
    [
        ("12345", "a@b.go.th", "เบอร์โทร"),
        ("0812345678", "not-an-email", "e-mail"),
    ],
)
def test_reporter_rejects_bad_contacts(phone: str, email: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Reporter(name="ก", position="ข", phone=phone, email=email)


def test_report_rejects_control_characters_word_cannot_store() -> None:
    with pytest.raises(ValidationError, match="อักขระควบคุม"):
        SectionProgress(operations="วาง\x0bแผน")
    # Newlines and tabs are ordinary text.
    assert SectionProgress(operations="ก\n\tข").operations == "ก\n\tข"


def test_report_rejects_previous_year_not_before_current() -> None:
    with pytest.raises(ValidationError, match="ปีการศึกษาก่อนหน้า"):
        _report(previous_academic_year_be=2569, current_academic_year_be=2569)


# --- Thai digits and dates --------------------------------------------------------------------


def test_thai_digits_in_text_keeps_email_and_url_digits() -> None:
    text = "ประชุม 12 ครั้ง ติดต่อ somsri2569@nara2.go.th หรือ https://nara2.go.th/kpi10 ปี 2569"
    assert thai_digits_in_text(text) == (
        "ประชุม ๑๒ ครั้ง ติดต่อ somsri2569@nara2.go.th หรือ https://nara2.go.th/kpi10 ปี ๒๕๖๙"
    )


def test_thai_date_is_buddhist_era() -> None:
    assert thai_date(dt.date(2026, 9, 15)) == "15 กันยายน 2569"
    assert thai_digits_in_text(thai_date(dt.date(2025, 10, 1))) == "๑ ตุลาคม ๒๕๖๘"


# --- the .docx --------------------------------------------------------------------------------


def test_docx_every_run_names_thai_font_for_complex_script_with_cs_size() -> None:
    root = _document_xml(render_kpi_report_docx(_report(), thai_digits=False))
    runs = [r for r in root.iter(f"{W}r") if "".join(t.text or "" for t in r.iter(f"{W}t"))]
    assert len(runs) > 50
    for run in runs:
        text = "".join(t.text or "" for t in run.iter(f"{W}t"))
        fonts = run.find(f"{W}rPr/{W}rFonts")
        expected = SYMBOL_FONT if text in (CHECKED, UNCHECKED) else FONT_NAME
        assert fonts is not None, text
        assert fonts.get(f"{W}cs") == expected, text
        assert fonts.get(f"{W}ascii") == expected, text
        # 16 pt body (32 half-points), 18 pt title; the Thai size is the szCs one.
        size = run.find(f"{W}rPr/{W}sz").get(f"{W}val")
        assert run.find(f"{W}rPr/{W}szCs").get(f"{W}val") == size, text
        assert size == ("36" if text.startswith("ตัวชี้วัดตามนโยบาย") else "32"), text
        if run.find(f"{W}rPr/{W}b") is not None:
            assert run.find(f"{W}rPr/{W}bCs") is not None, text


def test_docx_styles_and_font_table_name_thai_font_with_installed_fallback() -> None:
    docx_bytes = render_kpi_report_docx(_report(), thai_digits=False)
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as archive:
        styles = etree.fromstring(archive.read("word/styles.xml"))
        fonts = etree.fromstring(archive.read("word/fontTable.xml"))
    default_fonts = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert default_fonts.get(f"{W}cs") == FONT_NAME
    assert default_fonts.get(f"{W}cstheme") is None
    assert styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang").get(f"{W}bidi") == "th-TH"
    declared = {f.get(f"{W}name"): f for f in fonts.iter(f"{W}font")}
    assert declared[FONT_NAME].find(f"{W}altName").get(f"{W}val") == FONT_FALLBACK
    # The fallback must be a font this machine really has (fonts-thai-tlwg).
    assert shutil.which("fc-list") is not None
    listed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout
    assert FONT_FALLBACK in listed


def test_docx_checkboxes_follow_has_and_has_not() -> None:
    data = _report()
    paragraphs = Document(io.BytesIO(render_kpi_report_docx(data, thai_digits=False))).paragraphs
    lines = {
        number: next(p.text for p in paragraphs if p.text.startswith(f"{number} "))
        for number in ("3.1.1", "3.1.2", "3.2.1", "3.2.2")
    }
    # esa_management and school_management have; the other two have not.
    assert lines["3.1.1"].endswith(f"{CHECKED} มี  {UNCHECKED} ไม่มี")
    assert lines["3.1.2"].endswith(f"{UNCHECKED} มี  {CHECKED} ไม่มี")
    assert lines["3.2.1"].endswith(f"{CHECKED} มี  {UNCHECKED} ไม่มี")
    assert lines["3.2.2"].endswith(f"{UNCHECKED} มี  {CHECKED} ไม่มี")


def test_docx_two_year_tables_carry_years_counts_and_change() -> None:
    document = Document(io.BytesIO(render_kpi_report_docx(_report(), thai_digits=False)))
    rows = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
    assert rows == [
        [
            ["จำนวนโรงเรียนเครือข่ายเข้าร่วมในการจัดการเรียนรวม"] * 3,
            ["ปีการศึกษา 2568", "ปีการศึกษา 2569", "เพิ่มขึ้น/ลดลง"],
            ["14", "21", "เพิ่มขึ้น 7"],
        ],
        [
            ["จำนวนโรงเรียนเครือข่ายมีการใช้ทรัพยากรร่วมกันกับโรงเรียนคุณภาพ"] * 3,
            ["ปีการศึกษา 2568", "ปีการศึกษา 2569", "เพิ่มขึ้น/ลดลง"],
            ["25", "23", "ลดลง 2"],
        ],
    ]


def test_docx_school_titles_numbered_within_each_school() -> None:
    text = _document_text(render_kpi_report_docx(_report(), thai_digits=False))
    assert "ชื่อโรงเรียน โรงเรียนบ้านทอน" in text
    assert "1) ชื่อผลงาน/รูปแบบ/แนวทาง/นวัตกรรม/วิธีการปฏิบัติที่ดี/วิธีการปฏิบัติที่เป็นเลิศ ห้องเรียนคุณภาพ" in text
    assert "2) ชื่อผลงาน/รูปแบบ/แนวทาง/นวัตกรรม/วิธีการปฏิบัติที่ดี/วิธีการปฏิบัติที่เป็นเลิศ บริหารแบบมีส่วนร่วม" in text
    assert text.count("ชื่อโรงเรียน โรงเรียนบ้านทอน") == 1


def test_docx_thai_digits_option_converts_every_number_but_the_email() -> None:
    arabic = _document_text(render_kpi_report_docx(_report(), thai_digits=False))
    thai = _document_text(render_kpi_report_docx(_report(), thai_digits=True))
    assert "คิดเป็นร้อยละ 78.38" in arabic
    assert "คิดเป็นร้อยละ ๗๘.๓๘" in thai
    assert "073-511-234" in arabic
    assert "๐๗๓-๕๑๑-๒๓๔" in thai
    assert not any(digit in arabic for digit in THAI_DIGITS)
    without_email = thai.replace("somsri2569@nara2.go.th", "")
    assert re.search(r"[0-9]", without_email) is None
    assert "somsri2569@nara2.go.th" in thai
    # Same document apart from the digits.
    assert thai_digits_in_text(arabic) == thai


def test_docx_without_network_schools_prints_dash_for_percentage() -> None:
    empty = Section13(
        quantitative=NetworkSchools(
            total=0,
            participating=0,
            integrated_learning=TwoYearCount(previous_year=0, current_year=0),
            resource_sharing=TwoYearCount(previous_year=0, current_year=0),
        )
    )
    text = _document_text(render_kpi_report_docx(_report(section_1_3=empty), thai_digits=False))
    assert "คิดเป็นร้อยละ – จำแนกเป็น" in text


# --- from the kpi10-12m instrument's answers ----------------------------------------------------


def _answers_fields() -> dict[str, object]:
    """The same report as ``_report()``, as the ``fields`` of a kpi10-12m answers document."""
    return {
        "esa_kind": "primary",
        "pa_challenge": False,
        "s1_1_operations": "ประชุมชี้แจงผู้บริหารโรงเรียนคุณภาพ 12 โรงเรียน",
        "s1_1_results": "โรงเรียนคุณภาพทุกโรงเรียนมีแผนเรียนรวม",
        "s1_2_operations": "ลงนามความร่วมมือกับ อบต. 4 แห่ง",
        "s1_2_results": "",
        "s1_3_operations": "จัดรถรับส่งนักเรียนเรียนรวม",
        "network_total": 37,
        "network_participating": "๒๙",  # typed with Thai digits
        "integrated_previous_year": 14,
        "integrated_current_year": "21",
        "integrated_reasons": "ระยะทางไกลเกิน 15 กิโลเมตร",
        "sharing_previous_year": 25,
        "sharing_current_year": 23,
        "sharing_reasons": "",
        "s1_3_qualitative": "ผลสัมฤทธิ์ของนักเรียนเรียนรวมดีขึ้น",
        "s1_4_operations": "",
        "s1_4_results": "ผ่านการประเมินความปลอดภัยครบ 8 ด้าน",
        "s1_5_operations": "",
        "s1_5_results": "",
        "impact_learners": "นักเรียนได้เรียนกับครูครบชั้น",
        "impact_teachers_administrators": "",
        "impact_schools": "",
        "impact_partners": "ชุมชนสนับสนุนรถ",
        "esa_bp_management": True,
        "esa_bp_management_title": "นราสอง Model",
        "esa_bp_management_steps": "1. วางแผน\n2. ดำเนินการ",
        "esa_bp_management_results": "สำเร็จ",
        "esa_bp_sharing": False,
        "school_bp_management": True,
        "school_bp_management_list": [
            {"school_name": "โรงเรียนบ้านทอน", "title": "ห้องเรียนคุณภาพ"},
            {"school_name": "โรงเรียนบ้านทอน", "title": "บริหารแบบมีส่วนร่วม"},
        ],
        "school_bp_teaching": False,
        "problems": "งบประมาณค่ารถไม่เพียงพอ",
        "suggestions": "ขอสนับสนุนงบประมาณค่าพาหนะ",
        "reporter_name": "นางสาวสมศรี ใจดี",
        "reporter_position": "ศึกษานิเทศก์",
        "reporter_phone": "073-511-234",
        "reporter_email": "somsri2569@nara2.go.th",
    }


def test_report_field_ids_match_the_kpi10_12m_instrument() -> None:
    instrument = load_instrument(LIBRARY_DIR / "kpi10" / "kpi10-12m.yaml")
    answered = {f.id for f in instrument.form.fields if f.computed is None}
    # Every report field exists in the instrument, and every answered field but the two
    # round-level switches (ESA kind, PA challenge) goes into the report.
    assert set(REPORT_FIELD_IDS) == answered - {"esa_kind", "pa_challenge"}
    assert set(_answers_fields()) <= answered


def test_report_from_answers_renders_like_the_typed_report() -> None:
    data = report_data_from_answers(
        _answers_fields(),
        esa_name="สำนักงานเขตพื้นที่การศึกษาประถมศึกษานราธิวาส เขต 2",
        fiscal_year_be=2569,
        report_date=dt.date(2026, 9, 15),
    )
    assert data == _report()
    assert _document_text(render_kpi_report_docx(data, thai_digits=False)) == _document_text(
        render_kpi_report_docx(_report(), thai_digits=False)
    )


def test_report_from_answers_rejects_has_without_title() -> None:
    fields = _answers_fields() | {"esa_bp_sharing": True}
    with pytest.raises(ValidationError, match="ยังไม่ได้ระบุชื่อผลงาน"):
        report_data_from_answers(fields, esa_name="สพป. ทดสอบ", fiscal_year_be=2569)


# --- LibreOffice ------------------------------------------------------------------------------


def test_convert_reports_missing_soffice(tmp_path: Path) -> None:
    with pytest.raises(OfficeNotFoundError, match="ไม่พบโปรแกรม LibreOffice"):
        convert_docx_to_pdf(b"PK", soffice=tmp_path / "no-such-soffice")


def test_convert_kills_soffice_that_hangs(tmp_path: Path) -> None:
    # A stand-in for a wedged LibreOffice (an external program, not our code): it never finishes.
    hanging = tmp_path / "soffice"
    hanging.write_text("#!/bin/sh\nsleep 60\n")
    hanging.chmod(0o755)
    with pytest.raises(OfficeTimeoutError, match=r"ไม่เสร็จภายใน 0\.5 วินาที"):
        convert_docx_to_pdf(b"PK", soffice=hanging, timeout=0.5)
    leftover = subprocess.run(["pgrep", "-f", f"{hanging}"], capture_output=True, text=True)
    assert leftover.stdout == ""


def test_convert_reports_soffice_failure(tmp_path: Path) -> None:
    failing = tmp_path / "soffice"
    failing.write_text("#!/bin/sh\necho 'Error: source file could not be loaded' >&2\nexit 1\n")
    failing.chmod(0o755)
    with pytest.raises(OfficeConversionError, match="could not be loaded"):
        convert_docx_to_pdf(b"PK", soffice=failing)


_THAI_MARKS = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")


def _comparable(text: str) -> str:
    """Whitespace and Thai above/below marks removed.

    PDF text extraction returns Thai combining marks positioned by the font (Laksaman), which
    pdfium sometimes emits after the next base letter or after a line break ("เรียนร้เชิงรุก ู").
    Base letters, digits and punctuation keep their order, so they are compared exactly.
    """
    text = unicodedata.normalize("NFC", text).replace("\u0e4d\u0e32", "\u0e33")
    return _THAI_MARKS.sub("", re.sub(r"\s+", "", text))


def _pdf_text(pdf: bytes) -> str:
    document = pdfium.PdfDocument(pdf)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[bool, bytes]:
    data = _report()
    docx_path = tmp_path_factory.mktemp("kpi") / "kpi10.docx"
    docx_path.write_bytes(render_kpi_report_docx(data, thai_digits=False))
    return {
        False: convert_docx_to_pdf(docx_path),  # from a path
        True: convert_docx_to_pdf(render_kpi_report_docx(data, thai_digits=True)),  # from bytes
    }


_ENTERED_NUMBERS = [
    "ทั้งหมดจำนวน 37 โรงเรียน",
    "จำนวน 29 โรงเรียน คิดเป็นร้อยละ 78.38 จำแนกเป็น",
    "ปีการศึกษา 2568",
    "ปีการศึกษา 2569",
    "14 21 เพิ่มขึ้น 7",
    "25 23 ลดลง 2",
    "ผู้บริหารโรงเรียนคุณภาพ 12 โรงเรียน",
    "ระยะทางไกลเกิน 15 กิโลเมตร",
    "ปีงบประมาณ พ.ศ. 2569",
    "073-511-234",
]


@pytest.mark.slow
@pytest.mark.parametrize("thai_digits", [False, True])
def test_pdf_contains_headings_and_entered_numbers(
    pdfs: dict[bool, bytes], thai_digits: bool
) -> None:
    pdf = pdfs[thai_digits]
    assert pdf.startswith(b"%PDF-")
    text = _comparable(_pdf_text(pdf))
    convert = thai_digits_in_text if thai_digits else str
    for number, title in SECTION_TITLES.items():
        assert _comparable(convert(f"{number} {title}")) in text, number
    for expected in _ENTERED_NUMBERS:
        assert _comparable(convert(expected)) in text, expected
    assert "somsri2569@nara2.go.th" in text
    if thai_digits:
        assert re.search(r"[0-9]", text.replace("somsri2569@nara2.go.th", "")) is None
    # Checkboxes survive into the PDF: 3.1.1 มี, 3.1.2 ไม่มี, 3.2.1 มี, 3.2.2 ไม่มี.
    boxes = [c for c in text if c in (CHECKED, UNCHECKED)]
    assert "".join(boxes) == CHECKED + UNCHECKED + UNCHECKED + CHECKED + CHECKED + UNCHECKED + (
        UNCHECKED + CHECKED
    )


@pytest.mark.slow
def test_pdf_embeds_the_installed_thai_fallback_font(
    pdfs: dict[bool, bytes], tmp_path: Path
) -> None:
    pdf_path = tmp_path / "kpi10.pdf"
    pdf_path.write_bytes(pdfs[False])
    listing = subprocess.run(
        ["pdffonts", str(pdf_path)], capture_output=True, text=True, check=True
    ).stdout
    assert f"+{FONT_FALLBACK}" in listing


# --- issue 19/20: signature block, drafts with their gaps marked --------------------------------


def _paragraphs(docx_bytes: bytes) -> list[str]:
    import io

    from docx import Document

    return [p.text for p in Document(io.BytesIO(docx_bytes)).paragraphs]


def test_docx_closes_with_the_seeds_signature_block_and_nothing_else() -> None:
    lines = _paragraphs(render_kpi_report_docx(_report(), thai_digits=False))
    block = [line for line in lines if line][-5:]
    # Seed 000 lines 116-119: ผู้รายงานข้อมูล (dotted: the signature), ตำแหน่ง, เบอร์โทร, e-mail.
    assert block[0].startswith("ผู้รายงานข้อมูล …") and "สมศรี" not in block[0]
    assert block[1] == "(นางสาวสมศรี ใจดี)"
    assert [line.split(" ")[0] for line in block[2:]] == ["ตำแหน่ง", "เบอร์โทร", "e-mail"]
    assert not any("วันที่รายงาน" in line or "ลงชื่อ" in line for line in lines)


def test_incomplete_report_is_refused_but_a_draft_prints_its_gaps_marked() -> None:
    fields = {"s1_1_operations": "ประชุมชี้แจง", "network_total": 20, "reporter_name": "นายก"}
    with pytest.raises(ValidationError, match=r"ยังไม่ได้กรอก: 1\.3\.2\.1 ข้อ 2"):
        report_data_from_answers(fields, esa_name="สพป.ทดสอบ", fiscal_year_be=2569)
    data = report_data_from_answers(fields, esa_name="สพป.ทดสอบ", fiscal_year_be=2569, draft=True)
    docx_bytes = render_kpi_report_docx(data, thai_digits=False)
    text = "\n".join(_paragraphs(docx_bytes))
    assert text.startswith("ฉบับร่าง (ยังไม่ได้ส่งรายงาน) — ยังไม่ได้กรอก 8 รายการ:")
    assert "ทั้งหมดจำนวน 20 โรงเรียน" in text
    assert "จำนวน [ยังไม่ได้กรอก] โรงเรียน คิดเป็นร้อยละ –" in text
    assert "(นายก)" in text and "ตำแหน่ง [ยังไม่ได้กรอก]" in text
    xml = etree.tostring(_document_xml(docx_bytes), encoding="unicode")
    assert xml.count('w:highlight w:val="yellow"') >= 8  # every gap stands out in print
