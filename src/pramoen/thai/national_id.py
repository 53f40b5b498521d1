"""Thai national ID (เลขประจำตัวประชาชน, 13 digits) — validation, formatting, masking.

Pure Python: no Django import. The checksum and structural rules are python-stdnum's
(:mod:`stdnum.th.pin`); this module adds what Thai users type (Thai digits, dashes,
spaces, pasted invisible characters) and Thai error messages.

Layout ``1-2345-67890-12-3``: person category (1 digit), registrar office code
(4 digits: province 2 + district 2), book/volume (5), sequence (2), check digit (1).

Masking keeps the category, the registrar code and the check digit — enough for a
clerk to tell two people apart on a printed list, never enough to reconstruct the
number: ``1-2345-xxxxx-xx-3``. The eight hidden digits are replaced by a lowercase
``x`` and the dashes are kept so the masked value reads like an ID.

Students without Thai civil registration carry OBEC "G codes" instead; those are not
national IDs and are rejected here on purpose.
"""

from __future__ import annotations

from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidLength, ValidationError
from stdnum.th import pin

from pramoen.thai.digits import to_arabic_digits

__all__ = [
    "ThaiNationalIDError",
    "format_national_id",
    "is_valid_national_id",
    "mask_national_id",
    "normalize_national_id",
    "validate_national_id",
]

_SEPARATORS = str.maketrans(
    {
        "-": "",
        " ": "",
        "\u2010": "",
        "\u2011": "",
        "\u2012": "",
        "\u2013": "",
        "\u2212": "",
        "\u00a0": "",
        "\u200b": "",
        "\t": "",
    }
)

_EXAMPLE = "เช่น 1-2345-67890-12-1"


class ThaiNationalIDError(ValueError):
    """An invalid national ID; ``message`` is Thai, ``code`` is stable."""

    def __init__(self, message: str, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def normalize_national_id(value: str) -> str:
    """Thai digits → Arabic, drop dashes and spaces: ``"๑-๒๓๔๕ ..."`` → ``"12345..."``.

    Does not validate; :func:`validate_national_id` does.
    """
    return to_arabic_digits(str(value)).translate(_SEPARATORS).strip()


def validate_national_id(value: str) -> str:
    """Return the 13-digit compact form or raise :class:`ThaiNationalIDError`."""
    number = normalize_national_id(value)
    if not number:
        raise ThaiNationalIDError("กรุณากรอกเลขประจำตัวประชาชน 13 หลัก", code="required")
    if not number.isascii() or not number.isdigit():
        raise ThaiNationalIDError(
            f"เลขประจำตัวประชาชนต้องเป็นตัวเลขเท่านั้น {_EXAMPLE}", code="invalid_format"
        )
    try:
        return pin.validate(number)
    except InvalidLength as exc:
        raise ThaiNationalIDError(
            f"เลขประจำตัวประชาชนต้องมี 13 หลัก (กรอกมา {len(number)} หลัก)",
            code="invalid_length",
        ) from exc
    except InvalidComponent as exc:
        raise ThaiNationalIDError(
            f"เลขประจำตัวประชาชนหลักแรกต้องเป็น 1–8 (กรอกมา {number[0]})",
            code="invalid_component",
        ) from exc
    except InvalidChecksum as exc:
        raise ThaiNationalIDError(
            "เลขประจำตัวประชาชนไม่ถูกต้อง (หลักสุดท้ายไม่ตรงกับเลขตรวจสอบ) กรุณาตรวจสอบว่ากรอกครบและไม่สลับหลัก",
            code="invalid_checksum",
        ) from exc
    except ValidationError as exc:  # any other stdnum rule added in future versions
        raise ThaiNationalIDError(f"เลขประจำตัวประชาชนไม่ถูกต้อง {_EXAMPLE}", code="invalid") from exc


def is_valid_national_id(value: str) -> bool:
    """True when :func:`validate_national_id` would accept the value."""
    try:
        validate_national_id(value)
    except ThaiNationalIDError:
        return False
    return True


def format_national_id(value: str) -> str:
    """Validated and grouped: ``1-2345-67890-12-1``."""
    return str(pin.format(validate_national_id(value)))


def mask_national_id(value: str, *, mask: str = "x") -> str:
    """``1-2345-xxxxx-xx-1`` (see the module docstring for what is kept and why).

    Only the shape is required (13 digits after normalising), not a valid checksum:
    masking is for display of stored data, and a stored bad number must not be shown
    in full either. Anything else raises :class:`ThaiNationalIDError`.
    """
    number = normalize_national_id(value)
    if len(number) != 13 or not number.isascii() or not number.isdigit():
        raise ThaiNationalIDError(
            "ไม่สามารถปิดบังเลขประจำตัวประชาชนได้ เพราะไม่ใช่ตัวเลข 13 หลัก", code="invalid"
        )
    return f"{number[0]}-{number[1:5]}-{mask * 5}-{mask * 2}-{number[12]}"
