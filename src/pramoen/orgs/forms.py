"""Forms for the staff pages. Plain forms (not ModelForms): saving goes through services.py so
every change is validated once and audited with before → after."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from pramoen.core.fields import BEDateField, NationalIDField, ThaiIntegerField
from pramoen.orgs.enums import AcademicStanding, ImportKind, Level, Position, SchoolType
from pramoen.orgs.models import Organization, SchoolNetwork
from pramoen.orgs.sizes import DEFAULT_SCHEME, SCHEMES

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise


def _code_field(length: int, label: _StrOrPromise, required: bool = False) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=length + 8,  # room for dashes/spaces the user may type
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=format_lazy(_("ตัวเลข {length} หลัก (พิมพ์เลขไทยได้)"), length=length),
    )


def _clean_code(value: str, length: int, label: _StrOrPromise) -> str:
    from pramoen.orgs.imports.engine import clean_code

    code = clean_code(value or "")
    if code and (not code.isascii() or not code.isdigit() or len(code) != length):
        raise ValidationError(
            _("%(label)sต้องเป็นตัวเลข %(length)s หลัก") % {"label": label, "length": length}
        )
    return code


class SchoolFilterForm(forms.Form):
    q = forms.CharField(label=_("ค้นหา"), required=False)
    school_type = forms.ChoiceField(
        label=_("ประเภท"), required=False, choices=[("", _("ทุกประเภท")), *SchoolType.choices]
    )
    size = forms.ChoiceField(label=_("ขนาด"), required=False)
    network = forms.TypedChoiceField(label=_("กลุ่มโรงเรียน"), required=False, coerce=int)
    year = ThaiIntegerField(label=_("ปีการศึกษา"), required=False, min_value=2484, max_value=2643)
    scheme = forms.ChoiceField(
        label=_("เกณฑ์ขนาด"),
        required=False,
        choices=[(key, scheme.label) for key, scheme in SCHEMES.items()],
    )

    def __init__(self, *args: Any, networks: list[SchoolNetwork], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scheme = SCHEMES.get(self.data.get("scheme") or DEFAULT_SCHEME, SCHEMES[DEFAULT_SCHEME])
        sizes = []
        for size_class, lower, upper in scheme.bounds():
            span = (
                f"{lower}–{upper}" if upper is not None else _("%(lower)s ขึ้นไป") % {"lower": lower}
            )
            sizes.append(
                (
                    size_class.key,
                    _("%(label)s (%(span)s คน)") % {"label": size_class.label, "span": span},
                )
            )
        cast(forms.ChoiceField, self.fields["size"]).choices = [("", _("ทุกขนาด")), *sizes]
        cast(forms.ChoiceField, self.fields["network"]).choices = [("", _("ทุกกลุ่ม"))] + [
            (n.pk, n.name) for n in networks
        ]


class PersonFilterForm(forms.Form):
    q = forms.CharField(label=_("ค้นหา"), required=False)
    position = forms.ChoiceField(
        label=_("ตำแหน่ง"), required=False, choices=[("", _("ทุกตำแหน่ง")), *Position.choices]
    )


class NationalIdSearchForm(forms.Form):
    """Posted, never sent as a query string: a national ID must not end up in a URL or a log."""

    national_id = NationalIDField(label=_("เลขประจำตัวประชาชน"))


class SchoolForm(forms.Form):
    name_th = forms.CharField(label=_("ชื่อโรงเรียน (ไทย)"), max_length=255)
    name_en = forms.CharField(label=_("ชื่อ (อังกฤษ)"), max_length=255, required=False)
    smis_code = _code_field(8, _("รหัส SMIS"))
    obec_code = _code_field(6, _("รหัส Percode"))
    school_type = forms.ChoiceField(label=_("ประเภทโรงเรียน"), choices=SchoolType.choices)
    levels = forms.MultipleChoiceField(
        label=_("ระดับที่เปิดสอน"),
        choices=Level.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    network = forms.ModelChoiceField(
        label=_("กลุ่มโรงเรียน"), queryset=SchoolNetwork.objects.none(), required=False
    )
    address = forms.CharField(label=_("ที่อยู่"), max_length=255, required=False)
    subdistrict = forms.CharField(label=_("ตำบล"), max_length=100, required=False)
    district = forms.CharField(label=_("อำเภอ"), max_length=100, required=False)
    province = forms.CharField(label=_("จังหวัด"), max_length=100, required=False)
    postcode = _code_field(5, _("รหัสไปรษณีย์"))
    reason = forms.CharField(
        label=_("เหตุผลการแก้ไข"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, school: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(
            forms.ModelChoiceField, self.fields["network"]
        ).queryset = SchoolNetwork.objects.filter(esa_id=school.parent_id).order_by("name")

    def clean_smis_code(self) -> str:
        return _clean_code(self.cleaned_data["smis_code"], 8, _("รหัส SMIS "))

    def clean_obec_code(self) -> str:
        return _clean_code(self.cleaned_data["obec_code"], 6, _("รหัส Percode "))

    def clean_postcode(self) -> str:
        return _clean_code(self.cleaned_data["postcode"], 5, _("รหัสไปรษณีย์"))

    @staticmethod
    def initial_for(school: Organization) -> dict[str, Any]:
        return {
            **{
                name: getattr(school, name)
                for name in (
                    "name_th",
                    "name_en",
                    "smis_code",
                    "obec_code",
                    "school_type",
                    "address",
                    "subdistrict",
                    "district",
                    "province",
                    "postcode",
                )
            },
            "levels": school.level_list(),
            "network": school.network_id,
        }


class EnrollmentForm(forms.Form):
    academic_year = ThaiIntegerField(label=_("ปีการศึกษา"), min_value=2484, max_value=2643)
    students = ThaiIntegerField(label=_("จำนวนนักเรียน"), min_value=0)


class PersonForm(forms.Form):
    # A field named like Form.prefix: the form metaclass takes it off the class, so the form's
    # prefix stays None.
    prefix = forms.CharField(  # type: ignore[assignment]
        label=_("คำนำหน้าชื่อ"), max_length=50, required=False
    )
    first_name = forms.CharField(label=_("ชื่อ"), max_length=100)
    last_name = forms.CharField(label=_("นามสกุล"), max_length=100)
    national_id = NationalIDField(label=_("เลขประจำตัวประชาชน"), required=False)
    position = forms.ChoiceField(label=_("ตำแหน่ง"), choices=Position.choices)
    academic_standing = forms.ChoiceField(label=_("วิทยฐานะ"), choices=AcademicStanding.choices)
    position_started_on = BEDateField(label=_("วันที่เริ่มดำรงตำแหน่งปัจจุบัน"), required=False)
    organization_started_on = BEDateField(label=_("วันที่เริ่มปฏิบัติงานในสถานศึกษาปัจจุบัน"), required=False)
    reason = forms.CharField(
        label=_("เหตุผลการแก้ไข"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    FIELDS = (
        "prefix",
        "first_name",
        "last_name",
        "national_id",
        "position",
        "academic_standing",
        "position_started_on",
        "organization_started_on",
    )


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("ประเภทข้อมูล"), choices=ImportKind.choices)
    file = forms.FileField(
        label=_("ไฟล์ (.xlsx หรือ .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv,text/csv"}),
    )


class LetterheadForm(forms.Form):
    """The ESA's Garuda image and Word template for letters (both optional, each replaceable)."""

    garuda = forms.FileField(
        label=_("ภาพตราครุฑ (PNG หรือ JPEG ไม่เกิน ๒ MB)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".png,.jpg,.jpeg,image/png,image/jpeg"}),
    )
    remove_garuda = forms.BooleanField(label=_("ลบภาพตราครุฑที่มีอยู่"), required=False)
    template = forms.FileField(
        label=_("แม่แบบหนังสือ (Word .docx ไม่เกิน ๕ MB)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".docx"}),
    )
    remove_template = forms.BooleanField(label=_("กลับไปใช้แม่แบบของระบบ"), required=False)
