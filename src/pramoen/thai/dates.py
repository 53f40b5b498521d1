"""Buddhist Era dates: formatting, strict parsing, fiscal and academic years.

Pure Python: no Django import. Django's ``th`` locale prints Gregorian years, so every
date that reaches a page or a document goes through :func:`format_thai_date`.

Decisions (documented here because users will ask):

* **BE = CE + 543.** This holds from 1 January 2484 BE (1941 CE), when Thailand moved
  New Year from 1 April to 1 January; before that, January–March belonged to the
  previous BE year. Pramoen therefore accepts BE years :data:`BE_MIN_YEAR` (2484) to
  :data:`BE_MAX_YEAR` (2643 = 2100 CE) when parsing. A year in the CE range 1941–2100
  typed where a BE year is expected is rejected with a message naming the BE year
  (``2025`` → "did you mean 2568?"). The bounds are parameters of :func:`parse_thai_date`.
* **Leap years are computed on the CE year** (2567 BE = 2024 CE is a leap year).
* **Fiscal year** (ปีงบประมาณ) runs 1 October – 30 September and is named after the
  calendar year in which it ends: 1 Oct 2568 BE belongs to fiscal year 2569.
* **Academic year** (ปีการศึกษา) is named after the calendar year in which it starts.
  OBEC schools open the first semester on 16 May, so the default boundary is 16 May:
  15 May 2569 BE still belongs to academic year 2568, and 16 May 2569 starts 2569. The
  break between the end of semester 2 (March) and 15 May is thus counted in the year
  that is ending. The boundary is a parameter (``start=(month, day)``) because
  universities and some years (2563 BE, COVID-19: 1 July) differ.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Literal
from zoneinfo import ZoneInfo

from pramoen.thai.digits import clean_spaces, to_arabic_digits, to_thai_digits

__all__ = [
    "BANGKOK",
    "BE_MAX_YEAR",
    "BE_MIN_YEAR",
    "BE_OFFSET",
    "MONTHS_LONG",
    "MONTHS_SHORT",
    "WEEKDAYS_LONG",
    "WEEKDAYS_SHORT",
    "AcademicYear",
    "DateStyle",
    "Era",
    "FiscalYear",
    "ThaiDateError",
    "academic_year",
    "academic_year_bounds",
    "be_to_ce",
    "ce_to_be",
    "fiscal_quarter",
    "fiscal_year",
    "fiscal_year_bounds",
    "format_thai_date",
    "format_thai_datetime",
    "format_thai_time",
    "parse_thai_date",
]

BE_OFFSET = 543
BE_MIN_YEAR = 2484
BE_MAX_YEAR = 2643
BANGKOK = ZoneInfo("Asia/Bangkok")

DateStyle = Literal["long", "short", "numeric"]
Era = Literal["be", "ce"]

MONTHS_LONG: tuple[str, ...] = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
MONTHS_SHORT: tuple[str, ...] = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)
# Indexed like date.weekday(): Monday is 0.
WEEKDAYS_LONG: tuple[str, ...] = (
    "จันทร์",
    "อังคาร",
    "พุธ",
    "พฤหัสบดี",
    "ศุกร์",
    "เสาร์",
    "อาทิตย์",
)
WEEKDAYS_SHORT: tuple[str, ...] = ("จ.", "อ.", "พ.", "พฤ.", "ศ.", "ส.", "อา.")

# Colloquial month names ("ตุลา") and the very common misspelling กรกฏาคม (ฏ for ฎ)
# are accepted on input; output always uses the Royal Institute spelling.
_MONTHS_COLLOQUIAL: tuple[str, ...] = (
    "มกรา",
    "กุมภา",
    "มีนา",
    "เมษา",
    "พฤษภา",
    "มิถุนา",
    "กรกฎา",
    "สิงหา",
    "กันยา",
    "ตุลา",
    "พฤศจิกา",
    "ธันวา",
)


def _month_key(token: str) -> str:
    # Abbreviations are typed as "ต.ค.", "ต.ค", "ตค", "ต. ค." — compare without dots/spaces.
    return token.replace(".", "").replace(" ", "")


_MONTH_LOOKUP: dict[str, int] = {}
for _i, (_long, _short, _coll) in enumerate(
    zip(MONTHS_LONG, MONTHS_SHORT, _MONTHS_COLLOQUIAL, strict=True), start=1
):
    _MONTH_LOOKUP[_month_key(_long)] = _i
    _MONTH_LOOKUP[_month_key(_short)] = _i
    _MONTH_LOOKUP[_month_key(_coll)] = _i
_MONTH_LOOKUP["กรกฏาคม"] = 7
_MONTH_LOOKUP["กรกฏา"] = 7

_WEEKDAY_LOOKUP: dict[str, int] = {}
for _i, (_long, _short) in enumerate(zip(WEEKDAYS_LONG, WEEKDAYS_SHORT, strict=True)):
    _WEEKDAY_LOOKUP[_long] = _i
    _WEEKDAY_LOOKUP[_month_key(_short)] = _i
_WEEKDAY_LOOKUP["พฤหัส"] = 3

_FORMAT_HINT = "กรุณากรอกวันที่เป็น วว/ดด/ปปปป (ปี พ.ศ.) เช่น 05/10/2568 หรือ 5 ต.ค. 2568"

# An optional leading day name: "วันอาทิตย์ที่ 5 …", "วันที่ 5 …", "อา. 5 …", "อาทิตย์ 5 …".
_WEEKDAY_NAMES = "|".join(
    sorted((re.escape(w) for w in (*WEEKDAYS_LONG, "พฤหัส")), key=len, reverse=True)
)
_WEEKDAY_ABBR = "|".join(sorted((re.escape(w) for w in WEEKDAYS_SHORT), key=len, reverse=True))
_PREFIX = re.compile(
    rf"^(?:วัน\s*(?P<wd_long>{_WEEKDAY_NAMES})?\s*(?:ที่)?"
    rf"|(?P<wd_bare>{_WEEKDAY_NAMES})\s*(?:ที่)?"
    rf"|(?P<wd_abbr>{_WEEKDAY_ABBR}))\s*(?=[0-9])"
)
_ERA = r"(?P<era>พ\.?\s*ศ\.?|ค\.?\s*ศ\.?)"
_NUMERIC = re.compile(
    rf"^(?P<d>[0-9]{{1,2}})\s*(?P<sep>[/.\-])\s*(?P<m>[0-9]{{1,2}})\s*(?P=sep)\s*"
    rf"(?:{_ERA}\s*)?(?P<y>[0-9]+)$"
)
# ddmmyyyy without separators: phone keypads (inputmode="numeric") have no "/" key.
_COMPACT = re.compile(r"^(?P<d>[0-9]{2})(?P<m>[0-9]{2})(?P<y>[0-9]{4})$")
_TEXTUAL = re.compile(
    rf"^(?P<d>[0-9]{{1,2}})\s*(?P<m>[^\s0-9][^0-9]*?)\s*(?:{_ERA}\s*)?(?P<y>[0-9]+)$"
)


class ThaiDateError(ValueError):
    """A date could not be read. ``message`` is Thai and fit to show to the user;
    ``code`` is stable (used as the Django ``ValidationError`` code)."""

    def __init__(self, message: str, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


# --------------------------------------------------------------------------- conversions


def ce_to_be(year: int) -> int:
    """Gregorian (CE) year → Buddhist Era year: 2025 → 2568."""
    return year + BE_OFFSET


def be_to_ce(year: int) -> int:
    """Buddhist Era year → Gregorian (CE) year: 2568 → 2025."""
    return year - BE_OFFSET


def _year_in(year_ce: int, era: Era) -> int:
    if era == "be":
        return ce_to_be(year_ce)
    if era == "ce":
        return year_ce
    raise ValueError(f"era must be 'be' or 'ce', not {era!r}")


def _year_to_ce(year: int, era: Era) -> int:
    if era == "be":
        return be_to_ce(year)
    if era == "ce":
        return year
    raise ValueError(f"era must be 'be' or 'ce', not {era!r}")


# ----------------------------------------------------------------------------- formatting


def format_thai_date(
    value: date,
    style: DateStyle = "long",
    *,
    thai_digits: bool | None = None,
    weekday: bool = False,
    era: bool = False,
) -> str:
    """Format a date with a Buddhist Era year.

    ========  ==============================  ==========================
    style     default                         ``weekday=True``
    ========  ==============================  ==========================
    long      ``๕ ตุลาคม ๒๕๖๘``               ``วันอาทิตย์ที่ ๕ ตุลาคม ๒๕๖๘``
    short     ``5 ต.ค. 2568``                 ``อา. 5 ต.ค. 2568``
    numeric   ``05/10/2568``                  ``อา. 05/10/2568``
    ========  ==============================  ==========================

    ``thai_digits`` defaults to True for the long style (as in official letters) and
    False otherwise. ``era=True`` inserts "พ.ศ." before the year (long and short only).
    A ``datetime`` is formatted by its date part as given; use
    :func:`format_thai_datetime` to convert time zones.
    """
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        raise TypeError(f"expected a date, got {type(value).__name__}")
    if thai_digits is None:
        thai_digits = style == "long"
    year = ce_to_be(value.year)
    era_text = "พ.ศ. " if era else ""
    if style == "long":
        text = f"{value.day} {MONTHS_LONG[value.month - 1]} {era_text}{year}"
        if weekday:
            text = f"วัน{WEEKDAYS_LONG[value.weekday()]}ที่ {text}"
    elif style == "short":
        text = f"{value.day} {MONTHS_SHORT[value.month - 1]} {era_text}{year}"
        if weekday:
            text = f"{WEEKDAYS_SHORT[value.weekday()]} {text}"
    elif style == "numeric":
        text = f"{value.day:02d}/{value.month:02d}/{year:04d}"
        if weekday:
            text = f"{WEEKDAYS_SHORT[value.weekday()]} {text}"
    else:
        raise ValueError(f"style must be 'long', 'short' or 'numeric', not {style!r}")
    return to_thai_digits(text) if thai_digits else text


def format_thai_time(
    value: datetime, *, thai_digits: bool = False, seconds: bool = False, sep: str = ":"
) -> str:
    """``14:30 น.`` (24-hour clock, zero-padded, "น." = นาฬิกา).

    Official letters conventionally write ``14.30 น.`` (Royal Institute usage): pass
    ``sep="."``.
    """
    text = f"{value.hour:02d}{sep}{value.minute:02d}"
    if seconds:
        text += f"{sep}{value.second:02d}"
    text += " น."
    return to_thai_digits(text) if thai_digits else text


def format_thai_datetime(
    value: datetime,
    style: DateStyle = "short",
    *,
    thai_digits: bool | None = None,
    weekday: bool = False,
    era: bool = False,
    seconds: bool = False,
    time_sep: str = ":",
    tz: tzinfo | None = BANGKOK,
) -> str:
    """``5 ต.ค. 2568 14:30 น.``; the long style reads ``๕ ตุลาคม ๒๕๖๘ เวลา ๑๔:๓๐ น.``.

    An aware datetime is first converted to ``tz`` (Asia/Bangkok by default, so a UTC
    timestamp from the database shows Thai wall-clock time); a naive one is shown as is.
    """
    if not isinstance(value, datetime):
        raise TypeError(f"expected a datetime, got {type(value).__name__}")
    if value.tzinfo is not None and tz is not None:
        value = value.astimezone(tz)
    if thai_digits is None:
        thai_digits = style == "long"
    day = format_thai_date(value.date(), style, thai_digits=thai_digits, weekday=weekday, era=era)
    time = format_thai_time(value, thai_digits=thai_digits, seconds=seconds, sep=time_sep)
    joiner = " เวลา " if style == "long" else " "
    return f"{day}{joiner}{time}"


# -------------------------------------------------------------------------------- parsing


def _check_year(year_text: str, era_text: str | None, min_year: int, max_year: int) -> int:
    year = int(year_text)
    if era_text is not None and _month_key(era_text) == "คศ":
        raise ThaiDateError(
            f"กรุณากรอกปีเป็น พ.ศ. ไม่ใช่ ค.ศ. (ค.ศ. {year} คือ พ.ศ. {ce_to_be(year)})",
            code="gregorian_year",
        )
    if len(year_text) <= 2:
        raise ThaiDateError(
            f"กรุณากรอกปี พ.ศ. ให้ครบ 4 หลัก เช่น 25{year:02d} (ไม่ใช่ {year_text})",
            code="short_year",
        )
    if be_to_ce(min_year) <= year <= be_to_ce(max_year):
        raise ThaiDateError(
            f"ปี {year} เป็นปี ค.ศ. กรุณากรอกปี พ.ศ. (ค.ศ. {year} คือ พ.ศ. {ce_to_be(year)})",
            code="gregorian_year",
        )
    if not min_year <= year <= max_year:
        raise ThaiDateError(
            f"ปี พ.ศ. {year} อยู่นอกช่วงที่รับได้ (พ.ศ. {min_year}–{max_year})",
            code="year_out_of_range",
        )
    return year


def _build_date(day: int, month: int, year_be: int) -> date:
    if not 1 <= month <= 12:
        raise ThaiDateError(f"ไม่มีเดือนที่ {month} (เดือนต้องอยู่ระหว่าง 1–12)", code="invalid_month")
    year_ce = be_to_ce(year_be)
    days_in_month = calendar.monthrange(year_ce, month)[1]
    if day == 29 and month == 2 and days_in_month == 28:
        raise ThaiDateError(
            f"ปี พ.ศ. {year_be} ไม่มีวันที่ 29 กุมภาพันธ์ "
            f"(ปี ค.ศ. {year_ce} ไม่ใช่ปีอธิกสุรทิน เดือนกุมภาพันธ์มี 28 วัน)",
            code="not_leap_year",
        )
    if not 1 <= day <= days_in_month:
        raise ThaiDateError(
            f"ไม่มีวันที่ {day} ในเดือน{MONTHS_LONG[month - 1]} {year_be} (เดือนนี้มี {days_in_month} วัน)",
            code="invalid_day",
        )
    return date(year_ce, month, day)


def parse_thai_date(
    text: str,
    *,
    min_year: int = BE_MIN_YEAR,
    max_year: int = BE_MAX_YEAR,
) -> date:
    """Parse a date with a Buddhist Era year, strictly.

    Accepted (Thai or Arabic digits, any amount of spaces):

    * numeric ``05/10/2568``, ``5/10/2568``, ``5-10-2568``, ``5.10.2568``, and
      ``05102568`` (exactly eight digits, for phone keypads without a "/" key);
    * long ``5 ตุลาคม 2568``, short ``5 ต.ค. 2568`` / ``5 ต.ค.2568`` / ``5 ตค 2568``,
      colloquial ``5 ตุลา 2568``;
    * an optional ``พ.ศ.`` before the year; an optional leading ``วันที่``,
      ``วันอาทิตย์ที่`` or ``อา.`` — a day name that contradicts the date is an error.

    Everything else raises :class:`ThaiDateError` with a Thai message: two-digit years,
    CE years (with the BE year suggested), years outside ``min_year``–``max_year``,
    impossible days and months, 29 February in a common year.
    """
    original = clean_spaces(str(text))
    if not original:
        raise ThaiDateError("กรุณากรอกวันที่", code="required")
    value = to_arabic_digits(original)

    expected_weekday: int | None = None
    prefix = _PREFIX.match(value)
    if prefix is not None:
        name = prefix.group("wd_long") or prefix.group("wd_bare") or prefix.group("wd_abbr")
        if name is not None:
            expected_weekday = _WEEKDAY_LOOKUP[_month_key(name)]
        value = value[prefix.end() :]

    numeric = _NUMERIC.match(value) or _COMPACT.match(value)
    if numeric is not None:
        day, month = int(numeric.group("d")), int(numeric.group("m"))
        year_text = numeric.group("y")
        era_text = numeric.groupdict().get("era")
    else:
        textual = _TEXTUAL.match(value)
        if textual is None:
            raise ThaiDateError(f"อ่านวันที่ “{original}” ไม่ได้ {_FORMAT_HINT}", code="invalid")
        day = int(textual.group("d"))
        month_token = textual.group("m")
        month_found = _MONTH_LOOKUP.get(_month_key(month_token))
        if month_found is None:
            raise ThaiDateError(
                f"ไม่รู้จักชื่อเดือน “{month_token}” กรุณาใช้ชื่อเดือนเต็ม เช่น ตุลาคม หรือชื่อย่อ เช่น ต.ค.",
                code="invalid_month",
            )
        month = month_found
        year_text, era_text = textual.group("y"), textual.group("era")

    year = _check_year(year_text, era_text, min_year, max_year)
    result = _build_date(day, month, year)
    if expected_weekday is not None and expected_weekday != result.weekday():
        raise ThaiDateError(
            f"วันที่ {day} {MONTHS_LONG[month - 1]} {year} ตรงกับวัน"
            f"{WEEKDAYS_LONG[result.weekday()]} ไม่ใช่วัน{WEEKDAYS_LONG[expected_weekday]}",
            code="weekday_mismatch",
        )
    return result


# ----------------------------------------------------------------- fiscal and academic year


@dataclass(frozen=True, slots=True)
class FiscalYear:
    """A Thai government fiscal year (ปีงบประมาณ): 1 October – 30 September."""

    year: int
    era: Era
    start: date
    end: date

    def __str__(self) -> str:
        return f"ปีงบประมาณ {'พ.ศ.' if self.era == 'be' else 'ค.ศ.'} {self.year}"


@dataclass(frozen=True, slots=True)
class AcademicYear:
    """A Thai academic year (ปีการศึกษา), named after the year in which it starts."""

    year: int
    era: Era
    start: date
    end: date

    def __str__(self) -> str:
        return f"ปีการศึกษา {self.year}" if self.era == "be" else f"ปีการศึกษา ค.ศ. {self.year}"


def fiscal_year(value: date, *, era: Era = "be") -> int:
    """The fiscal year a date falls in, named after its end: 1 Oct 2025 → 2569 (BE)."""
    year_ce = value.year + 1 if value.month >= 10 else value.year
    return _year_in(year_ce, era)


def fiscal_year_bounds(year: int, *, era: Era = "be") -> FiscalYear:
    """First and last day of a fiscal year: 2569 BE → 1 Oct 2025 – 30 Sep 2026."""
    end_ce = _year_to_ce(year, era)
    return FiscalYear(year=year, era=era, start=date(end_ce - 1, 10, 1), end=date(end_ce, 9, 30))


def fiscal_quarter(value: date) -> int:
    """Quarter (ไตรมาส) 1–4 of the fiscal year: Oct–Dec is 1, Jul–Sep is 4.

    KPI reporting rounds (6 and 12 months) end with quarters 2 and 4.
    """
    return ((value.month - 10) % 12) // 3 + 1


def _check_start(start: tuple[int, int]) -> None:
    # 2001 is a common year: a 29 February boundary would not exist in most years.
    try:
        date(2001, *start)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"academic year start must be a (month, day) pair, not {start!r}") from exc


def academic_year(value: date, *, start: tuple[int, int] = (5, 16), era: Era = "be") -> int:
    """The academic year a date falls in (see the module docstring for the 16 May choice)."""
    month, day = start
    _check_start(start)
    year_ce = value.year if (value.month, value.day) >= (month, day) else value.year - 1
    return _year_in(year_ce, era)


def academic_year_bounds(
    year: int, *, start: tuple[int, int] = (5, 16), era: Era = "be"
) -> AcademicYear:
    """First and last day of an academic year: 2568 BE → 16 May 2025 – 15 May 2026."""
    _check_start(start)
    month, day = start
    start_ce = _year_to_ce(year, era)
    first = date(start_ce, month, day)
    following = date(start_ce + 1, month, day)
    return AcademicYear(
        year=year, era=era, start=first, end=date.fromordinal(following.toordinal() - 1)
    )
