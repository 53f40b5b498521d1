"""Child-process entry: ``python -m pramoen.orgs.imports.worker PATH MAX_BYTES MEMORY_MB CPU_S``.

Limits are set first, before openpyxl is imported, so the parent needs no preexec_fn (unsafe in
a threaded web server). Writes ``{"table": …}`` or ``{"error": {"code", "message"}}`` as JSON.
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
    from pramoen.orgs.imports.reading import ImportFileError, read_table

    with open(path, "rb") as fh:
        data = fh.read(max_bytes + 1)
    try:
        table = read_table(data, max_bytes=max_bytes)
    except ImportFileError as exc:
        envelope = {"error": {"code": exc.code, "message": exc.message}}
    else:
        envelope = {
            "table": {
                "headers": table.headers,
                "rows": table.rows,
                "format": table.format,
                "encoding": table.encoding,
                "notes": table.notes,
            }
        }
    sys.stdout.write(json.dumps(envelope, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
