"""Thai conventions used everywhere in Pramoen — a pure module (no Django import).

* :mod:`~pramoen.thai.dates` — Buddhist Era dates, fiscal year (Oct–Sep), academic year;
* :mod:`~pramoen.thai.digits` — Thai ↔ Arabic digits, strict number parsing;
* :mod:`~pramoen.thai.collation` — Thai dictionary order for names and schools;
* :mod:`~pramoen.thai.national_id` — 13-digit national ID (python-stdnum);
* :mod:`~pramoen.thai.names` — prefixes (คำนำหน้านาม) and name formatting.

Every parsing error is a ``ValueError`` subclass with a Thai ``message`` and a stable
``code``, so forms can show it as is.
"""

from pramoen.thai.collation import strip_school_prefix, thai_sort_key, thai_sorted
from pramoen.thai.dates import (
    BE_MAX_YEAR,
    BE_MIN_YEAR,
    AcademicYear,
    FiscalYear,
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
    format_thai_time,
    parse_thai_date,
)
from pramoen.thai.digits import (
    ThaiNumberError,
    normalize_number,
    parse_decimal,
    parse_int,
    to_arabic_digits,
    to_thai_digits,
)
from pramoen.thai.names import format_person_name, split_prefix, strip_prefix
from pramoen.thai.national_id import (
    ThaiNationalIDError,
    format_national_id,
    is_valid_national_id,
    mask_national_id,
    normalize_national_id,
    validate_national_id,
)

__all__ = [
    "BE_MAX_YEAR",
    "BE_MIN_YEAR",
    "AcademicYear",
    "FiscalYear",
    "ThaiDateError",
    "ThaiNationalIDError",
    "ThaiNumberError",
    "academic_year",
    "academic_year_bounds",
    "be_to_ce",
    "ce_to_be",
    "fiscal_quarter",
    "fiscal_year",
    "fiscal_year_bounds",
    "format_national_id",
    "format_person_name",
    "format_thai_date",
    "format_thai_datetime",
    "format_thai_time",
    "is_valid_national_id",
    "mask_national_id",
    "normalize_national_id",
    "normalize_number",
    "parse_decimal",
    "parse_int",
    "parse_thai_date",
    "split_prefix",
    "strip_prefix",
    "strip_school_prefix",
    "thai_sort_key",
    "thai_sorted",
    "to_arabic_digits",
    "to_thai_digits",
    "validate_national_id",
]
