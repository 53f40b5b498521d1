"""Read an untrusted CSV or XLSX upload into rows of text — pure Python, no Django import.

Checks happen before any parser sees the bytes: a size cap, then the magic bytes (an .xlsx is
a zip; an old .xls is an OLE file and is refused with advice to save as .xlsx), then for a zip
the declared uncompressed size (a zip bomb is refused before it is inflated). CSV encodings
are detected rather than guessed from the file name: a UTF-8 or UTF-16 byte-order mark wins;
otherwise strict UTF-8 is tried, then Windows-874 (a superset of TIS-620, which Thai office
PCs and old OBEC exports still produce). Run :func:`read_table_isolated` to parse in a child
process with CPU and memory limits, as every upload from the web should be.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

__all__ = [
    "DEFAULT_MAX_BYTES",
    "MAX_CELL_CHARS",
    "ImportFileError",
    "Table",
    "TableStream",
    "decode_csv",
    "open_table_isolated",
    "read_table",
    "read_table_isolated",
]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MAX_UNZIPPED_BYTES = 400 * 1024 * 1024
MAX_ROWS = 1_000_000
MAX_CELL_CHARS = 4000  # the longest real field (an address) is a few hundred characters
OUTPUT_FACTOR = 4  # the child may write at most this many times the file's size cap
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SRC_DIR = str(Path(__file__).resolve().parents[3])


class ImportFileError(ValueError):
    """The file as a whole cannot be read; ``message`` is Thai and fit to show."""

    def __init__(self, message: str, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]  # data rows only; row i is spreadsheet line i + 2
    format: str  # "csv" or "xlsx"
    encoding: str = ""
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> str:
        return json.dumps(
            {
                "headers": self.headers,
                "rows": self.rows,
                "format": self.format,
                "encoding": self.encoding,
                "notes": self.notes,
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> Table:
        data = json.loads(text)
        return cls(**data)


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def decode_csv(data: bytes) -> tuple[str, str]:
    """(text, encoding name) — see the module docstring for the order of attempts."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8", errors="strict"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp874", errors="strict"), "cp874"
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            "อ่านไฟล์ CSV ไม่ได้: ไม่ใช่รหัสอักขระ UTF-8 หรือ TIS-620/Windows-874 "
            "กรุณาบันทึกไฟล์ใหม่เป็น “CSV UTF-8” แล้วอัปโหลดอีกครั้ง",
            code="encoding",
        ) from exc


