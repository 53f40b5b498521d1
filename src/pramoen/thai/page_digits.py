"""One digits style for a whole HTML page (issue 20, non-negotiable 9): Thai digits ๐–๙ or Arabic
0–9 in the text people read, whichever way each piece of the page was written.

Only text between tags changes. Left as they are: markup and attributes (URLs, ids, ``value``s
a form posts back), ``<script>``, ``<style>``, ``<textarea>`` and ``<pre>`` contents (code and
what a person typed), character references (``&#39;``), and in the text itself whatever a person
copies or types back exactly: a URL, an e-mail address and any word mixing Latin letters with
digits (a certificate code ``5DQ28AW4``, ``NARA 2``'s neighbour ``KPI10``, a username ``judge2``).
"""

from __future__ import annotations

import re

from pramoen.thai.digits import to_arabic_digits, to_thai_digits

__all__ = ["page_digits"]

_RAW = re.compile(
    r"(<(script|style|textarea|pre)\b.*?</\2\s*>|<!--.*?-->|<[^>]*>)", re.DOTALL | re.IGNORECASE
)
_KEEP_OR_DIGITS = re.compile(
    r"(?P<keep>https?://[^\s<]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|&#?\w+;|\w*[A-Za-z]\w*)"
    r"|(?P<digits>[0-9]+)"
)


def _thai_text(text: str) -> str:
    return _KEEP_OR_DIGITS.sub(lambda m: m.group("keep") or to_thai_digits(m.group("digits")), text)


def _arabic_text(text: str) -> str:
    return to_arabic_digits(text)


def page_digits(html: str, *, thai: bool) -> str:
    """``html`` with every digit of its text in one style: Thai when ``thai``, else Arabic."""
    convert = _thai_text if thai else _arabic_text
    parts = _RAW.split(html)
    out: list[str] = []
    # re.split with two groups yields: text, whole tag, inner group, text, …
    index = 0
    while index < len(parts):
        out.append(convert(parts[index]))
        if index + 1 < len(parts):
            out.append(parts[index + 1])
        index += 3
    return "".join(out)
