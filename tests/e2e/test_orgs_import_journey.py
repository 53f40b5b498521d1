"""ESA staff import a school file with errors, read the report, fix it, import, find a school."""

from __future__ import annotations

import csv
import io

import pytest
from playwright.sync_api import expect

from pramoen.core.demo import DEMO_PASSWORD
from pramoen.orgs.demo import DEMO_ESA_CODE
from tests.e2e.conftest import login

HEADER = [
    "รหัสโรงเรียน (10 หลัก) *",
    "ชื่อโรงเรียน *",
    "ประเภทโรงเรียน *",
    "รหัสเขตพื้นที่ *",
    "กลุ่มโรงเรียน",
    "ปีการศึกษา",
    "จำนวนนักเรียน",
]


def _csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


@pytest.mark.slow
def test_staff_import_with_errors_fix_then_find_school(page, demo_data, tmp_path):
    rows = [
        [
            "9999000201",
            "โรงเรียนบ้านทดลองนำเข้า",
            "ประถมศึกษา",
            DEMO_ESA_CODE,
            "กลุ่มโรงเรียนริมน้ำ",
            "2569",
            "๘๕",
        ],
        ["99990002", "โรงเรียนวัดแก้วทดลอง", "ขยายโอกาส", DEMO_ESA_CODE, "", "2569", "240"],
        ["9999000203", "โรงเรียนชุมชนทดลอง", "มัธยม", "1234", "", "2025", "400"],
    ]
    bad = tmp_path / "schools.csv"
    bad.write_bytes(_csv(rows))

    login(page, "esa", DEMO_PASSWORD)
    page.get_by_role("link", name="นำเข้าข้อมูล").first.click()
    page.get_by_label("ประเภทข้อมูล").select_option("schools")
    page.get_by_label("ไฟล์ (.xlsx หรือ .csv)").set_input_files(str(bad))
    page.get_by_role("button", name="ตรวจสอบไฟล์").click()

    expect(page.get_by_test_id("error-summary")).to_contain_text("พบข้อผิดพลาด 3 รายการใน 2 แถว")
    errors = page.get_by_test_id("import-errors")
    expect(errors).to_contain_text("รหัสโรงเรียนต้องมี 10 หลัก (พบ 8 หลัก)")
    expect(errors).to_contain_text("ไม่พบเขตพื้นที่รหัส 1234 ในระบบ")
    expect(errors).to_contain_text("ปีการศึกษาต้องเป็นปี พ.ศ. (กรอก 2025 หมายถึง 2568 หรือไม่)")
    expect(errors.locator("tbody tr").first).to_contain_text("3")
    expect(page.get_by_role("button", name="ยืนยันนำเข้า")).to_have_count(0)

    rows[1][0] = "9999000202"
    rows[2][3], rows[2][5] = DEMO_ESA_CODE, "2569"
    fixed = tmp_path / "schools-fixed.csv"
    fixed.write_bytes(_csv(rows))
    page.get_by_role("link", name="« นำเข้าไฟล์อื่น").click()
    page.get_by_label("ไฟล์ (.xlsx หรือ .csv)").set_input_files(str(fixed))
    page.get_by_role("button", name="ตรวจสอบไฟล์").click()
    expect(page.get_by_test_id("import-counts")).to_contain_text("โรงเรียนที่เพิ่มใหม่")
    page.get_by_role("button", name="ยืนยันนำเข้า").click()
    expect(page.get_by_role("status")).to_contain_text("นำเข้าแล้ว")
    expect(page.get_by_test_id("import-status")).to_contain_text("นำเข้าแล้ว")

    page.get_by_role("link", name="สถานศึกษา", exact=True).first.click()
    page.get_by_label("ค้นหา").fill("ทดลองนำ")
    results = page.get_by_test_id("school-results")
    expect(results).to_contain_text("พบ 1 แห่ง")
    expect(results).to_contain_text("โรงเรียนบ้านทดลองนำเข้า")
    results.get_by_role("link", name="โรงเรียนบ้านทดลองนำเข้า").click()
    expect(page.get_by_test_id("enrollments")).to_contain_text("85")
    expect(page.get_by_test_id("audit-trail")).to_contain_text("นำเข้าข้อมูลสถานศึกษา")
