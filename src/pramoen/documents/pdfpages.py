"""Child process: ``python -m pramoen.documents.pdfpages PATH MEMORY_MB CPU_S`` prints the page
sizes of a PDF as JSON (``{"pages": n, "sizes_mm": [[w, h], …]}``, at most the first 5 pages
measured).

Limits are set before pypdfium2 is imported, so a hostile PDF cannot take the web process down.
"""

from __future__ import annotations

import json
import resource
import sys

POINT_MM = 25.4 / 72


def main(argv: list[str]) -> int:
    path, memory_mb, cpu_s = argv[0], int(argv[1]), int(argv[2])
    memory = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_s, cpu_s + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        sys.stdout.write(json.dumps({"error": str(exc)}))
        return 0
    pages = len(document)
    sizes = []
    for index in range(min(pages, 5)):
        width, height = document.get_page_size(index)
        sizes.append([round(width * POINT_MM, 1), round(height * POINT_MM, 1)])
    document.close()
    sys.stdout.write(json.dumps({"pages": pages, "sizes_mm": sizes}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
