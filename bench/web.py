"""Benchmark: the web under load — 2 granian workers on PostgreSQL at 200 concurrent connections.

    .venv/bin/python bench/web.py [--connections 200] [--seconds 15] [--workers 2] [--port 8330]
                                  [--admin-url postgres://postgres@127.0.0.1:5432/postgres]

Makes a database of its own on the PostgreSQL server (dropped afterwards), migrates it, starts
granian (WSGI, ``--workers`` processes, ``--blocking-threads`` threads each, ``--backpressure``
requests in flight per worker) with the psycopg pool (``PRAMOEN_DB_POOL_MAX`` per process), and
drives it with ``wrk`` (Debian's package) at ``--connections`` open connections, for each page:

* ``/healthz`` — the baseline: one query and the storage check;
* the sign-in page — a full Thai template with a CSRF cookie, no query;
* a certificate verification page (``/judging/verify/<code>/``, a code that does not exist) — a
  query and the Thai 404 page.

It prints requests per second, p50/p95/p99 latency, the status counts, wrk's socket errors
(connect/read/write/timeout), each page's throughput as a ratio to /healthz, and the most
connections PostgreSQL saw from the run (sampled every 0.1 s from ``pg_stat_activity``). It fails
(exit 1) on any connection error, any 5xx, or more database connections than the pools allow.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

LUA = r"""
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) statuses = {} end
function response(status, headers, body) statuses[status] = (statuses[status] or 0) + 1 end
function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("statuses")) do total[k] = (total[k] or 0) + v end
  end
  for k, v in pairs(total) do io.write(string.format("status %d %d\n", k, v)) end
  local e = summary.errors
  io.write(string.format("errors %d %d %d %d\n", e.connect, e.read, e.write, e.timeout))
  io.write(string.format("summary %d %d %d %d %d\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


def _psql(admin_url: str, sql: str) -> str:
    return subprocess.run(
        ["psql", admin_url, "-Atqc", sql], check=True, capture_output=True, text=True
    ).stdout.strip()


def _wait_up(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"granian did not answer {url} within {seconds:g} s")


def granian_start(
    *, port: int, workers: int, threads: int, backpressure: int, env: dict[str, str], workdir: Path
) -> subprocess.Popen[bytes]:
    """Serve ``pramoen.wsgi`` with granian as production does (docs/deploy.md), logging to
    ``workdir/granian.log``; the caller waits for it to answer and stops it."""
    command = [
        str(BIN / "granian"),
        "--interface",
        "wsgi",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--blocking-threads",
        str(threads),
        "--backpressure",
        str(backpressure),
        "--log-level",
        "error",
        "pramoen.wsgi:application",
    ]
    log = (workdir / "granian.log").open("wb")
    return subprocess.Popen(
        command, env=env, cwd=ROOT, start_new_session=True, stdout=log, stderr=log
    )


def _wrk(url: str, *, connections: int, seconds: int, script: Path) -> dict[str, object]:
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "30s",
            "-s",
            str(script),
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    statuses = {int(k): int(v) for k, v in re.findall(r"^status (\d+) (\d+)$", out, re.M)}
    connect, read, write, timeout = map(int, re.search(r"^errors (.*)$", out, re.M)[1].split())
    requests, duration, p50, p95, p99 = map(int, re.search(r"^summary (.*)$", out, re.M)[1].split())
    return {
        "rps": requests / (duration / 1e6),
        "requests": requests,
        "p50_ms": p50 / 1000,
        "p95_ms": p95 / 1000,
        "p99_ms": p99 / 1000,
        "statuses": statuses,
        "errors": {"connect": connect, "read": read, "write": write, "timeout": timeout},
    }


class ConnectionSampler(threading.Thread):
    """The most backends PostgreSQL holds for the database while the load runs."""

    def __init__(self, admin_url: str, database: str) -> None:
        super().__init__(daemon=True)
        self.admin_url, self.database = admin_url, database
        self.peak = 0
        self.stop = threading.Event()

    def run(self) -> None:
        sql = f"SELECT count(*) FROM pg_stat_activity WHERE datname = '{self.database}'"
        while not self.stop.is_set():
            with contextlib.suppress(subprocess.CalledProcessError):
                self.peak = max(self.peak, int(_psql(self.admin_url, sql)))
            self.stop.wait(0.1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=200)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8, help="granian blocking threads/worker")
    parser.add_argument("--pool-max", type=int, default=8, help="PRAMOEN_DB_POOL_MAX")
    parser.add_argument("--port", type=int, default=8330)
    parser.add_argument(
        "--admin-url", default=os.environ.get("PRAMOEN_BENCH_PG", "postgres://postgres@127.0.0.1/")
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("bench/web.py: needs wrk (apt-get install wrk); skipped")
        return 0
    try:
        _psql(args.admin_url, "SELECT 1")
    except (OSError, subprocess.CalledProcessError):
        print(f"bench/web.py: no PostgreSQL at {args.admin_url}; skipped")
        return 0

    database = f"pramoen_bench_web_{os.getpid()}"
    database_url = urllib.parse.urlsplit(args.admin_url)._replace(path=f"/{database}").geturl()
    workdir = Path(tempfile.mkdtemp(prefix="pramoen-bench-web-"))
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("PRAMOEN_")},
        "DATABASE_URL": database_url,
        "PRAMOEN_VAR_DIR": str(workdir),
        "PRAMOEN_DEBUG": "false",
        "PRAMOEN_DB_POOL_MAX": str(args.pool_max),
        "PRAMOEN_DB_POOL_MIN": "2",
        "PRAMOEN_THROTTLE_VERIFY": "100000000/1",
        "PRAMOEN_LOG_LEVEL": "ERROR",
        "MALLOC_ARENA_MAX": os.environ.get("MALLOC_ARENA_MAX", "2"),  # as docs/deploy.md
    }
    _psql(args.admin_url, f"CREATE DATABASE {database}")
    server = None
    try:
        subprocess.run(
            [str(BIN / "pramoen"), "migrate", "--no-input", "-v", "0"], env=env, check=True
        )
        backpressure = args.threads * 4
        server = granian_start(
            port=args.port,
            workers=args.workers,
            threads=args.threads,
            backpressure=backpressure,
            env=env,
            workdir=workdir,
        )
        base = f"http://127.0.0.1:{args.port}"
        _wait_up(f"{base}/healthz")
        script = workdir / "count.lua"
        script.write_text(LUA)
        pages = {
            "/healthz (baseline)": "/healthz",
            "sign-in page": "/accounts/login/",
            "verify page (404)": "/judging/verify/NOSUCHCODE0/",
        }
        print(
            f"granian: {args.workers} workers × {args.threads} blocking threads, backpressure "
            f"{backpressure}/worker; pool max {args.pool_max}/process; wrk {args.connections} "
            f"connections × {args.seconds} s per page; PostgreSQL max_connections "
            f"{_psql(args.admin_url, 'SHOW max_connections')}"
        )
        for path in pages.values():  # warm every worker's templates and pool
            _wrk(base + path, connections=8, seconds=1, script=script)
        sampler = ConnectionSampler(args.admin_url, database)
        sampler.start()
        results = {}
        for label, path in pages.items():
            results[label] = _wrk(
                base + path, connections=args.connections, seconds=args.seconds, script=script
            )
        sampler.stop.set()
        sampler.join()
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
        time.sleep(0.5)
        _psql(args.admin_url, f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
        shutil.rmtree(workdir, ignore_errors=True)

    baseline = results["/healthz (baseline)"]["rps"]
    failed = False
    print(
        f"{'page':24} {'req/s':>9} {'ratio':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}  statuses"
    )
    for label, r in results.items():
        print(
            f"{label:24} {r['rps']:9.1f} {r['rps'] / baseline:8.2f} {r['p50_ms']:8.1f} "
            f"{r['p95_ms']:8.1f} {r['p99_ms']:8.1f}  {r['statuses']}  socket errors {r['errors']}"
        )
        if any(r["errors"].values()) or any(code >= 500 for code in r["statuses"]):
            failed = True
    allowed = args.workers * args.pool_max
    print(
        f"PostgreSQL connections of the run at peak: {sampler.peak} "
        f"(pools allow {args.workers} × {args.pool_max} = {allowed})"
    )
    if sampler.peak > allowed:
        failed = True
    print("FAIL" if failed else "OK: 0 connection errors, no 5xx, connections within the pools")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
