"""O-NET means: upsert by organization, academic year, grade and subject."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from pramoen.core.types import User
from pramoen.orgs.enums import (
    OnetGrade,
    OnetSubject,
)
from pramoen.orgs.imports.engine import (
    NOT_YOUR_ESA,
    Column,
    Importer,
    RowError,
    audit_rows,
    choice_lookup,
    clean_code,
    parse_choice,
)
from pramoen.orgs.imports.importers.common import Collector, chunks, organization_codes, parse_year
from pramoen.orgs.models import (
    OnetMean,
)
from pramoen.thai import (
    parse_decimal,
)

GRADES = choice_lookup(
    OnetGrade.choices, {"ป6": "p6", "ม3": "m3", "ม6": "m6", "ป.๖": "p6", "ม.๓": "m3", "ม.๖": "m6"}
)
SUBJECTS = choice_lookup(
    OnetSubject.choices,
    {
        "ไทย": "thai",
        "คณิต": "math",
        "วิทย์": "science",
        "อังกฤษ": "english",
        "สังคม": "social",
        "สังคมศึกษา": "social",
    },
)


class OnetImporter(Importer):
    kind = "onet"
    title = "ผล O-NET"
    columns = (
        Column(
            "org_code",
            "รหัสหน่วยงาน",
            True,
            "1096000001",
            "รหัสโรงเรียน 10 หลัก หรือรหัสเขตพื้นที่ (สำหรับค่าเฉลี่ยระดับเขต)",
            ("รหัสโรงเรียน",),
        ),
        Column("academic_year", "ปีการศึกษา", True, "2567"),
        Column("grade", "ชั้น", True, "ป.6", "ป.6 / ม.3 / ม.6"),
        Column(
            "subject",
            "วิชา",
            True,
            "คณิตศาสตร์",
            "ภาษาไทย / คณิตศาสตร์ / วิทยาศาสตร์ / ภาษาอังกฤษ / สังคมศึกษา",
        ),
        Column("mean", "คะแนนเฉลี่ย", True, "35.42", "0–100 ทศนิยมไม่เกิน 2 ตำแหน่ง"),
    )

    def prepare(self) -> None:
        self.orgs, self.esa_of = organization_codes()

    def parse(self, row: dict[str, str]) -> tuple[Any, Any]:
        c = Collector(self)
        code = clean_code(row["org_code"])
        org_id = self.orgs.get(code)
        if org_id is None:
            c.add(
                "org_code",
                row["org_code"],
                f"ไม่พบโรงเรียนหรือเขตพื้นที่รหัส {code} ในระบบ" if code else "กรุณากรอกรหัสหน่วยงาน",
            )
        elif not self.may_touch(self.esa_of[org_id]):
            c.add("org_code", row["org_code"], NOT_YOUR_ESA)
        year = c.run("academic_year", row["academic_year"], parse_year)
        grade = c.run("grade", row["grade"], lambda v: parse_choice(v, GRADES, "ชั้น "))
        subject = c.run("subject", row["subject"], lambda v: parse_choice(v, SUBJECTS, "วิชา "))
        mean = c.run("mean", row["mean"], _mean)
        c.raise_if_any()
        return (org_id, year, grade, subject), mean

    def plan(self, records: dict[Any, tuple[int, Any]]) -> tuple[dict[str, int], list[RowError]]:
        org_ids = sorted({key[0] for key in records})
        existing: dict[tuple[int, int, str, str], tuple[int, Decimal]] = {}
        for chunk in chunks(org_ids):
            for pk, org, year, grade, subject, mean in self.locked(
                OnetMean.objects.filter(organization_id__in=chunk)
            ).values_list("id", "organization_id", "academic_year", "grade", "subject", "mean"):
                existing[(org, year, grade, subject)] = (pk, mean)
        self.creates = [(k, m) for k, (_l, m) in records.items() if k not in existing]
        self.updates = [
            (existing[k][0], k, existing[k][1], m)
            for k, (_l, m) in records.items()
            if k in existing and existing[k][1] != m
        ]
        return {
            "onet_created": len(self.creates),
            "onet_updated": len(self.updates),
            "onet_unchanged": len(records) - len(self.creates) - len(self.updates),
        }, []

    def apply(self, *, actor: User | None, reason: str) -> None:
        OnetMean.objects.bulk_create(
            [
                OnetMean(organization_id=o, academic_year=y, grade=g, subject=s, mean=m)
                for (o, y, g, s), m in self.creates
            ],
            batch_size=1000,
        )
        OnetMean.objects.bulk_update(
            [OnetMean(pk=pk, mean=m) for pk, _k, _old, m in self.updates], ["mean"], batch_size=500
        )
        rows: list[tuple[tuple[int, int, str, str], Decimal | None, Decimal]] = [
            (key, None, mean) for key, mean in self.creates
        ]
        rows += [(key, old, mean) for _pk, key, old, mean in self.updates]
        items: Iterable[tuple[Any, str, dict[str, Any] | None, dict[str, Any]]] = [
            (
                org,
                f"O-NET {year} {grade} {subject}",
                None if old is None else {"mean": str(old)},
                {"year": year, "grade": grade, "subject": subject, "mean": str(mean)},
            )
            for (org, year, grade, subject), old, mean in rows
        ]
        audit_rows(
            actor=actor,
            action="orgs.onet_import",
            target_type="orgs.organization",
            items=items,
            reason=reason,
        )


def _mean(value: str) -> Decimal:
    number = parse_decimal(value)
    if not Decimal(0) <= number <= Decimal(100):
        raise ValueError("คะแนนเฉลี่ยต้องอยู่ระหว่าง 0 ถึง 100")
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        raise ValueError("คะแนนเฉลี่ยมีทศนิยมได้ไม่เกิน 2 ตำแหน่ง")
    return number.quantize(Decimal("0.01"))
