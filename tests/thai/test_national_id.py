"""Thai national ID: agreement with python-stdnum, normalising, masking, Thai messages."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.th import pin

from pramoen.thai.digits import to_thai_digits
from pramoen.thai.national_id import (
    ThaiNationalIDError,
    format_national_id,
    is_valid_national_id,
    mask_national_id,
    normalize_national_id,
    validate_national_id,
)

# Hand-checked: digits 1 1 0 3 7 0 2 0 7 1 8 3 times weights 13..2 give
# 13+12+0+30+63+0+14+0+35+4+24+6 = 201; 201 mod 11 = 3; (11 − 3) mod 10 = 8.
VALID = "1103702071838"

thirteen_digits = st.text(alphabet="0123456789", min_size=13, max_size=13)
twelve_digits = st.text(alphabet="0123456789", min_size=12, max_size=12).filter(
    lambda s: s[0] not in "09"
)


def _check_digit(first12: str) -> str:
    # The published algorithm, written independently of stdnum to cross-check it.
    total = sum(int(d) * w for d, w in zip(first12, range(13, 1, -1), strict=True))
    return str((11 - total % 11) % 10)


def _dashed(number: str) -> str:
    return f"{number[0]}-{number[1:5]}-{number[5:10]}-{number[10:12]}-{number[12]}"


def test_hand_checked_id_is_valid() -> None:
    assert validate_national_id(VALID) == VALID
    assert format_national_id(VALID) == "1-1037-02071-83-8"


@given(thirteen_digits)
def test_validity_agrees_with_stdnum(number: str) -> None:
    assert is_valid_national_id(number) == pin.is_valid(number)


@given(twelve_digits)
def test_generated_ids_with_computed_check_digit_are_valid(first12: str) -> None:
    number = first12 + _check_digit(first12)
    assert pin.calc_check_digit(first12) == _check_digit(first12)
    assert validate_national_id(number) == number
    for wrong in "0123456789":
        if wrong != number[-1]:
            assert not is_valid_national_id(first12 + wrong)


@given(twelve_digits, st.booleans(), st.sampled_from(["", " ", "-", " - "]))
def test_validate_accepts_thai_digits_dashes_and_spaces(
    first12: str, thai: bool, separator: str
) -> None:
    number = first12 + _check_digit(first12)
    text = _dashed(number).replace("-", separator)
    if thai:
        text = to_thai_digits(text)
    assert normalize_national_id(f"  {text} ") == number
    assert validate_national_id(f"  {text} ") == number


@pytest.mark.parametrize(
    ("value", "code", "fragment"),
    [
        ("", "required", "กรุณากรอก"),
        ("123", "invalid_length", "13 หลัก (กรอกมา 3 หลัก)"),
        ("11037020718388", "invalid_length", "กรอกมา 14 หลัก"),
        ("1103702071839", "invalid_checksum", "เลขตรวจสอบ"),
        ("0103702071838", "invalid_component", "หลักแรก"),
        ("11037O2071838", "invalid_format", "ตัวเลขเท่านั้น"),
        ("١١٠٣٧٠٢٠٧١٨٣٨", "invalid_format", "ตัวเลขเท่านั้น"),
    ],
)
def test_invalid_ids_get_thai_messages(value: str, code: str, fragment: str) -> None:
    with pytest.raises(ThaiNationalIDError) as info:
        validate_national_id(value)
    assert info.value.code == code
    assert fragment in info.value.message


def test_mask_keeps_category_registrar_and_check_digit() -> None:
    assert mask_national_id("1-2345-67890-12-1") == "1-2345-xxxxx-xx-1"
    assert mask_national_id(to_thai_digits(VALID)) == "1-1037-xxxxx-xx-8"


@given(thirteen_digits)
def test_mask_never_shows_the_hidden_digits(number: str) -> None:
    masked = mask_national_id(number)
    assert re.fullmatch(r"\d-\d{4}-x{5}-x{2}-\d", masked)
    assert masked[0] + masked[2:6] + masked[-1] == number[:5] + number[-1]


@pytest.mark.parametrize("value", ["", "123", "abcdefghijklm"])
def test_mask_refuses_what_is_not_13_digits(value: str) -> None:
    with pytest.raises(ThaiNationalIDError):
        mask_national_id(value)
