"""Types the apps share: who acts (``User``) and the request a logged-in page gets.

``User`` names ``pramoen.accounts.models.User`` for annotations only (imported under
TYPE_CHECKING, so core does not depend on accounts at run time)."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from django.http import HttpRequest

if TYPE_CHECKING:
    from django_htmx.middleware import HtmxDetails

    from pramoen.accounts.models import User as _User

User: TypeAlias = "_User"


class AuthenticatedRequest(HttpRequest):
    """The request of a page behind ``login_required``: ``user`` is an account, and the htmx
    middleware has set ``htmx``."""

    user: _User
    htmx: HtmxDetails
