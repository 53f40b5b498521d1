"""Opening a fiscal year of KPI reporting from a page (issues 18, 19: no command line)."""

from __future__ import annotations

from django import forms

from pramoen.core.fields import BEDateField, ThaiIntegerField
from pramoen.kpi.enums import ApprovalChain
from pramoen.kpi.models import FISCAL_YEAR_MAX, FISCAL_YEAR_MIN, KpiCampaign


class _CampaignChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: KpiCampaign) -> str:
        return f"ปีงบประมาณ {obj.fiscal_year} — {obj.title_th}"


class CampaignNextForm(forms.Form):
    source = _CampaignChoice(
        label="เปิดจากปีงบประมาณ (คัดลอกตัวชี้วัด เครื่องมือที่ใช้ และเขตที่รายงาน)",
        queryset=KpiCampaign.objects.order_by("-fiscal_year"),
        empty_label=None,
        error_messages={"invalid_choice": "กรุณาเลือกปีงบประมาณต้นแบบจากรายการ"},
    )
    fiscal_year = ThaiIntegerField(
        label="ปีงบประมาณใหม่ (พ.ศ.)",
        min_value=FISCAL_YEAR_MIN,
        max_value=FISCAL_YEAR_MAX,
        error_messages={
            "required": "กรุณากรอกปีงบประมาณ (พ.ศ.) เช่น 2570",
            "min_value": "ปีงบประมาณต้องเป็นปี พ.ศ. เช่น 2570",
            "max_value": "ปีงบประมาณต้องเป็นปี พ.ศ. เช่น 2570",
        },
    )
    due_6m = BEDateField(label="กำหนดส่ง รอบ 6 เดือน (วว/ดด/ปปปป พ.ศ.)")
    due_12m = BEDateField(label="กำหนดส่ง รอบ 12 เดือน (วว/ดด/ปปปป พ.ศ.)")


class ChainForm(forms.Form):
    """Who decides after an ESA submits: the campaign's approval chain."""

    chain = forms.ChoiceField(
        label="ลำดับการอนุมัติ",
        choices=ApprovalChain.choices,
        error_messages={"invalid_choice": "กรุณาเลือกลำดับการอนุมัติจากรายการ"},
    )
