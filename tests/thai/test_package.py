"""pramoen.thai is pure: importable without Django, with a complete public API."""

from __future__ import annotations

import subprocess
import sys

import pramoen.thai


def test_thai_package_imports_without_django() -> None:
    code = (
        "import sys, pramoen.thai; "
        "print(sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"


def test_public_api_names_resolve() -> None:
    missing = [name for name in pramoen.thai.__all__ if not hasattr(pramoen.thai, name)]
    assert missing == []
