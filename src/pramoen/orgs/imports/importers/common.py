"""What the three importers share: chunked id lists, BE years, per-row problem collection,
the organization code map."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from pramoen.orgs.enums import (
    OrganizationKind,
)
from pramoen.orgs.imports.engine import (
    Importer,
    RowProblems,
)
from pramoen.orgs.models import (
    Organization,
)
from pramoen.thai import (
    ThaiDateError,
    ThaiNationalIDError,
    ThaiNumberError,
    parse_int,
)

CHUNK = 900  # below SQLite's default limit on query parameters
CODE_WIDTHS = {"smis_code": 8, "obec_code": 6}  # unique when present, checked file-wide


def chunks(items: list[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def parse_year(value: str, label: str = "ปีการศึกษา") -> int:
    try:
        year = parse_int(value)
    except ThaiNumberError as exc:
        raise ValueError(exc.message) from exc
    if 1941 <= year <= 2100:
        raise ValueError(f"{label}ต้องเป็นปี พ.ศ. (กรอก {year} หมายถึง {year + 543} หรือไม่)")
    if not 2484 <= year <= 2643:
        raise ValueError(f"{label} {year} อยู่นอกช่วงที่ระบบรับ (2484–2643)")
    return year


def shown(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


class Collector:
    """Collects (column, value, message) for one row and raises them together."""

    def __init__(self, importer: Importer) -> None:
        self.problems: list[tuple[str, str, str]] = []
        self.headers = {c.key: c.header for c in importer.columns}

    def run(self, key: str, value: str, parse: Any) -> Any:
        try:
            return parse(value)
        except (ValueError, ThaiNumberError, ThaiDateError, ThaiNationalIDError) as exc:
            message = getattr(exc, "message", None) or str(exc)
            self.problems.append((self.headers[key], value, message))
            return None

    def add(self, key: str, value: str, message: str) -> None:
        self.problems.append((self.headers[key], value, message))

    def raise_if_any(self) -> None:
        if self.problems:
            raise RowProblems(self.problems)


def required(value: str, label: str) -> str:
    if not value:
        raise ValueError(f"กรุณากรอก{label}")
    return value


def organization_codes() -> tuple[dict[str, int], dict[int, int]]:
    """(code → id, id → its ESA's id) for schools and ESAs."""
    codes: dict[str, int] = {}
    esa_of: dict[int, int] = {}
    for pk, code, kind, parent_id in Organization.objects.filter(
        kind__in=[OrganizationKind.SCHOOL, OrganizationKind.ESA]
    ).values_list("id", "code", "kind", "parent_id"):
        codes[code] = pk
        esa_of[pk] = pk if kind == OrganizationKind.ESA else parent_id
    return codes, esa_of
