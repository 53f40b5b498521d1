"""The campaign wizard's step forms: the same Thai fields as the campaign form (BE dates, Thai
digits, 24-hour time), one form per step."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from pramoen.awards.forms import ThaiTimeField, _label
from pramoen.awards.models import Campaign
from pramoen.core.fields import BEDateField, ThaiIntegerField


class ServiceErrorsMixin:
    """Put a service's Thai ``ValidationError`` at the field it names (the deadline's at its
    day), the rest above the form."""

    def add_service_errors(self, errors: dict[str, list[str]]) -> None:
        form = cast(forms.Form, self)
        for field, messages in errors.items():
            target = "deadline_date" if field == "deadline" else field
            for message in messages:
                form.add_error(target if target in form.fields else None, message)


class EditionStepForm(ServiceErrorsMixin, forms.Form):
    esa: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=None, label=_label("esa"), empty_label=None
    )
    name = forms.CharField(label=_label("name"), max_length=200, initial="NARA 2 AWARDS")
    edition = ThaiIntegerField(label=_label("edition"), min_value=1)
    year_be = ThaiIntegerField(label=_label("year_be"), min_value=2500, max_value=2700)

    def __init__(self, *args: Any, esas: QuerySet | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if esas is None:
            # The organizing ESA is fixed once the draft exists (as on the edit page).
            del self.fields["esa"]
        else:
            cast(forms.ModelChoiceField, self.fields["esa"]).queryset = esas


class DatesStepForm(ServiceErrorsMixin, forms.Form):
    opens_on = BEDateField(label=_label("opens_on"))
    deadline_date = BEDateField(label="วันกำหนดส่งผลงาน")
    deadline_time = ThaiTimeField(
        label="เวลากำหนดส่งผลงาน (เวลาประเทศไทย)", initial="16.30", help_text="เช่น 16.30"
    )
    correction_starts_on = BEDateField(label=_label("correction_starts_on"), required=False)
    correction_ends_on = BEDateField(label=_label("correction_ends_on"), required=False)
    judging_starts_on = BEDateField(label=_label("judging_starts_on"), required=False)
    judging_ends_on = BEDateField(label=_label("judging_ends_on"), required=False)
    announce_on = BEDateField(label=_label("announce_on"), required=False)
    # ประกาศ ข้อ ๓ (seed 003) limits entries per person and domain only; the announcement states
    # no per-school cap, so none is asked for here.
    entries_per_person_per_domain = ThaiIntegerField(
        label=_label("entries_per_person_per_domain"), min_value=1, initial=1
    )
    self_application_allowed = forms.BooleanField(
        label=_label("self_application_allowed"),
        required=False,
        help_text="ถ้าไม่เลือก ครูและผู้บริหารสมัครผ่านบัญชีของสถานศึกษาเท่านั้น",
    )

    @classmethod
    def initial_from(cls, campaign: Campaign) -> dict[str, Any]:
        local = campaign.deadline_local()
        names = [n for n in cls.base_fields if n not in {"deadline_date", "deadline_time"}]
        return {
            **{name: getattr(campaign, name) for name in names},
            "deadline_date": local.date(),
            "deadline_time": f"{local.hour:02d}.{local.minute:02d}",
        }

    def campaign_values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        day, at = data.pop("deadline_date"), data.pop("deadline_time")
        data["deadline"] = timezone.make_aware(
            datetime.combine(day, at), timezone.get_default_timezone()
        )
        return data


class OpenForm(forms.Form):
    confirm = forms.BooleanField(
        label="ตรวจตัวอย่างแล้ว เปิดรับผลงานตามกำหนดการนี้",
        error_messages={"required": "กรุณาติ๊กยืนยันว่าได้ตรวจตัวอย่างแล้วก่อนเปิดรับผลงาน"},
    )
