"""Real worker processes for tests: ``pramoen worker`` started against the test database (an
SQLite file, or PostgreSQL in CI) on the database or the RQ backend (Redis at 127.0.0.1:6379,
database 1, a queue name of this test only)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

REDIS_URL = "redis://127.0.0.1:6379/1"
LEASE_S = 1.5
TICK_S = 0.25


def redis_answers() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping())
    except redis.RedisError:
        return False


def database_url() -> str:
    from django.db import connection

    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    return f"postgres://{db['USER']}{password}@{host}:{db.get('PORT') or 5432}/{db['NAME']}"


def wait_for(check: Callable[[], Any], *, timeout: float = 30.0, every: float = 0.05) -> Any:
    """Poll ``check`` until it returns something true; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"not reached within {timeout} s")
        time.sleep(every)


class Workers:
    """Starts ``pramoen worker`` processes (each in its own process group) and ends them all."""

    def __init__(self, backend: str, settings: Any, log_dir: Path) -> None:
        self.backend = backend
        self.queue = f"pramoen-test-{uuid.uuid4().hex[:12]}"
        self.log_dir = log_dir
        self.processes: list[subprocess.Popen[bytes]] = []
        # This process enqueues on the same backend and queue as the workers it starts.
        backends = {"db": "django_tasks_db.DatabaseBackend", "rq": "django_tasks_rq.RQBackend"}
        settings.PRAMOEN_TASKS = backend
        settings.PRAMOEN_TASKS_QUEUE = self.queue
        settings.PRAMOEN_JOB_LEASE_S = LEASE_S
        settings.PRAMOEN_WORKER_TICK_S = TICK_S
        settings.RQ_QUEUES = {self.queue: {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 600}}
        settings.TASKS = {"default": {"BACKEND": backends[backend], "QUEUES": [self.queue]}}
        self.env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "PRAMOEN_TASKS": backend,
            "PRAMOEN_TASKS_QUEUE": self.queue,
            "PRAMOEN_REDIS_URL": REDIS_URL,
            "PRAMOEN_JOB_LEASE_S": str(LEASE_S),
            "PRAMOEN_WORKER_TICK_S": str(TICK_S),
            "PRAMOEN_VAR_DIR": str(log_dir / "var"),
            "PRAMOEN_LOG_LEVEL": "WARNING",
        }

    def start(self) -> subprocess.Popen[bytes]:
        from django.conf import settings

        # Files where this process keeps them (a test may have moved the storage's folder).
        storage = settings.STORAGES["default"]
        media = storage.get("OPTIONS", {}).get("location", settings.MEDIA_ROOT)
        self.env["PRAMOEN_MEDIA_ROOT"] = str(media)
        log = (self.log_dir / f"worker-{len(self.processes)}.log").open("wb")
        process = subprocess.Popen(
            [sys.executable, "-m", "pramoen", "worker", "--no-periodic"],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append(process)
        return process

    def wait_alive(self, process: subprocess.Popen[bytes], *, timeout: float = 30.0) -> None:
        """Until the worker beats (its backend worker takes a moment more to poll)."""
        from pramoen.core.models import WorkerHeartbeat

        def beating() -> bool:
            assert process.poll() is None, self.log()
            return WorkerHeartbeat.objects.filter(pid=process.pid, stopped_at__isnull=True).exists()

        wait_for(beating, timeout=timeout)

    def kill(self, process: subprocess.Popen[bytes]) -> None:
        """SIGKILL the worker and its backend worker: nothing of them runs on."""
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)

    def stop(self, process: subprocess.Popen[bytes]) -> int:
        process.send_signal(signal.SIGTERM)
        return process.wait(30)

    def log(self) -> str:
        return "\n".join(
            path.read_text(errors="replace") for path in sorted(self.log_dir.glob("worker-*.log"))
        )

    def close(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(10)
        if self.backend == "rq":
            import redis

            connection = redis.Redis.from_url(REDIS_URL)
            for key in connection.scan_iter(f"*{self.queue}*"):
                connection.delete(key)
