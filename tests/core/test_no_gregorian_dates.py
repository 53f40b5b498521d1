"""Django's `th` locale formats years as CE (2025), so no template may format a date with Django's
own `date`/`time` filters or `{% now %}`; dates reach pages through the `thai` filters only."""

from __future__ import annotations

import re
from pathlib import Path

import pramoen

FORBIDDEN = re.compile(r"\|\s*date\b|\{%\s*now\b|\|\s*naturalday\b")


def test_no_template_formats_dates_with_djangos_gregorian_filters():
    root = Path(pramoen.__file__).parent
    offenders = [
        f"{path.relative_to(root)}:{number}: {line.strip()}"
        for path in sorted(root.rglob("*.html"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if FORBIDDEN.search(line)
    ]
    assert offenders == []


def test_the_guard_catches_a_django_date_filter():
    assert FORBIDDEN.search("{{ entry.submitted_at|date:'j F Y' }}")
    assert FORBIDDEN.search("{% now 'Y' %}")
    assert not FORBIDDEN.search("{{ entry.submitted_at|thai_date:'long' }}")
