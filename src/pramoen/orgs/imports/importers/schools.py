"""Schools: upsert by school code, with network, size codes and student counts per year."""

from __future__ import annotations

from array import array
from typing import Any

from django.db import connection
from django.utils import timezone

from pramoen.core.types import User
from pramoen.orgs.enums import (
    Level,
    OrganizationKind,
    SchoolType,
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
    fast_insert,
    parse_choice,
    parse_code,
)
from pramoen.orgs.imports.importers.common import (
    CODE_WIDTHS,
    Collector,
    chunks,
    parse_year,
    required,
    shown,
)
from pramoen.orgs.models import (
    Enrollment,
    Organization,
    SchoolNetwork,
    school_sort_key,
)
from pramoen.thai import (
    parse_int,
)

SCHOOL_TYPES = choice_lookup(
    SchoolType.choices,
    {"ประถม": "primary", "ขยายโอกาส": "extended", "มัธยม": "secondary"},
)
LEVELS = choice_lookup(
    Level.choices,
    {"อนุบาล": "early", "ประถม": "primary", "ม.ต้น": "lower_secondary", "ม.ปลาย": "upper_secondary"},
)
_LEVEL_ORDER = [value for value, _ in Level.choices]
SCHOOL_FIELDS = (
    "name_th",
    "name_en",
    "smis_code",
    "obec_code",
    "school_type",
    "levels",
    "address",
    "subdistrict",
    "district",
    "province",
    "postcode",
)


def parse_levels(value: str) -> str:
    parts = [p for p in value.replace("/", ",").replace("、", ",").split(",") if p.strip()]
    found = {parse_choice(p, LEVELS, "ระดับที่เปิดสอน") for p in parts}
    return ",".join(v for v in _LEVEL_ORDER if v in found)


