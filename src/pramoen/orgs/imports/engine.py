"""The import pipeline shared by schools, people and O-NET files.

read (``reading``, rows streamed from the reader child) → map Thai headers → parse rows,
collecting row-level Thai errors and rejecting keys seen earlier in the file → every
:data:`BATCH_ROWS` parsed rows, plan that batch against the database (create / update /
unchanged) and, when committing, write it → file-wide checks at the end. A commit runs inside
one transaction that is rolled back if any row anywhere is bad: all or nothing. Re-importing
the same file plans 0 changes.

Memory stays flat in the number of rows: only one batch of parsed rows is held, plus the keys
seen so far (``Importer.lines``: key → first line, about 16 bytes a row for numeric keys, see
:class:`IntLines`) and what an importer needs for file-wide checks (schools: SMIS/Percode →
line, and each line's codes). Row errors are kept in
full up to :data:`MAX_ERRORS_KEPT`; past that only counted.
"""

from __future__ import annotations

import heapq
import json
import re
from array import array
from bisect import bisect_left
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, cast

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.models import Field, Model, QuerySet
from django.utils import timezone

from pramoen.core import audit_chain
from pramoen.core.models import AuditEvent
from pramoen.core.services import audit_record
from pramoen.core.types import User
from pramoen.orgs.imports.reading import ImportFileError, Table, TableStream
from pramoen.thai.digits import clean_spaces, to_arabic_digits

Progress = Callable[[str, int, int], None]
PROGRESS_EVERY = 2000
BATCH_ROWS = 2000  # parsed rows planned (and written) together
MAX_ERRORS_KEPT = 1000  # row errors kept in full; the rest are counted
SAMPLE = 50  # changes shown in the preview


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


