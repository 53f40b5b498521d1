"""EXPLAIN (ANALYZE) of the main queries of each list page bench/national.py measures (issue 12).

On the database bench/national.py built (the same DATABASE_URL): each page is fetched in-process
as its user, the queries it ran are captured, and the slowest ``--top`` SELECTs are run again
under ``EXPLAIN (ANALYZE, BUFFERS)``. Printed per query: execution time, rows, and the plan's scan
and sort nodes (sequential scans of large tables marked ``SEQ``), so docs/national-scale.md can
summarise them; ``--full`` prints the whole text plans.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pramoen_scale_bench \\
        .venv/bin/python bench/national_explain.py [--top 3] [--full]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pramoen.settings")
os.environ.setdefault("PRAMOEN_DEBUG", "0")

_CURSOR = re.compile(r'^DECLARE "[^"]+" NO SCROLL CURSOR (?:WITH HOLD )?FOR ', re.S)
BIG = 10_000  # a sequential scan reading more rows than this is marked
_FROM = re.compile(r'\bFROM "(\w+)"')
# What every signed-in request reads (session, user, roles, second factor): not the page's list.
ROUTINE = {
    "django_session",
    "accounts_user",
    "accounts_membership",
    "auth_permission",
    "django_content_type",
    "otp_totp_totpdevice",
}


def _nodes(plan: dict, depth: int = 0):
    yield depth, plan
    for child in plan.get("Plans", []):
        yield from _nodes(child, depth + 1)


def _summary(plan: dict) -> list[str]:
    lines = []
    for depth, node in _nodes(plan):
        kind = node["Node Type"]
        if not any(w in kind for w in ("Scan", "Sort", "Aggregate", "Join", "Loop", "Limit")):
            continue
        what = kind
        if node.get("Relation Name"):
            what += f" on {node['Relation Name']}"
        if node.get("Index Name"):
            what += f" using {node['Index Name']}"
        if node.get("Sort Key"):
            what += f" by {', '.join(node['Sort Key'])[:80]}"
        if node.get("Sort Method"):
            what += f" ({node['Sort Method']})"
        rows = node.get("Actual Rows", 0) * node.get("Actual Loops", 1)
        removed = node.get("Rows Removed by Filter", 0)
        mark = " SEQ" if kind == "Seq Scan" and rows + removed > BIG else ""
        lines.append(
            f"{'  ' * depth}{what}: {rows:,} rows"
            + (f", {removed:,} filtered out" if removed else "")
            + f", {node.get('Actual Total Time', 0):.1f} ms{mark}"
        )
    return lines


def explain(sql: str, *, full: bool) -> None:
    from django.db import connection

    sql = _CURSOR.sub("", sql)
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql)
        doc = cursor.fetchone()[0]
        if isinstance(doc, str):
            doc = json.loads(doc)
        plan = doc[0]
        print(
            f"    {plan['Execution Time']:.1f} ms execution,"
            f" {plan['Planning Time']:.1f} ms planning: {sql[:150]}"
        )
        for line in _summary(plan["Plan"]):
            print("      " + line)
        if full:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            for (row,) in cursor.fetchall():
                print("        | " + row)


def extra_pages(built) -> list[tuple[str, object, str]]:
    """Lists the load run does not fetch but issue 12 names: people, imports, KPI reports."""
    from django.urls import reverse

    from pramoen.accounts.models import User

    staff = User.objects.get(username="bench-staff")
    return [
        ("people", staff, reverse("orgs:person_list")),
        ("imports", staff, reverse("orgs:import_upload")),
        ("KPI dashboard", staff, reverse("kpi:dashboard")),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--top", type=int, default=3)
    parser.add_argument("--full", action="store_true")
    parser.add_argument("--page", action="append", help="only these pages (by name)")
    args = parser.parse_args()
    import django

    django.setup()
    from bench import national_data
    from bench.national import _signed_in, page_urls
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    built = national_data.existing(print)
    if built is None:
        raise SystemExit("no bench data: run bench/national.py first")
    pages = [(name, users[0], url) for name, users, url, _small in page_urls(built)]
    pages += extra_pages(built)
    for name, user, url in pages:
        if args.page and name not in args.page:
            continue
        client = _signed_in(user) if user else Client()
        client.get(url)  # warm: sessions, caches
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        selects = []
        for q in captured.captured_queries:
            sql = _CURSOR.sub("", q["sql"]).lstrip()
            table = _FROM.search(sql)
            if sql.upper().startswith("SELECT") and table and table[1] not in ROUTINE:
                selects.append(q)
        total = sum(float(q["time"]) for q in captured.captured_queries)
        print(
            f"\n{name} {url}: HTTP {response.status_code}, {len(captured)} queries,"
            f" {1000 * total:.0f} ms in the database"
        )
        for query in sorted(selects, key=lambda q: -float(q["time"]))[: args.top]:
            explain(query["sql"], full=args.full)
    return 0


if __name__ == "__main__":
    sys.exit(main())
