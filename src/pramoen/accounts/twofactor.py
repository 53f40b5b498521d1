"""The second factor: TOTP (django-otp) with one-time recovery codes.

Required for the roles whose password alone would otherwise decide awards or reach every account
(``PRAMOEN_2FA_ROLES``: system admin, ESA staff, committee chair, judge; Django staff too), for
everyone with ``PRAMOEN_2FA_EVERYONE``. ``PRAMOEN_2FA_REQUIRED=false`` turns enforcement off (a
training install); the demo keeps it on, with known devices for its accounts (``accounts/demo.py``).
Writes are services here, audited like every other change of who may decide what.
"""

from __future__ import annotations

import base64
import io
import secrets
from binascii import unhexlify
from typing import Any

import django_otp
import qrcode
import qrcode.image.svg
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from pramoen.accounts.models import User
from pramoen.core.services import audit_record

EPOCH_SESSION_KEY = "pramoen_2fa_epoch"
RECOVERY_CODE_COUNT = 10
# Lower-case letters and digits without 0/o, 1/l/i: read from paper and typed by hand.
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
TOTP_NAME = "แอปยืนยันตัวตน"
RECOVERY_NAME = "รหัสกู้คืน"


def second_factor_required(user: Any) -> bool:
    if not getattr(settings, "PRAMOEN_2FA_REQUIRED", True):
        return False
    if not getattr(user, "is_authenticated", False):
        return False
    if getattr(settings, "PRAMOEN_2FA_EVERYONE", False):
        return True
    if getattr(user, "is_staff", False) or getattr(user, "is_superuser", False):
        return True
    return bool(set(settings.PRAMOEN_2FA_ROLES) & user.role_set())


def session_is_verified(request: HttpRequest) -> bool:
    """The session passed the second factor for the user's current devices."""
    user = request.user
    session = request.session
    return bool(session.get(DEVICE_ID_SESSION_KEY)) and session.get(EPOCH_SESSION_KEY) == getattr(
        user, "second_factor_epoch", None
    )


def mark_verified(request: HttpRequest, device: Device) -> None:
    django_otp.login(request, device)
    request.session[EPOCH_SESSION_KEY] = getattr(request.user, "second_factor_epoch", 0)


def _bump_epoch(user: User) -> None:
    User.objects.filter(pk=user.pk).update(second_factor_epoch=F("second_factor_epoch") + 1)
    user.refresh_from_db(fields=["second_factor_epoch"])


def totp_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def new_totp_key() -> str:
    """A fresh 20-byte secret, hex as django-otp stores it."""
    return secrets.token_hex(20)


def totp_accepts(key_hex: str, token: str) -> bool:
    """Whether ``token`` is the current code (±1 step) for a key not yet saved (enrolment)."""
    digits = "".join(ch for ch in token if ch.isdigit())
    if len(digits) != 6:
        return False
    totp = TOTP(unhexlify(key_hex), step=30, t0=0, digits=6)
    return totp.verify(int(digits), tolerance=1)


def qr_data_uri(text: str) -> str:
    """``text`` (the authenticator's otpauth:// address) as an inline SVG QR code."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def normalize_recovery_code(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def _new_recovery_codes(device: StaticDevice) -> list[str]:
    device.token_set.all().delete()
    codes = ["".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(10)) for _ in range(10)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return [f"{code[:5]}-{code[5:]}" for code in codes]


@transaction.atomic
def second_factor_enrol(*, user: User, key_hex: str, token: str) -> list[str]:
    """Confirm an authenticator app holding ``key_hex`` with its current code; replace any earlier
    device; return the new recovery codes (shown once, stored only in django-otp's table)."""
    if not totp_accepts(key_hex, token):
        raise ValidationError(
            "รหัส 6 หลักไม่ตรงกับแอปยืนยันตัวตน กรุณาตรวจว่าเวลาในโทรศัพท์ตรงกับเวลาจริง แล้วพิมพ์รหัสที่แสดงอยู่ตอนนี้"
        )
    replaced = TOTPDevice.objects.filter(user=user).count()
    TOTPDevice.objects.filter(user=user).delete()
    device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, key=key_hex, confirmed=True)
    _bump_epoch(user)
    static, _ = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_NAME, defaults={"confirmed": True}
    )
    codes = _new_recovery_codes(static)
    audit_record(
        actor=user,
        action="second_factor.enrol",
        target=user,
        after={"device": device.persistent_id, "replaced_devices": replaced},
    )
    return codes


@transaction.atomic
def second_factor_recovery_codes_renew(*, user: User) -> list[str]:
    """New recovery codes; the old ones stop working."""
    static, _ = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_NAME, defaults={"confirmed": True}
    )
    codes = _new_recovery_codes(static)
    audit_record(actor=user, action="second_factor.recovery_codes_renew", target=user)
    return codes


@transaction.atomic
def second_factor_reset(*, user: User, actor: User | None, reason: str) -> int:
    """Remove every device of ``user`` (a lost phone); they enrol again at their next sign-in."""
    if not reason.strip():
        raise ValidationError("กรุณาระบุเหตุผลในการล้างการยืนยันตัวตนสองขั้นตอน")
    removed = TOTPDevice.objects.filter(user=user).delete()[0]
    removed += StaticDevice.objects.filter(user=user).delete()[0]
    _bump_epoch(user)
    audit_record(
        actor=actor,
        action="second_factor.reset",
        target=user,
        before={"devices": removed},
        reason=reason,
    )
    return removed
