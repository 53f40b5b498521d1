"""django-axes lockout with a growing delay, per username + client IP.

A stranger's wrong passwords lock only the stranger's own (username, IP) pair out, so they cannot
keep a judge from signing in. Each further lockout of the same pair within a day lasts twice as
long as the one before (the base, 2×, 4×, … up to a day), so a guesser at one address gets a few
tries a day, not six an hour.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from axes.signals import user_locked_out
from django.conf import settings
from django.core.cache import cache
from django.dispatch import receiver
from django.http import HttpRequest

from pramoen.accounts.backends import lockout_username
from pramoen.core.throttle import client_ip

_MAX = timedelta(days=1)
_MEMORY_SECONDS = 24 * 3600


def _pair_key(request: HttpRequest | None, username: str | None = None) -> str | None:
    name = username or lockout_username(request, None)
    if not name or request is None:
        return None
    return f"pramoen:lockouts:{name}:{client_ip(request)}"


def cool_off(request: HttpRequest | None = None) -> timedelta:
    """``AXES_COOLOFF_TIME``: the base, doubled for every earlier lockout of this pair today."""
    base = timedelta(hours=float(settings.PRAMOEN_AXES_COOLOFF_HOURS))
    key = _pair_key(request)
    earlier = max(0, int(cache.get(key, 0)) - 1) if key else 0
    return min(base * (2**earlier), max(base, _MAX))


@receiver(user_locked_out)
def _remember_lockout(sender: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
    key = _pair_key(request, kwargs.get("username"))
    if key is None:
        return
    # Axes signals again on every attempt made while locked; count one lockout once.
    if not cache.add(f"{key}:current", 1, timeout=int(cool_off(request).total_seconds())):
        return
    cache.add(key, 0, timeout=_MEMORY_SECONDS)
    cache.incr(key)
