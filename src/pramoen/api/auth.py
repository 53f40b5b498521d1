"""Who calls: a personal API token (``Authorization: Bearer pmn_…``) or the signed-in session.

A token acts as its owner, through the same ``rules`` permissions and selectors as the pages; its
scopes narrow what it may call. Each use is throttled per token (``PRAMOEN_THROTTLES["api_token"]``)
and written to the audit log. A session call is a same-site call: an unsafe method needs Django's
CSRF token (ninja's ``SessionAuth`` checks it), and a password-only session of a role that needs the
second factor is refused (401) as the pages refuse it.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from pramoen.accounts import twofactor
from pramoen.accounts.api_tokens import api_token_for
from pramoen.accounts.enums import ApiScope
from pramoen.api.errors import ApiError
from pramoen.core.services import audit_record
from pramoen.core.throttle import throttle_hit

NO_SCOPE = "โทเค็นนี้ไม่มีขอบเขต “{label}” กรุณาสร้างโทเค็นใหม่ที่มีขอบเขตนี้ในหน้าข้อมูลของฉัน"


class TokenAuth(HttpBearer):
    """A bearer token holding ``scope``."""

    def __init__(self, scope: str = ApiScope.READ) -> None:
        self.scope = scope
        super().__init__()

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = api_token_for(token)
        if found is None:
            return None
        if self.scope not in found.scopes:
            raise ApiError(403, NO_SCOPE.format(label=ApiScope(self.scope).label))
        wait = throttle_hit("api_token", found.prefix)
        if wait:
            raise ApiError(
                429,
                f"โทเค็นนี้เรียกใช้มากเกินไป กรุณารอ {wait} วินาทีแล้วลองใหม่",
                retry_after=wait,
            )
        audit_record(
            actor=found.user,
            action="api_token.use",
            target=found,
            after={"method": request.method, "path": request.path[:500]},
        )
        # Views, selectors and rules read ``request.user``, as on the pages.
        request.user = found.user
        return found.user


class Session(SessionAuth):
    """The signed-in session (every scope: it is the person at the keyboard)."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if twofactor.second_factor_required(user) and not twofactor.session_is_verified(request):
            return None  # a password alone reaches no data, in the API as on the pages
        return user


def auth(scope: str = ApiScope.READ) -> list[Any]:
    return [TokenAuth(scope), Session()]
