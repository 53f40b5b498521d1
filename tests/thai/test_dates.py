"""Buddhist Era dates: formatting, strict parsing, fiscal and academic years."""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pramoen.thai.dates import (
    BE_MAX_YEAR,
    BE_MIN_YEAR,
    ThaiDateError,
    academic_year,
    academic_year_bounds,
    be_to_ce,
    ce_to_be,
    fiscal_quarter,
    fiscal_year,
    fiscal_year_bounds,
    format_thai_date,
    format_thai_datetime,
    parse_thai_date,
)

FIRST = date(be_to_ce(BE_MIN_YEAR), 1, 1)
LAST = date(be_to_ce(BE_MAX_YEAR), 12, 31)
dates = st.dates(min_value=FIRST, max_value=LAST)
styles = st.sampled_from(["long", "short", "numeric"])
# (month, day) boundaries that exist every year.
boundaries = st.dates(min_value=date(2001, 1, 1), max_value=date(2001, 12, 31)).map(
    lambda d: (d.month, d.day)
)


def _error(text: str) -> ThaiDateError:
    with pytest.raises(ThaiDateError) as info:
        parse_thai_date(text)
    return info.value


# --------------------------------------------------------------------------- formatting


def test_format_long_uses_thai_digits_by_default() -> None:
    assert format_thai_date(date(2025, 10, 5)) == "๕ ตุลาคม ๒๕๖๘"


def test_format_short_and_numeric_use_arabic_digits_by_default() -> None:
    assert format_thai_date(date(2025, 10, 5), "short") == "5 ต.ค. 2568"
    assert format_thai_date(date(2025, 10, 5), "numeric") == "05/10/2568"


def test_format_digits_option_overrides_the_style_default() -> None:
    assert format_thai_date(date(2025, 10, 5), "long", thai_digits=False) == "5 ตุลาคม 2568"
    assert format_thai_date(date(2025, 10, 5), "numeric", thai_digits=True) == "๐๕/๑๐/๒๕๖๘"


def test_format_weekday_and_era_options() -> None:
    # 5 October 2025 was a Sunday.
    sunday = date(2025, 10, 5)
    assert format_thai_date(sunday, weekday=True) == "วันอาทิตย์ที่ ๕ ตุลาคม ๒๕๖๘"
    assert format_thai_date(sunday, "short", weekday=True) == "อา. 5 ต.ค. 2568"
    assert format_thai_date(sunday, "short", era=True) == "5 ต.ค. พ.ศ. 2568"
    assert format_thai_date(date(2026, 1, 1), "long", weekday=True, thai_digits=False) == (
        "วันพฤหัสบดีที่ 1 มกราคม 2569"
    )


def test_format_rejects_unknown_style() -> None:
    with pytest.raises(ValueError, match="style"):
        format_thai_date(date(2025, 10, 5), "iso")  # type: ignore[arg-type]


def test_format_datetime_converts_aware_values_to_bangkok_time() -> None:
    utc = datetime(2025, 10, 5, 7, 30, tzinfo=UTC)
    assert format_thai_datetime(utc) == "5 ต.ค. 2568 14:30 น."
    assert format_thai_datetime(utc, "long") == "๕ ตุลาคม ๒๕๖๘ เวลา ๑๔:๓๐ น."


def test_format_datetime_crosses_midnight_into_the_thai_date() -> None:
    # 20:00 UTC on 30 September is 03:00 on 1 October in Bangkok: a new fiscal year.
    utc = datetime(2025, 9, 30, 20, 0, tzinfo=UTC)
    assert format_thai_datetime(utc, "numeric") == "01/10/2568 03:00 น."


def test_format_datetime_leaves_naive_values_alone() -> None:
    naive = datetime(2025, 10, 5, 9, 5, 7)
    assert format_thai_datetime(naive, seconds=True) == "5 ต.ค. 2568 09:05:07 น."


def test_format_datetime_official_time_separator() -> None:
    naive = datetime(2025, 10, 5, 14, 30)
    assert format_thai_datetime(naive, "long", time_sep=".") == "๕ ตุลาคม ๒๕๖๘ เวลา ๑๔.๓๐ น."


# ------------------------------------------------------------------------------ parsing


@given(
    day=dates,
    style=styles,
    thai_digits=st.booleans(),
    weekday=st.booleans(),
    era=st.booleans(),
)
def test_parse_round_trips_every_format(
    day: date, style: str, thai_digits: bool, weekday: bool, era: bool
) -> None:
    text = format_thai_date(day, style, thai_digits=thai_digits, weekday=weekday, era=era)  # type: ignore[arg-type]
    assert parse_thai_date(text) == day


@given(day=dates, style=styles, spaces=st.lists(st.sampled_from([" ", "  ", "\u00a0", "\t"])))
def test_parse_tolerates_extra_spaces(day: date, style: str, spaces: list[str]) -> None:
    text = format_thai_date(day, style)  # type: ignore[arg-type]
    padded = "".join(spaces) + text.replace(" ", " " + "".join(spaces)) + "".join(spaces)
    assert parse_thai_date(padded) == day