class SchoolImporter(Importer):
    kind = "schools"
    title = "สถานศึกษา"
    columns = (
        Column(
            "code",
            "รหัสโรงเรียน (10 หลัก)",
            True,
            "1096000001",
            "รหัสสถานศึกษา 10 หลักของ สพฐ.",
            ("รหัสสถานศึกษา", "school_code"),
        ),
        Column("smis_code", "รหัส SMIS (8 หลัก)", False, "96010001", "", ("smis",)),
        Column(
            "obec_code",
            "รหัส Percode (6 หลัก)",
            False,
            "960001",
            "",
            ("percode", "รหัส สพฐ.", "รหัส สพฐ"),
        ),
        Column("name_th", "ชื่อโรงเรียน", True, "โรงเรียนบ้านหนองบัว", "", ("ชื่อสถานศึกษา",)),
        Column("name_en", "ชื่อภาษาอังกฤษ", False, "Ban Nong Bua School"),
        Column(
            "school_type",
            "ประเภทโรงเรียน",
            True,
            "ประถมศึกษา",
            "ประถมศึกษา / ขยายโอกาสทางการศึกษา / มัธยมศึกษา",
        ),
        Column(
            "levels",
            "ระดับที่เปิดสอน",
            False,
            "ปฐมวัย, ประถมศึกษา",
            "คั่นด้วยจุลภาค: ปฐมวัย, ประถมศึกษา, มัธยมศึกษาตอนต้น, มัธยมศึกษาตอนปลาย, การศึกษาพิเศษ",
        ),
        Column(
            "network",
            "กลุ่มโรงเรียน",
            False,
            "กลุ่มโรงเรียนหนองบัว",
            "ชื่อกลุ่มโรงเรียน ถ้ายังไม่มีในระบบ ระบบจะสร้างให้",
        ),
        Column("esa_code", "รหัสเขตพื้นที่", True, "9999", "รหัสสำนักงานเขตพื้นที่การศึกษาที่มีในระบบ"),
        Column("address", "ที่อยู่", False, "99 หมู่ 1"),
        Column("subdistrict", "ตำบล", False, "หนองบัว"),
        Column("district", "อำเภอ", False, "เมืองสมมติ"),
        Column("province", "จังหวัด", False, "สมมติ"),
        Column("postcode", "รหัสไปรษณีย์", False, "96000"),
        Column(
            "academic_year",
            "ปีการศึกษา",
            False,
            "2568",
            "ปี พ.ศ. ของจำนวนนักเรียน (ต้องกรอกคู่กับจำนวนนักเรียน)",
        ),
        Column("students", "จำนวนนักเรียน", False, "118", "ใช้กำหนดขนาดโรงเรียนของปีการศึกษานั้น"),
    )

    def prepare(self) -> None:
        self.esas = dict(
            Organization.objects.filter(kind=OrganizationKind.ESA).values_list("code", "id")
        )
        # File-wide, for SMIS/Percode checks across batches (codes kept as ints: compact).
        self.lines = IntLines()
        self.value_lines = {f: IntLines() for f in CODE_WIDTHS}  # code → first line
        self.line_values: dict[str, array[int]] = {f: array("q") for f in CODE_WIDTHS}  # -1: none
        # Code clashes with a school in the database, resolved once the whole file is known.
        self.pending: list[tuple[int, str, str, str, str, int | None]] = []
        # Codes an earlier batch of this commit took away from a school (a swap's first half).
        self.released: dict[str, dict[str, str]] = {f: {} for f in CODE_WIDTHS}
        self.networks: dict[tuple[int, str], int] = {}
        self.network_esas: set[int] = set()
        self.planned_networks: set[tuple[int, str]] = set()

    def compact_key(self, key: Any) -> Any:
        return int(key)  # ten digits, validated: an int is a third the size of the text

    def parse(self, row: dict[str, str]) -> tuple[Any, Any]:
        c = Collector(self)
        rec: dict[str, Any] = {}
        code = c.run("code", row["code"], lambda v: parse_code(v, 10, "รหัสโรงเรียน"))
        name = c.run("name_th", row["name_th"], lambda v: required(v, "ชื่อโรงเรียน"))
        rec["name_th"] = name
        rec["school_type"] = c.run(
            "school_type",
            row["school_type"],
            lambda v: parse_choice(required(v, "ประเภทโรงเรียน"), SCHOOL_TYPES, "ประเภทโรงเรียน "),
        )
        esa_code = clean_code(row["esa_code"])
        esa_id = self.esas.get(esa_code)
        if not esa_code:
            c.add("esa_code", "", "กรุณากรอกรหัสเขตพื้นที่")
        elif esa_id is None:
            c.add("esa_code", row["esa_code"], f"ไม่พบเขตพื้นที่รหัส {esa_code} ในระบบ")
        elif not self.may_touch(esa_id):
            c.add("esa_code", row["esa_code"], NOT_YOUR_ESA)
        rec["parent_id"] = esa_id
        if "smis_code" in row:
            rec["smis_code"] = row["smis_code"] and c.run(
                "smis_code", row["smis_code"], lambda v: parse_code(v, 8, "รหัส SMIS ")
            )
        if "obec_code" in row:
            rec["obec_code"] = row["obec_code"] and c.run(
                "obec_code", row["obec_code"], lambda v: parse_code(v, 6, "รหัส Percode ")
            )
        if "levels" in row:
            rec["levels"] = c.run("levels", row["levels"], parse_levels)
        if "postcode" in row:
            rec["postcode"] = row["postcode"] and c.run(
                "postcode", row["postcode"], lambda v: parse_code(v, 5, "รหัสไปรษณีย์")
            )
        for key in ("name_en", "address", "subdistrict", "district", "province"):
            if key in row:
                rec[key] = row[key]
        if "network" in row:
            rec["network"] = row["network"]
        year_text, students_text = row.get("academic_year", ""), row.get("students", "")
        if year_text or students_text:
            if not year_text:
                c.add("academic_year", "", "กรอกจำนวนนักเรียนแล้ว กรุณากรอกปีการศึกษาด้วย")
            if not students_text:
                c.add("students", "", "กรอกปีการศึกษาแล้ว กรุณากรอกจำนวนนักเรียนด้วย")
            if year_text and students_text:
                rec["academic_year"] = c.run("academic_year", year_text, parse_year)
                rec["students"] = c.run("students", students_text, _count)
        c.raise_if_any()
        return code, rec

    def duplicate_message(self, first_line: int) -> str:
        return f"รหัสโรงเรียนซ้ำกับแถวที่ {first_line} ในไฟล์เดียวกัน"

    def plan(self, records: dict[Any, tuple[int, Any]]) -> tuple[dict[str, int], list[RowError]]:
        errors: list[RowError] = []
        codes = list(records)
        headers = {c.key: c.header for c in self.columns}
        existing: dict[str, dict[str, Any]] = {}
        for chunk in chunks(codes):
            for row in self.locked(
                Organization.objects.filter(kind=OrganizationKind.SCHOOL, code__in=chunk)
            ).values("id", "code", "parent_id", "network_id", *SCHOOL_FIELDS):
                existing[row["code"]] = row
        for code, row in existing.items():
            if not self.may_touch(row["parent_id"]):
                errors.append(RowError(records[code][0], headers["code"], code, NOT_YOUR_ESA))
        errors += self._code_clashes(records, headers)
        if errors:
            return {}, errors

        esa_ids = {rec["parent_id"] for _line, rec in records.values()} - self.network_esas
        self.network_esas |= esa_ids
        networks = self.networks
        networks.update(
            {
                (esa_id, name): pk
                for pk, esa_id, name in SchoolNetwork.objects.filter(
                    esa_id__in=esa_ids
                ).values_list("id", "esa_id", "name")
            }
        )
        # A network new to the database is counted (and created) once, by the first batch.
        self.new_networks = sorted(
            {
                (rec["parent_id"], rec["network"])
                for _l, rec in records.values()
                if rec.get("network")
                and (rec["parent_id"], rec["network"]) not in networks
                and (rec["parent_id"], rec["network"]) not in self.planned_networks
            }
        )
        self.planned_networks.update(self.new_networks)
        self.creates: list[tuple[str, dict[str, Any]]] = []
        self.updates: list[tuple[int, str, str, dict[str, Any], dict[str, Any]]] = []
        self.update_esa: dict[int, int] = {}
        for code, (_line, rec) in records.items():
            old = existing.get(code)
            if old is None:
                self.creates.append((code, rec))
                continue
            before, after = {}, {}
            for key, value in rec.items():
                if key in ("academic_year", "students"):
                    continue
                if key == "network":
                    new_id = networks.get((rec["parent_id"], value)) if value else None
                    if not value and old["network_id"] is None:
                        continue
                    if value and new_id == old["network_id"]:
                        continue
                    before["network_id"], after["network"] = old["network_id"], value
                    continue
                if old[key] != value:
                    before[key], after[key] = old[key], value
            if before:
                self.updates.append((old["id"], code, rec["name_th"], before, after))
                self.update_esa[old["id"]] = rec["parent_id"]

        enrol_wanted = {
            code: (rec["academic_year"], rec["students"])
            for code, (_l, rec) in records.items()
            if rec.get("academic_year")
        }
        ids = {code: row["id"] for code, row in existing.items()}
        self.existing_ids = ids
        current: dict[tuple[int, int], tuple[int, int]] = {}
        id_list = [ids[c] for c in enrol_wanted if c in ids]
        for chunk in chunks(id_list):
            for pk, school_id, year, students in self.locked(
                Enrollment.objects.filter(school_id__in=chunk)
            ).values_list("id", "school_id", "academic_year", "students"):
                current[(school_id, year)] = (pk, students)
        self.enrol_creates: list[tuple[str, int, int]] = []
        self.enrol_updates: list[tuple[int, str, int, int, int]] = []
        for code, (year, students) in enrol_wanted.items():
            found = current.get((ids.get(code, -1), year))
            if found is None:
                self.enrol_creates.append((code, year, students))
            elif found[1] != students:
                self.enrol_updates.append((found[0], code, year, found[1], students))
        self.keep_sample(
            (
                Change(f"เพิ่ม {code} {rec['name_th']}", {}, {"ชื่อ": rec["name_th"]})
                for code, rec in self.creates
            ),
            (
                Change(
                    f"แก้ไข {code} {name}",
                    {k: shown(v) for k, v in b.items()},
                    {k: shown(v) for k, v in a.items()},
                )
                for _pk, code, name, b, a in self.updates
            ),
        )
        unchanged = len(records) - len(self.creates) - len(self.updates)
        return {
            "schools_created": len(self.creates),
            "schools_updated": len(self.updates),
            "schools_unchanged": unchanged,
            "networks_created": len(self.new_networks),
            "enrollments_created": len(self.enrol_creates),
            "enrollments_updated": len(self.enrol_updates),
        }, []

    def _code_clashes(
        self, records: dict[Any, tuple[int, Any]], headers: dict[str, str]
    ) -> list[RowError]:
        """SMIS and Percode stay unique across schools, in the file and in the database.

        A code held today by another school that the same file gives up (two schools swapping
        codes, or one taking a code another drops) is refused too: the rows are written one by
        one, so the database's unique index would fail on whichever comes first. Whether the
        holder is in the file is known only at the end, so those clashes wait for finish();
        each fails the file either way, so no batch is written once one is found.
        """
        errors: list[RowError] = []
        for field_key in CODE_WIDTHS:
            value_lines, line_values = self.value_lines[field_key], self.line_values[field_key]
            first: dict[str, tuple[int, str]] = {}  # values this batch claims first in the file
            for code, (line, rec) in records.items():
                value = rec.get(field_key)
                if len(line_values) <= line:
                    line_values.extend([-1] * (line + 1 - len(line_values)))
                line_values[line] = int(value) if value else -1
                if not value:
                    continue
                seen_line = value_lines.get(int(value))
                if seen_line is not None:
                    errors.append(
                        RowError(
                            line,
                            headers[field_key],
                            value,
                            f"ซ้ำกับแถวที่ {seen_line} ในไฟล์เดียวกัน",
                        )
                    )
                else:
                    value_lines[int(value)] = line
                    first[value] = (line, code)
            holders = [
                (other_code, value, other_esa)
                for chunk in chunks(list(first))
                for other_code, value, other_esa in Organization.objects.filter(
                    kind=OrganizationKind.SCHOOL, **{f"{field_key}__in": chunk}
                ).values_list("code", field_key, "parent_id")
            ]
            released = self.released[field_key]
            holders += [(released[v], v, None) for v in first if v in released]
            for other_code, value, other_esa in holders:
                line, code = first[value]
                if other_code != code:
                    self.pending.append((line, code, field_key, value, other_code, other_esa))
                    self.blocked = True
        return errors

    def finish(self) -> list[RowError]:
        headers = {c.key: c.header for c in self.columns}
        errors: list[RowError] = []
        for line, code, field_key, value, other_code, other_esa in self.pending:
            label = headers[field_key].split(" (")[0]
            other_line = self.lines.get(self.compact_key(other_code))
            if other_line is not None:
                other_value = self.line_values[field_key][other_line]
                if other_value == int(value):
                    continue  # both rows claim it: reported as a duplicate in the file
                now = f"{other_value:0{CODE_WIDTHS[field_key]}d}" if other_value >= 0 else "ค่าว่าง"
                message = (
                    f"{label} {value} ยังเป็นของโรงเรียนรหัส {other_code} (แถวที่ "
                    f"{other_line}) ซึ่งไฟล์นี้เปลี่ยนเป็น {now} — ระบบสลับหรือย้ายรหัส"
                    f"ระหว่างโรงเรียนในไฟล์เดียวกันไม่ได้ กรุณานำเข้าสองรอบ: รอบแรกเว้น{label}"
                    f"ของโรงเรียนรหัส {code} (แถวที่ {line}) ให้ว่าง แล้วจึงนำเข้าไฟล์นี้"
                )
            elif self.may_touch(other_esa):
                message = f"ซ้ำกับโรงเรียนรหัส {other_code} ที่มีอยู่ในระบบ"
            else:
                # Not the uploader's school: say that it is taken, never by whom.
                message = f"{label}นี้เป็นของโรงเรียนในเขตพื้นที่อื่นแล้ว กรุณาตรวจสอบรหัส"
            errors.append(RowError(line, headers[field_key], value, message))
        return errors

    def apply(self, *, actor: User | None, reason: str) -> None:
        now = timezone.now()
        if self.new_networks:
            SchoolNetwork.objects.bulk_create(
                [SchoolNetwork(esa_id=esa_id, name=name) for esa_id, name in self.new_networks],
                batch_size=500,
            )
            esa_ids = {esa_id for esa_id, _ in self.new_networks}
            self.networks.update(
                {
                    (esa_id, name): pk
                    for pk, esa_id, name in SchoolNetwork.objects.filter(
                        esa_id__in=esa_ids
                    ).values_list("id", "esa_id", "name")
                }
            )

        def network_id(rec: dict[str, Any]) -> int | None:
            name = rec.get("network")
            return self.networks[(rec["parent_id"], name)] if name else None

        stamp = connection.ops.adapt_datetimefield_value(now)
        fast_insert(
            Organization,
            [
                "kind",
                "parent",
                "code",
                "name_th",
                "name_sort",
                "esa_level",
                "esa_number",
                *[f for f in SCHOOL_FIELDS if f != "name_th"],
                "network",
                "updated_at",
            ],
            (
                (
                    OrganizationKind.SCHOOL.value,
                    rec["parent_id"],
                    code,
                    rec["name_th"],
                    school_sort_key(rec["name_th"]),
                    "",
                    None,
                    *[rec.get(f, "") for f in SCHOOL_FIELDS if f != "name_th"],
                    network_id(rec),
                    stamp,
                )
                for code, rec in self.creates
            ),
        )
        created_ids: dict[str, int] = {}
        created_codes = [code for code, _ in self.creates]
        for chunk in chunks(created_codes):
            created_ids.update(
                Organization.objects.filter(
                    kind=OrganizationKind.SCHOOL, code__in=chunk
                ).values_list("code", "id")
            )

        by_fields: dict[tuple[str, ...], list[Organization]] = {}
        for pk, code, _name, before, after in self.updates:
            for field_key in CODE_WIDTHS:
                if field_key in after and before[field_key]:
                    # A later batch claiming this code gets the same refusal as in a dry run.
                    self.released[field_key][before[field_key]] = code
            obj = Organization(pk=pk, updated_at=now)
            names = []
            for key, value in after.items():
                if key == "network":
                    esa_id = self.update_esa[pk]
                    obj.network_id = self.networks[(esa_id, value)] if value else None
                    names.append("network_id")
                else:
                    setattr(obj, key, value)
                    names.append(key)
                    if key == "name_th":
                        obj.name_sort = school_sort_key(value)
                        names.append("name_sort")
            by_fields.setdefault(tuple(sorted(names)), []).append(obj)
        for field_names, objs in by_fields.items():
            Organization.objects.bulk_update(objs, [*field_names, "updated_at"], batch_size=500)

        all_ids = {**self.existing_ids, **created_ids}
        fast_insert(
            Enrollment,
            ["school", "academic_year", "students"],
            ((all_ids[code], year, students) for code, year, students in self.enrol_creates),
        )
        Enrollment.objects.bulk_update(
            [Enrollment(pk=pk, students=new) for pk, _c, _y, _old, new in self.enrol_updates],
            ["students"],
            batch_size=500,
        )

        enrol_after = {code: (year, students) for code, year, students in self.enrol_creates}
        enrol_change = {code: (year, old, new) for _pk, code, year, old, new in self.enrol_updates}
        items: list[tuple[Any, str, dict[str, Any] | None, dict[str, Any]]] = []
        for code, rec in self.creates:
            after = {k: shown(v) for k, v in rec.items() if k != "parent_id"}
            items.append((created_ids[code], rec["name_th"], None, after))
        updated_codes = set()
        for pk, code, name, before, after in self.updates:
            before, after = dict(before), dict(after)
            if code in enrol_change:
                year, old, new = enrol_change[code]
                before[f"students_{year}"], after[f"students_{year}"] = old, new
            elif code in enrol_after:
                year, students = enrol_after[code]
                after[f"students_{year}"] = students
            items.append((pk, name, before, after))
            updated_codes.add(code)
        # Schools whose only change is this year's student count still get their own row.
        for _pk, code, year, old, new in self.enrol_updates:
            if code not in updated_codes:
                items.append(
                    (all_ids[code], code, {f"students_{year}": old}, {f"students_{year}": new})
                )
        for code, year, students in self.enrol_creates:
            if code not in updated_codes and code not in created_ids:
                items.append((all_ids[code], code, None, {f"students_{year}": students}))
        audit_rows(
            actor=actor,
            action="orgs.school_import",
            target_type="orgs.organization",
            items=items,
            reason=reason,
        )


def _count(value: str) -> int:
    number = parse_int(value)
    if number < 0:
        raise ValueError("จำนวนนักเรียนต้องไม่ติดลบ")
    return number
