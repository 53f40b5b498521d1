"""Every URL × every role × own/other-ESA object (issue 16):

- a GET by any role sends no INSERT, UPDATE or DELETE to the database (GETs never write; the
  statements are captured, so an UPDATE that leaves row counts alone is caught too), and the row
  count of every table is the same after the whole sweep;
- the status each role gets is the one in ``EXPECTED`` (the authorization matrix, one table);
- a URL pattern without a row here fails, so a new page must say who may open it.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.security.expected import EXPECTED
from tests.security.urls_table import URL_ARGS
from tests.security.world import ROLES, build_world, row_counts

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def _url_names(patterns=None, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            names |= _url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(namespace + pattern.name)
    return names


def test_every_url_pattern_has_a_row_in_the_matrix():
    assert _url_names() == set(URL_ARGS)
    assert set(EXPECTED) == set(URL_ARGS)
    for name, row in EXPECTED.items():
        assert set(row) == set(ROLES), name


def observe(world) -> tuple[dict[str, dict[str, int]], list[str]]:
    clients = {"anonymous": Client()}
    for role in ROLES[1:]:
        clients[role] = Client()
        clients[role].force_login(world.users[role])
    seen: dict[str, dict[str, int]] = {}
    writes: list[str] = []
    before = row_counts()
    for name in sorted(URL_ARGS):
        url = reverse(name, kwargs=URL_ARGS[name](world.objects))
        seen[name] = {}
        for role in ROLES:
            with CaptureQueriesContext(connection) as captured:
                response = clients[role].get(url)
            seen[name][role] = response.status_code
            writes.extend(
                f"GET {name} as {role}: {query['sql'][:160]}"
                for query in captured.captured_queries
                if _is_write(query["sql"])
            )
    after = row_counts()
    if after != before:
        changed = {t: (before[t], after[t]) for t in after if after[t] != before[t]}
        writes.append(f"row counts changed over the sweep: {changed}")
    return seen, writes


_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def _is_write(sql: str) -> bool:
    """A statement that changes rows. Session rows are the one write a GET may make: Django
    saves a session whose data changed (a message shown, a language chosen), which is state of
    the visitor, not of the system."""
    head = sql.lstrip().upper()
    return head.startswith(_WRITES) and '"DJANGO_SESSION"' not in head[:80]


def test_gets_never_write_and_each_role_gets_what_the_matrix_says(settings):
    settings.PRAMOEN_THROTTLES = {**settings.PRAMOEN_THROTTLES, "verify": (10**6, 60)}
    settings.PRAMOEN_THROTTLES["results"] = (10**6, 60)
    world = build_world()
    seen, writes = observe(world)
    assert writes == []
    wrong = {
        f"{name} as {role}": (seen[name][role], EXPECTED[name][role])
        for name in EXPECTED
        for role in ROLES
        if seen[name][role] != EXPECTED[name][role]
    }
    assert wrong == {}


JUNK = {
    "version": "abc",
    "entry": "x",
    "judge": "1e9",
    "review": "NaN",
    "assignment": "-1",
    "conflict": "[]",
    "eligible": "maybe",
    "reason": "x" * 5000,
    "action": "drop-table",
    "page": "0x1",
    "q": "%00'\"<script>",
    "kind": "../../etc/passwd",
    "file": "not-a-file",
    "url": "javascript:alert(1)",
    "campaign": "x",
    "committees": "yes",
    "count": "∞",
}


def test_junk_input_to_every_url_is_never_a_500():
    """Issue 16: bad ids, versions and actions got 500s. Every URL, by every role that can reach
    it, with junk in the query string and (for POST) in the body, answers without a server error.
    """
    world = build_world()
    failures = []
    for role in [
        "anonymous",
        "admin",
        "esa",
        "chair",
        "judge",
        "school",
        "teacher",
        "kpi",
        "reviewer",
        "obec",
        "other_esa",
        "other_judge",
    ]:
        client = Client(raise_request_exception=False)
        if role != "anonymous":
            client.force_login(world.users[role])
        for name in sorted(URL_ARGS):
            url = reverse(name, kwargs=URL_ARGS[name](world.objects))
            for method in ("get", "post"):
                response = getattr(client, method)(url, JUNK)
                if response.status_code >= 500:
                    failures.append(f"{method.upper()} {name} as {role}: {response.status_code}")
    assert failures == []


@pytest.mark.parametrize(
    ("sql", "write"),
    [
        ('UPDATE "judging_review" SET "total" = 81 WHERE "id" = 1', True),
        ('  insert into "core_auditevent" ("action") values (%s)', True),
        ('DELETE FROM "awards_entry" WHERE "id" = 3', True),
        ('SELECT COUNT(*) FROM "awards_entry"', False),
        ('UPDATE "django_session" SET "session_data" = %s WHERE "session_key" = %s', False),
    ],
)
def test_the_sweep_knows_a_write_when_it_sees_one(sql, write):
    assert _is_write(sql) is write