class IntLines:
    """int key → line number in about 16 bytes an entry (a dict takes ~100 with its int objects).

    Keys live in two sorted arrays searched by bisection, plus a dict of the latest keys that is
    merged in when it reaches a quarter of the arrays (so merges stay few and cheap). Keys are
    only added, never changed: ``lines[key] = line`` for a key not yet present.
    """

    def __init__(self) -> None:
        self._keys = array("q")
        self._lines = array("q")
        self._recent: dict[int, int] = {}

    def __len__(self) -> int:
        return len(self._keys) + len(self._recent)

    def get(self, key: int) -> int | None:
        found = self._recent.get(key)
        if found is not None:
            return found
        at = bisect_left(self._keys, key)
        if at < len(self._keys) and self._keys[at] == key:
            return self._lines[at]
        return None

    def __setitem__(self, key: int, line: int) -> None:
        self._recent[key] = line
        if len(self._recent) >= max(4096, len(self._keys) // 4):
            self._merge()

    def _merge(self) -> None:
        keys, lines = array("q"), array("q")
        for key, line in heapq.merge(
            zip(self._keys, self._lines, strict=True), sorted(self._recent.items())
        ):
            keys.append(key)
            lines.append(line)
        self._keys, self._lines, self._recent = keys, lines, {}


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
    errors_omitted: int = 0  # row errors past MAX_ERRORS_KEPT: counted, not kept
    bad_line_count: int = 0  # rows with at least one error, kept or not

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
        """Lines of the kept errors (see ``bad_line_count`` for all of them)."""
        return sorted({e.line for e in self.errors})

    @property
    def error_count(self) -> int:
        return len(self.errors) + self.errors_omitted

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
        # File-wide: compact key → line of the first row with it (duplicates across batches);
        # an importer whose keys are numbers swaps in an IntLines.
        self.lines: dict[Any, int] | IntLines = {}
        # Set by plan() when the file will fail however later rows turn out (a code clash
        # resolved in finish()): no batch may be written from then on.
        self.blocked = False
        self.sample_creates: list[Change] = []
        self.sample_updates: list[Change] = []

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

    def compact_key(self, key: Any) -> Any:
        """The form kept in ``lines`` for every row of the file: make it small."""
        return key

    def plan(self, records: dict[Any, tuple[int, Any]]) -> tuple[dict[str, int], list[RowError]]:
        """Compare one batch with the database; remember what to write; return the batch's
        counts and row errors."""
        raise NotImplementedError

    def apply(self, *, actor: User | None, reason: str) -> None:
        """Write the batch last planned."""
        raise NotImplementedError

    def finish(self) -> list[RowError]:
        """File-wide checks once every row has been planned; row errors or []."""
        return []

    def keep_sample(self, creates: Iterable[Change], updates: Iterable[Change]) -> None:
        """Top up the preview's sample (the first changes of the file) from one batch."""
        for kept, new in ((self.sample_creates, creates), (self.sample_updates, updates)):
            for change in islice(new, max(0, SAMPLE // 2 - len(kept))):
                kept.append(change)

    def duplicate_message(self, first_line: int) -> str:
        return f"ข้อมูลซ้ำกับแถวที่ {first_line} ในไฟล์เดียวกัน"

    def changes_sample(self) -> list[Change]:
        return self.sample_creates + self.sample_updates


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
        found = wanted.get(normalize_header(header))
        if found is None or found.key in index:
            if header.strip():
                ignored.append(header)
            continue
        index[found.key] = position
    missing = [c.header for c in importer.columns if c.required and c.key not in index]
    return index, missing, ignored


class _Rollback(Exception):
    """Raised inside the commit's transaction when any row is bad: nothing is kept."""


class _Errors:
    """Row errors, the first MAX_ERRORS_KEPT in full, the rest counted."""

    def __init__(self) -> None:
        self.kept: list[RowError] = []
        self.omitted = 0
        self.bad_lines = 0

    def __bool__(self) -> bool:
        return bool(self.kept) or self.omitted > 0

    def add(self, errors: list[RowError]) -> None:
        """``errors`` of rows not reported before (one row, or one batch, or the file's end)."""
        self.bad_lines += len({e.line for e in errors})
        room = max(0, MAX_ERRORS_KEPT - len(self.kept))
        self.kept += errors[:room]
        self.omitted += max(0, len(errors) - room)


def _table_rows(table: Table | TableStream) -> Iterator[list[str]]:
    if isinstance(table, TableStream):
        yield from table.rows
        return
    rows = table.rows
    for number in range(len(rows)):
        # Each raw row is dropped once handed out, so the table and the batch are not both held.
        raw, rows[number] = rows[number], []
        yield raw


def run_import(
    importer: Importer,
    table: Table | TableStream,
    *,
    commit: bool,
    actor: User | None = None,
    source_name: str = "",
    progress: Progress | None = None,
) -> Report:
    """Dry-run (``commit=False``) or commit the whole table; never a partial write.

    A :class:`Table`'s rows are consumed (emptied) as they are parsed, to keep memory down; a
    :class:`TableStream`'s are read one at a time. Batches are planned, and on commit written,
    as they fill; a commit happens in one transaction, rolled back if any row is bad.
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
    total = table.row_count if isinstance(table, TableStream) else len(table.rows)
    parse_errors, plan_errors = _Errors(), _Errors()
    reason = f"นำเข้าไฟล์ {source_name}".strip()
    counts: dict[str, int] = {}

    def flush(batch: dict[Any, tuple[int, Any]], *, last: bool = False) -> None:
        if parse_errors or not (batch or (last and not counts)):
            return  # a row that cannot be read fails the file: planning it is wasted work
        batch_counts, errors = importer.plan(batch)
        if errors:
            plan_errors.add(sorted(errors, key=lambda e: e.line))
            return
        for key, value in batch_counts.items():
            counts[key] = counts.get(key, 0) + value
        if commit and not plan_errors and not importer.blocked:
            importer.apply(actor=actor, reason=reason)

    def run() -> None:
        width = len(table.headers)
        batch: dict[Any, tuple[int, Any]] = {}
        for number, raw in enumerate(_table_rows(table)):
            line = number + 2
            if progress and number % PROGRESS_EVERY == 0:
                progress("ตรวจข้อมูล", number, total)
            if not any(cell.strip() for cell in raw):
                continue  # blank lines between blocks are common in office sheets
            report.total_rows += 1
            if len(raw) > width and any(cell.strip() for cell in raw[width:]):
                message = "แถวนี้มีข้อมูลเกินจำนวนคอลัมน์ของหัวตาราง (อาจมีจุลภาคเกินในข้อความ)"
                parse_errors.add([RowError(line, "", "", message)])
                continue
            row = {key: clean_spaces(raw[i]) if i < len(raw) else "" for key, i in index.items()}
            try:
                key, record = importer.parse(row)
            except RowProblems as problems:
                parse_errors.add([RowError(line, c, v, m) for c, v, m in problems.problems])
                continue
            compact = importer.compact_key(key)
            first = importer.lines.get(compact)
            if first is not None:
                parse_errors.add([RowError(line, "", "", importer.duplicate_message(first))])
                continue
            importer.lines[compact] = line
            batch[key] = (line, record)
            if len(batch) >= BATCH_ROWS:
                flush(batch)
                batch = {}
        flush(batch, last=True)  # an empty file is planned too, for its zero counts
        if progress:
            progress("ตรวจข้อมูล", total, total)
        if not parse_errors:
            plan_errors.add(sorted(importer.finish(), key=lambda e: e.line))
        if parse_errors or plan_errors:
            raise _Rollback

    try:
        if commit:
            # Plan and write in one transaction, the compared rows locked, so an edit made
            # meanwhile is neither overwritten unseen nor recorded with a stale "before" in the
            # audit trail, and a bad row in a later batch undoes the batches already written.
            with transaction.atomic():
                importer.lock = True
                run()
                audit_record(
                    actor=actor,
                    action=f"orgs.import_{importer.kind}",
                    target_type="orgs.import",
                    target_id=source_name[:64],
                    after={"rows": report.total_rows, **counts},
                    reason=reason,
                )
            report.committed = True
        else:
            run()
    except _Rollback:
        # Only the errors of the first stage that failed, as a file is fixed stage by stage.
        errors = parse_errors or plan_errors
        report.errors = sorted(errors.kept, key=lambda e: e.line)
        report.errors_omitted = errors.omitted
        report.bad_line_count = errors.bad_lines
        if errors.omitted:
            report.notes.append(
                f"พบข้อผิดพลาดทั้งหมด {report.error_count:,} รายการใน {errors.bad_lines:,} แถว "
                f"แสดงเฉพาะ {len(report.errors):,} รายการแรก"
            )
        return report
    except ImportFileError as exc:  # the reader child failed part-way through the file
        report.file_errors.append(exc.message)
        report.total_rows = 0
        return report
    report.counts = counts
    report.changes = importer.changes_sample()
    if progress and commit:
        progress("บันทึก", total, total)
    return report


def audit_rows(
    *,
    actor: User | None,
    action: str,
    target_type: str,
    items: Iterable[tuple[Any, str, dict[str, Any] | None, dict[str, Any]]],
    reason: str,
) -> None:
    """Bulk-insert one audit row per changed object: (target id, repr, before, after).

    Each row is chained to the one before it (``core.audit_chain``), as ``audit_record`` does.
    """
    actor_obj = actor if getattr(actor, "is_authenticated", False) else None
    actor_repr = (actor_obj.get_username() if actor_obj else "system")[:255]
    actor_id = actor_obj.pk if actor_obj else None

    def as_json(value: dict[str, Any] | None) -> str | None:
        return None if value is None else json.dumps(value, cls=DjangoJSONEncoder)

    head = audit_chain.lock_and_read_head()
    occurred_at = timezone.now()
    now = connection.ops.adapt_datetimefield_value(occurred_at)
    rows = (
        {
            "occurred_at": occurred_at,
            "actor_id": actor_id,
            "actor_repr": actor_repr,
            "action": action,
            "target_type": target_type,
            "target_id": str(target_id),
            "target_repr": target_repr[:255],
            "before": as_json(before),
            "after": as_json(after),
            "reason": reason,
        }
        for target_id, target_repr, before, after in items
    )
    fast_insert(
        AuditEvent,
        ["occurred_at", *audit_chain.FIELDS[1:], "prev_hash", "row_hash"],
        (
            (
                now,
                *(row[name] for name in audit_chain.FIELDS[1:]),
                prev_hash,
                row_hash,
            )
            for row, prev_hash, row_hash in audit_chain.chain(head, rows)
        ),
    )


def fast_insert(model: type[Model], fields: list[str], rows: Iterable[tuple[Any, ...]]) -> None:
    """INSERT rows of values already in database form with ``executemany``, in batches.

    The ORM's bulk_create spends most of an import building and preparing model instances;
    imports insert tens of thousands of plain rows, so they go straight to the cursor. Callers
    pass every NOT NULL column, computed fields included (``name_sort``).
    """
    quote = connection.ops.quote_name
    columns = ", ".join(
        quote(str(cast("Field[Any, Any]", model._meta.get_field(name)).column)) for name in fields
    )
    marks = ", ".join(["%s"] * len(fields))
    # Table and column names come from model metadata and are quoted; values are parameters.
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608
    iterator = iter(rows)
    with connection.cursor() as cursor:
        while batch := list(islice(iterator, 2000)):
            cursor.executemany(sql, batch)
