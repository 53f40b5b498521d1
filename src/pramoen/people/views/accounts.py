"""The officer's account pages: list and search, one account (roles, deactivate, a new link),
invite by e-mail. Scoped to the officer's ESA and its schools; a system admin sees every ESA."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from pramoen.core.decorators import permission_required
from pramoen.core.paging import page_of
from pramoen.core.types import AuthenticatedRequest
from pramoen.people import selectors
from pramoen.people.forms import AccountSearchForm, InviteForm, ReasonForm, RoleForm
from pramoen.people.services import accounts as services

PERM = "pramoen.manage_accounts"


def site_of(request: HttpRequest) -> str:
    """Scheme and host of this site, for the links in e-mails."""
    return request.build_absolute_uri("/").rstrip("/")


def _errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


@require_GET
@permission_required(PERM)
def account_list(request: AuthenticatedRequest) -> HttpResponse:
    form = AccountSearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    accounts = selectors.account_list(
        actor=request.user, search=data.get("q", ""), role=data.get("role", "")
    )
    page, query = page_of(request, accounts)
    return render(
        request,
        "people/account_list.html",
        {"form": form, "page": page, "query": query, "accounts": page.object_list},
    )


def _account(request: AuthenticatedRequest, pk: int):
    # Outside the officer's ESA: "not found", so its existence is not told.
    return get_object_or_404(selectors.accounts_in_scope(actor=request.user), pk=pk)


def _detail(request: AuthenticatedRequest, account, *, role_form=None, status=200) -> HttpResponse:
    return render(
        request,
        "people/account_detail.html",
        {
            "account": account,
            "memberships": selectors.account_memberships(user=account)[:100],
            "role_form": role_form or RoleForm(),
            "reason_form": ReasonForm(),
            "needs_password": not account.has_usable_password(),
        },
        status=status,
    )


@require_GET
@permission_required(PERM)
def account_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _detail(request, _account(request, pk))


@permission_required(PERM)
def account_invite(request: AuthenticatedRequest) -> HttpResponse:
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.account_invite(
                actor=request.user,
                email=data["email"],
                username=data["username"],
                name_prefix=data["name_prefix"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                role=data["role"],
                organization=data["organization"],
                site=site_of(request),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"สร้างบัญชีและส่งลิงก์ตั้งรหัสผ่านไปที่ {user.email} แล้ว")
            return redirect("people:account_detail", pk=user.pk)
    if request.method == "POST":
        messages.error(request, "ยังไม่ได้ส่งคำเชิญ กรุณาแก้ไขช่องที่มีข้อความสีแดง")
    return render(request, "people/account_invite.html", {"form": form})


@require_POST
@permission_required(PERM)
def role_grant(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    account = _account(request, pk)
    form = RoleForm(request.POST)
    if form.is_valid():
        try:
            services.role_grant(
                actor=request.user,
                user=account,
                role=form.cleaned_data["role"],
                organization=form.cleaned_data["organization"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "ให้บทบาทแล้ว")
            return redirect("people:account_detail", pk=account.pk)
    messages.error(request, "ยังไม่ได้ให้บทบาท กรุณาแก้ไขช่องที่มีข้อความสีแดง")
    return _detail(request, account, role_form=form, status=400)


@require_POST
@permission_required(PERM)
def role_revoke(request: AuthenticatedRequest, pk: int, membership_pk: int) -> HttpResponse:
    account = _account(request, pk)
    membership = get_object_or_404(account.memberships.all(), pk=membership_pk)
    form = ReasonForm(request.POST)
    try:
        services.role_revoke(
            actor=request.user,
            membership=membership,
            reason=form.cleaned_data["reason"] if form.is_valid() else "",
        )
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, f"ถอนบทบาท {membership.get_role_display()} แล้ว")
    return redirect("people:account_detail", pk=account.pk)


@require_POST
@permission_required(PERM)
def account_active(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    account = _account(request, pk)
    active = request.POST.get("active") == "1"
    form = ReasonForm(request.POST)
    try:
        services.account_set_active(
            actor=request.user,
            user=account,
            active=active,
            reason=form.cleaned_data["reason"] if form.is_valid() else "",
        )
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, "เปิดใช้บัญชีแล้ว" if active else "ระงับบัญชีแล้ว เข้าสู่ระบบไม่ได้อีก")
    return redirect("people:account_detail", pk=account.pk)


@require_POST
@permission_required(PERM)
def account_link(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    account = _account(request, pk)
    try:
        services.account_invite_again(actor=request.user, user=account, site=site_of(request))
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, f"ส่งลิงก์ตั้งรหัสผ่านไปที่ {account.email} แล้ว")
    return redirect("people:account_detail", pk=account.pk)
