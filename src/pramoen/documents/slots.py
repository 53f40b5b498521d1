"""A bound on how many checker processes run at once on this machine, across every web and worker
process: ``slots`` lock files, each held with ``flock`` while one child process runs.

At a deadline a hundred applicants upload at the same moment; one checker per upload would start
a hundred pdfium processes (each up to its memory cap) on a two-core machine. With slots, the
hundredth waits its turn instead. The kernel releases a lock when its holder dies, so a killed
process never keeps a slot.
"""

from __future__ import annotations

import fcntl
import os
import random
import tempfile
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

__all__ = ["SlotsBusy", "checker_slot", "default_slots", "process_slot"]


class SlotsBusy(RuntimeError):
    """No slot came free within the wait."""


def default_slots() -> int:
    """``PRAMOEN_CHECK_SLOTS``, else the number of cores (the checker is CPU-bound)."""
    value = os.environ.get("PRAMOEN_CHECK_SLOTS", "").strip()
    if value.isdigit() and int(value) > 0:
        return int(value)
    return max(1, os.cpu_count() or 1)


def _folder() -> Path:
    folder = Path(os.environ.get("PRAMOEN_SLOTS_DIR") or Path(tempfile.gettempdir()))
    folder = folder / "pramoen-slots"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


@contextmanager
def process_slot(name: str, *, slots: int, wait_s: float) -> Iterator[int]:
    """Hold one of ``slots`` slots named ``name`` for the ``with`` body; yields its number.

    Raises :class:`SlotsBusy` when none is free within ``wait_s`` seconds.
    """
    folder = _folder()
    deadline = time.monotonic() + wait_s
    order = list(range(max(1, slots)))
    while True:
        random.shuffle(order)  # waiters spread over the slots instead of queueing on slot 0
        for number in order:
            fd = os.open(folder / f"{name}-{number}.lock", os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                continue
            try:
                yield number
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
                os.close(fd)
            return
        if time.monotonic() >= deadline:
            raise SlotsBusy(name)
        time.sleep(0.02 + random.random() * 0.08)  # noqa: S311 — jitter, not security


def checker_slot(wait_s: float | None = None) -> AbstractContextManager[int]:
    """The slot every file checker (portfolio check, PDF page count) takes."""
    if wait_s is None:
        wait_s = float(os.environ.get("PRAMOEN_CHECK_WAIT_S", "120"))
    return process_slot("checker", slots=default_slots(), wait_s=wait_s)
