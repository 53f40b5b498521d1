"""Building blocks of the instrument models: exact decimals, slugs, item references, the base model.

Pure Python: no Django import (a test enforces it).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Final

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer

from pramoen.thai.digits import to_arabic_digits

SCHEMA_VERSION: Final = 1

SLUG_RE = r"^[A-Za-z0-9][A-Za-z0-9_\-]*$"
INSTRUMENT_ID_RE = r"^[a-z0-9][a-z0-9_\-]*$"


def coerce_decimal(value: Any) -> Any:
    """A YAML number (or a text of one, Thai digits allowed) as an exact, finite Decimal."""
    # YAML gives int/float/str; floats go through str() so 10.5 stays exactly 10.5.
    if value is None or isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise ValueError("a number is required, not a boolean")
    if isinstance(value, int | float | str):
        try:
            result = Decimal(to_arabic_digits(str(value)).strip())
        except InvalidOperation as exc:
            raise ValueError(f"not a number: {value!r}") from exc
        if not result.is_finite():
            raise ValueError(f"not a finite number: {value!r}")
        return result
    raise ValueError(f"not a number: {value!r}")


def _decimal_json(value: Decimal) -> str:
    # Canonical text: 15, 10.5 (no exponent, no trailing zeros): hashes ignore "15.0" vs "15".
    normal = value.normalize()
    text = format(normal, "f")
    return text


Dec = Annotated[
    Decimal,
    BeforeValidator(coerce_decimal),
    PlainSerializer(_decimal_json, return_type=str, when_used="json"),
]

Slug = Annotated[str, Field(pattern=SLUG_RE, max_length=64)]
# An item reference: an int is the 1-based position of the item in the indicator's list; a string is
# the item's id (which defaults to its position as text, so 3 and "3" usually mean the same item).
ItemRef = int | Slug


class Model(BaseModel):
    """Every instrument model: unknown keys are refused; aliases and names both accepted."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, validate_default=False)
