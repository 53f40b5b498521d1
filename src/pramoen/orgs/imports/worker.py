"""Child-process entry: ``python -m pramoen.orgs.imports.worker PATH MAX_BYTES MEMORY_MB CPU_S``.

Limits are set first, before openpyxl is imported, so the parent needs no preexec_fn (unsafe in
a threaded web server). Writes JSON lines: ``{"error": {"code", "message"}}`` alone, or a
``{"table": {headers, format, encoding, notes, row_count}}`` line followed by one JSON array per
row, which the parent reads as a stream: it never holds the whole file.
"""

from __future__ import annotations

import json
import resource
import sys


def main(argv: list[str]) -> int:
    path, max_bytes, memory_mb, cpu_s = argv[0], int(argv[1]), int(argv[2]), int(argv[3])
    memory = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_s, cpu_s + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    from pramoen.orgs.imports.reading import MAX_CELL_CHARS, ImportFileError, read_table

    with open(path, "rb") as fh:
        data = fh.read(max_bytes + 1)
    try:
        table = read_table(data, max_bytes=max_bytes)
    except ImportFileError as exc:
        sys.stdout.write(json.dumps({"error": {"code": exc.code, "message": exc.message}}) + "\n")
        return 0
    del data
    # An .xlsx can point every cell at one long shared string: cheap here, but each cell would
    # be written out (and kept by the parent) in full. No real field is anywhere near this long.
    for number, row in enumerate(table.rows, start=2):
        for column, cell in enumerate(row, start=1):
            if len(cell) > MAX_CELL_CHARS:
                message = (
                    f"แถวที่ {number} คอลัมน์ที่ {column} มีข้อความยาว {len(cell):,} ตัวอักษร "
                    f"เกิน {MAX_CELL_CHARS:,} ตัวอักษรที่ระบบรับ กรุณาตรวจสอบไฟล์"
                )
                error = {"error": {"code": "cell_too_long", "message": message}}
                sys.stdout.write(json.dumps(error, ensure_ascii=False) + "\n")
                return 0
    head = {
        "headers": table.headers,
        "format": table.format,
        "encoding": table.encoding,
        "notes": table.notes,
        "row_count": len(table.rows),  # lets the parent report progress while streaming
    }
    out = sys.stdout
    out.write(json.dumps({"table": head}, ensure_ascii=False) + "\n")
    for row in table.rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
