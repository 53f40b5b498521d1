"""ESA staff forms for campaigns: BE dates, Thai digits accepted everywhere, Thai messages."""

from __future__ import annotations

import re
from datetime import datetime, time
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone

from pramoen.awards.models import Campaign
from pramoen.core.fields import BEDateField, ThaiDecimalField, ThaiIntegerField
from pramoen.thai import to_arabic_digits

if TYPE_CHECKING:
    from django.db.models import Field


def _label(name: str) -> str:
    return str(cast("Field[Any, Any]", Campaign._meta.get_field(name)).verbose_name)


def _default(name: str) -> Any:
    return cast("Field[Any, Any]", Campaign._meta.get_field(name)).get_default()


_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*(?:น\.?)?\s*$")


class ThaiTimeField(forms.CharField):
    """``16:30``, ``16.30`` or ``๑๖.๓๐ น.`` → ``time(16, 30)``."""

    def to_python(self, value: Any) -> time | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        match = _TIME.match(to_arabic_digits(text))
        if not match or int(match[1]) > 23 or int(match[2]) > 59:
            raise forms.ValidationError(
                "กรุณากรอกเวลาแบบ ๒๔ ชั่วโมง เช่น 16.30 หรือ ๑๖.๓๐", code="invalid"
            )
        return time(int(match[1]), int(match[2]))


