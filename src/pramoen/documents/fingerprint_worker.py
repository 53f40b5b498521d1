"""Fingerprint a portfolio PDF in a child process with limits.

``python -m pramoen.documents.fingerprint_worker PATH MEMORY_MB CPU_S`` prints each page's text
and image hash as JSON (``{"pages": [[text, hash or null], …]}``) or ``{"error": …}``. Limits are
set before pypdfium2 is imported, as for the format check, so a hostile PDF cannot take the web
process (or the worker running the job) down. :func:`run_fingerprint_subprocess` is the parent
side: it cuts the text into words and computes the signatures itself (text is only a string by
then; PyThaiNLP's dictionary and datasketch then load once per process, not once per file) and
never raises for a bad file. The child takes a checker slot (``documents.slots``) like the format
check: a deadline rush then runs at most ``PRAMOEN_CHECK_SLOTS`` pdfium processes of either kind.
"""

from __future__ import annotations

import json
import math
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from pramoen.documents.fingerprint import fingerprint_pages
from pramoen.documents.slots import SlotsBusy, checker_slot

DEFAULT_TIMEOUT_S = 60.0
DEFAULT_MEMORY_MB = 512
MAX_PAGES = 400
RENDER_DPI = 24  # a thumbnail is enough for a 9 × 8 difference hash
BUSY_MESSAGE = "เครื่องตรวจไฟล์ไม่ว่างตลอดช่วงเวลารอ ยังอ่านข้อความจากแฟ้มผลงานไม่ได้"
_SRC_DIR = str(Path(__file__).resolve().parents[2])


def _pages(path: str) -> list[tuple[str, str | None]]:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    from pramoen.documents.fingerprint import SCANNED_TEXT_CHARS, dhash

    document = pdfium.PdfDocument(path)
    out: list[tuple[str, str | None]] = []
    try:
        for index in range(min(len(document), MAX_PAGES)):
            page = document[index]
            try:
                textpage = page.get_textpage()
                try:
                    text = textpage.get_text_bounded()
                finally:
                    textpage.close()
                image = None
                if len("".join(text.split())) < SCANNED_TEXT_CHARS:
                    bitmap = page.render(
                        scale=RENDER_DPI / 72,
                        grayscale=True,
                        force_bitmap_format=pdfium_c.FPDFBitmap_Gray,
                    )
                    image = dhash(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride)
                out.append((text, image))
            finally:
                page.close()
    finally:
        document.close()
    return out


def main(argv: list[str]) -> int:
    path, memory_mb, cpu_s = argv[0], int(argv[1]), int(argv[2])
    memory = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_s, cpu_s + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    import pypdfium2 as pdfium

    try:
        pages = _pages(path)
    except pdfium.PdfiumError as exc:
        sys.stdout.write(json.dumps({"error": str(exc)}))
        return 0
    sys.stdout.write(json.dumps({"pages": pages}, ensure_ascii=False))
    return 0


def run_fingerprint_subprocess(
    path: str | os.PathLike[str],
    *,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    memory_mb: int = DEFAULT_MEMORY_MB,
) -> dict[str, Any]:
    """The fingerprint of the PDF at ``path`` (:func:`fingerprint_pages`), or
    ``{"error": "…"}`` (Thai) when it could not be read within the limits."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (_SRC_DIR, env.get("PYTHONPATH")) if p)
    cpu_s = max(1, math.ceil(timeout_s))
    cmd = [
        sys.executable,
        "-m",
        "pramoen.documents.fingerprint_worker",
        os.fspath(path),
        str(memory_mb),
        str(cpu_s),
    ]
    try:
        with checker_slot():
            proc = subprocess.Popen(
                cmd,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=env,
                start_new_session=True,
            )
            try:
                out, _err = proc.communicate(timeout=timeout_s)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.communicate()
                return {"error": f"อ่านข้อความจากแฟ้มผลงานไม่เสร็จภายใน {timeout_s:g} วินาที"}
    except SlotsBusy:
        return {"error": BUSY_MESSAGE}
    if proc.returncode == 0:
        try:
            result: dict[str, Any] = json.loads(out)
        except ValueError:
            pass
        else:
            if "error" in result or not isinstance(result.get("pages"), list):
                return {"error": "อ่านข้อความจากแฟ้มผลงานไม่ได้ (ไฟล์อาจเสียหาย)"}
            return fingerprint_pages(
                [(str(t), i if isinstance(i, str) else None) for t, i in result["pages"]]
            )
    return {"error": "อ่านข้อความจากแฟ้มผลงานไม่สำเร็จ (ไฟล์อาจเสียหายหรือใช้หน่วยความจำมากเกินไป)"}


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
