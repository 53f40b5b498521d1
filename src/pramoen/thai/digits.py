"""Thai ↔ Arabic digits and strict parsing of numbers typed by Thai users.

Pure Python: no Django import. Users in ESA offices type numbers with Thai digits
(๑,๒๓๔.๕๐), Arabic digits, thousands separators and stray spaces, often pasted from
Word documents. Everything numeric that enters Pramoen goes through
:func:`normalize_number` so that ``Decimal`` never sees anything but ``-1234.50``.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

__all__ = [
    "ARABIC_DIGITS",
    "THAI_DIGITS",
    "ThaiNumberError",
    "normalize_number",
    "parse_decimal",
    "parse_int",
    "to_arabic_digits",
    "to_thai_digits",
]

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
ARABIC_DIGITS = "0123456789"

_TO_THAI = str.maketrans(ARABIC_DIGITS, THAI_DIGITS)
_TO_ARABIC = str.maketrans(THAI_DIGITS, ARABIC_DIGITS)

# Whitespace that arrives in pasted text: NBSP, narrow NBSP, thin space, zero-width
# space (Thai text editors insert it as a word-break hint) and BOM.
_INVISIBLE = str.maketrans(
    {
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200b": "",
        "\u200c": "",
        "\u200d": "",
        "\ufeff": "",
    }
)

# Minus signs people paste: U+2212 MINUS SIGN, en dash, hyphen; plus the plain one.
_MINUS = str.maketrans({"\u2212": "-", "\u2013": "-", "\u2010": "-", "\u2011": "-"})

# re.ASCII: ``\d`` must not accept other scripts' digits (Arabic-Indic, full-width …),
# which ``Decimal`` would silently accept.
_GROUPED = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+", re.ASCII)
_NUMBER = re.compile(r"(?P<sign>[+-]?)(?P<int>[0-9,]*)(?:\.(?P<frac>[0-9]*))?", re.ASCII)

EXAMPLE = "เช่น 1,234.50 หรือ ๑,๒๓๔.๕๐"


class ThaiNumberError(ValueError):
    """A number could not be read; ``message`` is Thai and fit to show to the user."""

    def __init__(self, message: str, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def to_thai_digits(text: str) -> str:
    """Replace Arabic digits 0–9 with Thai digits ๐–๙; everything else is kept."""
    return str(text).translate(_TO_THAI)


def to_arabic_digits(text: str) -> str:
    """Replace Thai digits ๐–๙ with Arabic digits 0–9; everything else is kept."""
    return str(text).translate(_TO_ARABIC)


def clean_spaces(text: str) -> str:
    """Map exotic spaces to a plain space, drop zero-width ones, collapse runs, strip."""
    return " ".join(str(text).translate(_INVISIBLE).split())


def normalize_number(text: str) -> str:
    """Turn user input into a plain number string: ``" ๑,๒๓๔.๕ "`` → ``"1234.5"``.

    Accepts Thai or Arabic digits, one optional leading sign (``-``, ``+`` or the
    Unicode minus), comma thousands separators — which must group by three, so a
    mistyped ``1,23`` is rejected rather than read as 123 — and a ``.`` decimal
    point. Spaces are allowed only around the number. Raises :class:`ThaiNumberError`.
    """
    raw = str(text).translate(_INVISIBLE).translate(_MINUS).strip()
    if not raw:
        raise ThaiNumberError("กรุณากรอกตัวเลข", code="required")
    value = to_arabic_digits(raw)
    match = _NUMBER.fullmatch(value)
    if match is None:
        raise ThaiNumberError(f"“{raw}” ไม่ใช่ตัวเลข กรุณากรอกเฉพาะตัวเลข {EXAMPLE}")
    sign, integer, frac = match.group("sign"), match.group("int"), match.group("frac")
    if not integer and not frac:
        raise ThaiNumberError(f"“{raw}” ไม่ใช่ตัวเลข กรุณากรอกเฉพาะตัวเลข {EXAMPLE}")
    if "," in integer:
        if not _GROUPED.fullmatch(integer):
            raise ThaiNumberError(
                f"“{raw}” ใส่เครื่องหมายจุลภาค (,) ไม่ถูกตำแหน่ง ต้องคั่นทุกสามหลัก {EXAMPLE} หรือไม่ใส่เลย"
            )
        integer = integer.replace(",", "")
    if sign == "+":
        sign = ""
    result = sign + (integer or "0")
    if frac:
        result += "." + frac
    return result


def parse_decimal(text: str) -> Decimal:
    """Parse user input as an exact :class:`~decimal.Decimal` (see :func:`normalize_number`)."""
    normalized = normalize_number(text)
    try:
        return Decimal(normalized)
    except InvalidOperation as exc:  # pragma: no cover - normalize_number guarantees syntax
        raise ThaiNumberError(f"“{text}” ไม่ใช่ตัวเลข {EXAMPLE}") from exc


def parse_int(text: str) -> int:
    """Parse user input as an ``int``; ``"12.0"`` is accepted, ``"12.5"`` is not."""
    value = parse_decimal(text)
    if value != value.to_integral_value():
        raise ThaiNumberError(
            f"“{str(text).strip()}” ต้องเป็นจำนวนเต็ม ไม่มีทศนิยม เช่น 1,234 หรือ ๑,๒๓๔",
            code="not_integer",
        )
    return int(value)
