"""Benchmark: import a 30,000-row school file (issue 4, "must show").

    .venv/bin/python bench/import_schools.py [--rows 30000] [--baseline-rows 3000]

Runs against a fresh SQLite database in a temporary directory. Prints, for our importer
(sandboxed read → validate → plan → bulk commit with one audit row per school):

* the first import's wall time and the second import's change count (must be 0) and time;
* peak Python memory (tracemalloc) of a dry run at 1/3 and at the full row count, and the growth
  per extra row between the two (KB/row: flat memory means only the kept keys grow), and the
  peak RSS of this process and of the reader child;

and, in the same run, a naive baseline that parses each row the same way but writes with
``update_or_create`` row by row (network, school, enrollment), for a time ratio. The baseline
costs about 10 ms a row on SQLite, so by default it runs on a 3,000-row sample of the same
file and the ratio is per row (``--baseline-rows 30000`` runs it in full, for minutes).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

TARGET_SECONDS = 60.0
# Rows stream from the reader child and are planned in batches; what grows with the file is
# only the keys kept for file-wide checks (school code, SMIS, Percode → line).
TARGET_KB_PER_ROW = 0.3


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=30_000)
    parser.add_argument("--baseline-rows", type=int, default=3_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix=f"pramoen-bench-import-{os.getpid()}-"))
    os.environ["PRAMOEN_VAR_DIR"] = str(workdir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pramoen.settings")
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from pramoen.orgs import national
    from pramoen.orgs.enums import OrganizationKind
    from pramoen.orgs.imports.api import import_file
    from pramoen.orgs.imports.importers import SchoolImporter
    from pramoen.orgs.imports.reading import read_table_isolated
    from pramoen.orgs.models import Enrollment, Organization

    call_command("migrate", verbosity=0)
    specs = national.esa_specs(245)
    national.create_esas(specs)
    path = workdir / "schools.csv"
    small_path = workdir / "schools-third.csv"
    national.write_csv(path, SchoolImporter, national.school_rows(args.seed, specs, args.rows))
    national.write_csv(
        small_path, SchoolImporter, national.school_rows(args.seed, specs, args.rows // 3)
    )
    size_mb = path.stat().st_size / 1048576
    print(f"file: {args.rows:,} school rows, {size_mb:.1f} MB CSV ({connection.vendor})")
    big = 500 * 1048576

    def peak_dry_run(file: Path) -> float:
        tracemalloc.start()
        report = import_file("schools", file, commit=False, max_bytes=big)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert report.ok, report.errors[:3]
        return peak / 1048576

    peak_third = peak_dry_run(small_path)
    peak_full = peak_dry_run(path)

    start = time.perf_counter()
    first = import_file("schools", path, commit=True, max_bytes=big)
    first_s = time.perf_counter() - start
    assert first.ok and first.committed, first.file_errors or first.errors[:3]
    start = time.perf_counter()
    second = import_file("schools", path, commit=True, max_bytes=big)
    second_s = time.perf_counter() - start
    rss_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rss_child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    # Baseline: same reading and row parsing, then update_or_create row by row.
    Organization.objects.filter(kind=OrganizationKind.SCHOOL).delete()
    rows = args.baseline_rows
    if rows != args.rows:
        path = workdir / "schools-baseline.csv"
        national.write_csv(path, SchoolImporter, national.school_rows(args.seed, specs, rows))

    def baseline() -> float:
        begin = time.perf_counter()
        table = read_table_isolated(path, max_bytes=big)
        importer = SchoolImporter()
        from pramoen.orgs.imports.engine import map_headers

        index, _missing, _ignored = map_headers(importer, table.headers)
        importer.present = set(index)
        importer.prepare()
        networks: dict[tuple[int, str], int] = {}
        from pramoen.orgs.models import SchoolNetwork

        with transaction.atomic():
            for raw in table.rows:
                row = {key: raw[i] for key, i in index.items()}
                code, rec = importer.parse(row)
                key = (rec["parent_id"], rec["network"])
                if key not in networks:
                    networks[key] = SchoolNetwork.objects.get_or_create(esa_id=key[0], name=key[1])[
                        0
                    ].pk
                fields = {k: v for k, v in rec.items() if k in national_fields}
                school, _ = Organization.objects.update_or_create(
                    kind=OrganizationKind.SCHOOL,
                    code=code,
                    defaults={**fields, "parent_id": rec["parent_id"], "network_id": networks[key]},
                )
                Enrollment.objects.update_or_create(
                    school=school,
                    academic_year=rec["academic_year"],
                    defaults={"students": rec["students"]},
                )
        return time.perf_counter() - begin

    from pramoen.orgs.imports.importers import SCHOOL_FIELDS as national_fields

    base_first = baseline()
    base_second = baseline()

    scale = rows / args.rows
    print(f"ours     first import : {first_s:7.2f} s  ({first.change_count:,} changes)")
    print(f"ours     second import: {second_s:7.2f} s  ({second.change_count} changes)")
    print(f"baseline first import : {base_first:7.2f} s  (update_or_create per row, {rows:,} rows)")
    print(f"baseline second import: {base_second:7.2f} s")
    if rows != args.rows:
        print(
            f"baseline scaled to {args.rows:,} rows: first {base_first / scale:.0f} s, "
            f"second {base_second / scale:.0f} s (linear in rows)"
        )
    print(
        f"ratio baseline/ours per row: first {base_first / scale / first_s:.1f}×, "
        f"second {base_second / scale / second_s:.1f}×"
    )
    per_row_kb = (peak_full - peak_third) * 1024 / (args.rows - args.rows // 3)
    print(
        f"peak Python memory (tracemalloc, dry run): {peak_third:.1f} MB at {args.rows // 3:,} "
        f"rows, {peak_full:.1f} MB at {args.rows:,} rows"
    )
    print(f"memory growth per extra row: {per_row_kb:.3f} KB/row")
    print(f"peak RSS: this process {rss_self:.0f} MB, reader child {rss_child:.0f} MB")
    ok = second.change_count == 0 and first_s < TARGET_SECONDS and per_row_kb < TARGET_KB_PER_ROW
    print(
        f"target: first import < {TARGET_SECONDS:.0f} s, second import 0 changes, memory "
        f"growth < {TARGET_KB_PER_ROW} KB/row (flat but for the keys) — "
        + ("met" if ok else "NOT MET")
    )
    return 0 if ok else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    finally:
        for leftover in Path(tempfile.gettempdir()).glob(f"pramoen-bench-import-{os.getpid()}-*"):
            shutil.rmtree(leftover, ignore_errors=True)
