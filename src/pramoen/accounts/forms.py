from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from pramoen.accounts.enums import ApiScope
from pramoen.accounts.models import User
from pramoen.core.fields import BEDateField, NationalIDField


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("ชื่อผู้ใช้หรืออีเมล"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("รหัสผ่าน"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": _(
            "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง กรุณาตรวจสอบแล้วลองใหม่อีกครั้ง (ตัวพิมพ์เล็ก-ใหญ่ถือว่าต่างกัน)"
        ),
        "inactive": _("บัญชีนี้ถูกระงับการใช้งาน กรุณาติดต่อผู้ดูแลระบบ"),
    }


class ProfileForm(forms.ModelForm):
    national_id = NationalIDField(
        label=_("เลขประจำตัวประชาชน"),
        required=False,
        help_text=_("13 หลัก พิมพ์เลขไทยหรือเลขอารบิก มีขีดหรือไม่มีก็ได้"),
    )
    appointed_on = BEDateField(
        label=_("วันที่บรรจุแต่งตั้ง"),
        required=False,
        help_text=_("เช่น 1/10/2555 หรือ ๑ ตุลาคม ๒๕๕๕ (ปี พ.ศ.)"),
    )

    class Meta:
        model = User
        fields = [
            "name_prefix",
            "first_name",
            "last_name",
            "email",
            "phone",
            "national_id",
            "appointed_on",
        ]
        labels = {
            "name_prefix": _("คำนำหน้าชื่อ"),
            "first_name": _("ชื่อ"),
            "last_name": _("นามสกุล"),
            "email": _("อีเมล"),
            "phone": _("โทรศัพท์"),
        }
        error_messages = {
            "email": {"invalid": _("รูปแบบอีเมลไม่ถูกต้อง")},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.national_id:
            # Conflicts of interest are derived from it (judging.selectors.conflicts): a
            # judge must not be able to clear it before assignment. Set once; changed by an admin.
            field = self.fields["national_id"]
            field.disabled = True
            field.help_text = _("บันทึกแล้ว แก้ไขได้โดยผู้ดูแลระบบเท่านั้น")

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip()
        clash = User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if email and clash.exists():
            raise forms.ValidationError(_("อีเมลนี้มีผู้ใช้อื่นใช้แล้ว"))
        return email

    def clean_national_id(self) -> str:
        value = self.cleaned_data["national_id"]
        clash = User.objects.filter(national_id=value).exclude(pk=self.instance.pk)
        if value and clash.exists():
            raise forms.ValidationError(_("เลขประจำตัวประชาชนนี้ผูกกับบัญชีอื่นแล้ว"))
        return value


class ApiTokenForm(forms.Form):
    """A new personal API token (profile page): a name, its lifetime and its scopes."""

    DAYS = [(30, _("๓๐ วัน")), (90, _("๙๐ วัน")), (180, _("๑๘๐ วัน")), (365, _("๑ ปี"))]

    name = forms.CharField(label=_("ชื่อโทเค็น (เช่น ระบบ DMC ของเขต)"), max_length=100, strip=True)
    days = forms.TypedChoiceField(label=_("อายุ"), choices=DAYS, coerce=int, initial=90)
    scopes = forms.MultipleChoiceField(
        label=_("ขอบเขต"),
        choices=ApiScope.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[ApiScope.READ],
        error_messages={"required": _("กรุณาเลือกขอบเขตของโทเค็นอย่างน้อยหนึ่งรายการ")},
    )