@pytest.mark.parametrize(
    "text",
    [
        "05/10/2568",
        "5/10/2568",
        "5-10-2568",
        "5.10.2568",
        "๐๕/๑๐/๒๕๖๘",
        "05102568",
        "๐๕๑๐๒๕๖๘",
        "5 ตุลาคม 2568",
        "๕ ตุลาคม ๒๕๖๘",
        "5 ต.ค. 2568",
        "5 ต.ค.2568",
        "5ต.ค.2568",
        "5 ตค 2568",
        "5 ตุลา 2568",
        "5 ตุลาคม พ.ศ. 2568",
        "5 ต.ค. พ.ศ.2568",
        "5 ต.ค. พศ 2568",
        "วันที่ 5 ตุลาคม 2568",
        "วันอาทิตย์ที่ ๕ ตุลาคม พ.ศ. ๒๕๖๘",
        "อาทิตย์ 5 ต.ค. 2568",
        "อา. 05/10/2568",
    ],
)
def test_parse_accepts_the_usual_spellings(text: str) -> None:
    assert parse_thai_date(text) == date(2025, 10, 5)


def test_parse_accepts_common_misspelling_of_july() -> None:
    assert parse_thai_date("1 กรกฏาคม 2568") == date(2025, 7, 1)


@given(st.dates(min_value=date(be_to_ce(BE_MIN_YEAR), 1, 1), max_value=date(2100, 12, 31)))
def test_parse_rejects_gregorian_year_and_suggests_the_be_year(day: date) -> None:
    error = _error(f"{day.day}/{day.month}/{day.year}")
    assert error.code == "gregorian_year"
    assert f"พ.ศ. {day.year + 543}" in error.message


def test_parse_rejects_explicit_ce_year() -> None:
    error = _error("5 ต.ค. ค.ศ. 2025")
    assert error.code == "gregorian_year"
    assert "2568" in error.message


def test_parse_rejects_two_digit_year() -> None:
    error = _error("5/10/68")
    assert error.code == "short_year"
    assert "2568" in error.message


@pytest.mark.parametrize("year", [BE_MIN_YEAR - 1, BE_MAX_YEAR + 1, 3000, 543])
def test_parse_rejects_year_outside_the_accepted_range(year: int) -> None:
    error = _error(f"1/1/{year}")
    assert error.code == "year_out_of_range"
    assert f"{BE_MIN_YEAR}–{BE_MAX_YEAR}" in error.message


def test_parse_range_is_a_parameter() -> None:
    assert parse_thai_date("1/1/2400", min_year=2400) == date(1857, 1, 1)
    with pytest.raises(ThaiDateError):
        parse_thai_date("1/1/2600", max_year=2599)


@given(st.integers(min_value=BE_MIN_YEAR, max_value=BE_MAX_YEAR))
def test_parse_29_february_follows_the_ce_leap_year(year_be: int) -> None:
    text = f"29/02/{year_be}"
    if calendar.isleap(year_be - 543):
        assert parse_thai_date(text) == date(year_be - 543, 2, 29)
    else:
        error = _error(text)
        assert error.code == "not_leap_year"
        assert "29 กุมภาพันธ์" in error.message


def test_parse_leap_year_examples() -> None:
    assert parse_thai_date("29 ก.พ. 2567") == date(2024, 2, 29)  # 2024 CE: leap
    assert _error("29 ก.พ. 2568").code == "not_leap_year"  # 2025 CE: common
    assert parse_thai_date("29/2/2543") == date(2000, 2, 29)  # 2000: divisible by 400
    assert _error("29/2/2643").code == "not_leap_year"  # 2100: century, not by 400


@given(
    year=st.integers(min_value=BE_MIN_YEAR, max_value=BE_MAX_YEAR),
    month=st.integers(min_value=1, max_value=12),
    extra=st.integers(min_value=1, max_value=60),
)
def test_parse_rejects_day_past_the_end_of_month(year: int, month: int, extra: int) -> None:
    last = calendar.monthrange(year - 543, month)[1]
    day = last + extra  # at most 31 + 60, still two digits
    error = _error(f"{day}/{month}/{year}")
    assert error.code in {"invalid_day", "not_leap_year"}
    assert "ไม่มีวันที่" in error.message


def test_parse_invalid_day_message_names_the_month_length() -> None:
    error = _error("31/09/2568")
    assert error.code == "invalid_day"
    assert error.message == "ไม่มีวันที่ 31 ในเดือนกันยายน 2568 (เดือนนี้มี 30 วัน)"


@pytest.mark.parametrize("text", ["0/10/2568", "00 ต.ค. 2568"])
def test_parse_rejects_day_zero(text: str) -> None:
    assert _error(text).code == "invalid_day"


@pytest.mark.parametrize("text", ["5/13/2568", "5/0/2568"])
def test_parse_rejects_invalid_month_number(text: str) -> None:
    assert _error(text).code == "invalid_month"


def test_parse_rejects_unknown_month_name() -> None:
    error = _error("5 ตุลาค 2568")
    assert error.code == "invalid_month"
    assert "ตุลาค" in error.message


