"""Demo master data: one fictional primary ESA with ~150 schools of every type and size, ~2,000
staff with histories, and a KPI 10 quality-school network.

Deterministic (one seeded ``random.Random``), idempotent (only what is missing is inserted, so
edits made in the demo survive a re-run) and fast (``bulk_create``; a second run only reads
keys) — ``make run`` loads it every time. Demo rows are not written to the audit log: they are
fixtures, not anyone's change.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from pramoen.orgs.enums import (
    AcademicStanding,
    AwardDomain,
    AwardLevel,
    AwardTier,
    DisciplinaryKind,
    EsaLevel,
    OnesqaLevel,
    OnetGrade,
    OnetSubject,
    OrganizationKind,
    Position,
    QualityCoreKind,
    SchoolType,
)
from pramoen.orgs.fakedata import DISTRICTS, fake_national_id, person_name, school_names
from pramoen.orgs.models import (
    Award,
    DisciplinaryRecord,
    Enrollment,
    OnesqaResult,
    OnetMean,
    Organization,
    Person,
    QualityCore,
    QualityNetworkMember,
    SchoolNetwork,
)
from pramoen.orgs.region_services import regions_ensure

DEMO_ESA_CODE = "9999"
DEMO_REGION = 1
SEED = 2569
SCHOOL_COUNT = 150
# Academic year 2569 began on 16 May 2026; the demo's "today" is fixed so reruns agree.
DEMO_YEAR = 2569
TODAY = date(2026, 11, 1)

DEMO_SCHOOLS = [
    ("9999000001", "โรงเรียนบ้านหนองบัว"),
    ("9999000002", "โรงเรียนวัดป่าประดู่"),
    ("9999000003", "โรงเรียนอนุบาลเมืองสมมติ"),
    ("9999000004", "โรงเรียนบ้านเขาแก้ว"),
    ("9999000005", "โรงเรียนชุมชนท่าข้าม"),
]
NETWORK_NAMES = [f"กลุ่มโรงเรียน{d}" for d in DISTRICTS] + ["กลุ่มโรงเรียนริมน้ำ", "กลุ่มโรงเรียนชายแดน"]
# Student counts on the NARA 2 edges (119/120/121/320/321) so every boundary can be seen.
EDGE_COUNTS = [119, 120, 121, 320, 321]
SUBJECTS = [OnetSubject.THAI, OnetSubject.MATH, OnetSubject.SCIENCE, OnetSubject.ENGLISH]


def _school_plan(rng: random.Random) -> list[dict]:
    names = dict(DEMO_SCHOOLS)
    plan = []
    fixed = set(names.values())
    pool = iter(n for n in school_names(rng, SCHOOL_COUNT + len(fixed)) if n not in fixed)
    for index in range(1, SCHOOL_COUNT + 1):
        code = f"9999{index:06d}"
        roll = rng.random()
        if index == 3 or roll < 0.62:
            kind = SchoolType.PRIMARY
        elif roll < 0.92:
            kind = SchoolType.EXTENDED
        else:
            kind = SchoolType.SECONDARY
        name = names.get(code) or next(pool)
        if index <= len(EDGE_COUNTS) + 5 and index > 5:
            students = EDGE_COUNTS[index - 6]
        else:
            students = int(rng.lognormvariate(4.9, 0.75))  # median ≈ 135, long tail
            students = max(12, min(students, 2600))
        levels = {
            SchoolType.PRIMARY: "early,primary",
            SchoolType.EXTENDED: "early,primary,lower_secondary",
            SchoolType.SECONDARY: "lower_secondary,upper_secondary",
        }[kind]
        plan.append(
            {
                "code": code,
                "name": name,
                "type": kind,
                "levels": levels,
                "students": students,
                "network": NETWORK_NAMES[index % len(NETWORK_NAMES)],
                "district": DISTRICTS[index % len(DISTRICTS)],
            }
        )
    return plan


def _staff_count(students: int) -> int:
    # About one staff member per 13 students, never fewer than 5 in a school that is open.
    return max(5, min(90, round(students / 13)))


@transaction.atomic
def load(log: Callable[[str], None]) -> None:
    rng = random.Random(SEED)  # noqa: S311 — reproducible fiction, not security
    obec, _ = Organization.objects.get_or_create(
        kind=OrganizationKind.OBEC,
        code="OBEC",
        defaults={"name_th": "สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน", "name_en": "OBEC"},
    )
    esa, _ = Organization.objects.update_or_create(
        kind=OrganizationKind.ESA,
        code=DEMO_ESA_CODE,
        defaults={
            "parent": obec,
            "name_th": "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาสมมติ เขต ๒",
            "name_en": "Sommut Primary Educational Service Area Office 2",
            "esa_level": EsaLevel.PRIMARY,
            "esa_number": 2,
            "province": "สมมติ",
            # A fictional province: the demo ESA sits in ภาค 1 (the regional reviewer's region).
            "region": regions_ensure(actor=None, audit=False)[DEMO_REGION],
        },
    )
    existing_networks = set(SchoolNetwork.objects.filter(esa=esa).values_list("name", flat=True))
    SchoolNetwork.objects.bulk_create(
        [SchoolNetwork(esa=esa, name=n) for n in NETWORK_NAMES if n not in existing_networks]
    )
    networks = dict(SchoolNetwork.objects.filter(esa=esa).values_list("name", "id"))

    plan = _school_plan(rng)
    existing_codes = set(
        Organization.objects.filter(kind=OrganizationKind.SCHOOL, parent=esa).values_list(
            "code", flat=True
        )
    )
    # The five schools of earlier demos may exist with only a name: give them their details.
    for item in plan:
        if item["code"] in existing_codes:
            Organization.objects.filter(
                kind=OrganizationKind.SCHOOL, code=item["code"], school_type=""
            ).update(school_type=item["type"], levels=item["levels"])
    new_schools = [
        Organization(
            kind=OrganizationKind.SCHOOL,
            parent=esa,
            code=item["code"],
            smis_code=f"99{int(item['code'][4:]):06d}",
            obec_code=f"99{int(item['code'][4:]):04d}",
            name_th=item["name"],
            school_type=item["type"],
            levels=item["levels"],
            network_id=networks[item["network"]],
            address=f"{10 + int(item['code'][-3:])} หมู่ {1 + int(item['code'][-1])}",
            district=item["district"],
            province="สมมติ",
            postcode="99120",
        )
        for item in plan
        if item["code"] not in existing_codes
    ]
    Organization.objects.bulk_create(new_schools)
    schools = dict(
        Organization.objects.filter(kind=OrganizationKind.SCHOOL, parent=esa).values_list(
            "code", "id"
        )
    )

    # Enrollment history: three years, drifting a little year to year.
    have = set(
        Enrollment.objects.filter(school__parent=esa).values_list("school_id", "academic_year")
    )
    enrollments = []
    for item in plan:
        school_id = schools[item["code"]]
        count = item["students"]
        for offset, year in enumerate((DEMO_YEAR, DEMO_YEAR - 1, DEMO_YEAR - 2)):
            students = count if offset == 0 else max(5, round(count * (1 + 0.04 * offset)))
            if (school_id, year) not in have:
                enrollments.append(
                    Enrollment(school_id=school_id, academic_year=year, students=students)
                )
    Enrollment.objects.bulk_create(enrollments)

    _load_results(rng, esa, plan, schools)
    people_added = _load_people(rng, esa, plan, schools)
    _load_quality_network(plan, schools)
    log(
        f"หน่วยงาน: {esa.name_th} สถานศึกษา {len(schools)} แห่ง "
        f"(เพิ่มใหม่ {len(new_schools)}) บุคลากรเพิ่มใหม่ {people_added} คน"
    )


def _load_results(
    rng: random.Random, esa: Organization, plan: list[dict], schools: dict[str, int]
) -> None:
    have_onesqa = set(
        OnesqaResult.objects.filter(school__parent=esa).values_list("school_id", "round")
    )
    levels = [OnesqaLevel.EXCELLENT, OnesqaLevel.VERY_GOOD, OnesqaLevel.GOOD, OnesqaLevel.FAIR]
    onesqa = []
    onet_rows: list[tuple[int, int, str, str, Decimal]] = []
    for item in plan:
        school_id = schools[item["code"]]
        for round_no, year in ((4, 2559), (5, 2564)):
            level = rng.choices(levels, weights=[2, 5, 4, 1])[0]
            if (school_id, round_no) not in have_onesqa:
                onesqa.append(
                    OnesqaResult(
                        school_id=school_id, round=round_no, level=level, assessed_year=year
                    )
                )
        grades = {
            SchoolType.PRIMARY: [OnetGrade.P6],
            SchoolType.EXTENDED: [OnetGrade.P6, OnetGrade.M3],
            SchoolType.SECONDARY: [OnetGrade.M3, OnetGrade.M6],
        }[item["type"]]
        for year in (DEMO_YEAR - 2, DEMO_YEAR - 1):
            for grade in grades:
                for subject in SUBJECTS:
                    mean = Decimal(str(round(rng.uniform(22, 58), 2)))
                    onet_rows.append((school_id, year, grade, subject, mean))
    OnesqaResult.objects.bulk_create(onesqa)
    # The ESA mean of each year/grade/subject is the mean of its schools' means (rounded).
    sums: dict[tuple[int, str, str], list[Decimal]] = {}
    for _school, row_year, row_grade, row_subject, mean in onet_rows:
        sums.setdefault((row_year, row_grade, row_subject), []).append(mean)
    for (row_year, row_grade, row_subject), means in sums.items():
        average = (sum(means, Decimal(0)) / len(means)).quantize(Decimal("0.01"))
        onet_rows.append((esa.pk, row_year, row_grade, row_subject, average))
    have_onet = set(
        OnetMean.objects.filter(organization_id__in=[*schools.values(), esa.pk]).values_list(
            "organization_id", "academic_year", "grade", "subject"
        )
    )
    OnetMean.objects.bulk_create(
        [
            OnetMean(organization_id=o, academic_year=y, grade=g, subject=s, mean=m)
            for o, y, g, s, m in onet_rows
            if (o, y, g, s) not in have_onet
        ],
        batch_size=1000,
    )


def _load_people(
    rng: random.Random, esa: Organization, plan: list[dict], schools: dict[str, int]
) -> int:
    rows: list[dict] = []
    for item in plan:
        school_id = schools[item["code"]]
        staff = _staff_count(item["students"])
        positions = [Position.DIRECTOR]
        if item["students"] >= 321:
            positions.append(Position.DEPUTY_DIRECTOR)
        positions += [Position.TEACHER] * (staff - len(positions) - 2)
        positions += [
            rng.choice(
                [
                    Position.CONTRACT_TEACHER,
                    Position.ASSISTANT_TEACHER,
                    Position.GOVERNMENT_EMPLOYEE,
                    Position.OTHER_38C2,
                ]
            ),
            Position.ASSISTANT_TEACHER,
        ]
        rows += [{"org": school_id, "position": p} for p in positions]
    rows += [{"org": esa.pk, "position": Position.SUPERVISOR} for _ in range(16)]
    rows += [{"org": esa.pk, "position": Position.ESA_DIRECTOR}]
    rows += [{"org": esa.pk, "position": Position.ESA_DEPUTY} for _ in range(3)]
    rows += [{"org": esa.pk, "position": Position.OTHER_38C2} for _ in range(24)]

    existing = set(
        Person.objects.filter(national_id__startswith="199").values_list("national_id", flat=True)
    )
    people = []
    extras: list[tuple[str, str]] = []  # (national id, history kind)
    for number, row in enumerate(rows, start=1):
        nid = fake_national_id(number)
        prefix, first, last = person_name(rng)
        standing = AcademicStanding.NONE
        if row["position"] in {
            Position.TEACHER,
            Position.SUPERVISOR,
            Position.DIRECTOR,
            Position.DEPUTY_DIRECTOR,
        }:
            standing = rng.choices(
                [
                    AcademicStanding.NONE,
                    AcademicStanding.PROFESSIONAL,
                    AcademicStanding.SENIOR_PROFESSIONAL,
                    AcademicStanding.EXPERT,
                ],
                weights=[3, 4, 4, 1],
            )[0]
        roll = rng.random()
        if roll < 0.10:
            # New in post: started within the last year (eligibility often needs ≥ 1–2 years).
            started = TODAY - timedelta(days=rng.randrange(10, 330))
            extras.append((nid, "new"))
        else:
            started = TODAY - timedelta(days=rng.randrange(400, 9000))
        in_org = started + timedelta(days=rng.randrange(0, 900))
        if in_org > TODAY:
            in_org = started
        if rng.random() < 0.16:
            extras.append((nid, "award"))
        if rng.random() < 0.03:
            extras.append((nid, "discipline"))
        if nid in existing:
            continue
        people.append(
            Person(
                prefix=prefix,
                first_name=first,
                last_name=last,
                national_id=nid,
                position=row["position"],
                academic_standing=standing,
                organization_id=row["org"],
                position_started_on=started,
                organization_started_on=in_org,
            )
        )
    Person.objects.bulk_create(people, batch_size=1000)
    created = {p.national_id for p in people}
    ids = (
        dict(Person.objects.filter(national_id__in=list(created)).values_list("national_id", "id"))
        if created
        else {}
    )
    awards, records = [], []
    for nid, what in extras:
        if nid not in ids:
            continue
        if what == "award":
            tier = rng.choices(
                [AwardTier.GOLD, AwardTier.SILVER, AwardTier.BRONZE, AwardTier.HONOURABLE],
                weights=[3, 3, 2, 1],
            )[0]
            awards.append(
                Award(
                    person_id=ids[nid],
                    title=rng.choice(
                        [
                            "ครูดีเด่น",
                            "NARA 2 AWARDS",
                            "ครูผู้สอนดีเด่น",
                            "นวัตกรรมการเรียนรู้ดีเด่น",
                            "ผู้บริหารดีเด่น",
                        ]
                    ),
                    level=rng.choice(
                        [
                            AwardLevel.ESA,
                            AwardLevel.ESA,
                            AwardLevel.PROVINCE,
                            AwardLevel.REGION,
                            AwardLevel.NATIONAL,
                        ]
                    ),
                    year=rng.choice([DEMO_YEAR - 3, DEMO_YEAR - 2, DEMO_YEAR - 1]),
                    domain=rng.choice(list(AwardDomain.values)[:3]),
                    tier=tier,
                    source="สพป.สมมติ เขต ๒",
                )
            )
        elif what == "discipline":
            records.append(
                DisciplinaryRecord(
                    person_id=ids[nid],
                    occurred_on=TODAY - timedelta(days=rng.randrange(30, 700)),
                    kind=rng.choice(
                        [
                            DisciplinaryKind.WARNING,
                            DisciplinaryKind.PROBATION,
                            DisciplinaryKind.SALARY_CUT,
                        ]
                    ),
                    note="ข้อมูลสมมติสำหรับการสาธิต",
                )
            )
    Award.objects.bulk_create(awards)
    DisciplinaryRecord.objects.bulk_create(records)
    return len(people)


def _load_quality_network(plan: list[dict], schools: dict[str, int]) -> None:
    """Four core schools for the current year, each with three to five network schools."""
    by_type: dict[str, list[str]] = {}
    for item in plan:
        by_type.setdefault(item["type"], []).append(item["code"])
    cores = [
        (by_type[SchoolType.PRIMARY][0], QualityCoreKind.PRIMARY_QUALITY),
        (by_type[SchoolType.PRIMARY][1], QualityCoreKind.PRIMARY_QUALITY),
        (by_type[SchoolType.EXTENDED][0], QualityCoreKind.SECONDARY_QUALITY),
        (by_type[SchoolType.PRIMARY][2], QualityCoreKind.STAND_ALONE),
    ]
    have_cores = dict(
        QualityCore.objects.filter(academic_year=DEMO_YEAR).values_list("school_id", "id")
    )
    QualityCore.objects.bulk_create(
        [
            QualityCore(academic_year=DEMO_YEAR, school_id=schools[code], kind=kind)
            for code, kind in cores
            if schools[code] not in have_cores
        ]
    )
    core_ids = dict(
        QualityCore.objects.filter(academic_year=DEMO_YEAR).values_list("school_id", "id")
    )
    have_members = set(
        QualityNetworkMember.objects.filter(academic_year=DEMO_YEAR).values_list(
            "school_id", flat=True
        )
    )
    core_codes = {code for code, _ in cores}
    pool = [c for c in by_type[SchoolType.PRIMARY][3:] if c not in core_codes]
    members = []
    cursor = 0
    for index, (code, kind) in enumerate(cores):
        if kind == QualityCoreKind.STAND_ALONE:
            continue  # stand-alone schools are remote and have no network by definition
        for slot in range(3 + index):
            member_code = pool[cursor]
            cursor += 1
            school_id = schools[member_code]
            if school_id in have_members:
                continue
            absent = index == 0 and slot == 2
            members.append(
                QualityNetworkMember(
                    core_id=core_ids[schools[code]],
                    academic_year=DEMO_YEAR,
                    school_id=school_id,
                    integrated_learning=slot % 2 == 0 and not absent,
                    resource_sharing=not absent,
                    participating=not absent,
                    non_participation_reason=(
                        "ผู้ปกครองไม่ยินยอมให้นักเรียนเดินทางไปเรียนรวม ระยะทาง 18 กม." if absent else ""
                    ),
                )
            )
    QualityNetworkMember.objects.bulk_create(members)
