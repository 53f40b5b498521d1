"""The audit-log viewer's filters (a GET form): every message in Thai, dates in the Buddhist Era."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from pramoen.core.audit_labels import ACTION_LABELS, KIND_LABELS
from pramoen.core.fields import BEDateField


def _sorted_choices(labels: dict[str, Any], empty: str) -> list[tuple[str, str]]:
    return [("", empty), *sorted(((k, str(v)) for k, v in labels.items()), key=lambda c: c[1])]


class AuditFilterForm(forms.Form):
    person = forms.CharField(label=_("ผู้ดำเนินการ (ชื่อ หรือชื่อผู้ใช้)"), required=False, max_length=100)
    actor = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("ประเภทรายการ"), required=False)
    target = forms.CharField(label=_("ชื่อรายการ (บางส่วน)"), required=False, max_length=100)
    object = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    action = forms.ChoiceField(label=_("การกระทำ"), required=False)
    date_from = BEDateField(label=_("ตั้งแต่วันที่"), required=False)
    date_to = BEDateField(label=_("ถึงวันที่"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind = cast(forms.ChoiceField, self.fields["kind"])
        kind.choices = _sorted_choices(KIND_LABELS, str(_("ทุกประเภท")))
        action = cast(forms.ChoiceField, self.fields["action"])
        action.choices = _sorted_choices(ACTION_LABELS, str(_("ทุกการกระทำ")))
        self.fields["actor"].error_messages["invalid"] = _("ผู้ดำเนินการที่เลือกไม่ถูกต้อง")
        self.fields["actor"].error_messages["min_value"] = _("ผู้ดำเนินการที่เลือกไม่ถูกต้อง")
        for name in ("kind", "action"):
            self.fields[name].error_messages["invalid_choice"] = _("ไม่มีตัวเลือกนี้ กรุณาเลือกจากรายการ")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("วันที่สิ้นสุดต้องไม่ก่อนวันที่เริ่มต้น"))
        if data.get("object") and not data.get("kind"):
            self.add_error("kind", _("กรุณาเลือกประเภทของรายการที่ต้องการดูประวัติ"))
        return data

    def filters(self) -> dict[str, Any]:
        """The selector's keyword arguments from a valid form."""
        data = self.cleaned_data
        return {
            "person": data.get("person") or "",
            "actor_id": data.get("actor"),
            "target_type": data.get("kind") or "",
            "target_id": data.get("object") or "",
            "target_text": data.get("target") or "",
            "action": data.get("action") or "",
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
        }
