"""Per-client request throttles (fixed windows in Django's cache) and the client's IP address.

Used for the public pages that anyone can hammer (certificate verification, public results) and
for password-reset mail. Counters live in the cache, not in model rows, so a throttled GET writes
nothing to the database. With several web workers the cache must be shared (``PRAMOEN_REDIS_URL``);
the per-process default is exact for one worker and lets through at most workers × limit.
"""

from __future__ import annotations

import functools
import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def client_ip(request: HttpRequest | None, *args: Any) -> str:
    """The client's address: ``REMOTE_ADDR``, or behind ``PRAMOEN_PROXY_COUNT`` trusted proxies the
    address the outermost of them saw (counted from the right of ``X-Forwarded-For``).

    Taking the left-most ``X-Forwarded-For`` entry would let any client choose its own address;
    ignoring the header behind nginx would make every client ``127.0.0.1`` — and a lockout by
    username + IP a lockout by username alone. Also django-axes' ``AXES_CLIENT_IP_CALLABLE``.
    """
    if request is None:
        return ""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    proxies = int(getattr(settings, "PRAMOEN_PROXY_COUNT", 0) or 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies <= 0 or not forwarded:
        return remote
    hops = [part.strip() for part in forwarded.split(",") if part.strip()]
    if len(hops) < proxies:
        return remote
    return hops[-proxies]


@dataclass(frozen=True)
class Limit:
    count: int
    seconds: int


def limit_for(scope: str) -> Limit:
    count, seconds = settings.PRAMOEN_THROTTLES[scope]
    return Limit(int(count), int(seconds))


def throttle_hit(scope: str, key: str) -> int:
    """Count one request of ``key`` in ``scope``; return seconds to wait (0 when within limit)."""
    limit = limit_for(scope)
    window = int(time.time()) // limit.seconds
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    cache_key = f"pramoen:throttle:{scope}:{digest}:{window}"
    cache.add(cache_key, 0, timeout=limit.seconds + 1)
    try:
        used = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, timeout=limit.seconds + 1)
        used = 1
    if used <= limit.count:
        return 0
    return max(1, (window + 1) * limit.seconds - int(time.time()))


def throttled_response(request: HttpRequest, wait_seconds: int) -> HttpResponse:
    minutes = max(1, -(-wait_seconds // 60))
    response = render(request, "throttled.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(wait_seconds)
    return response


def throttle_by_ip(
    scope: str,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Refuse a client's requests past ``PRAMOEN_THROTTLES[scope]`` with a Thai 429 page."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            wait = throttle_hit(scope, client_ip(request))
            if wait:
                return throttled_response(request, wait)
            return view(request, *args, **kwargs)

        return wrapped

    return decorate
