"""Form fields for Thai input: BE dates, numbers with Thai digits, national IDs.

Every field turns the pure parsers' Thai messages (:mod:`pramoen.thai`) into a
``ValidationError`` with the parser's stable ``code``. Text inputs (never
``type="number"`` or ``type="date"``): browsers reject Thai digits in number inputs and
show Gregorian years in date pickers. An invalid form re-renders the value exactly as
typed, so nothing the user entered is lost.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from pramoen.thai import (
    BE_MAX_YEAR,
    BE_MIN_YEAR,
    ThaiDateError,
    ThaiNationalIDError,
    ThaiNumberError,
    format_thai_date,
    normalize_national_id,
    parse_decimal,
    parse_int,
    parse_thai_date,
    validate_national_id,
)

__all__ = [
    "BEDateField",
    "BEDateWidget",
    "NationalIDField",
    "ThaiDecimalField",
    "ThaiIntegerField",
]

BE_DATE_PLACEHOLDER = "วว/ดด/ปปปป (พ.ศ.)"

# Thai texts for the codes of Django's own validators (min/max, digits, step), so a
# Thai form never mixes in English; Field.run_validators swaps them in by code.
_NUMBER_MESSAGES: dict[str, Any] = {
    "required": "กรุณากรอกตัวเลข",
    "invalid": "กรุณากรอกตัวเลข เช่น 1,234.50 หรือ ๑,๒๓๔.๕๐",
    "min_value": "ต้องไม่น้อยกว่า %(limit_value)s",
    "max_value": "ต้องไม่มากกว่า %(limit_value)s",
    "step_size": "ต้องเป็นค่าที่เพิ่มทีละ %(limit_value)s",
    "max_digits": "ตัวเลขต้องมีไม่เกิน %(max)s หลัก",
    "max_decimal_places": "ทศนิยมต้องไม่เกิน %(max)s ตำแหน่ง",
    "max_whole_digits": "ตัวเลขหน้าจุดทศนิยมต้องไม่เกิน %(max)s หลัก",
}


class BEDateWidget(forms.TextInput):
    """Text input for a Buddhist Era date; shows an existing date as ``05/10/2568``.

    ``inputmode="numeric"`` brings up the digit keypad on phones; the parser accepts
    ``05102568`` for keypads without "/".
    """

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        defaults = {
            "placeholder": BE_DATE_PLACEHOLDER,
            "inputmode": "numeric",
            "autocomplete": "off",
            "spellcheck": "false",
        }
        super().__init__({**defaults, **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, datetime):
            value = (timezone.localtime(value) if timezone.is_aware(value) else value).date()
        if isinstance(value, date):
            return format_thai_date(value, "numeric", thai_digits=False)
        # Bound data is shown as typed, so an invalid entry can be corrected, not retyped.
        return super().format_value(value)


class BEDateField(forms.Field):
    """A date typed with a Buddhist Era year (see :func:`pramoen.thai.parse_thai_date`).

    ``min_value``/``max_value`` bound the date; ``min_year``/``max_year`` the BE years
    the parser accepts at all.
    """

    widget = BEDateWidget
    default_error_messages = {
        "required": "กรุณากรอกวันที่",
        "min_value": "วันที่ต้องไม่ก่อน %(limit)s",
        "max_value": "วันที่ต้องไม่หลัง %(limit)s",
    }

    def __init__(
        self,
        *,
        min_value: date | None = None,
        max_value: date | None = None,
        min_year: int = BE_MIN_YEAR,
        max_year: int = BE_MAX_YEAR,
        **kwargs: Any,
    ) -> None:
        self.min_value = min_value
        self.max_value = max_value
        self.min_year = min_year
        self.max_year = max_year
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return (timezone.localtime(value) if timezone.is_aware(value) else value).date()
        if isinstance(value, date):
            return value
        if isinstance(value, str) and not value.strip():
            return None
        try:
            return parse_thai_date(str(value), min_year=self.min_year, max_year=self.max_year)
        except ThaiDateError as exc:
            raise ValidationError(exc.message, code=exc.code) from exc

    def validate(self, value: date | None) -> None:
        super().validate(value)
        if value is None:
            return
        if self.min_value is not None and value < self.min_value:
            raise ValidationError(
                self.error_messages["min_value"],
                code="min_value",
                params={"limit": format_thai_date(self.min_value, "long", thai_digits=False)},
            )
        if self.max_value is not None and value > self.max_value:
            raise ValidationError(
                self.error_messages["max_value"],
                code="max_value",
                params={"limit": format_thai_date(self.max_value, "long", thai_digits=False)},
            )


def _number_error(exc: ThaiNumberError) -> ValidationError:
    return ValidationError(exc.message, code=exc.code)


class ThaiDecimalField(forms.DecimalField):
    """A ``Decimal`` typed with Thai or Arabic digits and optional thousands separators."""

    widget = forms.TextInput
    default_error_messages = _NUMBER_MESSAGES

    # django-stubs derive DecimalField from IntegerField's to_python; Django's own returns Decimal.
    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            return Decimal(value)
        if isinstance(value, str) and not value.strip():
            return None
        try:
            return parse_decimal(str(value))
        except ThaiNumberError as exc:
            raise _number_error(exc) from exc

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        if not isinstance(widget, forms.NumberInput):
            attrs.setdefault("inputmode", "decimal")
        return attrs


class ThaiIntegerField(forms.IntegerField):
    """An ``int`` typed with Thai or Arabic digits and optional thousands separators."""

    widget = forms.TextInput
    default_error_messages = {
        **_NUMBER_MESSAGES,
        "invalid": "กรุณากรอกจำนวนเต็ม เช่น 1,234 หรือ ๑,๒๓๔",
    }

    def to_python(self, value: Any) -> int | None:
        if value in self.empty_values:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and not value.strip():
            return None
        try:
            return parse_int(str(value))
        except ThaiNumberError as exc:
            raise _number_error(exc) from exc

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        if not isinstance(widget, forms.NumberInput):
            attrs.setdefault("inputmode", "numeric")
        return attrs


class NationalIDField(forms.CharField):
    """A 13-digit Thai national ID; cleans to the compact form ``"1234567890121"``.

    Accepts Thai digits, dashes and spaces; the checksum is python-stdnum's.
    """

    default_error_messages = {"required": "กรุณากรอกเลขประจำตัวประชาชน 13 หลัก"}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("strip", True)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> str:
        text = super().to_python(value)
        return normalize_national_id(text) if text else (text or "")

    def validate(self, value: str) -> None:
        super().validate(value)
        if value in self.empty_values:
            return
        try:
            validate_national_id(value)
        except ThaiNationalIDError as exc:
            raise ValidationError(exc.message, code=exc.code) from exc

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        attrs.setdefault("inputmode", "numeric")
        attrs.setdefault("autocomplete", "off")
        return attrs
