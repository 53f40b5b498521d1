"""Django's ``{# … #}`` comment ends at the line's end: one spread over lines is printed as text
(it happened to base.html, so every page began with a stray comment). Multi-line comments are
``{% comment %} … {% endcomment %}``."""

from __future__ import annotations

from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "pramoen"


def test_no_template_opens_a_one_line_comment_it_does_not_close_on_that_line() -> None:
    open_comments = [
        f"{path.relative_to(SRC)}:{number}"
        for path in sorted(SRC.rglob("*.html"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if line.count("{#") > line.count("#}")
    ]
    assert open_comments == []