def test_parse_rejects_contradicting_day_name() -> None:
    error = _error("วันจันทร์ที่ 5 ตุลาคม 2568")
    assert error.code == "weekday_mismatch"
    assert error.message == "วันที่ 5 ตุลาคม 2568 ตรงกับวันอาทิตย์ ไม่ใช่วันจันทร์"


@pytest.mark.parametrize(
    "text", ["abc", "2568-10-05", "5/10/2568/", "5 ต.ค. 2568 14:30", "5/10-2568", "10", "5102568"]
)
def test_parse_rejects_other_shapes_with_a_format_hint(text: str) -> None:
    error = _error(text)
    assert error.code == "invalid"
    assert "วว/ดด/ปปปป" in error.message


@pytest.mark.parametrize("text", ["", "   ", "\u200b"])
def test_parse_requires_a_value(text: str) -> None:
    assert _error(text).code == "required"


def test_date_error_is_a_value_error_with_thai_text() -> None:
    error = _error("31/02/2568")
    assert isinstance(error, ValueError)
    assert str(error) == error.message


@given(st.integers(min_value=1, max_value=9000))
def test_be_conversion_round_trips(year: int) -> None:
    assert be_to_ce(ce_to_be(year)) == year
    assert ce_to_be(year) - year == 543


def test_be_conversion_example() -> None:
    assert (ce_to_be(2025), be_to_ce(2568)) == (2568, 2025)


# ------------------------------------------------------------------------- fiscal year


@given(st.integers(min_value=be_to_ce(BE_MIN_YEAR), max_value=be_to_ce(BE_MAX_YEAR) - 1))
def test_fiscal_year_changes_between_30_september_and_1_october(year_ce: int) -> None:
    assert fiscal_year(date(year_ce, 9, 30)) == year_ce + 543
    assert fiscal_year(date(year_ce, 10, 1)) == year_ce + 544
    assert fiscal_year(date(year_ce, 9, 30), era="ce") == year_ce
    assert fiscal_year(date(year_ce, 10, 1), era="ce") == year_ce + 1


@given(day=dates, era=st.sampled_from(["be", "ce"]))
def test_fiscal_year_bounds_contain_the_date(day: date, era: str) -> None:
    bounds = fiscal_year_bounds(fiscal_year(day, era=era), era=era)  # type: ignore[arg-type]
    assert bounds.start <= day <= bounds.end
    assert (bounds.start.month, bounds.start.day) == (10, 1)
    assert (bounds.end.month, bounds.end.day) == (9, 30)
    assert fiscal_year(bounds.start - timedelta(days=1), era=era) == bounds.year - 1  # type: ignore[arg-type]


def test_fiscal_year_example_2569() -> None:
    bounds = fiscal_year_bounds(2569)
    assert (bounds.start, bounds.end) == (date(2025, 10, 1), date(2026, 9, 30))
    assert str(bounds) == "ปีงบประมาณ พ.ศ. 2569"
    assert fiscal_year_bounds(2026, era="ce").start == date(2025, 10, 1)


@pytest.mark.parametrize(
    ("month", "quarter"),
    [(10, 1), (11, 1), (12, 1), (1, 2), (3, 2), (4, 3), (6, 3), (7, 4), (9, 4)],
)
def test_fiscal_quarter_starts_in_october(month: int, quarter: int) -> None:
    assert fiscal_quarter(date(2025, month, 15)) == quarter


# ----------------------------------------------------------------------- academic year


def test_academic_year_starts_on_16_may_by_default() -> None:
    assert academic_year(date(2026, 5, 15)) == 2568
    assert academic_year(date(2026, 5, 16)) == 2569
    assert academic_year(date(2026, 3, 31)) == 2568
    bounds = academic_year_bounds(2568)
    assert (bounds.start, bounds.end) == (date(2025, 5, 16), date(2026, 5, 15))
    assert str(bounds) == "ปีการศึกษา 2568"


def test_academic_year_boundary_is_a_parameter() -> None:
    # 2563 BE (2020) opened on 1 July because of COVID-19.
    assert academic_year(date(2020, 6, 30), start=(7, 1)) == 2562
    assert academic_year(date(2020, 7, 1), start=(7, 1)) == 2563
    with pytest.raises(ValueError, match="academic year start"):
        academic_year(date(2020, 7, 1), start=(2, 29))


@given(day=dates, start=boundaries, era=st.sampled_from(["be", "ce"]))
def test_academic_year_boundary_property(day: date, start: tuple[int, int], era: str) -> None:
    year = academic_year(day, start=start, era=era)  # type: ignore[arg-type]
    bounds = academic_year_bounds(year, start=start, era=era)  # type: ignore[arg-type]
    assert bounds.start <= day <= bounds.end
    assert (bounds.start.month, bounds.start.day) == start
    before = bounds.start - timedelta(days=1)
    assert academic_year(before, start=start, era=era) == year - 1  # type: ignore[arg-type]
    assert academic_year(bounds.end + timedelta(days=1), start=start, era=era) == year + 1  # type: ignore[arg-type]
