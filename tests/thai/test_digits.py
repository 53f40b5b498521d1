"""Thai ↔ Arabic digits and strict number parsing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pramoen.thai.digits import (
    THAI_DIGITS,
    ThaiNumberError,
    normalize_number,
    parse_decimal,
    parse_int,
    to_arabic_digits,
    to_thai_digits,
)

no_thai_digits = st.text().filter(lambda s: not any(c in THAI_DIGITS for c in s))
no_arabic_digits = st.text().filter(lambda s: not any(c in "0123456789" for c in s))


def test_digits_convert_both_ways() -> None:
    assert to_thai_digits("05/10/2568 ก.") == "๐๕/๑๐/๒๕๖๘ ก."
    assert to_arabic_digits("๐๕/๑๐/๒๕๖๘ ก.") == "05/10/2568 ก."


@given(no_thai_digits)
def test_digits_round_trip_from_arabic(text: str) -> None:
    assert to_arabic_digits(to_thai_digits(text)) == text


@given(no_arabic_digits)
def test_digits_round_trip_from_thai(text: str) -> None:
    assert to_thai_digits(to_arabic_digits(text)) == text


@given(st.text())
def test_thai_digits_leave_no_arabic_digit(text: str) -> None:
    converted = to_thai_digits(text)
    assert not any(c in "0123456789" for c in converted)
    assert len(converted) == len(text)


@given(
    st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=2, allow_nan=False),
    st.booleans(),
)
def test_parse_decimal_round_trips_grouped_thai_digits(value: Decimal, thai: bool) -> None:
    text = format(value, ",f")
    if thai:
        text = to_thai_digits(text)
    parsed = parse_decimal(f"  {text}\u00a0")
    assert parsed == value
    assert parsed.as_tuple() == value.as_tuple()  # exact: same digits and exponent


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_parse_int_round_trips_thai_digits(value: int) -> None:
    assert parse_int(to_thai_digits(f"{value:,}")) == value
    assert parse_int(str(value)) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (" ๑,๒๓๔.๕๐ ", "1234.50"),
        ("1234", "1234"),
        ("-1,234", "-1234"),
        ("+3", "3"),
        ("\u22127", "-7"),
        (".5", "0.5"),
        ("12.", "12"),
        ("๐", "0"),
        ("1,000,000", "1000000"),
    ],
)
def test_normalize_number_examples(text: str, expected: str) -> None:
    assert normalize_number(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "1,23",
        "12,34,567",
        ",123",
        "1,2345",
        "1 234",
        "abc",
        "1.2.3",
        "--1",
        "-",
        ".",
        "1e5",
        "١٢",
        "１２",
        "NaN",
        "Infinity",
        "12บาท",
    ],
)
def test_normalize_number_rejects_with_thai_message(text: str) -> None:
    with pytest.raises(ThaiNumberError) as info:
        normalize_number(text)
    assert text.strip() in info.value.message or "ตัวเลข" in info.value.message
    assert any("\u0e00" <= c <= "\u0e7f" for c in info.value.message)


def test_normalize_number_rejects_misplaced_comma_specifically() -> None:
    with pytest.raises(ThaiNumberError, match="จุลภาค"):
        normalize_number("1,23")


@pytest.mark.parametrize("text", ["", "   ", "\u200b"])
def test_normalize_number_requires_a_value(text: str) -> None:
    with pytest.raises(ThaiNumberError) as info:
        normalize_number(text)
    assert info.value.code == "required"


def test_parse_int_rejects_fractions_but_accepts_zero_fraction() -> None:
    assert parse_int("๑๒.๐๐") == 12
    with pytest.raises(ThaiNumberError) as info:
        parse_int("12.5")
    assert info.value.code == "not_integer"
    assert "จำนวนเต็ม" in info.value.message
