"""The report's arithmetic and text: exact percentages, change wording, Thai digits and dates."""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

from pramoen.thai import format_thai_date, to_thai_digits

# 1.3.2.1 item 2 asks for "คิดเป็นร้อยละ" without saying how to round: two places, half-up.
PERCENT_ROUNDING = "2 decimal places, ROUND_HALF_UP, from the exact fraction"
_HUNDREDTHS = Decimal("0.01")


def percentage(part: int, whole: int) -> Decimal | None:
    """``part × 100 / whole`` rounded half-up to 0.01, computed in integers (exact)."""
    if whole <= 0:
        return None
    if part < 0:
        raise ValueError("part must not be negative")
    # round-half-up of n/d at 2 places = floor((2·n·10000 + d) / 2d) hundredths; no binary floats
    # and no intermediate rounding at Decimal's 28-digit precision.
    hundredths = (2 * part * 10_000 + whole) // (2 * whole)
    return (Decimal(hundredths) * _HUNDREDTHS).quantize(_HUNDREDTHS, rounding=ROUND_HALF_UP)


def change_text(change: int) -> str:
    """ "เพิ่มขึ้น/ลดลง" cell text for a signed difference."""
    if change > 0:
        return f"เพิ่มขึ้น {change}"
    if change < 0:
        return f"ลดลง {-change}"
    return "เท่าเดิม"


# E-mail addresses and links keep their ASCII digits: converting them would break them.
_PROTECTED_RE = re.compile(r"\S+@\S+|https?://\S+|www\.\S+", re.IGNORECASE)


def thai_digits_in_text(text: str) -> str:
    """Arabic → Thai digits everywhere except inside e-mail addresses and URLs."""
    out: list[str] = []
    last = 0
    for match in _PROTECTED_RE.finditer(text):
        out.append(to_thai_digits(text[last : match.start()]))
        out.append(match.group())
        last = match.end()
    out.append(to_thai_digits(text[last:]))
    return "".join(out)


def thai_date(value: dt.date) -> str:
    """``15 กันยายน 2569`` — Buddhist Era; Thai digits are applied with the rest of the text."""
    return format_thai_date(value, "long", thai_digits=False)
