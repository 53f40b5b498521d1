"""Pages of the second factor: enrolment with a QR code, the code at sign-in, recovery codes."""

from __future__ import annotations

from base64 import b32encode
from binascii import unhexlify
from typing import Any
from urllib.parse import quote, urlencode

import django_otp
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST
from django_otp.plugins.otp_static.models import StaticDevice

from pramoen.accounts import twofactor
from pramoen.core.types import AuthenticatedRequest

_SALT = "pramoen.accounts.2fa.setup"
_SETUP_MAX_AGE = 15 * 60


class CodeForm(forms.Form):
    code = forms.CharField(
        label="รหัสจากแอปยืนยันตัวตน หรือรหัสกู้คืน",
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
        help_text="รหัส 6 หลักที่แสดงในแอปตอนนี้ หรือรหัสกู้คืนหนึ่งชุดที่ท่านพิมพ์เก็บไว้ (ใช้ได้ครั้งเดียว)",
    )


class EnrolForm(forms.Form):
    code = forms.CharField(
        label="รหัส 6 หลักจากแอป",
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


def _signed_key(signed: str) -> str | None:
    """The key a setup page issued, if that page is genuine and not older than 15 minutes."""
    try:
        return signing.loads(signed, salt=_SALT, max_age=_SETUP_MAX_AGE)
    except signing.BadSignature:
        return None


def _next_url(request: HttpRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return reverse(settings.LOGIN_REDIRECT_URL)


def _otpauth_url(user: Any, key_hex: str) -> str:
    issuer = settings.PRAMOEN_SITE_NAME.replace(":", "")
    label = quote(f"{issuer}:{user.get_username()}")
    secret = b32encode(unhexlify(key_hex)).decode()
    query = urlencode({"secret": secret, "issuer": issuer, "digits": 6, "period": 30})
    return f"otpauth://totp/{label}?{query}"


def _grouped_secret(key_hex: str) -> str:
    secret = b32encode(unhexlify(key_hex)).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@login_required
@require_http_methods(["GET", "POST"])
def setup(request: AuthenticatedRequest) -> HttpResponse:
    """Scan a QR code, type the app's code back. GET writes nothing: the new secret travels signed
    in the form and becomes a device only when the code proves the app holds it."""
    key = None
    if request.method == "POST":
        form = EnrolForm(request.POST)
        key = _signed_key(request.POST.get("secret", ""))
        if key is None:
            form.add_error(
                None,
                "หน้าลงทะเบียนนี้หมดอายุแล้ว (เกิน 15 นาที) กรุณาสแกนรหัส QR ใหม่ด้านล่างแล้วพิมพ์รหัสอีกครั้ง",
            )
        elif form.is_valid():
            try:
                codes = twofactor.second_factor_enrol(
                    user=request.user, key_hex=key, token=form.cleaned_data["code"]
                )
            except ValidationError as exc:
                form.add_error("code", exc)
            else:
                twofactor.mark_verified(request, twofactor.totp_device(request.user))
                return render(
                    request,
                    "accounts/two_factor_codes.html",
                    {"codes": codes, "next": _next_url(request), "enrolled": True},
                )
    else:
        form = EnrolForm()
    key = key or twofactor.new_totp_key()
    url = _otpauth_url(request.user, key)
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr": twofactor.qr_data_uri(url),
            "secret_text": _grouped_secret(key),
            "signed_secret": signing.dumps(key, salt=_SALT),
            "next": _next_url(request),
            "required": twofactor.second_factor_required(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def verify(request: AuthenticatedRequest) -> HttpResponse:
    device = twofactor.totp_device(request.user)
    if device is None:
        return redirect(f"{reverse('accounts:two_factor_setup')}?next={quote(_next_url(request))}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"].strip()
        digits = "".join(ch for ch in code if ch.isdigit())
        matched = None
        if len(digits) == 6 and len(code.replace(" ", "")) == 6:
            matched = django_otp.verify_token(request.user, device.persistent_id, digits)
        else:
            static = StaticDevice.objects.filter(user=request.user, confirmed=True).first()
            if static is not None:
                matched = django_otp.verify_token(
                    request.user, static.persistent_id, twofactor.normalize_recovery_code(code)
                )
        if matched is not None:
            twofactor.mark_verified(request, matched)
            return redirect(_next_url(request))
        allowed, _ = device.verify_is_allowed()
        form.add_error(
            "code",
            "รหัสไม่ถูกต้องหรือหมดเวลาแล้ว กรุณาพิมพ์รหัสที่แสดงในแอปตอนนี้"
            if allowed
            else "ใส่รหัสผิดหลายครั้ง ระบบจึงให้รอสักครู่ก่อนลองใหม่ (ระยะรอเพิ่มขึ้นทุกครั้งที่ผิด)",
        )
    return render(
        request, "accounts/two_factor_verify.html", {"form": form, "next": _next_url(request)}
    )


@login_required
@require_http_methods(["GET"])
def manage(request: AuthenticatedRequest) -> HttpResponse:
    static = StaticDevice.objects.filter(user=request.user).first()
    return render(
        request,
        "accounts/two_factor_manage.html",
        {
            "device": twofactor.totp_device(request.user),
            "codes_left": static.token_set.count() if static else 0,
            "required": twofactor.second_factor_required(request.user),
        },
    )


@login_required
@require_POST
def recovery_codes(request: AuthenticatedRequest) -> HttpResponse:
    if twofactor.totp_device(request.user) is None or not twofactor.session_is_verified(request):
        return redirect("accounts:two_factor_verify")
    codes = twofactor.second_factor_recovery_codes_renew(user=request.user)
    return render(
        request,
        "accounts/two_factor_codes.html",
        {"codes": codes, "next": reverse("accounts:two_factor"), "enrolled": False},
    )
