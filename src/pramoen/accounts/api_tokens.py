"""Personal API tokens: created and revoked on the profile page, used by ``pramoen.api``.

The token text is ``pmn_`` + its prefix + ``_`` + a secret; only the SHA-256 of the whole text is
stored, so a copy of the database lets nobody call the API. Creating and revoking are audited;
each use of a token is audited by the API (``pramoen.api.auth``).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from pramoen.accounts.enums import ApiScope
from pramoen.accounts.models import ApiToken
from pramoen.core.services import audit_record
from pramoen.core.types import User

TOKEN_START = "pmn_"  # noqa: S105  # the marker every token starts with, not a secret
MAX_DAYS = 365
MAX_ACTIVE_PER_USER = 20


def token_digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def api_tokens_of(*, user: User) -> QuerySet[ApiToken]:
    """The user's tokens, newest first (the profile page lists them)."""
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")


@transaction.atomic
def api_token_create(
    *, user: User, name: str, scopes: list[str], days: int, actor: User
) -> tuple[ApiToken, str]:
    """A new token of ``user``; returns it and its text, which is never available again."""
    unknown = set(scopes) - set(ApiScope.values)
    if unknown or not scopes:
        raise ValidationError({"scopes": "กรุณาเลือกขอบเขตของโทเค็นอย่างน้อยหนึ่งรายการ"})
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError({"days": f"อายุของโทเค็นต้องอยู่ระหว่าง 1 ถึง {MAX_DAYS} วัน"})
    now = timezone.now()
    active = ApiToken.objects.filter(user=user, revoked_at__isnull=True, expires_at__gt=now)
    if active.count() >= MAX_ACTIVE_PER_USER:
        raise ValidationError(
            f"มีโทเค็นที่ใช้งานได้ครบ {MAX_ACTIVE_PER_USER} รายการแล้ว กรุณายกเลิกโทเค็นที่ไม่ใช้ก่อน"
        )
    prefix = secrets.token_hex(4)
    text = f"{TOKEN_START}{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        user=user,
        name=name.strip()[:100],
        prefix=prefix,
        token_hash=token_digest(text),
        scopes=[s for s in ApiScope.values if s in scopes],
        expires_at=now + timedelta(days=days),
    )
    audit_record(
        actor=actor,
        action="api_token.create",
        target=token,
        after={"scopes": token.scopes, "expires_at": token.expires_at.isoformat()},
    )
    return token, text


@transaction.atomic
def api_token_revoke(*, token: ApiToken, actor: User) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(actor=actor, action="api_token.revoke", target=token)
    return token


def api_token_for(text: str) -> ApiToken | None:
    """The live token with this text (not revoked, not expired, its owner active), else None."""
    if not text.startswith(TOKEN_START) or len(text) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(token_hash=token_digest(text), revoked_at__isnull=True)
        .first()
    )
    if token is None or token.expires_at <= timezone.now() or not token.user.is_active:
        return None
    return token
