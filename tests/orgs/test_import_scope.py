"""Imports stay inside the uploader's ESAs: refused rows are Thai row errors that reveal nothing
of the other ESA's record, and the CLI runs as the system (every ESA)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from pramoen.orgs.imports.api import import_table
from pramoen.orgs.imports.engine import NOT_YOUR_ESA
from pramoen.orgs.imports.reading import read_table
from pramoen.orgs.models import ImportBatch, OnetMean, Organization, Person
from tests.factories import EsaFactory
from tests.orgs.factories import PersonFactory, SchoolFactory
from tests.orgs.test_imports import PEOPLE_HEADER, SCHOOL_HEADER, csv_bytes

pytestmark = pytest.mark.django_db

ONET_HEADER = ["รหัสหน่วยงาน", "ปีการศึกษา", "ชั้น", "วิชา", "คะแนนเฉลี่ย"]


@pytest.fixture
def two_esas():
    mine = EsaFactory(code="7777")
    other = EsaFactory(code="6666")
    my_school = SchoolFactory(parent=mine, code="1500000001", name_th="โรงเรียนของเรา")
    their_school = SchoolFactory(
        parent=other, code="1600000001", name_th="โรงเรียนลับเขตอื่น", smis_code="66000001"
    )
    return mine, other, my_school, their_school


def scoped(kind, header, rows, esa_ids, commit=True):
    return import_table(
        kind,
        read_table(csv_bytes(header, rows)),
        commit=commit,
        source_name="scope.csv",
        allowed_esa_ids=esa_ids,
    )


def shown(report) -> str:
    """Everything a preview page could show of the report."""
    return repr((report.errors, report.changes, report.counts, report.notes))


def test_school_import_cannot_rewrite_or_take_another_esas_school(two_esas):
    mine, other, _mine_school, theirs = two_esas
    row = ["1600000001", "โรงเรียนยึดมา", "ประถมศึกษา", "7777", "", "", ""]
    report = scoped("schools", SCHOOL_HEADER, [row], [mine.pk])
    assert [(e.line, e.message) for e in report.errors] == [(2, NOT_YOUR_ESA)]
    assert not report.committed and "ลับเขตอื่น" not in shown(report)
    theirs.refresh_from_db()
    assert (theirs.parent_id, theirs.name_th) == (other.pk, "โรงเรียนลับเขตอื่น")


def test_school_smis_clash_with_another_esas_school_does_not_name_it(two_esas):
    mine, _other, _my_school, _theirs = two_esas
    header = [*SCHOOL_HEADER[:4], "รหัส SMIS (8 หลัก)"]
    report = scoped(
        "schools", header, [["1500000009", "โรงเรียนใหม่", "ประถม", "7777", "66000001"]], [mine.pk]
    )
    assert len(report.errors) == 1 and report.errors[0].line == 2
    assert "1600000001" not in shown(report) and "ลับเขตอื่น" not in shown(report)


def test_people_import_cannot_move_another_esas_person_or_use_its_schools(two_esas):
    mine, _other, _my_school, theirs = two_esas
    person = PersonFactory(organization=theirs, first_name="ลับมาก", last_name="เขตอื่น")
    rows = [[person.national_id, "นาย", "ย้ายมา", "แล้ว", "ครู", "", "1500000001", ""]]
    report = scoped("people", PEOPLE_HEADER, rows, [mine.pk])
    assert [(e.line, e.message) for e in report.errors] == [(2, NOT_YOUR_ESA)]
    assert "ลับมาก" not in shown(report) and person.national_id not in shown(report)
    person.refresh_from_db()
    assert (person.organization_id, person.first_name) == (theirs.pk, "ลับมาก")

    newcomer = [PersonFactory.build().national_id, "นาย", "ใหม่", "คน", "ครู", "", "1600000001", ""]
    report = scoped("people", PEOPLE_HEADER, [newcomer], [mine.pk])
    assert [(e.line, e.column, e.message) for e in report.errors] == [
        (2, "รหัสหน่วยงาน", NOT_YOUR_ESA)
    ]
    assert not Person.objects.filter(national_id=newcomer[0]).exists()


def test_onet_import_cannot_overwrite_another_esas_means(two_esas):
    mine, other, my_school, theirs = two_esas
    OnetMean.objects.create(
        organization=theirs, academic_year=2567, grade="p6", subject="math", mean=Decimal("41.25")
    )
    rows = [
        ["1500000001", "2567", "ป.6", "คณิตศาสตร์", "30"],
        ["1600000001", "2567", "ป.6", "คณิตศาสตร์", "99"],
        ["6666", "2567", "ป.6", "คณิตศาสตร์", "98"],
    ]
    report = scoped("onet", ONET_HEADER, rows, [mine.pk])
    assert [(e.line, e.message) for e in report.errors] == [(3, NOT_YOUR_ESA), (4, NOT_YOUR_ESA)]
    assert "41.25" not in shown(report)
    assert list(OnetMean.objects.values_list("organization_id", "mean")) == [
        (theirs.pk, Decimal("41.25"))
    ]
    assert scoped("onet", ONET_HEADER, rows[:1], [mine.pk]).committed
    assert OnetMean.objects.get(organization=my_school).mean == Decimal("30.00")
    assert not OnetMean.objects.filter(organization=other).exists()


def test_web_people_preview_refuses_other_esa_and_shows_none_of_its_values(
    client, make_user, two_esas
):
    mine, _other, _my_school, theirs = two_esas
    client.force_login(make_user(roles=["esa_staff"], organization=mine))
    person = PersonFactory(organization=theirs, first_name="ลับมาก", last_name="เขตอื่น")
    rows = [[person.national_id, "นาย", "ย้ายมา", "แล้ว", "ครู", "", "1500000001", ""]]
    upload = SimpleUploadedFile("p.csv", csv_bytes(PEOPLE_HEADER, rows), "text/csv")
    response = client.post(reverse("orgs:import_upload"), {"kind": "people", "file": upload})
    batch = ImportBatch.objects.get()
    assert [e["message"] for e in batch.errors] == [NOT_YOUR_ESA]
    body = client.get(response.url).content.decode()
    assert NOT_YOUR_ESA in body and "ลับมาก" not in body and "เขตอื่น" not in body
    person.refresh_from_db()
    assert person.organization_id == theirs.pk


def test_cli_import_runs_as_the_system_across_esas(two_esas, tmp_path):
    _mine, other, _my_school, theirs = two_esas
    path = tmp_path / "schools.csv"
    rows = [
        ["1500000001", "โรงเรียนของเรา (ใหม่)", "ประถมศึกษา", "7777", "", "", ""],
        ["1600000001", "โรงเรียนเขตอื่น (ใหม่)", "ประถมศึกษา", "6666", "", "", ""],
    ]
    path.write_bytes(csv_bytes(SCHOOL_HEADER, rows))
    call_command("import", "schools", str(path))
    theirs.refresh_from_db()
    assert (theirs.parent_id, theirs.name_th) == (other.pk, "โรงเรียนเขตอื่น (ใหม่)")
    assert Organization.objects.get(code="1500000001").name_th == "โรงเรียนของเรา (ใหม่)"
