"""The one way a page asks for a permission: log in first (an anonymous visitor goes to the login
page), then the ``rules`` permission (403 otherwise)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.contrib.auth.decorators import permission_required as django_permission_required

View = TypeVar("View", bound=Callable[..., Any])


def permission_required(perm: str) -> Callable[[View], View]:
    """``login_required`` around Django's ``permission_required(perm, raise_exception=True)``."""

    def decorator(view: View) -> View:
        wrapped: View = login_required(django_permission_required(perm, raise_exception=True)(view))
        return wrapped

    return decorator
