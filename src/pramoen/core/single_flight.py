"""One computation of a costly cached value at a time, across every process sharing the cache.

At a deadline or on announcement day fifty people open the same costly page at once (the chair's
group page scores a whole group; the results page ranks a campaign). When its cached value is
missing, each request would compute the same thing side by side — on two cores that is fifty
times the work and every request slow. :func:`cached_single_flight` lets the first request take a
short lock (``cache.add``: atomic on Redis, the database cache and locmem) and compute; the others
wait for the value to appear and use it. A holder that dies leaves its lock to expire after
``lock_s``; a waiter that sees the lock gone without a value, or waits past ``wait_s``, computes
the value itself — a page is never refused because another process was slow.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

T = TypeVar("T")

POLL_S = 0.05


def cached_single_flight(
    key: str,
    compute: Callable[[], T],
    *,
    seconds: float,
    wait_s: float = 30.0,
    lock_s: float = 60.0,
) -> T:
    """The value cached under ``key``, else ``compute()`` run once for all concurrent callers
    and cached for ``seconds``. ``None`` is not a cacheable value (it means "missing")."""
    found = cache.get(key)
    if found is not None:
        return found
    lock = f"{key}:computing"
    owned = cache.add(lock, 1, lock_s)
    if not owned:
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline:
            time.sleep(POLL_S)
            found = cache.get(key)
            if found is not None:
                return found
            if cache.get(lock) is None:
                break  # the holder failed or its value was evicted: compute it here
        # Past the wait the value is computed here all the same (the lock taken if now free).
        owned = cache.add(lock, 1, lock_s)
    try:
        value = compute()
        cache.set(key, value, seconds)
        return value
    finally:
        if owned:  # never another process's lock
            cache.delete(lock)
