"""Checks on uploaded evidence (pure Python, no Django): size cap, magic bytes, PDF page count.

Files are untrusted. The type is decided by the first bytes, and the file-name extension must
agree with it, so a renamed executable or HTML page is refused before it is stored. The page count
of a lesson-learned PDF is read by pypdfium2 in a child process with memory and CPU limits.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from .slots import SlotsBusy, checker_slot

__all__ = [
    "A4_MM",
    "ALLOWED_TYPES",
    "FileRejected",
    "PdfPages",
    "check_upload",
    "count_pdf_pages",
]

A4_MM = (210.0, 297.0)
A4_TOLERANCE_MM = 3.0
_SRC_DIR = str(Path(__file__).resolve().parents[2])


class FileRejected(ValueError):
    """An upload that may not be stored; ``message`` is Thai and says what to do."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True, slots=True)
class FileType:
    label_th: str
    content_type: str
    extensions: tuple[str, ...]


ALLOWED_TYPES: dict[str, FileType] = {
    "pdf": FileType("PDF", "application/pdf", (".pdf",)),
    "docx": FileType(
        "Word (.docx)",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (".docx",),
    ),
    "xlsx": FileType(
        "Excel (.xlsx)",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (".xlsx",),
    ),
    "pptx": FileType(
        "PowerPoint (.pptx)",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        (".pptx",),
    ),
    "jpeg": FileType("JPEG", "image/jpeg", (".jpg", ".jpeg")),
    "png": FileType("PNG", "image/png", (".png",)),
}
_OOXML_MAIN = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
ALLOWED_LABELS_TH = "PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), JPEG หรือ PNG"


def _sniff(head: bytes, stream: BinaryIO) -> str | None:
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"PK\x03\x04"):
        # Office files are ZIPs; the part names say which one (and a plain ZIP is refused).
        try:
            stream.seek(0)
            with zipfile.ZipFile(stream) as archive:
                names = archive.namelist()[:2000]
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        if "[Content_Types].xml" not in names:
            return None
        for kind, prefix in _OOXML_MAIN.items():
            if any(name.startswith(prefix) for name in names):
                return kind
    return None


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".")


def check_upload(
    stream: BinaryIO, *, name: str, size: int, max_bytes: int, only: tuple[str, ...] = ()
) -> FileType:
    """Return the file's type or raise :class:`FileRejected` with a Thai message."""
    if size > max_bytes:
        raise FileRejected(
            f"ไฟล์ {name} มีขนาด {_mb(size)} MB เกินขนาดสูงสุด {_mb(max_bytes)} MB "
            "กรุณาลดขนาดไฟล์ (เช่น ลดความละเอียดรูปภาพ) แล้วอัปโหลดใหม่",
            "too_large",
        )
    if size == 0:
        raise FileRejected(f"ไฟล์ {name} ว่างเปล่า กรุณาเลือกไฟล์ใหม่", "empty")
    stream.seek(0)
    head = stream.read(16)
    kind = _sniff(head, stream)
    stream.seek(0)
    allowed = only or tuple(ALLOWED_TYPES)
    allowed_th = ", ".join(ALLOWED_TYPES[k].label_th for k in allowed)
    if kind is None or kind not in allowed:
        raise FileRejected(
            f"ไฟล์ {name} ไม่ใช่ชนิดที่รับ (ตรวจจากเนื้อไฟล์ ไม่ใช่จากชื่อไฟล์) รับเฉพาะ {allowed_th}",
            "bad_type",
        )
    file_type = ALLOWED_TYPES[kind]
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in file_type.extensions:
        raise FileRejected(
            f"นามสกุลไฟล์ {name} ไม่ตรงกับเนื้อไฟล์ซึ่งเป็น {file_type.label_th} "
            f"กรุณาใช้นามสกุล {' หรือ '.join(file_type.extensions)}",
            "extension_mismatch",
        )
    return file_type


@dataclass(frozen=True, slots=True)
class PdfPages:
    pages: int
    sizes_mm: tuple[tuple[float, float], ...]

    @property
    def all_a4(self) -> bool:
        for width, height in self.sizes_mm:
            short, long_ = sorted((width, height))
            if abs(short - A4_MM[0]) > A4_TOLERANCE_MM or abs(long_ - A4_MM[1]) > A4_TOLERANCE_MM:
                return False
        return True


def count_pdf_pages(
    path: str | os.PathLike[str], *, timeout_s: float = 10.0, memory_mb: int = 512
) -> PdfPages:
    """Page count and page sizes, read in a child process (RLIMIT_AS, RLIMIT_CPU, wall clock)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (_SRC_DIR, env.get("PYTHONPATH")) if p)
    command = [
        sys.executable,
        "-m",
        "pramoen.documents.pdfpages",
        os.fspath(path),
        str(memory_mb),
        str(max(1, int(timeout_s))),
    ]
    try:
        with checker_slot():
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=env,
                start_new_session=True,
            )
            try:
                out, _err = process.communicate(timeout=timeout_s)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.communicate()
                raise FileRejected(
                    f"ตรวจจำนวนหน้าของไฟล์ไม่เสร็จภายใน {timeout_s:g} วินาที"
                    " ไฟล์อาจเสียหรือซับซ้อนผิดปกติ กรุณาบันทึกเป็น PDF ใหม่แล้วอัปโหลดอีกครั้ง",
                    "timeout",
                ) from None
    except SlotsBusy:
        raise FileRejected(
            "ขณะนี้มีผู้ส่งไฟล์พร้อมกันจำนวนมาก ระบบยังตรวจไฟล์นี้ไม่ได้ กรุณาอัปโหลดอีกครั้งในอีกสักครู่",
            "busy",
        ) from None
    try:
        data = json.loads(out) if process.returncode == 0 else {}
    except ValueError:
        data = {}
    if "pages" not in data:
        raise FileRejected(
            "อ่านไฟล์ PDF ไม่ได้ (ไฟล์อาจเสีย ถูกเข้ารหัส หรือไม่ใช่ PDF จริง) "
            "กรุณาบันทึกเป็น PDF ใหม่แล้วอัปโหลดอีกครั้ง",
            "unreadable_pdf",
        )
    return PdfPages(
        pages=int(data["pages"]), sizes_mm=tuple(tuple(size) for size in data["sizes_mm"])
    )


def check_one_a4_page(pages: PdfPages) -> None:
    """Seed 000 lines 35/82: the lesson learned is "ไม่เกิน 1 หน้ากระดาษ A4"."""
    if pages.pages > 1:
        raise FileRejected(
            f"เอกสารถอดบทเรียนต้องไม่เกิน 1 หน้ากระดาษ A4 แต่ไฟล์นี้มี {pages.pages} หน้า "
            "กรุณาสรุปให้อยู่ในหน้าเดียวแล้วอัปโหลดใหม่",
            "too_many_pages",
        )
    if pages.pages == 0:
        raise FileRejected("ไฟล์ PDF ไม่มีหน้าเอกสาร กรุณาตรวจสอบไฟล์", "no_pages")
    if not pages.all_a4:
        width, height = pages.sizes_mm[0]
        raise FileRejected(
            f"หน้ากระดาษต้องเป็นขนาด A4 (210 × 297 มม.) แต่ไฟล์นี้มีขนาด {width:g} × {height:g} มม.",
            "not_a4",
        )
