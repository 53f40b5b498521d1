"""Demo award campaigns of the demo ESA, bound to the shipped NARA 2 instruments (seed 003):

* ครั้งที่ ๕ ประจำปี ๒๕๖๙ with the seed's own dates (closed; the judging demo scores its entries);
* ครั้งที่ ๖ ประจำปี ๒๕๗๐, cloned from it and open for entries from the day the demo is loaded
  (deadline 45 days on), so the applicant accounts have something to apply to; persons may apply
  for themselves there. It also offers supervisors and other staff (ประกาศ ข้อ ๓.๔, ๓.๕) on the
  ESA-authored instruments of ``library/nara2/edstaff`` (the seed prints no form for them).

Safe to run again: each edition is created once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

from django.utils import timezone

from pramoen.awards.enums import AwardDomain, LearningArea, SizeClass, TeacherLevel
from pramoen.awards.models import Campaign
from pramoen.awards.services import (
    CategorySpec,
    campaign_category_add,
    campaign_clone,
    campaign_create,
    campaign_update,
)
from pramoen.orgs.enums import OrganizationKind
from pramoen.orgs.models import Organization
from pramoen.thai import format_thai_datetime

BANGKOK = ZoneInfo("Asia/Bangkok")
OPEN_YEAR_BE = 2570
OPEN_FOR_DAYS = 45
SIZES = list(SizeClass.values)
DOMAINS = list(AwardDomain.values)

# Teacher academic forms differ by level (seed 003, แบบประเมินผลงานครูผู้สอน ด้านวิชาการ):
# (level, learning area, scoring instrument).
TEACHER_ACADEMIC = [
    (TeacherLevel.EARLY_CHILDHOOD, "", "nara2-teacher-academic-early-childhood"),
    (TeacherLevel.PRIMARY, "", "nara2-teacher-academic-subject"),
    (TeacherLevel.PRIMARY, LearningArea.ACTIVITY, "nara2-teacher-academic-activity"),
    (TeacherLevel.LOWER_SECONDARY, "", "nara2-teacher-academic-subject"),
    (TeacherLevel.SPECIAL_NEEDS, "", "nara2-teacher-academic-special-needs"),
]


# ประกาศ ข้อ ๓.๔ ศึกษานิเทศก์ and ๓.๕ บุคลากรทางการศึกษาอื่น ๓๘ ค (๒): the three domains, no sizes.
ESA_AUTHORED_CATEGORIES = ("supervisor", "other_staff")


def esa_authored_categories() -> list[CategorySpec]:
    """Supervisors and other staff on the ESA's own instruments (one per domain, shared by both
    categories; marked "สพท. จัดทำขึ้นเอง — ประกาศไม่มีแบบฟอร์ม")."""
    return [
        CategorySpec(
            category=category,
            domain=domain,
            eligibility_instrument_id="nara2-edstaff-preliminary",
            scoring_instrument_id=f"nara2-edstaff-{domain}",
        )
        for category in ESA_AUTHORED_CATEGORIES
        for domain in DOMAINS
    ]


def demo_categories() -> list[CategorySpec]:
    """Every NARA 2 group with a transcribed instrument. Supervisors and other staff (ประกาศ ข้อ
    ๓.๔, ๓.๕) have no form in the seed: the 2569 edition (the seed's own) does not offer them; the
    open edition adds them on the ESA-authored instruments (:func:`esa_authored_categories`)."""
    specs = [
        CategorySpec(
            category=category,
            domain=domain,
            size_class=size,
            eligibility_instrument_id=eligibility,
            scoring_instrument_id=f"nara2-{category}-{domain}",
        )
        for category, eligibility in (
            ("school", "nara2-school-eligibility"),
            ("director", "nara2-director-preliminary"),
        )
        for domain in DOMAINS
        for size in SIZES
    ]
    for level, area, scoring in TEACHER_ACADEMIC:
        specs += [
            CategorySpec(
                category="teacher",
                domain=AwardDomain.ACADEMIC,
                teacher_level=level,
                learning_area=area,
                size_class=size,
                eligibility_instrument_id="nara2-teacher-eligibility",
                scoring_instrument_id=scoring,
            )
            for size in SIZES
        ]
    specs += [
        CategorySpec(
            category="teacher",
            domain=AwardDomain.INNOVATION,
            size_class=size,
            eligibility_instrument_id="nara2-teacher-eligibility",
            scoring_instrument_id="nara2-teacher-innovation",
        )
        for size in SIZES
    ]
    return specs


def load(log: Callable[[str], None]) -> None:
    from pramoen.orgs.demo import DEMO_ESA_CODE

    esa = Organization.objects.get(kind=OrganizationKind.ESA, code=DEMO_ESA_CODE)
    existing = Campaign.objects.filter(esa=esa, name="NARA 2 AWARDS", year_be=2569).first()
    if existing is None:
        existing = campaign_create(
            esa=esa,
            actor=None,
            categories=demo_categories(),
            edition=5,
            year_be=2569,
            opens_on=dt.date(2026, 3, 26),
            deadline=dt.datetime(2026, 6, 19, 16, 30, tzinfo=BANGKOK),
            correction_starts_on=dt.date(2026, 6, 22),
            correction_ends_on=dt.date(2026, 6, 26),
            judging_starts_on=dt.date(2026, 7, 1),
            judging_ends_on=dt.date(2026, 7, 15),
            announce_on=dt.date(2026, 8, 3),
            letter_number="ศธ ๐๔๙๙๙/๑๐๖๙",
            letter_date=dt.date(2026, 3, 26),
            esa_address="๙๙ หมู่ ๙ ตำบลในเมือง\nอำเภอเมืองสมมติ จังหวัดสมมติ ๙๙๐๐๐",
            signatory_name="นายประกาศ สว่างใจ",
            signatory_position=(
                f"รองผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา ปฏิบัติราชการแทน\nผู้อำนวยการ{esa.name_th}"
            ),
            contact_phone="๐-๙๙๙๙-๐๗๙๒",
            contact_fax="๐-๙๙๙๙-๐๗๙๐",
        )
    log(f"การประกวด: {existing.title_th} ({existing.categories.count()} กลุ่ม)")
    upcoming = Campaign.objects.filter(esa=esa, name=existing.name, year_be=OPEN_YEAR_BE).first()
    if upcoming is None:
        upcoming = _open_next_edition(existing)
    _add_esa_authored_groups(upcoming)
    log(f"การประกวด: {upcoming.title_th} เปิดรับผลงานถึง {format_thai_datetime(upcoming.deadline)}")


def _add_esa_authored_groups(campaign: Campaign) -> None:
    # Added, not cloned, so a database loaded before they existed gets them on the next load too.
    have = set(campaign.categories.values_list("category", "domain"))
    for spec in esa_authored_categories():
        if (spec.category, spec.domain) not in have:
            campaign_category_add(campaign=campaign, spec=spec, actor=None)


def _open_next_edition(source: Campaign) -> Campaign:
    """Next year's edition, open now: the clone's dates moved to start a week before today."""
    campaign = campaign_clone(source=source, year_be=OPEN_YEAR_BE, actor=None).campaign
    today = timezone.localdate()
    last_day = today + dt.timedelta(days=OPEN_FOR_DAYS)

    def after(days: int) -> dt.date:
        return last_day + dt.timedelta(days=days)

    return campaign_update(
        campaign=campaign,
        actor=None,
        changes={
            "opens_on": today - dt.timedelta(days=7),
            "letter_date": today - dt.timedelta(days=7),
            "letter_number": "ศธ ๐๔๙๙๙/๑๑๒๐",
            "deadline": dt.datetime.combine(last_day, dt.time(16, 30), tzinfo=BANGKOK),
            "correction_starts_on": after(3),
            "correction_ends_on": after(7),
            "judging_starts_on": after(14),
            "judging_ends_on": after(28),
            "announce_on": after(42),
            # So the demo's person account (teacher) can apply for herself as well.
            "self_application_allowed": True,
        },
    )
