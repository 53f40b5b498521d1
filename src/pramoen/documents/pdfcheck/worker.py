"""Child-process entry: ``python -m pramoen.documents.pdfcheck.worker PATH MEMORY_MB CPU_S``.

Reads the rules as JSON on stdin, writes the result envelope as JSON on stdout.
The limits are set here, first thing, before pdfium is even imported, so the parent
needs no preexec_fn (unsafe in a threaded web server).
"""

from __future__ import annotations

import json
import resource
import sys

MEMORY_ERROR_MARK = "PRAMOEN_PDFCHECK_MEMORY_ERROR"


def _limit(memory_mb: int, cpu_s: int) -> None:
    mem = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (mem, mem))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_s, cpu_s + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def main(argv: list[str]) -> int:
    path, memory_mb, cpu_s = argv[0], int(argv[1]), int(argv[2])
    _limit(memory_mb, cpu_s)
    rules_json = sys.stdin.read()
    try:
        from .analyze import check_file
        from .rules import PortfolioRules

        rules = PortfolioRules.from_dict(json.loads(rules_json) if rules_json.strip() else None)
        result = check_file(path, rules)
    except MemoryError:
        sys.stderr.write(MEMORY_ERROR_MARK + "\n")
        return 3
    sys.stdout.write(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
