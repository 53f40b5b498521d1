"""The engine's modules stay short (issue 17): about 400 lines each, never over 600.

On failure the message lists the ten longest modules of ``src/pramoen/instruments/``.
"""

from __future__ import annotations

from pathlib import Path

import pramoen.instruments

PACKAGE = Path(pramoen.instruments.__file__).resolve().parent
MAX_LINES = 600


def _lengths() -> dict[str, int]:
    return {
        str(path.relative_to(PACKAGE)): len(path.read_text(encoding="utf-8").splitlines())
        for path in sorted(PACKAGE.rglob("*.py"))
    }


def test_no_instrument_module_over_600_lines() -> None:
    lengths = _lengths()
    # the scan sees the whole package, sub-packages included
    assert {"__init__.py", "scoring.py", "schema/__init__.py", "lint/__init__.py"} <= set(lengths)
    longest = sorted(lengths.items(), key=lambda item: (-item[1], item[0]))[:10]
    listing = "\n".join(f"{n:5d} {name}" for name, n in longest)
    over = sorted(name for name, n in lengths.items() if n > MAX_LINES)
    assert not over, f"modules over {MAX_LINES} lines: {over}; the ten longest:\n{listing}"
