"""Middleware of our own: a Thai 503 page when the database is unreachable."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse

logger = logging.getLogger("pramoen.database")


class DatabaseUnavailableMiddleware:
    """Turn a lost database connection into "try again shortly" (503), logged once, plainly.

    Only connection-level errors (``OperationalError``/``InterfaceError``) are caught: an
    ``IntegrityError`` or a programming error is a bug and still reaches the 500 handler. The
    page is rendered without a request context, since the session, the user and the navigation
    all need the database that just failed.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("database unavailable on %s %s: %s", request.method, request.path, exception)
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        # Nothing was read from the session: nothing to save, and no database to save it in.
        if hasattr(request, "session"):
            request.session.accessed = False
            request.session.modified = False
        return response


class PermissionsPolicyMiddleware:
    """``Permissions-Policy`` on every response: no camera, microphone, location, payment, …"""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PRAMOEN_PERMISSIONS_POLICY)
        return response


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
        from pramoen.accounts import twofactor

        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or twofactor.session_is_verified(request):
            return None
        match = request.resolver_match
        if match is not None and (match.namespace, match.url_name) in self.ALLOWED:
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
