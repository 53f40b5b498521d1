from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from pramoen.core.models import AuditEvent
from pramoen.orgs.enums import OrganizationKind
from pramoen.orgs.fakedata import fake_national_id
from pramoen.orgs.imports.api import import_file, import_table
from pramoen.orgs.imports.importers import IMPORTERS
from pramoen.orgs.imports.reading import read_table
from pramoen.orgs.imports.template_files import template_csv, template_xlsx
from pramoen.orgs.models import Enrollment, OnetMean, Organization, Person, SchoolNetwork
from tests.factories import EsaFactory
from tests.orgs.factories import SchoolFactory

pytestmark = pytest.mark.django_db

SCHOOL_HEADER = [
    "รหัสโรงเรียน (10 หลัก) *",
    "ชื่อโรงเรียน *",
    "ประเภทโรงเรียน *",
    "รหัสเขตพื้นที่ *",
    "กลุ่มโรงเรียน",
    "ปีการศึกษา",
    "จำนวนนักเรียน",
]


def csv_bytes(header, rows, encoding="utf-8") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def school_rows(n: int, esa_code: str = "7777"):
    return [
        [
            f"{1500000000 + i}",
            f"โรงเรียนบ้านนำเข้า {i}",
            "ประถมศึกษา",
            esa_code,
            f"กลุ่ม {i % 5}",
            "2568",
            str(50 + i),
        ]
        for i in range(n)
    ]


def run(kind, data, commit=True, actor=None):
    return import_table(kind, read_table(data), commit=commit, actor=actor, source_name="test.csv")


def test_five_bad_rows_among_a_thousand_save_nothing_and_each_is_named():
    EsaFactory(code="7777")
    rows = school_rows(1000)
    rows[10][0] = "15000000"  # 8 digits
    rows[200][3] = "1234"  # unknown ESA
    rows[400][6] = "สามร้อย"  # not a number
    rows[600][2] = "อนุบาล"  # unknown type
    rows[800][0] = rows[799][0]  # duplicate of the row above
    report = run("schools", csv_bytes(SCHOOL_HEADER, rows))
    assert not report.ok and not report.committed
    assert report.bad_lines == [12, 202, 402, 602, 802]
    by_line = {e.line: e for e in report.errors}
    assert "10 หลัก" in by_line[12].message
    assert "ไม่พบเขตพื้นที่รหัส 1234" in by_line[202].message
    assert "ไม่ใช่ตัวเลข" in by_line[402].message
    assert "ไม่รู้จักประเภทโรงเรียน" in by_line[602].message
    assert by_line[802].message == "รหัสโรงเรียนซ้ำกับแถวที่ 801 ในไฟล์เดียวกัน"
    assert Organization.objects.filter(kind=OrganizationKind.SCHOOL).count() == 0
    assert SchoolNetwork.objects.count() == 0


def test_dry_run_previews_then_commit_then_reimport_changes_nothing(make_user):
    staff = make_user(roles=["esa_staff"])
    EsaFactory(code="7777")
    data = csv_bytes(SCHOOL_HEADER, school_rows(30))
    preview = run("schools", data, commit=False)
    assert preview.ok and not preview.committed
    assert preview.counts["schools_created"] == 30
    assert Organization.objects.filter(kind=OrganizationKind.SCHOOL).count() == 0

    done = run("schools", data, actor=staff)
    assert done.committed
    assert done.counts == {
        "schools_created": 30,
        "schools_updated": 0,
        "schools_unchanged": 0,
        "networks_created": 5,
        "enrollments_created": 30,
        "enrollments_updated": 0,
    }
    assert Enrollment.objects.get(school__code="1500000007").students == 57
    assert AuditEvent.objects.filter(action="orgs.school_import", actor=staff).count() == 30

    again = run("schools", data)
    assert again.change_count == 0
    assert again.counts["schools_unchanged"] == 30


