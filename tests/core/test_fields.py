"""Thai form fields: BE dates, Thai-digit numbers, national IDs — Thai messages, no loss."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django import forms
from hypothesis import given
from hypothesis import strategies as st

from pramoen.core.fields import (
    BEDateField,
    BEDateWidget,
    NationalIDField,
    ThaiDecimalField,
    ThaiIntegerField,
)
from pramoen.thai import format_thai_date


class PersonForm(forms.Form):
    birth_date = BEDateField(label="วันเกิด")
    salary = ThaiDecimalField(label="เงินเดือน", max_digits=9, decimal_places=2, min_value=0)
    students = ThaiIntegerField(label="จำนวนนักเรียน", min_value=0, required=False)
    national_id = NationalIDField(label="เลขประจำตัวประชาชน")


VALID_ID = "1103702071838"


def _form(**overrides: str) -> PersonForm:
    data = {
        "birth_date": "05/10/2568",
        "salary": "๒๕,๐๐๐.๕๐",
        "students": "๑,๒๐๐",
        "national_id": "๑-๑๐๓๗-๐๒๐๗๑-๘๓-๘",
        **overrides,
    }
    return PersonForm(data=data)


def test_valid_thai_input_cleans_to_python_values() -> None:
    form = _form()
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {
        "birth_date": date(2025, 10, 5),
        "salary": Decimal("25000.50"),
        "students": 1200,
        "national_id": VALID_ID,
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31/02/2568", "ไม่มีวันที่ 31 ในเดือนกุมภาพันธ์ 2568 (เดือนนี้มี 28 วัน)"),
        ("05/10/2025", "ปี 2025 เป็นปี ค.ศ. กรุณากรอกปี พ.ศ. (ค.ศ. 2025 คือ พ.ศ. 2568)"),
        ("", "กรุณากรอกวันที่"),
    ],
)
def test_invalid_be_date_gets_a_thai_message(text: str, message: str) -> None:
    form = _form(birth_date=text)
    assert not form.is_valid()
    assert form.errors["birth_date"] == [message]


def test_invalid_date_is_shown_again_as_typed() -> None:
    form = _form(birth_date="31/02/2568")
    assert not form.is_valid()
    assert 'value="31/02/2568"' in str(form["birth_date"])


def test_be_date_widget_renders_existing_date_in_be() -> None:
    form = PersonForm(initial={"birth_date": date(2025, 10, 5)})
    html = str(form["birth_date"])
    assert 'value="05/10/2568"' in html
    assert 'placeholder="วว/ดด/ปปปป (พ.ศ.)"' in html
    assert 'inputmode="numeric"' in html
    assert 'autocomplete="off"' in html
    assert 'type="text"' in html


def test_be_date_widget_shows_aware_datetime_in_local_date(settings) -> None:
    settings.TIME_ZONE = "Asia/Bangkok"
    # 20:00 UTC on 4 Oct is 03:00 on 5 Oct in Bangkok.
    value = datetime(2025, 10, 4, 20, 0, tzinfo=ZoneInfo("UTC"))
    assert BEDateWidget().format_value(value) == "05/10/2568"


def test_be_date_field_has_changed_compares_dates() -> None:
    field = BEDateField()
    assert not field.has_changed(date(2025, 10, 5), "๕ ต.ค. ๒๕๖๘")
    assert field.has_changed(date(2025, 10, 5), "06/10/2568")


def test_be_date_field_bounds_have_thai_messages() -> None:
    field = BEDateField(min_value=date(2025, 10, 1), max_value=date(2026, 9, 30))
    assert field.clean("30/09/2569") == date(2026, 9, 30)
    with pytest.raises(forms.ValidationError) as info:
        field.clean("30/09/2568")
    assert info.value.messages == ["วันที่ต้องไม่ก่อน 1 ตุลาคม 2568"]
    with pytest.raises(forms.ValidationError) as info:
        field.clean("1/10/2569")
    assert info.value.messages == ["วันที่ต้องไม่หลัง 30 กันยายน 2569"]


@given(st.dates(min_value=date(1941, 1, 1), max_value=date(2100, 12, 31)))
def test_be_date_field_round_trips_through_its_widget(value: date) -> None:
    field = BEDateField()
    assert field.clean(field.widget.format_value(value)) == value
    assert field.clean(format_thai_date(value, "long")) == value


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("๑,๒๓", "จุลภาค"),
        ("สองหมื่น", "ไม่ใช่ตัวเลข"),
        ("", "กรุณากรอกตัวเลข"),
        ("-5", "ต้องไม่น้อยกว่า 0"),
        ("12345.678", "ทศนิยมต้องไม่เกิน 2 ตำแหน่ง"),
        ("1234567.891", "ตัวเลขต้องมีไม่เกิน 9 หลัก"),
        ("12345678.9", "ตัวเลขหน้าจุดทศนิยมต้องไม่เกิน 7 หลัก"),
    ],
)
def test_invalid_decimal_gets_a_thai_message(text: str, fragment: str) -> None:
    form = _form(salary=text)
    assert not form.is_valid()
    assert len(form.errors["salary"]) == 1
    assert fragment in form.errors["salary"][0]


def test_decimal_field_renders_text_input_for_thai_digits() -> None:
    html = str(_form(salary="๑,๒๓")["salary"])
    assert 'type="text"' in html
    assert 'inputmode="decimal"' in html
    assert 'value="๑,๒๓"' in html


@pytest.mark.parametrize(
    ("text", "fragment"),
    [("๑๒.๕", "จำนวนเต็ม"), ("-1", "ต้องไม่น้อยกว่า 0"), ("abc", "ไม่ใช่ตัวเลข")],
)
def test_invalid_integer_gets_a_thai_message(text: str, fragment: str) -> None:
    form = _form(students=text)
    assert not form.is_valid()
    assert fragment in form.errors["students"][0]


def test_optional_integer_may_be_blank() -> None:
    form = _form(students="  ")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["students"] is None


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("1-1037-02071-83-9", "เลขตรวจสอบ"),
        ("110370207183", "ต้องมี 13 หลัก (กรอกมา 12 หลัก)"),
        ("", "กรุณากรอกเลขประจำตัวประชาชน 13 หลัก"),
        ("1103702O71838", "ตัวเลขเท่านั้น"),
    ],
)
def test_invalid_national_id_gets_a_thai_message(text: str, fragment: str) -> None:
    form = _form(national_id=text)
    assert not form.is_valid()
    assert fragment in form.errors["national_id"][0]
    if text:
        assert f'value="{text}"' in str(form["national_id"])


def test_national_id_widget_attributes() -> None:
    html = str(_form()["national_id"])
    assert 'inputmode="numeric"' in html
    assert 'autocomplete="off"' in html
