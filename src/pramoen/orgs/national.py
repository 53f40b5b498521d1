"""National-scale fictional data (245 ESAs, 30,000 schools, 450,000 people by default) for
benchmarks: ``pramoen demo national [--seed N] [--esas … --schools … --people …] [--out DIR]``.

Rows are generated lazily from one seeded ``random.Random`` so the same seed always gives the
same data and memory stays flat however large the counts. With ``--out`` the schools, people and
O-NET files are written in the import format (Thai headers, UTF-8 with BOM); the ESAs are still
created in the database because the other files refer to them and there is no ESA import.
Without ``--out`` everything is written to the database directly with ``bulk_create``.
Codes never collide with the demo ESA (``9999…``): ESA codes are 1001+, school codes 1xxxxxxxxx.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from itertools import islice
from pathlib import Path

from django.db import transaction

from pramoen.orgs.enums import (
    AcademicStanding,
    EsaLevel,
    OnetGrade,
    OnetSubject,
    OrganizationKind,
    Position,
    SchoolType,
)
from pramoen.orgs.fakedata import (
    DISTRICTS,
    PLACE_PARTS,
    PROVINCES,
    SCHOOL_PATTERNS,
    fake_national_id,
    person_name,
)
from pramoen.orgs.imports.engine import Importer
from pramoen.orgs.imports.importers import OnetImporter, PersonImporter, SchoolImporter
from pramoen.orgs.models import Enrollment, OnetMean, Organization, Person
from pramoen.orgs.region_services import regions_ensure
from pramoen.orgs.regions import region_for_index
from pramoen.thai import format_thai_date

YEAR = 2568
PEOPLE_ID_OFFSET = 10_000_000  # the demo ESA's people use fake IDs 1…~2,100
BATCH = 2000
Log = Callable[[str], None]

_TYPE_LABEL = {
    SchoolType.PRIMARY: "ประถมศึกษา",
    SchoolType.EXTENDED: "ขยายโอกาสทางการศึกษา",
    SchoolType.SECONDARY: "มัธยมศึกษา",
}
_POSITION_LABEL = dict(Position.choices)
_STANDING_LABEL = dict(AcademicStanding.choices)


@dataclass(frozen=True, slots=True)
class EsaSpec:
    code: str
    name: str
    level: str
    number: int
    province: str


def esa_specs(count: int) -> list[EsaSpec]:
    """Three quarters primary (สพป.), the rest secondary (สพม.) — OBEC has 183 and 62."""
    primary = round(count * 183 / 245)
    specs = []
    for index in range(count):
        level = EsaLevel.PRIMARY if index < primary else EsaLevel.SECONDARY
        province = PROVINCES[index % len(PROVINCES)]
        number = index // len(PROVINCES) + 1
        short = "ประถมศึกษา" if level == EsaLevel.PRIMARY else "มัธยมศึกษา"
        specs.append(
            EsaSpec(
                code=f"{1001 + index}",
                name=f"สำนักงานเขตพื้นที่การศึกษา{short}{province} เขต {number} (จำลอง {index + 1})",
                level=level,
                number=number,
                province=province,
            )
        )
    return specs


def school_rows(seed: int, esas: list[EsaSpec], count: int) -> Iterator[dict[str, str]]:
    """School rows keyed by import column key; secondary schools go to secondary ESAs."""
    rng = random.Random(seed)  # noqa: S311 — reproducible fiction
    primary = [e for e in esas if e.level == EsaLevel.PRIMARY] or esas
    secondary = [e for e in esas if e.level == EsaLevel.SECONDARY] or esas
    for index in range(count):
        kind = (
            SchoolType.SECONDARY
            if rng.random() < 0.08
            else (SchoolType.EXTENDED if rng.random() < 0.3 else SchoolType.PRIMARY)
        )
        esa = rng.choice(secondary if kind == SchoolType.SECONDARY else primary)
        place = rng.choice(PLACE_PARTS)
        name = rng.choice(SCHOOL_PATTERNS).format(p=place) + f" {index + 1}"
        students = max(8, min(int(rng.lognormvariate(4.9, 0.8)), 4000))
        yield {
            "code": f"{1_000_000_000 + index}",
            "smis_code": f"{10_000_000 + index}",
            "obec_code": f"{100_000 + index}",
            "name_th": name,
            "name_en": "",
            "school_type": _TYPE_LABEL[kind],
            "levels": "ปฐมวัย, ประถมศึกษา" if kind != SchoolType.SECONDARY else "มัธยมศึกษาตอนต้น",
            "network": f"กลุ่มโรงเรียน{rng.choice(DISTRICTS)}",
            "esa_code": esa.code,
            "address": f"{rng.randrange(1, 300)} หมู่ {rng.randrange(1, 15)}",
            "subdistrict": place,
            "district": rng.choice(DISTRICTS),
            "province": esa.province,
            "postcode": f"{rng.randrange(10000, 99999)}",
            "academic_year": str(YEAR),
            "students": str(students),
        }


def people_rows(
    seed: int, school_codes: list[str], esa_codes: list[str], count: int
) -> Iterator[dict[str, str]]:
    rng = random.Random(seed + 1)  # noqa: S311 — reproducible fiction
    today = date(2026, 11, 1)
    for index in range(count):
        at_esa = rng.random() < 0.03
        org = rng.choice(esa_codes if at_esa else school_codes)
        position = (
            rng.choice([Position.SUPERVISOR, Position.OTHER_38C2])
            if at_esa
            else rng.choices(
                [
                    Position.TEACHER,
                    Position.DIRECTOR,
                    Position.DEPUTY_DIRECTOR,
                    Position.ASSISTANT_TEACHER,
                    Position.CONTRACT_TEACHER,
                ],
                weights=[80, 5, 3, 8, 4],
            )[0]
        )
        prefix, first, last = person_name(rng)
        started = today - timedelta(days=rng.randrange(10, 9000))
        yield {
            "national_id": fake_national_id(PEOPLE_ID_OFFSET + index),
            "prefix": prefix,
            "first_name": first,
            "last_name": last,
            "position": str(_POSITION_LABEL[position]),
            "academic_standing": str(_STANDING_LABEL[rng.choice(list(AcademicStanding))]),
            "org_code": org,
            "position_started_on": format_thai_date(started, "numeric"),
            "organization_started_on": format_thai_date(started, "numeric"),
        }


def onet_rows(seed: int, school_codes: list[str], count: int) -> Iterator[dict[str, str]]:
    """P6 means in four subjects for the first ``count`` // 4 schools."""
    rng = random.Random(seed + 2)  # noqa: S311 — reproducible fiction
    subjects = ["ภาษาไทย", "คณิตศาสตร์", "วิทยาศาสตร์", "ภาษาอังกฤษ"]
    produced = 0
    for code in school_codes:
        for subject in subjects:
            if produced >= count:
                return
            produced += 1
            yield {
                "org_code": code,
                "academic_year": str(YEAR - 1),
                "grade": "ป.6",
                "subject": subject,
                "mean": f"{rng.uniform(20, 60):.2f}",
            }


