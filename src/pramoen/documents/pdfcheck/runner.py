"""Run the check out of the request, in a child process with time and memory caps."""

from __future__ import annotations

import json
import math
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from ..slots import SlotsBusy, checker_slot
from .findings import ERROR, UNVERIFIABLE, Finding, make_result, too_large_finding
from .rawscan import HEADER_SLACK, check_magic
from .rules import PortfolioRules
from .worker import MEMORY_ERROR_MARK

DEFAULT_TIMEOUT_S = 20.0
DEFAULT_MEMORY_MB = 512
_SRC_DIR = str(Path(__file__).resolve().parents[3])


def _failure(code: str, message: str, message_en: str, **details: Any) -> dict[str, Any]:
    finding = Finding(code=code, severity=ERROR, message=message, message_en=message_en)
    finding.details.update(details)
    return make_result([finding], None)


def run_check_subprocess(
    path: str | os.PathLike[str],
    rules: PortfolioRules | None = None,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    memory_mb: int = DEFAULT_MEMORY_MB,
) -> dict[str, Any]:
    """Check ``path`` in a child process: RLIMIT_AS=memory_mb, CPU and wall-clock timeout.

    Size cap and magic bytes are checked here first, without parsing, so an oversized
    or non-PDF upload never reaches pdfium. Never raises for a bad file: a timeout, a
    memory blow-up or a crash comes back as an ok=false result with a Thai message.
    """
    rules = rules or PortfolioRules()
    try:
        size = os.stat(path).st_size
        with open(path, "rb") as fh:
            head = fh.read(HEADER_SLACK)
    except OSError as exc:
        return _failure(
            "unreadable",
            "อ่านไฟล์ที่อัปโหลดไม่ได้ กรุณาอัปโหลดใหม่",
            f"The uploaded file cannot be read: {exc.strerror}.",
        )
    if size > rules.max_file_bytes:
        return make_result([too_large_finding(size, rules.max_file_mb)], None)
    magic = check_magic(head)
    if magic is not None:
        return make_result([magic], None)

    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (_SRC_DIR, env.get("PYTHONPATH")) if p)
    cpu_s = max(1, math.ceil(timeout_s))
    cmd = [
        sys.executable,
        "-m",
        "pramoen.documents.pdfcheck.worker",
        os.fspath(path),
        str(memory_mb),
        str(cpu_s),
    ]
    try:
        with checker_slot():
            proc = subprocess.Popen(
                cmd,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=env,
                start_new_session=True,
            )
            try:
                out, err = proc.communicate(json.dumps(rules.to_dict()).encode(), timeout=timeout_s)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.communicate()
                return _timeout(timeout_s)
    except SlotsBusy:
        return _busy()
    stderr = err.decode("utf-8", "replace")
    if proc.returncode == 0:
        try:
            result: dict[str, Any] = json.loads(out)
            return result
        except ValueError:
            pass
    if proc.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        return _timeout(timeout_s)
    if MEMORY_ERROR_MARK in stderr or "bad_alloc" in stderr or "Out of memory" in stderr:
        return _failure(
            "memory_limit",
            (
                f"ตรวจไฟล์ไม่สำเร็จ: ไฟล์ต้องใช้หน่วยความจำเกิน {memory_mb} MB"
                " (อาจมีรูปภาพความละเอียดสูงมากหรือข้อมูลบีบอัดผิดปกติ)"
                " กรุณาลดขนาดรูปภาพแล้วบันทึกเป็น PDF ใหม่"
            ),
            f"Checking needed more than {memory_mb} MB of memory.",
            memory_mb=memory_mb,
        )
    return _failure(
        "checker_crashed",
        (
            "ตรวจไฟล์ไม่สำเร็จ: โปรแกรมตรวจหยุดทำงานขณะอ่านไฟล์นี้ (ไฟล์อาจเสียหรือถูกดัดแปลง"
            f" หรือใช้หน่วยความจำเกิน {memory_mb} MB) กรุณาบันทึกเป็น PDF ใหม่แล้วอัปโหลดอีกครั้ง"
        ),
        f"The checker stopped on this file (exit {proc.returncode}).",
        returncode=proc.returncode,
        stderr_tail=stderr[-500:],
    )


def _busy() -> dict[str, Any]:
    # Not the file's fault: unverifiable (ok is None), so the upload is kept, not refused.
    finding = Finding(
        code="checker_busy",
        severity=UNVERIFIABLE,
        message=(
            "ขณะนี้มีผู้ส่งไฟล์พร้อมกันจำนวนมาก ระบบเก็บไฟล์ไว้แล้วแต่ยังตรวจรูปแบบไม่ได้"
            " กรุณาอัปโหลดใหม่อีกครั้งภายหลังเพื่อให้ระบบตรวจ"
        ),
        message_en="Every checker slot stayed busy; the file was kept but not checked.",
    )
    return make_result([finding], None)


def _timeout(timeout_s: float) -> dict[str, Any]:
    return _failure(
        "timeout",
        (
            f"ตรวจไฟล์ไม่เสร็จภายใน {timeout_s:g} วินาที ไฟล์อาจซับซ้อนผิดปกติหรือถูกดัดแปลง"
            " กรุณาบันทึกเป็น PDF ใหม่ (เช่น ลดความละเอียดรูปภาพ) แล้วอัปโหลดอีกครั้ง"
        ),
        f"The check did not finish within {timeout_s:g} s.",
        timeout_s=timeout_s,
    )
