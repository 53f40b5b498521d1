"""Thai first: the page language is Thai unless the person chose English themselves.

Django's ``LocaleMiddleware`` follows the browser's ``Accept-Language``, so a browser set to
English got an English shell on a Thai-first site (issue 19). Here only an explicit choice counts:
the language cookie that ``set_language`` (the header's language picker) writes and keeps for a
year (``LANGUAGE_COOKIE_AGE``). Without it every page is Thai, whatever the browser says.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


def chosen_language(request: HttpRequest) -> str:
    """The language the person picked (the cookie), else the site's default (Thai)."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    if chosen in {code for code, _name in settings.LANGUAGES}:
        return chosen
    return settings.LANGUAGE_CODE


class ThaiFirstLocaleMiddleware(LocaleMiddleware):
    """``LocaleMiddleware`` without the browser's say: the cookie or Thai."""

    def process_request(self, request: HttpRequest) -> None:
        translation.activate(chosen_language(request))
        request.LANGUAGE_CODE = translation.get_language()
