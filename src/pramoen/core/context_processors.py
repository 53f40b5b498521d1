from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext, gettext_noop

from pramoen.core.navigation import entries_for

# The default site name (settings.PRAMOEN_SITE_NAME), a msgid so the English pages say "Pramoen";
# a site name set by an installation is shown as it is unless a catalog translates it too.
gettext_noop("ประเมิน (Pramoen)")


def navigation(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    nav = entries_for(user) if user is not None and user.is_authenticated else []
    return {"nav_entries": nav, "brand_name": gettext(settings.PRAMOEN_SITE_NAME)}


def csp_nonce(request: HttpRequest) -> dict[str, object]:
    """The request's Content-Security-Policy nonce, for the few inline scripts (django-csp makes it
    lazily: only a page that uses it sends it in the header)."""
    return {"csp_nonce": getattr(request, "csp_nonce", "")}
