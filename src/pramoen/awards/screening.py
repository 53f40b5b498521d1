"""Eligibility screening (คุณสมบัติเบื้องต้น) of NARA 2 AWARDS entries — pure Python, no Django.

Data in (facts gathered from master data and Pramoen's own past results), checks out. Each check
is pass / fail / needs evidence and carries ``basis_th``: a Thai sentence naming the data it was
computed from, so ESA staff can confirm it or override it with a reason. Missing data is never a
silent pass: it is ``needs_evidence``.

Rules cite the seed 003 announcement (ประกาศ ข้อ ๑ คุณสมบัติของสถานศึกษา, ข้อ ๒ คุณสมบัติผู้ส่งผลงาน).
Items ๒.๔ (ความประพฤติ) and ๒.๕ (ผลการปฏิบัติงาน) are judgements, not data, and are left to staff.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from pramoen.thai import format_thai_date, to_thai_digits


class Outcome(StrEnum):
    PASS = "pass"  # noqa: S105 — an outcome, not a password
    FAIL = "fail"
    NEEDS_EVIDENCE = "needs_evidence"


OUTCOME_LABELS_TH = {
    Outcome.PASS: "ผ่าน",
    Outcome.FAIL: "ไม่ผ่าน",
    Outcome.NEEDS_EVIDENCE: "ต้องมีหลักฐานเพิ่ม",
}


class CheckCode(StrEnum):
    AFFILIATION = "affiliation"
    ONET = "onet"
    ONESQA = "onesqa"
    SCHOOL_AWARD = "school_award"
    YEARS_IN_POST = "years_in_post"
    DISCIPLINE = "discipline"
    OBEC_AWARD = "obec_award"
    NARA_GOLD = "nara_gold"
    SIZE_GROUP = "size_group"


CHECK_TITLES_TH = {
    CheckCode.AFFILIATION: "สังกัดสำนักงานเขตพื้นที่การศึกษาผู้จัด",
    CheckCode.ONET: "คะแนนเฉลี่ย O-NET สูงกว่าค่าเฉลี่ยระดับเขตพื้นที่อย่างน้อย ๒ วิชา",
    CheckCode.ONESQA: "ผลการประเมินภายนอก สมศ. รอบ ๔/๕ ระดับดีขึ้นไป",
    CheckCode.SCHOOL_AWARD: "ได้รับรางวัลระดับเขตพื้นที่ขึ้นไปอย่างน้อย ๑ รางวัลในรอบ ๓ ปีการศึกษา",
    CheckCode.YEARS_IN_POST: "ปฏิบัติหน้าที่ในสถานศึกษาปัจจุบันมาแล้วไม่น้อยกว่าที่กำหนด",
    CheckCode.DISCIPLINE: "ไม่เคยถูกลงโทษทางวินัยภายในระยะที่กำหนด",
    CheckCode.OBEC_AWARD: "ไม่เคยได้รับรางวัล OBEC AWARDS ย้อนหลังตามที่กำหนด",
    CheckCode.NARA_GOLD: "ไม่เคยได้รับเหรียญทอง NARA 2 AWARDS ในด้านเดิมย้อนหลังตามที่กำหนด",
    CheckCode.SIZE_GROUP: "ขนาดโรงเรียนตรงกับกลุ่มที่สมัคร",
}

# The announcement item each check transcribes.
CHECK_RULES = {
    CheckCode.AFFILIATION: "ประกาศ ข้อ ๑.๑ / ๒.๑",
    CheckCode.ONET: "ประกาศ ข้อ ๑.๒",
    CheckCode.ONESQA: "ประกาศ ข้อ ๑.๓",
    CheckCode.SCHOOL_AWARD: "ประกาศ ข้อ ๑.๔",
    CheckCode.YEARS_IN_POST: "ประกาศ ข้อ ๒.๒",
    CheckCode.DISCIPLINE: "ประกาศ ข้อ ๒.๓",
    CheckCode.OBEC_AWARD: "ประกาศ ข้อ ๒.๖",
    CheckCode.NARA_GOLD: "ประกาศ ข้อ ๒.๗",
    CheckCode.SIZE_GROUP: "ประกาศ ข้อ ๓ (ขนาดโรงเรียน)",
}

SCHOOL_CHECKS = (CheckCode.AFFILIATION, CheckCode.ONET, CheckCode.ONESQA, CheckCode.SCHOOL_AWARD)
PERSON_CHECKS = (
    CheckCode.AFFILIATION,
    CheckCode.YEARS_IN_POST,
    CheckCode.DISCIPLINE,
    CheckCode.OBEC_AWARD,
    CheckCode.NARA_GOLD,
)

ONESQA_GOOD_OR_BETTER = frozenset({"excellent", "very_good", "good"})
# ESA level and above (orgs.enums.AwardLevel), for ประกาศ ข้อ ๑.๔ "ระดับเขตพื้นที่ขึ้นไป".
ESA_LEVEL_OR_ABOVE = frozenset({"esa", "province", "region", "national"})
# A written warning is recorded by offices but is not a penalty under the Act (orgs.enums).
NOT_A_PENALTY = frozenset({"warning"})


@dataclass(frozen=True, slots=True)
class CheckResult:
    code: CheckCode
    outcome: Outcome
    basis_th: str

    @property
    def title_th(self) -> str:
        return CHECK_TITLES_TH[self.code]

    @property
    def rule_th(self) -> str:
        return CHECK_RULES[self.code]


@dataclass(frozen=True, slots=True)
class Parameters:
    """The campaign's eligibility parameters (awards.Campaign)."""

    deadline: date  # the deadline's date in Asia/Bangkok
    year_be: int  # the campaign's year
    domain: str
    domain_label_th: str
    esa_name_th: str
    min_years_in_post: int = 1
    discipline_lookback_years: int = 2
    obec_award_lookback_years: int = 2
    gold_lookback_years: int = 2
    school_award_lookback_years: int = 3


