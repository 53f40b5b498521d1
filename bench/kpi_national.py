"""Benchmark: the national KPI dashboards (issue 18) on national data — 245 ESAs in 18 regions,
two fiscal-year campaigns, a report per ESA and round in every state of the approval chain
(bench/kpi_national_data.py). Each page (nation, a region, an ESA) is fetched in-process as an
OBEC reviewer, uncached (the cache cleared before each request) and cached: queries and median
latency. Exit status 1 when a page takes 300 ms or more uncached.

Run (own database; it is created and migrated when missing):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pramoen_kpichain \\
        .venv/bin/python bench/kpi_national.py [--esas 245] [--years 2568 2569]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pramoen.settings")
os.environ.setdefault("PRAMOEN_DEBUG", "0")
TARGET_MS = 300


def _time(client, url: str, *, clear: bool, runs: int = 7) -> tuple[int, float]:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, queries = [], 0
    for _ in range(runs):
        if clear:
            cache.clear()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            times.append(1000 * (time.perf_counter() - start))
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code}")
        queries = len(captured)
    return queries, statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--esas", type=int, default=245)
    parser.add_argument("--years", type=int, nargs="+", default=[2568, 2569])
    args = parser.parse_args()
    import django

    django.setup()
    from bench.kpi_national_data import build
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from pramoen.accounts.enums import Role
    from pramoen.accounts.models import User
    from pramoen.accounts.services import membership_grant
    from pramoen.orgs.enums import OrganizationKind
    from pramoen.orgs.models import Organization

    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    build(esas=args.esas, years=tuple(args.years))
    print(f"data: {args.esas} ESAs × {len(args.years)} years ({time.perf_counter() - start:.1f} s)")
    obec = Organization.objects.get(kind=OrganizationKind.OBEC, code="OBEC")
    user, _ = User.objects.get_or_create(username="bench-kpi-obec")
    membership_grant(user=user, role=Role.KPI_REVIEWER, organization=obec)
    client = Client()
    client.force_login(user)
    region = Organization.objects.get(kind=OrganizationKind.REGION, code="REG05")
    esa = region.region_esas.order_by("code").first()
    query = f"?year={max(args.years)}&round=12m"
    pages = {
        "nation": reverse("kpi:national") + query,
        "region": reverse("kpi:national_region", args=[region.pk]) + query,
        "esa": reverse("kpi:national_esa", args=[esa.pk]) + query,
    }
    client.get(pages["nation"])
    failed = False
    for name, url in pages.items():
        cold_q, cold_ms = _time(client, url, clear=True)
        warm_q, warm_ms = _time(client, url, clear=False)
        print(
            f"{name:<7} uncached {cold_q:>3} queries {cold_ms:7.1f} ms · "
            f"cached {warm_q:>3} queries {warm_ms:7.1f} ms"
        )
        failed |= cold_ms >= TARGET_MS
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