def test_reimport_upserts_by_code_and_audits_before_after():
    EsaFactory(code="7777")
    rows = school_rows(3)
    run("schools", csv_bytes(SCHOOL_HEADER, rows))
    rows[1][1] = "โรงเรียนบ้านนำเข้า (เปลี่ยนชื่อ)"
    rows[2][6] = "999"
    rows[0][5], rows[0][6] = "2569", "70"
    report = run("schools", csv_bytes(SCHOOL_HEADER, rows))
    assert report.counts["schools_updated"] == 1
    assert report.counts["enrollments_updated"] == 1
    assert report.counts["enrollments_created"] == 1
    renamed = Organization.objects.get(code="1500000001")
    event = AuditEvent.objects.filter(target_id=str(renamed.pk), action="orgs.school_import")[0]
    assert event.before == {"name_th": "โรงเรียนบ้านนำเข้า 1"}
    assert event.after == {"name_th": "โรงเรียนบ้านนำเข้า (เปลี่ยนชื่อ)"}
    first = Organization.objects.get(code="1500000000")
    assert list(first.enrollments.values_list("academic_year", "students")) == [
        (2569, 70),
        (2568, 50),
    ]


def test_thai_digits_are_normalised_in_codes_and_numbers():
    EsaFactory(code="7777")
    rows = [["๑๕๐๐๐๐๐๐๐๑", "โรงเรียนเลขไทย", "ขยายโอกาส", "๗๗๗๗", "", "๒๕๖๘", "๑,๒๐๐"]]
    report = run("schools", csv_bytes(SCHOOL_HEADER, rows))
    assert report.ok
    school = Organization.objects.get(code="1500000001")
    assert (school.school_type, school.enrollments.get().students) == ("extended", 1200)


def test_smis_code_clash_with_another_school_is_a_row_error():
    esa = EsaFactory(code="7777")
    SchoolFactory(parent=esa, code="1599999999", smis_code="12345678")
    header = [*SCHOOL_HEADER[:4], "รหัส SMIS (8 หลัก)"]
    report = run("schools", csv_bytes(header, [["1500000001", "ก", "ประถม", "7777", "12345678"]]))
    assert [(e.line, e.message) for e in report.errors] == [
        (2, "ซ้ำกับโรงเรียนรหัส 1599999999 ที่มีอยู่ในระบบ")
    ]


def test_missing_required_column_is_a_file_error():
    report = run("schools", csv_bytes(["ชื่อโรงเรียน"], [["โรงเรียนก"]]))
    assert report.file_errors and "รหัสโรงเรียน" in report.file_errors[0]


PEOPLE_HEADER = [
    "เลขประจำตัวประชาชน",
    "คำนำหน้าชื่อ",
    "ชื่อ",
    "นามสกุล",
    "ตำแหน่ง",
    "วิทยฐานะ",
    "รหัสหน่วยงาน",
    "วันที่เริ่มดำรงตำแหน่ง",
]


def test_people_import_validates_checksum_and_upserts_by_national_id():
    school = SchoolFactory(code="1500000001")
    good = fake_national_id(5)
    bad = good[:-1] + str((int(good[-1]) + 1) % 10)
    rows = [
        [good, "", "นางสาวสมหญิง", "ใจดี", "ครู", "คศ.2", "1500000001", "16/05/2565"],
        [bad, "นาย", "สมชาย", "รักเรียน", "ครูผู้สอน", "", "1500000001", ""],
        [fake_national_id(6), "นาย", "สมศักดิ์", "ดีมาก", "ภารโรง", "", "9999999999", "2565-05-16"],
    ]
    report = run("people", csv_bytes(PEOPLE_HEADER, rows))
    messages = {(e.line, e.column): e.message for e in report.errors}
    assert "เลขตรวจสอบ" in messages[(3, "เลขประจำตัวประชาชน (13 หลัก)")]
    assert "ไม่รู้จักตำแหน่ง" in messages[(4, "ตำแหน่ง")]
    assert "ไม่พบโรงเรียนหรือเขตพื้นที่รหัส 9999999999" in messages[(4, "รหัสหน่วยงาน")]
    assert (4, "วันที่เริ่มดำรงตำแหน่ง") in messages
    assert Person.objects.count() == 0

    report = run("people", csv_bytes(PEOPLE_HEADER, rows[:1]))
    person = Person.objects.get(national_id=good)
    assert (person.prefix, person.first_name, person.academic_standing) == (
        "นางสาว",
        "สมหญิง",
        "professional",
    )
    assert person.organization == school
    assert str(person.position_started_on) == "2022-05-16"
    assert run("people", csv_bytes(PEOPLE_HEADER, rows[:1])).change_count == 0
    rows[0][5] = "ชำนาญการพิเศษ"
    assert run("people", csv_bytes(PEOPLE_HEADER, rows[:1])).counts["people_updated"] == 1
    event = AuditEvent.objects.filter(action="orgs.person_import").order_by("-id")[0]
    assert event.before == {"academic_standing": "professional"}
    created = AuditEvent.objects.filter(action="orgs.person_import").order_by("id")[0]
    assert good not in str(created.after)  # the audit log never holds a full national ID


