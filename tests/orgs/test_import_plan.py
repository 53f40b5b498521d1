"""The plan step: code swaps between schools, and planning inside the commit's transaction."""

from __future__ import annotations

import pytest
from django.db import connection, transaction

from pramoen.core.models import AuditEvent
from pramoen.orgs.imports.api import import_table
from pramoen.orgs.imports.reading import read_table
from pramoen.orgs.models import Organization
from tests.factories import EsaFactory
from tests.orgs.factories import SchoolFactory
from tests.orgs.test_imports import SCHOOL_HEADER, csv_bytes

HEADER = [*SCHOOL_HEADER[:4], "รหัส SMIS (8 หลัก)", "รหัส Percode (6 หลัก)"]


def _schools():
    esa = EsaFactory(code="7777")
    SchoolFactory(parent=esa, code="1500000001", smis_code="11111111", obec_code="111111")
    SchoolFactory(parent=esa, code="1500000002", smis_code="22222222", obec_code="222222")


def _run(rows, **kwargs):
    return import_table(
        "schools", read_table(csv_bytes(HEADER, rows)), source_name="swap.csv", **kwargs
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("column", "first", "second"),
    [(4, "22222222", "11111111"), (5, "222222", "111111")],
)
def test_swapping_smis_or_percode_between_two_schools_is_a_thai_row_error(column, first, second):
    _schools()
    rows = [
        ["1500000001", "โรงเรียนหนึ่ง", "ประถม", "7777", "11111111", "111111"],
        ["1500000002", "โรงเรียนสอง", "ประถม", "7777", "22222222", "222222"],
    ]
    rows[0][column], rows[1][column] = first, second
    report = _run(rows, commit=True)
    assert not report.committed and [e.line for e in report.errors] == [2, 3]
    by_line = {e.line: e.message for e in report.errors}
    assert "1500000002 (แถวที่ 3)" in by_line[2] and "1500000001 (แถวที่ 2)" in by_line[3]
    assert all("สลับหรือย้ายรหัส" in message for message in by_line.values())
    assert sorted(
        Organization.objects.filter(kind="school").values_list("smis_code", "obec_code")
    ) == [
        ("11111111", "111111"),
        ("22222222", "222222"),
    ]


@pytest.mark.django_db
def test_taking_a_code_another_row_gives_up_is_refused_but_two_rounds_work():
    _schools()
    rows = [
        ["1500000001", "โรงเรียนหนึ่ง", "ประถม", "7777", "22222222", "111111"],
        ["1500000002", "โรงเรียนสอง", "ประถม", "7777", "", "222222"],
    ]
    report = _run(rows, commit=True)
    assert [(e.line, e.value) for e in report.errors] == [(2, "22222222")]
    assert "ค่าว่าง" in report.errors[0].message
    assert _run(rows[1:], commit=True).committed  # round one frees the code
    assert _run(rows, commit=True).committed
    assert Organization.objects.get(code="1500000001").smis_code == "22222222"


def test_commit_plans_inside_its_transaction_with_the_rows_locked(transactional_db):
    _schools()
    rows = [
        ["1500000001", "โรงเรียนหนึ่ง (ใหม่)", "ประถม", "7777", "11111111", "111111"],
        ["1500000003", "โรงเรียนสาม", "ประถม", "7777", "33333333", "333333"],
    ]
    seen: list[tuple[bool, str]] = []

    def watch(execute, sql, params, many, context):
        # Whether each look-up of file rows in the schools table ran inside a transaction
        # (prepare()'s list of ESA codes is read before, and locks nothing).
        if "orgs_organization" in sql and sql.startswith("SELECT") and " IN " in sql:
            seen.append((connection.in_atomic_block, sql))
        return execute(sql, params, many, context)

    assert not connection.in_atomic_block  # no test-case transaction around this test
    with connection.execute_wrapper(watch):
        assert _run(rows, commit=False).ok
    assert seen and not any(inside for inside, _sql in seen)  # a preview holds no lock
    seen.clear()
    with connection.execute_wrapper(watch):
        assert _run(rows, commit=True).committed
    assert seen and all(inside for inside, _sql in seen)  # plan and write: one transaction
    if connection.features.has_select_for_update:
        assert any("FOR UPDATE" in sql for _inside, sql in seen)
    event = AuditEvent.objects.get(action="orgs.school_import", before__isnull=False)
    assert event.after == {"name_th": "โรงเรียนหนึ่ง (ใหม่)"}


def test_an_edit_committed_during_the_import_is_audited_as_the_before_value(transactional_db):
    """A web edit holds the school's row when the import commits: the import waits for it and
    records the edited name as "before", instead of planning against the stale name."""
    if not connection.features.has_select_for_update:
        pytest.skip("row locks need PostgreSQL (SQLite writers are serialised anyway)")
    import threading
    import time

    _schools()
    edited = threading.Event()

    def web_edit() -> None:
        try:
            with transaction.atomic():
                Organization.objects.filter(code="1500000001").update(name_th="แก้บนเว็บ")
                edited.set()
                time.sleep(1.5)  # still uncommitted while the import starts
        finally:
            connection.close()

    editor = threading.Thread(target=web_edit)
    editor.start()
    assert edited.wait(10)
    row = ["1500000001", "โรงเรียนจากไฟล์", "ประถม", "7777", "11111111", "111111"]
    report = _run([row], commit=True)
    editor.join(10)
    assert report.committed
    assert Organization.objects.get(code="1500000001").name_th == "โรงเรียนจากไฟล์"
    event = AuditEvent.objects.get(action="orgs.school_import", target_type="orgs.organization")
    assert event.before == {"name_th": "แก้บนเว็บ"}
