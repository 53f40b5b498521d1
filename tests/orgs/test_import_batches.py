"""Streaming and batched imports: checks span batches, a bad row anywhere undoes every batch,
row errors are capped, and the compact key map behaves like a dict."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pramoen.core.models import AuditEvent
from pramoen.orgs.imports import engine
from pramoen.orgs.imports.api import import_file, import_table
from pramoen.orgs.imports.engine import IntLines
from pramoen.orgs.imports.reading import read_table
from pramoen.orgs.models import Enrollment, Organization, SchoolNetwork
from tests.factories import EsaFactory
from tests.orgs.factories import SchoolFactory
from tests.orgs.test_imports import SCHOOL_HEADER, csv_bytes, school_rows

CODES_HEADER = [*SCHOOL_HEADER[:4], "รหัส SMIS (8 หลัก)"]


@pytest.fixture
def small_batches(monkeypatch):
    # Four rows a batch, so a dozen-row file spans several batches.
    monkeypatch.setattr(engine, "BATCH_ROWS", 4)


def _run(header, rows, **kwargs):
    table = read_table(csv_bytes(header, rows))
    return import_table("schools", table, source_name="b.csv", **kwargs)


@given(st.dictionaries(st.integers(0, 10**13), st.integers(2, 10**6), max_size=300))
def test_int_lines_answers_like_a_dict(entries):
    lines = IntLines()
    for key, line in entries.items():
        lines[key] = line
    assert len(lines) == len(entries)
    assert all(lines.get(key) == line for key, line in entries.items())
    assert lines.get(-1) is None and lines.get(10**13 + 1) is None


def test_int_lines_keeps_keys_across_merges():
    lines = IntLines()
    for key in range(20_000, 0, -1):  # descending: every merge interleaves old and new keys
        lines[key * 7] = key + 1
    assert len(lines) == 20_000
    assert lines.get(7) == 2 and lines.get(140_000) == 20_001 and lines.get(8) is None


@pytest.mark.django_db
def test_a_bad_row_in_a_later_batch_undoes_the_batches_already_written(small_batches):
    EsaFactory(code="7777")
    rows = school_rows(12)
    rows[10][0] = "15000"  # line 12, in the third batch
    report = _run(SCHOOL_HEADER, rows, commit=True)
    assert not report.committed and [e.line for e in report.errors] == [12]
    assert not Organization.objects.filter(kind="school").exists()
    assert not SchoolNetwork.objects.exists() and not Enrollment.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="orgs.").exists()


@pytest.mark.django_db
def test_batches_add_up_to_the_whole_file_and_a_second_import_changes_nothing(small_batches):
    EsaFactory(code="7777")
    rows = school_rows(13)  # five networks, shared by rows of different batches
    first = _run(SCHOOL_HEADER, rows, commit=True)
    assert first.committed and first.counts["schools_created"] == 13
    assert first.counts["networks_created"] == 5 and SchoolNetwork.objects.count() == 5
    assert first.counts["enrollments_created"] == 13
    assert AuditEvent.objects.filter(action="orgs.school_import").count() == 13
    again = _run(SCHOOL_HEADER, rows, commit=True)
    assert again.committed and again.change_count == 0
    assert again.counts["schools_unchanged"] == 13


@pytest.mark.django_db
def test_a_duplicate_in_another_batch_names_the_first_line(small_batches):
    EsaFactory(code="7777")
    rows = school_rows(10)
    rows[9][0] = rows[0][0]
    report = _run(SCHOOL_HEADER, rows, commit=True)
    assert [(e.line, e.message) for e in report.errors] == [
        (11, "รหัสโรงเรียนซ้ำกับแถวที่ 2 ในไฟล์เดียวกัน")
    ]
    assert not Organization.objects.filter(kind="school").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("commit", [False, True])
def test_a_code_given_up_in_an_earlier_batch_is_still_a_swap(small_batches, commit):
    esa = EsaFactory(code="7777")
    SchoolFactory(parent=esa, code="1500000000", smis_code="11111111")
    rows = [[*row[:4], ""] for row in school_rows(10)]
    rows[0][4] = "22222222"  # line 2 gives 11111111 up (written in batch one on commit) …
    rows[9][4] = "11111111"  # … and line 11, in batch three, takes it
    report = _run(CODES_HEADER, rows, commit=commit)
    assert [(e.line, e.value) for e in report.errors] == [(11, "11111111")]
    assert "1500000000 (แถวที่ 2)" in report.errors[0].message
    assert "22222222" in report.errors[0].message
    assert Organization.objects.get(code="1500000000").smis_code == "11111111"


@pytest.mark.django_db
def test_a_code_taken_before_a_later_batch_gives_it_up_is_a_swap(small_batches):
    esa = EsaFactory(code="7777")
    SchoolFactory(parent=esa, code="1500000009", smis_code="11111111")
    rows = [[*row[:4], ""] for row in school_rows(10)]
    rows[0][4] = "11111111"  # line 2 takes the code that line 11 (batch three) drops
    report = _run(CODES_HEADER, rows, commit=True)
    assert [(e.line, e.value) for e in report.errors] == [(2, "11111111")]
    assert "1500000009 (แถวที่ 11)" in report.errors[0].message
    assert "ค่าว่าง" in report.errors[0].message
    assert Organization.objects.filter(kind="school").count() == 1


@pytest.mark.django_db
def test_row_errors_past_the_cap_are_counted_in_thai(monkeypatch):
    monkeypatch.setattr(engine, "MAX_ERRORS_KEPT", 5)
    EsaFactory(code="7777")
    rows = school_rows(12)
    for row in rows:
        row[3] = "1234"  # unknown ESA: one error on every row
    report = _run(SCHOOL_HEADER, rows, commit=False)
    assert [e.line for e in report.errors] == [2, 3, 4, 5, 6]
    assert (report.error_count, report.errors_omitted, report.bad_line_count) == (12, 7, 12)
    assert "พบข้อผิดพลาดทั้งหมด 12 รายการใน 12 แถว แสดงเฉพาะ 5 รายการแรก" in report.notes


@pytest.mark.django_db
def test_import_file_streams_rows_from_the_reader_child(tmp_path, small_batches):
    EsaFactory(code="7777")
    path = tmp_path / "schools.csv"
    path.write_bytes(csv_bytes(SCHOOL_HEADER, school_rows(9)))
    seen = []
    report = import_file(
        "schools", path, commit=True, progress=lambda stage, done, total: seen.append(total)
    )
    assert report.committed and report.counts["schools_created"] == 9
    assert set(seen) == {9}  # the child tells the row count up front
    assert Organization.objects.filter(kind="school").count() == 9
