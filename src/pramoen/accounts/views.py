from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from pramoen.accounts.api_tokens import api_token_create, api_token_revoke, api_tokens_of
from pramoen.accounts.forms import ApiTokenForm, LoginForm, ProfileForm
from pramoen.accounts.models import User
from pramoen.accounts.services import user_update_profile
from pramoen.core.throttle import client_ip, throttle_hit, throttled_response
from pramoen.core.types import AuthenticatedRequest


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_form.html"
    extra_context = {"page_title": _("เปลี่ยนรหัสผ่าน")}
    success_url = reverse_lazy("accounts:password_change_done")


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_form.html"
    extra_context = {"page_title": _("ขอตั้งรหัสผ่านใหม่")}
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form: Any) -> HttpResponse:
        wait = throttle_hit("password_reset_ip", client_ip(self.request))
        if wait:
            return throttled_response(self.request, wait)
        if throttle_hit("password_reset_account", form.cleaned_data["email"].strip().lower()):
            # The same answer as a sent mail, so the throttle tells nobody the account exists.
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_form.html"
    extra_context = {"page_title": _("ตั้งรหัสผ่านใหม่")}
    success_url = reverse_lazy("accounts:password_reset_complete")


@login_required
def profile(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    if request.method == "POST":
        # A copy, so a form that fails validation leaves the signed-in user object untouched.
        form = ProfileForm(request.POST, instance=User.objects.get(pk=user.pk))
        if form.is_valid():
            user_update_profile(
                user=user,
                actor=user,
                changes={name: form.cleaned_data[name] for name in form.Meta.fields},
            )
            messages.success(request, "บันทึกข้อมูลของท่านเรียบร้อยแล้ว")
            return redirect("accounts:profile")
        messages.error(request, "ยังไม่ได้บันทึก กรุณาแก้ไขช่องที่มีข้อความสีแดง")
    else:
        form = ProfileForm(instance=user)
    return _profile_page(request, form=form)


def _profile_page(
    request: AuthenticatedRequest,
    *,
    form: ProfileForm | None = None,
    token_form: ApiTokenForm | None = None,
    new_token: str = "",
) -> HttpResponse:
    context = {
        "form": form or ProfileForm(instance=request.user),
        "token_form": token_form or ApiTokenForm(),
        "tokens": api_tokens_of(user=request.user)[:50],
        "new_token": new_token,
    }
    return render(request, "accounts/profile.html", context)


@never_cache
@login_required
@require_POST
def api_token_new(request: AuthenticatedRequest) -> HttpResponse:
    """Create a personal API token; its text is on this response only (never stored)."""
    token_form = ApiTokenForm(request.POST)
    if token_form.is_valid():
        try:
            _token, text = api_token_create(
                user=request.user,
                name=token_form.cleaned_data["name"],
                scopes=token_form.cleaned_data["scopes"],
                days=token_form.cleaned_data["days"],
                actor=request.user,
            )
        except ValidationError as exc:
            token_form.add_error(None, exc)
        else:
            return _profile_page(request, new_token=text)
    messages.error(request, "ยังไม่ได้สร้างโทเค็น กรุณาแก้ไขช่องที่มีข้อความสีแดง")
    return _profile_page(request, token_form=token_form)


@login_required
@require_POST
def api_token_cancel(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(api_tokens_of(user=request.user), pk=pk)
    api_token_revoke(token=token, actor=request.user)
    messages.success(request, f"ยกเลิกโทเค็น “{token.name}” แล้ว")
    return redirect("accounts:profile")
