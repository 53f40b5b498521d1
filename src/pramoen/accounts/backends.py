from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest


class UsernameOrEmailBackend(ModelBackend):
    """Sign in with either the username or the e-mail address (case-insensitive)."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        if username is None or password is None:
            return None
        user_model = get_user_model()
        login = username.strip()
        field = "email__iexact" if "@" in login else "username__iexact"
        try:
            user = user_model._default_manager.get(**{field: login})
        except (user_model.DoesNotExist, user_model.MultipleObjectsReturned):
            # Same cost as a real check so timing does not reveal which accounts exist.
            user_model().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


def lockout_username(request: HttpRequest | None, credentials: dict[str, Any] | None) -> str | None:
    """The name django-axes counts failures under: one per account, however the login was typed.

    Login accepts the username in any case or the e-mail address, so without this ``somchai``,
    ``SOMCHAI`` and ``somchai@…`` would each get their own allowance of wrong passwords.
    """
    source = credentials if credentials else getattr(request, "POST", {}) or {}
    login = (source.get("username") or "").strip()
    if not login:
        return None
    if "@" in login:
        user_model = get_user_model()
        username = (
            user_model._default_manager.filter(email__iexact=login)
            .values_list("username", flat=True)
            .first()
        )
        if username:
            return username.lower()
    return login.lower()
