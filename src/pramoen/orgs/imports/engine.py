"""The import pipeline shared by schools, people and O-NET files.

read (``reading``) → map Thai headers → parse every row, collecting row-level Thai errors →
reject duplicates inside the file → plan against the database (create / update / unchanged) →
commit all of it in one transaction, or nothing. Re-importing the same file plans 0 changes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.models import Model, QuerySet
from django.utils import timezone

from pramoen.core.models import AuditEvent
from pramoen.core.services import audit_record
from pramoen.orgs.imports.reading import Table
from pramoen.thai.digits import clean_spaces, to_arabic_digits

Progress = Callable[[str, int, int], None]
PROGRESS_EVERY = 2000


NOT_YOUR_ESA = "ท่านไม่มีสิทธิ์นำเข้าหรือแก้ไขข้อมูลของเขตพื้นที่อื่น"

COUNT_LABELS = {
    "schools_created": "โรงเรียนที่เพิ่มใหม่",
    "schools_updated": "โรงเรียนที่แก้ไข",
    "schools_unchanged": "โรงเรียนที่ไม่เปลี่ยนแปลง",
    "networks_created": "กลุ่มโรงเรียนที่เพิ่มใหม่",
    "enrollments_created": "จำนวนนักเรียนรายปีที่เพิ่มใหม่",
    "enrollments_updated": "จำนวนนักเรียนรายปีที่แก้ไข",
    "people_created": "บุคลากรที่เพิ่มใหม่",
    "people_updated": "บุคลากรที่แก้ไข",
    "people_unchanged": "บุคลากรที่ไม่เปลี่ยนแปลง",
    "onet_created": "คะแนน O-NET ที่เพิ่มใหม่",
    "onet_updated": "คะแนน O-NET ที่แก้ไข",
    "onet_unchanged": "คะแนน O-NET ที่ไม่เปลี่ยนแปลง",
}


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    header: str  # Thai header as in the template
    required: bool = False
    example: str = ""
    help: str = ""
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RowError:
    line: int  # spreadsheet line: the header is line 1, the first data row line 2
    column: str  # Thai header ("" for the whole row)
    value: str
    message: str


class RowProblems(Exception):
    def __init__(self, problems: list[tuple[str, str, str]]) -> None:
        super().__init__(problems)
        self.problems = problems  # (column header, value, Thai message)


@dataclass
class Change:
    label: str  # what changed, for people: "school 1234567890 โรงเรียน…"
    before: dict[str, Any]
    after: dict[str, Any]


@dataclass
class Report:
    kind: str
    total_rows: int = 0
    file_errors: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)  # a sample for the preview
    committed: bool = False

    @property
    def ok(self) -> bool:
        return not self.file_errors and not self.errors

    @property
    def change_count(self) -> int:
        return sum(v for k, v in self.counts.items() if not k.endswith("unchanged"))

    def labelled_counts(self) -> list[tuple[str, int]]:
        return [(COUNT_LABELS.get(key, key), value) for key, value in self.counts.items()]

    @property
    def bad_lines(self) -> list[int]:
        return sorted({e.line for e in self.errors})

    def errors_json(self) -> list[dict[str, Any]]:
        return [
            {"line": e.line, "column": e.column, "value": e.value, "message": e.message}
            for e in self.errors
        ]


def normalize_header(text: str) -> str:
    """``"รหัสโรงเรียน (10 หลัก) *"`` → ``"รหัสโรงเรียน"``: hints, stars and spaces dropped."""
    text = re.sub(r"\(.*?\)", "", clean_spaces(text)).replace("*", "")
    return re.sub(r"\s+", "", text).casefold()


def clean_code(value: str) -> str:
    return to_arabic_digits(clean_spaces(value)).replace(" ", "").replace("-", "")


def parse_code(value: str, length: int, label: str) -> str:
    code = clean_code(value)
    if not code.isascii() or not code.isdigit():
        raise ValueError(f"{label}ต้องเป็นตัวเลขเท่านั้น")
    if len(code) != length:
        hint = " (ถ้าเลข 0 นำหน้าหายไป ให้จัดรูปแบบเซลล์เป็นข้อความแล้วพิมพ์ใหม่)" if len(code) < length else ""
        raise ValueError(f"{label}ต้องมี {length} หลัก (พบ {len(code)} หลัก){hint}")
    return code


def choice_lookup(choices: Iterable[tuple[str, Any]], extra: dict[str, str]) -> dict[str, str]:
    """Thai labels, English values and common short forms → stored value."""
    table: dict[str, str] = {}
    for value, label in choices:
        table[normalize_header(str(label))] = value
        table[normalize_header(value)] = value
    for alias, value in extra.items():
        table[normalize_header(alias)] = value
    return table


def parse_choice(value: str, table: dict[str, str], label: str) -> str:
    found = table.get(normalize_header(value))
    if found is None:
        raise ValueError(f"ไม่รู้จัก{label} “{value}”")
    return found


class Importer:
    """One kind of file. Subclasses define the columns and the four steps."""

    kind: str = ""
    title: str = ""
    columns: tuple[Column, ...] = ()

    def __init__(self, *, allowed_esa_ids: Collection[int] | None = None) -> None:
        self.present: set[str] = set()
        # None: every ESA (CLI, system administrators); otherwise the ESAs the user manages.
        self.allowed = None if allowed_esa_ids is None else frozenset(allowed_esa_ids)
        # Set by run_import when committing: plan() then locks the rows it compares against.
        self.lock = False

    def locked(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        """``queryset`` with SELECT … FOR UPDATE when committing (a no-op on SQLite)."""
        return queryset.select_for_update() if self.lock else queryset

    def may_touch(self, esa_id: int | None) -> bool:
        return self.allowed is None or esa_id in self.allowed

    def prepare(self) -> None:
        """Load the lookups parse() needs (ESAs, organizations by code …)."""

    def parse(self, row: dict[str, str]) -> tuple[Any, Any]:
        """One row → (key, record); raise RowProblems for what is wrong."""
        raise NotImplementedError

    def plan(self, records: dict[Any, tuple[int, Any]]) -> tuple[dict[str, int], list[RowError]]:
        """Compare with the database; remember what to write; return counts and row errors."""
        raise NotImplementedError

    def apply(self, *, actor: Any, reason: str) -> None:
        raise NotImplementedError

    def duplicate_message(self, first_line: int) -> str:
        return f"ข้อมูลซ้ำกับแถวที่ {first_line} ในไฟล์เดียวกัน"

    def changes_sample(self) -> list[Change]:
        return []


def map_headers(
    importer: Importer, headers: list[str]
) -> tuple[dict[str, int], list[str], list[str]]:
    """(column key → index, missing required headers, ignored headers)."""
    wanted: dict[str, Column] = {}
    for column in importer.columns:
        wanted[normalize_header(column.header)] = column
        wanted[normalize_header(column.key)] = column
        for alias in column.aliases:
            wanted[normalize_header(alias)] = column
    index: dict[str, int] = {}
    ignored = []
    for position, header in enumerate(headers):
        column = wanted.get(normalize_header(header))
        if column is None or column.key in index:
            if header.strip():
                ignored.append(header)
            continue
        index[column.key] = position
    missing = [c.header for c in importer.columns if c.required and c.key not in index]
    return index, missing, ignored


def run_import(
    importer: Importer,
    table: Table,
    *,
    commit: bool,
    actor: Any = None,
    source_name: str = "",
    progress: Progress | None = None,
) -> Report:
    """Dry-run (``commit=False``) or commit the whole table; never a partial write.

    The table's rows are consumed (emptied) as they are parsed, to keep memory down.
    """
    report = Report(kind=importer.kind, notes=list(table.notes))
    index, missing, ignored = map_headers(importer, table.headers)
    report.ignored_columns = ignored
    if missing:
        report.file_errors.append(
            "ไม่พบคอลัมน์ที่จำเป็น: "
            + ", ".join(missing)
            + " กรุณาใช้แบบฟอร์ม (template) ของระบบ แถวแรกต้องเป็นหัวตาราง"
        )
        return report
    importer.present = set(index)
    importer.prepare()
    records: dict[Any, tuple[int, Any]] = {}
    total = len(table.rows)
    width = len(table.headers)
    rows = table.rows
    for number in range(total):
        # Each raw row is dropped once parsed, so the table and the records are not both held.
        raw, rows[number] = rows[number], []
        line = number + 2
        if progress and number % PROGRESS_EVERY == 0:
            progress("ตรวจข้อมูล", number, total)
        if not any(cell.strip() for cell in raw):
            continue  # blank lines between blocks are common in office sheets
        report.total_rows += 1
        if len(raw) > width and any(cell.strip() for cell in raw[width:]):
            report.errors.append(
                RowError(line, "", "", "แถวนี้มีข้อมูลเกินจำนวนคอลัมน์ของหัวตาราง (อาจมีจุลภาคเกินในข้อความ)")
            )
            continue
        row = {key: clean_spaces(raw[i]) if i < len(raw) else "" for key, i in index.items()}
        try:
            key, record = importer.parse(row)
        except RowProblems as problems:
            report.errors.extend(RowError(line, c, v, m) for c, v, m in problems.problems)
            continue
        if key in records:
            report.errors.append(
                RowError(line, "", "", importer.duplicate_message(records[key][0]))
            )
            continue
        records[key] = (line, record)
    if progress:
        progress("ตรวจข้อมูล", total, total)
    if report.errors:
        report.errors.sort(key=lambda e: e.line)
        return report
    if not commit:
        plan_errors = _plan(importer, records, report)
        if plan_errors:
            report.errors = plan_errors
        return report
    reason = f"นำเข้าไฟล์ {source_name}".strip()
    # Plan and write in one transaction, the compared rows locked, so an edit made meanwhile
    # is neither overwritten unseen nor recorded with a stale "before" in the audit trail.
    with transaction.atomic():
        importer.lock = True
        plan_errors = _plan(importer, records, report)
        if plan_errors:
            report.errors = plan_errors
            return report
        importer.apply(actor=actor, reason=reason)
        audit_record(
            actor=actor,
            action=f"orgs.import_{importer.kind}",
            target_type="orgs.import",
            target_id=source_name[:64],
            after={"rows": report.total_rows, **report.counts},
            reason=reason,
        )
    report.committed = True
    if progress:
        progress("บันทึก", total, total)
    return report


def _plan(
    importer: Importer,
    records: dict[Any, tuple[int, Any]],
    report: Report,
) -> list[RowError]:
    """Run ``importer.plan``; fill the report's counts and preview, or return the row errors.

    No progress is reported from here: inside the commit's transaction a progress write would
    be invisible to the polling page and would hold a lock on the batch row.
    """
    counts, errors = importer.plan(records)
    if errors:
        return sorted(errors, key=lambda e: e.line)
    report.counts = counts
    report.changes = importer.changes_sample()
    return []


def audit_rows(
    *,
    actor: Any,
    action: str,
    target_type: str,
    items: Iterable[tuple[Any, str, dict[str, Any] | None, dict[str, Any]]],
    reason: str,
) -> None:
    """Bulk-insert one audit row per changed object: (target id, repr, before, after)."""
    actor_obj = actor if getattr(actor, "is_authenticated", False) else None
    actor_repr = (actor_obj.get_username() if actor_obj else "system")[:255]
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    actor_id = actor_obj.pk if actor_obj else None

    def as_json(value: dict[str, Any] | None) -> str | None:
        return None if value is None else json.dumps(value, cls=DjangoJSONEncoder)

    fast_insert(
        AuditEvent,
        [
            "occurred_at",
            "actor",
            "actor_repr",
            "action",
            "target_type",
            "target_id",
            "target_repr",
            "before",
            "after",
            "reason",
        ],
        (
            (
                now,
                actor_id,
                actor_repr,
                action,
                target_type,
                str(target_id),
                target_repr[:255],
                as_json(before),
                as_json(after),
                reason,
            )
            for target_id, target_repr, before, after in items
        ),
    )


def fast_insert(model: type[Model], fields: list[str], rows: Iterable[tuple[Any, ...]]) -> None:
    """INSERT rows of values already in database form with ``executemany``, in batches.

    The ORM's bulk_create spends most of an import building and preparing model instances;
    imports insert tens of thousands of plain rows, so they go straight to the cursor. Callers
    pass every NOT NULL column, computed fields included (``name_sort``).
    """
    quote = connection.ops.quote_name
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    marks = ", ".join(["%s"] * len(fields))
    # Table and column names come from model metadata and are quoted; values are parameters.
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608
    iterator = iter(rows)
    with connection.cursor() as cursor:
        while batch := list(islice(iterator, 2000)):
            cursor.executemany(sql, batch)
