"""Forms of the quality-school registry pages (plain forms; ``quality_services`` saves)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from pramoen.core.fields import ThaiIntegerField
from pramoen.orgs.enums import QualityCoreKind
from pramoen.orgs.models import Organization, QualityCore
from pramoen.orgs.quality_selectors import NETWORK

ROLE_CHOICES = [*QualityCoreKind.choices, (NETWORK, _("โรงเรียนเครือข่าย"))]
YEAR_MIN, YEAR_MAX = 2484, 2643


class RegistryFilterForm(forms.Form):
    q = forms.CharField(label=_("ค้นหา (ชื่อหรือรหัสโรงเรียน)"), required=False, max_length=100)
    year = ThaiIntegerField(
        label=_("ปีการศึกษา"), required=False, min_value=YEAR_MIN, max_value=YEAR_MAX
    )
    role = forms.ChoiceField(
        label=_("บทบาทในทะเบียน"), required=False, choices=[("", _("ทุกบทบาท")), *ROLE_CHOICES]
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].error_messages["invalid_choice"] = _("ไม่มีตัวเลือกนี้ กรุณาเลือกจากรายการ")


class CoreChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.school.name_th} (ปีการศึกษา {obj.academic_year})"


class SchoolChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name_th} ({obj.code})"


class RegistryPlaceForm(forms.Form):
    """A school's place in one year's registry. ``school`` is offered only when adding."""

    school = SchoolChoiceField(
        label=_("สถานศึกษา"),
        queryset=Organization.objects.none(),
        error_messages={
            "required": _("กรุณาเลือกสถานศึกษา"),
            "invalid_choice": _("ไม่พบสถานศึกษานี้ในเขตของท่าน"),
        },
    )
    year = ThaiIntegerField(label=_("ปีการศึกษา"), min_value=YEAR_MIN, max_value=YEAR_MAX)
    role = forms.ChoiceField(
        label=_("บทบาทในทะเบียน"),
        choices=ROLE_CHOICES,
        error_messages={"invalid_choice": _("ไม่มีตัวเลือกนี้ กรุณาเลือกจากรายการ")},
    )
    core = CoreChoiceField(
        label=_("โรงเรียนหลัก (สำหรับโรงเรียนเครือข่าย)"),
        queryset=QualityCore.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("ไม่พบโรงเรียนหลักนี้ในเขตของท่าน")},
    )
    integrated_learning = forms.BooleanField(label=_("เรียนรวม"), required=False)
    resource_sharing = forms.BooleanField(label=_("ใช้ทรัพยากรร่วมกัน"), required=False)
    participating = forms.BooleanField(label=_("เข้าร่วมได้"), required=False, initial=True)
    non_participation_reason = forms.CharField(
        label=_("เหตุผลที่เข้าร่วมไม่ได้"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(
        self, *args: Any, schools: Any = None, cores: Any, with_school: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if with_school:
            cast(forms.ModelChoiceField, self.fields["school"]).queryset = schools
        else:
            del self.fields["school"]
        cast(forms.ModelChoiceField, self.fields["core"]).queryset = cores

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("role") == NETWORK:
            core = data.get("core")
            if core is None and "core" not in self.errors:
                self.add_error("core", _("กรุณาเลือกโรงเรียนหลักของโรงเรียนเครือข่ายนี้"))
            elif core is not None and data.get("year") and core.academic_year != data["year"]:
                self.add_error("core", _("โรงเรียนหลักที่เลือกอยู่ในทะเบียนของปีการศึกษาอื่น"))
            if (
                not data.get("participating")
                and not (data.get("non_participation_reason") or "").strip()
            ):
                self.add_error(
                    "non_participation_reason", _("กรุณาระบุเหตุผลที่โรงเรียนเครือข่ายเข้าร่วมไม่ได้")
                )
        return data

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        network = data["role"] == NETWORK
        return {
            "academic_year": data["year"],
            "role": data["role"],
            "core": data.get("core") if network else None,
            "integrated_learning": bool(data.get("integrated_learning")) and network,
            "resource_sharing": bool(data.get("resource_sharing")) and network,
            "participating": bool(data.get("participating")) or not network,
            "non_participation_reason": (data.get("non_participation_reason") or "")
            if network
            else "",
        }


class RemoveForm(forms.Form):
    year = ThaiIntegerField(label=_("ปีการศึกษา"), min_value=YEAR_MIN, max_value=YEAR_MAX)
    reason = forms.CharField(label=_("เหตุผล"), required=False, max_length=500)