class CampaignForm(forms.Form):
    esa: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=None, label=_label("esa"), empty_label=None
    )
    name = forms.CharField(label=_label("name"), max_length=200, initial="NARA 2 AWARDS")
    edition = ThaiIntegerField(label=_label("edition"), min_value=1)
    year_be = ThaiIntegerField(label=_label("year_be"), min_value=2500, max_value=2700)
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
    min_years_in_post = ThaiIntegerField(label=_label("min_years_in_post"), min_value=0, initial=1)
    discipline_lookback_years = ThaiIntegerField(
        label=_label("discipline_lookback_years"), min_value=0, initial=2
    )
    obec_award_lookback_years = ThaiIntegerField(
        label=_label("obec_award_lookback_years"), min_value=0, initial=2
    )
    gold_lookback_years = ThaiIntegerField(
        label=_label("gold_lookback_years"), min_value=0, initial=2
    )
    max_pages = ThaiIntegerField(label=_label("max_pages"), min_value=1, initial=100)
    allowed_fonts = forms.CharField(
        label=_label("allowed_fonts"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="บรรทัดละหนึ่งแบบอักษร หรือคั่นด้วยเครื่องหมายจุลภาค",
        initial="TH Sarabun PSK\nTH Sarabun New",
    )
    body_font_size_pt = ThaiDecimalField(
        label=_label("body_font_size_pt"), max_digits=4, decimal_places=1, initial=16
    )
    body_font_size_tolerance_pt = ThaiDecimalField(
        label=_label("body_font_size_tolerance_pt"), max_digits=3, decimal_places=1, initial="0.5"
    )
    forbid_qr_codes = forms.BooleanField(
        label=_label("forbid_qr_codes"), required=False, initial=True
    )
    entries_per_person_per_domain = ThaiIntegerField(
        label=_label("entries_per_person_per_domain"), min_value=1, initial=1
    )
    self_application_allowed = forms.BooleanField(
        label=_label("self_application_allowed"), required=False
    )
    judges_per_entry = ThaiIntegerField(label=_label("judges_per_entry"), min_value=1, initial=3)
    # Optional in the form so older bookmarks and scripts that post without them keep working:
    # empty means the model's default (20 MB, 10 files).
    evidence_max_file_mb = ThaiIntegerField(
        label=_label("evidence_max_file_mb"), min_value=1, max_value=200, initial=20, required=False
    )
    evidence_max_files = ThaiIntegerField(
        label=_label("evidence_max_files"),
        min_value=1,
        max_value=50,
        initial=10,
        required=False,
        help_text="ใช้เมื่อแบบประเมินไม่ได้กำหนดจำนวนไฟล์ของช่องนั้นไว้",
    )
    letter_number = forms.CharField(label=_label("letter_number"), max_length=60, required=False)
    letter_date = BEDateField(label=_label("letter_date"), required=False)
    recipient = forms.CharField(
        label=_label("recipient"), max_length=200, initial="ผู้อำนวยการโรงเรียนในสังกัด"
    )
    esa_address = forms.CharField(
        label=_label("esa_address"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    signatory_name = forms.CharField(label=_label("signatory_name"), max_length=200, required=False)
    signatory_position = forms.CharField(
        label=_label("signatory_position"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    contact_unit = forms.CharField(
        label=_label("contact_unit"), max_length=200, initial="กลุ่มพัฒนาครูและบุคลากรทางการศึกษา"
    )
    contact_phone = forms.CharField(label=_label("contact_phone"), max_length=60, required=False)
    contact_fax = forms.CharField(label=_label("contact_fax"), max_length=60, required=False)

    def __init__(self, *args: Any, esas: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["esa"]).queryset = esas

    @classmethod
    def initial_from(cls, campaign: Campaign) -> dict[str, Any]:
        names = [n for n in cls.base_fields if n not in {"deadline_date", "deadline_time"}]
        initial = {name: getattr(campaign, name) for name in names}
        local = campaign.deadline_local()
        initial.update(
            deadline_date=local.date(),
            deadline_time=f"{local.hour:02d}.{local.minute:02d}",
            allowed_fonts="\n".join(campaign.allowed_fonts),
        )
        return initial

    def clean_evidence_max_file_mb(self) -> int:
        value = self.cleaned_data.get("evidence_max_file_mb")
        return value if value is not None else _default("evidence_max_file_mb")

    def clean_evidence_max_files(self) -> int:
        value = self.cleaned_data.get("evidence_max_files")
        return value if value is not None else _default("evidence_max_files")

    def clean_allowed_fonts(self) -> list[str]:
        raw = self.cleaned_data["allowed_fonts"]
        return [part.strip() for part in re.split(r"[,\n]", raw) if part.strip()]

    def campaign_values(self) -> dict[str, Any]:
        """Cleaned data as campaign fields: the deadline day and time become one aware datetime."""
        data = dict(self.cleaned_data)
        day, at = data.pop("deadline_date"), data.pop("deadline_time")
        data["deadline"] = timezone.make_aware(
            datetime.combine(day, at), timezone.get_default_timezone()
        )
        return data

    def add_service_errors(self, errors: dict[str, list[str]]) -> None:
        for field, messages in errors.items():
            target = "deadline_date" if field == "deadline" else field
            for message in messages:
                self.add_error(target if target in self.fields else None, message)


class CloneForm(forms.Form):
    year_be = ThaiIntegerField(
        label="คัดลอกเป็นการประกวดประจำปี (พ.ศ.)", min_value=2500, max_value=2700
    )


class EntryFilterForm(forms.Form):
    """The staff entry lists' search (GET): a name, a group, and on the screening page the
    screening outcome; bad input just lists everything."""

    q = forms.CharField(label="ค้นหาชื่อผู้ส่งผลงานหรือสถานศึกษา", required=False, max_length=100)
    group = forms.TypedChoiceField(label="กลุ่ม", required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, campaign: Campaign, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        groups = [("", "ทุกกลุ่ม")] + [
            (c.pk, c.label_th) for c in campaign.categories.order_by("position", "pk")
        ]
        cast(forms.ChoiceField, self.fields["group"]).choices = groups

    def filter(self, entries: QuerySet[Any]) -> QuerySet[Any]:
        """``entries`` narrowed to what a bound, valid form asks for (Thai-insensitive
        substring of the nominee or school name; one group)."""
        if not (self.is_bound and self.is_valid()):
            return entries
        data = self.cleaned_data
        if data.get("q"):
            entries = entries.filter(
                models.Q(nominee_name__icontains=data["q"])
                | models.Q(school__name_th__icontains=data["q"])
            )
        if data.get("group"):
            entries = entries.filter(category_id=data["group"])
        return entries


class ScreeningFilterForm(EntryFilterForm):
    eligibility = forms.ChoiceField(label="ผลการตรวจ", required=False)

    def __init__(self, *args: Any, campaign: Campaign, **kwargs: Any) -> None:
        from pramoen.awards.enums import Eligibility

        super().__init__(*args, campaign=campaign, **kwargs)
        cast(forms.ChoiceField, self.fields["eligibility"]).choices = [
            ("", "ทั้งหมด"),
            ("pending", "ยังไม่ยืนยันผล"),
            (Eligibility.ELIGIBLE, "ผ่าน"),
            (Eligibility.NOT_ELIGIBLE, "ไม่ผ่าน"),
        ]

    def filter(self, entries: QuerySet[Any]) -> QuerySet[Any]:
        entries = super().filter(entries)
        wanted = self.cleaned_data.get("eligibility") if self.is_bound and self.is_valid() else ""
        if wanted == "pending":
            return entries.filter(eligibility="")
        return entries.filter(eligibility=wanted) if wanted else entries
