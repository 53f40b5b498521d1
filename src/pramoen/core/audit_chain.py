"""The audit log's hash chain: each row carries the SHA-256 of its content and of the row before.

A row's digest covers every field a person reads (time, actor, action, target, before/after,
reason) and the previous row's digest, so changing, removing or inserting a row anywhere but at
the end breaks the chain from there on; ``pramoen audit verify`` finds the first broken link.
Removing rows from the end is caught by comparing with a head noted earlier
(``pramoen audit verify --expect ID:HASH``, e.g. from last term's report).

Rows are chained in id order. Writers take one lock for the chain (PostgreSQL: a transaction-level
advisory lock, also taken by the insert trigger; SQLite: writers are serialized by its
``BEGIN IMMEDIATE``), read the head, and insert after it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection

GENESIS = "0" * 64
# pg_advisory_xact_lock key for the chain: any constant; "audit" in ASCII.
ADVISORY_LOCK_KEY = 0x6175646974
FIELDS = (
    "occurred_at",
    "actor_id",
    "actor_repr",
    "action",
    "target_type",
    "target_id",
    "target_repr",
    "before",
    "after",
    "reason",
)


def _plain_json(value: Any) -> Any:
    """What the JSON column gives back: the value through Django's JSON encoder and back."""
    if value is None:
        return None
    if isinstance(value, str):
        # Raw inserts (imports) pass JSON text already.
        try:
            return json.loads(value)
        except ValueError:
            return value
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _time(value: datetime | str) -> str:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def row_digest(prev_hash: str, row: dict[str, Any]) -> str:
    content = {
        "prev": prev_hash,
        "occurred_at": _time(row["occurred_at"]),
        "actor_id": None if row["actor_id"] is None else int(row["actor_id"]),
        "actor_repr": row["actor_repr"] or "",
        "action": row["action"],
        "target_type": row["target_type"] or "",
        "target_id": str(row["target_id"]),
        "target_repr": row["target_repr"] or "",
        "before": _plain_json(row["before"]),
        "after": _plain_json(row["after"]),
        "reason": row["reason"] or "",
    }
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def lock_and_read_head() -> str:
    """Take the chain lock for this transaction and return the last row's digest."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK_KEY])
        cursor.execute("SELECT row_hash FROM core_auditevent ORDER BY id DESC LIMIT 1")
        found = cursor.fetchone()
    return found[0] if found and found[0] else GENESIS


def chain(head: str, rows: Iterable[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], str, str]]:
    """(row, prev_hash, row_hash) for rows to be appended after ``head``, in order."""
    prev = head
    for row in rows:
        digest = row_digest(prev, row)
        yield row, prev, digest
        prev = digest


@dataclass(frozen=True)
class VerifyResult:
    checked: int
    head_id: int | None
    head_hash: str
    broken_id: int | None = None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_id is None and not self.problem


def verify(*, expect: tuple[int, str] | None = None, chunk: int = 5000) -> VerifyResult:
    """Walk the chain in id order; stop at the first row whose links or digest do not hold."""
    from pramoen.core.models import AuditEvent

    prev = GENESIS
    checked = 0
    head_id: int | None = None
    expect_seen = expect is None
    columns = ("id", "prev_hash", "row_hash", *FIELDS)
    rows = AuditEvent.objects.order_by("id").values_list(*columns).iterator(chunk_size=chunk)
    for values in rows:
        row = dict(zip(columns, values, strict=True))
        if row["prev_hash"] != prev:
            return VerifyResult(
                checked, head_id, prev, row["id"], "ลิงก์ไปยังแถวก่อนหน้าไม่ตรง (มีแถวถูกลบ แทรก หรือแก้ไข)"
            )
        if row_digest(prev, row) != row["row_hash"]:
            return VerifyResult(
                checked, head_id, prev, row["id"], "เนื้อหาของแถวไม่ตรงกับค่าแฮชที่บันทึกไว้ (ถูกแก้ไข)"
            )
        prev = row["row_hash"]
        head_id = row["id"]
        checked += 1
        if expect and row["id"] == expect[0]:
            if row["row_hash"] != expect[1]:
                return VerifyResult(checked, head_id, prev, row["id"], "แถวที่จดไว้มีค่าแฮชต่างจากเดิม")
            expect_seen = True
    if expect is not None and not expect_seen:
        return VerifyResult(
            checked, head_id, prev, None, f"ไม่พบแถวที่ {expect[0]} ที่จดไว้ (แถวท้ายของบันทึกถูกลบ)"
        )
    return VerifyResult(checked, head_id, prev)
