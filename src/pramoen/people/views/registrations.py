"""Self-registration (anyone, throttled per IP), the staff approval queue, and the one-time link
that sets a first password."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_GET, require_POST

from pramoen.core.decorators import permission_required
from pramoen.core.paging import page_of
from pramoen.core.throttle import client_ip, throttle_hit, throttled_response
from pramoen.core.types import AuthenticatedRequest
from pramoen.people import selectors
from pramoen.people.enums import RegistrationStatus
from pramoen.people.forms import RegistrationForm, RejectForm
from pramoen.people.models import Registration
from pramoen.people.services import registrations as services
from pramoen.people.tokens import invite_tokens
from pramoen.people.views.accounts import PERM, site_of


def register(request: HttpRequest) -> HttpResponse:
    form = RegistrationForm(request.POST or None)
    if request.method == "POST":
        wait = throttle_hit("register", client_ip(request))
        if wait:
            return throttled_response(request, wait)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.registration_create(
                    kind=data["kind"],
                    school=data["school"],
                    person=data["person"],
                    name_prefix=data["name_prefix"],
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    email=data["email"],
                    phone=data["phone"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                return redirect("people:register_done")
        messages.error(request, "ยังไม่ได้ส่งคำขอ กรุณาแก้ไขช่องที่มีข้อความสีแดง")
    return render(request, "people/register.html", {"form": form})


@require_GET
def register_done(request: HttpRequest) -> HttpResponse:
    return render(request, "people/register_done.html")


@require_GET
@permission_required(PERM)
def registration_queue(request: AuthenticatedRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in RegistrationStatus.values:
        status = RegistrationStatus.PENDING
    page, query = page_of(request, selectors.registration_queue(actor=request.user, status=status))
    return render(
        request,
        "people/registration_queue.html",
        {
            "page": page,
            "query": query,
            "registrations": page.object_list,
            "status": status,
            "statuses": RegistrationStatus.choices,
            "reject_form": RejectForm(),
        },
    )


@require_POST
@permission_required(PERM)
def registration_decide(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    registration = get_object_or_404(
        Registration.objects.filter(
            pk__in=selectors.registration_queue(actor=request.user).values("pk")
        ).select_related("school", "person__organization", "esa"),
        pk=pk,
    )
    try:
        if request.POST.get("decision") == "approve":
            user = services.registration_approve(
                actor=request.user, registration=registration, site=site_of(request)
            )
            messages.success(request, f"อนุมัติแล้ว สร้างบัญชี {user.username} และส่งลิงก์ตั้งรหัสผ่านทางอีเมลแล้ว")
        else:
            form = RejectForm(request.POST)
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            services.registration_reject(
                actor=request.user, registration=registration, reason=reason
            )
            messages.success(request, "บันทึกว่าไม่อนุมัติ และส่งเหตุผลทางอีเมลแล้ว")
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("people:registration_queue")


class WelcomeView(auth_views.PasswordResetConfirmView):
    """The one-time link: set a first password (then the link is spent)."""

    template_name = "accounts/password_form.html"
    token_generator = invite_tokens
    extra_context = {"page_title": "ตั้งรหัสผ่านเพื่อเริ่มใช้งาน"}
    success_url = reverse_lazy("accounts:password_reset_complete")
