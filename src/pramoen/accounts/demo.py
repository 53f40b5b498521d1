"""Demo accounts: one per role, all with the published demo password."""

from __future__ import annotations

from base64 import b32decode
from collections.abc import Callable

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from pramoen.accounts.enums import Role
from pramoen.accounts.models import User
from pramoen.accounts.services import membership_grant, user_create
from pramoen.accounts.twofactor import TOTP_NAME, second_factor_required, totp_device
from pramoen.core.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET
from pramoen.orgs.enums import OrganizationKind
from pramoen.orgs.models import Organization


def demo_totp_key_hex() -> str:
    return b32decode(DEMO_TOTP_SECRET).hex()


def demo_totp_code(user: User) -> str | None:
    """The current code of a demo account's device — only for a device holding the published
    demo secret, so this never reveals a real account's code."""
    device = totp_device(user)
    if device is None or device.key != demo_totp_key_hex():
        return None
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


# username, prefix, first name, last name, role, organization ("esa" or a school code)
DEMO_ACCOUNTS = [
    ("admin", "นาย", "สมชาย", "ดูแลระบบ", Role.SYSTEM_ADMIN, "esa"),
    ("esa", "นางสาว", "วิไลวรรณ", "ใจดี", Role.ESA_STAFF, "esa"),
    ("chair", "ดร.", "ประเสริฐ", "ศรีสมบูรณ์", Role.COMMITTEE_CHAIR, "esa"),
    ("judge", "นาง", "มาลี", "รักเรียน", Role.JUDGE, "esa"),
    ("school", "นาย", "ธนากร", "บ้านหนองบัว", Role.APPLICANT_SCHOOL, "9999000001"),
    ("teacher", "นางสาว", "กมลชนก", "สอนดี", Role.APPLICANT_PERSON, "9999000002"),
    # A ศึกษานิเทศก์ (ประกาศ ข้อ ๓.๔). Every entry belongs to a school today, so she applies
    # through the school she supervises (an applicant with no school is not supported yet).
    ("supervisor", "นาง", "นิภาพร", "นิเทศดี", Role.APPLICANT_PERSON, "9999000003"),
    ("kpi", "นาย", "อนุชา", "รายงานผล", Role.KPI_REPORTER, "esa"),
    ("reviewer", "นาง", "สุดารัตน์", "ตรวจทาน", Role.KPI_REVIEWER, "esa"),
]


def demo_user(username: str, prefix: str, first: str, last: str) -> User:
    """The demo account ``username`` (created with the demo password on first load)."""
    user = User.objects.filter(username=username).first()
    if user is None:
        user = user_create(
            username=username,
            password=DEMO_PASSWORD,
            email=f"{username}@demo.pramoen.invalid",
            name_prefix=prefix,
            first_name=first,
            last_name=last,
        )
    return user


def load(log: Callable[[str], None]) -> None:
    from pramoen.orgs.demo import DEMO_ESA_CODE

    esa = Organization.objects.get(kind=OrganizationKind.ESA, code=DEMO_ESA_CODE)
    for username, prefix, first, last, role, org_ref in DEMO_ACCOUNTS:
        org = (
            esa
            if org_ref == "esa"
            else Organization.objects.get(kind=OrganizationKind.SCHOOL, code=org_ref)
        )
        user = demo_user(username, prefix, first, last)
        if role == Role.SYSTEM_ADMIN and not user.is_staff:
            # Django's admin site needs is_staff; the role decides everything else.
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        membership_grant(user=user, role=role, organization=org)
        if second_factor_required(user) and totp_device(user) is None:
            TOTPDevice.objects.create(
                user=user, name=TOTP_NAME, key=demo_totp_key_hex(), confirmed=True
            )
    log("บัญชีตัวอย่าง (รหัสผ่านเดียวกันทุกบัญชี: " + DEMO_PASSWORD + ")")
    log(
        "  บัญชีที่ต้องยืนยันตัวตนสองขั้นตอนใช้รหัสลับแอปเดียวกัน: "
        + DEMO_TOTP_SECRET
        + " (หรือ `pramoen demo otp ชื่อผู้ใช้` เพื่อดูรหัส 6 หลักปัจจุบัน)"
    )
    for username, prefix, first, last, role, _ in DEMO_ACCOUNTS:
        log(f"  {username:<10} {Role(role).label} — {prefix}{first} {last}")
