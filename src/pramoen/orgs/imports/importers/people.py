"""People: upsert by national ID (checksum-validated, masked in the audit log)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from pramoen.core.types import User
from pramoen.orgs.enums import (
    AcademicStanding,
    Position,
)
from pramoen.orgs.imports.engine import (
    NOT_YOUR_ESA,
    Change,
    Column,
    Importer,
    IntLines,
    RowError,
    audit_rows,
    choice_lookup,
    clean_code,
    parse_choice,
)
from pramoen.orgs.imports.importers.common import (
    Collector,
    chunks,
    organization_codes,
    required,
    shown,
)
from pramoen.orgs.models import (
    Person,
    person_sort_key,
)
from pramoen.thai import (
    mask_national_id,
    parse_thai_date,
    split_prefix,
    validate_national_id,
)

POSITIONS = choice_lookup(
    Position.choices,
    {
        "ครู": "teacher",
        "ผู้อำนวยการโรงเรียน": "director",
        "ผู้อำนวยการ": "director",
        "ผอ.": "director",
        "รองผู้อำนวยการ": "deputy_director",
        "รองผู้อำนวยการโรงเรียน": "deputy_director",
        "รอง ผอ.": "deputy_director",
        "38 ค.(2)": "other_38c2",
        "38ค.(2)": "other_38c2",
        "บุคลากรทางการศึกษาอื่น": "other_38c2",
    },
)
STANDINGS = choice_lookup(
    AcademicStanding.choices,
    {
        "-": "none",
        "ไม่มี": "none",
        "คศ.1": "none",
        "คศ.2": "professional",
        "คศ.3": "senior_professional",
        "คศ.4": "expert",
        "คศ.5": "senior_expert",
    },
)
PERSON_FIELDS = (
    "prefix",
    "first_name",
    "last_name",
    "position",
    "academic_standing",
    "organization_id",
    "position_started_on",
    "organization_started_on",
)


class PersonImporter(Importer):
    kind = "people"
    title = "บุคลากร"
    columns = (
        Column(
            "national_id",
            "เลขประจำตัวประชาชน (13 หลัก)",
            True,
            "1-9900-00000-01-9",
            "ตรวจเลขตรวจสอบหลักสุดท้าย; ใช้เป็นกุญแจ — นำเข้าซ้ำจะปรับปรุงข้อมูลคนเดิม",
            ("เลขบัตรประชาชน", "national_id"),
        ),
        Column("prefix", "คำนำหน้าชื่อ", False, "นางสาว", "ถ้าเว้นว่าง ระบบจะแยกจากช่องชื่อ"),
        Column("first_name", "ชื่อ", True, "สมหญิง"),
        Column("last_name", "นามสกุล", True, "ใจดี"),
        Column(
            "position",
            "ตำแหน่ง",
            True,
            "ครูผู้สอน",
            "ครูผู้สอน / ผู้อำนวยการสถานศึกษา / รองผู้อำนวยการสถานศึกษา / ศึกษานิเทศก์ / "
            "บุคลากรทางการศึกษาอื่น ตามมาตรา 38 ค.(2) / พนักงานราชการ / ครูอัตราจ้าง / ครูผู้ช่วย",
        ),
        Column(
            "academic_standing",
            "วิทยฐานะ",
            False,
            "ชำนาญการ",
            "ไม่มีวิทยฐานะ / ชำนาญการ / ชำนาญการพิเศษ / เชี่ยวชาญ / เชี่ยวชาญพิเศษ (หรือ คศ.2–คศ.5)",
        ),
        Column(
            "org_code",
            "รหัสหน่วยงาน",
            True,
            "1096000001",
            "รหัสโรงเรียน 10 หลัก หรือรหัสเขตพื้นที่ (สำหรับบุคลากรในสำนักงานเขต)",
            ("รหัสโรงเรียน", "รหัสสถานศึกษา"),
        ),
        Column("position_started_on", "วันที่เริ่มดำรงตำแหน่ง", False, "16/05/2565", "วัน/เดือน/ปี พ.ศ."),
        Column(
            "organization_started_on",
            "วันที่เริ่มปฏิบัติงานในสถานศึกษา",
            False,
            "01/11/2566",
            "วัน/เดือน/ปี พ.ศ.",
        ),
    )

    def prepare(self) -> None:
        self.orgs, self.esa_of = organization_codes()
        self.lines = IntLines()

    def parse(self, row: dict[str, str]) -> tuple[Any, Any]:
        c = Collector(self)
        nid = c.run("national_id", row["national_id"], validate_national_id)
        rec: dict[str, Any] = {}
        first = c.run("first_name", row["first_name"], lambda v: required(v, "ชื่อ"))
        prefix = row.get("prefix", "")
        if first and not prefix:
            prefix, first = split_prefix(first)
        if "prefix" in row or prefix:
            rec["prefix"] = prefix
        rec["first_name"] = first
        rec["last_name"] = c.run("last_name", row["last_name"], lambda v: required(v, "นามสกุล"))
        rec["position"] = c.run(
            "position",
            row["position"],
            lambda v: parse_choice(required(v, "ตำแหน่ง"), POSITIONS, "ตำแหน่ง "),
        )
        if "academic_standing" in row:
            rec["academic_standing"] = c.run(
                "academic_standing",
                row["academic_standing"],
                lambda v: parse_choice(v, STANDINGS, "วิทยฐานะ ") if v else "none",
            )
        code = clean_code(row["org_code"])
        org_id = self.orgs.get(code)
        if not code:
            c.add("org_code", "", "กรุณากรอกรหัสหน่วยงาน")
        elif org_id is None:
            c.add("org_code", row["org_code"], f"ไม่พบโรงเรียนหรือเขตพื้นที่รหัส {code} ในระบบ")
        elif not self.may_touch(self.esa_of[org_id]):
            c.add("org_code", row["org_code"], NOT_YOUR_ESA)
        rec["organization_id"] = org_id
        for key in ("position_started_on", "organization_started_on"):
            if key in row:
                rec[key] = c.run(key, row[key], parse_thai_date) if row[key] else None
        c.raise_if_any()
        return nid, rec

    def duplicate_message(self, first_line: int) -> str:
        return f"เลขประจำตัวประชาชนซ้ำกับแถวที่ {first_line} ในไฟล์เดียวกัน"

    def compact_key(self, key: Any) -> Any:
        return int(key)  # thirteen digits, validated

    def plan(self, records: dict[Any, tuple[int, Any]]) -> tuple[dict[str, int], list[RowError]]:
        existing: dict[str, dict[str, Any]] = {}
        for chunk in chunks(list(records)):
            for row in self.locked(Person.objects.filter(national_id__in=chunk)).values(
                "id", "national_id", *PERSON_FIELDS
            ):
                existing[row["national_id"]] = row
        self.creates: list[tuple[str, dict[str, Any]]] = []
        self.updates: list[tuple[int, str, dict[str, Any], dict[str, Any]]] = []
        self.full_names: dict[int, tuple[str, str]] = {}
        errors = [
            RowError(records[nid][0], self.columns[0].header, mask_national_id(nid), NOT_YOUR_ESA)
            for nid, old in existing.items()
            if not self.may_touch(self.esa_of.get(old["organization_id"]))
        ]
        if errors:
            return {}, errors
        for nid, (_line, rec) in records.items():
            old = existing.get(nid)
            if old is None:
                self.creates.append((nid, rec))
                continue
            before = {k: old[k] for k, v in rec.items() if old[k] != v}
            if before:
                after = {k: rec[k] for k in before}
                self.full_names[old["id"]] = (rec["first_name"], rec["last_name"])
                self.updates.append(
                    (old["id"], f"{rec['first_name']} {rec['last_name']}", before, after)
                )
        self.keep_sample(
            (
                Change(
                    f"เพิ่ม {rec['first_name']} {rec['last_name']} ({mask_national_id(nid)})",
                    {},
                    {"ตำแหน่ง": rec["position"]},
                )
                for nid, rec in self.creates
            ),
            (
                Change(
                    f"แก้ไข {name}",
                    {k: shown(v) for k, v in b.items()},
                    {k: shown(v) for k, v in a.items()},
                )
                for _pk, name, b, a in self.updates
            ),
        )
        return {
            "people_created": len(self.creates),
            "people_updated": len(self.updates),
            "people_unchanged": len(records) - len(self.creates) - len(self.updates),
        }, []

    def apply(self, *, actor: User | None, reason: str) -> None:
        now = timezone.now()
        Person.objects.bulk_create(
            [Person(national_id=nid, updated_at=now, **rec) for nid, rec in self.creates],
            batch_size=1000,
        )
        ids: dict[str, int] = {}
        for chunk in chunks([nid for nid, _ in self.creates]):
            ids.update(
                Person.objects.filter(national_id__in=chunk).values_list("national_id", "id")
            )
        by_fields: dict[tuple[str, ...], list[Person]] = {}
        for pk, _name, _before, after in self.updates:
            obj = Person(pk=pk, updated_at=now, **after)
            names = list(after)
            if "first_name" in after or "last_name" in after:
                first, last = self.full_names[pk]
                obj.name_sort = person_sort_key(first, last)
                names.append("name_sort")
            by_fields.setdefault(tuple(sorted(names)), []).append(obj)
        for field_names, objs in by_fields.items():
            Person.objects.bulk_update(objs, [*field_names, "updated_at"], batch_size=500)

        def masked(rec: dict[str, Any], nid: str) -> dict[str, Any]:
            out = {k: shown(v) for k, v in rec.items()}
            out["national_id"] = mask_national_id(nid)
            return out

        items: list[tuple[Any, str, dict[str, Any] | None, dict[str, Any]]] = [
            (
                ids[nid],
                f"{rec.get('prefix', '')}{rec['first_name']} {rec['last_name']}",
                None,
                masked(rec, nid),
            )
            for nid, rec in self.creates
        ]
        items += [
            (pk, name, {k: shown(v) for k, v in b.items()}, {k: shown(v) for k, v in a.items()})
            for pk, name, b, a in self.updates
        ]
        audit_rows(
            actor=actor,
            action="orgs.person_import",
            target_type="orgs.person",
            items=items,
            reason=reason,
        )
