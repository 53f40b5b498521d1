"""Portfolio PDF format checker (issue 5): page count, A4, body font and size, QR codes,
dangerous content. Pure Python, no Django.

Use ``run_check_subprocess(path, rules)`` from request code; ``check_file`` runs in-process
(tests, benchmarks, the worker itself).
"""

from .findings import Finding
from .rules import PortfolioRules
from .runner import run_check_subprocess


def check_file(path, rules=None):  # type: ignore[no-untyped-def]
    """In-process check (imports pdfium); see analyze.check_file."""
    from .analyze import check_file as _check_file

    return _check_file(path, rules)


__all__ = ["Finding", "PortfolioRules", "check_file", "run_check_subprocess"]