@dataclass(frozen=True, slots=True)
class OnetRow:
    grade: str
    grade_label_th: str
    subject: str
    subject_label_th: str
    school_mean: Decimal
    esa_mean: Decimal | None


@dataclass(frozen=True, slots=True)
class OnesqaRow:
    round: int
    level: str
    level_label_th: str


@dataclass(frozen=True, slots=True)
class PastResult:
    """An earlier Pramoen campaign result of the same nominee (judging.EntryResult)."""

    year_be: int
    domain: str
    tier: str
    tier_label_th: str
    campaign_title_th: str


@dataclass(frozen=True, slots=True)
class SchoolFacts:
    name_th: str
    in_esa: bool
    onet_year: int | None  # latest academic year with the school's O-NET means before the deadline
    onet: tuple[OnetRow, ...] = ()
    onesqa: tuple[OnesqaRow, ...] = ()
    past_results: tuple[PastResult, ...] = ()


@dataclass(frozen=True, slots=True)
class AwardRow:
    title: str
    level: str
    year_be: int
    domain: str  # "" when the history does not say
    tier: str
    tier_label_th: str


@dataclass(frozen=True, slots=True)
class DisciplineRow:
    occurred_on: date
    kind: str
    kind_label_th: str


@dataclass(frozen=True, slots=True)
class PersonFacts:
    """``found`` is False when the nominee matches no one (or several people) in master data."""

    name_th: str
    found: bool
    not_found_reason_th: str = ""
    organization_name_th: str = ""
    in_esa: bool = False
    position_started_on: date | None = None
    organization_started_on: date | None = None
    disciplinary: tuple[DisciplineRow, ...] = ()
    awards: tuple[AwardRow, ...] = ()
    past_results: tuple[PastResult, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class SizeFacts:
    """The entry's size group and what the school's student count says (orgs.sizes scheme).

    ``academic_year`` is the year the count is from: the latest one on record up to the academic
    year in which the campaign opened (its call letter), so the group cannot change mid-campaign
    when the new year's count arrives in June. ``students`` is None when there is no count.
    """

    school_name_th: str
    group: str
    group_label_th: str
    academic_year: int | None
    students: int | None
    classified: str | None
    classified_label_th: str
    ranges_th: str


# ------------------------------------------------------------------------------------- helpers


def _n(value: int | Decimal | str) -> str:
    return to_thai_digits(str(value))


def _d(value: date) -> str:
    return format_thai_date(value, "long")


def add_years(day: date, years: int) -> date:
    """``day`` moved by whole years; 29 Feb becomes 28 Feb in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def is_nara2_award(title: str) -> bool:
    lowered = title.lower().replace(" ", "")
    return "nara2" in lowered or "nara๒" in lowered or "นรา๒" in lowered or "นรา2" in lowered


def is_obec_award(title: str) -> bool:
    lowered = title.lower()
    return "obec awards" in lowered or "ทรงคุณค่า สพฐ" in lowered


# ------------------------------------------------------------------------------- school checks


def check_school_affiliation(facts: SchoolFacts, params: Parameters) -> CheckResult:
    if facts.in_esa:
        return CheckResult(
            CheckCode.AFFILIATION,
            Outcome.PASS,
            f"ทะเบียนสถานศึกษา: {facts.name_th} สังกัด{params.esa_name_th}",
        )
    return CheckResult(
        CheckCode.AFFILIATION,
        Outcome.FAIL,
        f"ทะเบียนสถานศึกษา: {facts.name_th} ไม่ได้สังกัด{params.esa_name_th}",
    )


def check_onet(facts: SchoolFacts, params: Parameters) -> CheckResult:
    """ประกาศ ข้อ ๑.๒: at least 2 subjects above the ESA mean, in every grade tested."""
    code = CheckCode.ONET
    if facts.onet_year is None or not facts.onet:
        return CheckResult(
            code,
            Outcome.NEEDS_EVIDENCE,
            f"ไม่พบคะแนนเฉลี่ย O-NET ของ{facts.name_th} ปีการศึกษาก่อนกำหนดส่ง "
            f"({_d(params.deadline)}) ในระบบ — ต้องแนบผลการทดสอบ",
        )
    grades: dict[str, list[OnetRow]] = {}
    for row in facts.onet:
        grades.setdefault(row.grade, []).append(row)
    parts: list[str] = []
    outcome = Outcome.PASS
    for rows in grades.values():
        above = [r for r in rows if r.esa_mean is not None and r.school_mean > r.esa_mean]
        unknown = [r for r in rows if r.esa_mean is None]
        shown = []
        for r in rows:
            esa = _n(r.esa_mean) if r.esa_mean is not None else "ไม่มีข้อมูล"
            mark = "สูงกว่า" if r in above else ("?" if r in unknown else "ไม่สูงกว่า")
            shown.append(f"{r.subject_label_th} {_n(r.school_mean)} / เขต {esa} ({mark})")
        parts.append(f"{rows[0].grade_label_th} สูงกว่าเขต {_n(len(above))} วิชา: " + "; ".join(shown))
        if len(above) >= 2:
            continue
        if len(above) + len(unknown) >= 2:
            outcome = Outcome.NEEDS_EVIDENCE if outcome is Outcome.PASS else outcome
        else:
            outcome = Outcome.FAIL
    basis = (
        f"O-NET ปีการศึกษา {_n(facts.onet_year)} (ปีล่าสุดก่อนกำหนดส่ง) — "
        + " | ".join(parts)
        + " — เกณฑ์: สูงกว่าค่าเฉลี่ยเขตอย่างน้อย ๒ วิชาในทุกระดับชั้นที่สอบ"
    )
    return CheckResult(code, outcome, basis)


def check_onesqa(facts: SchoolFacts, params: Parameters) -> CheckResult:
    code = CheckCode.ONESQA
    rows = [r for r in facts.onesqa if r.round in (4, 5)]
    if not rows:
        return CheckResult(
            code,
            Outcome.NEEDS_EVIDENCE,
            f"ไม่พบผลการประเมินภายนอก สมศ. รอบ ๔ หรือ ๕ ของ{facts.name_th} ในระบบ — ต้องแนบผลการรับรอง",
        )
    shown = ", ".join(f"รอบ {_n(r.round)} ระดับ{r.level_label_th}" for r in rows)
    if any(r.level in ONESQA_GOOD_OR_BETTER for r in rows):
        return CheckResult(code, Outcome.PASS, f"ผล สมศ.: {shown} — เกณฑ์: ระดับดีขึ้นไป")
    return CheckResult(
        code,
        Outcome.FAIL,
        f"ผล สมศ.: {shown} — ต่ำกว่าระดับดี (เว้นโรงเรียนพื้นที่นวัตกรรมการศึกษา ซึ่งเจ้าหน้าที่ยกเว้นได้โดยระบุเหตุผล)",
    )


def check_school_award(facts: SchoolFacts, params: Parameters) -> CheckResult:
    """ประกาศ ข้อ ๑.๔. Pramoen holds no register of schools' awards other than its own campaign
    results, so finding none is "needs evidence", never a fail."""
    code = CheckCode.SCHOOL_AWARD
    since = params.year_be - params.school_award_lookback_years
    hits = [r for r in facts.past_results if r.tier and since <= r.year_be < params.year_be]
    if hits:
        shown = ", ".join(f"{r.tier_label_th} {r.campaign_title_th}" for r in hits)
        return CheckResult(
            code,
            Outcome.PASS,
            f"ผลการประกวดในระบบ (ปี {_n(since)}–{_n(params.year_be - 1)}): {shown}",
        )
    return CheckResult(
        code,
        Outcome.NEEDS_EVIDENCE,
        f"ไม่พบรางวัลของ{facts.name_th} ในผลการประกวดที่ผ่านมาในระบบ "
        f"(ปี {_n(since)}–{_n(params.year_be - 1)}); ระบบไม่มีทะเบียนรางวัลอื่นของสถานศึกษา "
        "— ต้องแนบเกียรติบัตรระดับเขตพื้นที่ขึ้นไป",
    )


# ------------------------------------------------------------------------------- person checks


def _not_found(code: CheckCode, facts: PersonFacts) -> CheckResult:
    return CheckResult(
        code,
        Outcome.NEEDS_EVIDENCE,
        f"ไม่พบข้อมูล {facts.name_th} ในทะเบียนบุคลากร ({facts.not_found_reason_th}) — ต้องแนบหลักฐาน",
    )


def check_person_affiliation(facts: PersonFacts, params: Parameters) -> CheckResult:
    code = CheckCode.AFFILIATION
    if not facts.found:
        return _not_found(code, facts)
    where = f"ทะเบียนบุคลากร: {facts.name_th} ปฏิบัติงานที่ {facts.organization_name_th}"
    if facts.in_esa:
        return CheckResult(code, Outcome.PASS, f"{where} สังกัด{params.esa_name_th}")
    return CheckResult(code, Outcome.FAIL, f"{where} ซึ่งไม่ได้สังกัด{params.esa_name_th}")


def check_years_in_post(facts: PersonFacts, params: Parameters) -> CheckResult:
    """ประกาศ ข้อ ๒.๒: in the post, in the current school, for ≥ N years counted to the deadline.
    Both start dates bind, so the later one counts; N years to the day passes."""
    code = CheckCode.YEARS_IN_POST
    if not facts.found:
        return _not_found(code, facts)
    known = [
        (label, day)
        for label, day in (
            ("เริ่มดำรงตำแหน่งปัจจุบัน", facts.position_started_on),
            ("เริ่มปฏิบัติงานในสถานศึกษาปัจจุบัน", facts.organization_started_on),
        )
        if day is not None
    ]
    years = params.min_years_in_post
    if not known:
        return CheckResult(
            code,
            Outcome.NEEDS_EVIDENCE,
            f"ทะเบียนบุคลากรไม่มีวันที่เริ่มดำรงตำแหน่งของ {facts.name_th} — ต้องแนบคำสั่งแต่งตั้ง",
        )
    _label, start = max(known, key=lambda item: item[1])
    needed = add_years(start, years)
    shown = "; ".join(f"{lbl} {_d(day)}" for lbl, day in known)
    basis = (
        f"{shown} นับถึงกำหนดส่ง {_d(params.deadline)} — เกณฑ์ไม่น้อยกว่า {_n(years)} ปี "
        f"(ครบเมื่อ {_d(needed)})"
    )
    outcome = Outcome.PASS if needed <= params.deadline else Outcome.FAIL
    return CheckResult(code, outcome, basis)


def check_discipline(facts: PersonFacts, params: Parameters) -> CheckResult:
    """ประกาศ ข้อ ๒.๓: a penalty dated after (deadline − N years) and up to the deadline fails."""
    code = CheckCode.DISCIPLINE
    if not facts.found:
        return _not_found(code, facts)
    years = params.discipline_lookback_years
    since = add_years(params.deadline, -years)
    window = f"ช่วง {_d(since)} (ไม่นับวันนั้น) ถึง {_d(params.deadline)}"
    hits = [
        r
        for r in facts.disciplinary
        if since < r.occurred_on <= params.deadline and r.kind not in NOT_A_PENALTY
    ]
    if hits:
        shown = ", ".join(f"{r.kind_label_th} {_d(r.occurred_on)}" for r in hits)
        return CheckResult(code, Outcome.FAIL, f"ทะเบียนวินัย: {shown} — อยู่ใน{window}")
    others = [r for r in facts.disciplinary if r not in hits]
    noted = (
        "; รายการอื่นในทะเบียน: "
        + ", ".join(f"{r.kind_label_th} {_d(r.occurred_on)}" for r in others)
        + " (อยู่นอกช่วงหรือไม่ใช่โทษทางวินัย)"
        if others
        else ""
    )
    return CheckResult(
        code,
        Outcome.PASS,
        f"ทะเบียนวินัยของ {facts.name_th}: ไม่มีโทษทางวินัยใน{window}{noted} (ยังต้องแนบ ก.พ.๗)",
    )


def check_obec_award(facts: PersonFacts, params: Parameters) -> CheckResult:
    """ประกาศ ข้อ ๒.๖ "ย้อนหลัง ๒ ปี": the campaign year and the N years before it."""
    code = CheckCode.OBEC_AWARD
    if not facts.found:
        return _not_found(code, facts)
    since = params.year_be - params.obec_award_lookback_years
    hits = [a for a in facts.awards if is_obec_award(a.title) and a.year_be >= since]
    if hits:
        shown = ", ".join(f"{a.title} ปี {_n(a.year_be)}" for a in hits)
        return CheckResult(
            code, Outcome.FAIL, f"ประวัติรางวัล: {shown} — อยู่ในช่วงปี {_n(since)}–{_n(params.year_be)}"
        )
    return CheckResult(
        code,
        Outcome.PASS,
        f"ประวัติรางวัลของ {facts.name_th} ({_n(len(facts.awards))} รายการ): ไม่มีรางวัล OBEC AWARDS "
        f"ในช่วงปี {_n(since)}–{_n(params.year_be)}",
    )


def check_nara_gold(facts: PersonFacts, params: Parameters) -> CheckResult:
    """ประกาศ ข้อ ๒.๗: no NARA 2 gold in the same domain in the campaign year or N years before,
    from the person's award history and Pramoen's own past results."""
    code = CheckCode.NARA_GOLD
    if not facts.found:
        return _not_found(code, facts)
    since = params.year_be - params.gold_lookback_years
    span = f"ช่วงปี {_n(since)}–{_n(params.year_be)}"
    golds = [
        a
        for a in facts.awards
        if is_nara2_award(a.title) and a.tier == "gold" and a.year_be >= since
    ]
    same = [a for a in golds if a.domain == params.domain]
    unknown = [a for a in golds if not a.domain]
    results = [
        r
        for r in facts.past_results
        if r.tier == "gold" and r.domain == params.domain and since <= r.year_be
    ]
    found = [f"{a.title} ปี {_n(a.year_be)} (ประวัติรางวัล)" for a in same] + [
        f"{r.tier_label_th} {r.campaign_title_th} (ผลการประกวดในระบบ)" for r in results
    ]
    if found:
        return CheckResult(
            code,
            Outcome.FAIL,
            f"เหรียญทองใน{params.domain_label_th}: " + ", ".join(found) + f" — อยู่ใน{span}",
        )
    if unknown:
        shown = ", ".join(f"{a.title} ปี {_n(a.year_be)}" for a in unknown)
        return CheckResult(
            code,
            Outcome.NEEDS_EVIDENCE,
            f"ประวัติรางวัลมีเหรียญทอง NARA 2 ที่ไม่ระบุด้าน: {shown} — ต้องตรวจว่าเป็น"
            f"{params.domain_label_th}หรือไม่",
        )
    return CheckResult(
        code,
        Outcome.PASS,
        f"ประวัติรางวัลและผลการประกวดในระบบ: ไม่มีเหรียญทอง NARA 2 AWARDS ใน"
        f"{params.domain_label_th} {span}",
    )


# --------------------------------------------------------------------------------- size group


def check_size_group(facts: SizeFacts) -> CheckResult:
    """ประกาศ ข้อ ๓: schools, directors and teachers compete within their school's size class."""
    code = CheckCode.SIZE_GROUP
    wanted = f"สมัครกลุ่ม{facts.group_label_th} — เกณฑ์: {facts.ranges_th}"
    if facts.students is None or facts.academic_year is None:
        return CheckResult(
            code,
            Outcome.NEEDS_EVIDENCE,
            f"ไม่พบจำนวนนักเรียนของ{facts.school_name_th} ในระบบ — {wanted} — ต้องแนบข้อมูลจำนวนนักเรียน",
        )
    count = (
        f"{facts.school_name_th} มีนักเรียน {_n(facts.students)} คน "
        f"(ปีการศึกษา {_n(facts.academic_year)}) เป็น{facts.classified_label_th}"
    )
    outcome = Outcome.PASS if facts.classified == facts.group else Outcome.FAIL
    return CheckResult(code, outcome, f"{count}; {wanted}")


def screen_school(
    facts: SchoolFacts, params: Parameters, size: SizeFacts | None = None
) -> list[CheckResult]:
    checks = [
        check_school_affiliation(facts, params),
        check_onet(facts, params),
        check_onesqa(facts, params),
        check_school_award(facts, params),
    ]
    return checks + ([check_size_group(size)] if size is not None else [])


def screen_person(
    facts: PersonFacts, params: Parameters, size: SizeFacts | None = None
) -> list[CheckResult]:
    checks = [
        check_person_affiliation(facts, params),
        check_years_in_post(facts, params),
        check_discipline(facts, params),
        check_obec_award(facts, params),
        check_nara_gold(facts, params),
    ]
    return checks + ([check_size_group(size)] if size is not None else [])
