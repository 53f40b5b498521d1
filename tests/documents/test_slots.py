"""The checker slots: a bound on checker processes across processes, freed when a holder dies."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from pramoen.documents.slots import SlotsBusy, default_slots, process_slot

HOLD = """
import sys, time
from pramoen.documents.slots import process_slot
with process_slot("t", slots=int(sys.argv[1]), wait_s=5):
    print("held", flush=True)
    time.sleep(60)
"""


@pytest.fixture
def slots_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("PRAMOEN_SLOTS_DIR", str(tmp_path))
    return tmp_path


def _holder(slots: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(slots)],
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert process.stdout.readline().strip() == b"held"
    return process


def test_a_slot_held_by_another_process_makes_the_next_wait_then_fail(slots_dir):
    holder = _holder(1)
    try:
        started = time.monotonic()
        with pytest.raises(SlotsBusy), process_slot("t", slots=1, wait_s=0.3):
            pass
        assert time.monotonic() - started >= 0.3
        # A second slot is free.
        with process_slot("t", slots=2, wait_s=0.3) as number:
            assert number in (0, 1)
    finally:
        holder.kill()
        holder.wait()


def test_a_killed_holder_frees_its_slot(slots_dir):
    holder = _holder(1)
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    with process_slot("t", slots=1, wait_s=1) as number:
        assert number == 0


def test_slots_count_from_the_setting(monkeypatch):
    monkeypatch.setenv("PRAMOEN_CHECK_SLOTS", "3")
    assert default_slots() == 3
    monkeypatch.setenv("PRAMOEN_CHECK_SLOTS", "ไม่ใช่ตัวเลข")
    assert default_slots() == max(1, os.cpu_count() or 1)


def test_the_portfolio_check_waits_for_a_slot_and_says_so_when_none_frees(
    slots_dir, monkeypatch, tmp_path
):
    from pramoen.documents.pdfcheck import run_check_subprocess

    monkeypatch.setenv("PRAMOEN_CHECK_SLOTS", "1")
    monkeypatch.setenv("PRAMOEN_CHECK_WAIT_S", "0.2")
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.7\n" + b"0" * 100 + b"\n%%EOF\n")
    with process_slot("checker", slots=1, wait_s=1):
        report = run_check_subprocess(pdf)
    assert report["ok"] is None
    assert [f["code"] for f in report["findings"]] == ["checker_busy"]
    assert "ระบบเก็บไฟล์ไว้แล้ว" in report["findings"][0]["message"]
