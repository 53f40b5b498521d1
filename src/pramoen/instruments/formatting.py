"""Numbers as people read them: plain text, Thai digits by default; display rounding modes."""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

from pramoen.thai.digits import to_thai_digits

# instrument.display.rounding → decimal rounding mode (display only: tiers use unrounded totals)
ROUNDING = {"half_up": ROUND_HALF_UP, "half_even": ROUND_HALF_EVEN, "down": ROUND_DOWN}


def fmt_number(value: Decimal | int, thai: bool = True) -> str:
    """A number as plain text (no exponent, no trailing zeros), Thai digits by default."""
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f") if value == value.to_integral_value() else None
        if text is None:
            text = format(value.normalize(), "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    else:
        text = str(value)
    return to_thai_digits(text) if thai else text
