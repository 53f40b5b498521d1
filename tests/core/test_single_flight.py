"""core.single_flight: one computation of a missing cached value for all concurrent callers."""

from __future__ import annotations

import threading
import time

import pytest
from django.core.cache import cache

from pramoen.core.single_flight import cached_single_flight


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_a_miss_computes_once_and_later_calls_read_the_cache():
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return 42

    assert cached_single_flight("k", compute, seconds=60) == 42
    assert cached_single_flight("k", compute, seconds=60) == 42
    assert calls == [1]
    assert cache.get("k:computing") is None  # the lock is released


def test_concurrent_callers_wait_for_the_one_computing():
    started = threading.Event()
    calls: list[str] = []

    def slow() -> str:
        calls.append("computed")
        started.set()
        time.sleep(0.4)
        return "scores"

    results: list[str] = []
    first = threading.Thread(
        target=lambda: results.append(cached_single_flight("g", slow, seconds=60))
    )
    first.start()
    started.wait(5)
    others = [
        threading.Thread(
            target=lambda: results.append(
                cached_single_flight("g", lambda: calls.append("again") or "x", seconds=60)
            )
        )
        for _ in range(5)
    ]
    for t in others:
        t.start()
    for t in [first, *others]:
        t.join(10)
    assert calls == ["computed"]
    assert results == ["scores"] * 6


def test_a_waiter_computes_itself_when_the_holder_went_away():
    cache.add("h:computing", 1, 60)  # a holder that took the lock …
    threading.Timer(0.2, lambda: cache.delete("h:computing")).start()  # … and died
    started = time.monotonic()
    assert cached_single_flight("h", lambda: "mine", seconds=60, wait_s=5) == "mine"
    assert 0.2 <= time.monotonic() - started < 4
    assert cache.get("h") == "mine"


def test_a_waiter_past_its_wait_computes_and_leaves_the_others_lock():
    cache.add("w:computing", 1, 60)
    assert cached_single_flight("w", lambda: "late", seconds=60, wait_s=0.2) == "late"
    assert cache.get("w:computing") == 1  # still the holder's


def test_a_computation_that_fails_releases_the_lock_and_caches_nothing():
    def broken() -> str:
        raise RuntimeError("database away")

    with pytest.raises(RuntimeError):
        cached_single_flight("f", broken, seconds=60)
    assert cache.get("f") is None and cache.get("f:computing") is None
