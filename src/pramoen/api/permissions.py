"""The API asks the same ``rules`` permissions as the pages (``pramoen.accounts.rules`` and each
app's ``rules.py``): no second permission model."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from pramoen.core.types import User


def user_of(request: HttpRequest) -> User:
    user: Any = request.user
    return user


def require_perm(request: HttpRequest, perm: str, obj: Any = None) -> User:
    """The caller, if they hold ``perm`` (on ``obj``); a Thai 403 otherwise."""
    user = user_of(request)
    if not user.has_perm(perm, obj):
        raise PermissionDenied
    return user
