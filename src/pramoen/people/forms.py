"""Forms of the account pages and of self-registration: every message in Thai, at its field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from pramoen.accounts.enums import Role
from pramoen.accounts.models import User
from pramoen.core.fields import NationalIDField
from pramoen.core.mail_kinds import MailKind
from pramoen.orgs.models import Organization, Person
from pramoen.orgs.selectors import normalize_query, organization_by_code
from pramoen.people.enums import BatchKind, RegistrationKind
from pramoen.thai import strip_prefix


class AccountSearchForm(forms.Form):
    q = forms.CharField(label=_("ค้นหา (ชื่อ ชื่อผู้ใช้ หรืออีเมล)"), required=False, max_length=100)
    role = forms.ChoiceField(
        label=_("บทบาท"), required=False, choices=[("", _("ทุกบทบาท")), *Role.choices]
    )


class OrganizationCodeField(forms.CharField):
    """A school's 10-digit code or an ESA's code, cleaned to the organization."""

    def to_python(self, value: Any) -> Organization | None:  # type: ignore[override]
        text = normalize_query(super().to_python(value) or "")
        if not text:
            return None
        organization = organization_by_code(text)
        if organization is None:
            raise forms.ValidationError(_("ไม่พบหน่วยงานรหัสนี้ในทะเบียน (รหัสโรงเรียน 10 หลัก หรือรหัสเขต)"))
        return organization


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("บทบาท"), choices=Role.choices)
    organization = OrganizationCodeField(
        label=_("หน่วยงาน (รหัสโรงเรียน 10 หลัก หรือรหัสเขต)"),
        required=False,
        help_text=_("เว้นว่างได้เฉพาะบทบาทผู้ดูแลระบบ"),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        role = data.get("role")
        needs_place = role and role != Role.SYSTEM_ADMIN
        if needs_place and not data.get("organization") and "organization" not in self.errors:
            self.add_error("organization", _("กรุณาระบุหน่วยงานของบทบาทนี้"))
        return data


class InviteForm(RoleForm):
    email = forms.EmailField(label=_("อีเมล"), error_messages={"invalid": _("รูปแบบอีเมลไม่ถูกต้อง")})
    username = forms.CharField(
        label=_("ชื่อผู้ใช้"),
        max_length=150,
        required=False,
        help_text=_("เว้นว่างไว้ ระบบจะใช้อีเมลเป็นชื่อผู้ใช้"),
    )
    name_prefix = forms.CharField(label=_("คำนำหน้าชื่อ"), max_length=50, required=False)
    first_name = forms.CharField(label=_("ชื่อ"), max_length=150)
    last_name = forms.CharField(label=_("นามสกุล"), max_length=150, required=False)

    field_order = ["email", "username", "name_prefix", "first_name", "last_name", "role"]

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("อีเมลนี้มีบัญชีในระบบแล้ว"))
        return email

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        username = (data.get("username") or data.get("email") or "").strip()
        data["username"] = username
        if username and User.objects.filter(username__iexact=username).exists():
            self.add_error("username", _("ชื่อผู้ใช้นี้มีผู้ใช้แล้ว"))
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("เหตุผล"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("เหตุผลที่ไม่อนุมัติ (ส่งถึงผู้ลงทะเบียนทางอีเมล)"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("กรุณาระบุเหตุผลที่ไม่อนุมัติ")},
    )


class BatchForm(forms.Form):
    esa = forms.ModelChoiceField(label=_("เขตพื้นที่"), queryset=Organization.objects.none())
    kind = forms.ChoiceField(label=_("สร้างบัญชี"), choices=BatchKind.choices)

    def __init__(self, *args: Any, esas: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["esa"].queryset = esas  # type: ignore[attr-defined]
        if len(esas) == 1:
            self.fields["esa"].initial = esas[0].pk


class RegistrationForm(forms.Form):
    """Matched to the registry before it is kept: a teacher's national ID must be a registry
    person of a school and the name must be theirs; a school's code must be a school without an
    account. The same message for "not in the registry" and "name differs", so the form tells no
    stranger whose ID is registered."""

    NO_MATCH = _(
        "ไม่พบข้อมูลที่ตรงกันในทะเบียนของเขตพื้นที่ กรุณาตรวจเลขประจำตัวประชาชนและชื่อ-นามสกุล "
        "หรือติดต่อเขตพื้นที่ให้ปรับปรุงทะเบียน"
    )

    kind = forms.ChoiceField(
        label=_("ลงทะเบียนในฐานะ"), choices=RegistrationKind.choices, widget=forms.RadioSelect
    )
    national_id = NationalIDField(
        label=_("เลขประจำตัวประชาชน (ครูและบุคลากร)"),
        required=False,
        help_text=_("13 หลัก พิมพ์เลขไทยหรือเลขอารบิก มีขีดหรือไม่มีก็ได้"),
    )
    school_code = forms.CharField(
        label=_("รหัสสถานศึกษา 10 หลัก (บัญชีสถานศึกษา)"), required=False, max_length=20
    )
    name_prefix = forms.CharField(label=_("คำนำหน้าชื่อ"), max_length=50, required=False)
    first_name = forms.CharField(label=_("ชื่อ"), max_length=100)
    last_name = forms.CharField(label=_("นามสกุล"), max_length=100)
    email = forms.EmailField(
        label=_("อีเมล (ลิงก์ตั้งรหัสผ่านจะส่งไปที่นี่)"),
        error_messages={"invalid": _("รูปแบบอีเมลไม่ถูกต้อง")},
    )
    phone = forms.CharField(label=_("โทรศัพท์"), max_length=30, required=False)

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _("อีเมลนี้มีบัญชีในระบบแล้ว หากลืมรหัสผ่าน ใช้ “ลืมรหัสผ่าน” ที่หน้าเข้าสู่ระบบ")
            )
        return email

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        data["person"] = None
        if kind == RegistrationKind.TEACHER:
            self._match_person(data)
        elif kind == RegistrationKind.SCHOOL:
            self._match_school(data)
        return data

    def _match_person(self, data: dict[str, Any]) -> None:
        from pramoen.people.models import Registration

        nid = data.get("national_id")
        if not nid:
            if "national_id" not in self.errors:
                self.add_error("national_id", _("กรุณากรอกเลขประจำตัวประชาชน 13 หลัก"))
            return
        person = (
            Person.objects.filter(national_id=nid, organization__kind="school")
            .select_related("organization")
            .first()
        )
        first = strip_prefix(data.get("first_name", "").strip())
        typed = " ".join(f"{first} {data.get('last_name', '')}".split())
        if person is None or " ".join(f"{person.first_name} {person.last_name}".split()) != typed:
            self.add_error("national_id", self.NO_MATCH)
            return
        if User.objects.filter(national_id=nid).exists():
            self.add_error(
                "national_id", _("ท่านมีบัญชีในระบบแล้ว หากลืมรหัสผ่าน ใช้ “ลืมรหัสผ่าน” ที่หน้าเข้าสู่ระบบ")
            )
            return
        if Registration.objects.filter(person=person, status="pending").exists():
            self.add_error("national_id", _("ท่านส่งคำขอไว้แล้ว กรุณารอเขตพื้นที่ตรวจสอบ"))
            return
        data["person"] = person
        data["school"] = person.organization

    def _match_school(self, data: dict[str, Any]) -> None:
        from pramoen.people.models import Registration

        code = normalize_query(data.get("school_code") or "").replace(" ", "")
        school = Organization.objects.schools().filter(code=code).first() if code else None
        if school is None:
            self.add_error("school_code", _("ไม่พบรหัสสถานศึกษานี้ในทะเบียน กรุณาตรวจรหัส 10 หลัก"))
            return
        if school.memberships.filter(role=Role.APPLICANT_SCHOOL).exists():
            self.add_error("school_code", _("สถานศึกษานี้มีบัญชีในระบบแล้ว กรุณาติดต่อเขตพื้นที่"))
            return
        if Registration.objects.filter(school=school, kind="school", status="pending").exists():
            self.add_error("school_code", _("มีคำขอของสถานศึกษานี้รอตรวจสอบอยู่แล้ว"))
            return
        data["school"] = school


class MailTemplateForm(forms.Form):
    """An ESA's subject and body for one kind of e-mail; each text is checked in the sandbox
    and a problem is shown at its field in Thai (``people.services.mail_templates``)."""

    subject = forms.CharField(label=_("หัวเรื่อง"), max_length=200, strip=False)
    body = forms.CharField(
        label=_("เนื้อความ"),
        max_length=10_000,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 14}),
    )

    def __init__(self, *args: Any, kind: MailKind, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind

    def clean(self) -> dict[str, Any]:
        from pramoen.people.services.mail_templates import mail_template_errors

        data = super().clean() or {}
        if "subject" in data and "body" in data:
            errors = mail_template_errors(
                kind=self.kind, subject=data["subject"], body=data["body"]
            )
            for field, message in errors.items():
                self.add_error(field, message)
        return data
