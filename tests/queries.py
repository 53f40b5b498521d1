"""Query counting for list pages (a list's cost must not grow with its rows)."""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url: str, *, status: int = 200) -> int:
    """How many queries one GET of ``url`` runs (after asserting its status)."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == status
    return len(queries)


def assert_queries_at_two_sizes(
    client,
    url: str,
    grow: Callable[[int], object],
    django_assert_num_queries,
    *,
    sizes: tuple[int, int] = (1, 4),
) -> int:
    """``grow(n)`` adds ``n`` rows the page lists. The page is fetched once to warm per-process
    caches, counted at ``sizes[0]`` rows, grown to ``sizes[1]`` and must then run exactly as many
    queries (``django_assert_num_queries``). Returns the count."""
    small, large = sizes
    assert large > small
    grow(small)
    assert client.get(url).status_code == 200
    expected = count_queries(client, url)
    grow(large - small)
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200
    return expected