def _cell_text(value: object) -> str:
    """Spreadsheet cell → text as the user sees it (12345.0 → "12345"; dates in BE)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime | date):
        day = value.date() if isinstance(value, datetime) else value
        # A year already past 2400 was typed as BE into a date cell; otherwise it is CE.
        year = day.year if day.year > 2400 else day.year + 543
        return f"{day.day:02d}/{day.month:02d}/{year}"
    return str(value)


def _check_zip(data: bytes, max_unzipped: int) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ImportFileError("ไฟล์ .xlsx เสียหรือไม่สมบูรณ์ กรุณาบันทึกใหม่แล้วอัปโหลดอีกครั้ง") from exc
    with archive:
        names = set(archive.namelist())
        if "xl/workbook.xml" not in names:
            raise ImportFileError("ไฟล์นี้เป็นไฟล์ zip แต่ไม่ใช่สมุดงาน Excel (.xlsx)")
        total = sum(info.file_size for info in archive.infolist())
        if total > max_unzipped:
            raise ImportFileError(
                "ไฟล์ .xlsx นี้ขยายตัวเกินขนาดที่ระบบรับได้ (อาจเป็นไฟล์ที่ถูกดัดแปลง) กรุณาแบ่งไฟล์หรือบันทึกเป็น CSV",
                code="zip_bomb",
            )


def _read_xlsx(data: bytes, max_unzipped: int) -> Table:
    from openpyxl import load_workbook

    _check_zip(data, max_unzipped)
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        rows_iter = sheet.iter_rows(values_only=True)
        headers = [_cell_text(v).strip() for v in next(rows_iter, ())]
        rows = []
        for values in rows_iter:
            rows.append([_cell_text(v) for v in values])
            if len(rows) > MAX_ROWS:
                raise ImportFileError(f"ไฟล์มีข้อมูลเกิน {MAX_ROWS:,} แถว กรุณาแบ่งไฟล์")
    finally:
        workbook.close()
    while headers and not headers[-1]:
        headers.pop()
    return Table(headers=headers, rows=rows, format="xlsx")


def _read_csv(data: bytes) -> Table:
    text, encoding = decode_csv(data)
    if "\x00" in text:
        raise ImportFileError("ไฟล์นี้ไม่ใช่ไฟล์ข้อความ CSV กรุณาอัปโหลดไฟล์ .csv หรือ .xlsx")
    sample = text[:8192]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        headers = [h.strip() for h in next(reader, [])]
        rows = []
        for row in reader:
            rows.append(row)
            if len(rows) > MAX_ROWS:
                raise ImportFileError(f"ไฟล์มีข้อมูลเกิน {MAX_ROWS:,} แถว กรุณาแบ่งไฟล์")
    except csv.Error as exc:
        raise ImportFileError(f"อ่านไฟล์ CSV ไม่ได้: รูปแบบไม่ถูกต้อง ({exc})") from exc
    notes = []
    if encoding == "cp874":
        notes.append("ไฟล์ใช้รหัสอักขระ TIS-620/Windows-874 ระบบแปลงให้แล้ว")
    return Table(headers=headers, rows=rows, format="csv", encoding=encoding, notes=notes)


def read_table(
    data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES, max_unzipped: int = MAX_UNZIPPED_BYTES
) -> Table:
    """Parse ``data`` in this process (see :func:`read_table_isolated` for uploads)."""
    if len(data) > max_bytes:
        raise ImportFileError(
            f"ไฟล์มีขนาด {_megabytes(len(data))} เกินขนาดสูงสุด {_megabytes(max_bytes)} กรุณาแบ่งไฟล์",
            code="too_large",
        )
    if not data.strip():
        raise ImportFileError("ไฟล์ว่างเปล่า", code="empty")
    if data.startswith(ZIP_MAGIC):
        table = _read_xlsx(data, max_unzipped)
    elif data.startswith(OLE_MAGIC):
        raise ImportFileError(
            "ระบบไม่รับไฟล์ Excel รุ่นเก่า (.xls) กรุณาเปิดแล้ว “บันทึกเป็น” .xlsx หรือ CSV UTF-8",
            code="xls",
        )
    elif data.startswith((b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        raise ImportFileError("ไฟล์นี้ไม่ใช่ตาราง กรุณาอัปโหลดไฟล์ .csv หรือ .xlsx", code="magic")
    else:
        table = _read_csv(data)
    if not any(table.headers):
        raise ImportFileError("ไม่พบแถวหัวตาราง (แถวแรกของไฟล์ต้องเป็นชื่อคอลัมน์)", code="no_header")
    return table


def read_table_isolated(
    path: str | os.PathLike[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout_s: float = 120.0,
    memory_mb: int = 1024,
    max_output_bytes: int | None = None,
) -> Table:
    """Like :func:`read_table` on the file at ``path``, but parsed in a child process (see
    :func:`open_table_isolated`); every row is collected into the returned table."""
    with open_table_isolated(
        path,
        max_bytes=max_bytes,
        timeout_s=timeout_s,
        memory_mb=memory_mb,
        max_output_bytes=max_output_bytes,
    ) as stream:
        rows = list(stream.rows)
    return Table(
        headers=stream.headers,
        rows=rows,
        format=stream.format,
        encoding=stream.encoding,
        notes=stream.notes,
    )


@dataclass
class TableStream:
    """A table whose rows arrive one at a time from the reader child (see worker.py)."""

    headers: list[str]
    rows: Iterator[list[str]]  # data rows only; the i-th row yielded is spreadsheet line i + 2
    format: str
    encoding: str = ""
    notes: list[str] = field(default_factory=list)
    row_count: int = 0  # counted by the child, which has read the whole file: for progress


@contextlib.contextmanager
def open_table_isolated(
    path: str | os.PathLike[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout_s: float = 120.0,
    memory_mb: int = 1024,
    max_output_bytes: int | None = None,
) -> Iterator[TableStream]:
    """Parse the file at ``path`` in a child process with RLIMIT_AS = ``memory_mb`` and a
    CPU/wall-clock limit (size checked before it starts), and stream its rows.

    The file's header (or its Thai refusal) is read before this yields; the rows are read as
    the caller iterates, so this process holds one row at a time. Iterating raises
    :class:`ImportFileError` if the child fails part-way. Leaving the block kills a child that
    is still writing.

    The limits protect the child only: what it writes back lands in this process. So the child
    refuses cells over :data:`MAX_CELL_CHARS`, and the bytes read back are counted: past
    ``max_output_bytes`` (default ``OUTPUT_FACTOR × max_bytes``) the child is killed.
    """
    if max_output_bytes is None:
        max_output_bytes = OUTPUT_FACTOR * max_bytes
    size = os.stat(path).st_size
    if size > max_bytes:
        raise ImportFileError(
            f"ไฟล์มีขนาด {_megabytes(size)} เกินขนาดสูงสุด {_megabytes(max_bytes)} กรุณาแบ่งไฟล์",
            code="too_large",
        )
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (_SRC_DIR, env.get("PYTHONPATH")) if p)
    cmd = [
        sys.executable,
        "-m",
        "pramoen.orgs.imports.worker",
        os.fspath(path),
        str(max_bytes),
        str(memory_mb),
        str(max(1, int(timeout_s))),
    ]
    timed_out = threading.Event()
    with tempfile.TemporaryFile() as errors:
        proc = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=errors, env=env, start_new_session=True
        )

        def kill() -> None:
            timed_out.set()
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)

        timer = threading.Timer(timeout_s, kill)
        timer.start()
        budget = max_output_bytes

        def read_line() -> object | None:
            """The next JSON document (one per line), None at the end; raises when cut off."""
            nonlocal budget
            assert proc.stdout is not None
            # A line is read at most to the remaining budget, so one huge row is cut short.
            line = proc.stdout.readline(budget + 1)
            if not line:
                return None
            budget -= len(line)
            if budget < 0:
                kill()
                raise ImportFileError(
                    f"ข้อมูลในไฟล์เมื่อแตกออกมีขนาดเกิน {_megabytes(max_output_bytes)} "
                    "(อาจมีเซลล์จำนวนมากที่อ้างข้อความยาวเดียวกัน) กรุณาตรวจสอบไฟล์หรือแบ่งไฟล์ให้เล็กลง",
                    code="too_much_output",
                )
            try:
                return json.loads(line)
            except ValueError:  # cut short by a crash or a kill: report it as a crash
                if timed_out.is_set():
                    raise timeout_error() from None
                kill()
                timed_out.clear()
                raise crash_error() from None

        def timeout_error() -> ImportFileError:
            return ImportFileError(
                f"อ่านไฟล์ไม่เสร็จภายใน {timeout_s:g} วินาที กรุณาแบ่งไฟล์ให้เล็กลง", code="timeout"
            )

        def crash_error() -> ImportFileError:
            errors.seek(0)
            err = errors.read()[-2000:]
            error = ImportFileError(
                "อ่านไฟล์ไม่สำเร็จ (ไฟล์อาจเสีย ถูกดัดแปลง หรือใช้หน่วยความจำเกิน "
                f"{memory_mb} MB) กรุณาบันทึกใหม่เป็น .xlsx หรือ CSV UTF-8",
                code="crashed",
            )
            error.__cause__ = RuntimeError(err.decode("utf-8", "replace")[-500:])
            return error

        def check_exit() -> None:
            returncode = proc.wait()
            if timed_out.is_set() or returncode in (-signal.SIGXCPU, -signal.SIGKILL):
                raise timeout_error()
            if returncode != 0:
                raise crash_error()

        def rows() -> Iterator[list[str]]:
            while (value := read_line()) is not None:
                yield value  # type: ignore[misc]
            check_exit()

        try:
            head = read_line()
            if head is None:
                check_exit()
                raise crash_error()
            assert isinstance(head, dict)
            if head.get("error"):
                check_exit()
                raise ImportFileError(head["error"]["message"], code=head["error"]["code"])
            yield TableStream(rows=rows(), **head["table"])
        finally:
            timer.cancel()
            if proc.poll() is None:
                kill()  # the caller stopped early (a missing column, an error): stop writing
            proc.wait()
            if proc.stdout is not None:
                proc.stdout.close()
