"""Middleware of our own: a Thai 503 page when the database is unreachable."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

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