def test_onet_import_for_school_and_esa_means():
    school = SchoolFactory(code="1500000001")
    school.parent.code = "7777"
    school.parent.save()
    header = ["รหัสหน่วยงาน", "ปีการศึกษา", "ชั้น", "วิชา", "คะแนนเฉลี่ย"]
    rows = [
        ["1500000001", "2567", "ป.6", "คณิตศาสตร์", "๓๕.๕"],
        ["7777", "2567", "ป.6", "คณิตศาสตร์", "33.10"],
        ["1500000001", "2567", "ป.6", "คณิต", "36"],
    ]
    report = run("onet", csv_bytes(header, rows))
    assert report.errors[0].line == 4 and "ซ้ำ" in report.errors[0].message
    report = run("onet", csv_bytes(header, rows[:2]))
    assert report.counts["onet_created"] == 2
    assert OnetMean.objects.get(organization=school).mean == Decimal("35.50")
    assert run("onet", csv_bytes(header, rows[:2])).change_count == 0


@pytest.mark.parametrize("kind", sorted(IMPORTERS))
def test_templates_import_cleanly_as_a_dry_run(kind):
    esa = EsaFactory(code="9999")
    SchoolFactory(parent=esa, code="1096000001")
    importer = IMPORTERS[kind]()
    for data in (template_csv(importer), template_xlsx(importer)):
        report = import_table(kind, read_table(data), commit=False)
        assert report.ok, report.errors
        assert report.total_rows == 1


def test_cli_reads_in_a_child_process_and_reports(tmp_path, capsys):
    EsaFactory(code="7777")
    path = tmp_path / "schools.csv"
    path.write_bytes(csv_bytes(SCHOOL_HEADER, school_rows(3), encoding="cp874"))
    call_command("import", "schools", str(path), "--dry-run")
    out = capsys.readouterr().out
    assert "TIS-620" in out and "ตรวจสอบอย่างเดียว" in out
    call_command("import", "schools", str(path))
    assert Organization.objects.filter(kind=OrganizationKind.SCHOOL).count() == 3
    path.write_bytes(b"%PDF-1.4 not a table")
    with pytest.raises(CommandError):
        call_command("import", "schools", str(path))
    assert "ไม่ใช่ตาราง" in capsys.readouterr().out


def test_import_file_size_cap_refuses_before_reading(tmp_path):
    path = tmp_path / "big.csv"
    path.write_bytes(b"x" * 2048)
    report = import_file("schools", path, commit=False, max_bytes=1024)
    assert not report.ok and "เกินขนาดสูงสุด" in report.file_errors[0]


def test_import_keeps_thai_sort_keys_in_step_with_names():
    from pramoen.orgs.models import school_sort_key

    EsaFactory(code="7777")
    rows = school_rows(2)
    run("schools", csv_bytes(SCHOOL_HEADER, rows))
    assert Organization.objects.get(code="1500000000").name_sort == school_sort_key(rows[0][1])
    rows[0][1] = "โรงเรียนเขาแก้ว"
    run("schools", csv_bytes(SCHOOL_HEADER, rows))
    assert Organization.objects.get(code="1500000000").name_sort == school_sort_key("โรงเรียนเขาแก้ว")
