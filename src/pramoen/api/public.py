"""Public operations (results, certificate verification): anyone, throttled per client IP with the
same scopes as their pages; a token or session, when sent, still says who calls."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from pramoen.api.auth import Session, TokenAuth
from pramoen.api.errors import THROTTLED, ApiError
from pramoen.core.throttle import client_ip, throttle_hit


def anyone(request: HttpRequest) -> Any:
    return True


def public_auth() -> list[Any]:
    return [TokenAuth(), Session(), anyone]


def throttle_ip(request: HttpRequest, scope: str) -> None:
    wait = throttle_hit(scope, client_ip(request))
    if wait:
        raise ApiError(429, THROTTLED.format(seconds=wait), retry_after=wait)
