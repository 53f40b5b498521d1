"""``pramoen worker``: the configured backend's worker, watched over by this process.

The backend worker (``db_worker`` of django-tasks-db, or ``rqworker`` of django-rq with
django-tasks-rq's job class) runs as a child process. This parent, every tick (a few seconds):
beats its ``WorkerHeartbeat`` row while the child lives, renews the leases of the jobs the child
is running, queues again the jobs whose lease ran out anywhere (a worker killed on another
machine), and creates the day's periodic jobs (``pramoen.core.schedule``). A child that dies is
started again, its jobs released at once. The child runs in a process group of its own and is
killed with its parent (PR_SET_PDEATHSIG on Linux), so a SIGKILL of the parent cannot leave a
worker running unwatched.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from types import FrameType
from typing import Protocol

from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone

from pramoen.core import jobs, schedule
from pramoen.core.models import WorkerHeartbeat

logger = logging.getLogger(__name__)
PR_SET_PDEATHSIG = 1
STOP_GRACE_S = 30.0


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def backend_command(name: str) -> list[str] | None:
    """The command line of the configured backend's worker (None: the backend needs none)."""
    queue = settings.PRAMOEN_TASKS_QUEUE
    base = [sys.executable, "-m", "pramoen"]
    if settings.PRAMOEN_TASKS == "db":
        return [
            *base,
            "db_worker",
            "--queue-name",
            queue,
            "--interval",
            "0.2",
            "--no-reload",
            "--no-startup-delay",
            "--worker-id",
            name[:64],
        ]
    if settings.PRAMOEN_TASKS == "rq":
        # SimpleWorker runs each job in the worker process itself: RQ's default forks a work
        # horse into a process group of its own, which outlives a SIGKILL of its worker and
        # would go on running a job that the lease has already handed to another worker.
        return [
            *base,
            "rqworker",
            queue,
            "--job-class",
            "django_tasks_rq.Job",
            "--worker-class",
            "rq.SimpleWorker",
            "--name",
            name,
        ]
    return None


class Output(Protocol):
    def write(self, msg: str) -> None: ...

    def flush(self) -> None: ...


class Supervisor:
    def __init__(self, *, tick: float, periodic: bool, out: Output) -> None:
        self.tick = tick
        self.periodic = periodic
        self.out = out
        self.name = f"{socket.gethostname()}:{os.getpid()}"[:100]
        self.child: subprocess.Popen[bytes] | None = None
        self.stopping = False

    def _stop(self, signum: int, frame: FrameType | None) -> None:
        self.stopping = True

    def _start_child(self) -> None:
        command = backend_command(self.name)
        if command is None:
            return
        env = {**os.environ, "PRAMOEN_WORKER_ID": self.name}
        database = settings.DATABASES["default"]
        if "PRAMOEN_DB_CONN_MAX_AGE" not in env and not database.get("OPTIONS", {}).get("pool"):
            # The backend worker closes "old" connections around every task: without a pool or
            # a persistent connection that is a new PostgreSQL connection per job (6x slower).
            env["PRAMOEN_DB_CONN_MAX_AGE"] = "300"
        # Its own process group: a Ctrl-C at the terminal reaches this parent only, which stops
        # the child once, gracefully (a second signal makes db_worker abandon its task).
        self.child = subprocess.Popen(
            command, env=env, preexec_fn=_die_with_parent, process_group=0
        )
        self.out.write(f"pramoen worker {self.name}: {settings.PRAMOEN_TASKS} worker started")
        self.out.flush()

    def _beat(self, *, stopped: bool = False) -> None:
        now = timezone.now()
        WorkerHeartbeat.objects.update_or_create(
            name=self.name,
            defaults={"beat_at": now, "stopped_at": now if stopped else None},
            create_defaults={
                "host": socket.gethostname(),
                "pid": os.getpid(),
                "backend": settings.PRAMOEN_TASKS,
                "queue": settings.PRAMOEN_TASKS_QUEUE,
                "started_at": now,
                "beat_at": now,
            },
        )

    def tick_once(self) -> None:
        """One round of the parent's duties (also run by tests without a loop)."""
        if self.child is not None and self.child.poll() is not None:
            logger.warning("backend worker exited (%s); starting another", self.child.returncode)
            jobs.jobs_release(worker=self.name)
            self._start_child()
        self._beat()
        jobs.jobs_renew(worker=self.name)
        jobs.jobs_recover()
        if self.periodic:
            schedule.schedule_due()

    def run(self) -> None:
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        self._start_child()
        try:
            while not self.stopping:
                try:
                    close_old_connections()
                    self.tick_once()
                except Exception:  # the database may be away for a moment: try next tick
                    logger.exception("worker tick failed")
                deadline = time.monotonic() + self.tick
                while not self.stopping and time.monotonic() < deadline:
                    time.sleep(min(0.1, self.tick))
        finally:
            self._shutdown()

    def _shutdown(self) -> None:
        if self.child is not None and self.child.poll() is None:
            # The backend worker finishes the job in hand, then exits; a job it cannot finish in
            # the grace time is killed and recovered through its lease.
            self.child.send_signal(signal.SIGTERM)
            try:
                self.child.wait(STOP_GRACE_S)
            except subprocess.TimeoutExpired:
                self.child.kill()
                self.child.wait()
        with contextlib.suppress(Exception):
            jobs.jobs_release(worker=self.name)
            self._beat(stopped=True)