def write_csv(path: Path, importer_class: type[Importer], rows: Iterator[dict[str, str]]) -> int:
    """Write rows in the import format (Thai headers, UTF-8 with BOM); returns the row count."""
    columns = importer_class.columns
    written = 0
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([c.header for c in columns])
        for row in rows:
            writer.writerow([row.get(c.key, "") for c in columns])
            written += 1
    return written


@transaction.atomic
def create_esas(specs: list[EsaSpec]) -> dict[str, int]:
    obec, _ = Organization.objects.get_or_create(
        kind=OrganizationKind.OBEC,
        code="OBEC",
        defaults={"name_th": "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน", "name_en": "OBEC"},
    )
    # The provinces are fictional, so the 18 regions are dealt out in turn (about 14 ESAs each,
    # like the real average of 245 / 18).
    regions = regions_ensure(actor=None, audit=False)
    have = set(
        Organization.objects.filter(kind=OrganizationKind.ESA).values_list("code", flat=True)
    )
    Organization.objects.bulk_create(
        [
            Organization(
                kind=OrganizationKind.ESA,
                parent=obec,
                code=s.code,
                name_th=s.name,
                esa_level=s.level,
                esa_number=s.number,
                province=s.province,
                region=regions[region_for_index(index).number],
            )
            for index, s in enumerate(specs)
            if s.code not in have
        ]
    )
    return dict(
        Organization.objects.filter(
            kind=OrganizationKind.ESA, code__in=[s.code for s in specs]
        ).values_list("code", "id")
    )


def _batches(rows: Iterator[dict[str, str]], size: int = BATCH) -> Iterator[list[dict[str, str]]]:
    while batch := list(islice(rows, size)):
        yield batch


_TYPE_VALUE = {label: value for value, label in _TYPE_LABEL.items()}
_POSITION_VALUE = {str(label): value for value, label in Position.choices}
_STANDING_VALUE = {str(label): value for value, label in AcademicStanding.choices}


