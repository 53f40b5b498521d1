"""Forms of the KPI app; every message is Thai and an invalid form keeps what was typed."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from pramoen.core.fields import ThaiIntegerField
from pramoen.kpi.structure import RoundStructure
from pramoen.thai import to_arabic_digits

_PHONE_RE = re.compile(r"^0\d{8,9}$")
_REQUIRED = {"required": "กรุณากรอกข้อมูลนี้"}
# A "school | title" line of the best-practice tables 3.2.1 / 3.2.2.
_TABLE_SEPARATOR = "|"


def _text(label: str, *, required: bool = False, rows: int = 4, max_length: int = 20000):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            **_REQUIRED,
            "max_length": "ข้อความยาวเกิน %(limit_value)d ตัวอักษร (ตอนนี้ %(show_value)d)",
        },
    )


def clean_thai_phone(value: str) -> str:
    """Validate a Thai phone number; stored with Arabic digits (the Word report and tel: links
    need them — Thai digits are a display option)."""
    value = to_arabic_digits(value or "").strip()
    digits = re.sub(r"[\s\-()]", "", value)
    if not _PHONE_RE.fullmatch(digits):
        raise ValidationError(
            "เบอร์โทรไม่ถูกต้อง: ต้องเป็นตัวเลข 9–10 หลัก ขึ้นต้นด้วย 0 เช่น 081-234-5678 หรือ 02-123-4567",
            code="phone",
        )
    return value


class ReporterFieldsMixin(forms.Form):
    """ผู้รายงานข้อมูล / ตำแหน่ง / เบอร์โทร / e-mail (seed 000 lines 116-119)."""

    reporter_name = forms.CharField(
        label="ผู้รายงานข้อมูล", max_length=200, required=False, error_messages=_REQUIRED
    )
    reporter_position = forms.CharField(
        label="ตำแหน่ง", max_length=200, required=False, error_messages=_REQUIRED
    )
    reporter_phone = forms.CharField(
        label="เบอร์โทร", max_length=40, required=False, error_messages=_REQUIRED
    )
    reporter_email = forms.EmailField(
        label="e-mail",
        max_length=254,
        required=False,
        error_messages={**_REQUIRED, "invalid": "e-mail ไม่ถูกต้อง เช่น name@example.go.th"},
    )

    def clean_reporter_phone(self) -> str:
        value = self.cleaned_data.get("reporter_phone", "")
        return clean_thai_phone(value) if value else value


class VersionField(forms.IntegerField):
    widget = forms.HiddenInput


class SixMonthForm(ReporterFieldsMixin):
    """Narratives per consideration issue, the PA choice and the reporter block.

    Fields may be left empty while drafting; completeness is checked on submission by the
    instrument itself (its required fields), so the draft can be saved at any time.
    """

    version = VersionField()
    pa_challenge = forms.BooleanField(
        label="สำนักงานเขตพื้นที่การศึกษาเลือกตัวชี้วัดนี้เป็นประเด็นท้าทาย (PA)", required=False
    )

    def __init__(self, *args: Any, shape: RoundStructure, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        narratives = {}
        for issue in shape.issues:
            if issue.narrative_field:
                narratives[issue.narrative_field] = _text(
                    f"คำอธิบายการดำเนินงาน ประเด็นการพิจารณาที่ {issue.number}",
                    max_length=5000,
                )
        # Narratives first, as the page shows them under each issue.
        self.fields = {**narratives, **self.fields}
        self.narrative_fields = list(narratives)

    def answers(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


def _bp_choice(label: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=[("1", "มี"), ("0", "ไม่มี")],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
        required=False,
        empty_value=None,
    )


COUNT_FIELDS = (
    "network_total",
    "network_participating",
    "integrated_previous_year",
    "integrated_current_year",
    "sharing_previous_year",
    "sharing_current_year",
)


def _count(label: str) -> ThaiIntegerField:
    # data-count: the htmx preview of the percentage and differences sends these inputs.
    return ThaiIntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=1_000_000,
        widget=forms.TextInput(attrs={"data-count": "1"}),
    )


class TwelveMonthForm(ReporterFieldsMixin):
    """The template's sections 1.1-4 (seed 000 lines 142-207) as fields with the instrument ids."""

    version = VersionField()
    pa_challenge = forms.BooleanField(
        label="สำนักงานเขตพื้นที่การศึกษาเลือกตัวชี้วัดนี้เป็นประเด็นท้าทาย (PA)", required=False
    )
    s1_1_operations = _text("1.1.1 การดำเนินงาน (ความก้าวหน้ารอบ 12 เดือน)")
    s1_1_results = _text("1.1.2 ผลการดำเนินงาน")
    s1_2_operations = _text("1.2.1 การดำเนินงาน (ความก้าวหน้ารอบ 12 เดือน)")
    s1_2_results = _text("1.2.2 ผลการดำเนินงาน")
    s1_3_operations = _text("1.3.1 การดำเนินงาน (ความก้าวหน้ารอบ 12 เดือน)")
    network_total = _count("1) โรงเรียนเครือข่าย ทั้งหมดจำนวน (โรงเรียน)")
    network_participating = _count(
        "2) โรงเรียนเครือข่ายเข้าร่วมในการจัดการเรียนรวม หรือมีการใช้ทรัพยากรร่วมกันกับโรงเรียนคุณภาพ "
        "จำนวน (โรงเรียน)"
    )
    integrated_previous_year = _count("2.1) เรียนรวม ปีการศึกษาก่อนหน้า")
    integrated_current_year = _count("2.1) เรียนรวม ปีการศึกษาปัจจุบัน")
    integrated_reasons = _text("กรณีโรงเรียนเครือข่ายไม่สามารถเข้าร่วมในการจัดการเรียนรวมได้ เนื่องจาก", rows=2)
    sharing_previous_year = _count("2.2) ใช้ทรัพยากรร่วมกัน ปีการศึกษาก่อนหน้า")
    sharing_current_year = _count("2.2) ใช้ทรัพยากรร่วมกัน ปีการศึกษาปัจจุบัน")
    sharing_reasons = _text(
        "กรณีโรงเรียนเครือข่ายไม่สามารถใช้ทรัพยากรร่วมกันกับโรงเรียนคุณภาพได้ เนื่องจาก", rows=2
    )
    s1_3_qualitative = _text("1.3.2.2 เชิงคุณภาพ")
    s1_4_operations = _text("1.4.1 การดำเนินงาน (ความก้าวหน้ารอบ 12 เดือน)")
    s1_4_results = _text("1.4.2 ผลการดำเนินงาน")
    s1_5_operations = _text("1.5.1 การดำเนินงาน (ความก้าวหน้ารอบ 12 เดือน)")
    s1_5_results = _text("1.5.2 ผลการดำเนินงาน")
    impact_learners = _text("2.1 ด้านผู้เรียน")
    impact_teachers_administrators = _text("2.2 ด้านครูและบุคลากรทางการศึกษา และผู้บริหารสถานศึกษา")
    impact_schools = _text("2.3 ด้านโรงเรียน")
    impact_partners = _text("2.4 ด้านภาคีเครือข่าย")
    esa_bp_management = _bp_choice("3.1.1 ด้านการบริหารจัดการโรงเรียนคุณภาพ")
    esa_bp_management_title = forms.CharField(
        label="1) ชื่อผลงาน/รูปแบบ/แนวทาง/นวัตกรรม/วิธีการปฏิบัติที่ดี/วิธีการปฏิบัติที่เป็นเลิศ",
        max_length=500,
        required=False,
    )
    esa_bp_management_steps = _text("2) ขั้นตอน/วิธีการดำเนินการโดยสังเขป", rows=3)
    esa_bp_management_results = _text("3) ผลสำเร็จของการดำเนินงานที่เห็นเป็นรูปธรรม", rows=3)
    esa_bp_sharing = _bp_choice("3.1.2 ด้านการใช้ทรัพยากรร่วมกันได้สำเร็จตามเป้าหมาย")
    esa_bp_sharing_title = forms.CharField(
        label="1) ชื่อผลงาน/รูปแบบ/แนวทาง/นวัตกรรม/วิธีการปฏิบัติที่ดี/วิธีการปฏิบัติที่เป็นเลิศ",
        max_length=500,
        required=False,
    )
    esa_bp_sharing_steps = _text("2) ขั้นตอน/วิธีการดำเนินการโดยสังเขป", rows=3)
    esa_bp_sharing_results = _text("3) ผลสำเร็จของการดำเนินงานที่เห็นเป็นรูปธรรม", rows=3)
    school_bp_management = _bp_choice("3.2.1 ระดับโรงเรียน ด้านการบริหารจัดการ")
    school_bp_management_list = _text(
        "โรงเรียนและชื่อผลงาน (บรรทัดละ 1 ผลงาน: ชื่อโรงเรียน | ชื่อผลงาน)", rows=3
    )
    school_bp_teaching = _bp_choice("3.2.2 ระดับโรงเรียน ด้านการจัดการเรียนการสอน")
    school_bp_teaching_list = _text(
        "โรงเรียนและชื่อผลงาน (บรรทัดละ 1 ผลงาน: ชื่อโรงเรียน | ชื่อผลงาน)", rows=3
    )
    problems = _text("4. ปัญหาอุปสรรค", rows=3)
    suggestions = _text("4. ข้อเสนอแนะ", rows=3)

    TABLES = ("school_bp_management_list", "school_bp_teaching_list")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        initial = dict(kwargs.pop("initial", None) or {})
        for key in self.TABLES:
            rows = initial.get(key)
            if isinstance(rows, list):
                initial[key] = "\n".join(
                    f"{row.get('school_name', '')} {_TABLE_SEPARATOR} {row.get('title', '')}"
                    for row in rows
                )
        for key in (
            "esa_bp_management",
            "esa_bp_sharing",
            "school_bp_management",
            "school_bp_teaching",
        ):
            if isinstance(initial.get(key), bool):
                initial[key] = "1" if initial[key] else "0"
        super().__init__(*args, initial=initial, **kwargs)  # type: ignore[misc]  # initial is keyword-only here

    def _table(self, key: str) -> list[dict[str, str]]:
        rows = []
        for number, line in enumerate((self.cleaned_data.get(key) or "").splitlines(), start=1):
            if not line.strip():
                continue
            school, sep, title = line.partition(_TABLE_SEPARATOR)
            if not sep or not school.strip() or not title.strip():
                raise ValidationError(
                    f"บรรทัดที่ {number} ต้องเป็น “ชื่อโรงเรียน | ชื่อผลงาน” เช่น "
                    "โรงเรียนบ้านหนองบัว | การบริหารแบบมีส่วนร่วม"
                )
            rows.append({"school_name": school.strip(), "title": title.strip()})
        return rows

    def clean_school_bp_management_list(self) -> list[dict[str, str]]:
        return self._table("school_bp_management_list")

    def clean_school_bp_teaching_list(self) -> list[dict[str, str]]:
        return self._table("school_bp_teaching_list")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        total, part = data.get("network_total"), data.get("network_participating")
        if total is not None and part is not None and part > total:
            self.add_error(
                "network_participating",
                f"จำนวนที่เข้าร่วม ({part}) มากกว่าโรงเรียนเครือข่ายทั้งหมด ({total})",
            )
        # A ticked "มี" must name the work, or score and report would disagree (3.1.x / 3.2.x).
        for box in ("esa_bp_management", "esa_bp_sharing"):
            if data.get(box) and not data.get(f"{box}_title"):
                self.add_error(f"{box}_title", "เลือก “มี” แล้ว กรุณาระบุชื่อผลงาน")
        for box in ("school_bp_management", "school_bp_teaching"):
            if data.get(box) and not data.get(f"{box}_list"):
                self.add_error(f"{box}_list", "เลือก “มี” แล้ว กรุณาระบุโรงเรียนและชื่อผลงาน")
        return data

    def answers(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


class EvidenceUploadForm(forms.Form):
    file = forms.FileField(
        label="ไฟล์",
        error_messages={"required": "กรุณาเลือกไฟล์", "empty": "ไฟล์ว่างเปล่า กรุณาเลือกไฟล์ใหม่"},
    )


class EvidenceLinkForm(forms.Form):
    url = forms.URLField(
        label="ลิงก์",
        max_length=1000,
        assume_scheme="https",
        error_messages={"required": "กรุณากรอกลิงก์", "invalid": "ลิงก์ไม่ถูกต้อง เช่น https://…"},
    )
    title = forms.CharField(label="คำอธิบาย", max_length=255, required=False)


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label="เหตุผลที่ส่งกลับให้แก้ไข",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "กรุณาระบุเหตุผลที่ส่งกลับให้แก้ไข"},
    )
