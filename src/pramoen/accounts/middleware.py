"""The second factor at the door: a password alone reaches only the pages that provide it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from pramoen.accounts import twofactor


class SecondFactorMiddleware:
    """Signed in with a password only, a user who needs the second factor reaches nothing but the
    pages that provide it (and sign-out): a judge's or an officer's password alone decides nothing.
    """

    ALLOWED = {
        ("accounts", "two_factor_setup"),
        ("accounts", "two_factor_verify"),
        ("accounts", "logout"),
        ("", "set_language"),
        ("", "healthz"),
    }

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., HttpResponse], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or twofactor.session_is_verified(request):
            return None
        match = request.resolver_match
        if match is not None and (match.namespace, match.url_name) in self.ALLOWED:
            return None
        if match is not None and match.namespace == "api":
            # The API answers for itself, in JSON: its session sign-in refuses this session (a
            # Thai 401, pramoen.api.auth.Session), and a personal token needs no second factor
            # here (it was created in a session that had passed it).
            return None
        if not twofactor.second_factor_required(user):
            return None
        name = "two_factor_verify" if twofactor.totp_device(user) else "two_factor_setup"
        target = f"{reverse(f'accounts:{name}')}?{urlencode({'next': request.get_full_path()})}"
        if getattr(request, "htmx", False):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = target
            return response
        return redirect(target)
