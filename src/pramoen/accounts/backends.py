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


class SystemAdminBackend:
    """Django's model permissions for holders of the system-admin role, for the admin site.

    The admin site asks for ``app_label.view_model``-style permissions, which no role grants
    through ``rules``; without this the demo's system admin saw an empty admin index and got 403
    on every model page. Append-only or read-only models still refuse through their admin class
    (``has_change_permission`` and friends), which the admin asks as well.
    """

    def authenticate(self, request: HttpRequest | None, **credentials: Any) -> None:
        return None

    def _is_system_admin(self, user: Any) -> bool:
        from pramoen.accounts.enums import Role

        return (
            getattr(user, "is_authenticated", False)
            and getattr(user, "is_active", False)
            and Role.SYSTEM_ADMIN in user.role_set()
        )

    def has_perm(self, user: Any, perm: str, obj: Any = None) -> bool:
        if not self._is_system_admin(user):
            return False
        app_label, _, codename = perm.partition(".")
        return app_label != "pramoen" and codename.split("_", 1)[0] in {
            "view",
            "add",
            "change",
            "delete",
        }

    def has_module_perms(self, user: Any, app_label: str) -> bool:
        return self._is_system_admin(user)
