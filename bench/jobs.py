"""Benchmark: jobs per second through each task backend (issue 11), ratios in the same run.

    .venv/bin/python bench/jobs.py [--n 200] [--chunks 6] [--chunk-size 50]

On a fresh SQLite database in a temporary directory (or DATABASE_URL, e.g. PostgreSQL), for
each backend it enqueues, in one transaction, ``--n`` no-op jobs (``core.jobs.PING``: what the
queue itself costs) and then ``--chunks`` jobs that each render a real certificate chunk of
``--chunk-size`` certificates (Typst, merged PDF and zip, as a build does), and times them until
the last is done:

* ``immediate``: run in this process as they are enqueued — the baseline, no queue at all;
* ``db``: django-tasks-db, one ``pramoen worker`` process (its db_worker child);
* ``rq``: django-tasks-rq on Redis at 127.0.0.1:6379/1, one ``pramoen worker`` process
  (skipped with a message when no Redis answers).

The worker processes are started before timing and must be beating. Each line prints jobs per
second and the ratio to the immediate baseline; for the certificate chunk the queue's share
should be small (ratio near 1), for the no-op job the ratio is the queue's overhead.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent / "src"))
REDIS_URL = "redis://127.0.0.1:6379/1"


def _chunk(job) -> None:
    """A job kind of this benchmark: one certificate chunk, rendered for real."""
    from pramoen.documents.certificates import Certificate, CertificateTemplate, render_certificates

    size = job.params["size"]
    certs = [
        Certificate(
            recipient=f"นางสาวทดสอบ ใจดี {i}",
            award="ได้รับรางวัลระดับเหรียญทอง",
            category="ประเภทครูผู้สอน ด้านการจัดการเรียนรู้",
            number=i + 1,
            issued_on=date(2026, 11, 23),
            verify_url=f"https://pramoen.example.go.th/v/N2A{i:06d}",
            short_code=f"N2A{i:06d}",
        )
        for i in range(size)
    ]
    template = CertificateTemplate(
        campaign_title="ในการประกวดรางวัล NARA 2 AWARDS ประจำปีการศึกษา ๒๕๖๙",
        issuer="สำนักงานเขตพื้นที่การศึกษาประถมศึกษาทดสอบ เขต ๑",
        signatory_name="นายสมศักดิ์ ใจดี",
        signatory_position="ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาประถมศึกษาทดสอบ เขต ๑",
    )
    with tempfile.TemporaryDirectory() as out:
        result = render_certificates(certs, template=template, out_dir=Path(out))
        assert result.count == size


def _kinds():
    from pramoen.core.jobs import PING, JobKind

    # Imported by the workers as the module "jobs" (this file; PYTHONPATH has bench/).
    return PING, JobKind(path="jobs.CERT_CHUNK", run=_chunk)


def __getattr__(name: str):
    if name == "CERT_CHUNK":
        return _kinds()[1]
    raise AttributeError(name)


def _configure(backend: str, queue: str) -> None:
    from django.conf import settings
    from django.core.signals import setting_changed

    paths = {
        "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        "db": "django_tasks_db.DatabaseBackend",
        "rq": "django_tasks_rq.RQBackend",
    }
    settings.PRAMOEN_TASKS = backend
    settings.PRAMOEN_TASKS_QUEUE = queue
    settings.RQ_QUEUES = {queue: {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 600}}
    settings.TASKS = {"default": {"BACKEND": paths[backend], "QUEUES": [queue]}}
    # django-tasks rebuilds its backends on this signal (as under override_settings).
    setting_changed.send(sender=None, setting="TASKS", value=settings.TASKS, enter=True)


def _start_worker(backend: str, queue: str, log: Path) -> subprocess.Popen[bytes]:
    from django.db import connection

    from pramoen.core.models import WorkerHeartbeat

    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        url = f"sqlite:///{db['NAME']}"
    else:
        url = os.environ["DATABASE_URL"]
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "PRAMOEN_TASKS": backend,
        "PRAMOEN_TASKS_QUEUE": queue,
        "PRAMOEN_REDIS_URL": REDIS_URL,
        "PRAMOEN_LOG_LEVEL": "WARNING",
        "PYTHONPATH": os.pathsep.join([str(BENCH), str(BENCH.parent / "src")]),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "pramoen", "worker", "--no-periodic", "--tick", "1"],
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while not WorkerHeartbeat.objects.filter(pid=process.pid, stopped_at__isnull=True).exists():
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"the {backend} worker did not start:\n{log.read_text()}")
        time.sleep(0.1)
    time.sleep(2.5)  # its backend worker child is a second Python process: let it start polling
    return process


def _run(kind, count: int, params: dict) -> float:
    from django.db import transaction

    from pramoen.core.enums import JobStatus
    from pramoen.core.jobs import job_create
    from pramoen.core.models import Job

    start = time.perf_counter()
    with transaction.atomic():
        ids = [job_create(kind=kind, params=params).pk for _ in range(count)]
    while True:
        done = Job.objects.filter(pk__in=ids, status=JobStatus.DONE).count()
        if done == count:
            return time.perf_counter() - start
        failed = Job.objects.filter(pk__in=ids, status=JobStatus.FAILED).first()
        if failed is not None:
            raise SystemExit(f"a job failed: {failed.error}")
        time.sleep(0.01)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="no-op jobs per backend")
    parser.add_argument("--chunks", type=int, default=6, help="certificate-chunk jobs")
    parser.add_argument("--chunk-size", type=int, default=50)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix=f"pramoen-bench-jobs-{os.getpid()}-"))
    os.environ["PRAMOEN_VAR_DIR"] = str(workdir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pramoen.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    import redis

    try:
        redis_ok = bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping())
    except redis.RedisError:
        redis_ok = False

    ping, chunk = _kinds()
    print(f"jobs per second, {args.n} no-op jobs and {args.chunks} chunks of {args.chunk_size}")
    print(f"database: {django.db.connection.vendor}; load average {os.getloadavg()[0]:.2f}")
    baseline: dict[str, float] = {}
    for backend in ("immediate", "db", "rq"):
        if backend == "rq" and not redis_ok:
            print(f"  rq: skipped (no Redis at {REDIS_URL})")
            continue
        queue = f"pramoen-bench-{uuid.uuid4().hex[:8]}"
        _configure(backend, queue)
        worker = None
        if backend != "immediate":
            worker = _start_worker(backend, queue, workdir / f"{backend}.log")
        try:
            rates = {
                "no-op": args.n / _run(ping, args.n, {}),
                "certificate chunk": args.chunks
                / _run(chunk, args.chunks, {"size": args.chunk_size}),
            }
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(60)
            if backend == "rq":
                connection = redis.Redis.from_url(REDIS_URL)
                for key in connection.scan_iter(f"*{queue}*"):
                    connection.delete(key)
        for name, rate in rates.items():
            baseline.setdefault(name, rate)
            extra = (
                f" ({rate * args.chunk_size:,.0f} certificates/s)"
                if name == "certificate chunk"
                else ""
            )
            print(
                f"  {backend:9} {name:17} {rate:8.1f} jobs/s{extra}"
                f"  ratio to immediate {rate / baseline[name]:.2f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