def write_database(*, seed: int, esas: int, schools: int, people: int, log: Log) -> None:
    """Bulk-insert the generated rows (what is already there, by code/ID, is skipped)."""
    from pramoen.thai import parse_thai_date

    specs = esa_specs(esas)
    esa_ids = create_esas(specs)
    log(f"เขตพื้นที่ {len(esa_ids)} เขต")
    have = set(
        Organization.objects.filter(kind=OrganizationKind.SCHOOL).values_list("code", flat=True)
    )
    made = 0
    for batch in _batches(school_rows(seed, specs, schools)):
        new = [r for r in batch if r["code"] not in have]
        with transaction.atomic():
            Organization.objects.bulk_create(
                [
                    Organization(
                        kind=OrganizationKind.SCHOOL,
                        parent_id=esa_ids[r["esa_code"]],
                        code=r["code"],
                        smis_code=r["smis_code"],
                        obec_code=r["obec_code"],
                        name_th=r["name_th"],
                        school_type=_TYPE_VALUE[r["school_type"]],
                        levels="early,primary" if "ปฐมวัย" in r["levels"] else "lower_secondary",
                        address=r["address"],
                        subdistrict=r["subdistrict"],
                        district=r["district"],
                        province=r["province"],
                        postcode=r["postcode"],
                    )
                    for r in new
                ]
            )
            ids = dict(
                Organization.objects.filter(
                    kind=OrganizationKind.SCHOOL, code__in=[r["code"] for r in new]
                ).values_list("code", "id")
            )
            Enrollment.objects.bulk_create(
                [
                    Enrollment(
                        school_id=ids[r["code"]], academic_year=YEAR, students=int(r["students"])
                    )
                    for r in new
                ]
            )
        made += len(new)
    log(f"สถานศึกษาเพิ่มใหม่ {made:,} แห่ง")
    codes = [f"{1_000_000_000 + i}" for i in range(schools)]
    school_ids = dict(
        Organization.objects.filter(kind=OrganizationKind.SCHOOL, code__startswith="1").values_list(
            "code", "id"
        )
    )
    org_ids = {**school_ids, **esa_ids}
    have_people = set(
        Person.objects.filter(national_id__startswith="199").values_list("national_id", flat=True)
    )
    made = 0
    for batch in _batches(people_rows(seed, codes, list(esa_ids), people)):
        objs = [
            Person(
                national_id=r["national_id"],
                prefix=r["prefix"],
                first_name=r["first_name"],
                last_name=r["last_name"],
                position=_POSITION_VALUE[r["position"]],
                academic_standing=_STANDING_VALUE[r["academic_standing"]],
                organization_id=org_ids[r["org_code"]],
                position_started_on=parse_thai_date(r["position_started_on"]),
                organization_started_on=parse_thai_date(r["organization_started_on"]),
            )
            for r in batch
            if r["national_id"] not in have_people
        ]
        Person.objects.bulk_create(objs)
        made += len(objs)
    log(f"บุคลากรเพิ่มใหม่ {made:,} คน")
    have_onet = OnetMean.objects.filter(academic_year=YEAR - 1).exists()
    if not have_onet:
        subject = {
            "ภาษาไทย": OnetSubject.THAI,
            "คณิตศาสตร์": OnetSubject.MATH,
            "วิทยาศาสตร์": OnetSubject.SCIENCE,
            "ภาษาอังกฤษ": OnetSubject.ENGLISH,
        }
        for batch in _batches(onet_rows(seed, codes, schools * 4)):
            OnetMean.objects.bulk_create(
                [
                    OnetMean(
                        organization_id=school_ids[r["org_code"]],
                        academic_year=YEAR - 1,
                        grade=OnetGrade.P6,
                        subject=subject[r["subject"]],
                        mean=Decimal(r["mean"]),
                    )
                    for r in batch
                ]
            )
        log("คะแนนเฉลี่ย O-NET ป.6 ครบทุกโรงเรียน")


def write_files(*, seed: int, esas: int, schools: int, people: int, out: Path, log: Log) -> None:
    specs = esa_specs(esas)
    esa_ids = create_esas(specs)
    log(f"เขตพื้นที่ {len(esa_ids)} เขต (สร้างในฐานข้อมูล เพราะไฟล์อื่นอ้างถึง)")
    out.mkdir(parents=True, exist_ok=True)
    n = write_csv(out / "schools.csv", SchoolImporter, school_rows(seed, specs, schools))
    log(f"{out / 'schools.csv'}: {n:,} แถว")
    codes = [f"{1_000_000_000 + i}" for i in range(schools)]
    n = write_csv(
        out / "people.csv", PersonImporter, people_rows(seed, codes, list(esa_ids), people)
    )
    log(f"{out / 'people.csv'}: {n:,} แถว")
    n = write_csv(out / "onet.csv", OnetImporter, onet_rows(seed, codes, schools * 4))
    log(f"{out / 'onet.csv'}: {n:,} แถว")
