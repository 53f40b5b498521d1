"""The ESA's one digits setting applied to every page (issue 20, non-negotiable 9).

An ESA chooses Thai or Arabic digits (``Organization.thai_digits``); every HTML page served to a
person of that ESA — its staff, its schools' accounts, its KPI reporters and reviewers — is
converted to that style as it leaves (``EsaDigitsMiddleware``, via
:func:`pramoen.thai.page_digits.page_digits`), so no template or view decides it alone: KPI pages
written with Arabic digits and award pages written with Thai ones read the same way.

People of no single ESA (signed out, OBEC, a region, a system admin of several ESAs), and an ESA
that has not chosen (``None``), see each page as it was written.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse

from pramoen.core.types import User
from pramoen.orgs.enums import OrganizationKind
from pramoen.thai.page_digits import page_digits


def esa_digits_for(user: User | AnonymousUser | None) -> bool | None:
    """The digits setting of the one ESA ``user`` works in or for (True: Thai, False: Arabic),
    or None: no single ESA, or it has not chosen. One query."""
    if user is None or not user.is_authenticated:
        return None
    from pramoen.accounts.models import Membership

    rows = Membership.objects.filter(user=user, is_active=True).values_list(
        "organization__kind",
        "organization_id",
        "organization__thai_digits",
        "organization__parent_id",
        "organization__parent__thai_digits",
    )
    settings: dict[int, bool | None] = {}
    for kind, org_id, own, parent_id, parents in rows:
        if kind == OrganizationKind.ESA:
            settings[org_id] = own
        elif kind == OrganizationKind.SCHOOL and parent_id is not None:
            settings[parent_id] = parents
    return next(iter(settings.values())) if len(settings) == 1 else None


class EsaDigitsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if getattr(response, "streaming", False) or "text/html" not in response.get(
            "Content-Type", ""
        ):
            return response
        thai = esa_digits_for(getattr(request, "user", None))
        if thai is None:
            return response
        charset = response.charset or "utf-8"
        response.content = page_digits(response.content.decode(charset), thai=thai).encode(charset)
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        return response
