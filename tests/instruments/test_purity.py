"""pramoen.instruments stays pure Python: importing it must not import Django."""

import subprocess
import sys


def test_importing_instruments_does_not_import_django() -> None:
    code = (
        "import sys\n"
        "import pramoen.instruments, pramoen.instruments.cli, pramoen.instruments.sampling\n"
        "from pramoen.instruments import get_instrument, score, lint\n"
        "lint(get_instrument('nara2-school-academic'))\n"
        "bad = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == ""
